"""Who may act: principals and their tokens and roles, teams, the approver ACL, evaluators and their keys.
Mostly admin routes; reached as :attr:`modelreg.Registry.access`."""

from __future__ import annotations

from typing import Any, Iterator

from ._http import Transport, segment
from .pages import all_items

__all__ = ["Access"]


class Access:
    """The registry's access routes over one client's connection."""

    def __init__(self, http: Transport) -> None:
        self._http = http

    # ---- principals and tokens --------------------------------------------------------------------------------

    def create_principal(self, name: str, kind: str = "user", *, admin: bool = False) -> dict[str, Any]:
        """A user or service principal (``kind`` ``user`` or ``service``)."""
        return self._http.post("/principals", {"name": name, "kind": kind, "admin": admin}).required_json()

    def principal(self, name: str) -> dict[str, Any]:
        return self._http.get(f"/principals/{segment(name)}").required_json()

    def principals(self) -> Iterator[dict[str, Any]]:
        return all_items(self._http, "/principals")

    def create_token(self, principal: str) -> dict[str, Any]:
        """A new token for ``principal``: ``{id, token, ...}``; the token is shown only in this answer."""
        # Sent once: a replayed answer would carry the id without the token.
        return self._http.send("POST", f"/principals/{segment(principal)}/tokens", json_body={},
                               retry=False).required_json()

    def tokens(self, principal: str) -> Iterator[dict[str, Any]]:
        return all_items(self._http, f"/principals/{segment(principal)}/tokens")

    def revoke_token(self, token_id: str) -> None:
        self._http.delete(f"/tokens/{segment(token_id)}")

    def grant_role(self, principal: str, role: str) -> None:
        """Grants a role (e.g. ``lineage-writer``, needed to ingest signals and fills)."""
        self._http.put(f"/principals/{segment(principal)}/roles/{segment(role)}")

    def revoke_role(self, principal: str, role: str) -> None:
        self._http.delete(f"/principals/{segment(principal)}/roles/{segment(role)}")

    # ---- teams and the approver ACL -----------------------------------------------------------------------------

    def create_team(self, name: str) -> dict[str, Any]:
        return self._http.post("/teams", {"name": name}).required_json()

    def team(self, name: str) -> dict[str, Any]:
        return self._http.get(f"/teams/{segment(name)}").required_json()

    def teams(self) -> Iterator[dict[str, Any]]:
        return all_items(self._http, "/teams")

    def add_member(self, team: str, principal: str) -> None:
        self._http.put(f"/teams/{segment(team)}/members/{segment(principal)}")

    def remove_member(self, team: str, principal: str) -> None:
        self._http.delete(f"/teams/{segment(team)}/members/{segment(principal)}")

    def add_approver(self, principal: str) -> None:
        self._http.put(f"/acl/approvers/{segment(principal)}")

    def remove_approver(self, principal: str) -> None:
        self._http.delete(f"/acl/approvers/{segment(principal)}")

    def approvers(self) -> Iterator[dict[str, Any]]:
        return all_items(self._http, "/acl/approvers")

    # ---- evaluators ---------------------------------------------------------------------------------------------

    def create_evaluator(self, name: str) -> dict[str, Any]:
        return self._http.post("/evaluators", {"name": name}).required_json()

    def evaluator(self, name: str) -> dict[str, Any]:
        """The evaluator with its keys."""
        return self._http.get(f"/evaluators/{segment(name)}").required_json()

    def add_evaluator_key(self, evaluator: str, keyid: str, public_key_pem: str) -> dict[str, Any]:
        """Registers an evaluator's Ed25519 public key (PEM ``PUBLIC KEY``) under ``keyid``."""
        return self._http.post(f"/evaluators/{segment(evaluator)}/keys",
                               {"keyid": keyid, "public_key_pem": public_key_pem}).required_json()

    def revoke_evaluator_key(self, evaluator: str, keyid: str) -> None:
        """Revokes a key: reports it signs are refused from now on; the key stays listed."""
        self._http.delete(f"/evaluators/{segment(evaluator)}/keys/{segment(keyid)}")
