"""The client's whole round trip on each database the registry runs on: SQLite (the session's server) and
PostgreSQL (a server of this module's own on a fresh schema, dropped afterwards). A training pipeline registers,
uploads and seals; an evaluator signs; an approver promotes and watches; on-call rolls back; signal-stream ingests;
compliance traces a fill and verifies the audit log."""

from __future__ import annotations

import hashlib

import pytest

from _watching import watch_in_background
from _world import World, make_world, unique
from modelreg import Statement, lineage_hash, sign_report


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request) -> World:
    server = request.getfixturevalue("server" if request.param == "sqlite" else "pg_server")
    world = make_world(server.url, server.admin_token)
    yield world
    world.close()


def _pipeline(world: World, tmp_path, model: str, commit: str):
    model_dir = tmp_path / commit
    model_dir.mkdir()
    (model_dir / "model.onnx").write_bytes(commit.encode() * 4096)
    (model_dir / "params.json").write_text('{"lr": 0.01}')
    version = world.quant.register(model, code_commit=commit, feature_graph_hash="8b2e9f01",
                                   data_window=("2018-01-01", "2026-04-30"), owner=world.team,
                                   hyperparams={"lr": 0.01, "decay": 1.0, "big": 1e21})
    assert version.lineage_hash == lineage_hash(commit, "8b2e9f01", ("2018-01-01", "2026-04-30"),
                                                {"lr": 0.01, "decay": 1.0, "big": 1e21})
    world.quant.upload_dir(version.model_id, model_dir)
    sealed = world.quant.seal(version.model_id)
    statement = Statement.for_version(sealed, report_id=unique("rep"), objective="rank_ic", verdict="pass",
                                      evaluator=world.evaluator, metrics={"rank_ic": 0.031})
    world.quant.submit_evaluation(sign_report(statement, world.evaluator_key, world.evaluator_keyid))
    return sealed


def test_a_version_goes_from_pipeline_to_production_and_back(backend, tmp_path):
    model = unique("xsmom")
    first = _pipeline(backend, tmp_path, model, "a13fce01")
    second = _pipeline(backend, tmp_path, model, "a13fce02")
    got = backend.quant.download_all(second.model_id, tmp_path / "copy")
    assert {a.path: a.sha256 for a in got} == {a.path: a.sha256 for a in backend.quant.artifacts(second.model_id)}
    assert got[0].sha256 == hashlib.sha256((tmp_path / "a13fce02" / got[0].path).read_bytes()).hexdigest()

    revisions = watch_in_background(backend.outsider, model, until_revision=3)
    assert revisions.get(timeout=20).revision == 0
    backend.approver.promote(first.model_id, approver=backend.approver_name)
    backend.approver.promote(second.model_id, approver=backend.approver_name)
    back = backend.quant.rollback(model, reason="drawdown")
    seen = [revisions.get(timeout=20) for _ in range(3)]
    assert [d.revision for d in seen] == [1, 2, 3]
    assert seen[1].production.model_id == second.model_id
    assert back.production.model_id == first.model_id and seen[2].production.model_id == first.model_id


def test_a_fill_is_traced_to_its_version_and_the_audit_log_verifies(backend):
    version = backend.version(training_distribution={"rows": 10})
    sid, fid = unique("sig"), unique("fill")
    signals = (dict(signal_id=f"{sid}-{i}", model_id=version.model_id, emitted_at="2026-05-15T10:00:00Z")
               for i in range(7000))
    assert backend.signals.ingest_signals(signals).accepted == 7000
    fills = [{"fill_id": fid, "signal_id": f"{sid}-6999", "executed_at": "2026-05-15T10:00:01Z"}]
    assert backend.signals.ingest_fills(fills).accepted == 1
    trace = backend.quant.trace_fill(fid)
    assert trace["version"]["model_id"] == version.model_id
    assert trace["training_distribution"] == {"rows": 10}
    check = backend.admin.verify_audit()
    assert check.ok, check.problems
