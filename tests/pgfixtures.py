"""PostgreSQL for the tests (a pytest plugin: ``pytest_plugins = ["tests.pgfixtures"]``).

``MSGDESK_TEST_PG`` names a PostgreSQL server, as a URL whose role may create databases
(``.ci/run`` starts a throwaway one with ``scripts/pg_test_server.sh``; by hand:
``export MSGDESK_TEST_PG="$(scripts/pg_test_server.sh start)"``).  Without it, the
PostgreSQL tests skip, saying so; with it set and the server unreachable, they fail.

- ``pg_url``: the URL (the text a user gives as ``--db``) of a new, empty database,
  dropped after the test.
- ``db_target``: a test runs twice, on ``sqlite`` (a file in ``tmp_path``) and on
  ``postgresql`` (a ``pg_url`` database); it gets the parsed target.
- ``pg_databases``: the session's helper that creates and drops the databases.

A database is made from ``template0`` (empty whatever was added to ``template1``), with
PostgreSQL 15's WAL_LOG strategy (no checkpoint, unlike FILE_COPY, which matters on a
server with other work).  On the test server (in memory, fsync off) one takes about 8 ms
to create and 5 ms to drop, so there is no pool of ready databases.  The figures are in
the summary at the end of the run.
"""

from __future__ import annotations

import itertools
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from msgdesk.store.target import DatabaseTarget, PostgresTarget, SqliteTarget, parse_target

PG_ENV_VAR = "MSGDESK_TEST_PG"
SKIP_REASON = f"set {PG_ENV_VAR} to a PostgreSQL server URL; .ci/run starts one"
BACKENDS = ("sqlite", "postgresql")


class PgDatabases:
    """Creates and drops databases on the test server, through one connection of its own."""

    def __init__(self, server: PostgresTarget) -> None:
        from sqlalchemy import create_engine

        self.server = server
        self._engine = create_engine(server.engine_url(), isolation_level="AUTOCOMMIT", pool_size=1)
        # Unique on the server across the parallel test workers (pytest-xdist's gw0, gw1...)
        # and across runs sharing a server: the worker and its process id.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._names = (f"msgdesk_test_{worker}_{os.getpid()}_{n}" for n in itertools.count(1))
        self.create_seconds: list[float] = []
        self.drop_seconds: list[float] = []
        with self._engine.connect() as connection:
            version = int(connection.exec_driver_sql("SHOW server_version_num").scalar_one())
        self._strategy = " STRATEGY WAL_LOG" if version >= 150000 else ""

    def create(self) -> PostgresTarget:
        """A new, empty database on the server, owned by the server URL's role."""
        name = next(self._names)
        started = time.perf_counter()
        self._run(f'CREATE DATABASE "{name}" TEMPLATE template0{self._strategy}')
        self.create_seconds.append(time.perf_counter() - started)
        return self.server.with_database(name)

    def drop(self, target: PostgresTarget) -> None:
        """Drop ``target``'s database, closing any connection a test left open on it (a
        server process of another role in it, briefly, is waited out)."""
        from sqlalchemy.exc import DBAPIError

        started = time.perf_counter()
        for attempt in range(50):
            try:
                self._run(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
                break
            except DBAPIError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
        self.drop_seconds.append(time.perf_counter() - started)

    def exists(self, target: PostgresTarget) -> bool:
        from sqlalchemy import text

        with self._engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            )
            return found.first() is not None

    def close(self) -> None:
        self._engine.dispose()

    def summary(self) -> str | None:
        if not self.create_seconds:
            return None
        ms = 1000
        return (
            f"PostgreSQL test databases: {len(self.create_seconds)} created (median "
            f"{statistics.median(self.create_seconds) * ms:.1f} ms, slowest {max(self.create_seconds) * ms:.1f} ms), "
            f"dropped in median {statistics.median(self.drop_seconds or [0]) * ms:.1f} ms, on {self.server.describe()}"
        )

    def _run(self, sql: str) -> None:
        with self._engine.connect() as connection:
            connection.exec_driver_sql(sql)


