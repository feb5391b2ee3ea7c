"""Engines for the two backends, and the schema brought up to date on opening.

SQLite: foreign keys on, a WAL journal with synchronous=FULL (a rollback journal on a
network drive), explicit ``BEGIN IMMEDIATE`` transactions.  Before anything is written the
file is inspected (``msgdesk.store.health``): one that is damaged, not a database, another
application's database or from a newer msgdesk is refused untouched.  The engine URL is
built with ``URL.create``: a ``?`` or ``%`` in a path is part of the file name.

PostgreSQL: the shared database on the council network.  The same migrations run on it
and its guards are PL/pgSQL triggers (migration 0002) with a pinned search path (0007).
The connection is made as ``msgdesk.store.target`` says: TLS checked by default
(``msgdesk.store.tls``), the password from the URL, PGPASSWORD or pgpass
(``msgdesk.store.pgpass``), pg8000 or psycopg.  A user whose role may only read gets
``ReadOnlyDatabaseError`` for every write, from the server's own refusal.

Errors from the database become typed errors here, once for every caller
(``raise_typed``): a refusal by a guard trigger carries a bracketed code.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Engine, create_engine
from sqlalchemy.exc import DBAPIError

from msgdesk.domain.errors import (
    DatabaseBusyError,
    DatabaseError,
    DirectionClosedError,
    DirectionLockedError,
    ForeignDatabaseError,
    InputError,
    InvalidValueError,
    MoveNotAllowedError,
    PasswordRequiredError,
    ReadOnlyDatabaseError,
    ReadOnlyLocationError,
    ReasonRequiredError,
    RecordFixedError,
    RoundLockedError,
    SchemaTooNewError,
    ServerUnavailableError,
)
from msgdesk.domain.states import FileState
from msgdesk.store import backup
from msgdesk.store import health as db_health
from msgdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD, TABLES_0001
from msgdesk.store.target import PgDriver, PostgresTarget

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger(__name__)

#: PostgreSQL advisory lock held while migrating ("MSGD").
MIGRATION_LOCK_KEY = 0x4D534744

#: The bracketed code a guard trigger puts first in its message, and the error it means.
GUARD_ERRORS: dict[str, type[Exception]] = {
    "round-locked": RoundLockedError,
    "id-fixed": RecordFixedError,
    "reference-fixed": RecordFixedError,
    "history-append-only": RecordFixedError,
    "move-not-allowed": MoveNotAllowedError,
    "reason-required": ReasonRequiredError,
    "direction-issued": DirectionLockedError,
    "direction-closed": DirectionClosedError,
    "supersedes-not-in-force": DirectionClosedError,
    "not-issued": MoveNotAllowedError,
    "record-final": RecordFixedError,
    "pack-fixed": RecordFixedError,
    "invalid-value": InvalidValueError,
}
_GUARD = re.compile(r"\[(?P<code>[a-z-]+)\] (?P<message>[^\n]*)")


def _raise_guard(message: str, exc: BaseException) -> None:
    """A refusal by one of msgdesk's guard triggers, as its typed error."""
    found = _GUARD.search(message)
    if found and found["code"] in GUARD_ERRORS:
        raise GUARD_ERRORS[found["code"]](found["message"]) from exc


def raise_typed(exc: BaseException, where: Path | str | None) -> None:
    """Raise the typed error that ``exc`` (an SQLite DBAPI error) means, if it means one."""
    message = str(exc)
    _raise_guard(message, exc)
    lowered = message.lower()
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    path = Path(where) if isinstance(where, Path) else None
    if code == 13 or "database or disk is full" in lowered or (
        "disk i/o error" in lowered and path is not None and db_health.disk_is_full(path)
    ):
        raise db_health.storage_full(path) from exc
    label = f" ({where})" if where else ""
    if code == 8 or "readonly database" in lowered or "read-only" in lowered:
        raise ReadOnlyLocationError(
            f"msgdesk cannot save to the database{label}: the file or its folder is read-only. "
            "Your data has not been changed. Ask IT for write access, or open a copy elsewhere "
            "with --db PATH."
        ) from exc
    if code in (5, 6) or "database is locked" in lowered:
        raise DatabaseBusyError(
            f"The database{label} is busy: another msgdesk is saving to it. Nothing was changed; "
            "try again in a moment."
        ) from exc


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def _configure_sqlite(engine: Engine, path: Path, journal_mode: str, after_approval: Callable[[], None]) -> None:
    approvals = {"pending": False}

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # SQLAlchemy's "begin" event below owns transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()
        _watch_approvals(dbapi_connection, approvals)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock at the start, so two writers queue instead of
        # failing half-way through with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "rollback")
    def _on_rollback(_connection: Any) -> None:
        approvals["pending"] = False

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, _record: Any) -> None:
        # After the approving transaction committed and its connection came back.
        if approvals["pending"]:
            approvals["pending"] = False
            after_approval()

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        raise_typed(context.original_exception, path)


