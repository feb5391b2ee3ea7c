"""The states things move through, and the moves allowed between them, written once.

String enums: the values are what the database and the return files hold, so a value read
back compares equal to its member (``RoundStatus("approved") == "approved"``).  The database
enforces the same round transitions with triggers (migration 0002), so a writer that bypasses
the core API is held to this table too.

The five states that the read-only commands' path uses are defined in
:mod:`msgdesk.domain.core_states` and re-exported here: every state is importable from here.

Nothing here imports anything heavier than the standard library.
"""

from __future__ import annotations

from enum import StrEnum

# The states on the read-only commands' path, defined apart (see there why) and re-exported:
# the same classes, whichever module they are imported from.
from msgdesk.domain.core_states import ACTION_STATUS_LABELS as ACTION_STATUS_LABELS
from msgdesk.domain.core_states import CLOSED_ACTION_STATUSES as CLOSED_ACTION_STATUSES
from msgdesk.domain.core_states import ROUND_STATUS_LABELS as ROUND_STATUS_LABELS
from msgdesk.domain.core_states import ROUND_STATUS_PHRASES as ROUND_STATUS_PHRASES
from msgdesk.domain.core_states import ActionStatus as ActionStatus
from msgdesk.domain.core_states import Backend as Backend
from msgdesk.domain.core_states import FileState as FileState
from msgdesk.domain.core_states import OpenMode as OpenMode
from msgdesk.domain.core_states import RoundStatus as RoundStatus
from msgdesk.domain.core_states import open_mode as open_mode


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


class PackDirection(StrEnum):
    """Which side of a contribution a pack record is on."""

    SENT = "sent"  # cut here by the lead and sent to a contributor
    RECEIVED = "received"  # opened here by the contributor (their own database)


class PackState(StrEnum):
    """Where a pack sent to a contributor stands (``contribution_pack.state``)."""

    SENT = "sent"  # with the contributor; no reply merged yet
    MERGED = "merged"  # a reply was merged (a later reply from the same pack may follow)
    WITHDRAWN = "withdrawn"  # no reply expected any more

    @property
    def label(self) -> str:
        return PACK_STATE_LABELS[self]


PACK_STATE_LABELS: dict[PackState, str] = {
    PackState.SENT: "Sent, not merged yet",
    PackState.MERGED: "Reply merged",
    PackState.WITHDRAWN: "Withdrawn",
}


class PackMove(StrEnum):
    MERGE_REPLY = "merge_reply"
    WITHDRAW = "withdraw"


#: (from, move) -> to, for packs.  A reply that arrives after a withdrawal is still merged:
#: what a contributor wrote is never turned away.
PACK_MOVES: dict[tuple[PackState, PackMove], PackState] = {
    (PackState.SENT, PackMove.MERGE_REPLY): PackState.MERGED,
    (PackState.MERGED, PackMove.MERGE_REPLY): PackState.MERGED,
    (PackState.WITHDRAWN, PackMove.MERGE_REPLY): PackState.MERGED,
    (PackState.SENT, PackMove.WITHDRAW): PackState.WITHDRAWN,
}


def pack_move_target(current: PackState, move: PackMove) -> PackState | None:
    return PACK_MOVES.get((PackState(current), move))


class ConflictState(StrEnum):
    OPEN = "open"  # waiting for someone to choose
    RESOLVED = "resolved"


class ConflictResolution(StrEnum):
    OURS = "ours"  # the lead's value kept
    THEIRS = "theirs"  # the contributor's value taken
    COMBINED = "combined"  # a text written from both
    SUPERSEDED = "superseded"  # a later reply of the same pack replaced the contributor's side


class ConflictMove(StrEnum):
    RESOLVE = "resolve"  # someone chose (ours, theirs or a combined text)
    UNDO = "undo"  # the choice was undone in the window: the conflict waits again
    SUPERSEDE = "supersede"  # a later reply of the same pack brought a new value for the field


#: (from, move) -> to, for merge conflicts.
CONFLICT_MOVES: dict[tuple[ConflictState, ConflictMove], ConflictState] = {
    (ConflictState.OPEN, ConflictMove.RESOLVE): ConflictState.RESOLVED,
    (ConflictState.RESOLVED, ConflictMove.UNDO): ConflictState.OPEN,
    (ConflictState.OPEN, ConflictMove.SUPERSEDE): ConflictState.RESOLVED,
}


def conflict_move_target(current: ConflictState, move: ConflictMove) -> ConflictState | None:
    return CONFLICT_MOVES.get((ConflictState(current), move))


