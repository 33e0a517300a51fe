"""Evaluator signing: the shared DSSE vectors (the Java suite checks the same PAE bytes and signatures), the
Statement builder and sign_report refusing what the registry would refuse (checked against the real registry's own
answers), reports signed here accepted by the server, and the clear error when cryptography is missing."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _vectors import load
from _world import unique
from modelreg import InvalidStatement, Statement, dsse, errors, keys, sign_report
from modelreg.statement import PAYLOAD_TYPE, parse_statement

PAE = load("dsse-pae-vectors.json")


@pytest.mark.parametrize("vector", PAE["vectors"], ids=lambda v: v["name"])
def test_every_pae_vector_encodes_and_signs_as_the_file_says(vector):
    payload = base64.b64decode(vector["payload_base64"])
    assert dsse.pae(vector["payload_type"], payload) == base64.b64decode(vector["pae_base64"])
    signed = dsse.sign(vector["payload_type"], payload, "test", PAE["test_key"]["private_key_pem"])
    assert signed.signatures[0].sig == base64.b64decode(vector["signature_base64"])
    assert dsse.verified_by(signed, PAE["test_key"]["public_key_pem"])


def test_the_specifications_example_is_the_text_it_shows():
    assert dsse.pae("http://example.com/HelloWorld", b"hello world") == \
        PAE["vectors"][0]["pae_text"].encode()


def test_a_signature_verifies_with_its_key_only_and_never_over_the_raw_payload():
    key, other = keys.generate_private_key(), keys.generate_private_key()
    envelope = dsse.sign(PAYLOAD_TYPE, b'{"a":1}', "k1", key)
    assert dsse.verified_by(envelope.to_json(), keys.public_key_pem(key))
    assert not dsse.verified_by(envelope, keys.public_key_pem(other))
    raw = dsse.Envelope(PAYLOAD_TYPE, b'{"a":1}', (dsse.Signature("k1", key.sign(b'{"a":1}')),))
    assert not dsse.verified_by(raw, key.public_key())


def test_envelopes_read_standard_and_url_safe_base64_with_or_without_padding():
    payload = bytes(range(250, 256)) * 3
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        text = encode(payload).decode()
        for variant in (text, text.rstrip("=")):
            parsed = dsse.Envelope.from_json({"payloadType": "t", "payload": variant,
                                              "signatures": [{"keyid": "k", "sig": variant}]})
            assert parsed.payload == payload
    with pytest.raises(ValueError):
        dsse.Envelope.from_json({"payloadType": "t", "payload": "not base64!", "signatures": [{"sig": "AA"}]})
    with pytest.raises(ValueError):
        dsse.Envelope.from_json({"payloadType": "t", "payload": "", "signatures": []})


def test_key_ids_and_pems_round_trip_as_java_writes_them():
    pem = PAE["test_key"]["public_key_pem"]
    assert keys.public_key_pem(PAE["test_key"]["private_key_pem"]) == pem
    assert len(keys.key_id(pem)) == 32
    with pytest.raises(ValueError):
        keys.private_key(pem)
    with pytest.raises(ValueError):
        keys.public_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")


def _statement(**changes):
    values = dict(model_id="xsmom@2026.05.15-r3", lineage_hash="ab" * 32, report_id="rep-1", objective="rank_ic",
                  verdict="pass", evaluator="alpha-bench", metrics={"rank_ic": 0.031, "universe": "us-large"},
                  created_at="2026-05-15T10:00:00Z")
    values.update(changes)
    return values


def test_a_statement_is_the_in_toto_statement_the_registry_expects():
    statement = Statement(**_statement())
    assert json.loads(statement.to_bytes()) == {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": "xsmom@2026.05.15-r3", "digest": {"sha256": "ab" * 32}}],
        "predicateType": "urn:model-registry:evaluation-report:v1",
        "predicate": {"report_id": "rep-1", "objective": "rank_ic", "verdict": "pass",
                      "metrics": {"rank_ic": 0.031, "universe": "us-large"}, "evaluator": "alpha-bench",
                      "created_at": "2026-05-15T10:00:00Z"}}
    assert Statement(**{k: v for k, v in _statement().items() if k != "created_at"}).created_at.endswith("Z")


@pytest.mark.parametrize("change, field", [
    ({"verdict": "maybe"}, "predicate.verdict"),
    ({"report_id": ""}, "predicate.report_id"),
    ({"objective": "x" * 129}, "predicate.objective"),
    ({"objective": "\U0001F600" * 65}, "predicate.objective"),  # 130 UTF-16 units, as Java counts
    ({"evaluator": "tab\tinside"}, "predicate.evaluator"),
    ({"metrics": {"ic": float("nan")}}, "predicate.metrics.ic"),
    ({"metrics": {"ic": True}}, "predicate.metrics.ic"),
    ({"metrics": {"ic": 10 ** 400}}, "predicate.metrics.ic"),
    ({"metrics": {"": 1}}, "predicate.metrics"),
    ({"metrics": {"note": "y" * 1025}}, "predicate.metrics.note"),
    ({"created_at": "2026-02-30T10:00:00Z"}, "predicate.created_at"),
    ({"created_at": "2026-05-15 10:00:00"}, "predicate.created_at"),
    ({"created_at": "2026-05-15T10:00:00+19:00"}, "predicate.created_at"),
    ({"model_id": "xsmom"}, "subject[0].name"),
    ({"lineage_hash": "AB" * 32}, "subject[0].digest.sha256"),
])
def test_the_builder_refuses_an_invalid_statement_naming_the_field(change, field):
    with pytest.raises(InvalidStatement) as refused:
        Statement(**_statement(**change))
    assert field in [e.field for e in refused.value.errors]


def test_a_64_character_astral_objective_is_128_utf16_units_and_allowed():
    assert Statement(**_statement(objective="\U0001F600" * 64)).objective


def test_parsing_refuses_duplicate_keys_deep_nesting_and_not_exactly_one_subject():
    good = Statement(**_statement()).to_bytes()
    assert parse_statement(good)["predicate"]["verdict"] == "pass"
    with pytest.raises(InvalidStatement, match="duplicate"):
        parse_statement(good.replace(b'"verdict":"pass"', b'"verdict":"fail","verdict":"pass"'))
    deep = json.loads(good)
    deep["predicate"]["metrics"] = {}
    nested: dict = {}
    deep["predicate"]["extra"] = nested
    for _ in range(70):
        nested["n"] = {}
        nested = nested["n"]
    with pytest.raises(InvalidStatement, match="deeper"):
        parse_statement(json.dumps(deep).encode())
    two = json.loads(good)
    two["subject"].append(two["subject"][0])
    with pytest.raises(InvalidStatement) as refused:
        parse_statement(json.dumps(two).encode())
    assert refused.value.type.endswith("subject-mismatch")
    with pytest.raises(InvalidStatement):
        parse_statement(b"[1, 2]")
    with pytest.raises(InvalidStatement):
        parse_statement(good.replace(b"0.031", b"NaN"))


def test_sign_report_refuses_before_signing_whatever_form_the_statement_has():
    key = keys.generate_private_key()
    bad = Statement(**_statement()).to_json()
    bad["predicate"]["verdict"] = "maybe"
    with pytest.raises(InvalidStatement):
        sign_report(bad, key, "k1")
    with pytest.raises(InvalidStatement):
        sign_report(json.dumps(bad).encode(), key, "k1")
    with pytest.raises(ValueError):
        sign_report(Statement(**_statement()), key, "")


def test_bytes_are_signed_byte_for_byte():
    key = keys.generate_private_key()
    payload = json.dumps(Statement(**_statement()).to_json(), indent=2).encode()
    envelope = sign_report(payload, key, "k1")
    assert base64.b64decode(envelope["payload"]) == payload
    assert envelope["payloadType"] == PAYLOAD_TYPE and envelope["signatures"][0]["keyid"] == "k1"
    assert dsse.verified_by(envelope, key.public_key())


def test_a_report_signed_here_is_accepted_by_the_registry_once(world):
    version = world.version()
    statement = Statement.for_version(version, report_id=unique("rep"), objective="rank_ic", verdict="pass",
                                      evaluator=world.evaluator, metrics={"rank_ic": 0.04})
    envelope = sign_report(statement, world.evaluator_key, world.evaluator_keyid)
    stored = world.outsider.submit_evaluation(envelope)  # any token may submit: the signature authenticates
    assert stored.created and stored.report_id == statement.report_id
    assert stored.model_id == version.model_id and stored.lineage_hash == version.lineage_hash
    assert stored.evaluator == world.evaluator and stored.verdict == "pass"
    assert not world.outsider.submit_evaluation(envelope).created
    assert [e.report_id for e in world.quant.evaluations(version.model_id)] == [statement.report_id]


# Statements this package refuses, sent signed anyway (straight through dsse.sign), to see the registry refuse them
# the same way: the two sets of rules must not drift apart.
@pytest.mark.parametrize("change, field", [
    (lambda s: s["predicate"].update(verdict="maybe"), "predicate.verdict"),
    (lambda s: s["predicate"].update(extra=1), "predicate.extra"),
    (lambda s: s["predicate"]["metrics"].update(bad=[1]), "predicate.metrics.bad"),
    (lambda s: s["predicate"].update(created_at="2026-13-01T00:00:00Z"), "predicate.created_at"),
    (lambda s: s.update(predicateType="urn:other"), "predicateType"),
    (lambda s: s.update(subject=[{"name": 1, "digest": {}}]), "subject[0]"),
])
def test_the_registry_refuses_what_the_builder_refuses(world, change, field):
    version = world.version()
    statement = Statement.for_version(version, report_id=unique("rep"), objective="o", verdict="pass",
                                      evaluator=world.evaluator).to_json()
    change(statement)
    payload = json.dumps(statement).encode()
    with pytest.raises(InvalidStatement) as ours:
        parse_statement(payload)
    envelope = dsse.sign(PAYLOAD_TYPE, payload, world.evaluator_keyid, world.evaluator_key).to_json()
    with pytest.raises(errors.StatementInvalidError) as theirs:
        world.quant.submit_evaluation(envelope)
    assert theirs.value.status == 422
    assert field in [e.field for e in ours.value.errors]
    assert [e.field for e in ours.value.errors] == [e.field for e in theirs.value.errors]


def test_a_report_about_another_lineage_is_a_subject_mismatch(world):
    version = world.version()
    statement = Statement(model_id=version.model_id, lineage_hash="0" * 64, report_id=unique("rep"),
                          objective="o", verdict="pass", evaluator=world.evaluator)
    with pytest.raises(errors.SubjectMismatchError) as refused:
        world.quant.submit_evaluation(sign_report(statement, world.evaluator_key, world.evaluator_keyid))
    assert refused.value.status == 422
    assert world.quant.evaluations(version.model_id) == []


def test_a_report_signed_by_an_unregistered_key_is_refused(world):
    version = world.version()
    statement = Statement.for_version(version, report_id=unique("rep"), objective="o", verdict="pass",
                                      evaluator=world.evaluator)
    with pytest.raises(errors.SignatureInvalidError) as named:
        world.quant.submit_evaluation(sign_report(statement, keys.generate_private_key(), world.evaluator_keyid))
    assert named.value.status == 422
    with pytest.raises(errors.EvaluationKeyUnknownError):
        world.quant.submit_evaluation(sign_report(statement, keys.generate_private_key(), unique("nokey")))


def test_a_report_signed_with_a_revoked_key_is_refused(world):
    evaluator = unique("evaluator")
    world.admin.access.create_evaluator(evaluator)
    key = keys.generate_private_key()
    world.admin.access.add_evaluator_key(evaluator, "old", keys.public_key_pem(key))
    world.admin.access.revoke_evaluator_key(evaluator, "old")
    version = world.version()
    statement = Statement.for_version(version, report_id=unique("rep"), objective="o", verdict="pass",
                                      evaluator=evaluator)
    with pytest.raises(errors.EvaluationKeyRevokedError) as refused:
        world.quant.submit_evaluation(sign_report(statement, key, "old"))
    assert refused.value.status == 422


def test_importing_the_package_does_not_need_cryptography_and_signing_says_what_is_missing(tmp_path):
    script = tmp_path / "no_crypto.py"
    script.write_text(
        "import sys\n"
        "sys.modules['cryptography'] = None  # as if it were not installed\n"
        "import modelreg\n"
        "from modelreg import Statement, keys, lineage_hash, sign_report\n"
        "assert lineage_hash('abcdef1', '1234567', ('2020-01-01', '2020-12-31'))\n"
        "s = Statement(model_id='m@2026.01.01-r1', lineage_hash='ab' * 32, report_id='r', objective='o',\n"
        "              verdict='pass', evaluator='e')\n"
        "try:\n"
        "    sign_report(s, 'pem', 'k')\n"
        "except keys.MissingCryptography as e:\n"
        "    print('MISSING:', e)\n")
    package_dir = str(Path(__file__).resolve().parents[1])
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": package_dir})
    assert result.returncode == 0, result.stderr
    assert "MISSING:" in result.stdout and "python3-cryptography" in result.stdout
