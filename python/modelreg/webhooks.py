"""Webhooks: subscriptions to the registry's events (reached as :attr:`modelreg.Registry.webhooks`), and
:func:`verify_webhook`, which a receiver calls on every delivery before trusting it.

A delivery is a CloudEvents 1.0 event (structured JSON, ``application/cloudevents+json``) sent with the Standard
Webhooks headers ``webhook-id`` (the event's id, the same on every retry), ``webhook-timestamp`` (Unix seconds of
this attempt) and ``webhook-signature``: ``v1,`` and the base64 HMAC-SHA256 of ``<id>.<timestamp>.<body>`` under the
subscription's secret, one per secret in use (two during a rotation), separated by spaces. A receiver in any
framework::

    from modelreg import verify_webhook

    event = verify_webhook(SECRET, request.headers, request.body)   # raises WebhookVerificationError
    if event["type"] == "dev.modelregistry.deployment.rolled_back":
        ...

Standard library only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Iterable, Iterator, Mapping

from ._http import Transport, segment
from .pages import all_items

__all__ = ["Webhooks", "verify_webhook", "WebhookVerificationError", "DEFAULT_TOLERANCE"]

#: How far ``webhook-timestamp`` may be from the receiver's clock, in seconds (Standard Webhooks suggests 5 minutes):
#: a captured delivery cannot be replayed later.
DEFAULT_TOLERANCE = 300
_SECRET_PREFIX = "whsec_"


class WebhookVerificationError(Exception):
    """The delivery is not one the registry signed with the given secret (or it is too old to trust)."""


class Webhooks:
    """Webhook subscriptions and their delivery logs over one client's connection. An admin may subscribe to any
    event types and models; a member of a team only to models that team owns, named in ``models``."""

    def __init__(self, http: Transport) -> None:
        self._http = http

    def create(self, url: str, *, event_types: Iterable[str] | None = None,
               models: Iterable[str] | None = None) -> dict[str, Any]:
        """Subscribes ``url`` to ``event_types`` (e.g. ``dev.modelregistry.deployment.promoted``) of ``models``
        (None: all). The answer carries the ``secret`` (``whsec_...``), shown only in it."""
        body: dict[str, Any] = {"url": url}
        if event_types is not None:
            body["event_types"] = list(event_types)
        if models is not None:
            body["models"] = list(models)
        # Sent once: a replayed answer would carry the subscription without its secret.
        return self._http.send("POST", "/webhooks", json_body=body, retry=False).required_json()

    def list(self) -> Iterator[dict[str, Any]]:
        """The subscriptions the caller may manage, without secrets, fetched page by page."""
        return all_items(self._http, "/webhooks")

    def get(self, webhook_id: str) -> dict[str, Any]:
        return self._http.get(_path(webhook_id)).required_json()

    def delete(self, webhook_id: str) -> None:
        self._http.delete(_path(webhook_id))

    def rotate_secret(self, webhook_id: str) -> dict[str, Any]:
        """A new ``secret``, in this answer only; for 24 hours deliveries are signed with the old one too."""
        return self._http.send("POST", _path(webhook_id) + ":rotate-secret", json_body={},
                               retry=False).required_json()

    def enable(self, webhook_id: str) -> dict[str, Any]:
        """Makes a ``failing`` subscription active again: what it gave up on is sent again, in order."""
        return self._http.post(_path(webhook_id) + ":enable", {}).required_json()

    def deliveries(self, webhook_id: str) -> Iterator[dict[str, Any]]:
        """The delivery log, newest first: ``{id, event_id, event_type, chain, chain_seq, status, attempts,
        attempted_at, response_code, latency_ms, error, next_attempt_at, delivered_at}``."""
        return all_items(self._http, _path(webhook_id) + "/deliveries")

    def redeliver(self, webhook_id: str, delivery_id: int) -> dict[str, Any]:
        """Sends a delivery again (same ``webhook-id``) once nothing earlier of its model is undelivered."""
        return self._http.post(f"{_path(webhook_id)}/deliveries/{int(delivery_id)}:redeliver", {}).required_json()


def verify_webhook(secret: str | Iterable[str], headers: Mapping[str, str], body: bytes | str, *,
                   tolerance: int = DEFAULT_TOLERANCE, now: float | None = None) -> dict[str, Any]:
    """Checks a delivery as Standard Webhooks says and answers its CloudEvent as a dict.

    ``secret`` is the subscription's ``whsec_...`` secret, or several (the old and the new one while rotating);
    ``headers`` the request's headers (any mapping, names in any case); ``body`` the raw body exactly as received.
    Raises :class:`WebhookVerificationError` when a header is missing, the timestamp is further than ``tolerance``
    seconds from ``now`` (default: this machine's clock), or no ``v1`` signature matches a secret. Compare the
    event's ``id`` with those already handled: a delivery may come more than once (at least once).
    """
    lower = {name.lower(): value for name, value in headers.items()}
    message_id, timestamp, signatures = (lower.get(h) for h in ("webhook-id", "webhook-timestamp",
                                                                 "webhook-signature"))
    if not message_id or not timestamp or not signatures:
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number of seconds") from None
    if abs((time.time() if now is None else now) - sent) > tolerance:
        raise WebhookVerificationError(f"webhook-timestamp is more than {tolerance} s away from now")
    payload = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    signed = f"{message_id}.{sent}.".encode("utf-8") + payload
    expected = [_signature(key, signed) for key in _keys(secret)]
    offered = [part.partition(",")[2] for part in signatures.split(" ") if part.startswith("v1,")]
    if not any(hmac.compare_digest(o.encode(), e.encode()) for o in offered for e in expected):
        raise WebhookVerificationError("no v1 signature matches the secret")
    try:
        return json.loads(payload)
    except ValueError:
        raise WebhookVerificationError("the body is not JSON") from None


def _keys(secret: str | Iterable[str]) -> list[bytes]:
    secrets = [secret] if isinstance(secret, str) else list(secret)
    if not secrets:
        raise ValueError("no secret given")
    keys = []
    for text in secrets:
        try:
            keys.append(base64.b64decode(text.removeprefix(_SECRET_PREFIX), validate=True))
        except (binascii.Error, ValueError):
            raise ValueError("a webhook secret is whsec_ followed by base64") from None
    return keys


def _signature(key: bytes, signed: bytes) -> str:
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


def _path(webhook_id: str) -> str:
    return f"/webhooks/{segment(webhook_id)}"
