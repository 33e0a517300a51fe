"""A content-addressed local store of artifacts, ``<cache>/sha256/<digest>``, checked against a signed manifest.

A download streams into ``<cache>/tmp/``, is hashed and counted on the way (and cut off as soon as it is longer than
the manifest says), is fsynced, and is renamed into place only when its size and SHA-256 match; whatever fails, the
partial file is removed and nothing appears under ``sha256/``. A file already in the cache is hashed again before
this cache first uses it, and again whenever its size, inode or modification time changed since, so a file altered
on disk is fetched again instead of trusted. Versions once loaded stay: switching back to one downloads nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO, Callable, ContextManager, Protocol

from .. import errors
from .._files import move_into_place
from .manifest import ArtifactRef
from .refusals import DeployRefused, Reason, from_registry_error

__all__ = ["ArtifactCache", "ArtifactStream", "Opener"]

_BLOCK = 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
# A download interrupted by a crash leaves its partial file in tmp/; one this old is nobody's any more.
_STALE_PARTIAL_SECONDS = 24 * 3600


class ArtifactStream(Protocol):
    """What an opener returns: a body read in chunks (b"" at the end), closed by ``with``."""

    def read(self, size: int) -> bytes: ...


#: Opens the bytes of ``(model_id, artifact_path)`` at the registry.
Opener = Callable[[str, str], ContextManager[ArtifactStream]]


class ArtifactCache:
    """Verified artifacts by SHA-256; may be shared by the guards of several models (and processes)."""

    def __init__(self, directory: Path) -> None:
        root = Path(directory).absolute()
        self.blobs = root / "sha256"
        self.tmp = root / "tmp"
        self._verified: dict[str, tuple[int, int, int]] = {}
        self._lock = threading.Lock()
        self._downloads = 0
        try:
            self.blobs.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(parents=True, exist_ok=True)
            self._remove_stale_partials()
        except OSError as e:
            raise DeployRefused(Reason.LOCAL_IO, f"cannot create the artifact cache under {root}: {e}") from e

    def path_of(self, sha256: str) -> Path:
        """Where the artifact with this digest lives once cached."""
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha-256 digest: {sha256!r}")
        return self.blobs / sha256

    @property
    def downloads(self) -> int:
        """How many artifacts were downloaded (not found intact in the cache) since this cache was opened."""
        with self._lock:
            return self._downloads

    def ensure(self, model_id: str, artifact: ArtifactRef, opener: Opener) -> Path:
        """The cached, verified file of ``artifact``; downloaded through ``opener`` when missing or altered.

        Raises :class:`DeployRefused`: ARTIFACT_TAMPERED when the bytes differ from the manifest in length or
        SHA-256 (or the registry does not serve the artifact), UNREACHABLE when the transfer fails, LOCAL_IO when
        the disk does.
        """
        target = self.path_of(artifact.sha256)
        try:
            if self._is_intact(target, artifact):
                return target
            self._download(model_id, artifact, opener, target)
            self._remember(target, artifact.sha256)
            return target
        except OSError as e:
            raise DeployRefused(Reason.LOCAL_IO, f"cannot use the artifact cache for {model_id}/{artifact.path} "
                                                 f"({target}): {e}") from e

    def _is_intact(self, target: Path, artifact: ArtifactRef) -> bool:
        try:
            status = target.stat()
        except FileNotFoundError:
            return False
        seen = (status.st_size, status.st_ino, status.st_mtime_ns)
        with self._lock:
            known = self._verified.get(artifact.sha256) == seen
        if status.st_size == artifact.size and (known or _sha256_of(target) == artifact.sha256):
            with self._lock:
                self._verified[artifact.sha256] = seen
            return True
        # Altered on disk since it was verified: not trusted, fetched again.
        with self._lock:
            self._verified.pop(artifact.sha256, None)
        target.unlink(missing_ok=True)
        return False

    def _download(self, model_id: str, artifact: ArtifactRef, opener: Opener, target: Path) -> None:
        name = f"{model_id}/{artifact.path}"
        fd, partial_name = tempfile.mkstemp(prefix=artifact.sha256 + ".", suffix=".part", dir=self.tmp)
        partial = Path(partial_name)
        try:
            with os.fdopen(fd, "wb") as out:
                digest = _receive(name, artifact, opener, model_id, out)
                out.flush()
                os.fsync(out.fileno())
            if digest != artifact.sha256:
                raise _tampered(name, f"the bytes hash to sha256 {digest} but the signed manifest names "
                                      f"{artifact.sha256}")
            # Read-only: the cache is content-addressed, nobody has a reason to write into it.
            partial.chmod(0o444)
            move_into_place(partial, target)
            with self._lock:
                self._downloads += 1
        finally:
            partial.unlink(missing_ok=True)

    def _remember(self, target: Path, sha256: str) -> None:
        status = target.stat()
        with self._lock:
            self._verified[sha256] = (status.st_size, status.st_ino, status.st_mtime_ns)

    def _remove_stale_partials(self) -> None:
        cutoff = time.time() - _STALE_PARTIAL_SECONDS
        for leftover in self.tmp.glob("*.part"):
            try:
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
            except FileNotFoundError:
                pass


def _receive(name: str, artifact: ArtifactRef, opener: Opener, model_id: str, out: BinaryIO) -> str:
    """Streams the artifact into ``out``, hashing and counting it, and answers its SHA-256. A body longer than the
    manifest says is cut off at once, not after it has filled the disk."""
    digest = hashlib.sha256()
    received = 0
    try:
        with opener(model_id, artifact.path) as body:
            while True:
                # One byte more than is still due: enough to see that the body is too long, no more.
                chunk = body.read(min(_BLOCK, artifact.size - received + 1))
                if not chunk:
                    break
                received += len(chunk)
                if received > artifact.size:
                    raise _tampered(name, f"the registry sent more than the {artifact.size} bytes the signed "
                                          f"manifest names")
                digest.update(chunk)
                out.write(chunk)
    except errors.ProblemError as e:
        if e.status == 404:
            raise _tampered(name, f"the registry does not serve an artifact its signed manifest names: "
                                  f"{e.detail}") from e
        raise from_registry_error(e, f"downloading {name}") from e
    except errors.RegistryUnreachable as e:
        raise DeployRefused(Reason.UNREACHABLE, f"downloading {name}: the transfer broke off after {received} of "
                                                f"{artifact.size} bytes: {e}") from e
    if received != artifact.size:
        raise _tampered(name, f"received {received} bytes but the signed manifest names {artifact.size}")
    return digest.hexdigest()


def _tampered(name: str, why: str) -> DeployRefused:
    return DeployRefused(Reason.ARTIFACT_TAMPERED, f"{name}: {why}; nothing was loaded")


def _sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as f:
        while chunk := f.read(_BLOCK):
            digest.update(chunk)
    return digest.hexdigest()
