"""DSSE envelopes signed with Ed25519, as the registry writes and reads them (Java ``Dsse``, ``DsseEnvelope``).

A signature is always over the pre-authentication encoding ``"DSSEv1" SP len(type) SP type SP len(body) SP body``
(lengths in bytes), never over the raw payload, so that it cannot be replayed under another payload type.
``testdata/dsse-pae-vectors.json`` is checked by this package's tests and by the Java ones.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any, Mapping

from .keys import PrivateKeyLike, PublicKeyLike, public_key, sign_bytes, verify_bytes

__all__ = ["Envelope", "Signature", "pae", "sign", "verified_by"]

_BASE64 = re.compile(r"[A-Za-z0-9+/_-]*={0,2}")


def pae(payload_type: str, payload: bytes) -> bytes:
    """The DSSE v1 pre-authentication encoding of a payload and its type: the bytes that are signed."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


@dataclass(frozen=True)
class Signature:
    """One signature of an envelope: the signer's key id (a hint only) and the raw signature bytes."""

    keyid: str
    sig: bytes


@dataclass(frozen=True)
class Envelope:
    """A DSSE envelope: ``payloadType``, the payload bytes and their signatures."""

    payload_type: str
    payload: bytes
    signatures: tuple[Signature, ...]

    def to_json(self) -> dict[str, Any]:
        """The envelope as JSON (standard base64), as ``POST /evaluations`` takes it."""
        return {
            "payloadType": self.payload_type,
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "signatures": [{"keyid": s.keyid, "sig": base64.b64encode(s.sig).decode("ascii")}
                           for s in self.signatures],
        }

    @classmethod
    def from_json(cls, json: Mapping[str, Any]) -> "Envelope":
        """Parses an envelope; standard or URL-safe base64, with or without padding. ValueError when malformed."""
        if not isinstance(json, Mapping):
            raise ValueError("the envelope must be a JSON object")
        payload_type = json.get("payloadType")
        if not isinstance(payload_type, str):
            raise ValueError("payloadType must be a string")
        signatures = json.get("signatures")
        if not isinstance(signatures, list) or not signatures:
            raise ValueError("signatures must be a non-empty array")
        parsed = []
        for signature in signatures:
            if not isinstance(signature, Mapping):
                raise ValueError("each signature must be an object {keyid, sig}")
            keyid = signature.get("keyid")
            parsed.append(Signature("" if keyid is None else str(keyid), _base64(signature.get("sig"), "sig")))
        return cls(payload_type, _base64(json.get("payload"), "payload"), tuple(parsed))


def sign(payload_type: str, payload: bytes, keyid: str, private_key: PrivateKeyLike) -> Envelope:
    """Signs ``payload`` (exactly these bytes) as a DSSE envelope of ``payload_type`` with one Ed25519 signature."""
    return Envelope(payload_type, payload, (Signature(keyid, sign_bytes(private_key, pae(payload_type, payload))),))


def verified_by(envelope: Envelope | Mapping[str, Any], key: PublicKeyLike) -> bool:
    """True when one of the envelope's signatures verifies over the PAE with ``key`` (keyids are not trusted)."""
    parsed = envelope if isinstance(envelope, Envelope) else Envelope.from_json(envelope)
    loaded = public_key(key)
    message = pae(parsed.payload_type, parsed.payload)
    return any(verify_bytes(loaded, message, s.sig) for s in parsed.signatures)


def _base64(text: Any, field: str) -> bytes:
    if not isinstance(text, str) or not _BASE64.fullmatch(text):
        raise ValueError(f"{field} must be standard or URL-safe base64")
    normalised = text.replace("-", "+").replace("_", "/").rstrip("=")
    try:
        return base64.b64decode(normalised + "=" * (-len(normalised) % 4), validate=True)
    except binascii.Error:
        raise ValueError(f"{field} is not base64") from None
