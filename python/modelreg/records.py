"""What the registry answers, as small typed records. Each keeps the whole JSON it was read from in ``raw``, so a
field the registry adds later is never lost to a client that does not know it yet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Iterator, Mapping, TypeVar

__all__ = ["Page", "Version", "Artifact", "DownloadedArtifact", "Evaluation", "Split", "Deployment",
           "IngestResult", "IngestSummary", "AuditCheck", "model_of"]

T = TypeVar("T")
_MODEL_ID = re.compile(r"([a-z0-9][a-z0-9._-]{0,62})@(?:\d{4}\.\d{2}\.\d{2}-r[1-9][0-9]{0,8}|production|canary|latest)",
                       re.ASCII)
_ALIASES = ("@production", "@canary", "@latest")


def model_of(model_id: str) -> str:
    """The model name of a model_id (``xsmom@2026.05.15-r3`` → ``xsmom``) or of an alias (``xsmom@production``,
    ``@canary``, ``@latest``); ValueError when it is neither."""
    m = _MODEL_ID.fullmatch(model_id) if isinstance(model_id, str) else None
    if m is None:
        raise ValueError(f"not a model_id ({{name}}@{{YYYY.MM.DD}}-r{{N}}) or alias ({{name}}@production, "
                         f"@canary, @latest): {model_id!r}")
    return m[1]


def is_alias(model_id: str) -> bool:
    """Whether ``model_id`` is an alias, which the registry resolves to whichever version holds the role now."""
    return isinstance(model_id, str) and model_id.endswith(_ALIASES) and _MODEL_ID.fullmatch(model_id) is not None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items and the cursor of the next page (None on the last)."""

    items: list[T]
    next: str | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


@dataclass(frozen=True)
class Version:
    """A registered model version with its whole lineage."""

    model_id: str
    model: str
    status: str
    lineage_hash: str
    ready_at: str | None
    code_commit: str
    feature_graph_hash: str
    data_window: tuple[str, str]
    hyperparams: dict[str, Any]
    parents: tuple[str, ...]
    owner: str | None
    registered_by: str | None
    registered_at: str | None
    labels: dict[str, str]
    evaluation: dict[str, Any] | None
    training_distribution: dict[str, Any] | None
    raw: dict[str, Any] = field(repr=False)
    #: True only on the answer to a registration that created this version (201); False when the lineage was
    #: already registered (200) and on every read.
    created: bool = False

    @property
    def sealed(self) -> bool:
        """True once the version is sealed: its artifacts can no longer change."""
        return self.ready_at is not None

    @classmethod
    def from_json(cls, data: Mapping[str, Any], created: bool = False) -> "Version":
        window = data.get("data_window") or ["", ""]
        return cls(
            model_id=data["model_id"], model=data.get("model") or model_of(data["model_id"]),
            status=data.get("status", ""), lineage_hash=data.get("lineage_hash", ""), ready_at=data.get("ready_at"),
            code_commit=data.get("code_commit", ""), feature_graph_hash=data.get("feature_graph_hash", ""),
            data_window=(window[0], window[1]), hyperparams=dict(data.get("hyperparams") or {}),
            parents=tuple(data.get("parents") or ()), owner=data.get("owner"),
            registered_by=data.get("registered_by"), registered_at=data.get("registered_at"),
            labels=dict(data.get("labels") or {}), evaluation=data.get("evaluation"),
            training_distribution=data.get("training_distribution"), raw=dict(data), created=created)


@dataclass(frozen=True)
class Artifact:
    """A stored artifact of a version. After an upload, ``created`` says whether the path was new and ``outcome``
    what the upload did (``created``, ``replaced`` or ``unchanged``) when the registry says so."""

    path: str
    sha256: str
    size: int
    media_type: str | None
    uploaded_at: str | None
    uploaded_by: str | None
    raw: dict[str, Any] = field(repr=False)
    created: bool = False
    outcome: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any], created: bool = False) -> "Artifact":
        outcome = data.get("outcome")
        return cls(path=data["path"], sha256=data["sha256"], size=int(data["size"]),
                   media_type=data.get("media_type"), uploaded_at=data.get("uploaded_at"),
                   uploaded_by=data.get("uploaded_by"), raw=dict(data), created=created,
                   outcome=outcome if isinstance(outcome, str) else None)


