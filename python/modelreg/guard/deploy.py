"""The deploy guard: what a Python serving process loads a model through, with the Java guard's contract."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from .. import errors
from .._http import StreamedResponse, Transport, segment, segments
from .cache import ArtifactCache
from .envelope import load_pinned_key
from .manifest import Entry, ManifestVerifier
from .refusals import DeployRefused, Reason, from_registry_error
from .revisions import RevisionStore
from .snapshot import DeploymentSnapshot, LoadedVersion

if TYPE_CHECKING:
    from .watch import WatchEvent, Watcher

__all__ = ["DeployGuard", "Clock"]

#: Answers the current time, timezone-aware; the guard's notion of "now" for expiry.
Clock = Callable[[], datetime]

_MODEL_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}")
_MAX_CLOCK_SKEW = 300.0
# How much longer than the long-poll wait a watch request may take before the network counts as stuck.
_POLL_GRACE = 15.0


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class DeployGuard:
    """Loads one model's deployment and takes nothing from the registry on trust.

    The deployment's manifest must verify with a pinned registry key (never a key the registry sends), be for this
    model, not be expired, not go back below the highest revision ever accepted (remembered in ``state_dir`` across
    restarts), and name a production version; every artifact of every version it names must match the manifest's
    size and SHA-256. Only then does the guard switch, atomically, to the new :class:`DeploymentSnapshot`. Any
    refusal is a :class:`DeployRefused` and leaves the previous snapshot and the remembered revision as they were.
    Artifacts stay in the content-addressed ``cache_dir``, so switching back to a version loaded before (a
    rollback) downloads nothing.

    :param url: the registry's base URL.
    :param token: a bearer token allowed to read the model's deployment and artifacts.
    :param model: the model whose deployment this guard loads.
    :param pinned_keys: the registry public key(s) to trust, PEM ``PUBLIC KEY`` as ``GET /keys`` lists them; pin
        them from configuration, not from ``GET /keys`` at start, or the pin proves nothing.
    :param cache_dir: where verified artifacts are kept (``sha256/<digest>``); may be shared by several guards.
    :param state_dir: where the highest accepted revision is remembered (``<model>.revision.json``).
    :param clock: the time used for expiry checks (default: the system clock, UTC).
    :param max_clock_skew: seconds past ``expires_at`` a manifest is still accepted (0–300, default 30).
    :param timeout: seconds any network wait may take (long-polls get their wait on top).
    """

    def __init__(self, url: str, token: str | None, model: str, *, pinned_keys: str | bytes | Iterable[str | bytes],
                 cache_dir: str | Path, state_dir: str | Path, clock: Clock | None = None,
                 max_clock_skew: float = 30.0, timeout: float = 60.0) -> None:
        if not isinstance(model, str) or not _MODEL_NAME.fullmatch(model):
            raise ValueError(f"not a model name: {model!r}")
        if not 0 <= max_clock_skew <= _MAX_CLOCK_SKEW:
            raise ValueError("the clock skew allowance must be 0 to 300 seconds")
        pems = [pinned_keys] if isinstance(pinned_keys, (str, bytes)) else list(pinned_keys)
        self.model = model
        self._verifier = ManifestVerifier(model, [load_pinned_key(pem) for pem in pems])
        self._cache = ArtifactCache(Path(cache_dir))
        self._revisions = RevisionStore(Path(state_dir) / f"{model}.revision.json", model)
        self._http = Transport(url, token, timeout=timeout)
        self._clock = clock or _utc_now
        self._skew = timedelta(seconds=max_clock_skew)
        self._loading = threading.Lock()
        self._current: DeploymentSnapshot | None = None

    def __repr__(self) -> str:
        return f"DeployGuard({self.model}, {self._http.base_url}, pinned {self._verifier.pinned_keyids})"

    # ---- loading ------------------------------------------------------------------------------------------

    def load(self) -> DeploymentSnapshot:
        """Fetches the deployment, verifies it and everything it names, caches the artifacts, and switches to it.

        :raises DeployRefused: when any check fails; the previous snapshot stays in place.
        """
        return self.accept(self.fetch())

    def fetch(self, after_revision: int | None = None, wait: float | None = None) -> Any:
        """The deployment document as the registry sends it, unverified: at once, or (with both arguments) the
        first revision above ``after_revision`` or, after ``wait`` seconds, the current one again."""
        query: dict[str, Any] = {}
        timeout = None
        if after_revision is not None and wait is not None:
            query = {"after_revision": after_revision, "wait": f"{max(1, round(wait * 1000))}ms"}
            timeout = self._http.timeout + wait + _POLL_GRACE
        try:
            return self._http.get(f"/models/{segment(self.model)}/deployment", query, timeout=timeout).required_json()
        except errors.RegistryError as e:
            raise from_registry_error(e, f"fetching the deployment of {self.model}") from e

    def accept(self, deployment: Any) -> DeploymentSnapshot:
        """Verifies a deployment document (from :meth:`fetch`, an SSE event, or a file shipped with the service)
        and everything it names, and switches to it; the same checks as :meth:`load`.

        :raises DeployRefused: when any check fails; the previous snapshot stays in place.
        """
        with self._loading:
            envelope = deployment.get("manifest") if isinstance(deployment, Mapping) else None
            manifest = self._verifier.verify(envelope)
            now = self._clock()
            if now >= manifest.expires_at + self._skew:
                raise DeployRefused(Reason.EXPIRED, f"the manifest of {self.model} revision {manifest.revision} "
                                                    f"expired at {manifest.expires_at.isoformat()} (now "
                                                    f"{now.isoformat()}, clock skew allowed "
                                                    f"{self._skew.total_seconds():.0f} s)")
            previous = self._current
            highest = max(self._revisions.highest, previous.revision if previous else -1)
            if manifest.revision < highest:
                raise DeployRefused(Reason.REVISION_WENT_BACKWARDS,
                                    f"the manifest of {self.model} has revision {manifest.revision} but revision "
                                    f"{highest} was accepted before (a replayed manifest, or a registry restored "
                                    f"from an older backup?)")
            if manifest.production is None:
                raise DeployRefused(Reason.NOT_DEPLOYED, f"{self.model} has no production version at revision "
                                                         f"{manifest.revision} (never promoted)")
            production = self._cached(manifest.production)
            canary = self._cached(manifest.canary) if manifest.canary is not None else None
            snapshot = DeploymentSnapshot(self.model, manifest.revision, manifest.issued_at, manifest.expires_at,
                                          production, canary)
            self._revisions.record(manifest.revision)
            self._current = snapshot
            return snapshot

    def _cached(self, entry: Entry) -> LoadedVersion:
        files = {a.path: self._cache.ensure(entry.model_id, a, self._open_artifact) for a in entry.artifacts}
        return LoadedVersion(entry.model_id, entry.lineage_hash, entry.role, entry.pct, files)

    @contextmanager
    def _open_artifact(self, model_id: str, path: str) -> Iterator[StreamedResponse]:
        with self._http.open("GET", f"/models/{segment(self.model)}/versions/{segment(model_id)}/artifacts/"
                                    f"{segments(path)}", headers={"Accept": "*/*"}) as body:
            yield body

    # ---- serving ------------------------------------------------------------------------------------------

    def pick(self, routing_key: str) -> LoadedVersion:
        """The version that serves ``routing_key``: the canary when the key's stable bucket (0–99) is below the
        canary's share, else production.

        :raises DeployRefused: NOT_DEPLOYED before a successful load, EXPIRED once the manifest has expired and no
            fresh one could be verified (fail closed).
        """
        snapshot = self._current
        if snapshot is None:
            raise DeployRefused(Reason.NOT_DEPLOYED, f"nothing of {self.model} is loaded; load() first")
        now = self._clock()
        if now >= snapshot.expires_at + self._skew:
            raise DeployRefused(Reason.EXPIRED, f"the manifest of {self.model} revision {snapshot.revision} expired "
                                                f"at {snapshot.expires_at.isoformat()} and no fresh one could be "
                                                f"verified; refusing to serve")
        return snapshot.pick(routing_key)

    @property
    def current(self) -> DeploymentSnapshot | None:
        """The snapshot being served, if one was loaded (it may have expired: :meth:`pick` checks that)."""
        return self._current

    @property
    def highest_accepted_revision(self) -> int:
        """The highest revision this guard (or an earlier one with the same state_dir) accepted; -1 for none."""
        return self._revisions.highest

    @property
    def downloads(self) -> int:
        """How many artifacts this guard downloaded (rather than found intact in its cache)."""
        return self._cache.downloads

    def now(self) -> datetime:
        """The guard's clock."""
        return self._clock()

    # ---- following ----------------------------------------------------------------------------------------

    def watch(self, *, poll_wait: float = 30.0, retry_delay: float = 1.0,
              stop: threading.Event | None = None) -> Iterator["WatchEvent"]:
        """Follows the deployment by long-polling; see :func:`modelreg.guard.watch.follow`."""
        from .watch import follow

        return follow(self, poll_wait=poll_wait, retry_delay=retry_delay, stop=stop)

    def watch_in_background(self, *, on_change: Callable[[DeploymentSnapshot], None] | None = None,
                            on_refusal: Callable[[DeployRefused], None] | None = None, poll_wait: float = 30.0,
                            retry_delay: float = 1.0) -> "Watcher":
        """Starts following the deployment on a daemon thread; ``stop()`` the answer to end it."""
        from .watch import Watcher

        return Watcher(self, on_change=on_change, on_refusal=on_refusal, poll_wait=poll_wait,
                       retry_delay=retry_delay)

    def close(self) -> None:
        """Drops the guard's idle connections; what is loaded stays usable."""
        self._http.close()

    def __enter__(self) -> "DeployGuard":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
