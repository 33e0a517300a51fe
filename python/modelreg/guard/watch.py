"""Following a deployment: long-polls for a revision above the one in place (``?wait=&after_revision=``), refreshes
the manifest at half its remaining life even when nothing changes, hands every answer to the guard's checks, and
backs off after failures. A promotion or a rollback thus reaches the guard at once; a bad manifest is refused and
the version in place keeps serving."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Union

from .refusals import DeployRefused
from .snapshot import DeploymentSnapshot

if TYPE_CHECKING:
    from .deploy import DeployGuard

__all__ = ["Switched", "Refused", "WatchEvent", "follow", "Watcher"]

_SHORTEST_WAIT = 0.2
_LONGEST_WAIT = 60.0


@dataclass(frozen=True)
class Switched:
    """The guard switched to a new revision (``previous`` is None for the first one)."""

    snapshot: DeploymentSnapshot
    previous: DeploymentSnapshot | None


@dataclass(frozen=True)
class Refused:
    """A deployment (or the way to it) was refused; ``current`` is what keeps serving (None if nothing)."""

    error: DeployRefused
    current: DeploymentSnapshot | None


WatchEvent = Union[Switched, Refused]


def follow(guard: "DeployGuard", *, poll_wait: float = 30.0, retry_delay: float = 1.0,
           stop: threading.Event | None = None) -> Iterator[WatchEvent]:
    """Yields a :class:`Switched` for every new revision the guard accepted and a :class:`Refused` for every
    refusal, until ``stop`` is set (checked between polls: stopping takes up to one poll) or the caller stops
    iterating.

    A revision refused for what it is (bad signature, tampered artifact, ...) is not fetched again at once: the
    next poll waits for a newer one, so the rollback after a bad promotion arrives immediately. A failure on the
    way (registry unreachable, local disk) is retried after ``retry_delay`` seconds, doubling up to ``poll_wait``.
    """
    if not 0 < poll_wait <= _LONGEST_WAIT:
        raise ValueError("the poll wait must be more than 0 and at most 60 s (the registry's limit)")
    if retry_delay <= 0:
        raise ValueError("the retry delay must be positive")
    stop = stop or threading.Event()
    backoff = retry_delay
    refused = -1
    while not stop.is_set():
        before = guard.current
        offered = -1
        try:
            document = _poll(guard, before, refused, poll_wait)
            if stop.is_set():
                return
            # Unsigned, so only a hint of what to wait past should this answer be refused.
            revision = document.get("revision") if isinstance(document, dict) else None
            offered = revision if isinstance(revision, int) and not isinstance(revision, bool) else -1
            snapshot = guard.accept(document)
        except DeployRefused as e:
            if stop.is_set():
                return
            yield Refused(e, guard.current)
            if e.reason.is_transient or offered < 0:
                if stop.wait(backoff):
                    return
                backoff = min(backoff * 2, poll_wait)
            else:
                refused = max(refused, offered)
            continue
        backoff = retry_delay
        refused = -1
        if before is None or snapshot.revision != before.revision:
            yield Switched(snapshot, before)


def _poll(guard: "DeployGuard", before: DeploymentSnapshot | None, refused: int, poll_wait: float) -> object:
    """The deployment at once while nothing is in place or refused, else the first revision above both."""
    if before is None and refused < 0:
        return guard.fetch()
    after = max(before.revision if before else 0, refused)
    wait = poll_wait
    if before is not None:
        # Refresh at half the manifest's remaining life, so it never expires while the registry is quiet.
        half_life = (before.expires_at - guard.now()).total_seconds() / 2
        wait = max(_SHORTEST_WAIT, min(poll_wait, half_life))
    return guard.fetch(after_revision=after, wait=wait)


class Watcher:
    """:func:`follow` on a daemon thread, reporting to callbacks (a callback's exception is its own: the watch
    goes on). ``stop()`` ends it, within one poll wait."""

    def __init__(self, guard: "DeployGuard", *, on_change: Callable[[DeploymentSnapshot], None] | None = None,
                 on_refusal: Callable[[DeployRefused], None] | None = None, poll_wait: float = 30.0,
                 retry_delay: float = 1.0) -> None:
        self._stop = threading.Event()
        self._on_change = on_change
        self._on_refusal = on_refusal
        self._events = follow(guard, poll_wait=poll_wait, retry_delay=retry_delay, stop=self._stop)
        self._thread = threading.Thread(target=self._run, name=f"deploy-guard-{guard.model}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for event in self._events:
            callback: Callable[..., None] | None
            if isinstance(event, Switched):
                callback, argument = self._on_change, event.snapshot
            else:
                callback, argument = self._on_refusal, event.error
            if callback is None:
                continue
            try:
                callback(argument)
            except Exception:  # noqa: BLE001 - a listener's failure must not stop the watch
                pass

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float | None = None) -> None:
        """Asks the watch to end and waits up to ``timeout`` seconds (None: until it has) for the thread."""
        self._stop.set()
        self._thread.join(timeout)

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
