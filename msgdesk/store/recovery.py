"""Start-up checks that keep a damaged, foreign or too-new database safe.

* ``inspect(path)`` says what a database file is, without writing to it: new, ok, not a
  database, damaged (``PRAGMA quick_check``) or from a newer msgdesk.
* ``error_for(health)`` turns a bad result into a plain-words error that names the newest
  good backup and how to go back to it; the file itself is never modified.
* ``keep_aside(path)`` copies a damaged file (and its -wal/-shm) aside, untouched, before a
  restore replaces it.
* ``is_network_path(path)``: SQLite's WAL journal needs shared memory that network file
  systems do not provide, so a database on a network drive uses a rollback journal.
* ``InstanceLock``: one msgdesk process per database.  An operating-system lock on
  ``<db>.lock`` (``fcntl.flock`` / ``msvcrt.locking``), released by the system when the
  process ends, however it ends, so a crash never leaves a stale lock behind.

Nothing here imports Qt.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from msgdesk.errors import DatabaseError, SchemaTooNewError

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


class NotADatabaseError(DatabaseError):
    """The file is not an SQLite database at all."""


class DamagedDatabaseError(DatabaseError):
    """The file is an SQLite database that fails its check."""


class AlreadyOpenError(DatabaseError):
    """Another msgdesk process has the database open."""


class ReadOnlyLocationError(DatabaseError):
    """The database's folder (or the file) cannot be written."""


class StorageFullError(DatabaseError):
    """The disk is full: the change was not saved, and nothing was lost."""


@dataclass(frozen=True)
class Health:
    kind: str  # new | ok | not_database | damaged | too_new
    path: Path
    detail: str = ""
    revision: str | None = None

    @property
    def usable(self) -> bool:
        return self.kind in ("new", "ok")


def _known_revisions() -> tuple[str, ...]:
    from msgdesk.store.database import KNOWN_REVISIONS

    return KNOWN_REVISIONS


def inspect(path: str | os.PathLike[str], full: bool = False) -> Health:
    """What ``path`` holds.  Reads only; ``full`` runs ``integrity_check`` instead of the
    faster ``quick_check``."""
    path = Path(path)
    if not path.exists() or (path.stat().st_size == 0 and not _has_backups(path)):
        return Health("new", path)
    size = path.stat().st_size
    if size == 0:
        return Health("damaged", path, "the file is empty, although backups of it exist")
    with open(path, "rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        if SQLITE_MAGIC.startswith(head):
            return Health("damaged", path, f"the file is cut short ({size} bytes)")
        return Health("not_database", path, "it is not an SQLite database file")
    if len(head) < 100:
        return Health("damaged", path, f"the file is cut short ({size} bytes)")
    quiet = not _journal_present(path)
    health = _check(path, full, immutable=quiet)
    if health.kind == "damaged" and quiet and _journal_present(path):
        # Another process began writing while we read without locks: look again, properly.
        health = _check(path, full, immutable=False)
    return health


def _journal_present(path: Path) -> bool:
    return any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))


def _check(path: Path, full: bool, immutable: bool) -> Health:
    # With no -wal or -journal beside the file, nobody is writing it and nothing is left to
    # replay: read it as immutable, which creates no -wal/-shm files beside a file that
    # may be damaged.  Otherwise a normal read-only connection takes SQLite's locks.
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return Health("damaged", path, f"SQLite cannot open it ({exc})")
    try:
        check = "integrity_check" if full else "quick_check"
        problems = [row[0] for row in con.execute(f"PRAGMA {check}").fetchall()]
        if problems != ["ok"]:
            return Health("damaged", path, "SQLite's check found damage: " + "; ".join(problems[:3]))
        has_version = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    except sqlite3.DatabaseError as exc:
        return Health("damaged", path, f"SQLite cannot read it ({exc})")
    finally:
        con.close()
    revision = row[0] if row else None
    if revision is not None and revision not in _known_revisions():
        return Health("too_new", path, f"it was written by a newer msgdesk (schema {revision})", revision)
    return Health("ok", path, revision=revision)


