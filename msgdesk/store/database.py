"""Opening the msgdesk database: SQLite with foreign keys, a WAL journal with
synchronous=FULL, explicit ``BEGIN IMMEDIATE`` transactions, and the schema
brought up to date by alembic on open (after a backup copy of the file).

Before anything is written, ``msgdesk.store.recovery`` checks the file: one that is
damaged, not a database or from a newer msgdesk is refused, untouched, with the newest
good backup named.  On a network drive the journal is a rollback journal instead of WAL.
An existing database is backed up on opening (if it changed since its newest backup) and
after every approval (``msgdesk.store.backup``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import weakref
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from msgdesk.errors import DatabaseError, SchemaTooNewError
# Opening an up-to-date file never loads alembic (it costs start-up time).
from msgdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD  # noqa: F401 (re-exported)


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"

log = logging.getLogger(__name__)

#: Things the user should be told about an opened database (e.g. it is on a network
#: drive), per engine: ``notices(engine)``.
_NOTICES: "weakref.WeakKeyDictionary[Engine, list[str]]" = weakref.WeakKeyDictionary()


def schema_revision(path: Path) -> str | None:
    """The alembic revision stored in ``path``; None for an empty or new file.

    Raises DatabaseError if the file is not an SQLite database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise DatabaseError(f"{path} is not an msgdesk database (it is not an SQLite file)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} cannot be read as a database: {exc}") from exc


def copy_database(source: Path, destination: Path) -> Path:
    """A consistent copy of ``source`` made with SQLite's backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _owner_only(destination)
    return destination


def _owner_only(path: Path) -> None:
    if os.name == "posix":
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass


def _create_empty(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _configure(engine: Engine, journal_mode: str = "WAL", path: Path | None = None) -> None:
    approvals = {"pending": False}

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy's "begin" event below own transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()
        _watch_approvals(dbapi_connection, approvals)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # pragma: no cover - exercised by every test
        # Take the write lock at the start, so two writers queue instead of
        # failing half-way through with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "rollback")
    def _on_rollback(_connection):
        approvals["pending"] = False

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, _record):
        # After the approving transaction committed and its connection came back.
        if approvals["pending"] and path is not None:
            approvals["pending"] = False
            _backup_after_approval(path)

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        raise_plain_error(context.original_exception, path)


def _watch_approvals(dbapi_connection, approvals: dict) -> None:
    """Temporary triggers that note an approval, so that a backup follows it whoever the
    writer is (the window, the command line, a future importer)."""

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
        dbapi_connection.execute(
            "CREATE TEMP TRIGGER IF NOT EXISTS msgdesk_backup_after_approved_import "
            "AFTER INSERT ON main.evaluation_round WHEN NEW.status = 'approved' "
            "BEGIN SELECT msgdesk_round_approved(); END"
        )
    except sqlite3.OperationalError:
        pass  # no tables yet: the engine is reopened after the first migration


def _backup_after_approval(path: Path) -> None:
    from msgdesk.store.backup import create_backup

    try:
        create_backup(path, "approval")
    except Exception as exc:  # the approval itself is saved; say so in the log
        log.warning("backup after approval failed: %s", exc)


def raise_plain_error(exc: BaseException, path: Path | None) -> None:
    """Re-raise SQLite's disk-full, read-only and busy errors as plain-words DatabaseErrors."""
    from msgdesk.store import recovery

    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "database or disk is full" in text or "disk i/o error" in text and _disk_full(path):
        raise recovery.StorageFullError(
            f"The disk is full{where}: your last change was not saved, and everything saved "
            "before it is safe. Free some space, then make the change again."
        ) from exc
    if "readonly database" in text or "read-only" in text:
        raise recovery.ReadOnlyLocationError(
            f"msgdesk cannot save to the database{where}: the file or its folder is read-only. "
            "Your data has not been changed. Ask IT for write access, or open a copy elsewhere "
            "with --db PATH."
        ) from exc
    if "database is locked" in text:
        raise DatabaseError(
            f"The database{where} is busy: another msgdesk is saving to it. Nothing was changed; "
            "try again in a moment."
        ) from exc


def _disk_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        usage = os.statvfs(path.parent) if hasattr(os, "statvfs") else None
    except OSError:
        return False
    return bool(usage and usage.f_bavail * usage.f_frsize < 64 * 1024)


def notices(engine: Engine) -> list[str]:
    """What the user should be told about this database (e.g. it is on a network drive)."""
    return list(_NOTICES.get(engine, ()))


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_path_for_migration(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-migration-from-{revision or 'none'}-{stamp}{path.suffix}")


def open_database(path: str | os.PathLike[str], *, backup_on_open: bool = True) -> Engine:
    """Open (creating if needed) the database at ``path`` and migrate it.

    Raises (``msgdesk.store.recovery``) NotADatabaseError, DamagedDatabaseError or
    SchemaTooNewError for a file it must not touch, naming the newest good backup, and
    ReadOnlyLocationError if nothing could be saved there.  An existing database is
    backed up first unless it is unchanged since its newest backup (``backup_on_open``).
    """
    from msgdesk.store import recovery

    path = Path(path)
    health = recovery.inspect(path)
    if not health.usable:
        raise recovery.error_for(health)
    recovery.check_writable(path)
    revision = health.revision
    is_new = health.kind == "new"
    on_network = recovery.is_network_path(path)
    try:
        if is_new:
            _create_empty(path)
        elif revision != SCHEMA_HEAD:
            copy_database(path, backup_path_for_migration(path, revision))
    except PermissionError as exc:
        raise recovery.ReadOnlyLocationError(
            f"msgdesk cannot save your work in {path.parent} ({exc.strerror}). Ask IT for write "
            "access to the folder, or open a copy elsewhere with --db PATH."
        ) from exc
    except OSError as exc:
        raise DatabaseError(f"could not prepare {path}: {exc}") from exc
    engine = create_engine(f"sqlite:///{path}")
    _configure(engine, "DELETE" if on_network else "WAL", path)
    if revision != SCHEMA_HEAD:
        try:
            _upgrade(engine)
        except DatabaseError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            raise DatabaseError(f"could not bring {path} up to date: {exc}") from exc
        engine.dispose()  # new connections get the approval triggers on the new tables
    _owner_only(path)
    _NOTICES[engine] = [recovery.NETWORK_NOTICE] if on_network else []
    if on_network:
        log.warning("%s is on a network drive: using a rollback journal", path)
    if backup_on_open and not is_new:
        from msgdesk.store.backup import backup_if_changed

        backup_if_changed(path, "open")
    return engine
