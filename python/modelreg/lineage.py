"""A version's lineage hash, computed client-side exactly as the registry computes it (Java ``LineageIdentity``).

The hash is the SHA-256 (lower-case hex) of the RFC 8785 canonical JSON of ``{"code_commit", "data_window",
"feature_graph_hash", "hyperparams", "parents"}``, where ``parents`` is the sorted list of the lineage hashes of
the version's ensemble children (not their model_ids: those name the children, the hashes are their identity).
Values are hashed exactly as given: nothing is normalised, and upper-case hex is refused as the registry refuses it.
``testdata/lineage-vectors.json`` at the repository root is checked by this package's and by the Java tests.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, Mapping, Sequence

from ._time import TIMESTAMP, instant_of_date, instant_of_timestamp
from .jcs import canonicalize

__all__ = ["lineage_hash", "canonical_lineage", "check_data_window"]

_LOWER_HEX = re.compile(r"[0-9a-f]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def lineage_hash(code_commit: str, feature_graph_hash: str, data_window: Sequence[str],
                 hyperparams: Mapping[str, Any] | None = None, parents: Iterable[str] = ()) -> str:
    """The lineage hash a version with this lineage has (or will get) in the registry.

    ``data_window`` is ``(start, end)``: ISO-8601 dates or RFC 3339 timestamps with offset, start <= end;
    ``hyperparams`` a JSON object (None hashes as ``{}``); ``parents`` the lineage hashes of the ensemble's children,
    in any order. Raises ValueError for what the registry would refuse.
    """
    text = canonical_lineage(code_commit, feature_graph_hash, data_window, hyperparams, parents)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_lineage(code_commit: str, feature_graph_hash: str, data_window: Sequence[str],
                      hyperparams: Mapping[str, Any] | None = None, parents: Iterable[str] = ()) -> str:
    """The canonical JSON text that :func:`lineage_hash` hashes, for checking it byte for byte."""
    _require_hex("code_commit", code_commit, 7, 64)
    _require_hex("feature_graph_hash", feature_graph_hash, 7, 128)
    start, end = check_data_window(data_window)
    if hyperparams is None:
        hyperparams = {}
    if not isinstance(hyperparams, Mapping):
        raise ValueError("hyperparams must be a JSON object (a mapping), or None")
    parent_hashes = sorted(_require_hex("lineage_hash", p, 64, 64) for p in parents)
    return canonicalize({
        "code_commit": code_commit,
        "data_window": [start, end],
        "feature_graph_hash": feature_graph_hash,
        "hyperparams": hyperparams,
        "parents": parent_hashes,
    })


def check_data_window(data_window: Sequence[str]) -> tuple[str, str]:
    """Checks a data window as the registry does and answers it unchanged as ``(start, end)``.

    A date counts from the start of its UTC day; a timestamp is taken with its offset.
    """
    if isinstance(data_window, (str, bytes)) or len(data_window) != 2:
        raise ValueError("data_window must be two strings: [start, end]")
    start, end = data_window
    if _instant("data_window[0]", start) > _instant("data_window[1]", end):
        raise ValueError("data_window: start must not be after end")
    return start, end


def _require_hex(field: str, value: Any, min_length: int, max_length: int) -> str:
    if not isinstance(value, str) or not min_length <= len(value) <= max_length or not _LOWER_HEX.fullmatch(value):
        raise ValueError(f"{field}: must be {min_length}–{max_length} lower-case hex characters, got {value!r}")
    return value


def _instant(field: str, value: Any) -> tuple[int, int]:
    if not isinstance(value, str):
        raise ValueError(f"{field}: must be a string")
    try:
        if _DATE.fullmatch(value):
            return instant_of_date(value)
        if TIMESTAMP.fullmatch(value):
            return instant_of_timestamp(value)
    except ValueError:
        raise ValueError(f"{field}: is not a real date or time: {value!r}") from None
    raise ValueError(f"{field}: must be an ISO-8601 date (YYYY-MM-DD) or an RFC 3339 timestamp with offset, "
                     f"got {value!r}")
