"""Backups of an SQLite msgdesk database: consistent, compressed, checked, bounded.

A backup is a copy taken through SQLite's backup API (never a file copy of an open
database), compressed into a zip file in ``backups/`` beside the database, named
``<stem>-YYYYMMDD-HHMMSS-<reason>.zip``.  The zip holds the database and ``backup.json``
(when, why, the change counter, the rounds and their statuses), so the list of backups is
shown without unpacking any of them.  Before a backup counts it is unpacked into a
temporary file and passes ``PRAGMA integrity_check``; only then is it given its name (a
crash or a full disk never leaves a half backup that looks whole).

Which backups are kept: the last ``KEEP_LAST``, plus the newest of each of the last
``KEEP_MONTHS`` months, and never more than ``max_bytes(db)`` in all (the newest
``KEEP_ALWAYS`` are kept whatever their size).

A restore first backs up the current state, then copies the backup into the live
database in one SQLite transaction: a crash half-way leaves the database as it was.
Restoring a backup taken before an IJB approval un-approves that round: the caller must
say so (``force``), and the restored database records it in the round's events.

Nothing here imports Qt or SQLAlchemy.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from msgdesk.domain.dates import long_date_time
from msgdesk.domain.errors import (
    DamagedDatabaseError,
    DatabaseError,
    ForeignDatabaseError,
    InputError,
    MsgdeskError,
    NeedsConfirmationError,
    NotADatabaseError,
    SchemaTooNewError,
)
from msgdesk.domain.record import NamedTuple
from msgdesk.domain.states import FileState, RoundStatus
from msgdesk.store import health as db_health
from msgdesk.store.health import backup_files, backup_folder, parse_backup_name

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_MONTHS = 12
KEEP_ALWAYS = 3
#: The folder is kept under this many bytes, or this many times the database, if larger.
MIN_BUDGET_BYTES = 64 * 1024 * 1024
BUDGET_TIMES_DATABASE = 3
REASONS = {
    "open": "on opening",
    "approval": "after an approval",
    "manual": "backed up by hand",
    "before-restore": "before a restore",
    "before-migration": "before an upgrade",
    "before-replace": "before a round was replaced",
}
MANIFEST = "backup.json"
_PARTIAL_PREFIX = ".incomplete-"
_STALE_PARTIAL_SECONDS = 3600

#: Pages copied per step (-1: all in one step, holding SQLite's read lock throughout) and a
#: callback between steps.  Tests slow a copy down with these to interrupt it.
_STEP_PAGES = -1
_progress: Callable[[int, int, int], object] | None = None


class BackupError(DatabaseError):
    """A backup could not be made or used; the database itself is unchanged."""


# The three values below are NamedTuples, not frozen dataclasses: the store imports this module
# as it opens, just after the window's first paint, and a dataclass compiles six methods each
# at import (~1.5 ms a class; issue 22, the store within 0.3 s of the first paint).
class RoundContent(NamedTuple):
    partnership: str
    label: str
    status: str
    ijb_meeting_date: str | None = None
    minute_reference: str = ""

    def describe(self) -> str:
        try:
            status = RoundStatus(self.status).label
        except ValueError:
            status = self.status
        return f"{self.partnership} {self.label} ({status})"


class BackupInfo(NamedTuple):
    path: Path
    created: datetime
    reason: str
    rounds: tuple[RoundContent, ...] = ()
    readable: bool = True
    #: The database's change counter when the backup was taken (None if unknown).
    changes: int | None = None

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def when(self) -> str:
        return long_date_time(self.created)

    def summary(self) -> str:
        """"2 rounds: North Ayrshire … 2019 (Approved by IJB), …" in plain words."""
        if not self.readable:
            return "cannot be read"
        if not self.rounds:
            return "no rounds"
        count = f"{len(self.rounds)} round{'s' if len(self.rounds) != 1 else ''}"
        return f"{count}: " + "; ".join(r.describe() for r in self.rounds)


class RestoreResult(NamedTuple):
    restored_from: Path
    safety_backup: Path | None  # the state just before the restore
    kept_aside: Path | None  # a damaged file, copied aside untouched
    #: Rounds approved before the restore that the restored database does not hold approved.
    unapproved: tuple[str, ...] = ()


# --- where backups live -----------------------------------------------------------------


def _new_backup_path(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    folder = backup_folder(db_path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{db_path.stem}-{stamp}-{reason}.zip"
    n = 2
    while candidate.exists():
        candidate = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.zip"
        n += 1
    return candidate


# --- reading a backup ---------------------------------------------------------------------


def _read_rounds(con: sqlite3.Connection) -> tuple[RoundContent, ...]:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"evaluation_round", "partnership"} <= tables:
        return ()
    rows = con.execute(
        "SELECT p.name, r.label, r.status, r.ijb_meeting_date, r.minute_reference FROM evaluation_round r "
        "JOIN partnership p ON p.id = r.partnership_id ORDER BY p.name, r.label"
    ).fetchall()
    return tuple(RoundContent(name, label, status, str(meeting)[:10] if meeting else None, minute or "")
                 for name, label, status, meeting, minute in rows)


def _read_changes(con: sqlite3.Connection) -> int | None:
    try:
        row = con.execute("SELECT changes FROM store_meta WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _connect_immutable(path: Path) -> sqlite3.Connection:
    # A backup (or an unpacked copy) is never written by anyone: no locks, no -wal/-shm.
    return sqlite3.connect(db_health.ro_uri(path, immutable=True), uri=True)


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """The plain SQLite file of a backup: a temporary copy for a zip, else ``path`` itself."""
    if path.suffix != ".zip":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="msgdesk-unpack-") as folder:
        target = Path(folder) / "backup.db"
        try:
            with zipfile.ZipFile(path) as archive:
                member = next((n for n in archive.namelist() if n.endswith(".db")), None)
                if member is None:
                    raise BackupError(f"{path} holds no database")
                with archive.open(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out, 1024 * 1024)
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
            raise BackupError(f"{path} cannot be unpacked ({exc})") from exc
        yield target


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    # a manifest is a JSON object; anything else is treated as a missing one
    return manifest if isinstance(manifest, dict) else None


def describe(path: Path, created: datetime | None = None, reason: str = "manual") -> BackupInfo:
    if created is None:
        created = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    if path.suffix == ".zip":
        manifest = _manifest(path)
        if manifest is None:
            return BackupInfo(path, created, reason, (), False)
        rounds = tuple(RoundContent(*r) for r in manifest.get("rounds", []))
        return BackupInfo(path, created, reason, rounds, True, manifest.get("changes"))
    try:
        con = _connect_immutable(path)
        try:
            return BackupInfo(path, created, reason, _read_rounds(con), True, _read_changes(con))
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return BackupInfo(path, created, reason, (), False)


def list_backups(db_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first, each with its rounds and their statuses."""
    return [describe(path, created, reason) for created, _n, reason, path in backup_files(Path(db_path))]