class ConflictField(StrEnum):
    """What a merge compares, field by field (and a conflict is about)."""

    RATING = "rating"
    EVIDENCE = "evidence"
    ACTION = "action"
    DELIVERY = "delivery"
    TIMESCALE = "timescale"
    LEAD = "lead"
    DUE_DATE = "due_date"
    #: An action one side deleted and the other edited: keep it or not.
    PRESENCE = "presence"
    #: The order of a proposal's actions.
    ORDER = "order"

    @property
    def label(self) -> str:
        return CONFLICT_FIELD_LABELS[self]

    @property
    def is_text(self) -> bool:
        """Whether the two sides can be combined into a new text."""
        return self in TEXT_FIELDS


CONFLICT_FIELD_LABELS: dict[ConflictField, str] = {
    ConflictField.RATING: "rating",
    ConflictField.EVIDENCE: "evidence",
    ConflictField.ACTION: "action",
    ConflictField.DELIVERY: "how we will deliver",
    ConflictField.TIMESCALE: "timescale",
    ConflictField.LEAD: "lead",
    ConflictField.DUE_DATE: "due date",
    ConflictField.PRESENCE: "kept or deleted",
    ConflictField.ORDER: "order of the actions",
}

TEXT_FIELDS: frozenset[ConflictField] = frozenset(
    {ConflictField.EVIDENCE, ConflictField.ACTION, ConflictField.DELIVERY, ConflictField.TIMESCALE,
     ConflictField.LEAD}
)

#: The action fields a return file carries, merged one by one.
ACTION_MERGE_FIELDS: tuple[ConflictField, ...] = (
    ConflictField.ACTION, ConflictField.DELIVERY, ConflictField.TIMESCALE, ConflictField.LEAD, ConflictField.DUE_DATE,
)


class FieldMerge(StrEnum):
    """The outcome of the three-way comparison of one field."""

    UNCHANGED = "unchanged"  # the contributor left it as it was
    APPLY = "apply"  # only the contributor changed it: theirs is taken
    SAME = "same"  # both made the same change
    CONFLICT = "conflict"  # both changed it differently: held for a person to choose


class ChangeSource(StrEnum):
    """How a change to a return came about (``content_change.source``)."""

    EDIT = "edit"  # typed in the window or set on the command line
    IMPORT = "import"  # a return file imported
    MERGE = "merge"  # a contributor's reply merged
    RESOLVE = "resolve"  # a merge conflict resolved
    START = "start"  # a round started from the previous one


class ChangeField(StrEnum):
    """What a recorded change touched (``content_change.field``)."""

    RATING = "rating"
    PREVIOUS_RATING = "previous_rating"
    EVIDENCE = "evidence"
    ACTION = "action"
    DELIVERY = "delivery"
    TIMESCALE = "timescale"
    LEAD = "lead"
    DUE_DATE = "due_date"
    ACTION_ADDED = "action_added"
    ACTION_DELETED = "action_deleted"
    ACTIONS_ORDER = "actions_order"
    RESPONSE = "response"  # the whole response (an import, a new round)
    CONFLICT = "conflict"  # a conflict held or resolved


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
class RatingChange(StrEnum):
    """How a partnership's rating of a proposal moved since an earlier round (the
    collation's comparison).  Only a proposal rated in the later round has a change:
    ``NEW`` when the earlier round gave it no rating, or there was no earlier return."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"

    @property
    def label(self) -> str:
        return RATING_CHANGE_LABELS[self]

    @property
    def symbol(self) -> str:
        """A mark printed beside the word (never instead of it)."""
        return RATING_CHANGE_SYMBOLS[self]


RATING_CHANGE_LABELS: dict[RatingChange, str] = {
    RatingChange.UP: "Up",
    RatingChange.DOWN: "Down",
    RatingChange.SAME: "Same",
    RatingChange.NEW: "New",
}

RATING_CHANGE_SYMBOLS: dict[RatingChange, str] = {
    RatingChange.UP: "\u2191",  # ↑
    RatingChange.DOWN: "\u2193",  # ↓
    RatingChange.SAME: "=",
    RatingChange.NEW: "+",
}


class Standing(StrEnum):
    """Where one partnership's rating stands against a comparator group's median."""

    ABOVE = "above"
    LEVEL = "level"
    BELOW = "below"

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]


STANDING_LABELS: dict[Standing, str] = {
    Standing.ABOVE: "Above the group's median",
    Standing.LEVEL: "At the group's median",
    Standing.BELOW: "Below the group's median",
}


class ImportOutcome(StrEnum):
    """What happened to one file of ``msgdesk import FILE... | FOLDER``."""

    IMPORTED = "imported"
    REPLACED = "replaced"  # with --replace, over a round that existed
    SKIPPED = "skipped"  # the round exists already (and --replace was not given)
    REFUSED = "refused"  # the file is wrong, or the round cannot be replaced: nothing written
