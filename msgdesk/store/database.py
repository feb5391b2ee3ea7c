"""Opening the msgdesk database: SQLite with foreign keys, a WAL journal with
synchronous=FULL, explicit ``BEGIN IMMEDIATE`` transactions, and the schema
brought up to date by alembic on open (after a backup copy of the file).
"""

from __future__ import annotations

import os
import sqlite3
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


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy's "begin" event below own transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # pragma: no cover - exercised by every test
        # Take the write lock at the start, so two writers queue instead of
        # failing half-way through with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")


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


def open_database(path: str | os.PathLike[str]) -> Engine:
    """Open (creating if needed) the database at ``path`` and migrate it."""
    path = Path(path)
    revision = schema_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of msgdesk (schema {revision}); "
            "this version cannot open it without risking your data. Install the newer msgdesk."
        )
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        _create_empty(path)
    elif revision != SCHEMA_HEAD:
        copy_database(path, backup_path_for_migration(path, revision))
    engine = create_engine(f"sqlite:///{path}")
    _configure(engine)
    if revision != SCHEMA_HEAD:
        try:
            _upgrade(engine)
        except Exception as exc:
            engine.dispose()
            raise DatabaseError(f"could not bring {path} up to date: {exc}") from exc
    _owner_only(path)
    return engine
