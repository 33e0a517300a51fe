"""Stable canary routing: the shared vectors (``testdata/canary-vectors.json``, also checked by the Java client's
``RoutingVectorsTest``), through the bare function and through a snapshot's ``pick``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from _vectors import load
from modelreg.guard import DeploymentSnapshot, LoadedVersion, Role, bucket, to_canary

VECTORS = load("canary-vectors.json")["vectors"]


def _snapshot_with_canary_at(pct: int) -> DeploymentSnapshot:
    now = datetime.now(timezone.utc)
    return DeploymentSnapshot("m", 1, now, now + timedelta(minutes=10),
                              LoadedVersion("m@2026.05.15-r1", "a" * 64, Role.PRODUCTION, 100 - pct, {}),
                              LoadedVersion("m@2026.05.15-r2", "b" * 64, Role.CANARY, pct, {}))


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: f"{v['key'][:24]!r}@{v['canary_pct']}")
def test_every_key_falls_in_its_bucket_and_goes_to_its_side(vector):
    key_bucket = bucket(vector["key"])
    assert key_bucket == vector["bucket"]
    assert ("canary" if to_canary(key_bucket, vector["canary_pct"]) else "production") == vector["side"]
    assert _snapshot_with_canary_at(vector["canary_pct"]).pick(vector["key"]).role.value == vector["side"]


def test_the_vectors_cover_both_sides_of_every_boundary():
    assert len(VECTORS) >= 100
    buckets = {v["bucket"] for v in VECTORS}
    assert {0, 1, 49, 50, 98, 99} <= buckets
    # For a key in bucket b, a share of b keeps it on production and b + 1 moves it to the canary.
    assert any(v["canary_pct"] == v["bucket"] and v["side"] == "production" for v in VECTORS)
    assert any(v["canary_pct"] == v["bucket"] + 1 and v["side"] == "canary" for v in VECTORS)


def test_without_a_canary_every_key_goes_to_production():
    snapshot = _snapshot_with_canary_at(50)
    only_production = DeploymentSnapshot(snapshot.model, 1, snapshot.issued_at, snapshot.expires_at,
                                         snapshot.production, None)
    assert {only_production.pick(v["key"]).role for v in VECTORS} == {Role.PRODUCTION}
    assert only_production.canary_pct == 0


def test_a_routing_key_must_be_text():
    with pytest.raises(TypeError):
        bucket(b"account-1")  # type: ignore[arg-type]
