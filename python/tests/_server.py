"""A real registry for the tests: the built jar, started on a free port with a temporary data directory, on SQLite
or on a fresh PostgreSQL schema that is dropped afterwards. Never a mock.

The jar is ``$MODELREG_JAR`` or ``<repo>/cli/target/modelreg.jar`` (``./mvnw -q -o package -DskipTests`` builds it);
the JDK is the one ``<repo>/bin/jdk`` picks. The server's log goes to a file, shown when it fails to start and
attached to the report of a failed test (see ``conftest.py``).
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
_START_TIMEOUT = 90.0
_LOG_TAIL = 80
#: Every server started and not stopped yet: stopped at exit whatever happened, and shown when a test fails.
RUNNING: set["Server"] = set()


def jar_path() -> Path:
    """The jar the tests run: ``$MODELREG_JAR`` or the one ``./mvnw package`` leaves in ``cli/target``."""
    return Path(os.environ.get("MODELREG_JAR") or REPO / "cli" / "target" / "modelreg.jar")


def java_binary() -> Path:
    home = subprocess.run([str(REPO / "bin" / "jdk")], check=True, capture_output=True, text=True).stdout.strip()
    return Path(home) / "bin" / "java"


@dataclass(eq=False)
class Server:
    """A running registry: ``url`` to talk to, the bootstrap ``admin_token``, its ``data_dir`` and ``log_file``."""

    url: str
    admin_token: str
    data_dir: Path
    log_file: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def stop(self) -> None:
        """Stops the server (SIGTERM, then SIGKILL after 20 s); safe to call twice."""
        RUNNING.discard(self)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_tail(self, lines: int = _LOG_TAIL) -> str:
        """The last lines of the server's log, to show next to a failure."""
        try:
            text = self.log_file.read_text("utf-8", "replace")
        except OSError as e:
            return f"(no server log at {self.log_file}: {e})"
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(tmp_path: Path, *, db_url: str | None = None, extra_args: Sequence[str] = (),
                 env: Mapping[str, str] | None = None) -> Server:
    """Starts the jar's ``serve`` on a free port with its data under ``tmp_path/data`` and waits for ``/readyz``.

    ``db_url`` is a JDBC URL (default: SQLite in the data directory); ``extra_args`` are more ``serve`` flags;
    ``env`` adds environment variables (``MODELREG_*`` of the test process itself are not passed on). The caller
    must ``stop()`` the server; the fixtures in ``conftest.py`` do.
    """
    jar = jar_path()
    if not jar.is_file():
        raise RuntimeError(f"{jar} does not exist: build it first with "
                           f"'JAVA_HOME=$(bin/jdk) ./mvnw -q -o package -DskipTests' (or set MODELREG_JAR)")
    data_dir = tmp_path / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    admin_token = "adm_" + secrets.token_urlsafe(24)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MODELREG_")}
    environment["MODELREG_BOOTSTRAP_ADMIN_TOKEN"] = admin_token
    environment.update(env or {})
    java = java_binary()
    # A port picked free can be taken by someone else before the server binds it: then try another.
    for attempt in range(3):
        port = free_port()
        log_file = tmp_path / f"server-{port}.log"
        command = [str(java), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", str(jar), "serve",
                   "--data-dir", str(data_dir), "--host", "127.0.0.1", "--port", str(port)]
        if db_url:
            command += ["--db", db_url]
        command += list(extra_args)
        with open(log_file, "wb") as log:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       env=environment, cwd=tmp_path)
        server = Server(f"http://127.0.0.1:{port}", admin_token, data_dir, log_file, process)
        RUNNING.add(server)
        try:
            _wait_ready(server)
            return server
        except _PortTaken:
            server.stop()
        except BaseException:
            server.stop()
            raise
    raise RuntimeError(f"no free port could be bound after 3 attempts; last log:\n{server.log_tail()}")


@atexit.register
def _stop_leftovers() -> None:
    for server in list(RUNNING):
        server.stop()


class _PortTaken(Exception):
    pass


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            tail = server.log_tail()
            if "Address already in use" in tail or "BindException" in tail:
                raise _PortTaken()
            raise RuntimeError(f"the registry exited with {code} before it was ready; its log "
                               f"({server.log_file}):\n{tail}")
        try:
            with urllib.request.urlopen(server.url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the registry was not ready within {_START_TIMEOUT:.0f} s; its log "
                       f"({server.log_file}):\n{server.log_tail()}")


# ---- PostgreSQL ----------------------------------------------------------------------------------------------

def postgres_base_url() -> str:
    """The JDBC URL of the test PostgreSQL: ``$MODELREG_TEST_PG_URL`` (CI sets it) or the local ``test`` database."""
    return os.environ.get("MODELREG_TEST_PG_URL") or DEFAULT_PG_URL


def _psql(jdbc_url: str, sql: str) -> None:
    parts = urlsplit(jdbc_url.removeprefix("jdbc:"))
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if shutil.which("psql") is None:
        raise RuntimeError("the PostgreSQL tests need psql on PATH (Debian: postgresql-client)")
    environment = dict(os.environ)
    if "password" in params:
        environment["PGPASSWORD"] = params["password"]
    command = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname or "127.0.0.1",
               "-p", str(parts.port or 5432), "-U", params.get("user", "postgres"),
               "-d", parts.path.lstrip("/") or "postgres", "-c", sql]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"PostgreSQL for tests is not usable at {jdbc_url} (start it, or set "
                           f"MODELREG_TEST_PG_URL): {result.stderr.strip()}")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh, empty schema in the test PostgreSQL; yields a JDBC URL whose connections use it, drops it after."""
    base = postgres_base_url()
    schema = "py_" + uuid.uuid4().hex[:16]
    _psql(base, f"CREATE SCHEMA {schema}")
    try:
        yield base + ("&" if "?" in base else "?") + "currentSchema=" + schema
    finally:
        # A connection left open must not hang the run on the schema's locks.
        _psql(base, f"SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def running_server(tmp_path: Path, *, db_url: str | None = None, extra_args: Sequence[str] = (),
                   env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """:func:`start_server` as a context manager: the server is stopped however the block ends."""
    server = start_server(tmp_path, db_url=db_url, extra_args=extra_args, env=env)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def postgres_server(tmp_path: Path, *, extra_args: Sequence[str] = (),
                    env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """A registry on a fresh PostgreSQL schema; the server is stopped and the schema dropped afterwards."""
    with postgres_schema() as db_url, running_server(tmp_path, db_url=db_url, extra_args=extra_args,
                                                     env=env) as server:
        yield server
