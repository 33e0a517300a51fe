"""Evaluation, promotion, deployment, watch and rollback against the real registry, with every gate an approver can
meet (four eyes, an unsigned or failed evaluation, not sealed, not an approver, no production for a canary), and
the signed manifest verified here with the registry's published key."""

from __future__ import annotations

import base64
import json
import pytest

from _watching import watch_in_background
from _world import unique
from modelreg import Statement, dsse, errors, sign_report


def _evaluate(world, version, verdict="pass"):
    statement = Statement.for_version(version, report_id=unique("rep"), objective="rank_ic", verdict=verdict,
                                      evaluator=world.evaluator, metrics={"rank_ic": 0.03})
    return world.quant.submit_evaluation(sign_report(statement, world.evaluator_key, world.evaluator_keyid))


def _ready(world, tmp_path, model=None, registrant=None, verdict="pass", seal=True):
    """A version with one artifact, sealed, with a signed evaluation report: what an approver promotes."""
    registrant = registrant or world.quant
    version = registrant.register(model or unique("desk-model"), code_commit=unique("c").split("-")[-1] * 2,
                                  feature_graph_hash="8b2e9f01", data_window=("2019-01-01", "2025-12-31"),
                                  owner=world.team)
    weights = tmp_path / f"{version.model_id}.bin"
    weights.write_bytes(version.model_id.encode() * 100)
    registrant.upload_file(version.model_id, weights, path="model.bin")
    if seal:
        registrant.seal(version.model_id)
    _evaluate(world, version, verdict)
    return version


def test_an_approver_promotes_a_sealed_evaluated_version_to_production(world, tmp_path):
    version = _ready(world, tmp_path)
    deployment = world.approver.promote(version.model_id, approver=world.approver_name)
    assert deployment.revision == 1
    assert deployment.production.model_id == version.model_id and deployment.production.pct == 100
    assert deployment.canary is None
    assert world.quant.version(version.model_id).status == "production"


def test_promotion_readiness_lists_every_unmet_gate_and_the_refusal_names_them_all(world, tmp_path):
    version = world.version()  # registered, neither sealed nor evaluated
    readiness = world.quant.promotion_readiness(version.model_id)
    unmet = [(c["rule"], c["problem_type"].rsplit(":", 1)[-1]) for c in readiness["checks"] if not c["met"]]
    assert not readiness["ready"] and readiness["approver"] == world.quant_name
    assert unmet == [("approver_in_acl", "not-approver"), ("not_registrant", "four-eyes"),
                     ("evaluation_passed", "evaluation-missing"), ("sealed", "version-not-sealed")]
    with pytest.raises(errors.NotApproverError) as refused:
        world.quant.promote(version.model_id, approver=world.quant_name)
    assert [e.field for e in refused.value.errors] == [rule for rule, _ in unmet]

    ready = _ready(world, tmp_path)
    assert world.approver.promotion_readiness(ready.model_id)["ready"]
    assert world.approver.promote(ready.model_id, approver=world.approver_name).production.model_id == ready.model_id


def test_aliases_name_the_version_holding_the_role_now(world, tmp_path):
    model = unique("aliased")
    first = _ready(world, tmp_path, model)
    world.approver.promote(f"{model}@latest", approver=world.approver_name)
    latest = world.version(model)
    assert world.quant.version(f"{model}@production").model_id == first.model_id
    assert world.quant.version(f"{model}@latest").model_id == latest.model_id
    assert world.quant.promotion_readiness(f"{model}@latest")["model_id"] == latest.model_id
    downloaded = world.quant.download_all(f"{model}@production", tmp_path / "production")
    assert [d.path for d in downloaded] == ["model.bin"]
    with pytest.raises(errors.NotFoundError) as none:
        world.quant.version(f"{model}@canary")
    assert "has no canary version now" in none.value.detail


def test_promotion_is_refused_when_the_approver_registered_the_version(world, tmp_path):
    version = _ready(world, tmp_path, registrant=world.member_approver)
    with pytest.raises(errors.FourEyesError) as refused:
        world.member_approver.promote(version.model_id, approver=world.member_approver_name)
    assert refused.value.status == 403 and refused.value.request_id
    assert world.quant.deployment(version.model).revision == 0


def test_promotion_without_a_signed_evaluation_is_refused(world, tmp_path):
    version = world.version()
    world.quant.seal(version.model_id)
    with pytest.raises(errors.EvaluationMissingError) as refused:
        world.approver.promote(version.model_id, approver=world.approver_name)
    assert refused.value.status == 409


