"""The deploy guard's manifest checks against a real registry: a manifest the server signed verifies in Python with
the key from the server's key file; any changed byte, another signer, or another pinned key is refused, and a
refusal leaves what was loaded (and the remembered revision) as it was."""

from __future__ import annotations

import base64
import copy
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from guard_fixture import files_under, new_guard, people_fixture, registry_public_key_pem
from modelreg._http import Transport
from modelreg.guard import (PAYLOAD_TYPE, DeployRefused, ManifestVerifier, Reason, Role, load_pinned_key, pae)


people = people_fixture("gm")


def _flipped(envelope: dict, field: str, index: int) -> dict:
    tampered = copy.deepcopy(envelope)
    if field == "payload":
        data = bytearray(base64.b64decode(tampered["payload"]))
        data[index] ^= 0x01
        tampered["payload"] = base64.b64encode(bytes(data)).decode()
    else:
        data = bytearray(base64.b64decode(tampered["signatures"][0]["sig"]))
        data[index] ^= 0x01
        tampered["signatures"][0]["sig"] = base64.b64encode(bytes(data)).decode()
    return tampered


def _other_key_pem() -> tuple[Ed25519PrivateKey, str]:
    key = Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, pem.decode("ascii")


def test_a_manifest_signed_by_the_server_verifies_in_python_with_the_key_from_its_key_file(server, people, tmp_path):
    model = people.model("signed")
    version = people.ready(model, {"weights.bin": b"w" * 5000, "conf/params.json": b'{"lookback": 20}'})
    people.promote(version)
    document = people.deployment(model)

    pinned = load_pinned_key(registry_public_key_pem(server))
    with Transport(server.url, None) as anonymous:
        listed = anonymous.get("/keys").required_json()["keys"]
    # GET /keys names the same key (same keyid rule as the Java Ed25519Pem.keyId); the guard never reads it.
    assert [load_pinned_key(k["public_key_pem"]).keyid for k in listed] == [pinned.keyid]
    assert [k["keyid"] for k in listed] == [pinned.keyid]
    assert document["manifest"]["signatures"][0]["keyid"] == pinned.keyid

    manifest = ManifestVerifier(model, [pinned]).verify(document["manifest"])
    assert manifest.model == model
    assert manifest.revision == document["revision"]
    assert manifest.issued_at < manifest.expires_at
    assert [(e.model_id, e.role, e.pct, e.lineage_hash) for e in manifest.entries] == [
        (version.model_id, Role.PRODUCTION, 100, version.lineage_hash)]
    assert sorted((a.path, a.sha256, a.size) for a in manifest.production.artifacts) == sorted(
        (path, hashlib.sha256(data).hexdigest(), len(data)) for path, data in version.artifacts.items())

    with new_guard(server, people, model, tmp_path) as guard:
        snapshot = guard.load()
    assert snapshot.revision == document["revision"]
    assert snapshot.canary is None
    assert snapshot.production.artifact("conf/params.json").read_bytes() == b'{"lookback": 20}'
    assert snapshot.production.artifact("weights.bin").read_bytes() == b"w" * 5000


def test_a_manifest_with_any_byte_of_its_payload_or_signature_changed_is_refused(server, people):
    model = people.model("tampered")
    people.promote(people.ready(model))
    envelope = people.deployment(model)["manifest"]
    verifier = ManifestVerifier(model, [load_pinned_key(registry_public_key_pem(server))])
    verifier.verify(envelope)  # the untouched manifest passes: the refusals below are the changed bytes'

    payload_length = len(base64.b64decode(envelope["payload"]))
    signature_length = len(base64.b64decode(envelope["signatures"][0]["sig"]))
    assert payload_length > 200 and signature_length == 64
    changes = [("payload", i) for i in range(payload_length)] + [("sig", i) for i in range(signature_length)]
    for field, index in changes:
        with pytest.raises(DeployRefused) as refused:
            verifier.verify(_flipped(envelope, field, index))
        assert refused.value.reason is Reason.WRONG_KEY, (field, index)


