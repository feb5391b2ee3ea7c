"""The errors that the read-only commands' path (``msgdesk list``, ``export --json``) raises
or catches; every other error is in :mod:`msgdesk.domain.errors`, which re-exports these and
says what the classes mean: import them from there, except on that path.

Apart because each class is built when its module loads, about 0.1M instructions each: the 31
of ``errors`` were 4.8M instructions of a ``msgdesk list`` whose floor, a plain sqlite3 script
doing the same reads, is 120M (issue 22).  These nine are what that path uses.
"""

from __future__ import annotations

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


class MsgdeskError(Exception):
    """Base class: something msgdesk can explain to the user in plain words."""


class InputError(MsgdeskError):
    """The user's input (a file, an argument, a value) is wrong; nothing was written."""


class NotFoundError(InputError):
    """A partnership, round, proposal or action that does not exist."""


class AmbiguousNameError(InputError):
    """A partnership named by part of its name that matches more than one."""

    def __init__(self, given: str, matches: list[str]):
        self.given, self.matches = given, matches
        super().__init__(f"{given!r} could be any of: {'; '.join(matches)}; give more of the name")


class MoveNotAllowedError(InputError):
    """A change of a round's status that its current status does not allow."""


class CheckNotConfirmedError(MoveNotAllowedError):
    """Approving a draft needs the check before IJB to have been shown and confirmed."""


class DatabaseError(MsgdeskError):
    """The database cannot be used as asked; it has not been changed."""

    #: The file concerned, and the newest good backup of it, where known.
    path: Path | None = None
    backup: Any = None


class ReadOnlyLocationError(DatabaseError):
    """The database's folder (or the file) cannot be written."""


class StorageFullError(DatabaseError):
    """The disk is full: the change was not saved, and nothing saved before was lost."""
