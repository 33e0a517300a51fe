"""Deployment manifests: the signed statement of which versions take traffic, at what share, and the exact size and
SHA-256 of each of their artifacts; and :class:`ManifestVerifier`, which checks one against the pinned registry keys
before anything of its payload is looked at. The unsigned fields around the manifest are never used."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from .envelope import PinnedKey, parse_envelope
from .refusals import DeployRefused, Reason

__all__ = ["PAYLOAD_TYPE", "Role", "ArtifactRef", "Entry", "Manifest", "ManifestVerifier"]

#: The DSSE payload type of every deployment manifest.
PAYLOAD_TYPE = "application/vnd.model-registry.manifest+json"

_SHA256 = re.compile(r"[0-9a-f]{64}")


class Role(str, enum.Enum):
    """Whether an entry serves the bulk of the traffic or the canary share."""

    PRODUCTION = "production"
    CANARY = "canary"


@dataclass(frozen=True)
class ArtifactRef:
    """An artifact as the manifest pins it."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Entry:
    """One version taking traffic."""

    model_id: str
    lineage_hash: str
    pct: int
    role: Role
    artifacts: tuple[ArtifactRef, ...]


@dataclass(frozen=True)
class Manifest:
    """The verified payload of a deployment manifest; only :class:`ManifestVerifier` builds one."""

    model: str
    revision: int
    issued_at: datetime
    expires_at: datetime
    entries: tuple[Entry, ...]

    @property
    def production(self) -> Entry | None:
        return self._entry(Role.PRODUCTION)

    @property
    def canary(self) -> Entry | None:
        return self._entry(Role.CANARY)

    def _entry(self, role: Role) -> Entry | None:
        return next((e for e in self.entries if e.role is role), None)


class ManifestVerifier:
    """Checks the ``manifest`` envelope of a deployment for one model against pinned registry keys."""

    def __init__(self, model: str, pinned_keys: Iterable[PinnedKey]) -> None:
        if not model:
            raise ValueError("the model name is required")
        self.model = model
        self.pinned_keys = tuple(pinned_keys)
        if not self.pinned_keys:
            raise ValueError("at least one pinned registry public key is required")

    @property
    def pinned_keyids(self) -> list[str]:
        """The key ids (as ``GET /keys`` names them) of the pinned keys, for messages and logs."""
        return [key.keyid for key in self.pinned_keys]

    def verify(self, envelope_document: Any) -> Manifest:
        """Verifies the envelope and returns its payload; :class:`DeployRefused` when any check fails."""
        try:
            envelope = parse_envelope(envelope_document)
        except ValueError as e:
            raise DeployRefused(Reason.UNSIGNED, f"the deployment of {self.model} carries no usable manifest "
                                                 f"envelope: {e}") from None
        if envelope.payload_type != PAYLOAD_TYPE:
            raise DeployRefused(Reason.UNSIGNED, f"the envelope's payloadType is {envelope.payload_type!r}, "
                                                 f"not {PAYLOAD_TYPE}")
        if not any(key.verifies(envelope) for key in self.pinned_keys):
            signers = [signature.keyid for signature in envelope.signatures]
            raise DeployRefused(Reason.WRONG_KEY, f"the manifest of {self.model} is not signed by a pinned registry "
                                                  f"key (signed by keyid {signers}, pinned {self.pinned_keyids})")
        try:
            payload = json.loads(envelope.payload, object_pairs_hook=_refuse_duplicate_keys)
        except (ValueError, UnicodeDecodeError) as e:
            raise self._malformed(f"the payload is not JSON ({e})") from None
        if not isinstance(payload, dict):
            raise self._malformed("the payload is not a JSON object")
        model = payload.get("model")
        if model != self.model:
            raise DeployRefused(Reason.MODEL_MISMATCH, f"the manifest is for model {model!r}, this guard loads "
                                                       f"{self.model!r}")
        revision = _whole(payload.get("revision"))
        if revision is None or revision < 0:
            raise self._malformed("revision must be a whole number, 0 or more")
        return Manifest(self.model, revision, self._time(payload, "issued_at"), self._time(payload, "expires_at"),
                        self._entries(payload.get("entries")))

    def _entries(self, array: Any) -> tuple[Entry, ...]:
        if not isinstance(array, list):
            raise self._malformed("entries must be an array")
        entries = [self._entry(node) for node in array]
        roles = [e.role for e in entries]
        for role in Role:
            if roles.count(role) > 1:
                raise self._malformed(f"more than one {role.value} entry")
        total = sum(e.pct for e in entries)
        if entries and total != 100:
            raise self._malformed(f"the entries' shares add up to {total}%, not 100%")
        return tuple(entries)

    def _entry(self, node: Any) -> Entry:
        if not isinstance(node, dict):
            raise self._malformed("each entry must be an object")
        model_id = node.get("model_id")
        if not isinstance(model_id, str) or not model_id.startswith(self.model + "@"):
            raise DeployRefused(Reason.MODEL_MISMATCH, f"the manifest names version {model_id!r}, which is not a "
                                                       f"version of {self.model}")
        lineage_hash = node.get("lineage_hash")
        if not isinstance(lineage_hash, str) or not lineage_hash:
            raise self._malformed(f"{model_id} has no lineage_hash")
        pct = _whole(node.get("pct"))
        if pct is None or not 0 <= pct <= 100:
            raise self._malformed(f"{model_id}: pct must be a whole number from 0 to 100")
        try:
            role = Role(node.get("role"))
        except ValueError:
            raise self._malformed(f"{model_id}: role must be production or canary") from None
        artifacts = node.get("artifacts")
        if not isinstance(artifacts, list):
            raise self._malformed(f"{model_id}: artifacts must be an array")
        return Entry(model_id, lineage_hash, pct, role, tuple(self._artifact(model_id, a) for a in artifacts))

    def _artifact(self, model_id: str, node: Any) -> ArtifactRef:
        path = node.get("path") if isinstance(node, dict) else None
        if not _is_safe_path(path):
            raise self._malformed(f"{model_id}: artifact path {path!r} is not a relative path of plain segments")
        sha256 = node.get("sha256")
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise self._malformed(f"{model_id}/{path}: sha256 must be 64 lower-case hex characters")
        size = _whole(node.get("size"))
        if size is None or size < 0:
            raise self._malformed(f"{model_id}/{path}: size must be a whole number of bytes")
        return ArtifactRef(path, sha256, size)

    def _time(self, payload: Mapping[str, Any], field: str) -> datetime:
        text = payload.get(field)
        if not isinstance(text, str):
            raise self._malformed(f"{field} is missing")
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise self._malformed(f"{field} is not an RFC 3339 time: {text}") from None
        if value.tzinfo is None:
            raise self._malformed(f"{field} has no UTC offset: {text}")
        return value

    def _malformed(self, why: str) -> DeployRefused:
        return DeployRefused(Reason.MALFORMED_MANIFEST, f"the signed manifest of {self.model} is malformed: {why}")


def _whole(value: Any) -> int | None:
    """An integral JSON number as an int (``5`` or ``5.0``, as Jackson's ``canConvertToExactIntegral``); None for
    anything else, booleans included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _is_safe_path(path: Any) -> bool:
    return isinstance(path, str) and bool(path) and all(s not in ("", ".", "..") for s in path.split("/"))


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two values for one field would let two readers of the same signed bytes see two manifests.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the field {key!r} appears twice")
        result[key] = value
    return result
