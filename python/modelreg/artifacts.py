"""Artifact uploads and verified downloads, streamed: a file is never held in memory.

An upload is hashed first and sent with ``Content-Digest: sha-256=:…:`` (RFC 9530), so the registry stores nothing
unless the bytes it received are the bytes hashed. A file that fails (no answer after the transport's retries, a
5xx, a digest mismatch because the file changed while it was read) is hashed and sent again; a directory upload
carries on with the other files first and retries the failed ones at the end.

A download goes to a temporary file beside the target while it is hashed and counted, and is moved into place only
when its length matches ``Content-Length`` and its SHA-256 matches both the registry's ``Repr-Digest`` and the
artifact listing; otherwise :class:`~modelreg.errors.ArtifactIntegrityError` is raised and nothing is left at the
target (a file already there keeps its old content).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable

from . import errors
from ._files import move_into_place
from ._http import StreamedResponse, Transport, segment, segments
from .records import Artifact, DownloadedArtifact

__all__ = ["Progress", "UploadFailed", "FileChangedError", "digest_field", "sha256_of_digest_field", "sha256_file",
           "artifact_path_problem", "plan_directory", "upload_file", "upload_files", "download", "list_artifacts"]

#: Called with (bytes done, bytes in all; -1 when unknown) as a transfer advances.
Progress = Callable[[int, int], None]

_BLOCK = 1024 * 1024
_SEGMENT = re.compile(r"[A-Za-z0-9._-]+", re.ASCII)
_SHA256_MEMBER = re.compile(r"\s*sha-256\s*=\s*:([A-Za-z0-9+/=]*):\s*(;.*)?")
_MAX_PATH_BYTES = 255


class FileChangedError(RuntimeError):
    """The file to upload changed size while it was being sent."""


class UploadFailed(errors.RegistryError):
    """Some files of a multi-file upload still failed after their retries; ``uploaded`` holds what was stored,
    ``failed`` each artifact path that was not, with its last error."""

    def __init__(self, uploaded: list[Artifact], failed: dict[str, Exception]) -> None:
        first = next(iter(failed.items()))
        super().__init__(f"{len(failed)} of {len(failed) + len(uploaded)} files were not uploaded; "
                         f"first: {first[0]}: {first[1]}")
        self.uploaded = uploaded
        self.failed = failed


def digest_field(sha256_hex: str) -> str:
    """The RFC 9530 ``Content-Digest`` value of a SHA-256 given in hex."""
    return "sha-256=:" + base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii") + ":"


def sha256_of_digest_field(value: str | None) -> str | None:
    """The hex SHA-256 in a ``Repr-Digest``/``Content-Digest`` value; None when it names no sha-256. A sha-256
    member that is not 32 bytes of base64 is a ValueError, not an absence."""
    for member in (value or "").split(","):
        m = _SHA256_MEMBER.fullmatch(member)
        if m:
            try:
                raw = base64.b64decode(m[1], validate=True)
            except binascii.Error:
                raw = b""
            if len(raw) != 32:
                raise ValueError(f"the sha-256 digest {m[1]!r} is not 32 bytes of base64")
            return raw.hex()
    return None


def sha256_file(file: Path) -> tuple[str, int]:
    """(hex SHA-256, size) of a file, read in blocks."""
    digest = hashlib.sha256()
    size = 0
    with open(file, "rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def artifact_path_problem(path: str) -> str | None:
    """Why the registry would refuse ``path`` as an artifact path, or None when it is a valid one."""
    if not path:
        return "it is empty"
    if len(path.encode("utf-8")) > _MAX_PATH_BYTES:
        return f"it is longer than {_MAX_PATH_BYTES} bytes"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return "it has an empty, '.' or '..' segment"
        if not _SEGMENT.fullmatch(part):
            return f"segment {part!r} holds characters other than A-Z a-z 0-9 . _ -"
    return None


def plan_directory(directory: Path, prefix: str = "") -> list[tuple[str, Path]]:
    """Every file below ``directory`` as (artifact path, file), sorted by path: the relative path, ``/``-separated,
    after ``prefix``. Links are followed while they stay inside the directory. Everything the registry would refuse
    (a bad name, a link leading out, a special file, an empty directory) is a ValueError here, before anything is
    hashed or sent, so an upload never stops half-way over something knowable up front."""
    root = Path(directory)
    if not root.is_dir():
        raise ValueError(f"{root} is not a directory")
    real_root = root.resolve()
    plan = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        if not here.resolve().is_relative_to(real_root) or (here != root and here.resolve() == real_root):
            raise ValueError(f"{here} is a symbolic link (or lies below one) leading outside {root} or back into it;"
                             " refusing to upload what it points at")
        dirnames.sort()
        for name in sorted(filenames):
            file = here / name
            if not file.resolve().is_relative_to(real_root):
                raise ValueError(f"{file} is a symbolic link leading outside {root}; refusing to upload it")
            if not file.is_file():
                raise ValueError(f"{file} is not a regular file (or is a broken link)")
            path = prefix + file.relative_to(root).as_posix()
            problem = artifact_path_problem(path)
            if problem:
                raise ValueError(f"cannot upload {file} as {path!r}: not a valid artifact path ({problem})")
            plan.append((path, file))
    if not plan:
        raise ValueError(f"{root} holds no files")
    plan.sort()
    return plan


class _FileBody:
    """A file as a request body: read in blocks, stopping at the size announced in Content-Length."""

    def __init__(self, file: Path, size: int, progress: Progress | None) -> None:
        self._file: IO[bytes] = open(file, "rb")
        self._name = file
        self._size = size
        self._sent = 0
        self._progress = progress
        if progress:
            progress(0, size)

    def read(self, n: int = _BLOCK) -> bytes:
        if self._sent >= self._size:
            return b""
        block = self._file.read(min(n, self._size - self._sent))
        if not block:
            raise FileChangedError(f"{self._name} became shorter than {self._size} bytes while it was being uploaded")
        self._sent += len(block)
        if self._progress:
            self._progress(self._sent, self._size)
        return block

    def close(self) -> None:
        self._file.close()


def _artifact_url(model: str, model_id: str, path: str) -> str:
    return f"/models/{segment(model)}/versions/{segment(model_id)}/artifacts/{segments(path)}"


def upload_file(http: Transport, model: str, model_id: str, path: str, file: Path, *, media_type: str | None = None,
                progress: Progress | None = None, attempts: int = 2) -> Artifact:
    """Uploads one file as artifact ``path``; a failure worth retrying is retried (hashing the file again) up to
    ``attempts`` times in all. Refusals (4xx other than a digest mismatch) are raised at once."""
    problem = artifact_path_problem(path)
    if problem:
        raise ValueError(f"not a valid artifact path {path!r}: {problem}")
    for attempt in range(1, attempts + 1):
        try:
            return _upload_once(http, model, model_id, path, Path(file), media_type, progress)
        except (errors.RegistryUnreachable, errors.ProblemError, FileChangedError) as e:
            if attempt == attempts or not _worth_retrying(e):
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def upload_files(http: Transport, model: str, model_id: str, plan: Iterable[tuple[str, Path]], *,
                 progress: Callable[[str, int, int], None] | None = None, attempts: int = 2) -> list[Artifact]:
    """Uploads (artifact path, file) pairs in order. A file that fails in a way worth retrying is set aside and
    retried after the others, up to ``attempts`` rounds; :class:`UploadFailed` names what still failed then.
    A refusal (not a member, version sealed, ...) stops at once: it would refuse every other file too."""
    pending = list(plan)
    uploaded: dict[str, Artifact] = {}
    failed: dict[str, Exception] = {}
    for _ in range(attempts):
        failed = {}
        for path, file in pending:
            report = (lambda done, total, p=path: progress(p, done, total)) if progress else None
            try:
                uploaded[path] = _upload_once(http, model, model_id, path, Path(file), None, report)
            except (errors.RegistryUnreachable, errors.ProblemError, FileChangedError) as e:
                if not _worth_retrying(e):
                    raise
                failed[path] = e
        pending = [(path, file) for path, file in pending if path in failed]
        if not pending:
            return [uploaded[path] for path in sorted(uploaded)]
    raise UploadFailed([uploaded[path] for path in sorted(uploaded)], failed)


def _worth_retrying(e: Exception) -> bool:
    if isinstance(e, errors.ProblemError):
        return isinstance(e, errors.DigestMismatchError) or e.status >= 500
    return True


def _upload_once(http: Transport, model: str, model_id: str, path: str, file: Path, media_type: str | None,
                 progress: Progress | None) -> Artifact:
    sha256, size = sha256_file(file)
    headers = {"Content-Digest": digest_field(sha256), "Content-Type": media_type or "application/octet-stream"}
    response = http.send("PUT", _artifact_url(model, model_id, path), body=lambda: _FileBody(file, size, progress),
                         content_length=size, headers=headers)
    return Artifact.from_json(response.required_json(), created=response.status == 201)


def list_artifacts(http: Transport, model: str, model_id: str) -> list[Artifact]:
    """A version's artifacts, sorted by path."""
    body = http.get(f"/models/{segment(model)}/versions/{segment(model_id)}/artifacts").required_json()
    return [Artifact.from_json(item) for item in body["items"]]


