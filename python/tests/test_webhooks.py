"""Webhooks through the Python client against the real registry (its allow-list names 127.0.0.1, as an operator's
would for a receiver on the same host), and ``verify_webhook`` on deliveries that registry signed and sent to a
real receiver here: the receiver side a Python service runs."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from _server import Server, running_server
from _world import World, make_world
from modelreg import WebhookVerificationError, errors, verify_webhook


class Receiver:
    """An HTTP server on loopback that keeps every request (headers and raw body) and answers 204."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        received = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(({k: v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks/{name}"

    def wait_for(self, count: int, timeout: float = 20.0) -> list[tuple[dict[str, str], bytes]]:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            assert time.monotonic() < deadline, f"{count} deliveries did not arrive; got {len(self.requests)}"
            time.sleep(0.02)
        return list(self.requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def hooks_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("hooks"), extra_args=["--webhook-allow-hosts", "127.0.0.1"]) as started:
        yield started


@pytest.fixture(scope="module")
def hooks_world(hooks_server: Server) -> Iterator[World]:
    created = make_world(hooks_server.url, hooks_server.admin_token)
    yield created
    created.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver()
    yield started
    started.close()


def test_a_delivery_verifies_with_the_secret_and_nothing_else(hooks_world: World, receiver: Receiver):
    model = hooks_world.version().model
    subscription = hooks_world.quant.webhooks.create(receiver.url("verify"), models=[model],
                                                     event_types=["dev.modelregistry.version.registered"])
    secret = subscription["secret"]
    assert secret.startswith("whsec_") and subscription["owner"] == hooks_world.team
    version = hooks_world.version(model)

    headers, body = receiver.wait_for(1)[0]
    event = verify_webhook(secret, headers, body)
    assert event["type"] == "dev.modelregistry.version.registered"
    assert event["specversion"] == "1.0" and event["chain"] == f"model:{model}"
    assert event["data"]["after"]["model_id"] == version.model_id
    assert event["id"] == headers["webhook-id"]
    assert headers["Content-Type"].startswith("application/cloudevents+json")

    other = hooks_world.admin.webhooks.create(receiver.url("other"), models=[model])["secret"]
    with pytest.raises(WebhookVerificationError):
        verify_webhook(other, headers, body)
    with pytest.raises(WebhookVerificationError):
        verify_webhook(secret, headers, body.replace(b"registered", b"rolled_back"))
    with pytest.raises(WebhookVerificationError):
        verify_webhook(secret, headers, body, now=int(headers["webhook-timestamp"]) + 301)
    with pytest.raises(WebhookVerificationError):
        verify_webhook(secret, {k: v for k, v in headers.items() if k.lower() != "webhook-signature"}, body)
    assert verify_webhook(secret, {k.upper(): v for k, v in headers.items()}, body.decode())["id"] == event["id"]


def test_during_a_rotation_old_and_new_secret_both_verify(hooks_world: World, receiver: Receiver):
    model = hooks_world.version().model
    created = hooks_world.admin.webhooks.create(receiver.url("rotate"), models=[model])
    rotated = hooks_world.admin.webhooks.rotate_secret(created["id"])
    assert rotated["secret"] != created["secret"] and rotated["previous_secret_expires_at"]
    hooks_world.version(model)

    headers, body = receiver.wait_for(1)[0]
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert verify_webhook(created["secret"], headers, body)["id"] == verify_webhook(rotated["secret"], headers,
                                                                                    body)["id"]
    assert verify_webhook([created["secret"], rotated["secret"]], headers, body)


def test_subscriptions_and_their_delivery_log(hooks_world: World, receiver: Receiver):
    webhooks = hooks_world.admin.webhooks
    model = hooks_world.version().model
    created = webhooks.create(receiver.url("log"), models=[model])
    assert created["id"] in {s["id"] for s in webhooks.list()}
    assert "secret" not in webhooks.get(created["id"])
    hooks_world.version(model)
    receiver.wait_for(1)

    deadline = time.monotonic() + 20
    while (log := list(webhooks.deliveries(created["id"])))[0]["status"] != "delivered":
        assert time.monotonic() < deadline, log
        time.sleep(0.05)
    assert log[0]["response_code"] == 204 and log[0]["attempts"] == 1
    assert log[0]["event_id"] == receiver.requests[0][0]["webhook-id"]

    assert webhooks.redeliver(created["id"], log[0]["id"])["status"] == "pending"
    again = receiver.wait_for(2)[1]
    assert again[0]["webhook-id"] == log[0]["event_id"] and again[1] == receiver.requests[0][1]
    assert webhooks.enable(created["id"])["state"] == "active"
    webhooks.delete(created["id"])
    with pytest.raises(errors.NotFoundError):
        webhooks.get(created["id"])


def test_refusals_are_typed(hooks_world: World, receiver: Receiver):
    theirs = hooks_world.version().model
    with pytest.raises(errors.NotTeamMemberError):
        hooks_world.outsider.webhooks.create(receiver.url("x"), models=[theirs])
    with pytest.raises(errors.AdminRequiredError):
        hooks_world.quant.webhooks.create(receiver.url("x"))
    with pytest.raises(errors.ValidationFailedError) as refused:
        hooks_world.admin.webhooks.create("http://169.254.169.254/latest/meta-data/")
    assert [e.field for e in refused.value.errors] == ["url"]
    with pytest.raises(errors.ValidationFailedError):
        hooks_world.admin.webhooks.create(receiver.url("x"), event_types=["deployment.promoted"])
