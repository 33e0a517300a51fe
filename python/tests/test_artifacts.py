"""Artifacts against the real registry: uploads streamed with Content-Digest (a file, a directory), a file that
changes while it is sent retried, verified downloads that leave nothing behind on a mismatch (a wrong digest, a blob
corrupted on the server's disk), and the refusals (sealed version, not a member, names the registry refuses)."""

from __future__ import annotations

import hashlib
import os

import pytest

from _world import unique
from modelreg import ArtifactIntegrityError, artifacts, errors
from modelreg.records import model_of


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_file_is_uploaded_with_its_digest_and_downloaded_verified(world, tmp_path):
    version = world.version()
    data = os.urandom(3 * 1024 * 1024 + 17)
    source = _write(tmp_path / "weights.bin", data)
    seen = []
    stored = world.quant.upload_file(version.model_id, source, path="model/weights.bin",
                                     media_type="application/x-test", progress=lambda d, t: seen.append((d, t)))
    assert stored.created and stored.path == "model/weights.bin"
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
    assert seen[-1] == (len(data), len(data))
    got = world.quant.download(version.model_id, "model/weights.bin", tmp_path / "out" / "weights.bin")
    assert (tmp_path / "out" / "weights.bin").read_bytes() == data
    assert got.sha256 == stored.sha256 and got.media_type == "application/x-test"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["weights.bin"]  # no temporary file left


def test_uploading_the_same_content_again_changes_nothing(world, tmp_path):
    version = world.version()
    source = _write(tmp_path / "a.txt", b"same bytes")
    world.quant.upload_file(version.model_id, source)
    again = world.quant.upload_file(version.model_id, source)
    assert not again.created and again.outcome in ("unchanged", None)
    assert [a.path for a in world.quant.artifacts(version.model_id)] == ["a.txt"]


def test_a_directory_is_uploaded_as_its_relative_paths_and_downloaded_whole(world, tmp_path):
    version = world.version()
    tree = {"model.onnx": os.urandom(5000), "config/params.json": b'{"lr": 0.01}', "config/z/deep.txt": b"deep"}
    for name, data in tree.items():
        _write(tmp_path / "model" / name, data)
    uploaded = world.quant.upload_dir(version.model_id, tmp_path / "model", prefix="v1/")
    assert [a.path for a in uploaded] == sorted("v1/" + name for name in tree)
    listed = world.quant.artifacts(version.model_id)
    assert {a.path: a.sha256 for a in listed} == {"v1/" + n: hashlib.sha256(d).hexdigest() for n, d in tree.items()}
    world.quant.download_all(version.model_id, tmp_path / "copy")
    for name, data in tree.items():
        assert (tmp_path / "copy" / "v1" / name).read_bytes() == data


def test_a_file_that_changes_while_it_is_sent_is_refused_by_digest_and_sent_again(world, tmp_path):
    version = world.version()
    source = _write(tmp_path / "moving.bin", b"a" * (2 * 1024 * 1024))
    rewritten = b"b" * (2 * 1024 * 1024)

    def rewrite_once(done, total):
        # After the first block has gone, the file is rewritten (same size): the registry gets mixed bytes.
        if 0 < done < total and source.read_bytes()[:1] == b"a":
            source.write_bytes(rewritten)

    stored = world.quant.upload_file(version.model_id, source, progress=rewrite_once)
    assert stored.sha256 == hashlib.sha256(rewritten).hexdigest()


def test_a_digest_mismatch_stores_nothing(world, tmp_path):
    version = world.version()
    source = _write(tmp_path / "moving.bin", b"a" * (2 * 1024 * 1024))

    def rewrite(done, total):
        if 0 < done < total:
            source.write_bytes(b"c" * (2 * 1024 * 1024))

    with pytest.raises(errors.DigestMismatchError) as refused:
        artifacts.upload_file(world.quant._http, version.model, version.model_id, "moving.bin", source,
                              progress=rewrite, attempts=1)
    assert refused.value.status == 400
    assert world.quant.artifacts(version.model_id) == []


