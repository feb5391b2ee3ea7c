"""One msgdesk process per SQLite database.

An operating-system lock on ``<db>.lock`` (``fcntl.flock`` / ``msvcrt.locking``), released
by the system when the process ends, however it ends, so a crash never leaves a stale lock
behind.  The lock is on its own file, never on the database: closing a descriptor of the
database file would drop SQLite's own POSIX locks (see STYLE.md).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from msgdesk.domain.errors import AlreadyOpenError, ReadOnlyLocationError

_HELD: dict[str, list[int]] = {}  # lock path -> [fd, count]: re-entrant within one process


def computer_name() -> str:
    """This computer's name, as ``socket.gethostname()`` gives it, for the lock file's message.

    Read without the socket module where the system says it directly: the window takes the
    lock before its first frame, and importing socket (and selectors, and the ~100 members of
    its enums) cost that frame more than the rest of the lock (issue 22)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        name = os.environ.get("COMPUTERNAME", "")
    else:
        name = os.uname().nodename  # what gethostname() returns on POSIX
    if name:
        return name
    # the system did not say: ask it the long way
    import socket

    return socket.gethostname()


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

    def acquire(self) -> InstanceLock:
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
            os.write(fd, f"{os.getpid()} {computer_name()} {datetime.now():%Y-%m-%d %H:%M}\n".encode())
        except OSError:
            pass
        _HELD[key] = [fd, 1]
        self.held = True
        return self

    def _lock(self, fd: int) -> bool:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, self._WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except PermissionError:
                return False
            except OSError as exc:
                # EACCES, EDEADLOCK: held by another process.  0: the C runtime refused
                # without setting errno (wine's ucrtbase does; the smoke test met it there),
                # which is a refusal all the same, not a file system that cannot lock.
                if exc.errno in (0, 13, 36):
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
            if sys.platform == "win32":  # pragma: no cover
                import msvcrt

                os.lseek(fd, self._WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass
        os.close(fd)  # the file stays: deleting it would race with a process opening it

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()
