"""What Windows does to files that Linux does not, for every file msgdesk writes.

- **A file open in another program cannot be replaced.**  A PDF reader, Word or Excel
  opens a file without FILE_SHARE_DELETE, so replacing it (``os.replace``, MoveFileEx) fails
  with "access denied" for as long as it is open; Linux replaces it and the reader keeps the
  old copy.  Antivirus scanners hold a new file the same way for a moment after it is
  written, so a refusal is retried briefly before it is reported.  Reported as
  :class:`FileInUseError`, naming the file and a free name beside it.
- **Reserved names.**  ``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``-``COM9`` and
  ``LPT1``-``LPT9`` are devices in every folder, with any extension (``aux.pdf``), and a
  name's trailing dots and spaces are silently dropped.  Writing ``con.pdf`` would write to
  the console and lose the export: refused with a message (:class:`ReservedNameError`).
- **Paths longer than 260 characters** (MAX_PATH) fail unless written in the
  extended-length form ``\\\\?\\C:\\…`` or ``\\\\?\\UNC\\server\\share\\…``; deep folders
  on a redirected Documents share reach it easily.  :func:`long_path` gives that form.

The functions take ``windows=`` so that their rules are tested on Linux too; the real
Windows calls are tested under wine (scripts/windows/smoke_test.sh).  No Qt here.
"""

from __future__ import annotations

import ntpath
import os
import sys
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"
MAX_PATH = 260
#: CreateDirectory's limit is MAX_PATH less room for an 8.3 file name (12 characters).
_LONG_FROM = MAX_PATH - 12
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in "123456789¹²³"]
    + [f"LPT{n}" for n in "123456789¹²³"]
)
FORBIDDEN_CHARACTERS = frozenset('<>:"/\\|?*') | frozenset(chr(n) for n in range(32))
#: How long a refused replace is retried: an antivirus scan of a just-written file takes a
#: few hundred milliseconds; a reader keeps the file open until it is closed.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)


def _on_windows(windows: bool | None) -> bool:
    """The rules apply on Windows, or where a caller (a test) asks for them."""
    return WINDOWS if windows is None else windows


def reserved_name_problem(name: str) -> str | None:
    """Why Windows cannot have a file called ``name`` (one part of a path), or None."""
    if name in ("", ".", ".."):
        return None
    bad = sorted({c for c in name if c in FORBIDDEN_CHARACTERS})
    if bad:
        shown = " ".join(repr(c) if c.isprintable() else f"character {ord(c)}" for c in bad)
        return f"Windows does not allow {shown} in a file name"
    device = name.split(".", 1)[0].rstrip(" ").upper()
    if device in RESERVED:
        return f"{device} is the name of a device on Windows (with any extension), so no file can be called that"
    if name[-1] in ". ":
        return "Windows drops a dot or space at the end of a file name, so the file would get another name"
    return None


def check_name(path: str | os.PathLike[str], windows: bool | None = None) -> None:
    """ReservedNameError if Windows cannot hold a file named as ``path``'s last part."""
    if not _on_windows(windows):
        return
    name = ntpath.basename(os.fspath(path))
    problem = reserved_name_problem(name)
    if problem:
        # why: the errors module (31 classes) loads when a name is refused, not for every export
        from msgdesk.domain.errors import ReservedNameError

        raise ReservedNameError(
            f"{name!r} cannot be used as a file name: {problem}. Choose another name. Nothing was written."
        )


def long_path(path: str | os.PathLike[str], windows: bool | None = None, room: int = 0) -> str:
    """``path`` in Windows' extended-length form when it is too long for the classic one.

    Only on Windows, only for absolute paths of ``_LONG_FROM`` characters or more, counting
    ``room`` for a name still to be added (shorter ones are left as the user wrote them).
    The ``\\\\?\\`` form turns off Windows' own clean-up of the path, so the path is made
    absolute and normalised first.
    """
    text = os.fspath(path)
    if not _on_windows(windows) or text.startswith("\\\\?\\"):
        return text
    full = ntpath.normpath(ntpath.abspath(text) if WINDOWS else text)
    if len(full) + room < _LONG_FROM or not ntpath.isabs(full):
        return text
    if full.startswith("\\\\"):
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


def free_name(path: Path) -> Path:
    """``report (2).pdf`` beside ``report.pdf``: the first such name not yet taken."""
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem} (copy){path.suffix}")


def replace(source: str | os.PathLike[str], target: Path, windows: bool | None = None) -> None:
    """``os.replace(source, target)``, with Windows' refusal to replace an open file
    reported as FileInUseError (the caller removes ``source``; ``target`` is untouched)."""
    windows = _on_windows(windows)
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, long_path(target, windows))
            return
        except PermissionError as exc:
            # On Linux "permission denied" is about the folder's rights, never an open
            # file; and a target that does not exist is not in anyone's hands.
            if not windows or not os.path.lexists(long_path(target, windows)):
                raise
            if delay is None:
                # why: the errors module (31 classes) loads when a file is refused, not for every export
                from msgdesk.domain.errors import FileInUseError

                raise FileInUseError(target, free_name(target)) from exc
            time.sleep(delay)
