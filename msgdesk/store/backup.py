"""Backups of the msgdesk database, made with SQLite's backup API.

A backup is a consistent copy taken through SQLite (never a file copy of an open
database), checked with ``PRAGMA integrity_check`` before it is given its name, and kept
in ``backups/`` beside the database as ``<stem>-YYYYMMDD-HHMMSS-<reason>.db``.  The last
10 are kept, plus the newest of every month.

A backup is written to a hidden temporary name first and renamed only once it is
complete and checked, so a crash or a full disk never leaves a half backup that looks
whole.  A restore first backs up the current state, then copies the backup into the live
database in one SQLite transaction: a crash half-way leaves the database as it was.

Nothing here imports Qt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from msgdesk.errors import DatabaseError, InputError
from msgdesk.store import recovery

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
KEEP_LAST = 10
REASONS = {
    "open": "on opening",
    "approval": "after an approval",
    "manual": "backed up by hand",
    "before-restore": "before a restore",
    "before-migration": "before an upgrade",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.db$")
_PARTIAL_PREFIX = ".incomplete-"
_STALE_PARTIAL_SECONDS = 3600

#: Pages copied per step (-1: all in one step, holding SQLite's lock throughout) and a
#: callback between steps.  Tests slow a copy down with these to interrupt it.
_STEP_PAGES = -1
_progress = None


class BackupError(DatabaseError):
    """A backup could not be made or used; the database itself is unchanged."""


@dataclass(frozen=True)
class RoundContent:
    partnership: str
    label: str
    status: str

    def describe(self) -> str:
        from msgdesk.returndata import ROUND_STATUS_LABELS

        return f"{self.partnership} {self.label} ({ROUND_STATUS_LABELS.get(self.status, self.status)})"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    rounds: tuple[RoundContent, ...] = ()
    readable: bool = True

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def when(self) -> str:
        return f"{self.created:%d %B %Y at %H:%M}".lstrip("0")

    def summary(self) -> str:
        """"2 rounds: North Ayrshire … 2019 (approved by ijb), …" in plain words."""
        if not self.readable:
            return "cannot be read"
        if not self.rounds:
            return "no rounds"
        count = f"{len(self.rounds)} round{'s' if len(self.rounds) != 1 else ''}"
        return f"{count}: " + "; ".join(r.describe() for r in self.rounds)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path | None  # the state just before the restore
    kept_aside: Path | None  # a damaged file, copied aside untouched


# --- where backups live -----------------------------------------------------------------


def backup_folder(db_path: str | os.PathLike[str]) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def _new_backup_path(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    folder = backup_folder(db_path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    n = 2
    while candidate.exists():
        candidate = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.db"
        n += 1
    return candidate


def _parse(path: Path, stem: str) -> tuple[datetime, int, str] | None:
    match = _NAME.match(path.name)
    if not match or match["stem"] != stem:
        return None
    try:
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return created, int(match["n"] or 1), match["reason"]


def _backup_files(db_path: Path) -> list[tuple[datetime, int, str, Path]]:
    """(created, n, reason, path), newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{db_path.stem}-*.db"):
        parsed = _parse(path, db_path.stem)
        if parsed:
            found.append((*parsed, path))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found


# --- reading a backup ---------------------------------------------------------------------


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # immutable: a backup file is never written by anyone, so SQLite need not lock it or
    # create -wal/-shm files beside it (the backups folder may be read-only).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def read_rounds(path: Path) -> tuple[RoundContent, ...]:
    con = _connect_read_only(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"evaluation_round", "partnership"} <= tables:
            return ()
        rows = con.execute(
            "SELECT p.name, r.label, r.status FROM evaluation_round r "
            "JOIN partnership p ON p.id = r.partnership_id ORDER BY p.name, r.label"
        ).fetchall()
        return tuple(RoundContent(*row) for row in rows)
    finally:
        con.close()


def describe(path: Path, created: datetime | None = None, reason: str = "manual") -> BackupInfo:
    try:
        rounds, readable = read_rounds(path), True
    except sqlite3.DatabaseError:
        rounds, readable = (), False
    if created is None:
        created = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    return BackupInfo(path, created, reason, rounds, readable)


