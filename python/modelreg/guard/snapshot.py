"""What a deploy guard serves at one moment: a verified manifest revision with its production version and, during a
canary, the canary; each with the local paths of its verified artifacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .manifest import Role
from .routing import bucket, to_canary

__all__ = ["LoadedVersion", "DeploymentSnapshot"]


@dataclass(frozen=True)
class LoadedVersion:
    """A version the guard verified and cached: its identity, role and share, and where each of its artifacts is
    on local disk. The files are shared by every version with the same bytes; treat them as read-only."""

    model_id: str
    lineage_hash: str
    role: Role
    pct: int
    artifacts: Mapping[str, Path]

    def __post_init__(self) -> None:
        object.__setattr__(self, "artifacts", MappingProxyType(dict(self.artifacts)))

    def artifact(self, path: str) -> Path:
        """The cached file of the artifact at ``path`` (as the manifest names it)."""
        try:
            return self.artifacts[path]
        except KeyError:
            raise KeyError(f"{self.model_id} has no artifact {path!r}; it has {sorted(self.artifacts)}") from None


@dataclass(frozen=True)
class DeploymentSnapshot:
    """A verified revision of a model's deployment."""

    model: str
    revision: int
    issued_at: datetime
    expires_at: datetime
    production: LoadedVersion
    canary: LoadedVersion | None

    @property
    def canary_pct(self) -> int:
        """The canary's share of the traffic, 0 without a canary."""
        return self.canary.pct if self.canary is not None else 0

    def pick(self, routing_key: str) -> LoadedVersion:
        """The version that serves ``routing_key``: the canary when the key's stable bucket is below its share."""
        if self.canary is not None and to_canary(bucket(routing_key), self.canary.pct):
            return self.canary
        return self.production