def _watch_approvals(dbapi_connection: sqlite3.Connection, approvals: dict[str, bool]) -> None:
    """Temporary triggers that note an approval, so that a backup follows it whoever the
    writer is (the window, the command line, an import)."""

    def approved() -> None:
        approvals["pending"] = True

    dbapi_connection.create_function("msgdesk_round_approved", 0, approved)
    try:
        dbapi_connection.execute(
            "CREATE TEMP TRIGGER IF NOT EXISTS msgdesk_backup_after_approval "
            "AFTER UPDATE OF status ON main.evaluation_round "
            "WHEN NEW.status = 'approved' AND OLD.status IS NOT 'approved' "
            "BEGIN SELECT msgdesk_round_approved(); END"
        )
    except sqlite3.OperationalError:
        pass  # no tables yet: the engine is reopened after the first migration


def _upgrade(engine: Engine, sqlite: bool) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        raw: Any = None
        if sqlite:
            # A migration may rebuild a table; with foreign keys on, dropping the old one
            # would cascade.  SQLite ignores this pragma inside a transaction, so it goes
            # straight to the driver, before SQLAlchemy begins one.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
        else:
            # Two officers opening a new shared database at once: one migrates, one waits.
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            # Migrate as the role that owns msgdesk's tables (msgdesk admin roles makes that a
            # group role): new tables are then its too, and reach the editor and reader roles
            # through its default privileges.
            owner = connection.execute(text(
                "SELECT c.relowner::regrole::text FROM pg_class c "
                "WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.alembic_version') "
                "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) "
                "AND pg_has_role(current_user, c.relowner, 'MEMBER')"
            )).scalar()
            if owner:
                connection.exec_driver_sql(f"SET ROLE {owner}")  # regrole::text is already quoted
            connection.commit()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if sqlite:
            connection.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys = ON")
            if broken:
                raise DatabaseError(f"the upgrade left {len(broken)} broken links; "
                                    "the backup taken before it is intact")
        else:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.exec_driver_sql("RESET ROLE")
            connection.commit()


def open_sqlite(path: Path, *, network: bool, after_approval: Callable[[], None]) -> tuple[Engine, db_health.Health]:
    """An engine on the SQLite file ``path``, inspected, backed up before a migration and
    migrated.  Raises the typed errors of ``backup.error_for`` for a file it must not touch."""
    found = db_health.inspect(path)
    if not found.usable:
        raise backup.error_for(found)
    db_health.check_writable(path)
    try:
        if found.state.value == "new" and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        elif found.revision is not None and found.revision != SCHEMA_HEAD:
            backup.create_backup(path, "before-migration")
    except PermissionError as exc:
        raise ReadOnlyLocationError(
            f"msgdesk cannot save your work in {path.parent} ({exc.strerror}). Ask IT for write "
            "access to the folder, or open a copy elsewhere with --db PATH."
        ) from exc
    except OSError as exc:
        raise backup.explain(exc, f"could not prepare {path}", path) from exc
    engine = create_engine(sqlite_url(path))
    _configure_sqlite(engine, path, "DELETE" if network else "WAL", after_approval)
    if found.revision != SCHEMA_HEAD:
        was_new = found.state.value == "new"
        _migrate_when_free(engine, path)
        found = db_health.inspect(path, full=False)
        if was_new:  # nothing to back up yet: say so to the caller
            found = db_health.Health(FileState.NEW, path, revision=found.revision, changes=found.changes)
    if os.name == "posix":
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    return engine, found


