"""The HTTP plumbing under :class:`modelreg.Registry`: base URL, bearer token, timeouts, JSON and streamed bodies,
problem+json mapped to typed exceptions, and retries that never make one call act twice.

Retries: a request that got no answer (refused or broken connection, timeout) or a 502/503/504 is sent again, with
a growing pause, up to ``max_attempts`` times in all. That is safe because every request this client sends is
idempotent: GET, PUT and DELETE are by HTTP, streamed POSTs (lineage ingest) are by content on the server, and every
JSON POST carries one ``Idempotency-Key`` for the whole logical call, so a retry after a lost answer gets the first
answer replayed instead of acting twice. A 409 ``idempotency-key-in-use`` (the first attempt is still running on the
server) is retried the same way.

Only the standard library: ``http.client`` over a small pool of keep-alive connections (thread-safe).
"""

from __future__ import annotations

import http.client
import json
import random
import re
import ssl
import threading
import time
import uuid
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterator, Mapping, Union
from urllib.parse import quote, urlencode, urlsplit

from . import errors

__all__ = ["Transport", "Response", "StreamedResponse", "BodySource", "segment", "segments"]

#: A request body: bytes, or a function opening a fresh readable stream for each attempt (so a retry re-sends
#: from the first byte) together with ``content_length``.
BodySource = Union[bytes, Callable[[], IO[bytes]]]

IDEMPOTENCY_KEY = "Idempotency-Key"
REQUEST_ID = "X-Request-Id"
_ACCEPT_JSON = "application/json, application/problem+json"
_RETRY_STATUSES = frozenset({502, 503, 504})
# Enough of an error answer to a streamed call to read its problem document; the rest is not read.
_MAX_PROBLEM_BYTES = 64 * 1024
_BLOCK = 256 * 1024
# RFC 6750 b64token; anything else could smuggle a header or echo the token into an error message.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_MAX_BACKOFF = 5.0


def segment(value: str) -> str:
    """Percent-encodes one path segment (everything but RFC 3986 unreserved characters and ``@``), so that a name
    can never add a segment, a query or a ``:verb`` suffix."""
    if not isinstance(value, str) or value in ("", ".", ".."):
        raise ValueError(f"not a usable path segment: {value!r}")
    return quote(value, safe="@")


def segments(path: str) -> str:
    """Percent-encodes an artifact path segment by segment, keeping the ``/`` between them; empty, ``.`` and ``..``
    segments are refused, so the path can only name something below the version."""
    if not isinstance(path, str) or not path or any(s in ("", ".", "..") for s in path.split("/")):
        raise ValueError(f"not a usable artifact path: {path!r}")
    return "/".join(quote(s, safe="@") for s in path.split("/"))


@dataclass(frozen=True)
class Response:
    """A successful (2xx) answer read whole."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def request_id(self) -> str | None:
        """The registry's ``X-Request-Id`` for this request, to match its logs."""
        return self.headers.get(REQUEST_ID)

    @property
    def replayed(self) -> bool:
        """True when the registry answered a retried POST with the first attempt's stored answer."""
        return self.headers.get("Idempotent-Replayed") == "true"

    def json(self) -> Any:
        """The body as JSON; None for an empty body (204)."""
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            raise errors.ProblemError(self.status, None, "Unreadable response",
                                      f"the registry answered HTTP {self.status} with a body that is not JSON",
                                      [], self.request_id) from None

    def required_json(self) -> Any:
        """The body as JSON, which this call must have: a 2xx without one is a registry fault, not a None."""
        value = self.json()
        if value is None:
            raise errors.ProblemError(self.status, None, "Unreadable response",
                                      f"the registry answered HTTP {self.status} without the expected JSON body",
                                      [], self.request_id)
        return value


