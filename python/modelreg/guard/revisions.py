"""The highest manifest revision a guard ever accepted for a model, kept on disk so that a restart cannot be talked
into an older (rolled-back, replayed) manifest."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

from .._files import move_into_place
from .refusals import DeployRefused, Reason

__all__ = ["RevisionStore"]


class RevisionStore:
    """One small JSON file ``{"model", "revision"}`` per model. Written to a temporary file in the same directory,
    fsynced and renamed over the old one, so it always holds either the old or the new value. An unreadable file is
    an error, never "start from zero": that would be exactly the downgrade the file exists to prevent."""

    def __init__(self, file: Path, model: str) -> None:
        """Opens (reads) the state file; a missing file means no revision was accepted yet."""
        self.file = Path(file).absolute()
        self.model = model
        self._lock = threading.Lock()
        self._highest = self._read()

    @property
    def highest(self) -> int:
        """The highest revision accepted so far; -1 when none was."""
        with self._lock:
            return self._highest

    def record(self, revision: int) -> None:
        """Remembers ``revision`` if it is higher than what is stored; a lower or equal one changes nothing."""
        with self._lock:
            if revision <= self._highest:
                return
            content = json.dumps({"model": self.model, "revision": revision}).encode("utf-8")
            temporary: str | None = None
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                fd, temporary = tempfile.mkstemp(prefix="." + self.file.name + ".", suffix=".tmp",
                                                 dir=self.file.parent)
                with os.fdopen(fd, "wb") as out:
                    out.write(content)
                    out.flush()
                    os.fsync(out.fileno())
                move_into_place(Path(temporary), self.file)
                temporary = None
            except OSError as e:
                raise DeployRefused(Reason.LOCAL_IO, f"cannot write the revision state file {self.file}: {e}") from e
            finally:
                if temporary is not None:
                    _remove(temporary)
            self._highest = revision

    def _read(self) -> int:
        try:
            content = self.file.read_bytes()
        except FileNotFoundError:
            return -1
        except OSError as e:
            raise DeployRefused(Reason.LOCAL_IO, f"cannot read the revision state file {self.file}: {e}") from e
        try:
            state = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            state = None
        revision = state.get("revision") if isinstance(state, dict) else None
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            raise DeployRefused(Reason.LOCAL_IO, f"the revision state file {self.file} is unreadable; refusing to "
                                                 f"start from revision 0 (delete it only if you know why)")
        if state.get("model") != self.model:
            raise DeployRefused(Reason.LOCAL_IO, f"the revision state file {self.file} belongs to model "
                                                 f"{state.get('model')!r}, not {self.model!r}; give each model its "
                                                 f"own state file")
        return revision


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
