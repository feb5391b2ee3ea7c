"""The states a database's opening and the read-only commands (``msgdesk list``, ``export
--json``) use: a round's status, an action's status, the backend, the open mode and what a
file holds; and the ratings (with ``member``).  Every other state is in
:mod:`msgdesk.domain.states` and every other vocabulary in :mod:`msgdesk.domain.vocabulary`,
which re-export these: import them from there, except on those commands' path.

Apart because Python 3.11 builds an enum class in Python, about 0.85M instructions (a quarter
of a millisecond) each: the 22 of ``states`` and the 3 of ``vocabulary`` were 19M
instructions of a ``msgdesk list`` whose whole floor, a plain sqlite3 script doing the same
reads, is 120M (issue 22).  These six are what that path uses.
"""

from __future__ import annotations

from enum import StrEnum

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, TypeVar

    E = TypeVar("E", bound=StrEnum)


class RoundStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"  # ready for the IJB
    APPROVED = "approved"  # approved by the IJB: the return is read-only
    REOPENED = "reopened"  # reopened for amendment after approval, with a recorded reason

    @property
    def label(self) -> str:
        return ROUND_STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        return self is not RoundStatus.APPROVED

    @property
    def phrase(self) -> str:
        """For sentences: "round 2021 is {phrase}"."""
        return ROUND_STATUS_PHRASES[self]


ROUND_STATUS_LABELS: dict[RoundStatus, str] = {
    RoundStatus.DRAFT: "Draft",
    RoundStatus.READY: "Ready for IJB",
    RoundStatus.APPROVED: "Approved by IJB",
    RoundStatus.REOPENED: "Reopened for amendment",
}


ROUND_STATUS_PHRASES: dict[RoundStatus, str] = {
    RoundStatus.DRAFT: "a draft",
    RoundStatus.READY: "ready for the IJB",
    RoundStatus.APPROVED: "approved by the IJB",
    RoundStatus.REOPENED: "reopened for amendment",
}


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"
    ONGOING = "ongoing"
    IN_PLACE = "in_place"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return ACTION_STATUS_LABELS[self]

    @property
    def closed(self) -> bool:
        return self in CLOSED_ACTION_STATUSES


ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.ON_TRACK: "On track",
    ActionStatus.AT_RISK: "At risk",
    ActionStatus.OFF_TRACK: "Off track",
    ActionStatus.COMPLETE: "Complete",
    ActionStatus.ONGOING: "Ongoing",
    ActionStatus.IN_PLACE: "In place",
    ActionStatus.SUPERSEDED: "Superseded",
}

#: Statuses that close an action: not open, not carried forward, never overdue.
CLOSED_ACTION_STATUSES: frozenset[ActionStatus] = frozenset(
    {ActionStatus.COMPLETE, ActionStatus.IN_PLACE, ActionStatus.SUPERSEDED}
)


class Backend(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class OpenMode(StrEnum):
    """How an SQLite database is opened.  A command that only reads (export, list, report,
    collate) may open a database whose folder it cannot write: no backup, lock, migration or
    journal is made there, and the export goes wherever the officer said."""

    READ_WRITE = "read_write"
    READ_ONLY = "read_only"


def open_mode(*, reads_only: bool, folder_writable: bool, file_writable: bool) -> OpenMode:
    """The decision, apart from the file system so it can be tested on its own: only a
    reading command on an unwritable place opens read-only; a writing command there still
    gets the plain "cannot save your work" refusal before anything is touched."""
    if reads_only and not (folder_writable and file_writable):
        return OpenMode.READ_ONLY
    return OpenMode.READ_WRITE


class FileState(StrEnum):
    """What a database file holds, as found before msgdesk writes to it."""

    NEW = "new"  # absent, empty, or an SQLite file with no tables: msgdesk may create it
    OK = "ok"
    NOT_DATABASE = "not_database"
    FOREIGN = "foreign"  # an SQLite database of another application
    DAMAGED = "damaged"
    TOO_NEW = "too_new"

    @property
    def usable(self) -> bool:
        return self in (FileState.NEW, FileState.OK)


class Rating(StrEnum):
    """A proposal's self-evaluation rating, in the order of the template's columns."""

    NOT_YET_ESTABLISHED = "not_yet_established"
    PARTLY_ESTABLISHED = "partly_established"
    ESTABLISHED = "established"
    EXEMPLARY = "exemplary"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]


RATING_LABELS: dict[Rating, str] = {
    Rating.NOT_YET_ESTABLISHED: "Not yet established",
    Rating.PARTLY_ESTABLISHED: "Partly established",
    Rating.ESTABLISHED: "Established",
    Rating.EXEMPLARY: "Exemplary",
}


def member(enum: type[E], value: Any) -> Any:
    """``value`` as a member of ``enum`` when it is one of its values; anything else as it
    came, so that the reader that validates it (a return file, a damaged row) reports it in
    its own words rather than a ValueError here."""
    if isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        return value