@dataclass(frozen=True)
class DownloadedArtifact:
    """An artifact written to ``target`` after its length and SHA-256 were verified."""

    path: str
    target: Path
    size: int
    sha256: str
    media_type: str | None


@dataclass(frozen=True)
class Evaluation:
    """A stored, verified evaluation report."""

    report_id: str
    model_id: str
    lineage_hash: str
    evaluator: str
    keyid: str | None
    objective: str
    verdict: str
    metrics: dict[str, Any]
    created_at: str | None
    received_at: str | None
    raw: dict[str, Any] = field(repr=False)
    #: True when this submission stored the report (201), False when it was already stored (200).
    created: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, Any], created: bool = False) -> "Evaluation":
        return cls(report_id=data["report_id"], model_id=data["model_id"], lineage_hash=data["lineage_hash"],
                   evaluator=data["evaluator"], keyid=data.get("keyid"), objective=data.get("objective", ""),
                   verdict=data["verdict"], metrics=dict(data.get("metrics") or {}), created_at=data.get("created_at"),
                   received_at=data.get("received_at"), raw=dict(data), created=created)


@dataclass(frozen=True)
class Split:
    """One side of a deployment: a version and the share of traffic it takes."""

    model_id: str
    pct: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "Split | None":
        return None if data is None else cls(model_id=data["model_id"], pct=int(data["pct"]))


@dataclass(frozen=True)
class Deployment:
    """A model's deployment at one revision: production and canary, and the registry-signed manifest (a DSSE
    envelope, as JSON) that a deploy guard verifies before loading anything."""

    model: str
    revision: int
    production: Split | None
    canary: Split | None
    manifest: dict[str, Any] | None
    raw: dict[str, Any] = field(repr=False)
    #: The ``Deprecation``/``Sunset`` headers of the answer, when the model is past its expiry.
    deprecation: str | None = None
    sunset: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> "Deployment":
        headers = headers or {}
        return cls(model=data["model"], revision=int(data["revision"]), production=Split.from_json(data.get("production")),
                   canary=Split.from_json(data.get("canary")), manifest=data.get("manifest"), raw=dict(data),
                   deprecation=headers.get("Deprecation"), sunset=headers.get("Sunset"))


@dataclass(frozen=True)
class IngestResult:
    """The registry's answer to one line of a lineage ingest: ``status`` is ``accepted``, ``duplicate`` (the
    identical event was already stored), ``conflict`` (the id is stored with other content) or ``rejected``."""

    line: int
    id: str | None
    status: str
    error: str | None

    @property
    def ok(self) -> bool:
        """True when the event is stored as sent (accepted now or before)."""
        return self.status in ("accepted", "duplicate")


@dataclass
class IngestSummary:
    """How many lines of an ingest got each answer."""

    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0

    @property
    def lines(self) -> int:
        return self.accepted + self.duplicate + self.conflict + self.rejected

    @property
    def ok(self) -> bool:
        """True when no line was rejected or conflicting."""
        return self.conflict == 0 and self.rejected == 0

    def count(self, result: IngestResult) -> None:
        if result.status == "accepted":
            self.accepted += 1
        elif result.status == "duplicate":
            self.duplicate += 1
        elif result.status == "conflict":
            self.conflict += 1
        else:
            self.rejected += 1


@dataclass(frozen=True)
class AuditCheck:
    """The outcome of verifying the audit log: ``ok`` and, when not, every problem found.

    From :meth:`~modelreg.Registry.verify_audit` (the registry re-verifies everything): ``entries`` and ``chains``.
    From :meth:`~modelreg.Registry.verify_audit_since` (checked here against a saved checkpoint): ``from_size``,
    ``to_size``, ``checked`` and the current ``checkpoint`` note, to keep for the next check.
    """

    ok: bool
    problems: list[str]
    entries: int | None = None
    chains: int | None = None
    from_size: int | None = None
    to_size: int | None = None
    checked: int | None = None
    checkpoint: str | None = None
