"""Errors the core raises; the window and the command line turn them into messages.

Every error is a type: callers catch the class, never look at the words.  ``InputError``
and its subclasses mean the user's input was refused and nothing was written (exit 2 on
the command line); ``DatabaseError`` and its subclasses mean the database cannot be used
as asked (exit 1).
"""

from __future__ import annotations

# The errors on the read-only commands' path, defined apart (see there why) and re-exported:
# the same classes, whichever module they are imported from.
from msgdesk.domain.core_errors import AmbiguousNameError as AmbiguousNameError
from msgdesk.domain.core_errors import CheckNotConfirmedError as CheckNotConfirmedError
from msgdesk.domain.core_errors import DatabaseError as DatabaseError
from msgdesk.domain.core_errors import InputError as InputError
from msgdesk.domain.core_errors import MoveNotAllowedError as MoveNotAllowedError
from msgdesk.domain.core_errors import MsgdeskError as MsgdeskError
from msgdesk.domain.core_errors import NotFoundError as NotFoundError
from msgdesk.domain.core_errors import ReadOnlyLocationError as ReadOnlyLocationError
from msgdesk.domain.core_errors import StorageFullError as StorageFullError

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True):
#: ``msgdesk list`` and ``export --json`` load no typing (issue 22).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


# --- the user's input ---------------------------------------------------------------------


#: Problems listed in a file's message (all are kept in ``problems``): a file with
#: thousands of wrong keys must not fill the screen.
MAX_LISTED = 50


class ExchangeFileError(InputError):
    """A file that cannot be imported (a return, a directions file, a pack workbook);
    ``problems`` lists every located problem, ``source`` names the file."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f"{source}: " if source else ""
        count = f"{len(problems):,} problems" if len(problems) != 1 else "1 problem"
        listed = [f"  {p}" for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            listed.append(f"  … and {len(problems) - MAX_LISTED:,} more")
        super().__init__(f"{where}not imported, {count}:\n" + "\n".join(listed))


class DuplicateRoundError(InputError):
    """The partnership already has a round with that name."""

    def __init__(self, partnership: str, label: str, hint: str = ""):
        self.partnership, self.label = partnership, label
        super().__init__(f"{partnership} already has a round {label}{hint}")


class RoundLockedError(InputError):
    """A change to a round the IJB has approved; approved rounds are read-only."""


class ReasonRequiredError(InputError):
    """A deliberate act (reopening, setting a due date) that must say why."""


class RecordFixedError(InputError):
    """An append-only record (history, events), an id or a reference cannot be changed."""


class InvalidValueError(InputError):
    """A value the database's checks refuse (a status or a date msgdesk does not know),
    written by another tool or by hand."""


class ConcurrentEditError(InputError):
    """Someone else saved the same field since it was read: nothing was overwritten."""

    def __init__(self, message: str, *, current: Any = None, current_version: int | None = None):
        super().__init__(message)
        self.current = current
        self.current_version = current_version


class DirectionLockedError(InputError):
    """A change to the content of a direction the IJB has issued: it is varied by issuing a
    new direction that supersedes it, never edited."""


class DirectionClosedError(InputError):
    """A direction already revoked, completed or superseded: its revocation or completion is
    final, and it cannot be revoked, completed or varied again."""
class ForeignPackError(InputError):
    """A contribution reply that does not belong here: another round's or another database's
    pack, one whose base was changed after it was cut, or a pack where a reply was expected."""


class ReusedActionIdError(ForeignPackError):
    """A reply's new action carrying the id of another action of the round: refused with its
    place, since merging it would skip it or overwrite the other action."""


class StaleReplyError(ForeignPackError):
    """A reply older than one of the same pack already merged: merging it would put the
    older text back over the newer."""


class ConflictClosedError(InputError):
    """A merge conflict that has already been resolved (by someone else, or superseded)."""


class NeedsConfirmationError(InputError):
    """An act with a consequence the user must accept first (``--force`` / a question)."""

    def __init__(self, message: str, consequences: list[str]):
        super().__init__(message)
        self.consequences = consequences


# --- files on Windows (msgdesk.exchange.windows_files) ------------------------------------


class FileInUseError(InputError):
    """Windows would not replace a file another program has open (a PDF reader, Word,
    Excel): nothing was written; ``suggestion`` is a free name beside it."""

    def __init__(self, path: Path, suggestion: Path):
        self.path, self.suggestion = path, suggestion
        super().__init__(
            f"{path} is open in another program (a PDF reader, Word or Excel?), or read-only, so Windows "
            f"will not replace it. Close it and try again, or save as {suggestion.name!r} instead. "
            "Nothing was written."
        )


class ReservedNameError(InputError):
    """A file name Windows cannot hold (CON, aux.pdf, a trailing dot, a ``?``)."""


# --- the database -------------------------------------------------------------------------


class NotADatabaseError(DatabaseError):
    """The file is not an SQLite database at all."""


class ForeignDatabaseError(DatabaseError):
    """An SQLite (or PostgreSQL) database of another application: never touched."""


class DamagedDatabaseError(DatabaseError):
    """The file is an SQLite database that fails its check; it is never written."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer msgdesk than this one."""


class AlreadyOpenError(DatabaseError):
    """Another msgdesk process has the database open."""


class DatabaseBusyError(DatabaseError):
    """Another writer held the database for longer than msgdesk waits."""


class ServerUnavailableError(DatabaseError):
    """The PostgreSQL server cannot be reached or refused the connection."""


# --- the shared PostgreSQL database (issue 19) ---------------------------------------------


class ReadOnlyDatabaseError(InputError):
    """The database user may read but not change this database (a read-only role): a refused
    change, not a fault, so the command line exits 2 and the window says so plainly."""


class ServerSecurityError(ServerUnavailableError):
    """The server could not be reached securely: its certificate, its CA or its name did not
    match, or it offers no TLS at all.  msgdesk never falls back to an unchecked connection."""


class PasswordRequiredError(ServerUnavailableError):
    """The server wants a password and none was given (or it was not accepted): the window
    asks for one and tries again; the command line says where one can come from."""
