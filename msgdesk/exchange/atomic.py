"""Writing a file whole or not at all: every export and exchange file goes through here."""

from __future__ import annotations

import os
from pathlib import Path

from msgdesk.exchange import windows_files


def _shared_mode(path: Path) -> int:
    """The mode of the file being replaced, else what the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


#: How ``tempfile.mkstemp`` opens its file: created here and now or not at all (never an
#: existing file, nor one a link points at), readable by its owner only until it is whole.
_NEW_FILE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100


def _new_partial(folder: str | os.PathLike[str], name: str) -> tuple[int, str]:
    """A new file ``.NAME.<random>.part`` in ``folder``, opened as ``tempfile.mkstemp`` opens
    one, without importing tempfile (with shutil, random and the compressors it brings:
    4 ms of ``msgdesk export --json``)."""
    for _ in range(_ATTEMPTS):
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.part")
        try:
            return os.open(tmp, _NEW_FILE, 0o600), tmp
        except FileExistsError:  # 48 random bits: another writer's name, try another
            continue
    raise FileExistsError(f"no free name for a new file in {folder}")


def write_atomically(path: str | os.PathLike[str], content: bytes) -> Path:
    """Write ``content`` to ``path`` via a temporary file in the same folder:
    a crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    windows_files.check_name(path)  # CON, aux.pdf: refused before anything is written (Windows)
    folder = windows_files.long_path(path.parent, room=len(path.name) + 20)  # past 260 characters (Windows)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = _new_partial(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file readable by its owner only; an export is meant to be
        # shared (a committee paper), so it gets the mode any new file would have
        os.chmod(tmp, _shared_mode(path))
        windows_files.replace(tmp, path)  # a file open in a reader: FileInUseError (Windows)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
