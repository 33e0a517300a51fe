"""Typed exceptions for every answer the registry can refuse a request with.

The problem types come from ``error_codes.json``, which is generated from the Java ``ErrorCode`` enum (core's
``ErrorCodesFileTest`` fails when the two differ), so the Python and Java clients share one list. Each code
becomes a subclass of :class:`ProblemError` named after its problem type: ``urn:model-registry:problem:four-eyes``
is ``FourEyesError``, ``...:digest-mismatch`` is ``DigestMismatchError``::

    try:
        registry.promote(model_id, approver="bob")
    except errors.FourEyesError as refused:
        print(refused.status, refused.detail, refused.request_id)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping

__all__ = [
    "RegistryError",
    "RegistryUnreachable",
    "ProblemError",
    "FieldError",
    "ArtifactIntegrityError",
    "problem_class",
    "problem_from_response",
]

_SNIPPET = 200


class RegistryError(Exception):
    """Base of every error this package raises about the registry (refusals, no answer, failed verification)."""


class RegistryUnreachable(RegistryError):
    """No HTTP answer at all: refused connection, DNS failure, timeout, or a connection that broke mid-transfer."""

    def __init__(self, method: str, url: str, cause: BaseException, request_id: str | None = None) -> None:
        super().__init__(f"cannot reach the model registry: {method} {url} failed: {_describe(cause)}")
        self.method = method
        self.url = url
        self.cause = cause
        # The X-Request-Id this client sent: the server's log may still know the request if only the answer was lost.
        self.request_id = request_id


@dataclass(frozen=True)
class FieldError:
    """One invalid field of a ``validation-failed`` problem, or one unmet rule of a refused promotion."""

    field: str
    message: str


class ProblemError(RegistryError):
    """A non-2xx answer: an RFC 9457 problem, or an answer that was not one (then ``type`` is None).

    Subclasses exist per problem type; an unknown type (a newer server) is a plain ``ProblemError``.
    """

    #: The Java ``ErrorCode`` name (e.g. ``FOUR_EYES``); None on the base class.
    CODE: str | None = None
    #: The problem ``type`` URI the class stands for; None on the base class.
    TYPE: str | None = None
    #: The HTTP status the registry answers this problem with.
    STATUS: int | None = None
    #: The standard title of the problem.
    TITLE: str | None = None

    def __init__(self, status: int, type: str | None, title: str, detail: str,
                 errors: list[FieldError] | None = None, request_id: str | None = None) -> None:
        super().__init__(f"HTTP {status} {title}: {detail}" if detail != title else f"HTTP {status} {title}")
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors: list[FieldError] = list(errors or [])
        self.request_id = request_id

    @property
    def is_client_error(self) -> bool:
        """True for a 4xx refusal: repeating the same request will not help."""
        return 400 <= self.status < 500


class ArtifactIntegrityError(RegistryError):
    """A download whose bytes did not match their length or SHA-256; nothing was left at the target."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _class_name(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-")) + "Error"


def _load() -> tuple[dict[str, type[ProblemError]], dict[str, type[ProblemError]]]:
    text = resources.files(__package__ or "modelreg").joinpath("error_codes.json").read_text("utf-8")
    by_type: dict[str, type[ProblemError]] = {}
    by_name: dict[str, type[ProblemError]] = {}
    for code in json.loads(text)["codes"]:
        slug = code["type"].rsplit(":", 1)[-1]
        name = _class_name(slug)
        cls = type(name, (ProblemError,), {
            "__doc__": f"{code['status']} {code['type']}: {code['title']}.",
            "__module__": __name__,
            "CODE": code["name"],
            "TYPE": code["type"],
            "STATUS": code["status"],
            "TITLE": code["title"],
        })
        by_type[code["type"]] = cls
        by_name[name] = cls
    return by_type, by_name


_BY_TYPE, _BY_NAME = _load()
__all__ += sorted(_BY_NAME)
globals().update(_BY_NAME)


def __getattr__(name: str) -> type[ProblemError]:
    # Never reached at run time (the classes are module globals); it tells type checkers that the generated names
    # exist and are ProblemError subclasses.
    try:
        return _BY_NAME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def problem_class(type_uri: str | None) -> type[ProblemError]:
    """The exception class of a problem type; :class:`ProblemError` itself for an unknown or missing type."""
    return _BY_TYPE.get(type_uri or "", ProblemError)


def problem_from_response(status: int, headers: Mapping[str, str], body: bytes, method: str,
                          url: str) -> ProblemError:
    """Turns a non-2xx answer into its typed exception, whatever the body looks like (a proxy may send HTML)."""
    request_id = headers.get("X-Request-Id")
    problem = _parse_problem(headers.get("Content-Type", ""), body)
    if problem is None:
        return ProblemError(status, None, f"HTTP {status}", f"{method} {url} answered HTTP {status}{_snippet(body)}",
                            [], request_id)
    type_uri = problem["type"]
    cls = problem_class(type_uri)
    title = _text(problem, "title") or cls.TITLE or f"HTTP {status}"
    detail = _text(problem, "detail") or title
    errors = [FieldError(str(e.get("field", "")), str(e.get("message", "")))
              for e in problem.get("errors") or [] if isinstance(e, dict)]
    return cls(status, type_uri, title, detail, errors, _text(problem, "request_id") or request_id)


def _parse_problem(content_type: str, body: bytes) -> dict[str, Any] | None:
    if not (content_type.startswith("application/problem+json") or content_type.startswith("application/json")):
        return None
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return parsed if isinstance(parsed, dict) and isinstance(parsed.get("type"), str) else None


def _text(problem: Mapping[str, Any], field: str) -> str | None:
    value = problem.get(field)
    return value if isinstance(value, str) and value.strip() else None


def _snippet(body: bytes) -> str:
    if not body:
        return " with an empty body"
    text = " ".join(body[:_SNIPPET * 4].decode("utf-8", "replace").split())
    return ": " + (text[:_SNIPPET] + "…" if len(text) > _SNIPPET else text)


def _describe(cause: BaseException) -> str:
    message = str(cause).strip()
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    return f"{type(cause).__name__}: {message}" if message else type(cause).__name__