def open_sqlite_read_only(path: Path) -> tuple[Engine, db_health.Health]:
    """An engine that only reads ``path``, for a reading command where the folder cannot be
    written: nothing is created beside the file (no backup, lock, -wal or -shm) and the file
    is never migrated."""
    found = db_health.inspect(path)
    if not found.usable:
        raise backup.error_for(found)
    if found.state is FileState.NEW:
        raise ReadOnlyLocationError(
            f"There is no msgdesk database at {path}, and its folder is read-only, so none can be "
            "made there. Check the --db path."
        )
    if found.revision != SCHEMA_HEAD:
        raise ReadOnlyLocationError(
            f"{path} was saved by an older msgdesk and must be brought up to date before it is read, "
            "which needs write access to its folder. Your data has not been changed. Ask IT for write "
            "access, or copy the file somewhere writable and use --db PATH."
        )
    # With no -wal beside the file no writer is part-way through (and none can start one in a
    # folder nobody may write), so read it as immutable: SQLite then needs no -shm, which it
    # could not create here.  With a -wal, a normal read-only connection replays it.
    uri = db_health.ro_uri(path, immutable=not path.with_name(path.name + "-wal").exists())

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the "begin" event below owns transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # a deferred BEGIN: IMMEDIATE asks for the write lock, which a read-only file refuses
        connection.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        raise_typed(context.original_exception, path)

    return engine, found


#: How long opening waits for another msgdesk creating or upgrading the same file.
MIGRATION_WAIT_SECONDS = 30.0


def _migrate_when_free(engine: Engine, path: Path) -> None:
    """Migrate, minding other processes doing the same: msgdesk started twice at once on a
    new (or older) file both succeed.  SQLite may refuse a lock without waiting (to avoid a
    deadlock), and a process that read the schema's revision just before another upgraded it
    fails on the first step; either way, look at the revision again and go on from there."""
    deadline = time.monotonic() + MIGRATION_WAIT_SECONDS
    while True:
        before = _revision(path)
        try:
            _migrate(engine, path, sqlite=True)
            return
        except (DatabaseError, DBAPIError) as exc:
            now = _revision(path)
            if now == SCHEMA_HEAD:
                return  # another process finished it
            moved_on = now != before or isinstance(exc, DatabaseBusyError)
            if time.monotonic() >= deadline or not moved_on:
                raise
            time.sleep(0.2)


def _revision(path: Path) -> str | None:
    try:
        con = sqlite3.connect(db_health.ro_uri(path), uri=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _migrate(engine: Engine, where: Path | str, *, sqlite: bool) -> None:
    try:
        _upgrade(engine, sqlite)
    except (DatabaseError, DBAPIError, InputError):
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"could not bring {where} up to date: {exc}") from exc
    engine.dispose()  # new connections get the approval trigger on the new tables


# --- PostgreSQL -----------------------------------------------------------------------------


#: SQLSTATEs of a write the server refused for want of a privilege: insufficient_privilege,
#: and read_only_sql_transaction (a role with default_transaction_read_only, or a standby).
READ_ONLY_STATES = ("42501", "25006")


def _wants_password(sqlstate: str | None, reason: str) -> bool:
    """The server refused for want of the right password: 28P01 (invalid_password), or pg8000's
    own complaint that it was asked for one and had none."""
    return sqlstate == "28P01" or "no password was provided" in reason or "password authentication failed" in reason


def postgresql_engine(target: PostgresTarget, **options: Any) -> Engine:
    """An engine on ``target`` with its TLS and password (nothing checked or migrated):
    also for tests and tools that need a plain client.  Raises CaFileError for a bad
    sslrootcert."""
    # TLS and pgpass load only for a PostgreSQL database
    from msgdesk.store import pgpass, tls

    connect_args = tls.connect_args(target)
    if target.driver is PgDriver.PG8000:
        # libpq reads PGPASSWORD and pgpass itself; pg8000 does not.  No password at all is
        # sent as an empty one: pg8000 fails with an AttributeError on a server that asks for
        # one and gets None, while the server answers an empty one with its own "password
        # authentication failed" (28P01).  A server that asks for none ignores it.
        # (In the connect arguments: SQLAlchemy leaves an empty password out of a URL's.)
        connect_args["password"] = pgpass.find_password(target) or ""
        target = target.replace(password=None)
    return create_engine(target.engine_url(), connect_args=connect_args, **options)