class StreamedResponse:
    """A successful (2xx) answer whose body is read as it arrives. Close it (or use ``with``) when done; a body
    read to its end gives its connection back for reuse."""

    def __init__(self, transport: "Transport", connection: http.client.HTTPConnection,
                 response: http.client.HTTPResponse, method: str, url: str, request_id: str) -> None:
        self._transport = transport
        self._connection: http.client.HTTPConnection | None = connection
        self._response = response
        self._method = method
        self._url = url
        self._sent_request_id = request_id
        self.status = response.status
        self.headers: Mapping[str, str] = _headers(response)

    @property
    def request_id(self) -> str | None:
        return self.headers.get(REQUEST_ID) or self._sent_request_id

    def read(self, size: int = _BLOCK) -> bytes:
        """Up to ``size`` bytes; b"" at the end. A transfer that breaks off is :class:`RegistryUnreachable`."""
        try:
            return self._response.read(size)
        except (OSError, http.client.HTTPException) as e:
            self.close()
            raise errors.RegistryUnreachable(self._method, self._url, e, self._sent_request_id) from e

    def iter_lines(self) -> Iterator[bytes]:
        """The body line by line (without the line end), each as soon as it has arrived whole."""
        while True:
            try:
                line = self._response.readline()
            except (OSError, http.client.HTTPException) as e:
                self.close()
                raise errors.RegistryUnreachable(self._method, self._url, e, self._sent_request_id) from e
            if not line:
                return
            yield line.rstrip(b"\r\n")

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._response.isclosed():
            self._transport._release(connection)
        else:
            self._response.close()
            connection.close()

    def __enter__(self) -> "StreamedResponse":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Transport:
    """HTTP to one registry. Thread-safe; ``close()`` drops its idle connections."""

    def __init__(self, base_url: str, token: str | None, *, timeout: float = 60.0, connect_timeout: float = 10.0,
                 max_attempts: int = 4, backoff: float = 0.25) -> None:
        parts = urlsplit(base_url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"registry URL must be http(s)://host[:port][/prefix], got: {base_url!r}")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(f"registry URL must not carry a query, fragment or user info: "
                             f"{parts.scheme}://{parts.hostname}")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._prefix = parts.path.rstrip("/")
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self.base_url = self._origin + self._prefix
        self._authorization = _authorization(token)
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._ssl = ssl.create_default_context() if self._https else None

    @property
    def has_token(self) -> bool:
        return self._authorization is not None

    def __repr__(self) -> str:
        # Never the token: this ends up in logs.
        return f"Transport({self.base_url}, {'with token' if self.has_token else 'anonymous'})"

    # ---- calls ---------------------------------------------------------------------------------------------

    def get(self, path: str, query: Mapping[str, Any] | None = None, *, timeout: float | None = None) -> Response:
        return self.send("GET", path, query=query, timeout=timeout)

    def post(self, path: str, body: Any, *, idempotency_key: str | None = None) -> Response:
        """POSTs a JSON body with an ``Idempotency-Key`` (a new one unless given) kept across retries."""
        return self.send("POST", path, json_body=body, idempotency_key=idempotency_key or new_idempotency_key())

    def put(self, path: str, body: Any = None) -> Response:
        return self.send("PUT", path, json_body=body)

    def patch(self, path: str, body: Any) -> Response:
        # PATCH is not idempotent by HTTP and the registry keys only POSTs: sent once.
        return self.send("PATCH", path, json_body=body, retry=False)

    def delete(self, path: str) -> Response:
        return self.send("DELETE", path)

    def send(self, method: str, path: str, *, query: Mapping[str, Any] | None = None, json_body: Any = None,
             body: BodySource | None = None, content_length: int | None = None,
             headers: Mapping[str, str] | None = None, timeout: float | None = None,
             idempotency_key: str | None = None, retry: bool = True) -> Response:
        """Sends a request and reads its whole answer; a non-2xx answer is raised as its typed problem."""
        with self.open(method, path, query=query, json_body=json_body, body=body, content_length=content_length,
                       headers=headers, timeout=timeout, idempotency_key=idempotency_key, retry=retry) as streamed:
            data = _read_all(streamed)
            return Response(streamed.status, streamed.headers, data)

    def open(self, method: str, path: str, *, query: Mapping[str, Any] | None = None, json_body: Any = None,
             body: BodySource | None = None, content_length: int | None = None,
             headers: Mapping[str, str] | None = None, timeout: float | None = None,
             idempotency_key: str | None = None, retry: bool = True) -> StreamedResponse:
        """Sends a request and answers as soon as the response headers are in; the body is read from the result.

        ``timeout`` (seconds, default the transport's) bounds each wait for the network, not the whole transfer,
        so a large upload or download runs as long as bytes keep moving.
        """
        url_path = self._prefix + path + _query(query)
        request_headers = {"Accept": _ACCEPT_JSON, REQUEST_ID: str(uuid.uuid4())}
        if self._authorization:
            request_headers["Authorization"] = self._authorization
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
            request_headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            request_headers[IDEMPOTENCY_KEY] = idempotency_key
        if isinstance(body, (bytes, bytearray)):
            content_length = len(body)
        if body is not None:
            if content_length is None:
                raise ValueError("a streamed request body needs its content_length")
            request_headers["Content-Length"] = str(content_length)
        request_headers.update(headers or {})
        return self._exchange(method, url_path, body, request_headers, self.timeout if timeout is None else timeout,
                              retry)

    def close(self) -> None:
        """Closes the kept-alive connections; the transport opens new ones if used again."""
        self._drop_idle()

    def __enter__(self) -> "Transport":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- plumbing ----------------------------------------------------------------------------------------

    def _exchange(self, method: str, url_path: str, body: BodySource | None, headers: dict[str, str],
                  timeout: float, retry: bool) -> StreamedResponse:
        url = self._origin + url_path
        attempts = self.max_attempts if retry else 1
        attempt = 0
        while True:
            attempt += 1
            last = attempt == attempts
            reused = False
            # Opened before the network is touched: a local file that cannot be read is not the registry's fault.
            stream = body() if callable(body) else body
            try:
                # A call that must not be repeated gets a fresh connection: a kept-alive one may have been closed
                # by the server meanwhile, and only a retry would get over that.
                connection, reused = self._acquire(timeout, fresh=not retry)
                response = self._send_once(connection, method, url_path, stream, headers)
            except (OSError, http.client.HTTPException) as e:
                if reused and _before_answer(e) and retry:
                    # A kept-alive connection the server had closed (its idle timeout): not the registry failing.
                    # The other idle ones are as old, so they go too, and the request goes again on a fresh
                    # connection without counting as an attempt.
                    self._drop_idle()
                    attempt -= 1
                    continue
                if last:
                    raise errors.RegistryUnreachable(method, url, e, headers[REQUEST_ID]) from e
                self._pause(attempt, None)
                continue
            finally:
                if stream is not None and not isinstance(stream, (bytes, bytearray)):
                    stream.close()
            streamed = StreamedResponse(self, connection, response, method, url, headers[REQUEST_ID])
            if 200 <= response.status < 300:
                return streamed
            problem = self._problem(streamed, method, url)
            if not last and _retryable(response.status, problem):
                self._pause(attempt, streamed.headers.get("Retry-After"))
                continue
            raise problem

    def _send_once(self, connection: http.client.HTTPConnection, method: str, url_path: str,
                   stream: bytes | IO[bytes] | None, headers: Mapping[str, str]) -> http.client.HTTPResponse:
        try:
            try:
                connection.request(method, url_path, body=stream, headers=dict(headers))
            except (BrokenPipeError, ConnectionResetError):
                # The registry may refuse an upload (not a member, sealed, too large) before reading its body and
                # close the connection; its answer is then waiting in the socket. Read it rather than lose it.
                try:
                    return connection.getresponse()
                except (OSError, http.client.HTTPException):
                    pass
                raise
            return connection.getresponse()
        except BaseException:
            connection.close()
            raise

    def _problem(self, streamed: StreamedResponse, method: str, url: str) -> errors.ProblemError:
        try:
            data = streamed._response.read(_MAX_PROBLEM_BYTES)
        except (OSError, http.client.HTTPException):
            data = b""
        streamed.close()
        return errors.problem_from_response(streamed.status, streamed.headers, data, method, url)

    def _acquire(self, timeout: float, fresh: bool) -> tuple[http.client.HTTPConnection, bool]:
        connection = None
        if not fresh:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
        if connection is not None:
            connection.timeout = timeout
            if connection.sock is not None:
                connection.sock.settimeout(timeout)
            return connection, True
        if self._https:
            connection = http.client.HTTPSConnection(self._host, self._port, timeout=self.connect_timeout,
                                                     context=self._ssl, blocksize=_BLOCK)
        else:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=self.connect_timeout,
                                                    blocksize=_BLOCK)
        connection.connect()
        connection.timeout = timeout
        connection.sock.settimeout(timeout)
        return connection, False

    def _drop_idle(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _release(self, connection: http.client.HTTPConnection) -> None:
        if connection.sock is None:
            return
        with self._lock:
            self._idle.append(connection)

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        delay = min(_MAX_BACKOFF, self.backoff * (2 ** (attempt - 1)))
        if retry_after and retry_after.isdigit():
            delay = min(_MAX_BACKOFF, max(delay, float(retry_after)))
        time.sleep(delay * (0.5 + random.random() / 2))


def new_idempotency_key() -> str:
    """A fresh key for one logical POST; pass the same key again to retry that call yourself."""
    return str(uuid.uuid4())


def _retryable(status: int, problem: errors.ProblemError) -> bool:
    return status in _RETRY_STATUSES or problem.type == "urn:model-registry:problem:idempotency-key-in-use"


def _before_answer(e: BaseException) -> bool:
    return isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError))


def _read_all(streamed: StreamedResponse) -> bytes:
    chunks = []
    while chunk := streamed.read():
        chunks.append(chunk)
    return b"".join(chunks)


def _headers(response: http.client.HTTPResponse) -> Mapping[str, str]:
    # http.client's message is case-insensitive already; keep it, as a read-only mapping of first values.
    return _Headers(response.msg)


class _Headers(Mapping[str, str]):
    def __init__(self, message: http.client.HTTPMessage) -> None:
        self._message = message

    def __getitem__(self, name: str) -> str:
        value = self._message.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(self._message.keys()))

    def __len__(self) -> int:
        return len(dict.fromkeys(self._message.keys()))


def _query(parameters: Mapping[str, Any] | None) -> str:
    if not parameters:
        return ""
    kept = {name: _query_value(value) for name, value in parameters.items() if value is not None}
    return "?" + urlencode(kept, quote_via=quote, safe="") if kept else ""


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _authorization(token: str | None) -> str | None:
    if token is None or not token.strip():
        return None
    token = token.strip()
    if not _BEARER_TOKEN.fullmatch(token):
        raise ValueError("the token contains characters a bearer token cannot have")
    return "Bearer " + token