def test_promotion_on_a_failed_evaluation_is_refused(world, tmp_path):
    version = _ready(world, tmp_path, verdict="fail")
    with pytest.raises(errors.EvaluationFailedError) as refused:
        world.approver.promote(version.model_id, approver=world.approver_name)
    assert refused.value.status == 409


def test_promotion_of_an_unsealed_version_is_refused(world, tmp_path):
    version = _ready(world, tmp_path, seal=False)
    with pytest.raises(errors.VersionNotSealedError) as refused:
        world.approver.promote(version.model_id, approver=world.approver_name)
    assert refused.value.status == 409


def test_only_approvers_promote_and_only_in_their_own_name(world, tmp_path):
    version = _ready(world, tmp_path)
    with pytest.raises(errors.NotApproverError) as not_approver:
        world.quant.promote(version.model_id, approver=world.quant_name)
    assert not_approver.value.status == 403
    with pytest.raises(errors.ApproverMismatchError):
        world.approver.promote(version.model_id, approver=world.member_approver_name)


def test_a_canary_needs_a_production_to_split_with(world, tmp_path):
    version = _ready(world, tmp_path)
    with pytest.raises(errors.NoProductionError) as refused:
        world.approver.promote(version.model_id, approver=world.approver_name, canary_pct=10)
    assert refused.value.status == 409


def test_canary_rollback_and_history(world, tmp_path):
    model = unique("canary")
    first = _ready(world, tmp_path, model)
    world.approver.promote(first.model_id, approver=world.approver_name)
    second = _ready(world, tmp_path, model)
    split = world.approver.promote(second.model_id, approver=world.approver_name, canary_pct=10)
    assert split.revision == 2
    assert (split.production.model_id, split.production.pct) == (first.model_id, 90)
    assert (split.canary.model_id, split.canary.pct) == (second.model_id, 10)
    with pytest.raises(errors.RollbackForbiddenError) as forbidden:
        world.outsider.rollback(model, reason="not mine")
    assert forbidden.value.status == 403
    back = world.quant.rollback(model, reason="drawdown beyond limit")
    assert back.revision == 3 and back.canary is None and back.production.model_id == first.model_id
    assert world.quant.version(second.model_id).status == "rolled_back"
    history = list(world.quant.deployment_history(model))
    assert [h["revision"] for h in history] == [1, 2, 3]
    assert [h["action"] for h in history] == ["promote", "promote", "rollback"]
    assert history[2]["reason"] == "drawdown beyond limit"
    with pytest.raises(errors.NothingToRollBackError):
        world.quant.rollback(model, reason="nothing earlier")


def test_the_manifest_is_signed_by_the_registrys_published_key(world, tmp_path):
    version = _ready(world, tmp_path)
    world.approver.promote(version.model_id, approver=world.approver_name)
    deployment = world.quant.deployment(version.model)
    published = {k["keyid"]: k["public_key_pem"] for k in world.outsider.keys()}
    manifest = deployment.manifest
    assert manifest["payloadType"] == "application/vnd.model-registry.manifest+json"
    assert dsse.verified_by(manifest, published[manifest["signatures"][0]["keyid"]])
    tampered = dict(manifest, payload=base64.b64encode(base64.b64decode(manifest["payload"]) + b" ").decode())
    assert not dsse.verified_by(tampered, published[manifest["signatures"][0]["keyid"]])
    payload = json.loads(base64.b64decode(manifest["payload"]))
    assert payload["model"] == version.model and payload["revision"] == deployment.revision
    entry = payload["entries"][0]
    assert entry["model_id"] == version.model_id and entry["lineage_hash"] == version.lineage_hash
    assert [a["path"] for a in entry["artifacts"]] == ["model.bin"]


def test_watch_yields_the_current_deployment_then_each_new_revision(world, tmp_path):
    model = unique("watched")
    first = _ready(world, tmp_path, model)
    seen = watch_in_background(world.outsider, model, until_revision=2)
    assert seen.get(timeout=20).revision == 0
    world.approver.promote(first.model_id, approver=world.approver_name)
    assert seen.get(timeout=20).production.model_id == first.model_id
    second = _ready(world, tmp_path, model)
    world.approver.promote(second.model_id, approver=world.approver_name)
    latest = seen.get(timeout=20)
    assert latest.revision == 2 and latest.production.model_id == second.model_id
    assert seen.empty()


def test_a_quiet_long_poll_answers_the_same_revision_when_the_wait_is_over(world):
    version = world.version()
    quiet = world.quant.await_deployment(version.model, after_revision=0, wait=0.3)
    assert quiet.revision == 0 and quiet.production is None and quiet.manifest


def test_watching_a_model_that_does_not_exist_ends_with_not_found(world):
    with pytest.raises(errors.NotFoundError):
        next(world.quant.watch(unique("ghost")))
