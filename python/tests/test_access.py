"""Who may act, through the client: principals, tokens, roles, teams, the approver ACL and evaluator keys, and
on-call's orphans and reassignment, against the real registry."""

from __future__ import annotations

import pytest

from _world import unique
from modelreg import Registry, errors, keys


def test_principals_and_their_tokens_can_be_listed_and_revoked(world, server):
    access = world.admin.access
    name = unique("svc")
    assert access.create_principal(name, "service")["kind"] == "service"
    assert access.principal(name)["name"] == name
    assert name in {p["name"] for p in access.principals()}
    token = access.create_token(name)
    assert token["token"] and [t["id"] for t in access.tokens(name)] == [token["id"]]
    with Registry(server.url, token["token"]) as service:
        assert service.models_page(limit=1).items is not None
        access.revoke_token(token["id"])
        with pytest.raises(errors.UnauthenticatedError):
            service.models_page(limit=1)
    assert next(access.tokens(name))["revoked_at"]


def test_only_an_admin_manages_principals(world):
    with pytest.raises(errors.AdminRequiredError) as refused:
        world.quant.access.create_principal(unique("nope"))
    assert refused.value.status == 403


def test_roles_grant_and_revoke_lineage_ingest(world, server):
    access = world.admin.access
    name = unique("feed")
    access.create_principal(name, "service")
    with Registry(server.url, access.create_token(name)["token"]) as feed:
        access.grant_role(name, "lineage-writer")
        assert feed.ingest_fills([{"fill_id": unique("f"), "signal_id": unique("s"),
                                   "executed_at": "2026-05-15T10:00:00Z"}]).accepted == 1
        access.revoke_role(name, "lineage-writer")
        with pytest.raises(errors.RoleRequiredError):
            feed.ingest_fills([{"fill_id": unique("f"), "signal_id": unique("s"),
                                "executed_at": "2026-05-15T10:00:00Z"}])


def test_teams_members_and_approvers(world):
    access = world.admin.access
    team, person = unique("team"), unique("person")
    access.create_team(team)
    access.create_principal(person)
    access.add_member(team, person)
    assert access.team(team)["members"] == [person]
    assert team in {t["name"] for t in world.quant.access.teams()}
    access.remove_member(team, person)
    assert access.team(team)["members"] == []
    access.add_approver(person)
    assert person in {a["principal"] for a in access.approvers()}
    access.remove_approver(person)
    assert person not in {a["principal"] for a in access.approvers()}
    with pytest.raises(errors.NotFoundError):
        access.add_member(team, unique("nobody"))


def test_evaluators_list_their_keys_with_revocations(world):
    access = world.admin.access
    evaluator = unique("bench")
    access.create_evaluator(evaluator)
    pem = keys.public_key_pem(keys.generate_private_key())
    added = access.add_evaluator_key(evaluator, "k1", pem)
    assert added["keyid"] == "k1" and added["revoked_at"] is None
    access.revoke_evaluator_key(evaluator, "k1")
    [listed] = access.evaluator(evaluator)["keys"]
    assert listed["keyid"] == "k1" and listed["revoked_at"]
    with pytest.raises(errors.ValidationFailedError):
        access.add_evaluator_key(evaluator, "k2", "not a pem")


def test_a_model_whose_team_has_no_members_is_an_orphan_until_reassigned(world, server):
    access = world.admin.access
    team, member, heir = unique("team"), unique("leaver"), unique("team")
    for t in (team, heir):
        access.create_team(t)
    access.create_principal(member)
    access.add_member(team, member)
    access.add_member(heir, world.quant_name)
    with Registry(server.url, access.create_token(member)["token"]) as leaver:
        version = leaver.register(unique("orphaned"), code_commit="deadbeef", feature_graph_hash="8b2e9f01",
                                  data_window=("2020-01-01", "2020-12-31"), owner=team)
    access.remove_member(team, member)
    assert version.model in {o["model"] for o in world.quant.orphans()}
    with pytest.raises(errors.AdminRequiredError):
        world.quant.reassign(version.model, heir)
    assert world.admin.reassign(version.model, heir)["owner"] == heir
    assert version.model not in {o["model"] for o in world.quant.orphans()}


def test_readiness_and_an_artifact_read_as_a_raw_stream(world, tmp_path):
    assert world.outsider.ready()
    version = world.version()
    (tmp_path / "raw.bin").write_bytes(b"raw bytes")
    world.quant.upload_file(version.model_id, tmp_path / "raw.bin")
    with world.outsider.open_artifact(version.model_id, "raw.bin") as stream:
        assert stream.read() == b"raw bytes" and stream.headers["Content-Length"] == "9"
    assert Registry("http://127.0.0.1:1", None, max_attempts=1).ready() is False
