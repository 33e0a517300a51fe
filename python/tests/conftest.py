"""Fixtures: one real registry per test session (SQLite, temporary directory), and one per module that asks for
PostgreSQL (a fresh schema, dropped afterwards). A failing test's report carries the tail of its server's log."""

from __future__ import annotations

from typing import Iterator

import pytest

from _server import RUNNING, Server, postgres_server, running_server
from _world import World, make_world


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The session's registry on SQLite; tests share it, so each works under names of its own."""
    with running_server(tmp_path_factory.mktemp("registry")) as started:
        yield started


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A registry on a fresh PostgreSQL schema for the module that asks for it; the schema is dropped afterwards."""
    with postgres_server(tmp_path_factory.mktemp("registry-pg")) as started:
        yield started


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        # Every registry still running, whichever fixture or test started it: one of them refused or failed.
        for running in sorted(RUNNING, key=lambda s: s.url):
            report.sections.append((f"server log ({running.log_file}), last lines", running.log_tail()))


@pytest.fixture(scope="session")
def world(server: Server) -> Iterator[World]:
    """Principals, a team, approvers and an evaluator key on the session's registry (see ``_world.py``)."""
    created = make_world(server.url, server.admin_token)
    yield created
    created.close()
