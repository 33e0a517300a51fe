"""Manifest expiry against a real registry started with ``--manifest-ttl 3``: an expired manifest is refused, a
loaded one stops serving once it expires (fail closed), a watching guard keeps it fresh, and a guard whose registry
went away keeps serving what it verified until that manifest expires, then refuses."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from _server import running_server
from guard_fixture import DeployFixture, new_guard
from modelreg.guard import DeployRefused, Reason, Refused

TTL_SECONDS = 3


@pytest.fixture(scope="module")
def short_lived(tmp_path_factory):
    """A registry whose manifests live 3 seconds, and the people to promote on it."""
    with running_server(tmp_path_factory.mktemp("registry-ttl"),
                        extra_args=("--manifest-ttl", str(TTL_SECONDS))) as server:
        people = DeployFixture(server, "ge" + uuid.uuid4().hex[:6])
        yield server, people
        people.close()


def _sleep_past(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(timezone.utc)).total_seconds()) + 0.2)


def test_an_expired_manifest_is_refused(short_lived, tmp_path):
    server, people = short_lived
    model = f"{people.prefix}-expired"
    people.promote(people.ready(model))
    with new_guard(server, people, model, tmp_path, max_clock_skew=0) as guard:
        document = guard.fetch()
        manifest_expiry = guard.accept(document).expires_at
        assert (manifest_expiry - guard.current.issued_at).total_seconds() == TTL_SECONDS
        _sleep_past(manifest_expiry)
        with pytest.raises(DeployRefused) as refused:
            guard.accept(document)
        assert refused.value.reason is Reason.EXPIRED
    # Within the allowed clock skew the same manifest still passes.
    with new_guard(server, people, model, tmp_path / "lenient", max_clock_skew=60) as lenient:
        assert lenient.accept(document).revision == document["revision"]


def test_a_loaded_manifest_stops_serving_when_it_expires_until_a_fresh_one_is_verified(short_lived, tmp_path):
    server, people = short_lived
    model = f"{people.prefix}-stale"
    version = people.ready(model)
    people.promote(version)
    with new_guard(server, people, model, tmp_path, max_clock_skew=0) as guard:
        snapshot = guard.load()
        assert guard.pick("account-1").model_id == version.model_id
        _sleep_past(snapshot.expires_at)
        with pytest.raises(DeployRefused) as refused:
            guard.pick("account-1")
        assert refused.value.reason is Reason.EXPIRED
        guard.load()
        assert guard.pick("account-1").model_id == version.model_id


def test_a_watching_guard_refreshes_the_manifest_before_it_expires(short_lived, tmp_path):
    server, people = short_lived
    model = f"{people.prefix}-fresh"
    version = people.ready(model)
    people.promote(version)
    refusals: list[DeployRefused] = []
    with new_guard(server, people, model, tmp_path, max_clock_skew=0) as guard:
        first = guard.load()
        with guard.watch_in_background(on_refusal=refusals.append, poll_wait=10):
            deadline = time.monotonic() + 3 * TTL_SECONDS
            while time.monotonic() < deadline:
                assert guard.pick("account-1").model_id == version.model_id
                time.sleep(0.1)
        assert guard.current.expires_at > first.expires_at
        assert guard.current.revision == first.revision
    assert refusals == []


def test_a_guard_whose_registry_is_gone_serves_what_it_verified_until_it_expires(tmp_path):
    # A registry of its own (default manifest lifetime), stopped in the middle; the guard's clock is moved on
    # instead of sleeping until the manifest expires.
    ahead = [0.0]

    def clock() -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=ahead[0])

    with running_server(tmp_path / "own") as server:
        people = DeployFixture(server, "gone")
        model = "gone-model"
        version = people.ready(model)
        people.promote(version)
        guard = new_guard(server, people, model, tmp_path, max_clock_skew=0, clock=clock)
        loaded = guard.load()
        people.close()
    with guard:
        events = guard.watch(poll_wait=1, retry_delay=0.05)
        try:
            first = next(events)
            assert isinstance(first, Refused) and first.error.reason is Reason.UNREACHABLE
            assert first.current is loaded
            assert guard.pick("account-1").model_id == version.model_id
        finally:
            events.close()
        ahead[0] = (loaded.expires_at - datetime.now(timezone.utc)).total_seconds() + 1
        with pytest.raises(DeployRefused) as refused:
            guard.pick("account-1")
        assert refused.value.reason is Reason.EXPIRED
