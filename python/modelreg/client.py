"""``Registry``: the registry's HTTP API for a training pipeline, an evaluator, an approver and on-call.

::

    from modelreg import Registry

    registry = Registry()                      # MODELREG_URL and MODELREG_TOKEN
    version = registry.register("xsmom", code_commit="a13fce0", feature_graph_hash="8b2e9f01",
                                data_window=("2018-01-01", "2026-04-30"), owner="mid-freq-equities")
    registry.upload_dir(version.model_id, "./model")
    registry.seal(version.model_id)

Refusals are raised as the typed exceptions of :mod:`modelreg.errors` (``FourEyesError``, ``NotFoundError``, ...),
each with ``status``, ``detail``, ``errors`` and ``request_id``; no answer at all is
:class:`~modelreg.errors.RegistryUnreachable`. Every POST carries one ``Idempotency-Key`` for the whole call, so the
retries after a lost answer never act twice. Thread-safe.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from . import artifacts, audit, errors, ingest
from ._http import StreamedResponse, Transport, segment
from .access import Access
from .webhooks import Webhooks
from .pages import all_items, page
from .records import (Artifact, AuditCheck, Deployment, DownloadedArtifact, Evaluation, IngestResult,
                      IngestSummary, Page, Version, is_alias, model_of)

__all__ = ["Registry", "DEFAULT_URL"]

#: Where the registry is when neither ``url`` nor ``MODELREG_URL`` says otherwise (as for the CLI).
DEFAULT_URL = "http://127.0.0.1:8080"
# The registry caps a long-poll at 60 s; the request must outlive the wait, or every quiet poll ends as a timeout.
_MAX_WAIT = 60.0
_LONG_POLL_MARGIN = 15.0
_WATCH_BACKOFF = (0.5, 10.0)


class Registry:
    """A client of one registry. ``url`` and ``token`` default to ``MODELREG_URL`` (else ``DEFAULT_URL``) and
    ``MODELREG_TOKEN``; ``timeout`` bounds each wait for the network, in seconds; a request without an answer is
    sent up to ``max_attempts`` times in all."""

    def __init__(self, url: str | None = None, token: str | None = None, *, timeout: float = 60.0,
                 max_attempts: int = 4) -> None:
        self._http = Transport(url or os.environ.get("MODELREG_URL") or DEFAULT_URL,
                               token if token is not None else os.environ.get("MODELREG_TOKEN"),
                               timeout=timeout, max_attempts=max_attempts)
        self.access = Access(self._http)
        #: Webhook subscriptions and their delivery logs; see :mod:`modelreg.webhooks`.
        self.webhooks = Webhooks(self._http)

    @property
    def url(self) -> str:
        return self._http.base_url

    def close(self) -> None:
        """Closes the kept-alive connections."""
        self._http.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # Never the token: this ends up in logs.
        return f"Registry({self._http.base_url}, {'with token' if self._http.has_token else 'anonymous'})"

    # ---- operations -------------------------------------------------------------------------------------------

    def ready(self) -> bool:
        """True when the registry answers and its database does; False when either does not."""
        try:
            self._http.get("/readyz")
        except (errors.UnavailableError, errors.RegistryUnreachable):
            return False
        return True

    def keys(self) -> list[dict[str, Any]]:
        """The registry's public signing keys (``keyid``, ``public_key_pem``, ``status``): what a deploy guard pins."""
        return list(self._http.get("/keys").required_json()["keys"])

    # ---- models and versions -------------------------------------------------------------------------------

    def create_model(self, name: str, owner: str, description: str | None = None) -> dict[str, Any]:
        """Creates a model owned by team ``owner`` (a model is also created by its first version)."""
        body = {"name": name, "owner": owner}
        if description is not None:
            body["description"] = description
        return self._http.post("/models", body).required_json()

    def model(self, name: str) -> dict[str, Any]:
        return self._http.get(f"/models/{segment(name)}").required_json()

    def models(self, *, health: str | None = None) -> Iterator[dict[str, Any]]:
        """Every model (in name order), optionally only those in one health state (``ok``, ``warning``,
        ``expired``, ``orphan``); pages are fetched as iteration reaches them."""
        return all_items(self._http, "/models", {"health": health})

    def models_page(self, *, after: str | None = None, limit: int | None = None,
                    health: str | None = None) -> Page[dict[str, Any]]:
        """One page of models: pass the previous page's ``next`` as ``after``."""
        return page(self._http, "/models", {"health": health}, after=after, limit=limit)

    def search_models(self, *, owner: str | None = None, name_prefix: str | None = None,
                      health: str | None = None) -> Iterator[dict[str, Any]]:
        """Models matching every criterion given. The API filters by ``health``; ``owner`` and ``name_prefix``
        are applied here, over the lazily fetched pages."""
        for model in self.models(health=health):
            if owner is not None and model.get("owner") != owner:
                continue
            if name_prefix is not None and not model["name"].startswith(name_prefix):
                continue
            yield model

    def register(self, model: str, *, code_commit: str, feature_graph_hash: str, data_window: Sequence[str],
                 owner: str | None = None, hyperparams: Mapping[str, Any] | None = None,
                 parents: Iterable[str] | None = None, evaluation: Mapping[str, str] | None = None,
                 training_distribution: Mapping[str, Any] | None = None, labels: Mapping[str, str] | None = None,
                 idempotency_key: str | None = None) -> Version:
        """Registers a version and answers it. Registering a lineage the model already has is not an error: it
        answers the existing version, with ``created`` False. ``owner`` is required for a model's first version;
        ``parents`` are the model_ids of the versions this one consumes (an ensemble's children)."""
        body: dict[str, Any] = {"code_commit": code_commit, "feature_graph_hash": feature_graph_hash,
                                "data_window": list(data_window)}
        for name, value in (("owner", owner), ("hyperparams", hyperparams), ("evaluation", evaluation),
                            ("training_distribution", training_distribution), ("labels", labels)):
            if value is not None:
                body[name] = value if isinstance(value, str) else dict(value)
        if parents is not None:
            body["parents"] = list(parents)
        response = self._http.post(f"/models/{segment(model)}/versions", body, idempotency_key=idempotency_key)
        return Version.from_json(response.required_json(), created=response.status == 201)

    def version(self, model_id: str) -> Version:
        return Version.from_json(self._http.get(_version_path(model_id)).required_json())

    def versions(self, model: str) -> Iterator[Version]:
        """Every version of a model, in registration order, fetched page by page as iteration goes."""
        return all_items(self._http, f"/models/{segment(model)}/versions", convert=Version.from_json)

    def versions_page(self, model: str, *, after: str | None = None, limit: int | None = None) -> Page[Version]:
        """One page of a model's versions: pass the previous page's ``next`` as ``after``."""
        return page(self._http, f"/models/{segment(model)}/versions", after=after, limit=limit,
                    convert=Version.from_json)

    def search_versions(self, model: str, *, status: str | None = None, lineage_hash: str | None = None,
                        code_commit: str | None = None, labels: Mapping[str, str] | None = None,
                        sealed: bool | None = None) -> Iterator[Version]:
        """A model's versions matching every criterion given (labels: each given label has that value), applied
        here over the lazily fetched pages: the API lists versions without filters."""
        for version in self.versions(model):
            if status is not None and version.status != status:
                continue
            if lineage_hash is not None and version.lineage_hash != lineage_hash:
                continue
            if code_commit is not None and version.code_commit != code_commit:
                continue
            if sealed is not None and version.sealed != sealed:
                continue
            if labels and any(version.labels.get(k) != v for k, v in labels.items()):
                continue
            yield version

    def graph(self, model_id: str, *, direction: str = "up", depth: int | None = None) -> dict[str, Any]:
        """The ensemble DAG around a version: ``up`` what it consumes, ``down`` the ensembles that consume it."""
        return self._http.get(_version_path(model_id) + "/graph",
                              {"direction": direction, "depth": depth}).required_json()

    def orphans(self) -> Iterator[dict[str, Any]]:
        """Models without an accountable owner: ``{model, owner, since, reason}``."""
        return all_items(self._http, "/orphans")

    def reassign(self, model: str, owner: str) -> dict[str, Any]:
        """Admin: gives a model to another team, which clears its orphan state."""
        return self._http.post(f"/models/{segment(model)}:reassign", {"owner": owner}).required_json()

    # ---- artifacts -------------------------------------------------------------------------------------------

    def upload_file(self, model_id: str, file: str | os.PathLike[str], *, path: str | None = None,
                    media_type: str | None = None, progress: artifacts.Progress | None = None) -> Artifact:
        """Uploads one file, streamed with its ``Content-Digest``, as artifact ``path`` (default: the file's
        name). A failure worth retrying (no answer, a 5xx, the file changed while being read) is retried once."""
        source = Path(file)
        return artifacts.upload_file(self._http, model_of(model_id), model_id, path or source.name, source,
                                     media_type=media_type, progress=progress)

    def upload_dir(self, model_id: str, directory: str | os.PathLike[str], *, prefix: str = "",
                   progress: Callable[[str, int, int], None] | None = None) -> list[Artifact]:
        """Uploads every file below ``directory`` as its relative path (after ``prefix``). The whole plan is
        checked before anything is sent; a file that fails is retried after the others, and
        :class:`~modelreg.artifacts.UploadFailed` names any that still failed."""
        plan = artifacts.plan_directory(Path(directory), prefix)
        model_id = self._concrete(model_id)
        return artifacts.upload_files(self._http, model_of(model_id), model_id, plan, progress=progress)

    def artifacts(self, model_id: str) -> list[Artifact]:
        """A version's artifacts, sorted by path."""
        return artifacts.list_artifacts(self._http, model_of(model_id), model_id)

    def download(self, model_id: str, path: str, target: str | os.PathLike[str], *,
                 progress: artifacts.Progress | None = None) -> DownloadedArtifact:
        """Downloads artifact ``path`` to ``target``, verified against the artifact listing's size and SHA-256 and
        the registry's ``Repr-Digest``; on any mismatch :class:`~modelreg.errors.ArtifactIntegrityError` and
        nothing is left at the target."""
        model_id = self._concrete(model_id)
        listed = {a.path: a for a in self.artifacts(model_id)}
        if path not in listed:
            raise errors.ArtifactIntegrityError(path, f"{model_id} has no artifact at this path")
        expected = listed[path]
        return artifacts.download(self._http, model_of(model_id), model_id, path, Path(target),
                                  expected_sha256=expected.sha256, expected_size=expected.size, progress=progress)

    def download_all(self, model_id: str, directory: str | os.PathLike[str]) -> list[DownloadedArtifact]:
        """Downloads every artifact of a version below ``directory`` (as its path), each verified."""
        root = Path(directory)
        model_id = self._concrete(model_id)
        return [artifacts.download(self._http, model_of(model_id), model_id, a.path, root / a.path,
                                   expected_sha256=a.sha256, expected_size=a.size)
                for a in self.artifacts(model_id)]

    def _concrete(self, model_id: str) -> str:
        """The model_id an alias names now, asked once, so that several requests act on one version."""
        return self.version(model_id).model_id if is_alias(model_id) else model_id

    def open_artifact(self, model_id: str, path: str) -> StreamedResponse:
        """The artifact's bytes as an unverified stream (``read(n)``, ``close()``), for a caller that checks them
        against a digest and size of its own, such as a deploy guard against a signed manifest."""
        return artifacts.open_artifact(self._http, model_of(model_id), model_id, path)

    def seal(self, model_id: str) -> Version:
        """Seals a version (sets ``ready_at``; its artifacts can no longer change) and answers it."""
        return Version.from_json(self._http.post(_version_path(model_id) + ":seal", {}).required_json())

    # ---- evaluations, promotion, deployment -----------------------------------------------------------------

    def submit_evaluation(self, envelope: Mapping[str, Any]) -> Evaluation:
        """Submits a signed evaluation report (a DSSE envelope, e.g. from :func:`modelreg.sign_report`); the
        identical envelope again answers the stored report with ``created`` False."""
        response = self._http.post("/evaluations", dict(envelope))
        return Evaluation.from_json(response.required_json(), created=response.status == 201)

    def evaluations(self, model_id: str) -> list[Evaluation]:
        """The reports bound to a version, in the order they were received."""
        body = self._http.get(_version_path(model_id) + "/evaluations").required_json()
        return [Evaluation.from_json(item) for item in body["items"]]

    def promotion_readiness(self, model_id: str, approver: str | None = None) -> dict[str, Any]:
        """Every promotion gate for this version with the caller as approver (or naming ``approver``), met or not
        and why: ``{model_id, approver, ready, checks: [{rule, met, problem_type, detail}]}``. Changes nothing; a
        refused promotion raises the first unmet rule's error, with every unmet rule in its ``errors``."""
        query = {} if approver is None else {"approver": approver}
        return self._http.get(_version_path(model_id) + "/promotion-readiness", query).required_json()

    def promote(self, model_id: str, approver: str, canary_pct: int = 100) -> Deployment:
        """Promotes a version: ``canary_pct`` 1–99 makes it the canary, 100 production. The caller must be the
        ``approver`` named, in the approver ACL, and not the version's registrant (four eyes)."""
        response = self._http.post(_version_path(model_id) + ":promote",
                                   {"approver": approver, "canary_pct": canary_pct})
        return Deployment.from_json(response.required_json(), response.headers)

    def rollback(self, model: str, reason: str) -> Deployment:
        """Rolls back the running canary, else production (the previous production returns at 100%)."""
        response = self._http.post(_deployment_path(model) + ":rollback", {"reason": reason})
        return Deployment.from_json(response.required_json(), response.headers)

    def deployment(self, model: str) -> Deployment:
        """The split and a freshly signed manifest."""
        response = self._http.get(_deployment_path(model))
        return Deployment.from_json(response.required_json(), response.headers)

    def await_deployment(self, model: str, after_revision: int, wait: float = 30.0) -> Deployment:
        """Long-polls: answers as soon as the revision is above ``after_revision``, else at the first change or
        when ``wait`` seconds (at most 60) are over, with the same revision and a fresh manifest."""
        millis = max(1, int(min(wait, _MAX_WAIT) * 1000))
        response = self._http.get(_deployment_path(model), {"wait": f"{millis}ms", "after_revision": after_revision},
                                  timeout=millis / 1000 + _LONG_POLL_MARGIN)
        return Deployment.from_json(response.required_json(), response.headers)

    def watch(self, model: str, *, after_revision: int | None = None, wait: float = 30.0) -> Iterator[Deployment]:
        """Yields the deployment at every new revision, as it happens, for as long as it is iterated: first the
        current one (unless ``after_revision`` says which was seen last), then each change, by long-polling.

        A registry that cannot answer for a while (unreachable, 5xx) is polled again with a growing pause, so a
        watch outlives a restart of the registry; a refusal (no such model, no access) ends it with its error.
        """
        seen = after_revision
        pause = _WATCH_BACKOFF[0]
        while True:
            try:
                current = self.deployment(model) if seen is None else self.await_deployment(model, seen, wait)
            except (errors.RegistryUnreachable, errors.ProblemError) as e:
                if isinstance(e, errors.ProblemError) and e.is_client_error:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, _WATCH_BACKOFF[1])
                continue
            pause = _WATCH_BACKOFF[0]
            if seen is None or current.revision > seen:
                seen = current.revision
                yield current

    def deployment_history(self, model: str) -> Iterator[dict[str, Any]]:
        """Every deployment change in revision order: ``{revision, production, canary, action, actor, reason,
        changed_at}``."""
        return all_items(self._http, _deployment_path(model) + "/history")

    # ---- lineage ---------------------------------------------------------------------------------------------

    def ingest_signals(self, events: Iterable[Any], *,
                       on_result: Callable[[IngestResult], None] | None = None) -> IngestSummary:
        """Sends signals (``{signal_id, model_id, emitted_at, ...}`` dicts, or NDJSON lines) in batches; see
        :mod:`modelreg.ingest`. ``on_result`` sees every line's result; the summary counts them."""
        return ingest.ingest(self._http, "signals", events, on_result)

    def ingest_fills(self, events: Iterable[Any], *,
                     on_result: Callable[[IngestResult], None] | None = None) -> IngestSummary:
        """Sends fills (``{fill_id, signal_id, executed_at, ...}``); a fill may arrive before its signal."""
        return ingest.ingest(self._http, "fills", events, on_result)

    def ingest_results(self, kind: str, events: Iterable[Any]) -> Iterator[IngestResult]:
        """Sends events of ``kind`` (``signals`` or ``fills``) and yields each line's result as it arrives."""
        return ingest.ingest_results(self._http, kind, events)

    def trace_fill(self, fill_id: str) -> dict[str, Any]:
        """Which model produced this trade: the fill, its signal, the version with its whole lineage, its
        evaluation, its training distribution, its ensemble children and the deployment when the signal was
        emitted. Before the signal has arrived, everything but ``fill`` is empty."""
        return self._http.get(f"/lineage/fills/{segment(fill_id)}").required_json()

    def trace_signal(self, signal_id: str) -> dict[str, Any]:
        """A signal's lineage, as :meth:`trace_fill` without ``fill``, with its first fills under ``fills``."""
        return self._http.get(f"/lineage/signals/{segment(signal_id)}").required_json()

    # ---- audit -----------------------------------------------------------------------------------------------

    def audit(self, *, subject: str | None = None) -> Iterator[dict[str, Any]]:
        """Audit entries in sequence order, all or about one ``subject`` (e.g. ``model:xsmom``), page by page."""
        return all_items(self._http, "/audit", {"subject": subject})

    def audit_page(self, *, subject: str | None = None, after: str | None = None,
                   limit: int | None = None) -> Page[dict[str, Any]]:
        return page(self._http, "/audit", {"subject": subject}, after=after, limit=limit)

    def verify_audit(self) -> AuditCheck:
        """Admin: the registry re-verifies every chain, signature and the tree (``GET /audit/verify``)."""
        return audit.server_verification(self._http)

    def audit_checkpoint(self) -> str:
        """The latest signed checkpoint (a C2SP signed note): keep it elsewhere to verify the log against later."""
        return self._http.send("GET", "/audit/checkpoint", headers={"Accept": "text/plain"}).body.decode()

    def verify_audit_since(self, checkpoint: str, trusted_keys: Iterable[str] = ()) -> AuditCheck:
        """Checks here that the log is an append-only extension of a kept ``checkpoint`` and that every entry since
        is intact and signed by a trusted log key: the checkpoint's signer, or one of ``trusted_keys`` (base64 public
        keys as :meth:`audit_keys` lists them, saved when the instances were set up); see :mod:`modelreg.audit`."""
        return audit.verify_since(self._http, checkpoint, trusted_keys)

    def audit_keys(self) -> list[dict[str, Any]]:
        """The log keys the registry lists (``key_id``, ``public_key``, ``added_at``): save them to pin them later."""
        return list(self._http.get("/audit/keys").required_json().get("items", []))


def _version_path(model_id: str) -> str:
    return f"/models/{segment(model_of(model_id))}/versions/{segment(model_id)}"


def _deployment_path(model: str) -> str:
    return f"/models/{segment(model)}/deployment"
