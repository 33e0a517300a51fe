"""Lineage ingest: signals and fills sent as NDJSON in batches, each line answered by its own result.

Events come from any iterable (dicts, or NDJSON lines as ``str`` or ``bytes``, so an open file works as it is) and
are read lazily: one batch of at most 5,000 lines and about 8 MiB is held at a time, and the results of a batch are
handed on as they are read, before the next batch is built. A million events take no more memory than one batch.

Why batches rather than one request: the registry answers a request only once it has read it whole, and keeps the
answers until they are read; a batch of at most one server batch (5,000 lines) is answered without ever filling
the socket buffers, whatever their size. Re-sending is always safe: an event already stored comes back as
``duplicate``. Line numbers in the results count the events given, from 1, across batches.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator

from . import errors
from ._http import Transport
from .records import IngestResult, IngestSummary

__all__ = ["KINDS", "ingest_results", "ingest", "MAX_BATCH_LINES", "MAX_BATCH_BYTES"]

KINDS = ("signals", "fills")
MAX_BATCH_LINES = 5_000
MAX_BATCH_BYTES = 8 * 1024 * 1024
_NDJSON = "application/x-ndjson"
#: An event: a JSON object (dict), or one NDJSON line of text or bytes (a trailing line end is allowed).
Event = Any


def ingest_results(http: Transport, kind: str, events: Iterable[Event], *, batch_lines: int = MAX_BATCH_LINES,
                   batch_bytes: int = MAX_BATCH_BYTES) -> Iterator[IngestResult]:
    """Sends ``events`` of ``kind`` (``signals`` or ``fills``) and yields every line's result in order.

    A blank line gets no result (the registry skips it) but still counts for the line numbers.
    """
    # Checked now, not when iteration starts: a mistake shows where the call is.
    if kind not in KINDS:
        raise ValueError(f"the kind of lineage event must be signals or fills, got: {kind!r}")
    if batch_lines < 1 or batch_lines > MAX_BATCH_LINES:
        raise ValueError(f"batch_lines must be 1–{MAX_BATCH_LINES}")
    return _send(http, kind, _batches(events, batch_lines, batch_bytes))


def _send(http: Transport, kind: str, batches: Iterator[tuple[bytes, int]]) -> Iterator[IngestResult]:
    offset = 0
    for body, lines in batches:
        # Idempotent by content on the server, so the transport may send a batch again after a lost answer.
        with http.open("POST", f"/lineage/{kind}", body=body,
                       headers={"Content-Type": _NDJSON, "Accept": f"{_NDJSON}, application/problem+json"}) as answer:
            for raw in answer.iter_lines():
                if raw.strip():
                    yield _result(raw, offset, answer.request_id)
        offset += lines


def ingest(http: Transport, kind: str, events: Iterable[Event],
           on_result: Callable[[IngestResult], None] | None = None, **batching: int) -> IngestSummary:
    """Sends ``events`` and answers how many lines got each status; ``on_result`` sees every result."""
    summary = IngestSummary()
    for result in ingest_results(http, kind, events, **batching):
        summary.count(result)
        if on_result is not None:
            on_result(result)
    return summary


def _batches(events: Iterable[Event], max_lines: int, max_bytes: int) -> Iterator[tuple[bytes, int]]:
    batch = bytearray()
    lines = 0
    for number, event in enumerate(events, start=1):
        batch += _line(event, number)
        lines += 1
        if lines >= max_lines or len(batch) >= max_bytes:
            yield bytes(batch), lines
            batch.clear()
            lines = 0
    if lines:
        yield bytes(batch), lines


def _line(event: Event, position: int) -> bytes:
    if isinstance(event, dict):
        text = json.dumps(event, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    elif isinstance(event, (bytes, bytearray)):
        text = _without_line_end(bytes(event))
    elif isinstance(event, str):
        text = _without_line_end(event.encode())
    else:
        raise TypeError(f"a lineage event is a dict or one NDJSON line (str or bytes), not {type(event).__name__}")
    if b"\n" in text or b"\r" in text:
        raise ValueError(f"event {position} spans more than one line")
    return text + b"\n"


def _without_line_end(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(b"\n") else line


def _result(raw: bytes, offset: int, request_id: str | None) -> IngestResult:
    try:
        data = json.loads(raw)
        return IngestResult(line=int(data["line"]) + offset, id=data.get("id"), status=data["status"],
                            error=data.get("error"))
    except (ValueError, KeyError, TypeError):
        raise errors.ProblemError(200, None, "Unreadable response",
                                  "the registry answered an ingest line that is not a result object", [],
                                  request_id) from None
