"""Watching through the deploy guard against a real registry: a promotion is followed at once and a rollback
switches back without downloading anything; a promotion the guard must refuse (an artifact altered on the registry)
is reported while the version in place keeps serving, and the rollback after it arrives at once."""

from __future__ import annotations

import hashlib
import os
import queue
import time

import pytest

from guard_fixture import new_guard, people_fixture
from modelreg.guard import DeploymentSnapshot, Reason, Refused, Switched

_EVENT_TIMEOUT = 20.0


people = people_fixture("gw")


def _next(events: "queue.Queue[object]") -> object:
    try:
        return events.get(timeout=_EVENT_TIMEOUT)
    except queue.Empty:
        raise AssertionError(f"the watch reported nothing within {_EVENT_TIMEOUT:.0f} s") from None


def test_the_watch_follows_a_promotion_and_switches_back_on_rollback_without_downloading(server, people, tmp_path):
    model = people.model("follow")
    first = people.ready(model)
    people.promote(first)
    second = people.ready(model)
    events: "queue.Queue[object]" = queue.Queue()
    with new_guard(server, people, model, tmp_path) as guard:
        loaded = guard.load()
        with guard.watch_in_background(on_change=events.put, on_refusal=events.put, poll_wait=10) as watcher:
            started = time.monotonic()
            promoted = people.promote(second)
            switched = _next(events)
            assert isinstance(switched, DeploymentSnapshot)
            assert (switched.revision, switched.production.model_id) == (promoted["revision"], second.model_id)
            assert time.monotonic() - started < 5, "a long-poll answers at the change, not at the end of its wait"
            assert guard.pick("account-1").model_id == second.model_id
            assert guard.downloads == 2

            rolled_back = people.rollback(model)
            back = _next(events)
            assert isinstance(back, DeploymentSnapshot)
            assert (back.revision, back.production.model_id) == (rolled_back["revision"], first.model_id)
            assert guard.pick("account-1").model_id == first.model_id
            assert back.production.artifacts == loaded.production.artifacts
            assert guard.downloads == 2  # switching back is a switch, not a reload
        assert not watcher.running
    assert guard.highest_accepted_revision == rolled_back["revision"]


def test_the_watch_refuses_a_bad_promotion_keeps_serving_and_takes_the_rollback(server, people, tmp_path):
    model = people.model("refuse")
    first = people.ready(model)
    people.promote(first)
    weights = os.urandom(256 * 1024)
    bad = people.ready(model, {"weights.bin": weights})
    blob = people.blob_on_server(hashlib.sha256(weights).hexdigest())
    os.chmod(blob, 0o600)
    blob.write_bytes(weights[::-1])  # same length, other bytes

    with new_guard(server, people, model, tmp_path) as guard:
        loaded = guard.load()
        events = guard.watch(poll_wait=10)
        try:
            promoted = people.promote(bad)
            refused = next(events)
            assert isinstance(refused, Refused)
            assert refused.error.reason is Reason.ARTIFACT_TAMPERED
            assert refused.current is loaded
            assert guard.current is loaded
            assert guard.highest_accepted_revision == loaded.revision < promoted["revision"]
            assert guard.pick("account-1").model_id == first.model_id

            rolled_back = people.rollback(model, "canary artifact failed verification")
            started = time.monotonic()
            switched = next(events)
            assert isinstance(switched, Switched)
            assert time.monotonic() - started < 5
            assert switched.previous is loaded
            assert (switched.snapshot.revision, switched.snapshot.production.model_id) == (
                rolled_back["revision"], first.model_id)
        finally:
            events.close()
    assert guard.highest_accepted_revision == rolled_back["revision"]