def test_a_manifest_under_another_payload_type_or_without_signatures_is_refused_as_unsigned(server, people):
    model = people.model("unsigned")
    people.promote(people.ready(model))
    envelope = people.deployment(model)["manifest"]
    verifier = ManifestVerifier(model, [load_pinned_key(registry_public_key_pem(server))])
    for broken in ({**envelope, "payloadType": "application/vnd.in-toto+json"}, {**envelope, "signatures": []},
                   {**envelope, "payload": "not base64!"}, None, "a string"):
        with pytest.raises(DeployRefused) as refused:
            verifier.verify(broken)
        assert refused.value.reason is Reason.UNSIGNED


def test_a_tampered_manifest_leaves_the_loaded_version_and_the_remembered_revision(server, people, tmp_path):
    model = people.model("keeps")
    people.promote(people.ready(model))
    document = people.deployment(model)
    with new_guard(server, people, model, tmp_path) as guard:
        loaded = guard.load()
        payload = json.loads(base64.b64decode(document["manifest"]["payload"]))
        payload["revision"] += 10
        tampered = {**document, "manifest": {**document["manifest"],
                                             "payload": base64.b64encode(json.dumps(payload).encode()).decode()}}
        with pytest.raises(DeployRefused) as refused:
            guard.accept(tampered)
        assert refused.value.reason is Reason.WRONG_KEY
        assert guard.current is loaded
        assert guard.highest_accepted_revision == loaded.revision


def test_a_manifest_re_signed_by_another_key_under_the_registry_keyid_is_refused(server, people):
    model = people.model("resigned")
    people.promote(people.ready(model))
    envelope = people.deployment(model)["manifest"]
    attacker, _ = _other_key_pem()
    payload = base64.b64decode(envelope["payload"])
    forged = {"payloadType": PAYLOAD_TYPE, "payload": envelope["payload"],
              "signatures": [{"keyid": envelope["signatures"][0]["keyid"],
                              "sig": base64.b64encode(attacker.sign(pae(PAYLOAD_TYPE, payload))).decode()}]}
    verifier = ManifestVerifier(model, [load_pinned_key(registry_public_key_pem(server))])
    with pytest.raises(DeployRefused) as refused:
        verifier.verify(forged)
    assert refused.value.reason is Reason.WRONG_KEY
    # The forger's own signature is a good one: only the pin makes the difference.
    attacker_pem = attacker.public_key().public_bytes(serialization.Encoding.PEM,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)
    assert ManifestVerifier(model, [load_pinned_key(attacker_pem)]).verify(forged).model == model


def test_a_guard_pinned_to_another_key_refuses_the_registry_and_loads_nothing(server, people, tmp_path):
    model = people.model("wrongpin")
    people.promote(people.ready(model))
    _, other_pem = _other_key_pem()
    with new_guard(server, people, model, tmp_path, pinned_keys=other_pem) as guard:
        with pytest.raises(DeployRefused) as refused:
            guard.load()
        assert refused.value.reason is Reason.WRONG_KEY
        assert guard.current is None
        assert guard.highest_accepted_revision == -1
        with pytest.raises(DeployRefused) as not_loaded:
            guard.pick("account-1")
        assert not_loaded.value.reason is Reason.NOT_DEPLOYED
    # Nothing was downloaded and no revision remembered: the payload is not even read before the signature.
    assert files_under(tmp_path) == []
    # With the right key among several pinned ones it loads.
    with new_guard(server, people, model, tmp_path, pinned_keys=[other_pem, registry_public_key_pem(server)]) as guard:
        assert guard.load().production.model_id.startswith(model + "@")


def test_a_manifest_for_another_model_is_refused(server, people):
    model = people.model("mine")
    people.promote(people.ready(model))
    envelope = people.deployment(model)["manifest"]
    verifier = ManifestVerifier(people.model("other"), [load_pinned_key(registry_public_key_pem(server))])
    with pytest.raises(DeployRefused) as refused:
        verifier.verify(envelope)
    assert refused.value.reason is Reason.MODEL_MISMATCH


