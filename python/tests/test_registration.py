"""Registration and reading models and versions against the real registry: the version answered, idempotency, the
lineage hash the server computes equals the one computed here (every shared vector), pagination, search, and the
refusals a pipeline meets (bad input, not a member, another owner, unknown names)."""

from __future__ import annotations

import json

import pytest

from _vectors import load
from _world import unique
from modelreg import errors, lineage_hash


def test_register_answers_the_new_version_with_its_lineage_hash(world):
    model = unique("xsmom")
    version = world.quant.register(model, code_commit="a13fce0", feature_graph_hash="8b2e9f01",
                                   data_window=("2018-01-01", "2026-04-30"), owner=world.team,
                                   hyperparams={"lr": 0.01, "layers": [64, 32]}, labels={"desk": "mfe"})
    assert version.created
    assert version.model == model and version.model_id.startswith(model + "@")
    assert version.status == "candidate" and not version.sealed
    assert version.owner == world.team and version.labels == {"desk": "mfe"}
    assert version.lineage_hash == lineage_hash("a13fce0", "8b2e9f01", ("2018-01-01", "2026-04-30"),
                                                {"lr": 0.01, "layers": [64, 32]})
    assert world.quant.version(version.model_id) == version.__class__.from_json(version.raw)


def test_registering_the_same_lineage_again_answers_the_existing_version_without_an_audit_entry(world):
    first = world.version()
    entries_before = list(world.admin.audit(subject=f"model:{first.model}"))
    again = world.quant.register(first.model, code_commit=first.code_commit,
                                 feature_graph_hash=first.feature_graph_hash, data_window=first.data_window)
    assert not again.created
    assert again.model_id == first.model_id and again.lineage_hash == first.lineage_hash
    assert [v.model_id for v in world.quant.versions(first.model)] == [first.model_id]
    assert list(world.admin.audit(subject=f"model:{first.model}")) == entries_before


def test_the_same_lineage_under_another_model_is_another_version(world):
    first = world.version()
    other = world.version(code_commit=first.code_commit, feature_graph_hash=first.feature_graph_hash,
                          data_window=first.data_window)
    assert other.created and other.model_id != first.model_id
    assert other.lineage_hash == first.lineage_hash


def test_a_retried_registration_with_its_idempotency_key_gets_the_first_answer(world):
    model = unique("idem")
    body = dict(code_commit="b0b0b0b0", feature_graph_hash="cafe0001", data_window=("2021-01-01", "2021-06-30"),
                owner=world.team)
    first = world.quant.register(model, idempotency_key="reg-" + model, **body)
    replay = world.quant.register(model, idempotency_key="reg-" + model, **body)
    assert first.created and replay.created  # the first answer (201), replayed
    assert replay.model_id == first.model_id


# A registration names parents by model_id, so the vectors with hashed parents are covered by the ensemble test.
@pytest.mark.parametrize("vector", [v for v in load("lineage-vectors.json")["vectors"] if not v["parents"]],
                         ids=lambda v: v["name"][:40])
def test_the_registry_computes_every_shared_vectors_lineage_hash(world, vector):
    body = json.loads(vector["input_json"])
    version = world.quant.register(unique("vec"), owner=world.team, **body)
    assert version.lineage_hash == vector["lineage_hash"]


def test_an_ensembles_hash_covers_its_childrens_lineage_hashes(world):
    children = [world.version(), world.version()]
    ensemble = world.version(parents=[c.model_id for c in children])
    assert ensemble.parents == tuple(c.model_id for c in children)
    assert ensemble.lineage_hash == lineage_hash(ensemble.code_commit, ensemble.feature_graph_hash,
                                                 ensemble.data_window, None, [c.lineage_hash for c in children])
    graph = world.quant.graph(ensemble.model_id)
    assert {n["model_id"] for n in graph["nodes"]} >= {c.model_id for c in children}
    down = world.quant.graph(children[0].model_id, direction="down")
    assert ensemble.model_id in {n["model_id"] for n in down["nodes"]}


def test_invalid_registrations_are_refused_with_their_fields(world):
    with pytest.raises(errors.ValidationFailedError) as refused:
        world.quant.register(unique("bad"), code_commit="NOT-HEX", feature_graph_hash="8b2e9f01",
                             data_window=("2026-04-30", "2018-01-01"), owner=world.team)
    assert refused.value.status == 400
    assert {"code_commit", "data_window"} <= {e.field for e in refused.value.errors}
    assert refused.value.request_id


def test_only_members_of_the_owning_team_register(world):
    with pytest.raises(errors.NotTeamMemberError) as refused:
        world.outsider.register(unique("theirs"), code_commit="a13fce0", feature_graph_hash="8b2e9f01",
                                data_window=("2018-01-01", "2026-04-30"), owner=world.team)
    assert refused.value.status == 403


def test_a_later_version_naming_another_owner_is_refused(world):
    first = world.version()
    other_team = unique("team")
    world.admin.access.create_team(other_team)
    with pytest.raises(errors.OwnerMismatchError) as refused:
        world.admin.register(first.model, code_commit="abcdef12", feature_graph_hash="8b2e9f01",
                             data_window=("2018-01-01", "2026-04-30"), owner=other_team)
    assert refused.value.status == 409


def test_unknown_models_and_versions_are_not_found(world):
    with pytest.raises(errors.NotFoundError):
        world.quant.model(unique("nothing"))
    with pytest.raises(errors.NotFoundError) as refused:
        world.quant.version(unique("nothing") + "@2026.01.01-r1")
    assert refused.value.status == 404
    with pytest.raises(ValueError):
        world.quant.version("not-a-model-id")


def test_versions_are_listed_page_by_page_in_registration_order(world):
    model = unique("paged")
    registered = [world.version(model).model_id for _ in range(5)]
    first = world.quant.versions_page(model, limit=2)
    assert [v.model_id for v in first] == registered[:2] and first.next is not None
    second = world.quant.versions_page(model, after=first.next, limit=2)
    assert [v.model_id for v in second] == registered[2:4]
    assert [v.model_id for v in world.quant.versions(model)] == registered


def test_search_finds_versions_and_models_by_what_they_hold(world):
    model = unique("search")
    plain = world.version(model)
    labelled = world.version(model, labels={"universe": "us-large"})
    world.quant.seal(plain.model_id)
    assert [v.model_id for v in world.quant.search_versions(model, labels={"universe": "us-large"})] == \
        [labelled.model_id]
    assert [v.model_id for v in world.quant.search_versions(model, sealed=True)] == [plain.model_id]
    assert [v.model_id for v in world.quant.search_versions(model, lineage_hash=labelled.lineage_hash)] == \
        [labelled.model_id]
    found = list(world.quant.search_models(owner=world.team, name_prefix=model))
    assert [m["name"] for m in found] == [model]
    assert world.quant.model(model)["owner"] == world.team


def test_models_are_listed_across_pages(world):
    prefix = unique("many")
    names = sorted(f"{prefix}-{i}" for i in range(3))
    for name in names:
        world.quant.create_model(name, world.team, description="listed")
    listed = [m["name"] for m in world.quant.models() if m["name"].startswith(prefix)]
    assert listed == names
    page = world.quant.models_page(limit=1)
    assert len(page.items) == 1 and page.next