def verify(path: Path) -> str | None:
    """None if ``path`` is a whole msgdesk database (or backup) this version can open;
    else the problem, in words."""
    try:
        with unpacked(path) as plain:
            found = db_health.inspect(plain, full=True)
    except MsgdeskError as exc:
        return str(exc)
    return None if found.state is FileState.OK else found.detail


def newest_good_backup(db_path: str | os.PathLike[str]) -> BackupInfo | None:
    """The newest backup that passes ``PRAGMA integrity_check`` and that this msgdesk can read."""
    for created, _n, reason, path in backup_files(Path(db_path)):
        if verify(path) is None:
            return describe(path, created, reason)
    return None


# --- explaining a database that must not be opened ------------------------------------------


def error_for(health: db_health.Health) -> DatabaseError:
    """A plain-words error for a database that must not be opened, naming the newest good
    backup (``error.backup``) and the command that goes back to it."""
    path = health.path
    error_class: type[DatabaseError]
    offer_backup = True
    if health.state is FileState.TOO_NEW:
        what = (f"{path} was written by a newer version of msgdesk (schema {health.revision}); "
                "this version cannot open it without risking your data. Install the newer msgdesk.")
        error_class = SchemaTooNewError
    elif health.state is FileState.NOT_DATABASE:
        what = f"{path} is not an msgdesk database ({health.detail})."
        error_class = NotADatabaseError
    elif health.state is FileState.FOREIGN:
        what = (f"{path} is not an msgdesk database: {health.detail}. msgdesk will not add its own "
                "tables to it. Choose another file name with --db PATH.")
        error_class = ForeignDatabaseError
        offer_backup = False
    else:
        what = f"{path} is damaged: {health.detail}."
        error_class = DamagedDatabaseError
    backup = newest_good_backup(path) if offer_backup else None
    if backup is not None:
        offer = (f" msgdesk has not changed the file. The newest good backup is from {backup.when} "
                 f"({backup.summary()}). To go back to it, run:  msgdesk restore \"{backup.path}\""
                 f"  (the current file is kept aside, unchanged).")
    elif offer_backup:
        offer = " msgdesk has not changed the file, and there is no backup of it to go back to."
    else:
        offer = " It has not been changed."
    error = error_class(what + offer)
    error.path = path
    error.backup = backup
    return error



