"""Signing evaluation reports: what an evaluator (alpha-bench) runs before submitting a report with
:meth:`modelreg.Registry.submit_evaluation`. Needs ``cryptography`` (see :mod:`modelreg.keys`)."""

from __future__ import annotations

from typing import Any, Mapping

from . import dsse
from .keys import PrivateKeyLike
from .statement import PAYLOAD_TYPE, Statement, check_statement, parse_statement

__all__ = ["sign_report"]


def sign_report(statement: Statement | Mapping[str, Any] | bytes, private_key: PrivateKeyLike,
                keyid: str) -> dict[str, Any]:
    """Signs an evaluation report and answers its DSSE envelope as JSON, ready for ``POST /evaluations``.

    ``statement`` is a :class:`~modelreg.statement.Statement`, a parsed statement, or statement bytes (signed byte
    for byte). It is checked first with the registry's rules: one the registry would refuse raises
    :class:`~modelreg.statement.InvalidStatement` and nothing is signed. ``private_key`` is the evaluator's Ed25519
    key (PEM ``PRIVATE KEY`` or a loaded key); ``keyid`` the id its public key is registered under.
    """
    if not isinstance(keyid, str) or not keyid:
        raise ValueError("keyid must name the evaluator key the report is signed with")
    if isinstance(statement, Statement):
        payload = statement.to_bytes()
    elif isinstance(statement, (bytes, bytearray)):
        payload = bytes(statement)
        parse_statement(payload)
    elif isinstance(statement, Mapping):
        check_statement(statement)
        payload = Statement.to_bytes_of(statement)
    else:
        raise TypeError(f"a statement is a Statement, a mapping or bytes, not {type(statement).__name__}")
    return dsse.sign(PAYLOAD_TYPE, payload, keyid, private_key).to_json()
