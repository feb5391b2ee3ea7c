"""What a database file holds, found before msgdesk writes to it, through SQLite only.

``inspect(path)`` says whether a file is new, a healthy msgdesk database, damaged, not a
database, another application's database, or from a newer msgdesk.  It never opens the
database (or its -wal/-shm) with anything but SQLite: in a process that holds SQLite
connections, closing any other descriptor of the file drops SQLite's POSIX locks, and
another process may then delete the WAL under our feet (STYLE.md, "Lessons").  Only a file
SQLite itself refuses as "not a database" has its first bytes read, to tell a file cut
short from a foreign one; no connection can be holding such a file.

Damage is looked for with ``PRAGMA integrity_check`` (``quick_check`` misses index damage)
whenever the file may have changed since its last good check; a small record beside the
backups (``CheckRecord``) says what the file looked like then.  A file that has not changed
since is not read again at every opening.

``msgdesk.store.backup.error_for(health)`` turns a bad result into a plain-words error that
names the newest good backup; the file itself is never modified.  Nothing here imports Qt
or SQLAlchemy.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from msgdesk.domain.core_errors import DatabaseError, ReadOnlyLocationError, StorageFullError  # not errors' 22 others
from msgdesk.domain.core_states import FileState, OpenMode, open_mode  # not states' 17 other enums
from msgdesk.domain.record import NamedTuple
from msgdesk.store.schema import APPLICATION_ID, KNOWN_REVISIONS, TABLES_0001

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Beside the database: its backups, and the record of its last full check (here, because a
#: check reads the folder to tell an emptied file with backups from a new one).
BACKUP_FOLDER = "backups"


def backup_folder(db_path: str | os.PathLike[str]) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


#: Below this much free space a failing write is put down to a full disk.
FULL_DISK_BYTES = 256 * 1024
_SQLITE_FULL, _SQLITE_CORRUPT, _SQLITE_NOTADB = 13, 11, 26


class Health(NamedTuple):
    """What ``inspect`` found.  (A NamedTuple, as ``CheckRecord``: cheap to create at import.)"""

    state: FileState
    path: Path
    detail: str = ""
    revision: str | None = None
    #: ``store_meta.changes`` (None before schema 0002): how many changes the file has seen.
    changes: int | None = None
    #: Whether ``integrity_check`` (rather than nothing) vouched for the file just now.
    checked_fully: bool = False
    #: What the file looked like when it was checked (kept by ``remember_good_check``).
    record: CheckRecord | None = None

    @property
    def usable(self) -> bool:
        return self.state.usable


def ro_uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only SQLite URI for ``path``; ``as_uri`` escapes ``?``, ``%`` and ``#``."""
    return path.absolute().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


# --- the record of the last good check ---------------------------------------------------------


class CheckRecord(NamedTuple):
    """What a file looked like when ``integrity_check`` last found it whole.  (A NamedTuple,
    not a frozen dataclass: a tenth of the cost to create at import, on every command.)"""

    changes: int | None
    schema_version: int
    size: int
    mtime_ns: int
    wal_size: int
    wal_mtime_ns: int


def _record_path(path: Path) -> Path:
    return backup_folder(path) / f".{path.name}.checked.json"