_session_databases: list[PgDatabases] = []


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    url = os.environ.get(PG_ENV_VAR)
    if not url:
        pytest.skip(SKIP_REASON)
    server = parse_target(url, PG_ENV_VAR)
    if not isinstance(server, PostgresTarget):
        pytest.fail(f"{PG_ENV_VAR} is {url!r}, which is not a postgresql:// URL")
    from sqlalchemy.exc import DBAPIError

    try:
        databases = PgDatabases(server)
    except DBAPIError as exc:  # the tests were asked to run on PostgreSQL: fail, don't skip
        pytest.fail(f"{PG_ENV_VAR}: cannot reach {server.describe()}: {exc}")
    _session_databases.append(databases)
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture
def pg_target(pg_databases: PgDatabases) -> Iterator[PostgresTarget]:
    """A new, empty PostgreSQL database (the parsed target), dropped after the test."""
    target = pg_databases.create()
    try:
        yield target
    finally:
        pg_databases.drop(target)


@pytest.fixture
def pg_url(pg_target: PostgresTarget) -> str:
    """The URL of a new, empty PostgreSQL database, as a user would give it to ``--db``."""
    return pg_target.to_url(with_password=True)


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> DatabaseTarget:
    """The test's own empty database: an SQLite file in tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return SqliteTarget(tmp_path / "msgdesk.db")
    target: PostgresTarget = request.getfixturevalue("pg_target")
    return target


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for databases in _session_databases:
        line = databases.summary()
        if line:
            terminalreporter.write_line(line)


# --- roles and TLS (issue 19) ----------------------------------------------------------------

TLS_ENV_VAR = "MSGDESK_TEST_PG_TLS"
TLS_SKIP_REASON = f"set {TLS_ENV_VAR} to the folder 'scripts/pg_test_server.sh start-tls' prints; .ci/run starts one"
_role_numbers = itertools.count(1)


class PgRoles:
    """A database of its own set up with ``msgdesk admin roles`` under a prefix of its own
    (roles belong to the whole server: tests running side by side must not share them), and
    one login per role.  ``target(role)`` connects as that login (trust on the test socket)."""

    def __init__(self, databases: PgDatabases) -> None:
        self.databases = databases
        self.prefix = f"t{os.getpid()}_{next(_role_numbers)}"
        self.database = databases.create()
        self.logins = {role: f"{self.prefix}_{role}_login" for role in ("owner", "editor", "reader")}

    def set_up(self, engine: object) -> None:
        from msgdesk.store import roles

        names = roles.RoleNames(self.prefix)
        roles.set_up(engine, names)  # type: ignore[arg-type]
        for role, login in self.logins.items():
            roles.grant(engine, login, roles.Role(role), names, create=True)  # type: ignore[arg-type]

    def target(self, role: str) -> PostgresTarget:
        return self.database.replace(user=self.logins[role])

    def drop(self) -> None:
        self.databases.drop(self.database)  # first: the roles own and hold rights in it
        names = [*self.logins.values(), *(f"{self.prefix}_{r}" for r in ("owner", "editor", "reader"))]
        for name in names:
            self.databases._run(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def pg_roles(pg_databases: PgDatabases) -> Iterator[PgRoles]:
    made = PgRoles(pg_databases)
    try:
        yield made
    finally:
        made.drop()


class TlsServers:
    """The servers ``pg_test_server.sh start-tls`` made: ``url(name)`` for "tls", "expired" and
    "plain" over 127.0.0.1 (the password comes from PGPASSWORD, set by the fixture), the CA
    that signed their certificates and one that did not."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.password = (folder / "password").read_text().strip()
        self.ca = folder / "certs" / "ca.crt"
        self.other_ca = folder / "certs" / "other-ca.crt"

    def url(self, name: str, query: str = "") -> str:
        return (self.folder / f"{name}-url").read_text().strip() + query

    def socket_target(self, name: str) -> PostgresTarget:
        found = parse_target((self.folder / f"{name}-socket-url").read_text().strip())
        assert isinstance(found, PostgresTarget)
        return found


@pytest.fixture(scope="session")
def tls_servers() -> TlsServers:
    folder = os.environ.get(TLS_ENV_VAR)
    if not folder:
        pytest.skip(TLS_SKIP_REASON)
    found = TlsServers(Path(folder))
    return found


@pytest.fixture
def tls_database(tls_servers: TlsServers, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty database on the TLS server; yields its database name.  PGPASSWORD is set
    for the test (msgdesk reads it, as libpq does)."""
    monkeypatch.setenv("PGPASSWORD", tls_servers.password)
    databases = PgDatabases(tls_servers.socket_target("tls"))
    target = databases.create()
    try:
        yield target.database
    finally:
        databases.drop(target)
        databases.close()
