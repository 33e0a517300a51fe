"""Registry state a deploy guard needs, set up through the real HTTP API (plain ``Transport`` calls): a team with a
registrant, an approver in the ACL, an evaluator with an Ed25519 key; versions made ready for promotion (registered,
an artifact uploaded, sealed, a passing signed evaluation report submitted), promoted by the approver (a second
principal: four eyes) and rolled back. A Python port of the server tests' ``DeployFixture``."""

from __future__ import annotations

import base64
import itertools
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from _server import Server
from modelreg._http import Transport, segment, segments
from modelreg.guard import pae

if TYPE_CHECKING:
    from modelreg.guard import DeployGuard

_COMMITS = itertools.count(0x3000000)
_STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
_PREDICATE_TYPE = "urn:model-registry:evaluation-report:v1"
_REPORT_PAYLOAD_TYPE = "application/vnd.in-toto+json"


@dataclass(frozen=True)
class Version:
    """A registered version: its id, lineage hash and the artifact bytes uploaded for it."""

    model: str
    model_id: str
    lineage_hash: str
    artifacts: dict[str, bytes]


class DeployFixture:
    """People and keys for promotions on one registry, under names starting with ``prefix``."""

    def __init__(self, server: Server, prefix: str) -> None:
        self.server = server
        self.prefix = prefix
        self.team = prefix + "-team"
        self.evaluator = prefix + "-bench"
        self.keyid = prefix + "-k1"
        self.admin = Transport(server.url, server.admin_token)
        self.admin.post("/teams", {"name": self.team})
        self.registrant = Transport(server.url, self._principal(prefix + "-quant"))
        self.admin.put(f"/teams/{segment(self.team)}/members/{segment(prefix + '-quant')}")
        self.approver_name = prefix + "-approver"
        self.approver = Transport(server.url, self._principal(self.approver_name))
        self.admin.put(f"/acl/approvers/{segment(self.approver_name)}")
        self.admin.post("/evaluators", {"name": self.evaluator})
        self._evaluator_key = Ed25519PrivateKey.generate()
        public_pem = self._evaluator_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
        self.admin.post(f"/evaluators/{segment(self.evaluator)}/keys",
                        {"keyid": self.keyid, "public_key_pem": public_pem})
        # A reader for the guard: any authenticated principal may read deployments and artifacts.
        self.reader_token = self._principal(prefix + "-serving")

    def close(self) -> None:
        for transport in (self.admin, self.registrant, self.approver):
            transport.close()

    def model(self, name: str) -> str:
        """A model name of this fixture's own, so tests sharing a registry never meet."""
        return f"{self.prefix}-{name}"

    def _principal(self, name: str) -> str:
        self.admin.post("/principals", {"name": name, "kind": "user"})
        return str(self.admin.post(f"/principals/{segment(name)}/tokens", {}).required_json()["token"])

    # ---- versions --------------------------------------------------------------------------------------------

    def ready(self, model: str, artifacts: dict[str, bytes] | None = None) -> Version:
        """A version that passes every promotion gate: registered, artifacts uploaded, sealed, passing report."""
        body = {"code_commit": f"{next(_COMMITS):07x}", "feature_graph_hash": "8b2e9f01", "owner": self.team,
                "data_window": ["2018-01-01", "2026-04-30"]}
        registered = self.registrant.post(f"/models/{segment(model)}/versions", body).required_json()
        model_id = registered["model_id"]
        files = artifacts if artifacts is not None else {"weights.bin": f"weights of {model_id}".encode()}
        for path, data in files.items():
            self.registrant.send("PUT", self.artifact_path(model, model_id, path), body=data,
                                 headers={"Content-Type": "application/octet-stream"})
        self.registrant.post(f"/models/{segment(model)}/versions/{segment(model_id)}:seal", {})
        self.registrant.post("/evaluations", self.report(model_id, registered["lineage_hash"]))
        return Version(model, model_id, registered["lineage_hash"], dict(files))

    @staticmethod
    def artifact_path(model: str, model_id: str, path: str) -> str:
        return f"/models/{segment(model)}/versions/{segment(model_id)}/artifacts/{segments(path)}"

    def report(self, model_id: str, lineage_hash: str) -> dict[str, Any]:
        """A passing evaluation report bound to ``lineage_hash``, signed over the DSSE PAE with the evaluator key."""
        statement = {
            "_type": _STATEMENT_TYPE,
            "subject": [{"name": model_id, "digest": {"sha256": lineage_hash}}],
            "predicateType": _PREDICATE_TYPE,
            "predicate": {"report_id": "rep-" + model_id, "objective": "rank_ic", "verdict": "pass",
                          "metrics": {"rank_ic": 0.07}, "evaluator": self.evaluator,
                          "created_at": "2026-11-26T12:00:00Z"},
        }
        payload = json.dumps(statement, separators=(",", ":")).encode("utf-8")
        signature = self._evaluator_key.sign(pae(_REPORT_PAYLOAD_TYPE, payload))
        return {"payloadType": _REPORT_PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode("ascii"),
                "signatures": [{"keyid": self.keyid, "sig": base64.b64encode(signature).decode("ascii")}]}

    # ---- deployment ------------------------------------------------------------------------------------------

    def promote(self, version: Version, canary_pct: int = 100) -> dict[str, Any]:
        """Promotes as the approver (not the registrant: four eyes)."""
        return self.approver.post(f"/models/{segment(version.model)}/versions/{segment(version.model_id)}:promote",
                                  {"approver": self.approver_name, "canary_pct": canary_pct}).required_json()

    def rollback(self, model: str, reason: str = "bad fills in the canary") -> dict[str, Any]:
        return self.approver.post(f"/models/{segment(model)}/deployment:rollback",
                                  {"reason": reason}).required_json()

    def deployment(self, model: str) -> dict[str, Any]:
        """The deployment document exactly as the registry sends it (to replay or tamper with in tests)."""
        return self.registrant.get(f"/models/{segment(model)}/deployment").required_json()

    def blob_on_server(self, sha256: str) -> Path:
        """The file the registry keeps an artifact's bytes in (``<data_dir>/artifacts/blobs/ab/cd/<digest>``)."""
        matches = list((self.server.data_dir / "artifacts").rglob(sha256))
        if len(matches) != 1:
            raise AssertionError(f"expected one blob file for {sha256} under {self.server.data_dir}, found {matches}")
        return matches[0]