def _stat_pair(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return 0, 0
    return st.st_size, st.st_mtime_ns


def current_record(path: Path, changes: int | None, schema_version: int) -> CheckRecord:
    size, mtime = _stat_pair(path)
    wal_size, wal_mtime = _stat_pair(path.with_name(path.name + "-wal"))
    if wal_size == 0:  # an empty WAL, left by a reader, holds nothing
        wal_mtime = 0
    return CheckRecord(changes, schema_version, size, mtime, wal_size, wal_mtime)


def read_record(path: Path) -> CheckRecord | None:
    try:
        return CheckRecord(**json.loads(_record_path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def write_record(path: Path, record: CheckRecord) -> None:
    """Remember a good check; failing to (a read-only folder) only costs a check next time."""
    target = _record_path(path)
    partial = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(record._asdict()), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        try:  # a full disk: leave nothing half-written behind
            partial.unlink()
        except OSError:
            pass


# --- inspecting ---------------------------------------------------------------------------------


def _has_backups(path: Path) -> bool:
    # The backups' one listing (zips, and the plain .db backups of earlier versions): a
    # pattern of its own here once missed the zips, and an emptied file was made anew.
    return bool(backup_files(path))


def disk_is_full(path: Path) -> bool:
    probe = path if path.is_dir() else path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        usage = os.statvfs(probe) if hasattr(os, "statvfs") else None
    except OSError:
        return False
    return bool(usage and usage.f_bavail * usage.f_frsize < FULL_DISK_BYTES)


def storage_full(path: Path | None) -> StorageFullError:
    where = f" ({path.parent})" if path else ""
    error = StorageFullError(
        f"The disk is full{where}: nothing was changed, and everything saved before is safe. "
        "Free some space (empty the recycle bin, move large files), then try again."
    )
    error.path = path
    return error


def _not_a_database(path: Path, size: int) -> Health:
    # SQLite refused the file, so no connection of ours holds it: reading bytes is safe.
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return Health(FileState.DAMAGED, path, f"it cannot be read ({exc.strerror or exc})")
    if head and SQLITE_MAGIC.startswith(head):
        return Health(FileState.DAMAGED, path, f"the file is cut short or its header is damaged ({size} bytes)")
    return Health(FileState.NOT_DATABASE, path, "it is not an SQLite database file")


def inspect(path: str | os.PathLike[str], *, full: bool | None = None) -> Health:
    """What ``path`` holds, reading only.  ``full``: True always runs ``integrity_check``,
    False never does, None (the default) runs it when the file changed since its last
    good check.  Raises StorageFullError when the disk is too full to read it."""
    return _inspect(Path(path), full, keep=False)[0]


def inspect_to_read(path: Path) -> tuple[Health, sqlite3.Connection | None]:
    """``inspect(path)``, and for a healthy file read through SQLite's locks (someone has
    used it: a -wal, -shm or -journal is beside it) the read-only connection that checked
    it, left open for the caller to read through (``msgdesk.store.reads.SqliteReader``):
    SQLite parses the 77 KB schema once per connection, 2-3 ms that ``msgdesk list`` would
    otherwise pay twice.  Handing it on is safe: it is the connection the reader would open
    (the same read-only URI and busy timeout), its check's transaction is ended before it is
    returned, so the caller's first read begins a snapshot of its own, and SQLite itself
    re-reads the schema whenever the file's schema has changed since.  None for any other
    result, or when the file was read as immutable (without locks: not for reading on)."""
    return _inspect(path, None, keep=True)


def _inspect(path: Path, full: bool | None, *, keep: bool) -> tuple[Health, sqlite3.Connection | None]:
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return Health(FileState.NEW, path), None
    except OSError as exc:
        return Health(FileState.DAMAGED, path, f"it cannot be read ({exc.strerror or exc})"), None
    if path.is_dir():
        return Health(FileState.NOT_DATABASE, path, "it is a folder, not a file"), None
    if size == 0:
        if _has_backups(path):
            return Health(FileState.DAMAGED, path, "the file is empty, although backups of it exist"), None
        return Health(FileState.NEW, path), None
    # With no -wal, -shm or -journal beside the file nobody is using it and nothing is
    # left to replay: read it as immutable, which creates no -wal/-shm beside a file that
    # may be damaged or foreign.  Otherwise a normal read-only connection takes SQLite's
    # locks.  (Either way SQLite keeps its own POSIX locks of other connections intact.)
    quiet = not _journal_present(path)
    found, con = _inspect_with(path, size, full, immutable=quiet, keep=keep and not quiet)
    if found.state is FileState.DAMAGED and quiet and _journal_present(path):
        # Another process began writing while we read without locks: look again, properly.
        found, con = _inspect_with(path, size, full, immutable=False, keep=keep)
    return found, con


def _journal_present(path: Path) -> bool:
    return any(os.path.exists(str(path) + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _inspect_with(path: Path, size: int, full: bool | None, *, immutable: bool,
                  keep: bool) -> tuple[Health, sqlite3.Connection | None]:
    try:
        # isolation_level None: the check's transaction is its explicit BEGIN, as the reader's
        # are (a connection kept open is then the reader's, see inspect_to_read)
        con = sqlite3.connect(ro_uri(path, immutable=immutable), uri=True, isolation_level=None,
                              check_same_thread=False)
    except sqlite3.Error as exc:
        return _failed(path, size, exc), None
    kept = False
    try:
        found = _classify(con, path, size, full)
        if keep and found.state is FileState.OK:
            con.execute("ROLLBACK")  # the check read only; the reader begins its own snapshot
            kept = True
            return found, con
        return found, None
    except sqlite3.Error as exc:
        return _failed(path, size, exc), None
    finally:
        if not kept:
            con.close()


def _failed(path: Path, size: int, exc: sqlite3.Error) -> Health:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_NOTADB:
        return _not_a_database(path, size)
    if code == _SQLITE_CORRUPT:
        return Health(FileState.DAMAGED, path, f"SQLite found damage ({exc})")
    if code == _SQLITE_FULL or disk_is_full(path):
        raise storage_full(path) from exc
    # Anything else (permissions, a lock held too long) is not damage: say what it is.
    error = DatabaseError(f"{path} cannot be read just now ({exc}). It has not been changed.")
    error.path = path
    raise error from exc


def _classify(con: sqlite3.Connection, path: Path, size: int, full: bool | None) -> Health:
    # Stat first, then read in one transaction: a write in between makes the record look
    # older than the content checked, which only costs a check next time.
    before = current_record(path, None, 0)
    con.execute("BEGIN")
    application_id = con.execute("PRAGMA application_id").fetchone()[0]
    schema_version = con.execute("PRAGMA schema_version").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith("sqlite_")}
    if not tables and application_id == 0:
        return Health(FileState.NEW, path, "an empty SQLite database")
    ours = application_id == APPLICATION_ID
    if not ours and (application_id != 0 or not TABLES_0001 <= tables):
        shown = ", ".join(sorted(tables)[:6]) + ("…" if len(tables) > 6 else "")
        return Health(FileState.FOREIGN, path,
                      f"it is a database of another application (tables: {shown or 'none'})")
    revision = None
    if "alembic_version" in tables:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    if revision is None:
        return Health(FileState.DAMAGED, path, "it has msgdesk's tables but no schema version")
    if revision not in KNOWN_REVISIONS:
        return Health(FileState.TOO_NEW, path, f"it was written by a newer msgdesk (schema {revision})", revision)
    changes = None
    if "store_meta" in tables:
        row = con.execute("SELECT changes FROM store_meta WHERE id = 1").fetchone()
        changes = row[0] if row else None
    now = CheckRecord(changes, schema_version, before.size, before.mtime_ns, before.wal_size, before.wal_mtime_ns)
    if full is None:
        full = read_record(path) != now
    if full:
        problems = [row[0] for row in con.execute("PRAGMA integrity_check(20)").fetchall()]
        if problems != ["ok"]:
            return Health(FileState.DAMAGED, path, "SQLite's check found damage: " + "; ".join(problems[:3]))
    return Health(FileState.OK, path, revision=revision, changes=changes, checked_fully=bool(full), record=now)


def remember_good_check(health: Health) -> None:
    """After a full check passed, note what the file looked like then."""
    if health.state is FileState.OK and health.checked_fully and health.record is not None:
        write_record(health.path, health.record)


# --- explaining ---------------------------------------------------------------------------------


def mode_for(path: Path, *, reads_only: bool) -> OpenMode:
    """``open_mode`` for the real file and folder (``os.access`` also answers EROFS for a
    read-only mount, where chmod would not stop root)."""
    folder = path.parent
    folder_writable = not folder.exists() or os.access(folder, os.W_OK)
    file_writable = not path.exists() or os.access(path, os.W_OK)
    return open_mode(reads_only=reads_only, folder_writable=folder_writable, file_writable=file_writable)


def check_writable(path: Path) -> None:
    """Raise ReadOnlyLocationError if msgdesk could not save in ``path``'s folder."""
    folder = path.parent
    problem = None
    if folder.exists() and not os.access(folder, os.W_OK):
        problem = f"the folder {folder} is read-only"
    elif path.exists() and not os.access(path, os.W_OK):
        problem = f"the file {path} is read-only"
    if problem:
        error = ReadOnlyLocationError(
            f"msgdesk cannot save your work: {problem}. Your data has not been changed. "
            "Ask IT for write access to the folder, or open a copy elsewhere with --db PATH."
        )
        error.path = path
        raise error


# --- the backups' names (msgdesk.store.backup writes them) ---------------------------------

#: A backup's file name: the database's stem, when, a counter within the second, why.
BACKUP_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.(?P<ext>zip|db)$"
)


def parse_backup_name(path: Path, stem: str) -> tuple[datetime, int, str] | None:
    match = BACKUP_NAME.match(path.name)
    if not match or match["stem"] != stem:
        return None
    stamp = match["stamp"]  # eight digits, "-", six digits (the pattern says so)
    try:
        # as strptime("%Y%m%d-%H%M%S") reads it, without loading _strptime (2 ms of every opening)
        created = datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
                           int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]))
    except ValueError:  # a 13th month, a 61st second
        return None
    return created, int(match["n"] or 1), match["reason"]


