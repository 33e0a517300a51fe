"""The pinned registry keys that verify manifest envelopes.

A signature is checked over the DSSE pre-authentication encoding (:func:`modelreg.dsse.pae`) and only against keys
the operator pinned: the ``keyid`` in the envelope is a hint for messages, never a way to pick or fetch a key.
Envelopes are parsed by :class:`modelreg.dsse.Envelope`; keys are loaded by :mod:`modelreg.keys`, which imports
``cryptography`` only then, so the rest of the guard (routing, the cache) works without it.
"""

from __future__ import annotations

from typing import Any

from .. import keys
from ..dsse import Envelope, pae

__all__ = ["Envelope", "PinnedKey", "pae", "parse_envelope", "load_pinned_key"]


def parse_envelope(document: Any) -> Envelope:
    """Reads a DSSE envelope from its JSON form; :class:`ValueError` with a readable reason when malformed."""
    return Envelope.from_json(document)


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
        message = pae(envelope.payload_type, envelope.payload)
        # A malformed or foreign signature simply does not verify; another one may.
        return any(keys.verify_bytes(self._key, message, signature.sig) for signature in envelope.signatures)


def load_pinned_key(pem: str | bytes) -> PinnedKey:
    """Reads a PEM ``PUBLIC KEY`` (as ``GET /keys`` lists them); :class:`ValueError` unless it is Ed25519."""
    try:
        key = keys.public_key(pem)
    except ValueError as e:
        raise ValueError(f"a pinned registry key must be an Ed25519 PEM PUBLIC KEY: {e}") from None
    return PinnedKey(key, keys.key_id(key))