# --- making a backup ------------------------------------------------------------------------


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    # Only ever a file of our own making (never the live database: see STYLE.md).
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _copy_database(source: Path, destination: Path) -> tuple[tuple[RoundContent, ...], int | None]:
    """``source`` copied through SQLite's backup API into the new file ``destination``;
    returns the copy's rounds and change counter."""
    src = sqlite3.connect(db_health.ro_uri(source), uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst, pages=_STEP_PAGES, progress=_progress)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            return _read_rounds(dst), _read_changes(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _partial(folder: Path, name: str) -> Path:
    return folder / f"{_PARTIAL_PREFIX}{os.getpid()}-{name}"


def _check_copy(path: Path, what: str) -> None:
    found = db_health.inspect(path, full=True)
    if found.state is not FileState.OK:
        raise BackupError(f"{what} failed its check ({found.detail}); nothing was changed")


def _write_zip(db_file: Path, destination: Path, manifest: dict[str, Any]) -> None:
    """Pack ``db_file`` into ``destination`` (via a partial name), unpack it again into a
    temporary file and check it there; only then does the zip get its name."""
    with _staged(destination) as partial:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.write(db_file, "msgdesk.db")
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        _fsync_file(partial)
        with unpacked(partial) as plain:
            _check_copy(plain, "the backup")


def _copy_into_new_file(source: Path, destination: Path) -> None:
    """A checked, uncompressed copy of ``source`` at ``destination``, moved in with one rename."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with _staged(destination) as partial:
        _copy_database(source, partial)
        _check_copy(partial, "the copy")
        _fsync_file(partial)


@contextmanager
def _staged(destination: Path) -> Iterator[Path]:
    """A new file (owner only) under a partial name, given ``destination``'s name in one
    rename if the block succeeds, and removed if it does not."""
    partial = _partial(destination.parent, destination.name)
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        yield partial
        os.replace(partial, destination)
        fsync_folder(destination.parent)
    except BaseException:
        try:
            partial.unlink()
        except OSError:
            pass
        raise


def explain(exc: BaseException, what: str, path: Path | None = None) -> DatabaseError:
    """A failing file operation in plain words: a full disk says so, never "damaged"."""
    if isinstance(exc, DatabaseError):
        return exc
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    errno = getattr(exc, "errno", None)
    if errno == 28 or code == 13 or (path is not None and db_health.disk_is_full(path)):
        error: DatabaseError = db_health.storage_full(path)
        error.args = (f"{what}: {error}",)
        return error
    if isinstance(exc, PermissionError) or errno == 30:
        return BackupError(f"{what}: the folder cannot be written to ({exc}); nothing was changed.")
    return BackupError(f"{what}: {exc}")


def create_backup(db_path: str | os.PathLike[str], reason: str = "manual",
                  out: str | os.PathLike[str] | None = None) -> BackupInfo:
    """Back up ``db_path`` now: into the backups folder (pruned afterwards) as a checked zip,
    or to ``out`` (a plain SQLite file, or a zip if ``out`` ends in ``.zip``)."""
    db_path = Path(db_path)
    found = db_health.inspect(db_path, full=False)
    if found.state is FileState.NEW:
        raise BackupError(f"there is nothing to back up yet: {db_path} does not exist or is empty")
    if found.state is not FileState.OK:
        raise BackupError(f"{db_path} cannot be backed up: {found.detail}")
    destination = Path(out) if out else _new_backup_path(db_path, reason)
    clear_dead_partials(destination.parent)  # what an earlier, killed backup left behind
    if out and destination.exists():
        raise InputError(f"{destination} exists already; choose a new file name")
    if out and not destination.parent.is_dir():
        raise InputError(f"there is no folder {destination.parent}; create it first")
    try:
        if destination.suffix == ".zip":
            destination.parent.mkdir(parents=True, exist_ok=True)
            plain = _partial(destination.parent, destination.stem + ".db")
            try:
                rounds, changes = _copy_database(db_path, plain)
                manifest = {
                    "format": "msgdesk-backup", "version": 1, "created": datetime.now().isoformat(timespec="seconds"),
                    "reason": reason, "changes": changes, "database": db_path.name,
                    "rounds": [list(r) for r in rounds],  # the fields in order, read back by RoundContent(*r)
                }
                _write_zip(plain, destination, manifest)
            finally:
                try:
                    plain.unlink()
                except OSError:
                    pass
        else:
            _copy_into_new_file(db_path, destination)
    except (OSError, sqlite3.Error, MsgdeskError) as exc:
        raise explain(exc, "the backup could not be made", destination) from exc
    log.info("backup %s of %s (%s)", destination.name, db_path, reason)
    if not out:
        prune(db_path)
    parsed = parse_backup_name(destination, db_path.stem)
    return describe(destination, parsed[0] if parsed else None, reason)


def max_bytes(db_path: Path) -> int:
    try:
        size = os.stat(db_path).st_size
    except OSError:
        size = 0
    return max(MIN_BUDGET_BYTES, BUDGET_TIMES_DATABASE * size)


def prune(db_path: str | os.PathLike[str], keep_last: int = KEEP_LAST) -> list[Path]:
    """Delete backups beyond the last ``keep_last`` and the newest of each recent month,
    then the oldest until the folder is within ``max_bytes``; also leftovers of backups
    that never finished.  Returns what was deleted."""
    db_path = Path(db_path)
    files = backup_files(db_path)
    keep = [path for *_rest, path in files[:keep_last]]
    months: dict[tuple[int, int], Path] = {}
    for created, _n, _reason, path in files:  # newest first
        if len(months) < KEEP_MONTHS or (created.year, created.month) in months:
            months.setdefault((created.year, created.month), path)
    keep += [p for p in months.values() if p not in keep]
    kept_order = [path for *_rest, path in files if path in set(keep)]  # newest first
    budget, used, within = max_bytes(db_path), 0, set()
    for index, path in enumerate(kept_order):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if index < KEEP_ALWAYS or used + size <= budget:
            within.add(path)
            used += size
    deleted = []
    for *_rest, path in files:
        if path not in within:
            try:
                path.unlink()
                deleted.append(path)
            except OSError as exc:
                log.warning("could not delete old backup %s: %s", path, exc)
    clear_dead_partials(backup_folder(db_path))
    return deleted


def _pid_of(partial: Path) -> int | None:
    head = partial.name[len(_PARTIAL_PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: leave its file alone
    return True


def clear_dead_partials(folder: Path) -> list[Path]:
    """Delete ``.incomplete-<pid>-…`` files left by a backup or restore that was killed: at
    once when their process is gone (they are full-size copies of the database, hidden from
    the list of backups), else after an hour.  Returns what was deleted."""
    deleted: list[Path] = []
    if not folder.is_dir():
        return deleted
    for partial in folder.glob(f"{_PARTIAL_PREFIX}*"):
        pid = _pid_of(partial)
        try:
            gone = (pid is not None and os.name == "posix" and not _alive(pid)) or (
                time.time() - partial.stat().st_mtime > _STALE_PARTIAL_SECONDS and pid != os.getpid())
            if gone:
                partial.unlink()
                deleted.append(partial)
        except OSError:
            pass
    return deleted


def backup_if_changed(db_path: str | os.PathLike[str], changes: int | None, reason: str = "open") -> BackupInfo | None:
    """Back up unless the newest backup was taken at this change counter.

    Used on opening: ten opens without an edit must not push the older, different backups
    out of the last ten.  Never raises: a backup that cannot be made is logged and None
    returned, so a full disk does not stop the app opening.
    """
    db_path = Path(db_path)
    try:
        if db_health.newest_backup_at(db_path, changes):  # remembered below: no zip opened
            return None
        files = backup_files(db_path)
        if files and changes is not None:
            newest = describe(files[0][3], files[0][0], files[0][2])
            if newest.changes == changes:
                db_health.remember_newest_backup(db_path, newest.path, newest.changes)
                return None
        made = create_backup(db_path, reason)
        db_health.remember_newest_backup(db_path, made.path, made.changes)
        return made
    except (DatabaseError, OSError, sqlite3.Error) as exc:
        log.warning("automatic backup of %s failed: %s", db_path, exc)
        return None


# --- restoring ------------------------------------------------------------------------------


def _current_rounds(db_path: Path) -> tuple[RoundContent, ...]:
    try:
        con = sqlite3.connect(db_health.ro_uri(db_path), uri=True)
        try:
            return _read_rounds(con)
        finally:
            con.close()
    except sqlite3.Error:
        return ()


def unapproved_by(current: tuple[RoundContent, ...], restored: tuple[RoundContent, ...]) -> list[RoundContent]:
    """Rounds approved now that the restored state does not hold as the same approval."""
    after = {(r.partnership, r.label): r for r in restored}
    lost = []
    for r in current:
        if r.status != RoundStatus.APPROVED:
            continue
        then = after.get((r.partnership, r.label))
        if then is None or then.status != RoundStatus.APPROVED or then.ijb_meeting_date != r.ijb_meeting_date:
            lost.append(r)
    return lost


def _consequence(r: RoundContent, then: RoundContent | None) -> str:
    minute = f", minute {r.minute_reference}" if r.minute_reference else ""
    approval = f"approved at the IJB of {r.ijb_meeting_date}{minute}"
    if then is None:
        return f"{r.partnership} {r.label} ({approval}) is not in the backup at all"
    return f"{r.partnership} {r.label} ({approval}) would be {then.describe().rsplit('(', 1)[-1].rstrip(')')} again"


def restore_backup(db_path: str | os.PathLike[str], backup: str | os.PathLike[str], *,
                   force: bool = False) -> RestoreResult:
    """Make ``db_path`` hold the content of ``backup``.

    The backup is checked first (whole, and not from a newer msgdesk).  If it would
    un-approve a round, NeedsConfirmationError lists which unless ``force``.  A usable
    current database is backed up, then overwritten through SQLite in one transaction, and
    each un-approved round records it in its events.  A damaged current file is copied
    aside untouched, and replaced by a checked copy in one rename.  The caller should hold
    the database's InstanceLock and reopen its engine afterwards.
    """
    db_path, backup = Path(db_path), Path(backup)
    if db_path.is_symlink():
        # Write through to the link's target: replacing the link by a file would leave the
        # real database (damaged, or as it was) where everything else still finds it.
        db_path = Path(os.path.realpath(db_path))
    if not backup.is_file():
        raise InputError(f"there is no backup file {backup}")
    clear_dead_partials(db_path.parent)  # a killed restore's staged copy
    with unpacked(backup) as plain:
        found = db_health.inspect(plain, full=True)
        if found.state is not FileState.OK:
            raise InputError(f"{backup} cannot be restored: {found.detail}")
        con = _connect_immutable(plain)
        try:
            restored_rounds = _read_rounds(con)
        finally:
            con.close()
        current = db_health.inspect(db_path, full=False)
        current_rounds = _current_rounds(db_path) if current.state is FileState.OK else ()
        lost = unapproved_by(current_rounds, restored_rounds)
        after = {(r.partnership, r.label): r for r in restored_rounds}
        if lost and not force:
            raise NeedsConfirmationError(
                f"{backup.name} was taken before {'an approval' if len(lost) == 1 else 'approvals'} by the IJB: "
                "restoring it would undo " + ("it" if len(lost) == 1 else "them") + ".",
                [_consequence(r, after.get((r.partnership, r.label))) for r in lost],
            )
        try:
            if current.state is FileState.OK:
                safety = create_backup(db_path, "before-restore")
                _copy_into_live(plain, db_path, current.changes, lost, backup)
                result = RestoreResult(backup, safety.path, None, tuple(f"{r.partnership} {r.label}" for r in lost))
            else:
                staged = _partial(db_path.parent, db_path.name)
                _copy_into_new_file(plain, staged)
                aside = keep_aside(db_path, current.state) if current.state is not FileState.NEW else None
                clear_journal_files(db_path)
                os.replace(staged, db_path)
                fsync_folder(db_path.parent)
                result = RestoreResult(backup, None, aside)
        except (InputError, NeedsConfirmationError):
            raise
        except (OSError, sqlite3.Error, MsgdeskError) as exc:
            raise explain(exc, "the restore could not be done", db_path) from exc
    log.info("restored %s from %s (safety backup %s, kept aside %s, un-approved %s)", db_path, backup,
             result.safety_backup, result.kept_aside, result.unapproved)
    return result


def _copy_into_live(plain: Path, db_path: Path, changes_before: int | None, lost: list[RoundContent],
                    backup: Path) -> None:
    """Overwrite a healthy database with ``plain`` in one SQLite write transaction, then
    keep the change counter moving forward and record each approval the restore undid."""
    src = _connect_immutable(plain)
    try:
        dst = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        try:
            src.backup(dst, pages=_STEP_PAGES, progress=_progress)
            dst.execute("BEGIN IMMEDIATE")
            try:
                tables = {r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if "store_meta" in tables:
                    # Never back to an earlier count: "changed since the newest backup" stays true.
                    dst.execute("UPDATE store_meta SET changes = max(changes, ?, ?) + 1 WHERE id = 1",
                                (changes_before or 0, int(time.time() * 1000)))
                for r in lost:
                    row = dst.execute(
                        "SELECT r.id FROM evaluation_round r JOIN partnership p ON p.id = r.partnership_id "
                        "WHERE p.name = ? AND r.label = ?", (r.partnership, r.label)).fetchone()
                    if row is not None:
                        dst.execute(
                            "INSERT INTO round_event (round_id, at, kind, detail) VALUES (?, ?, 'restored', ?)",
                            (row[0], datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S.000000"),
                             f"the database went back to the backup {backup.name}; this round had been approved "
                             f"at the IJB of {r.ijb_meeting_date}, minute {r.minute_reference or 'not recorded'}"))
                dst.execute("COMMIT")
            except BaseException:
                dst.execute("ROLLBACK")
                raise
        finally:
            dst.close()
    finally:
        src.close()


def keep_aside(path: Path, state: FileState = FileState.DAMAGED) -> Path:
    """Copy ``path`` and its journal files aside, byte for byte; returns the copy's path.

    A copy, not a rename: until the caller replaces the file in one rename, the path
    always holds a file, and the copy is exactly what was there.  Only for a file msgdesk
    does not hold open (it is damaged or not a database).
    """
    kind = state.value.replace("_", "-")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{kind}-{stamp}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.{kind}-{stamp}-{n}")
        n += 1
    shutil.copy2(path, aside)
    for suffix in JOURNAL_SUFFIXES:
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            shutil.copy2(journal, aside.with_name(aside.name + suffix))
    return aside


JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def clear_journal_files(path: Path) -> None:
    """Remove -wal/-shm/-journal files that belong to a file about to be replaced (they
    would otherwise be replayed into the new file).  Call after ``keep_aside``."""
    for suffix in JOURNAL_SUFFIXES:
        journal = path.with_name(path.name + suffix)
        try:
            journal.unlink()
        except FileNotFoundError:
            pass
