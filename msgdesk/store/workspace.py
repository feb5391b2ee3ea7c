"""The one way into msgdesk's data.

A ``Workspace`` is opened from a file path (SQLite) or a ``postgresql://`` URL, built once
by whoever starts msgdesk (the window, a command, a test) and handed to everything that
needs the data.  It owns the engine, the template, the single-instance lock, backups and
the fast read used for the window's first paint; inside it the repositories per area
(``rounds``, ``tracking``) do the work, one short transaction per call.

Nothing heavy is imported until it is needed: the window paints from ``quick_snapshot``
(the standard library's sqlite3) and SQLAlchemy comes in with the first real use.

The flow of an edit: a widget's change → ``ui.session.RoundSession`` → a repository method
here → one transaction → the database (its guards refuse what is not allowed, with a
typed error) → the session updates its snapshot and emits a signal for the views.
"""

from __future__ import annotations

import os
from pathlib import Path

from msgdesk.domain.core_errors import InputError  # not errors' 22 others (issue 22)
from msgdesk.domain.core_states import Backend, FileState, OpenMode  # not states' 17 other enums
from msgdesk.domain.template import Template, load_template
from msgdesk.store.target import DatabaseTarget, PostgresTarget, SqliteTarget, parse_target

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True):
#: ``msgdesk list`` and ``export --json`` load no typing (issue 22).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from msgdesk.store.backup import BackupInfo, RestoreResult
    from msgdesk.store.comparison_reads import ComparisonReads
    from msgdesk.store.contributions import ContributionsRepository
    from msgdesk.store.directions import DirectionsRepository
    from msgdesk.store.groups import GroupsRepository
    from msgdesk.store.live import ChangeListener
    from msgdesk.store.lock import InstanceLock
    from msgdesk.store.reads import RoundReads, SqliteReader
    from msgdesk.store.rounds import RoundsRepository
    from msgdesk.store.snapshot import RoundListing, RoundSnapshot
    from msgdesk.store.tracking import TrackingRepository

NETWORK_NOTICE = (
    "Your database is on a network drive. msgdesk keeps it safe there by saving each change "
    "straight to the file (a rollback journal), which is a little slower. For speed, keep it "
    "on this computer's own disk, or ask IT for a shared PostgreSQL database."
)


READ_ONLY_FOLDER_NOTICE = (
    "The database's folder is read-only: it was opened for reading only, and no backup of it "
    "was taken on opening."
)


READ_ONLY_NOTICE = (
    "You can read but not change this database: your database user may only read. "
    "Ask IT for an editor's login if you need to make changes."
)


def login_name() -> str:
    # why: getpass brings termios; asked for the first change's author, not for a read
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        return ""