def _has_backups(path: Path) -> bool:
    from msgdesk.store.backup import backup_folder

    folder = backup_folder(path)
    return folder.is_dir() and any(folder.glob(f"{path.stem}-*.db"))


def error_for(health: Health) -> DatabaseError:
    """A plain-words error for a database that must not be opened, naming the newest good
    backup (``error.backup``) and the command that goes back to it."""
    from msgdesk.store.backup import newest_good_backup

    path = health.path
    if health.kind == "too_new":
        what = (f"{path} was written by a newer version of msgdesk (schema {health.revision}); "
                "this version cannot open it without risking your data. Install the newer msgdesk.")
        error_class: type[DatabaseError] = SchemaTooNewError
    elif health.kind == "not_database":
        what = f"{path} is not an msgdesk database ({health.detail})."
        error_class = NotADatabaseError
    else:
        what = f"{path} is damaged: {health.detail}."
        error_class = DamagedDatabaseError
    backup = newest_good_backup(path)
    if backup is not None:
        offer = (f" msgdesk has not changed the file. The newest good backup is from {backup.when} "
                 f"({backup.summary()}). To go back to it, run:  msgdesk restore \"{backup.path}\""
                 f"  (the current file is kept aside, unchanged).")
    else:
        offer = " msgdesk has not changed the file, and there is no backup of it to go back to."
    error = error_class(what + offer)
    error.health = health  # type: ignore[attr-defined]
    error.backup = backup  # type: ignore[attr-defined]
    return error


def keep_aside(path: Path, health: Health | None = None) -> Path:
    """Copy ``path`` and its journal files aside, byte for byte; returns the copy's path.

    A copy, not a rename: until the caller replaces the file in one rename, the path
    always holds a file, and the copy is exactly what was there.
    """
    kind = (health.kind if health else "damaged").replace("_", "-")
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


def clear_journal_files(path: Path) -> None:
    """Remove -wal/-shm/-journal files that belong to a file about to be replaced (they
    would otherwise be replayed into the new file).  Call after ``keep_aside``."""
    for suffix in JOURNAL_SUFFIXES:
        journal = path.with_name(path.name + suffix)
        try:
            journal.unlink()
        except FileNotFoundError:
            pass


def check_writable(path: Path) -> None:
    """Raise ReadOnlyLocationError if msgdesk could not save in ``path``'s folder."""
    folder = path.parent
    problem = None
    if folder.exists() and not os.access(folder, os.W_OK):
        problem = f"the folder {folder} is read-only"
    elif path.exists() and not os.access(path, os.W_OK):
        problem = f"the file {path} is read-only"
    if problem:
        raise ReadOnlyLocationError(
            f"msgdesk cannot save your work: {problem}. Your data has not been changed. "
            "Ask IT for write access to the folder, or open a copy elsewhere with --db PATH."
        )


# --- network drives ----------------------------------------------------------------------

NETWORK_FILE_SYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "davfs", "fuse.sshfs", "sshfs", "fuse.davfs2", "fuse.glusterfs",
    "fuse.gvfsd-fuse", "fuse.rclone", "fuse.s3fs", "fuse.cephfs", "afpfs", "webdav",
}


def _unescape_mount(text: str) -> str:
    return text.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def linux_filesystem(path: Path, mountinfo: str | None = None) -> str | None:
    """The file system type holding ``path``, from /proc/self/mountinfo."""
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text()
        except OSError:
            return None
    target = str(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5:
            continue
        mount_point = _unescape_mount(fields[4])
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, right.split()[0]
    return best_type


def _mac_is_remote(path: Path) -> bool:  # pragma: no cover - macOS only
    import ctypes
    import ctypes.util

    class StatFs(ctypes.Structure):
        _fields_ = [
            ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64), ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32), ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024), ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32), ("f_reserved", ctypes.c_uint32 * 7),
        ]

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    try:
        statfs = libc["statfs$INODE64"]  # Intel Macs
    except AttributeError:
        statfs = libc["statfs"]
    buf = StatFs()
    if statfs(os.fsencode(str(path)), ctypes.byref(buf)) != 0:
        return False
    MNT_LOCAL = 0x00001000
    return not (buf.f_flags & MNT_LOCAL) or buf.f_fstypename.decode(errors="replace") in NETWORK_FILE_SYSTEMS


