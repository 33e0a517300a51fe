"""The audit log: listing it, and verifying it from outside the registry against a checkpoint kept elsewhere.

:func:`verify_since` checks, as the Java ``IncrementalAuditVerifier`` and ``modelreg audit verify --since`` do, that
the log now is an append-only extension of a saved checkpoint: both checkpoints must be signed by a trusted log
key, the RFC 9162 consistency proof must link their roots, and every entry added since is rehashed here (entry hash
over its RFC 8785 canonical fields, its Ed25519 signature, its Merkle leaf) and folded onto the saved tree's edge,
which must give the current root.

Nothing the registry says is taken on trust, not even its list of log keys (a database writer can add a key row of
their own). The trusted keys are the one whose signature is on the saved checkpoint (the caller kept that note, so
its signer is authentic) and the ones the caller pins (``trusted_keys``: base64 public keys as ``GET /audit/keys``
lists them, saved when the instances were set up). Verifying signatures needs ``cryptography``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Any, Iterable

from . import errors
from ._http import Transport
from .jcs import canonical_bytes
from .keys import public_key_from_raw, verify_bytes
from .records import AuditCheck

__all__ = ["Checkpoint", "entry_hash", "leaf_hash", "node_hash", "verify_consistency", "CompactRange",
           "verify_since", "server_verification", "log_key_id"]

_ENTRY_PREFIX = b"model-registry audit entry v1\n"
_ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
_NOTE = re.compile("([^\\n]+)\\n(\\d{1,19})\\n([A-Za-z0-9+/=]{44})\\n\\n\u2014 ([^ \\n]+) ([A-Za-z0-9+/=]+)\\n")
_PAGE = 500


# ---- RFC 9162 Merkle tree ----------------------------------------------------------------------------------

def leaf_hash(entry: bytes) -> bytes:
    """SHA-256(0x00 ‖ entry)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 ‖ left ‖ right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_consistency(m: int, n: int, old_root: bytes, new_root: bytes, proof: list[bytes]) -> bool:
    """RFC 9162 2.1.4.2: True when ``proof`` shows the tree (m, old_root) is a prefix of the tree (n, new_root)."""
    if m <= 0 or m > n:
        return m == 0 and not proof
    if m == n:
        return not proof and old_root == new_root
    path = list(proof)
    if m & (m - 1) == 0:
        path.insert(0, old_root)
    fn, sn = m - 1, n - 1
    while path and fn & 1:
        fn >>= 1
        sn >>= 1
    if not path:
        return False
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root


class CompactRange:
    """The right edge of a Merkle tree (the roots of its perfect subtrees, largest first): enough to extend it
    with more leaves and compute the larger root without the old leaves."""

    def __init__(self, size: int = 0, hashes: Iterable[bytes] = ()) -> None:
        self.hashes = list(hashes)
        if size < 0 or bin(size).count("1") != len(self.hashes):
            raise ValueError(f"a range of {size} leaves has {bin(max(size, 0)).count('1')} hashes, "
                             f"not {len(self.hashes)}")
        self.size = size

    def append(self, leaf: bytes) -> None:
        self.hashes.append(leaf)
        self.size += 1
        s = self.size
        # Two subtrees of equal size merge: as many times as the new size has trailing zero bits.
        while s & 1 == 0 and len(self.hashes) > 1:
            right, left = self.hashes.pop(), self.hashes.pop()
            self.hashes.append(node_hash(left, right))
            s >>= 1

    def root(self) -> bytes:
        if not self.hashes:
            return hashlib.sha256(b"").digest()
        root = self.hashes[-1]
        for h in reversed(self.hashes[:-1]):
            root = node_hash(h, root)
        return root


# ---- entries and checkpoints -------------------------------------------------------------------------------

def _chained_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {"chain": _text(item, "chain"), "chain_seq": int(item["chain_seq"]), "occurred_at": _text(item, "occurred_at"),
            "actor": _text(item, "actor"), "action": _text(item, "action"), "subject": _text(item, "subject"),
            "detail": _text(item, "detail_text"), "request_id": _text(item, "request_id"),
            "prev_hash": _text(item, "prev_hash")}


def entry_hash(item: dict[str, Any]) -> str:
    """An entry's hash recomputed from a ``GET /audit/leaves`` item: sha256 of its chained fields' canonical JSON."""
    return hashlib.sha256(canonical_bytes(_chained_fields(item))).hexdigest()