def open_postgresql(target: PostgresTarget) -> tuple[Engine, str, bool]:
    """An engine on a PostgreSQL database, migrated to the current schema, with the
    database user the server authenticated and whether it may write.  A database holding
    other tables is refused untouched; one from a newer msgdesk too."""
    # the PostgreSQL driver and its TLS load only for a PostgreSQL database
    from msgdesk.store import pgerrors, pgpass, tls

    shown = target.describe()
    asked = "did not accept the one given" if pgpass.find_password(target) else "has none from msgdesk"
    engine = postgresql_engine(target, pool_pre_ping=True)
    if target.driver is PgDriver.PG8000:
        pgerrors.install(engine)
    can_write = {"yes": True}

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        original = context.original_exception
        secure = tls.explain(original, target)
        if secure is not None:
            raise secure from original
        reported = pgerrors.server_error(original)
        if reported is None:
            return
        _raise_guard(reported.message, original)
        if reported.sqlstate in READ_ONLY_STATES:
            if not can_write["yes"]:
                raise ReadOnlyDatabaseError(
                    f"You can read but not change this database ({shown}): your database user may only "
                    "read. Nothing was changed. Ask IT for an editor's login if you need to make changes."
                ) from original
            raise ReadOnlyDatabaseError(
                f"Your database user is not allowed to do this on {shown} ({reported.message}). "
                "Nothing was changed."
            ) from original
        if reported.sqlstate == "53100":  # disk_full
            raise db_health.storage_full(None) from original
        if _wants_password(reported.sqlstate, reported.message):
            raise PasswordRequiredError(
                f"msgdesk cannot use {shown}: the server asks for a password and {asked}. Give it when asked, "
                "or set PGPASSWORD or a pgpass file (see the IT guide)."
            ) from original
        if reported.sqlstate.startswith(("08", "57P", "28", "3D")):
            raise ServerUnavailableError(f"msgdesk cannot use {shown}: {reported.message}") from original

    try:
        with engine.connect() as con:
            tables = set(con.execute(text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )).scalars())
            revision = None
            owner = True
            if "alembic_version" in tables:
                revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
                owner = bool(con.execute(text(
                    "SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c "
                    "WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.alembic_version')"
                )).scalar())
            db_user = str(con.execute(text("SELECT session_user")).scalar())
            can_write["yes"] = "response" not in tables or bool(con.execute(text(
                "SELECT has_table_privilege('response', 'UPDATE') "
                "AND NOT current_setting('transaction_read_only')::boolean"
            )).scalar())
    except (InputError, ServerUnavailableError):
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        secure = tls.explain(exc, target)
        if secure is not None:
            raise secure from exc
        reported = pgerrors.server_error(exc)
        reason = reported.message if reported else str(getattr(exc, "orig", exc))
        if _wants_password(reported.sqlstate if reported else None, reason):
            raise PasswordRequiredError(
                f"msgdesk cannot use {shown}: the server asks for a password and {asked}. Give it when asked, "
                "or set PGPASSWORD or a pgpass file (see the IT guide)."
            ) from exc
        raise ServerUnavailableError(f"msgdesk cannot use {shown}: {reason}") from exc
    if tables and not (TABLES_0001 <= tables and revision is not None):
        engine.dispose()
        shown_tables = ", ".join(sorted(tables)[:6])
        raise ForeignDatabaseError(
            f"{shown} is not an msgdesk database (it holds other tables: {shown_tables}); "
            "msgdesk will not add its own tables to it. Ask IT for an empty database."
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise SchemaTooNewError(f"{shown} was written by a newer msgdesk (schema {revision}); "
                                "install the newer msgdesk")
    if revision != SCHEMA_HEAD:
        if not owner:
            engine.dispose()
            raise DatabaseError(
                f"{shown} is at schema {revision} and this msgdesk needs {SCHEMA_HEAD}; only the database's "
                "owner may upgrade it. Ask IT to open it once with the owner's login "
                "(msgdesk selfcheck --db URL) - see the IT guide."
            )
        _migrate(engine, shown, sqlite=False)
    return engine, db_user, can_write["yes"]
