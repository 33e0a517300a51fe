"""The in-toto Statement v1 of an evaluation report, built and checked before it is signed.

:func:`check_statement` applies the registry's own rules (Java ``EvaluationStatementCheck``, which the server runs on
every submitted report and ``modelreg sign-report`` runs before signing), in the same order and with the same field
names, so a statement that would be refused with 422 ``statement-invalid`` or ``subject-mismatch`` is refused here,
before anything is signed. :class:`Statement` builds one from its values and also checks that the subject is a
model_id and a lineage hash, which the registry would only find out when it looks the version up.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from ._time import is_timestamp
from .errors import FieldError

__all__ = ["Statement", "InvalidStatement", "check_statement", "parse_statement", "STATEMENT_TYPE",
           "PREDICATE_TYPE", "PAYLOAD_TYPE"]

#: The DSSE ``payloadType`` of every evaluation report.
PAYLOAD_TYPE = "application/vnd.in-toto+json"
#: The statement's ``_type``.
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
#: The statement's ``predicateType``.
PREDICATE_TYPE = "urn:model-registry:evaluation-report:v1"

_MAX_TEXT = 128
_MAX_METRIC_TEXT = 1024
# As the registry parses a signed statement: at most 64 levels of objects and arrays.
_MAX_DEPTH = 64
# Java's \p{Cntrl}: the C0 controls and DEL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PREDICATE_FIELDS = frozenset({"report_id", "objective", "verdict", "metrics", "evaluator", "created_at"})
_MODEL_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}@\d{4}\.\d{2}\.\d{2}-r[1-9][0-9]{0,8}", re.ASCII)
_LINEAGE_HASH = re.compile(r"[0-9a-f]{64}")


class InvalidStatement(ValueError):
    """A statement the registry would refuse; ``errors`` names every invalid field, ``type`` the problem the
    registry would answer (``...:statement-invalid`` or ``...:subject-mismatch``)."""

    def __init__(self, detail: str, errors: list[FieldError] | None = None,
                 type: str = "urn:model-registry:problem:statement-invalid") -> None:
        lines = [detail] + [f"  {e.field}: {e.message}" for e in errors or []]
        super().__init__("\n".join(lines))
        self.detail = detail
        self.errors: list[FieldError] = list(errors or [])
        self.type = type


def check_statement(statement: Any) -> None:
    """Raises :class:`InvalidStatement` unless ``statement`` (parsed JSON) is one the registry accepts.

    The one rule left out is that ``predicate.evaluator`` must be the evaluator whose key signs the report: only
    the registry knows which evaluator a key belongs to.
    """
    if not isinstance(statement, Mapping):
        raise InvalidStatement("the payload must be a JSON object")
    errors: list[FieldError] = []
    _expect_text(errors, statement, "_type", STATEMENT_TYPE)
    _expect_text(errors, statement, "predicateType", PREDICATE_TYPE)
    subjects = _subjects(errors, statement)
    predicate = statement.get("predicate")
    if not isinstance(predicate, Mapping):
        errors.append(FieldError("predicate", "must be an object"))
        raise _invalid(errors)
    for name in predicate:
        if name not in _PREDICATE_FIELDS:
            errors.append(FieldError(f"predicate.{name}", "is not a known field"))
    for name in ("report_id", "objective"):
        _text(errors, predicate, name)
    if predicate.get("verdict") not in ("pass", "fail"):
        errors.append(FieldError("predicate.verdict", 'must be "pass" or "fail"'))
    _metrics(errors, predicate)
    _text(errors, predicate, "evaluator")
    if not is_timestamp(predicate.get("created_at")):
        errors.append(FieldError("predicate.created_at", "must be an RFC 3339 timestamp with offset"))
    if errors:
        raise _invalid(errors)
    assert isinstance(subjects, list)  # _subjects reported anything else
    if len(subjects) != 1:
        raise InvalidStatement(f"a report names exactly one subject, this one names {len(subjects)}", [],
                               "urn:model-registry:problem:subject-mismatch")
    if not isinstance(subjects[0]["digest"].get("sha256"), str):
        raise InvalidStatement("the subject has no sha256 digest (its lineage hash)", [],
                               "urn:model-registry:problem:subject-mismatch")


def parse_statement(payload: bytes) -> dict[str, Any]:
    """Parses statement bytes as strictly as the registry does (no duplicate keys, at most 64 levels deep) and
    checks them with :func:`check_statement`."""
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        names = [name for name, _ in pairs]
        if len(set(names)) != len(names):
            raise InvalidStatement(f"the payload is not valid JSON: duplicate key in {sorted(names)}")
        return dict(pairs)

    try:
        parsed = json.loads(payload, object_pairs_hook=no_duplicates, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        if isinstance(e, InvalidStatement):
            raise
        raise InvalidStatement("the payload is not valid JSON") from None
    if _depth(parsed) > _MAX_DEPTH:
        raise InvalidStatement(f"the payload nests deeper than {_MAX_DEPTH} levels")
    check_statement(parsed)
    return parsed


@dataclass(frozen=True)
class Statement:
    """An evaluation report's statement about one version, checked when it is made: an invalid one cannot exist.

    ``created_at`` defaults to now (UTC). ``metrics`` maps names to finite numbers or strings.
    """

    model_id: str
    lineage_hash: str
    report_id: str
    objective: str
    verdict: str
    evaluator: str
    metrics: Mapping[str, float | int | str] = field(default_factory=dict)
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def __post_init__(self) -> None:
        errors = []
        if not isinstance(self.model_id, str) or not _MODEL_ID.fullmatch(self.model_id):
            errors.append(FieldError("subject[0].name", "must be a model_id: {name}@{YYYY.MM.DD}-r{N}"))
        if not isinstance(self.lineage_hash, str) or not _LINEAGE_HASH.fullmatch(self.lineage_hash):
            errors.append(FieldError("subject[0].digest.sha256", "must be a lineage hash: 64 lower-case hex"))
        try:
            check_statement(self.to_json())
        except InvalidStatement as invalid:
            if not errors or not invalid.errors:
                raise
            errors += invalid.errors
        if errors:
            raise _invalid(errors)

    @classmethod
    def for_version(cls, version: Any, **predicate: Any) -> "Statement":
        """A statement about a :class:`~modelreg.records.Version` (or any object or mapping with ``model_id`` and
        ``lineage_hash``); ``predicate`` holds the other fields."""
        get = version.get if isinstance(version, Mapping) else lambda name: getattr(version, name)
        return cls(model_id=get("model_id"), lineage_hash=get("lineage_hash"), **predicate)

    def to_json(self) -> dict[str, Any]:
        """The statement as JSON: one subject, the evaluation predicate."""
        return {
            "_type": STATEMENT_TYPE,
            "subject": [{"name": self.model_id, "digest": {"sha256": self.lineage_hash}}],
            "predicateType": PREDICATE_TYPE,
            "predicate": {
                "report_id": self.report_id,
                "objective": self.objective,
                "verdict": self.verdict,
                "metrics": dict(self.metrics),
                "evaluator": self.evaluator,
                "created_at": self.created_at,
            },
        }

    def to_bytes(self) -> bytes:
        """The compact UTF-8 JSON that gets signed."""
        return self.to_bytes_of(self.to_json())

    @staticmethod
    def to_bytes_of(statement: Mapping[str, Any]) -> bytes:
        """Compact UTF-8 JSON of a statement given as a mapping."""
        return json.dumps(statement, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _invalid(errors: list[FieldError]) -> InvalidStatement:
    fields = ", ".join(dict.fromkeys(e.field for e in errors))
    return InvalidStatement(f"the payload is not an evaluation report statement: {fields}", errors)


def _subjects(errors: list[FieldError], statement: Mapping[str, Any]) -> Any:
    subjects = statement.get("subject")
    if not isinstance(subjects, list):
        errors.append(FieldError("subject", "must be an array of {name, digest}"))
        return subjects
    for i, subject in enumerate(subjects):
        if not (isinstance(subject, Mapping) and isinstance(subject.get("name"), str)
                and isinstance(subject.get("digest"), Mapping)):
            errors.append(FieldError(f"subject[{i}]", "must be an object {name: string, digest: object}"))
    return subjects


def _expect_text(errors: list[FieldError], node: Mapping[str, Any], name: str, expected: str) -> None:
    if node.get(name) != expected:
        errors.append(FieldError(name, f"must be {expected}"))


def _java_length(text: str) -> int:
    # Java's String.length(): UTF-16 code units, so an astral-plane character counts twice.
    return len(text.encode("utf-16-le")) // 2


def _printable(text: Any, max_length: int, allow_empty: bool) -> bool:
    return (isinstance(text, str) and (allow_empty or text != "") and _java_length(text) <= max_length
            and not _CONTROL.search(text))


def _text(errors: list[FieldError], predicate: Mapping[str, Any], name: str) -> None:
    if not _printable(predicate.get(name), _MAX_TEXT, allow_empty=False):
        errors.append(FieldError(f"predicate.{name}", f"must be a string of 1–{_MAX_TEXT} printable characters"))


def _metrics(errors: list[FieldError], predicate: Mapping[str, Any]) -> None:
    metrics = predicate.get("metrics")
    if not isinstance(metrics, Mapping):
        errors.append(FieldError("predicate.metrics", "must be an object of numbers or strings"))
        return
    for name, value in metrics.items():
        if not _printable(name, _MAX_TEXT, allow_empty=False):
            errors.append(FieldError("predicate.metrics", f"metric names are 1–{_MAX_TEXT} printable characters"))
        elif not (_finite(value) or _printable(value, _MAX_METRIC_TEXT, allow_empty=True)):
            errors.append(FieldError(f"predicate.metrics.{name}", "must be a finite number or a string of at most "
                                                                  f"{_MAX_METRIC_TEXT} printable characters"))


def _finite(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an int beyond any double: the registry reads it as infinity
        return False


def _refuse_constant(name: str) -> Any:
    raise InvalidStatement(f"the payload is not valid JSON: {name} is not a JSON value")


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [child for node in level if isinstance(node, (dict, list))
                 for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, (dict, list))]
    return depth