def open_artifact(http: Transport, model: str, model_id: str, path: str) -> StreamedResponse:
    """The artifact's bytes as a stream, unverified: for a caller that checks them against a digest and size of
    its own (a deploy guard, against the signed manifest). Close it when done."""
    return http.open("GET", _artifact_url(model, model_id, path), headers={"Accept": "*/*"})


@dataclass
class _Received:
    size: int
    sha256: str


def download(http: Transport, model: str, model_id: str, path: str, target: Path, *,
             expected_sha256: str | None = None, expected_size: int | None = None,
             progress: Progress | None = None) -> DownloadedArtifact:
    """Downloads artifact ``path`` to ``target`` (parents created), verified end to end; see the module's doc."""
    target = Path(target).absolute()
    if expected_sha256 is not None and not re.fullmatch(r"[0-9a-f]{64}", expected_sha256):
        raise ValueError(f"expected_sha256 must be 64 lower-case hex characters, got {expected_sha256!r}")

    def refuse(why: str) -> errors.ArtifactIntegrityError:
        return errors.ArtifactIntegrityError(path, f"{why}; {target} was left untouched")

    with open_artifact(http, model, model_id, path) as response:
        if response.status != 200:
            raise refuse(f"the registry answered HTTP {response.status} instead of 200 with the bytes")
        length = response.headers.get("Content-Length")
        content_length = int(length) if length and length.isdigit() else -1
        try:
            announced = sha256_of_digest_field(response.headers.get("Repr-Digest"))
        except ValueError as e:
            raise refuse(f"unreadable Repr-Digest header: {e}") from None
        if announced is None and expected_sha256 is None:
            raise refuse("the registry sent no Repr-Digest and no sha256 was expected: nothing to verify against")
        if announced is not None and expected_sha256 is not None and announced != expected_sha256:
            # Known before a byte is read: spare the transfer.
            raise refuse(f"the registry's Repr-Digest is sha256 {announced} but {expected_sha256} was expected")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = _temporary_beside(target)
        try:
            received = _receive(response, temporary, content_length, progress)
            for problem in _mismatches(received, content_length, expected_size, announced, expected_sha256):
                raise refuse(problem)
            move_into_place(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    return DownloadedArtifact(path, target, received.size, received.sha256, response.headers.get("Content-Type"))


def _mismatches(received: _Received, content_length: int, expected_size: int | None, announced: str | None,
                expected_sha256: str | None) -> list[str]:
    problems = []
    if content_length >= 0 and received.size != content_length:
        problems.append(f"received {received.size} bytes but Content-Length said {content_length}")
    if expected_size is not None and received.size != expected_size:
        problems.append(f"received {received.size} bytes but {expected_size} were expected")
    if announced is not None and received.sha256 != announced:
        problems.append(f"the bytes received hash to sha256 {received.sha256} but the registry's Repr-Digest "
                        f"says {announced}")
    if expected_sha256 is not None and received.sha256 != expected_sha256:
        problems.append(f"the bytes received hash to sha256 {received.sha256} but {expected_sha256} was expected")
    return problems


def _receive(response: StreamedResponse, temporary: Path, content_length: int,
             progress: Progress | None) -> _Received:
    digest = hashlib.sha256()
    size = 0
    with open(temporary, "wb") as out:
        if progress:
            progress(0, content_length)
        while block := response.read(_BLOCK):
            digest.update(block)
            out.write(block)
            size += len(block)
            if progress:
                progress(size, content_length)
        out.flush()
        os.fsync(out.fileno())
    return _Received(size, digest.hexdigest())


def _temporary_beside(target: Path) -> Path:
    # Beside the target, so the final move is a rename within one file system; hidden, so a crash's leftover does
    # not look like an artifact; created exclusively, so two downloads never share one.
    while True:
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
        try:
            with open(candidate, "xb"):
                return candidate
        except FileExistsError:
            continue