def registry_public_key_pem(server: Server) -> str:
    """The registry's public key derived from its private key file on disk, not from anything it serves."""
    private = serialization.load_pem_private_key((server.data_dir / "registry-signing-key.pem").read_bytes(), None)
    return private.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def new_guard(server: Server, people: DeployFixture, model: str, root: Path, **options: Any) -> "DeployGuard":
    """A guard for ``model`` pinned to the registry's key file, with its cache and state under ``root``."""
    from modelreg.guard import DeployGuard

    options.setdefault("pinned_keys", registry_public_key_pem(server))
    options.setdefault("cache_dir", root / "cache")
    options.setdefault("state_dir", root / "state")
    return DeployGuard(server.url, people.reader_token, model, **options)


def files_under(directory: Path) -> list[str]:
    """Every file below ``directory``, relative, sorted: what a test expects to be (or not be) left behind."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def people_fixture(prefix: str) -> Callable[..., Iterator[DeployFixture]]:
    """A module-scoped ``people`` fixture on the session's registry, under ``prefix`` and a random suffix."""

    @pytest.fixture(scope="module")
    def people(server: Server) -> Iterator[DeployFixture]:
        fixture = DeployFixture(server, prefix + uuid.uuid4().hex[:6])
        yield fixture
        fixture.close()

    return people
