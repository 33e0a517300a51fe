"""Loading through the deploy guard against a real registry: the highest revision persisted across restarts and a
replayed older manifest refused; artifacts checked while streaming, an altered blob on the registry's disk refused
with nothing partial left in the cache, a cached blob altered locally fetched again; the canary split picked by the
shared routing hash; registry failures as typed refusals."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from _server import free_port
from _vectors import load
from guard_fixture import files_under, new_guard, people_fixture, registry_public_key_pem
from modelreg.guard import DeployGuard, DeployRefused, Reason, bucket


people = people_fixture("gl")


def _flip_byte(file, offset: int) -> bytes:
    """Changes one byte of ``file`` in place (same length) and answers the original content."""
    original = file.read_bytes()
    os.chmod(file, 0o600)
    altered = bytearray(original)
    altered[offset] ^= 0xFF
    file.write_bytes(bytes(altered))
    return original


# ---- revisions ---------------------------------------------------------------------------------------------------

def test_a_replayed_older_manifest_is_refused_after_a_restart_because_the_revision_is_persisted(server, people,
                                                                                                tmp_path):
    model = people.model("replay")
    people.promote(people.ready(model))
    older = people.deployment(model)
    people.promote(people.ready(model))
    newer = people.deployment(model)
    assert newer["revision"] > older["revision"]

    with new_guard(server, people, model, tmp_path) as first:
        assert first.load().revision == newer["revision"]
    state = tmp_path / "state" / f"{model}.revision.json"
    assert json.loads(state.read_text()) == {"model": model, "revision": newer["revision"]}
    assert files_under(tmp_path / "state") == [state.name]  # no temporary file left beside it

    with new_guard(server, people, model, tmp_path) as restarted:
        assert restarted.highest_accepted_revision == newer["revision"]
        with pytest.raises(DeployRefused) as refused:
            restarted.accept(older)
        assert refused.value.reason is Reason.REVISION_WENT_BACKWARDS
        assert restarted.current is None
        assert restarted.accept(newer).revision == newer["revision"]  # the same revision again is fine
    assert json.loads(state.read_text())["revision"] == newer["revision"]

    # The older manifest is genuine and unexpired: only the remembered revision refuses it.
    with new_guard(server, people, model, tmp_path / "elsewhere") as fresh:
        assert fresh.accept(older).revision == older["revision"]


def test_an_unreadable_or_foreign_state_file_refuses_to_start_rather_than_start_from_zero(server, people, tmp_path):
    model = people.model("state")
    state = tmp_path / "state"
    state.mkdir()
    (state / f"{model}.revision.json").write_text("{not json")
    with pytest.raises(DeployRefused) as unreadable:
        new_guard(server, people, model, tmp_path)
    assert unreadable.value.reason is Reason.LOCAL_IO
    (state / f"{model}.revision.json").write_text(json.dumps({"model": "someone-else", "revision": 3}))
    with pytest.raises(DeployRefused) as foreign:
        new_guard(server, people, model, tmp_path)
    assert foreign.value.reason is Reason.LOCAL_IO


# ---- artifacts ---------------------------------------------------------------------------------------------------

def test_an_artifact_altered_on_the_registry_is_refused_and_nothing_partial_is_left_in_the_cache(server, people,
                                                                                                  tmp_path):
    model = people.model("digest")
    weights = os.urandom(3 * 1024 * 1024 + 17)
    version = people.ready(model, {"weights.bin": weights})
    people.promote(version)
    digest = hashlib.sha256(weights).hexdigest()
    blob = people.blob_on_server(digest)
    original = _flip_byte(blob, len(weights) // 2)
    try:
        with new_guard(server, people, model, tmp_path) as guard:
            with pytest.raises(DeployRefused) as refused:
                guard.load()
            assert refused.value.reason is Reason.ARTIFACT_TAMPERED
            assert digest in str(refused.value)
            assert guard.current is None
            assert guard.highest_accepted_revision == -1
            assert guard.downloads == 0
        assert files_under(tmp_path / "cache") == []
        assert not (tmp_path / "state").exists() or files_under(tmp_path / "state") == []
    finally:
        blob.write_bytes(original)
    # With the registry's bytes restored the same guard setup loads: the refusal was the altered byte's.
    with new_guard(server, people, model, tmp_path) as guard:
        snapshot = guard.load()
    assert snapshot.production.artifact("weights.bin").read_bytes() == weights
    assert files_under(tmp_path / "cache") == [f"sha256/{digest}"]


def test_an_artifact_cut_short_on_the_registry_is_refused_and_nothing_partial_is_left(server, people, tmp_path):
    model = people.model("short")
    weights = os.urandom(2 * 1024 * 1024)
    people.promote(people.ready(model, {"weights.bin": weights}))
    blob = people.blob_on_server(hashlib.sha256(weights).hexdigest())
    os.chmod(blob, 0o600)
    blob.write_bytes(weights[:1024 * 1024])
    try:
        with new_guard(server, people, model, tmp_path) as guard:
            with pytest.raises(DeployRefused) as refused:
                guard.load()
            # Fewer bytes than signed: ARTIFACT_TAMPERED when the body ends early, UNREACHABLE when the connection is
            # reset instead; which one depends on how the registry closes it. Refused and nothing kept, either way.
            assert refused.value.reason in (Reason.ARTIFACT_TAMPERED, Reason.UNREACHABLE)
            assert guard.current is None
        assert files_under(tmp_path / "cache") == []
    finally:
        blob.write_bytes(weights)


def test_a_cached_blob_altered_on_local_disk_is_fetched_again_before_use(server, people, tmp_path):
    model = people.model("local")
    weights = os.urandom(64 * 1024)
    people.promote(people.ready(model, {"weights.bin": weights}))
    with new_guard(server, people, model, tmp_path) as guard:
        cached = guard.load().production.artifact("weights.bin")
        assert guard.downloads == 1
        assert guard.load().production.artifact("weights.bin") == cached
        assert guard.downloads == 1  # intact: not downloaded again
        _flip_byte(cached, 10)
        assert guard.load().production.artifact("weights.bin").read_bytes() == weights
        assert guard.downloads == 2
    # A new guard (process) hashes what it finds before trusting it.
    _flip_byte(cached, 20)
    with new_guard(server, people, model, tmp_path) as restarted:
        assert restarted.load().production.artifact("weights.bin").read_bytes() == weights
        assert restarted.downloads == 1
    with new_guard(server, people, model, tmp_path) as again:
        again.load()
        assert again.downloads == 0  # intact now: hashed, found good, nothing fetched


# ---- routing -----------------------------------------------------------------------------------------------------

def test_a_canary_takes_exactly_the_keys_whose_bucket_is_below_its_share(server, people, tmp_path):
    model = people.model("canary")
    production = people.ready(model)
    people.promote(production)
    canary = people.ready(model)
    people.promote(canary, canary_pct=25)
    with new_guard(server, people, model, tmp_path) as guard:
        snapshot = guard.load()
        assert (snapshot.production.model_id, snapshot.production.pct) == (production.model_id, 75)
        assert (snapshot.canary.model_id, snapshot.canary_pct) == (canary.model_id, 25)
        keys = sorted({v["key"] for v in load("canary-vectors.json")["vectors"]}) + [f"acct-{i}" for i in range(200)]
        picked = {key: guard.pick(key).model_id for key in keys}
    assert picked == {key: canary.model_id if bucket(key) < 25 else production.model_id for key in keys}
    assert set(picked.values()) == {production.model_id, canary.model_id}


# ---- refusals on the way -----------------------------------------------------------------------------------------

def test_a_model_never_promoted_or_unknown_is_not_deployed(server, people, tmp_path):
    model = people.model("candidate")
    people.ready(model)
    for name in (model, people.model("nonexistent")):
        with new_guard(server, people, name, tmp_path / name) as guard:
            with pytest.raises(DeployRefused) as refused:
                guard.load()
            assert refused.value.reason is Reason.NOT_DEPLOYED


def test_a_bad_token_is_refused_by_the_registry_and_a_missing_registry_is_unreachable(server, people, tmp_path):
    model = people.model("token")
    people.promote(people.ready(model))
    pem = registry_public_key_pem(server)
    with DeployGuard(server.url, "not-a-valid-token", model, pinned_keys=pem, cache_dir=tmp_path / "c",
                     state_dir=tmp_path / "s") as guard:
        with pytest.raises(DeployRefused) as refused:
            guard.load()
        assert refused.value.reason is Reason.REGISTRY_REFUSED
    with DeployGuard(f"http://127.0.0.1:{free_port()}", people.reader_token, model, pinned_keys=pem,
                     cache_dir=tmp_path / "c", state_dir=tmp_path / "s", timeout=2) as guard:
        with pytest.raises(DeployRefused) as unreachable:
            guard.load()
        assert unreachable.value.reason is Reason.UNREACHABLE