def test_a_download_against_a_digest_it_does_not_have_writes_nothing(world, tmp_path):
    version = world.version()
    world.quant.upload_file(version.model_id, _write(tmp_path / "x.bin", b"payload"))
    target = tmp_path / "out" / "x.bin"
    target.parent.mkdir()
    with pytest.raises(ArtifactIntegrityError) as refused:
        artifacts.download(world.quant._http, version.model, version.model_id, "x.bin", target,
                           expected_sha256="0" * 64)
    assert "0" * 64 in str(refused.value)
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_a_blob_corrupted_on_the_registrys_disk_is_not_delivered(world, server, tmp_path):
    version = world.version()
    data = unique("corrupt").encode() * 1000
    stored = world.quant.upload_file(version.model_id, _write(tmp_path / "c.bin", data))
    blob = server.data_dir / "artifacts" / "blobs" / stored.sha256[:2] / stored.sha256[2:4] / stored.sha256
    assert blob.is_file()
    os.chmod(blob, 0o600)
    blob.write_bytes(b"X" + data[1:])  # same length, other bytes
    target = tmp_path / "out" / "c.bin"
    target.parent.mkdir()
    target.write_bytes(b"what was here before")
    with pytest.raises(ArtifactIntegrityError, match="Repr-Digest"):
        world.quant.download(version.model_id, "c.bin", target)
    assert target.read_bytes() == b"what was here before"
    assert [p.name for p in target.parent.iterdir()] == ["c.bin"]


def test_a_sealed_version_takes_no_more_artifacts(world, tmp_path):
    version = world.version()
    world.quant.upload_file(version.model_id, _write(tmp_path / "m.bin", b"m"))
    sealed = world.quant.seal(version.model_id)
    assert sealed.sealed and sealed.ready_at
    with pytest.raises(errors.VersionSealedError) as refused:
        world.quant.upload_file(version.model_id, _write(tmp_path / "late.bin", b"late"))
    assert refused.value.status == 409
    with pytest.raises(errors.VersionSealedError):
        world.quant.upload_dir(version.model_id, tmp_path)


def test_only_members_of_the_owning_team_upload(world, tmp_path):
    version = world.version()
    with pytest.raises(errors.NotTeamMemberError) as refused:
        world.outsider.upload_file(version.model_id, _write(tmp_path / "big.bin", os.urandom(4 * 1024 * 1024)))
    assert refused.value.status == 403
    assert world.quant.artifacts(version.model_id) == []


def test_a_directory_with_names_the_registry_refuses_is_refused_before_anything_is_sent(world, tmp_path):
    version = world.version()
    _write(tmp_path / "ok.txt", b"ok")
    _write(tmp_path / "bad name.txt", b"space")
    with pytest.raises(ValueError, match="bad name.txt"):
        world.quant.upload_dir(version.model_id, tmp_path)
    assert world.quant.artifacts(version.model_id) == []
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="holds no files"):
        world.quant.upload_dir(version.model_id, tmp_path / "empty")


def test_a_link_leading_out_of_the_directory_is_refused(world, tmp_path):
    version = world.version()
    _write(tmp_path / "outside" / "secret.txt", b"secret")
    _write(tmp_path / "model" / "ok.txt", b"ok")
    (tmp_path / "model" / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    with pytest.raises(ValueError, match="outside"):
        world.quant.upload_dir(version.model_id, tmp_path / "model")
    assert world.quant.artifacts(version.model_id) == []


def test_an_unknown_artifact_is_refused_before_anything_is_written(world, tmp_path):
    version = world.version()
    with pytest.raises(ArtifactIntegrityError):
        world.quant.download(version.model_id, "missing.bin", tmp_path / "missing.bin")
    with pytest.raises(errors.NotFoundError):
        artifacts.download(world.quant._http, model_of(version.model_id), version.model_id, "missing.bin",
                           tmp_path / "missing.bin", expected_sha256="0" * 64)
    assert not (tmp_path / "missing.bin").exists()


def test_digest_fields_are_rfc_9530():
    sha = hashlib.sha256(b"x").hexdigest()
    assert artifacts.sha256_of_digest_field(artifacts.digest_field(sha)) == sha
    assert artifacts.sha256_of_digest_field("sha-512=:AAAA:, " + artifacts.digest_field(sha)) == sha
    assert artifacts.sha256_of_digest_field("sha-512=:AAAA:") is None
    with pytest.raises(ValueError):
        artifacts.sha256_of_digest_field("sha-256=:AAAA:")