def backup_files(db_path: Path) -> list[tuple[datetime, int, str, Path]]:
    """(created, n, reason, path), newest first.  Plain ``.db`` backups of earlier
    versions of msgdesk are listed too."""
    folder = backup_folder(db_path)
    # The names that begin "<stem>-", listed by scandir: a glob (``<stem>-*``) compiled a
    # pattern on every opening (fnmatch, re: ~1M instructions of list's ~150M), and read a
    # stem holding "[" or "*" as a pattern.
    prefix = f"{db_path.stem}-"
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if entry.name.startswith(prefix)]
    except OSError:  # no folder, or one that cannot be listed: no backups known (as glob found none)
        return []
    found = []
    for name in names:
        path = folder / name
        parsed = parse_backup_name(path, db_path.stem)
        if parsed:
            found.append((*parsed, path))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found


# --- the newest backup's change counter, remembered --------------------------------------------
# The backup on opening is skipped when the newest backup was taken at the file's current
# change counter.  That counter is in the backup's zip; reading it there costs every opening
# the zip module and the zip.  So msgdesk.store.backup.backup_if_changed remembers it here
# with the backup's name, and the record is believed only while it names the newest backup:
# a backup made, pruned or restored since makes it stale, and the zip is read again.


def _newest_backup_record_path(path: Path) -> Path:
    return backup_folder(path) / f".{path.name}.newest-backup.json"


def remember_newest_backup(db_path: Path, backup: Path, changes: int | None) -> None:
    """Remember that ``backup`` (the newest) holds ``db_path`` at change counter ``changes``;
    failing to (a read-only folder) only costs reading the zip next time."""
    target = _newest_backup_record_path(db_path)
    partial = target.with_name(target.name + ".tmp")
    try:
        partial.write_text(json.dumps({"backup": backup.name, "changes": changes}), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        try:
            partial.unlink()
        except OSError:
            pass


def newest_backup_at(db_path: Path, changes: int | None) -> bool:
    """Whether the newest backup of ``db_path`` is known, without opening it, to have been
    taken at change counter ``changes``.  False when not known (no record, a stale one, no
    counter): the caller then reads the backup itself."""
    if changes is None:
        return False
    try:
        record = json.loads(_newest_backup_record_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("changes") != changes:
        return False
    files = backup_files(db_path)
    return bool(files) and files[0][3].name == record.get("backup")