def list_backups(db_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first, each with its rounds and their statuses."""
    return [describe(path, created, reason) for created, _n, reason, path in _backup_files(Path(db_path))]


def verify(path: Path) -> str | None:
    """None if ``path`` is a whole msgdesk database this version can open; else the problem."""
    health = recovery.inspect(path, full=True)
    return None if health.kind == "ok" else health.detail


def newest_good_backup(db_path: str | os.PathLike[str]) -> BackupInfo | None:
    """The newest backup that passes ``PRAGMA integrity_check`` and that this msgdesk can read."""
    for created, _n, reason, path in _backup_files(Path(db_path)):
        if verify(path) is None:
            return describe(path, created, reason)
    return None


# --- making a backup ------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
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


def _copy_into_new_file(source: Path, destination: Path) -> None:
    """Copy ``source`` (read-only) into a fresh file via the backup API, check it, and move
    it to ``destination`` in one rename."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f"{_PARTIAL_PREFIX}{os.getpid()}-{destination.name}")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=_STEP_PAGES, progress=_progress)
                # A self-contained single file: no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
                problems = [r[0] for r in dst.execute("PRAGMA integrity_check").fetchall()]
                if problems != ["ok"]:
                    raise BackupError(f"the copy failed its integrity check ({'; '.join(problems[:3])})")
            finally:
                dst.close()
        finally:
            src.close()
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except BaseException:
        try:
            partial.unlink()
        except OSError:
            pass
        raise


def _explain(exc: BaseException, what: str) -> BackupError:
    text = str(exc)
    if "disk is full" in text or getattr(exc, "errno", None) == 28:
        return BackupError(f"{what}: the disk is full. Free some space and try again; nothing was changed.")
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or getattr(exc, "errno", None) == 30:
        return BackupError(f"{what}: the folder cannot be written to ({exc}); nothing was changed.")
    return BackupError(f"{what}: {exc}")


def create_backup(db_path: str | os.PathLike[str], reason: str = "manual", out: str | os.PathLike[str] | None = None) -> BackupInfo:
    """Back up ``db_path`` now.  Into the backups folder (pruned afterwards), or to ``out``."""
    db_path = Path(db_path)
    health = recovery.inspect(db_path)
    if health.kind == "new":
        raise BackupError(f"there is nothing to back up yet: {db_path} does not exist or is empty")
    if health.kind != "ok":
        raise BackupError(f"{db_path} cannot be backed up: {health.detail}")
    destination = Path(out) if out else _new_backup_path(db_path, reason)
    if out and destination.exists():
        raise InputError(f"{destination} exists already; choose a new file name")
    try:
        _copy_into_new_file(db_path, destination)
    except BackupError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise _explain(exc, "the backup could not be made") from exc
    log.info("backup %s of %s (%s)", destination.name, db_path, reason)
    if not out:
        prune(db_path)
    parsed = _parse(destination, db_path.stem)
    return describe(destination, parsed[0] if parsed else None, reason)


def prune(db_path: str | os.PathLike[str], keep_last: int = KEEP_LAST) -> list[Path]:
    """Delete backups beyond the last ``keep_last`` and the newest of each month; also
    leftovers of backups that never finished.  Returns what was deleted."""
    db_path = Path(db_path)
    files = _backup_files(db_path)
    keep = {path for *_rest, path in files[:keep_last]}
    newest_of_month: dict[tuple[int, int], Path] = {}
    for created, _n, _reason, path in files:  # newest first
        newest_of_month.setdefault((created.year, created.month), path)
    keep.update(newest_of_month.values())
    deleted = []
    for *_rest, path in files:
        if path not in keep:
            try:
                path.unlink()
                deleted.append(path)
            except OSError as exc:
                log.warning("could not delete old backup %s: %s", path, exc)
    folder = backup_folder(db_path)
    for partial in folder.glob(f"{_PARTIAL_PREFIX}*"):
        try:
            if time.time() - partial.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                partial.unlink()
        except OSError:
            pass
    return deleted


def content_fingerprint(path: Path) -> str:
    """A hash of every row of every table: equal for two files with the same content."""
    con = _connect_read_only(path) if path.parent.name == BACKUP_FOLDER else sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True
    )
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            digest.update(f"\x00table {table}\x00".encode())
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def backup_if_changed(db_path: str | os.PathLike[str], reason: str = "open") -> BackupInfo | None:
    """Back up unless the newest backup already holds exactly this content.

    Used on opening: ten opens without an edit must not push the older, different backups
    out of the last ten.  Never raises: a backup that cannot be made is logged and None
    returned (the caller may tell the user), so a full disk does not stop the app opening.
    """
    db_path = Path(db_path)
    try:
        files = _backup_files(db_path)
        if files and content_fingerprint(files[0][3]) == content_fingerprint(db_path):
            return None
        return create_backup(db_path, reason)
    except (DatabaseError, OSError, sqlite3.Error) as exc:
        log.warning("automatic backup of %s failed: %s", db_path, exc)
        return None


# --- restoring ------------------------------------------------------------------------------


def restore_backup(db_path: str | os.PathLike[str], backup: str | os.PathLike[str]) -> RestoreResult:
    """Make ``db_path`` hold the content of ``backup``.

    The backup is checked first (whole, and not from a newer msgdesk).  A usable current
    database is backed up, then overwritten through SQLite in one transaction.  A damaged
    current file is copied aside untouched, and replaced by a checked copy in one rename.
    The caller should hold the database's InstanceLock and reopen its engine afterwards.
    """
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise InputError(f"there is no backup file {backup}")
    problem = verify(backup)
    if problem:
        raise InputError(f"{backup} cannot be restored: {problem}")
    current = recovery.inspect(db_path)
    try:
        if current.kind == "ok":
            safety = create_backup(db_path, "before-restore")
            _copy_into_live(backup, db_path)
            result = RestoreResult(backup, safety.path, None)
        else:
            staged = db_path.with_name(f"{_PARTIAL_PREFIX}{os.getpid()}-{db_path.name}")
            _copy_into_new_file(backup, staged)
            aside = recovery.keep_aside(db_path, current) if current.kind != "new" else None
            recovery.clear_journal_files(db_path)
            os.replace(staged, db_path)
            _fsync_folder(db_path.parent)
            result = RestoreResult(backup, None, aside)
    except (DatabaseError, InputError):
        raise
    except (OSError, sqlite3.Error) as exc:
        raise _explain(exc, "the restore could not be done") from exc
    log.info("restored %s from %s (safety backup %s, kept aside %s)", db_path, backup,
             result.safety_backup, result.kept_aside)
    return result


def _copy_into_live(backup: Path, db_path: Path) -> None:
    """Overwrite a healthy database with ``backup`` in one SQLite write transaction."""
    src = _connect_read_only(backup) if backup.parent.name == BACKUP_FOLDER else sqlite3.connect(
        f"{backup.resolve().as_uri()}?mode=ro", uri=True
    )
    try:
        dst = sqlite3.connect(db_path, timeout=10)
        try:
            src.backup(dst, pages=_STEP_PAGES, progress=_progress)
            problems = [r[0] for r in dst.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:  # pragma: no cover - SQLite guarantees the copy
                raise BackupError(f"the restored database failed its check: {'; '.join(problems[:3])}")
        finally:
            dst.close()
    finally:
        src.close()