def _leaf_bytes(item: dict[str, Any]) -> bytes:
    fields = _chained_fields(item)
    fields.update(seq=int(item["seq"]), entry_hash=_text(item, "entry_hash"), key_id=_text(item, "key_id"),
                  signature=_text(item, "signature"))
    return canonical_bytes(fields)


def _text(item: dict[str, Any], field: str) -> str | None:
    value = item.get(field)
    return None if value is None else str(value)


@dataclass(frozen=True)
class Checkpoint:
    """A C2SP ``tlog-checkpoint`` signed note: origin, tree size, root hash, one Ed25519 signature line."""

    origin: str
    size: int
    root: bytes
    note: str

    @classmethod
    def parse(cls, note: str) -> "Checkpoint | None":
        """The checkpoint of a note; None when it is not one with exactly one signature line."""
        m = _NOTE.fullmatch(note)
        if m is None or m[1] != m[4]:
            return None
        root = base64.b64decode(m[3])
        return cls(m[1], int(m[2]), root, note) if len(root) == 32 else None

    def signed_by(self, raw_key: bytes) -> bool:
        """True when the signature line is the log key's (32 raw bytes) signature of the note's text."""
        try:
            line = base64.b64decode(self.note.rsplit(" ", 1)[1].strip(), validate=True)
        except (binascii.Error, IndexError):
            return False
        key_hash = hashlib.sha256(self.origin.encode() + b"\n\x01" + raw_key).digest()[:4]
        if len(line) != 68 or line[:4] != key_hash:
            return False
        body = f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n".encode()
        return verify_bytes(public_key_from_raw(raw_key), body, line[4:])


# ---- verification --------------------------------------------------------------------------------------------

def server_verification(http: Transport) -> AuditCheck:
    """The registry's own full re-verification (admin): every chain, signature and the tree."""
    body = http.get("/audit/verify").required_json()
    problems = [f"{p.get('chain')} #{p.get('chain_seq')} (entry {p.get('seq')}): {p.get('reason')}"
                for p in body.get("problems") or []]
    return AuditCheck(ok=bool(body["ok"]), problems=problems, entries=body.get("entries"), chains=body.get("chains"))


def verify_since(http: Transport, saved_note: str, trusted_keys: Iterable[str] = ()) -> AuditCheck:
    """Checks that the log is an append-only extension of the checkpoint ``saved_note`` (see the module's doc),
    trusting only its signer's key and ``trusted_keys``; any principal may run it. The answer's ``checkpoint`` is the
    current note, to keep for the next check."""
    return _IncrementalCheck(http).run(saved_note, trusted_keys)


def log_key_id(raw_key: bytes) -> str:
    """A log key's id: the first 32 hex characters of the SHA-256 of its SubjectPublicKeyInfo (Java ``keyId``)."""
    return hashlib.sha256(_ED25519_SPKI_PREFIX + raw_key).hexdigest()[:32]


