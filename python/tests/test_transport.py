"""The transport against a real registry: typed problems with status and request id, retries that keep one
Idempotency-Key per call, token handling, and a registry that is not there."""

from __future__ import annotations

import pytest

from modelreg import errors
from modelreg._http import Transport, segment, segments


def test_a_request_without_a_token_is_refused_as_unauthenticated_with_its_request_id(server):
    with Transport(server.url, None) as http:
        with pytest.raises(errors.UnauthenticatedError) as refused:
            http.get("/models")
    assert refused.value.status == 401
    assert refused.value.type == "urn:model-registry:problem:unauthenticated"
    assert refused.value.request_id


def test_an_unknown_route_is_a_not_found_problem(server):
    with Transport(server.url, server.admin_token) as http:
        with pytest.raises(errors.NotFoundError) as refused:
            http.get("/models/" + segment("no-such-model-here"))
    assert refused.value.status == 404
    assert refused.value.is_client_error


def test_a_retried_post_with_the_same_idempotency_key_is_answered_by_the_first_response(server):
    with Transport(server.url, server.admin_token) as http:
        first = http.post("/teams", {"name": "team-idem-py"}, idempotency_key="py-team-idem-1")
        again = http.post("/teams", {"name": "team-idem-py"}, idempotency_key="py-team-idem-1")
        assert first.status == 201
        assert again.status == 201 and again.replayed
        assert again.json() == first.json()
        with pytest.raises(errors.IdempotencyKeyReusedError) as refused:
            http.post("/teams", {"name": "team-idem-py-other"}, idempotency_key="py-team-idem-1")
        assert refused.value.status == 422


def test_the_same_post_without_a_key_is_a_second_request(server):
    with Transport(server.url, server.admin_token) as http:
        http.post("/teams", {"name": "team-twice-py"})
        with pytest.raises(errors.AlreadyExistsError) as refused:
            http.post("/teams", {"name": "team-twice-py"})
    assert refused.value.status == 409


def test_validation_problems_carry_their_field_errors(server):
    with Transport(server.url, server.admin_token) as http:
        with pytest.raises(errors.ValidationFailedError) as refused:
            http.post("/teams", {"name": "Not A Slug"})
    assert refused.value.status == 400
    assert refused.value.errors and refused.value.errors[0].field == "name"


def test_a_registry_that_is_not_there_is_unreachable_after_the_retries(tmp_path):
    from _server import free_port

    with Transport(f"http://127.0.0.1:{free_port()}", "t", max_attempts=2, backoff=0.01) as http:
        with pytest.raises(errors.RegistryUnreachable) as unreachable:
            http.get("/readyz")
    assert "connection refused" in str(unreachable.value)
    assert unreachable.value.request_id


@pytest.mark.parametrize("url", ["ftp://host", "http://", "http://h/?q=1", "http://u:p@h", "localhost:8080"])
def test_a_base_url_that_is_not_a_plain_http_url_is_refused(url):
    with pytest.raises(ValueError):
        Transport(url, None)


def test_a_token_that_could_not_be_a_bearer_token_is_refused_without_echoing_it():
    with pytest.raises(ValueError) as refused:
        Transport("http://127.0.0.1:1", "secret\r\nX-Evil: 1")
    assert "secret" not in str(refused.value)


def test_names_cannot_add_path_segments_or_verbs():
    assert segment("xsmom@2026.05.15-r3") == "xsmom@2026.05.15-r3"
    assert segment("a/b:seal?x") == "a%2Fb%3Aseal%3Fx"
    assert segments("dir/model.onnx") == "dir/model.onnx"
    for bad in ("", ".", ".."):
        with pytest.raises(ValueError):
            segment(bad)
    for bad in ("a//b", "a/../b", "/a", "a/"):
        with pytest.raises(ValueError):
            segments(bad)


def test_a_post_whose_answer_was_lost_is_retried_with_its_key_and_acts_once(server):
    from _proxy import LosingProxy
    from _world import unique

    team = unique("lost-answer")
    with LosingProxy(server.url, lose=1) as proxy, Transport(proxy.url, server.admin_token, backoff=0.01) as http:
        created = http.post("/teams", {"name": team})
        assert proxy.connections == 2
    # Without its key the retry would have been refused as already-exists (409): it got the first answer instead.
    assert created.status == 201 and created.replayed
    with Transport(server.url, server.admin_token) as http:
        assert http.get("/teams/" + team).json()["name"] == team


def test_a_call_that_must_not_be_repeated_is_sent_once_and_reported_unreachable(server):
    from _proxy import LosingProxy

    with LosingProxy(server.url, lose=1) as proxy, Transport(proxy.url, server.admin_token, backoff=0.01) as http:
        with pytest.raises(errors.RegistryUnreachable):
            http.send("GET", "/healthz", retry=False)
        assert proxy.connections == 1
        assert http.get("/healthz").json() == {"status": "ok"}


def test_kept_alive_connections_the_registry_closed_meanwhile_are_replaced_and_not_counted_as_attempts(server):
    from _proxy import LosingProxy

    with LosingProxy(server.url, lose=0) as proxy, Transport(proxy.url, server.admin_token, max_attempts=1) as http:
        answers = [http.open("GET", "/healthz") for _ in range(3)]  # three connections, kept alive once read
        for answer in answers:
            while answer.read():
                pass
            answer.close()
        proxy.cut_all()

        # One attempt only, and every pooled connection is dead: each must be recognised as stale, not as the
        # registry failing (before, this raised RegistryUnreachable after trying the stale ones).
        assert http.get("/healthz").json() == {"status": "ok"}
        assert proxy.connections == 4
