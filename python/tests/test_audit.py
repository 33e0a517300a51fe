"""The audit log through the client: entries about a subject, the registry's own verification (admin only), and
the verification done here against a kept checkpoint, which must pass on an intact log and find an entry edited
directly in the database, whether after the checkpoint or below it."""

from __future__ import annotations

import base64
import sqlite3
import time

import pytest

from _server import running_server
from _world import unique
from modelreg import Registry, errors
from modelreg.audit import Checkpoint


def _checkpoint_covering(registry: Registry, size: int, timeout: float = 30.0) -> str:
    """The registry's checkpoint once its tree has at least ``size`` leaves (it integrates every 2 s)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            note = registry.audit_checkpoint()
            parsed = Checkpoint.parse(note)
            if parsed is not None and parsed.size >= size:
                return note
        except errors.NotFoundError:
            pass  # no checkpoint published yet
        if time.monotonic() > deadline:
            raise AssertionError(f"no checkpoint covering {size} audit entries within {timeout} s")
        time.sleep(0.3)


def _entries(registry: Registry) -> int:
    return max(int(e["seq"]) for e in registry.audit())


def test_a_models_entries_are_listed_by_subject_in_order(world):
    version = world.version()
    world.quant.seal(version.model_id)
    entries = list(world.quant.audit(subject=f"model:{version.model}"))
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    assert {e["subject"] for e in entries} >= {f"version:{version.model_id}"}
    assert all(e["actor"] == world.quant_name for e in entries)
    first = world.quant.audit_page(subject=f"model:{version.model}", limit=1)
    assert len(first.items) == 1 and first.next is not None


def test_the_registry_verifies_its_whole_log_for_an_admin_only(world):
    world.version()
    check = world.admin.verify_audit()
    assert check.ok, check.problems
    assert check.entries and check.entries > 0 and check.chains
    with pytest.raises(errors.AdminRequiredError) as refused:
        world.quant.verify_audit()
    assert refused.value.status == 403


def test_any_principal_verifies_the_log_as_an_append_only_extension_of_a_kept_checkpoint(world):
    saved = _checkpoint_covering(world.outsider, 1)
    for _ in range(3):
        world.version()
    current = _checkpoint_covering(world.outsider, Checkpoint.parse(saved).size + 3)
    check = world.outsider.verify_audit_since(saved)
    assert check.ok, check.problems
    assert check.from_size == Checkpoint.parse(saved).size
    assert check.to_size >= Checkpoint.parse(current).size
    assert check.checked == check.to_size - check.from_size
    assert Checkpoint.parse(check.checkpoint) is not None


def test_a_note_that_is_not_a_checkpoint_does_not_verify(world):
    check = world.outsider.verify_audit_since("not a checkpoint\n")
    assert not check.ok and "not a signed checkpoint" in check.problems[0]


def test_an_entry_edited_in_the_database_is_found_after_and_below_the_checkpoint(tmp_path):
    with running_server(tmp_path) as server, Registry(server.url, server.admin_token) as admin:
        for _ in range(3):
            admin.access.create_team(unique("team"))
        saved = _checkpoint_covering(admin, _entries(admin))
        for _ in range(3):
            admin.access.create_team(unique("team"))
        _checkpoint_covering(admin, _entries(admin))
        assert admin.verify_audit_since(saved).ok
        below = 1
        after = Checkpoint.parse(saved).size + 2

        with _tamper(server.data_dir / "registry.db", after):
            check = admin.verify_audit_since(saved)
        assert not check.ok
        assert any("was modified" in p for p in check.problems), check.problems

        with _tamper(server.data_dir / "registry.db", below):
            check = admin.verify_audit_since(saved)
        assert not check.ok
        assert any("saved checkpoint" in p for p in check.problems), check.problems
        assert admin.verify_audit_since(saved).ok  # restored: the same bytes verify again


class _tamper:
    """Edits one audit entry's actor straight in SQLite (past the append-only trigger), and puts it back after."""

    def __init__(self, db, seq):
        self._db, self._seq = db, seq

    def __enter__(self):
        self._connection = sqlite3.connect(self._db, timeout=30, isolation_level=None)
        self._connection.execute("DROP TRIGGER audit_log_no_update")
        self._actor = self._connection.execute("SELECT actor FROM audit_log WHERE seq = ?", (self._seq,)).fetchone()[0]
        self._connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?", (self._seq,))
        return self

    def __exit__(self, *exc):
        self._connection.execute("UPDATE audit_log SET actor = ? WHERE seq = ?", (self._actor, self._seq))
        self._connection.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                                 "SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END")
        self._connection.close()


def test_an_entry_signed_by_a_log_key_row_added_to_the_database_is_not_trusted_unless_pinned(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from modelreg.audit import entry_hash, log_key_id

    with running_server(tmp_path) as server, Registry(server.url, server.admin_token) as admin:
        admin.access.create_team(unique("team"))
        saved = _checkpoint_covering(admin, _entries(admin))
        honest_keys = [k["public_key"] for k in admin.audit_keys()]
        assert admin.verify_audit_since(saved, honest_keys).ok

        forger = Ed25519PrivateKey.generate()
        raw = forger.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        forged_key = base64.b64encode(raw).decode()
        with sqlite3.connect(server.data_dir / "registry.db", timeout=30, isolation_level=None) as db:
            chain, chain_seq, occurred_at, action, subject, detail, prev = db.execute(
                "SELECT chain, chain_seq, occurred_at, action, subject, detail, entry_hash FROM audit_log "
                "ORDER BY seq DESC LIMIT 1").fetchone()
            item = {"chain": chain, "chain_seq": chain_seq + 1, "occurred_at": occurred_at, "actor": "mallory",
                    "action": action, "subject": subject, "detail_text": detail, "request_id": None,
                    "prev_hash": prev}
            forged_hash = entry_hash(item)
            signature = base64.b64encode(forger.sign(b"model-registry audit entry v1\n" + forged_hash.encode()))
            db.execute("INSERT INTO audit_log_keys (key_id, public_key, added_at) SELECT ?, ?, added_at "
                       "FROM audit_log_keys LIMIT 1", (log_key_id(raw), forged_key))
            db.execute("INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail, "
                       "request_id, prev_hash, entry_hash, key_id, signature) VALUES (?, ?, ?, 'mallory', ?, ?, ?, "
                       "NULL, ?, ?, ?, ?)", (chain, chain_seq + 1, occurred_at, action, subject, detail, prev,
                                             forged_hash, log_key_id(raw), signature.decode()))
            db.execute("UPDATE audit_chain_heads SET entries = ?, head_hash = ? WHERE chain = ?",
                       (chain_seq + 1, forged_hash, chain))
        admin.access.create_team(unique("team"))
        _checkpoint_covering(admin, _entries(admin))

        check = admin.verify_audit_since(saved)
        assert not check.ok
        assert any(f"signed by log key {log_key_id(raw)}" in p and "vouches for" in p for p in check.problems), \
            check.problems
        assert admin.verify_audit_since(saved, honest_keys + [forged_key]).ok, "pinning is the caller's decision"


def test_a_registry_whose_checkpoints_were_removed_does_not_verify(tmp_path):
    with running_server(tmp_path) as server, Registry(server.url, server.admin_token) as admin:
        saved = _checkpoint_covering(admin, _entries(admin))
        with sqlite3.connect(server.data_dir / "registry.db", timeout=30, isolation_level=None) as db:
            db.execute("DELETE FROM audit_checkpoints")

        check = admin.verify_audit_since(saved)

        assert not check.ok
        assert any("no current checkpoint" in p for p in check.problems), check.problems