def _windows_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive, _rest = os.path.splitdrive(str(path))
    if drive.startswith(("\\\\", "//")):
        return True  # \\server\share
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def is_network_path(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` (or the folder it would be created in) is on a network drive."""
    path = Path(path).absolute()
    probe = path if path.exists() else path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        probe = probe.resolve()
        if sys.platform.startswith("linux"):
            return (linux_filesystem(probe) or "") in NETWORK_FILE_SYSTEMS
        if sys.platform == "darwin":
            return _mac_is_remote(probe)
        if os.name == "nt":
            return _windows_is_remote(probe)
    except Exception:  # detection must never stop the app opening
        return False
    return False


NETWORK_NOTICE = (
    "Your database is on a network drive. msgdesk keeps it safe there by saving each change "
    "straight to the file (a rollback journal), which is a little slower. For speed, keep it "
    "on this computer's own disk."
)


# --- one msgdesk per database ----------------------------------------------------------------

_HELD: dict[str, list] = {}  # lock path -> [fd, count]: re-entrant within one process


class InstanceLock:
    """An exclusive lock on ``<db>.lock``, held while msgdesk uses the database.

    Re-entrant within a process.  The operating system drops it when the process ends, so
    a crash or a kill never leaves the database locked.  The lock file holds the owner's
    process id, computer and start time, for the message the next process shows.
    """

    _WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte past the text, so others can read it

    def __init__(self, db_path: str | os.PathLike[str]):
        db_path = Path(db_path).absolute()
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self.held = False

    def acquire(self) -> "InstanceLock":
        if self.held:
            return self
        key = str(self.path)
        if key in _HELD:
            _HELD[key][1] += 1
            self.held = True
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ReadOnlyLocationError(
                f"msgdesk cannot save your work in {self.path.parent} ({exc.strerror or exc}). "
                "Your data has not been changed. Ask IT for write access to the folder, "
                "or open a copy elsewhere with --db PATH."
            ) from exc
        try:
            locked = self._lock(fd)
        except OSError:
            locked = None  # this file system cannot lock (some network drives): go on without
        if locked is False:
            holder = self.holder()
            os.close(fd)
            raise AlreadyOpenError(
                f"msgdesk is already open on {self.db_path}{' (' + holder + ')' if holder else ''}. "
                "Close that msgdesk first: two at once on one database would overwrite each "
                "other's work. Nothing has been changed."
            )
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()} {datetime.now():%Y-%m-%d %H:%M}\n".encode())
        except OSError:
            pass
        _HELD[key] = [fd, 1]
        self.held = True
        return self

    def _lock(self, fd: int) -> bool:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, self._WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except PermissionError:
                return False
            except OSError as exc:
                if exc.errno in (13, 36):  # EACCES, EDEADLOCK: held by another process
                    return False
                raise
            return True
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def holder(self) -> str:
        """"process 1234 on laptop-17, since 2025-05-03 10:02", or "" if unknown."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        parts = text.split(" ", 2)
        if len(parts) < 3:
            return ""
        pid, host, since = parts
        return f"process {pid} on {host}, since {since}"

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        key = str(self.path)
        entry = _HELD.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _HELD[key]
        fd = entry[0]
        try:
            if os.name == "nt":  # pragma: no cover
                import msvcrt

                os.lseek(fd, self._WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass
        os.close(fd)  # the file stays: deleting it would race with a process opening it

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()
