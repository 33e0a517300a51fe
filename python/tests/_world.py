"""The people and keys a scenario needs, created on a real registry through the client itself (as an admin would):
a team with a quant member, an approver outside the team, a member who is also an approver (for four eyes), an
evaluator with a registered Ed25519 key, and a signal-stream service allowed to ingest lineage. Names are unique per
world, so worlds share a server without seeing each other."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any

from modelreg import Registry, keys

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A slug no other test uses: the registry is shared by the whole session."""
    return f"{prefix}-{next(_counter)}-{secrets.token_hex(3)}"


@dataclass
class World:
    url: str
    admin: Registry
    team: str
    quant: Registry          # member of team: registers, uploads, seals
    quant_name: str
    approver: Registry       # in the approver ACL, not in the team
    approver_name: str
    member_approver: Registry  # in the team and in the ACL: may not approve what they registered
    member_approver_name: str
    evaluator: str
    evaluator_keyid: str
    evaluator_key: Any       # Ed25519PrivateKey
    signals: Registry        # a service with the lineage-writer role
    outsider: Registry       # authenticated, in no team, no role
    tokens: dict[str, str]   # principal name -> token, for what runs as another process (the examples)

    def close(self) -> None:
        for client in (self.admin, self.quant, self.approver, self.member_approver, self.signals, self.outsider):
            client.close()

    def version(self, model: str | None = None, **lineage: Any):
        """Registers a fresh version (by the quant) with a lineage no other test has."""
        body = {"code_commit": secrets.token_hex(8), "feature_graph_hash": secrets.token_hex(6),
                "data_window": ("2020-01-01", "2024-12-31"), "owner": self.team}
        body.update(lineage)
        return self.quant.register(model or unique("model"), **body)


def make_world(url: str, admin_token: str) -> World:
    admin = Registry(url, admin_token)
    access = admin.access
    team = unique("team")
    access.create_team(team)

    tokens: dict[str, str] = {}

    def person(prefix: str, kind: str = "user") -> tuple[str, Registry]:
        name = unique(prefix)
        access.create_principal(name, kind)
        tokens[name] = access.create_token(name)["token"]
        return name, Registry(url, tokens[name])

    quant_name, quant = person("quant")
    approver_name, approver = person("approver")
    member_approver_name, member_approver = person("memberapprover")
    signals_name, signals = person("signal-stream", "service")
    outsider_name, outsider = person("outsider")
    for member in (quant_name, member_approver_name):
        access.add_member(team, member)
    for name in (approver_name, member_approver_name):
        access.add_approver(name)
    access.grant_role(signals_name, "lineage-writer")
    evaluator = unique("alpha-bench")
    access.create_evaluator(evaluator)
    key = keys.generate_private_key()
    keyid = unique("k")
    access.add_evaluator_key(evaluator, keyid, keys.public_key_pem(key))
    return World(url, admin, team, quant, quant_name, approver, approver_name, member_approver, member_approver_name,
                 evaluator, keyid, key, signals, outsider, tokens)