class _IncrementalCheck:
    def __init__(self, http: Transport) -> None:
        self._http = http
        self._problems: list[str] = []
        #: The keys the caller vouches for: the saved checkpoint's signer and the pinned ones, by key id.
        self._keys: dict[str, bytes] = {}
        #: What the registry lists: only used to say why an entry's key is not trusted.
        self._published: dict[str, bytes] = {}

    def run(self, saved_note: str, trusted_keys: Iterable[str]) -> AuditCheck:
        saved = Checkpoint.parse(saved_note)
        if saved is None:
            return self._result(0, 0, 0, None, "the saved file is not a signed checkpoint note")
        for pinned in trusted_keys:
            raw = _raw_key(pinned)
            self._keys[log_key_id(raw)] = raw
        for key in self._http.get("/audit/keys").required_json().get("items", []):
            raw = _raw_key(key["public_key"])
            # A row whose id is not its key's is a forgery: it is known under the id its key really has.
            self._published[log_key_id(raw)] = raw
            if saved.signed_by(raw):
                self._keys[log_key_id(raw)] = raw
        try:
            current_note = self._http.send("GET", "/audit/checkpoint", headers={"Accept": "text/plain"}).body.decode()
        except errors.NotFoundError as e:
            # A log that had a checkpoint cannot lose it: its checkpoints were removed, a finding rather than an error.
            return self._result(saved.size, 0, 0, None,
                                f"the registry has no current checkpoint ({e.detail}): its checkpoints were removed")
        current = Checkpoint.parse(current_note)
        if current is None:
            return self._result(saved.size, 0, 0, None, "the registry's checkpoint is not a signed note")
        self._require_signed(saved, "the saved checkpoint")
        self._require_signed(current, "the current checkpoint")
        checked = 0
        if saved.origin != current.origin:
            self._problems.append(f"the saved checkpoint is of another log: {saved.origin}, not {current.origin}")
        elif current.size < saved.size:
            self._problems.append(f"the log shrank from {saved.size} to {current.size} leaves: entries were removed")
        else:
            checked = self._check_extension(saved, current)
        return self._result(saved.size, current.size, checked, current_note)

    def _require_signed(self, checkpoint: Checkpoint, what: str) -> None:
        if not any(checkpoint.signed_by(raw) for raw in self._keys.values()):
            self._problems.append(f"{what} (tree size {checkpoint.size}) is not signed by a trusted log key (the "
                                  "saved checkpoint's signer or a pinned key)")

    def _check_extension(self, saved: Checkpoint, current: Checkpoint) -> int:
        edge = CompactRange()
        if saved.size > 0:
            try:
                proof = self._http.get("/audit/proofs/consistency",
                                       {"from": saved.size, "to": current.size}).required_json()
            except errors.ProblemError as e:
                self._problems.append(f"the registry cannot prove consistency with the saved checkpoint: {e.detail}")
                return 0
            if not verify_consistency(saved.size, current.size, saved.root, current.root, _hashes(proof["proof"])):
                self._problems.append(f"the consistency proof from {saved.size} to {current.size} leaves does not "
                                      "verify: entries covered by the saved checkpoint were altered, removed or "
                                      "reordered")
            try:
                edge = CompactRange(saved.size, _hashes(proof["from_range"]))
            except ValueError as e:
                self._problems.append(f"the registry sent a malformed edge of the saved tree: {e}")
                return 0
            if edge.root() != saved.root:
                self._problems.append(f"the tree's first {saved.size} leaves no longer hash to the saved "
                                      "checkpoint's root: entries it covers were altered, removed or reordered")
        checked = self._check_leaves(edge, current.size)
        if edge.size != current.size or edge.root() != current.root:
            self._problems.append("the entries added since the saved checkpoint do not hash to the current "
                                  "checkpoint's root")
        return checked

    def _check_leaves(self, edge: CompactRange, to_size: int) -> int:
        checked = 0
        while edge.size < to_size:
            items = self._http.get("/audit/leaves", {"from": edge.size, "limit": _PAGE}).required_json()["items"]
            if not items:
                self._problems.append(f"leaves {edge.size} to {to_size} are missing from the log")
                return checked
            for item in items:
                if int(item.get("leaf_index", -1)) != edge.size or edge.size >= to_size:
                    self._problems.append(f"leaf {edge.size} is missing or out of place")
                    return checked
                self._check_entry(item)
                edge.append(leaf_hash(_leaf_bytes(item)))
                checked += 1
        return checked

    def _check_entry(self, item: dict[str, Any]) -> None:
        where = f"entry {item.get('seq')} ({item.get('chain')} #{item.get('chain_seq')})"
        recomputed = entry_hash(item)
        if recomputed != item.get("entry_hash"):
            self._problems.append(f"{where} does not match its entry hash: it was modified")
        key_id = item.get("key_id") or ""
        raw = self._keys.get(key_id)
        signature = item.get("signature")
        if raw is None and signature and key_id in self._published:
            self._problems.append(f"{where} is signed by log key {key_id}, which neither the saved checkpoint nor a "
                                  "pinned key vouches for: a key row added to the database, or another instance's "
                                  "key (pin it once its operator confirmed it)")
            return
        if raw is None or not signature:
            self._problems.append(f"{where} is not signed by a published log key")
            return
        try:
            signed = verify_bytes(public_key_from_raw(raw), _ENTRY_PREFIX + recomputed.encode(),
                                  base64.b64decode(signature, validate=True))
        except (binascii.Error, ValueError):
            signed = False
        if not signed:
            self._problems.append(f"{where} has a signature that does not verify: it was written without the log key")

    def _result(self, from_size: int, to_size: int, checked: int, note: str | None,
                problem: str | None = None) -> AuditCheck:
        if problem:
            self._problems.append(problem)
        return AuditCheck(ok=not self._problems, problems=list(self._problems), from_size=from_size,
                          to_size=to_size, checked=checked, checkpoint=note)


def _raw_key(base64_key: str) -> bytes:
    raw = base64.b64decode(base64_key, validate=True)
    if len(raw) != 32:
        raise ValueError(f"not an Ed25519 public key (32 bytes in base64): {base64_key!r}")
    return raw


def _hashes(values: Iterable[str]) -> list[bytes]:
    return [base64.b64decode(v) for v in values]
