"""DSSE envelopes as the deploy guard reads them, and the pinned registry keys that verify them.

A signature is always checked over the DSSE pre-authentication encoding (``"DSSEv1" SP len(type) SP type SP
len(body) SP body``), never over the raw payload, and only against keys the operator pinned: the ``keyid`` in the
envelope is a hint for messages, never a way to pick or fetch a key. Ed25519 comes from ``cryptography``, imported
only when a key is loaded, so the rest of the guard (routing, the cache) works without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any, Mapping

__all__ = ["Envelope", "PinnedKey", "pae", "parse_envelope", "load_pinned_key"]

_MISSING_CRYPTOGRAPHY = ("the deploy guard verifies Ed25519 signatures with the 'cryptography' package, which is "
                         "not installed: apt-get install python3-cryptography, or pip install './python[crypto]'")


def pae(payload_type: str, payload: bytes) -> bytes:
    """The DSSE pre-authentication encoding; lengths count bytes (UTF-8 for the type)."""
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(type_bytes), type_bytes, len(payload), payload)


@dataclass(frozen=True)
class Envelope:
    """A parsed DSSE envelope: the payload type, the decoded payload and the ``(keyid, sig)`` pairs."""

    payload_type: str
    payload: bytes
    signatures: tuple[tuple[str, bytes], ...]


def parse_envelope(document: Any) -> Envelope:
    """Reads a DSSE envelope from its JSON form; :class:`ValueError` with a readable reason when malformed.
    Standard and URL-safe base64 are accepted, padded or not, as DSSE implementations differ."""
    if not isinstance(document, Mapping):
        raise ValueError("the envelope must be a JSON object")
    payload_type = document.get("payloadType")
    if not isinstance(payload_type, str):
        raise ValueError("payloadType must be a string")
    payload = _base64(document.get("payload"), "payload")
    signatures = document.get("signatures")
    if not isinstance(signatures, list) or not signatures:
        raise ValueError("signatures must be a non-empty array")
    parsed = []
    for signature in signatures:
        if not isinstance(signature, Mapping):
            raise ValueError("each signature must be an object {keyid, sig}")
        keyid = signature.get("keyid")
        parsed.append(("" if keyid is None else str(keyid), _base64(signature.get("sig"), "sig")))
    return Envelope(payload_type, payload, tuple(parsed))


def _base64(text: Any, field: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{field} must be a string")
    normalised = text.replace("-", "+").replace("_", "/").rstrip("=")
    try:
        return base64.b64decode(normalised + "=" * (-len(normalised) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{field} is not base64") from None


class PinnedKey:
    """An Ed25519 registry public key the operator chose to trust, with the ``keyid`` that ``GET /keys`` gives it
    (the first 32 hex characters of the SHA-256 of its SubjectPublicKeyInfo)."""

    def __init__(self, key: Any, keyid: str) -> None:
        self._key = key
        self.keyid = keyid

    def __repr__(self) -> str:
        return f"PinnedKey({self.keyid})"

    def verifies(self, envelope: Envelope) -> bool:
        """True when one of the envelope's signatures verifies with this key over the PAE."""
        from cryptography.exceptions import InvalidSignature

        message = pae(envelope.payload_type, envelope.payload)
        for _keyid, sig in envelope.signatures:
            try:
                self._key.verify(sig, message)
                return True
            except InvalidSignature:
                # A malformed or foreign signature simply does not verify; another one may.
                continue
        return False


def load_pinned_key(pem: str | bytes) -> PinnedKey:
    """Reads a PEM ``PUBLIC KEY`` (as ``GET /keys`` lists them); :class:`ValueError` unless it is Ed25519."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError as e:
        raise ImportError(_MISSING_CRYPTOGRAPHY) from e
    data = pem.encode("ascii") if isinstance(pem, str) else bytes(pem)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as e:
        raise ValueError(f"a pinned registry key must be a PEM PUBLIC KEY: {e}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"a pinned registry key must be Ed25519, this one is {type(key).__name__}")
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return PinnedKey(key, hashlib.sha256(spki).hexdigest()[:32])
