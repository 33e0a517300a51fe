"""Stable canary routing, the same function as the Java guard's ``Routing``: a routing key (an account, a request
id) always falls in the same bucket 0–99 in every process and language, namely the first 4 bytes of the SHA-256 of
its UTF-8 bytes as an unsigned big-endian number, modulo 100. Buckets below the canary's share go to the canary.
``testdata/canary-vectors.json`` holds the expected answers; the Java and the Python tests both check them."""

from __future__ import annotations

import hashlib

__all__ = ["bucket", "to_canary"]


def bucket(routing_key: str) -> int:
    """The key's bucket, 0–99.

    A lone surrogate (possible in a Python ``str``, not in UTF-8) is encoded as ``?``, exactly as Java's
    ``String.getBytes(UTF_8)`` does, so the two languages still agree on such a key.
    """
    if not isinstance(routing_key, str):
        raise TypeError(f"a routing key must be a str, not {type(routing_key).__name__}")
    digest = hashlib.sha256(routing_key.encode("utf-8", "replace")).digest()
    return int.from_bytes(digest[:4], "big") % 100


def to_canary(key_bucket: int, canary_pct: int) -> bool:
    """True when a key in ``key_bucket`` goes to a canary taking ``canary_pct`` percent of the traffic."""
    return key_bucket < canary_pct
