"""Following a deployment from another thread, as a serving process would while the test changes it."""

from __future__ import annotations

import queue
import threading

from modelreg import Registry


def watch_in_background(registry: Registry, model: str, until_revision: int) -> queue.Queue:
    """Starts ``registry.watch(model)`` on a daemon thread; every deployment it yields lands in the queue answered,
    until one reaches ``until_revision``."""
    seen: queue.Queue = queue.Queue()

    def follow() -> None:
        for deployment in registry.watch(model, wait=2.0):
            seen.put(deployment)
            if deployment.revision >= until_revision:
                return

    threading.Thread(target=follow, daemon=True, name=f"watch-{model}").start()
    return seen
