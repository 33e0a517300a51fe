"""Durable renames for downloads, the guard's cache and its state file: a file is fsynced before it is renamed into
place and the directory after, so after a crash the target is either the old content or the new, never a torn
write."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["fsync_directory", "move_into_place"]


def fsync_directory(directory: Path) -> None:
    """Makes renames in ``directory`` durable; best effort, as not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # The file's data is on disk already; only the directory entry may lag.
        pass
    finally:
        os.close(fd)


def move_into_place(written: Path, target: Path) -> None:
    """Atomically replaces ``target`` with ``written`` (already fsynced by the caller), then syncs the directory."""
    os.replace(written, target)
    fsync_directory(target.parent)
