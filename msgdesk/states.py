"""The states things move through, and the moves allowed between them, written once.

String enums: the values are what the database and the return files hold, so a value read
back compares equal to its member (``RoundStatus("approved") == "approved"``).  The database
enforces the same round transitions with triggers (migration 0002), so a writer that bypasses
the core API is held to this table too.

Nothing here imports anything heavier than the standard library.
"""

from __future__ import annotations

from enum import StrEnum


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


class RoundMove(StrEnum):
    """A deliberate act on a round; each is recorded as a round event."""

    MARK_READY = "marked_ready"
    BACK_TO_DRAFT = "marked_draft"
    APPROVE = "approved"
    REOPEN = "reopened"


#: (from, move) -> to.  Anything else is refused, by the core API and by the database.
ROUND_MOVES: dict[tuple[RoundStatus, RoundMove], RoundStatus] = {
    (RoundStatus.DRAFT, RoundMove.MARK_READY): RoundStatus.READY,
    (RoundStatus.REOPENED, RoundMove.MARK_READY): RoundStatus.READY,
    (RoundStatus.READY, RoundMove.BACK_TO_DRAFT): RoundStatus.DRAFT,
    (RoundStatus.READY, RoundMove.APPROVE): RoundStatus.APPROVED,
    # From a draft (or a reopened return) only after the check before IJB has been shown
    # and its findings confirmed: the core API asks for that confirmation.
    (RoundStatus.DRAFT, RoundMove.APPROVE): RoundStatus.APPROVED,
    (RoundStatus.REOPENED, RoundMove.APPROVE): RoundStatus.APPROVED,
    (RoundStatus.APPROVED, RoundMove.REOPEN): RoundStatus.REOPENED,
}

#: Moves to approval that need the check before IJB to have been confirmed first.
APPROVAL_NEEDS_CONFIRMED_CHECK: frozenset[RoundStatus] = frozenset({RoundStatus.DRAFT, RoundStatus.REOPENED})


def round_move_target(current: RoundStatus, move: RoundMove) -> RoundStatus | None:
    """The status ``move`` leads to from ``current``; None if it is not allowed."""
    return ROUND_MOVES.get((RoundStatus(current), move))


def allowed_moves(current: RoundStatus) -> list[RoundMove]:
    return [move for (start, move) in ROUND_MOVES if start == current]


class EventKind(StrEnum):
    """What a round event records (``round_event.kind``)."""

    CREATED = "created"
    IMPORTED = "imported"
    STARTED_FROM_PREVIOUS = "started_from_previous"
    REPLACED_BY_IMPORT = "replaced_by_import"
    MARKED_READY = "marked_ready"
    MARKED_DRAFT = "marked_draft"
    APPROVED = "approved"
    REOPENED = "reopened"
    RESTORED = "restored"  # the database went back to a backup that changed this round


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


class HistoryKind(StrEnum):
    """What an entry in an action's history records (``action_update.kind``)."""

    PROGRESS = "progress"
    STATUS = "status"
    DUE_DATE = "due_date"
    LEAD = "lead"
    CARRIED_FORWARD = "carried_forward"

    @property
    def label(self) -> str:
        return HISTORY_KIND_LABELS[self]


HISTORY_KIND_LABELS: dict[HistoryKind, str] = {
    HistoryKind.PROGRESS: "Progress",
    HistoryKind.STATUS: "Status",
    HistoryKind.DUE_DATE: "Due date",
    HistoryKind.LEAD: "Lead",
    HistoryKind.CARRIED_FORWARD: "Carried forward",
}


class Backend(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


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


class DirectionStatus(StrEnum):
    """Where a direction from the IJB stands on a day; derived, never typed (see
    ``msgdesk.directions.status``).  A direction is stored as a draft or as issued (its
    date of issue); superseded, revoked and completed follow from a later direction that
    names it in ``supersedes``, or from its own date of revocation or completion."""

    DRAFT = "draft"  # not issued: the IJB has not sent it (or it is not issued yet on the day)
    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"  # varied: a later direction issued in its place
    REVOKED = "revoked"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return DIRECTION_STATUS_LABELS[self]

    @property
    def closed(self) -> bool:
        """No longer in place: nothing in it is due any more."""
        return self in (DirectionStatus.SUPERSEDED, DirectionStatus.REVOKED, DirectionStatus.COMPLETED)


DIRECTION_STATUS_LABELS: dict[DirectionStatus, str] = {
    DirectionStatus.DRAFT: "Draft",
    DirectionStatus.IN_FORCE: "In force",
    DirectionStatus.SUPERSEDED: "Superseded",
    DirectionStatus.REVOKED: "Revoked",
    DirectionStatus.COMPLETED: "Completed",
}
