"""Lineage ingest and trace against the real registry: events from a generator or NDJSON lines, per-line results
(accepted, duplicate, conflict, rejected) numbered across batches, the generator read lazily in bounded memory, a
fill before its signal, the one-call trace of a fill and a signal, and who may ingest."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from _world import unique
from modelreg import errors
from modelreg.ingest import ingest_results


def _signal(signal_id, model_id, **extra):
    return {"signal_id": signal_id, "model_id": model_id, "emitted_at": "2026-05-15T10:00:00Z", **extra}


def _fill(fill_id, signal_id, **extra):
    return {"fill_id": fill_id, "signal_id": signal_id, "executed_at": "2026-05-15T10:00:01Z", **extra}


def test_every_line_gets_its_result_in_order(world):
    version = world.version()
    sid = unique("sig")
    events = [_signal(sid, version.model_id, side="buy"),
              _signal(sid, version.model_id, side="buy"),            # identical again
              _signal(sid, version.model_id, side="sell"),           # same id, other content
              _signal(unique("sig"), unique("nomodel") + "@2026.01.01-r1"),
              '{"signal_id": "not json"',
              ""]                                                     # blank: no result, still counted
    results = list(world.signals.ingest_results("signals", events))
    assert [(r.line, r.status) for r in results] == [(1, "accepted"), (2, "duplicate"), (3, "conflict"),
                                                     (4, "rejected"), (5, "rejected")]
    assert results[0].id == sid and results[0].ok and results[1].ok and not results[2].ok
    assert results[3].error and results[4].error


def test_results_are_numbered_across_batches_and_summed(world):
    version = world.version()
    prefix = unique("batch")
    events = (_signal(f"{prefix}-{i}", version.model_id, n=i) for i in range(23))
    seen = []
    summary = world.signals.ingest_signals(events, on_result=seen.append)
    assert (summary.accepted, summary.lines, summary.ok) == (23, 23, True)
    results = list(ingest_results(world.signals._http, "signals",
                                  (_signal(f"{prefix}-{i}", version.model_id, n=i) for i in range(23)),
                                  batch_lines=5))
    assert [r.line for r in results] == list(range(1, 24))
    assert {r.status for r in results} == {"duplicate"}
    assert [r.id for r in seen] == [f"{prefix}-{i}" for i in range(23)]


def test_ndjson_lines_from_a_file_are_sent_as_they_are(world):
    version = world.version()
    ids = [unique("line") for _ in range(3)]
    text = "".join(json.dumps(_signal(i, version.model_id)) + "\r\n" for i in ids)
    summary = world.signals.ingest_signals(io.BytesIO(text.encode()))
    assert summary.accepted == 3
    assert world.quant.trace_signal(ids[0])["signal"]["signal_id"] == ids[0]


def test_an_event_spanning_two_lines_is_refused_before_sending(world):
    with pytest.raises(ValueError, match="event 2"):
        world.signals.ingest_signals(['{"a": 1}', '{"a":\n 1}'])
    with pytest.raises(ValueError):
        world.signals.ingest_results("trades", [])


def test_the_generator_is_read_one_batch_ahead_in_bounded_memory(world):
    version = world.version()
    prefix = unique("lazy")
    total = 12_000
    pulled = [0]

    def events():
        for i in range(total):
            pulled[0] += 1
            yield _signal(f"{prefix}-{i}", version.model_id, payload="x" * 100)

    tracemalloc.start()
    try:
        results = world.signals.ingest_results("signals", events())
        first = next(results)
        pulled_at_first_result = pulled[0]
        count = 1 + sum(1 for _ in results)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.status == "accepted" and count == total
    assert pulled_at_first_result == 5_000  # one batch, not the whole stream
    # One batch of ~200-byte lines (about 1 MB) and its parsing; the whole stream would be several times that.
    assert peak < 6 * 1024 * 1024, peak


def test_a_fill_may_arrive_before_its_signal_and_the_trace_joins_them(world, tmp_path):
    version = world.version(hyperparams={"lr": 0.01}, training_distribution={"rows": 1000})
    sid, fid = unique("sig"), unique("fill")
    assert world.signals.ingest_fills([_fill(fid, sid, qty=100)]).accepted == 1
    early = world.quant.trace_fill(fid)
    assert early["fill"]["fill_id"] == fid and early["signal"] is None and early["version"] is None
    assert world.signals.ingest_signals([_signal(sid, version.model_id)]).accepted == 1
    trace = world.quant.trace_fill(fid)
    assert trace["signal"]["signal_id"] == sid
    assert trace["version"]["model_id"] == version.model_id
    assert trace["version"]["lineage_hash"] == version.lineage_hash
    assert trace["training_distribution"] == {"rows": 1000}
    signal = world.quant.trace_signal(sid)
    assert [f["fill_id"] for f in signal["fills"]] == [fid]


def test_tracing_what_never_arrived_is_not_found(world):
    with pytest.raises(errors.NotFoundError):
        world.quant.trace_fill(unique("nofill"))
    with pytest.raises(errors.NotFoundError):
        world.quant.trace_signal(unique("nosignal"))


def test_only_principals_granted_lineage_writer_ingest(world):
    version = world.version()
    with pytest.raises(errors.RoleRequiredError) as refused:
        world.outsider.ingest_signals([_signal(unique("sig"), version.model_id)])
    assert refused.value.status == 403
