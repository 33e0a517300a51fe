"""Ed25519 keys in PEM (SPKI ``PUBLIC KEY``, PKCS#8 ``PRIVATE KEY``), the only place ``cryptography`` is imported.

Everything else in the package is standard library; signing and verifying need ``cryptography`` (Debian:
``python3-cryptography``; or ``pip install cryptography``), which is imported the first time a key is loaded, so a
training pipeline that never signs does not need it.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # for type checkers only: importing here would make cryptography a hard dependency
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = ["MissingCryptography", "PrivateKeyLike", "PublicKeyLike", "private_key", "public_key", "public_key_from_raw",
           "generate_private_key", "private_key_pem", "public_key_pem", "key_id", "sign_bytes", "verify_bytes"]

#: A private key as PEM text or bytes, or an already loaded ``Ed25519PrivateKey``.
PrivateKeyLike = Union[str, bytes, "Ed25519PrivateKey"]
#: A public key as PEM text or bytes, or an already loaded ``Ed25519PublicKey``.
PublicKeyLike = Union[str, bytes, "Ed25519PublicKey"]


class MissingCryptography(ImportError):
    """Signing or verifying was asked for, but the ``cryptography`` package is not installed."""


def _ed25519() -> Any:
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError as e:
        raise MissingCryptography(
            "Ed25519 signing and verification need the 'cryptography' package, which is not installed: "
            "apt-get install python3-cryptography, or pip install cryptography (the rest of modelreg does not need it)"
        ) from e
    return ed25519


def _serialization() -> Any:
    _ed25519()
    from cryptography.hazmat.primitives import serialization
    return serialization


def private_key(key: PrivateKeyLike) -> "Ed25519PrivateKey":
    """An Ed25519 private key from PEM (``PRIVATE KEY``, PKCS#8, unencrypted); ValueError for anything else."""
    ed25519 = _ed25519()
    return _load(key, ed25519.Ed25519PrivateKey, "private",
                 lambda pem: _serialization().load_pem_private_key(pem, password=None))


def public_key(key: PublicKeyLike) -> "Ed25519PublicKey":
    """An Ed25519 public key from PEM (``PUBLIC KEY``, SPKI); ValueError for anything else."""
    ed25519 = _ed25519()
    return _load(key, ed25519.Ed25519PublicKey, "public", lambda pem: _serialization().load_pem_public_key(pem))


def _load(key: Any, kind: type, what: str, load_pem: Any) -> Any:
    if isinstance(key, kind):
        return key
    if not isinstance(key, (str, bytes)):
        raise ValueError(f"not an Ed25519 {what} key: {type(key).__name__}")
    try:
        loaded = load_pem(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError) as e:
        raise ValueError(f"not an Ed25519 {what} key in PEM: {e}") from None
    if not isinstance(loaded, kind):
        raise ValueError(f"not an Ed25519 {what} key: a {type(loaded).__name__}")
    return loaded


def public_key_from_raw(raw: bytes) -> "Ed25519PublicKey":
    """An Ed25519 public key from its 32 raw bytes (how ``GET /audit/keys`` publishes log keys)."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return _ed25519().Ed25519PublicKey.from_public_bytes(raw)


def generate_private_key() -> "Ed25519PrivateKey":
    """A new random Ed25519 private key."""
    return _ed25519().Ed25519PrivateKey.generate()


def private_key_pem(key: PrivateKeyLike) -> str:
    """PEM ``PRIVATE KEY`` (PKCS#8, unencrypted): what ``modelreg sign-report --key`` reads too."""
    s = _serialization()
    return private_key(key).private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode()


def public_key_pem(key: PrivateKeyLike | PublicKeyLike) -> str:
    """PEM ``PUBLIC KEY`` (SPKI) of a public key, or of a private key's public half: what an admin registers."""
    s = _serialization()
    return _public(key).public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()


def key_id(key: PrivateKeyLike | PublicKeyLike) -> str:
    """The first 32 hex characters of the SHA-256 of the public key's SPKI encoding (Java ``Ed25519Pem.keyId``)."""
    s = _serialization()
    der = _public(key).public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:32]


def sign_bytes(key: PrivateKeyLike, message: bytes) -> bytes:
    """The Ed25519 signature of ``message``."""
    return private_key(key).sign(message)


def verify_bytes(key: PublicKeyLike, message: bytes, signature: bytes) -> bool:
    """True when ``signature`` is the key's Ed25519 signature of ``message``."""
    from cryptography.exceptions import InvalidSignature

    try:
        public_key(key).verify(signature, message)
    except InvalidSignature:
        return False
    return True


def _public(key: PrivateKeyLike | PublicKeyLike) -> "Ed25519PublicKey":
    ed25519 = _ed25519()
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.public_key()
    if isinstance(key, ed25519.Ed25519PublicKey):
        return key
    text = key.decode() if isinstance(key, bytes) else key
    return private_key(key).public_key() if "PRIVATE KEY" in text else public_key(key)