def test_a_pinned_key_must_be_an_ed25519_public_key():
    from cryptography.hazmat.primitives.asymmetric import ec

    p256 = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(ValueError, match="Ed25519"):
        load_pinned_key(p256)
    with pytest.raises(ValueError, match="PEM"):
        load_pinned_key("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n")


def _signed_by(key: Ed25519PrivateKey, payload: bytes) -> dict:
    return {"payloadType": PAYLOAD_TYPE, "payload": base64.urlsafe_b64encode(payload).decode().rstrip("="),
            "signatures": [{"keyid": "test", "sig": base64.b64encode(key.sign(pae(PAYLOAD_TYPE, payload))).decode()}]}


_GOOD_ENTRY = {"model_id": "m@2026.05.15-r1", "lineage_hash": "ab" * 32, "pct": 100, "role": "production",
               "artifacts": [{"path": "weights.bin", "sha256": "cd" * 32, "size": 3}]}
_GOOD_PAYLOAD = {"model": "m", "revision": 4, "issued_at": "2026-05-15T12:00:00Z",
                 "expires_at": "2026-05-15T12:10:00.5Z", "entries": [_GOOD_ENTRY]}


@pytest.mark.parametrize("payload, reason", [
    (b'{"model": "m", "model": "m", "revision": 1}', Reason.MALFORMED_MANIFEST),
    (b"[]", Reason.MALFORMED_MANIFEST),
    (b"not json", Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "revision": -1}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "revision": True}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "expires_at": "2026-05-15T12:10:00"}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "entries": [{**_GOOD_ENTRY, "pct": 60}]}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "entries": [_GOOD_ENTRY, {**_GOOD_ENTRY, "pct": 0}]}).encode(),
     Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "entries": [{**_GOOD_ENTRY, "artifacts": [
        {"path": "../../etc/passwd", "sha256": "cd" * 32, "size": 3}]}]}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "entries": [{**_GOOD_ENTRY, "artifacts": [
        {"path": "w.bin", "sha256": "CD" * 32, "size": 3}]}]}).encode(), Reason.MALFORMED_MANIFEST),
    (json.dumps({**_GOOD_PAYLOAD, "model": "other"}).encode(), Reason.MODEL_MISMATCH),
    (json.dumps({**_GOOD_PAYLOAD, "entries": [{**_GOOD_ENTRY, "model_id": "other@2026.05.15-r1"}]}).encode(),
     Reason.MODEL_MISMATCH),
], ids=["duplicate-field", "not-an-object", "not-json", "negative-revision", "boolean-revision", "no-utc-offset",
        "shares-not-100", "two-productions", "path-escapes", "upper-case-digest", "other-model", "other-version"])
def test_a_validly_signed_manifest_of_the_wrong_shape_is_refused(payload, reason):
    key = Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    verifier = ManifestVerifier("m", [load_pinned_key(pem)])
    assert verifier.verify(_signed_by(key, json.dumps(_GOOD_PAYLOAD).encode())).revision == 4
    with pytest.raises(DeployRefused) as refused:
        verifier.verify(_signed_by(key, payload))
    assert refused.value.reason is reason


def test_cryptography_is_imported_only_to_load_a_key_and_its_absence_is_explained(monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    package_root = Path(__file__).resolve().parents[1]
    probe = ("import sys, modelreg.guard as g; g.bucket('k'); "
             "print('cryptography' in sys.modules)")
    answer = subprocess.run([sys.executable, "-c", probe], cwd=package_root, capture_output=True, text=True,
                            check=True)
    assert answer.stdout.strip() == "False"
    # Without the package (an entry of None makes its import fail), loading a key says what to install.
    for name in [m for m in sys.modules if m == "cryptography" or m.startswith("cryptography.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "cryptography", None)
    with pytest.raises(ImportError, match="python3-cryptography"):
        load_pinned_key("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n"
                        "-----END PUBLIC KEY-----\n")