class Workspace:
    """msgdesk's data at one place.  ``Workspace.open(where)`` opens it at once;
    ``Workspace(target)`` opens it on first use."""

    def __init__(self, target: DatabaseTarget | str | os.PathLike[str], *, template: Template | None = None,
                 user: str | None = None, backup_on_open: bool = True, reads_only: bool = False):
        self.target: DatabaseTarget = (
            target if isinstance(target, (SqliteTarget, PostgresTarget)) else parse_target(os.fspath(target))
        )
        self.template = template or load_template()
        self._user: str | None = user  # the login name is looked up when first asked: a read needs none
        self.backup_on_open = backup_on_open
        #: The caller only reads (export, list…): a folder it cannot write is opened read-only
        #: instead of refused (OpenMode).
        self.reads_only = reads_only
        self.notices: list[str] = []
        self._engine: Engine | None = None
        self._rounds: RoundsRepository | None = None
        self._tracking: TrackingRepository | None = None
        self._contributions: ContributionsRepository | None = None
        self._groups: GroupsRepository | None = None
        self._directions: DirectionsRepository | None = None
        self._lock: InstanceLock | None = None
        #: A reading caller's standard-library reader on an SQLite file (``_open_reader``).
        self._reader: SqliteReader | None = None
        #: On PostgreSQL, the user the server authenticated (``session_user``) and whether it
        #: may write; known once open.
        self.db_user: str | None = None
        self.read_only = False
        #: This workspace's id in the change notes of a shared database (its own are skipped).
        self.origin = os.urandom(8).hex()
        self._listeners: list[ChangeListener] = []

    @classmethod
    def open(cls, where: DatabaseTarget | str | os.PathLike[str], **options: object) -> Workspace:
        workspace = cls(where, **options)  # type: ignore[arg-type]
        workspace.ensure_open()
        return workspace

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- what it is ----------------------------------------------------------------------------

    @property
    def backend(self) -> Backend:
        return self.target.backend

    @property
    def path(self) -> Path | None:
        """The SQLite file; None for PostgreSQL."""
        return self.target.path if isinstance(self.target, SqliteTarget) else None

    def describe(self) -> str:
        """Where the data is, for messages ("the SQLite file …"); never a password."""
        return self.target.describe()

    @property
    def key(self) -> str:
        """A stable name for this database, for settings (the last round opened)."""
        return str(self.target.path) if isinstance(self.target, SqliteTarget) else self.target.to_url()

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    # --- opening ------------------------------------------------------------------------------

    def ensure_open(self) -> None:
        if self._engine is not None or self._reader is not None:
            return
        if self.reads_only and isinstance(self.target, SqliteTarget) and self._open_reader(self.target.path):
            return
        self._open_engine()

    def prepare_writes(self) -> None:
        """Load what the first write needs, ahead of it: the repository's module (SQLAlchemy's
        ORM and msgdesk's mapped tables) and the mappers' configuration.  ensure_open leaves
        them out, so that the store is open sooner after the first paint; without this the
        officer's first rating or keystroke of evidence would wait for them (~0.15-0.2 s).
        The window calls it in idle time once the store is open; nothing for a reader."""
        if self._engine is None or self.read_only:
            return
        self.rounds  # noqa: B018  (the property imports msgdesk.store.rounds and builds the repository)
        # the ORM is loaded by the line above; configured now rather than at the first write's query
        from sqlalchemy.orm import configure_mappers

        configure_mappers()

    def _open_reader(self, path: Path) -> bool:
        """For a caller that only reads an SQLite file: the store's checks on opening (the
        file's health and schema, its remembered good check, the backup on opening) done
        with the standard library, and a ``sqlite3`` reader instead of SQLAlchemy, which
        costs a command ten times its reads.  False when the file is new or from an older
        msgdesk: the store opens it (creating or migrating it) as before."""
        from msgdesk.store import health  # SQLite's own checks: no SQLAlchemy
        from msgdesk.store.reads import SqliteReader  # the shared reads, through sqlite3
        from msgdesk.store.schema import SCHEMA_HEAD  # the schema this msgdesk reads

        read_only_folder = health.mode_for(path, reads_only=True) is OpenMode.READ_ONLY
        # the connection that checks the file is kept to read through (one schema parse)
        found, checked = health.inspect_to_read(path)
        current = found.state is FileState.OK and found.revision == SCHEMA_HEAD
        if checked is not None and (not current or read_only_folder):
            checked.close()  # not read through: the store opens the file, or it is read as immutable
            checked = None
        if not found.usable:
            # a damaged, foreign or newer file: the same refusal as the store's, untouched
            from msgdesk.store.backup import error_for

            raise error_for(found)
        if not current:
            return False
        if read_only_folder:
            self.read_only = True
            self.notices = [READ_ONLY_FOLDER_NOTICE]
            # as open_sqlite_read_only: no -wal means no writer part-way through, and the
            # immutable read needs no -shm, which it could not create in this folder
            self._reader = SqliteReader(path, immutable=not path.with_name(path.name + "-wal").exists())
            return True
        from msgdesk.store.network import is_network_path  # the notice the store gives too

        health.remember_good_check(found)
        self.notices = [NETWORK_NOTICE] if is_network_path(path) else []
        if self.backup_on_open and not health.newest_backup_at(path, found.changes):
            # the backup on opening, as the store takes it (it never raises); an unchanged
            # file, whose newest backup is remembered at its counter, loads no backup module
            from msgdesk.store.backup import backup_if_changed

            backup_if_changed(path, found.changes, "open")
        self._reader = SqliteReader(path, connection=checked)
        return True

    def _open_engine(self) -> None:
        if self._engine is not None:
            return
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store import database

        if isinstance(self.target, SqliteTarget):
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store import backup, health
            from msgdesk.store.network import is_network_path

            path = self.target.path
            if health.mode_for(path, reads_only=self.reads_only) is OpenMode.READ_ONLY:
                self._engine, _found = database.open_sqlite_read_only(path)
                self.read_only = True
                self.notices = [READ_ONLY_FOLDER_NOTICE]
                return
            network = is_network_path(path)
            engine, found = database.open_sqlite(path, network=network, after_approval=self._after_approval)
            health.remember_good_check(found)
            self.notices = [NETWORK_NOTICE] if network else []
            if network:
                # why: logging loads when something is logged (msgdesk.cli.logs): list and export log nothing
                import logging

                logging.getLogger(__name__).warning("%s is on a network drive: using a rollback journal", path)
            self._engine = engine
            # (a reader opened first has taken the backup on opening already)
            if self.backup_on_open and found.state.value == "ok" and self._reader is None:
                backup.backup_if_changed(path, found.changes, "open")
        else:
            # listening for other officers' edits: PostgreSQL only
            from msgdesk.store import live

            self._engine, self.db_user, writable = database.open_postgresql(self.target)
            live.announce(self._engine, self.origin)  # other windows see this one's edits
            self.read_only = not writable
            if self.read_only:
                self.notices = [READ_ONLY_NOTICE]

    @property
    def reads(self) -> RoundReads:
        """The reads of rounds (list, find, load): through the standard library's sqlite3
        when this workspace only reads an SQLite file, else through the store's engine.
        The same queries either way (``msgdesk.store.reads``)."""
        self.ensure_open()
        if self._reader is not None:
            # the shared reads, without SQLAlchemy
            from msgdesk.store.reads import RoundReads

            return RoundReads(self._reader, self.template)
        return self.rounds.reads

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for the repositories and for tests that check the schema."""
        self._open_engine()
        assert self._engine is not None
        return self._engine

    def listen_for_changes(self) -> ChangeListener | None:
        """A listener for other officers' edits (PostgreSQL; None on SQLite)."""
        if self.backend is not Backend.POSTGRESQL:
            return None
        # listening for other officers' edits: PostgreSQL only
        from msgdesk.store.live import ChangeListener

        listener = ChangeListener(self.engine, self.origin)
        self._listeners.append(listener)  # closed with the workspace: its connection is its own
        return listener

    @property
    def rounds(self) -> RoundsRepository:
        if self._rounds is None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.rounds import RoundsRepository
            from msgdesk.store.session import Transactions

            self._rounds = RoundsRepository(Transactions(self.engine), self.template, lambda: self.user)
        return self._rounds

    @property
    def tracking(self) -> TrackingRepository:
        if self._tracking is None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.session import Transactions
            from msgdesk.store.tracking import TrackingRepository

            self._tracking = TrackingRepository(Transactions(self.engine), self.template, self.user)
        return self._tracking

    @property
    def directions(self) -> DirectionsRepository:
        if self._directions is None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.directions import DirectionsRepository
            from msgdesk.store.session import Transactions

            self._directions = DirectionsRepository(Transactions(self.engine), self.user)
        return self._directions

    @property
    def contributions(self) -> ContributionsRepository:
        """Contribution packs, merging their replies, conflicts, and each proposal's history."""
        if self._contributions is None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.contributions import ContributionsRepository
            from msgdesk.store.session import Transactions

            self._contributions = ContributionsRepository(Transactions(self.engine), self.template, lambda: self.user)
        return self._contributions

    @property
    def user(self) -> str:
        """Who is making the changes (recorded with each one): the name the window asked for,
        else the login name.  On PostgreSQL the database user the server authenticated is
        recorded with it, "Ann Smith (asmith)", when the two differ: a typed name proves
        nothing, the login does."""
        if self._user is None:
            self._user = login_name()
        db_user = getattr(self, "db_user", None)
        if db_user and self._user != db_user and not self._user.endswith(f" ({db_user})"):
            return f"{self._user} ({db_user})" if self._user else db_user
        return self._user

    @user.setter
    def user(self, name: str) -> None:
        db_user = getattr(self, "db_user", None)
        if db_user and name.endswith(f" ({db_user})"):
            name = name[: -len(f" ({db_user})")]
        self._user = name
        tracking = getattr(self, "_tracking", None)  # None while __init__ runs
        if tracking is not None:
            tracking.author = self.user

    @property
    def comparisons(self) -> ComparisonReads:
        """The reads that compare partnerships' returns (and the groups there are): through
        the standard library's sqlite3 when this workspace only reads an SQLite file
        (``msgdesk collate``), else through the store's engine.  The same queries either
        way (``msgdesk.store.comparison_reads``)."""
        self.ensure_open()
        if self._reader is not None:
            # the shared reads, without SQLAlchemy
            from msgdesk.store.comparison_reads import ComparisonReads

            return ComparisonReads(self._reader, self.template)
        return self.groups

    @property
    def groups(self) -> GroupsRepository:
        """Comparator groups, and the reads that compare partnerships' returns."""
        if self._groups is None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.groups import GroupsRepository
            from msgdesk.store.session import Transactions

            self._groups = GroupsRepository(Transactions(self.engine), self.template)
        return self._groups

    def _let_go(self) -> None:
        """Close the engine's connections and forget the repositories built on it."""
        for listener in self._listeners:
            listener.close()
        self._listeners = []
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self._rounds = self._tracking = self._contributions = self._groups = self._directions = None

    def close(self) -> None:
        """Let go of the database (the lock too); the workspace can be opened again."""
        self._let_go()
        self.release_lock()

    def reopen(self) -> None:
        """Open afresh (after a restore replaced the file under us)."""
        self._let_go()
        self.ensure_open()

    # --- one msgdesk per SQLite file --------------------------------------------------------------

    def acquire_lock(self, wait_seconds: float = 0.0) -> None:
        """Hold the single-instance lock (SQLite only: on PostgreSQL officers share the
        database, and row versions keep their saves apart).  Waits up to ``wait_seconds``
        for another msgdesk to let go, then raises AlreadyOpenError."""
        if self.path is None or (self._lock is not None and self._lock.held):
            return
        import time

        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.domain.errors import AlreadyOpenError
        from msgdesk.store.lock import InstanceLock

        lock = InstanceLock(self.path)
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                self._lock = lock.acquire()
                return
            except AlreadyOpenError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.1)

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- the fast read for the first paint ----------------------------------------------------------

    def is_current(self) -> bool:
        """True if the database needs no migration (so the fast read can be used)."""
        if self.path is None:
            return self.is_open
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.snapshot import is_current

        return is_current(self.path)

    def quick_snapshot(self, round_id: int) -> RoundSnapshot | None:
        """Round ``round_id`` as the window holds it; None if it is not there.  Before the
        engine is open this reads with the standard library only (half a second sooner)."""
        if self.path is not None and not self.is_open:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.snapshot import load_snapshot

            return load_snapshot(self.path, round_id)
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.domain.errors import NotFoundError

        try:
            return self.rounds.snapshot(round_id)
        except NotFoundError:
            return None

    def quick_listings(self) -> list[RoundListing]:
        """Every round (for the start page), cheaply."""
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.snapshot import RoundListing, list_round_listings

        if self.path is not None and not self.is_open:
            return list_round_listings(self.path)
        return [RoundListing(s.round.id, s.round.partnership, s.round.label, s.round.status)
                for s in self.rounds.list_rounds()]

    # --- backups ------------------------------------------------------------------------------------

    def _after_approval(self) -> None:
        if self.path is None:
            return
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.backup import create_backup

        try:
            create_backup(self.path, "approval")
        except Exception as exc:  # the approval itself is saved; say so in the log
            # why: logging loads when something is logged (msgdesk.cli.logs)
            import logging

            logging.getLogger(__name__).warning("backup after approval failed: %s", exc)

    def backup_now(self, out: str | os.PathLike[str] | None = None) -> BackupInfo:
        """A checked backup: of the SQLite file (into the backups folder, or ``out``), or
        on PostgreSQL a portable archive of every round, its history and events to ``out``."""
        if self.path is not None:
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.backup import create_backup

            return create_backup(self.path, "manual", out=out)
        if out is None:
            raise InputError("on a shared PostgreSQL database, say where to write the archive: msgdesk backup OUT.json")
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.archive import write_archive

        return write_archive(self, Path(out))

    def list_backups(self) -> list[BackupInfo]:
        if self.path is None:
            return []
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.backup import list_backups

        return list_backups(self.path)

    def restore(self, source: str | os.PathLike[str], *, force: bool = False) -> RestoreResult:
        """Go back to a backup (or load an archive).  The caller holds the lock; the
        workspace reopens afterwards."""
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.archive import is_archive

        source = Path(source)
        if is_archive(source):
            # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
            from msgdesk.store.archive import restore_archive

            return restore_archive(self, source, force=force)
        if self.path is None:
            raise InputError(f"{source} is an SQLite backup; a PostgreSQL database takes an archive "
                             "(msgdesk backup OUT.json writes one)")
        # the store (SQLAlchemy) loads on first use: the window paints from the fast read first
        from msgdesk.store.backup import restore_backup

        self._let_go()
        result = restore_backup(self.path, source, force=force)
        backup_on_open, self.backup_on_open = self.backup_on_open, False
        try:
            self.ensure_open()  # brings an older backup up to date
        finally:
            self.backup_on_open = backup_on_open
        return result
