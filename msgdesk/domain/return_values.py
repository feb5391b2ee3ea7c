"""Plain, Qt-free values describing one partnership's return for one round.

These are what the return-file reader produces, what storage hands out
(``Workspace.rounds.load_round``) and what the PDF / Excel exporters
consume.  They hold no database session and no Qt object.

They are ``Record`` classes (``msgdesk.domain.record``), not dataclasses: ``msgdesk export
--json`` builds them on every run, and ``dataclasses`` costs it about 11 ms to import.
Equality, repr and ``replace`` (for ``dataclasses.replace``) are a dataclass's.
"""

from __future__ import annotations

from datetime import date, datetime

from msgdesk.domain.core_states import ACTION_STATUS_LABELS as _ACTION_LABELS
from msgdesk.domain.core_states import RATING_LABELS as _RATING_LABELS
from msgdesk.domain.core_states import ROUND_STATUS_LABELS as _ROUND_LABELS
from msgdesk.domain.core_states import (  # not states' 17 other enums (export --json)
    ActionStatus,
    Rating,
    RoundStatus,
    member,
)
from msgdesk.domain.record import Record

#: Rating values in the order of the template's columns (``Rating`` is the source).
RATINGS: tuple[str, ...] = tuple(r.value for r in Rating)
RATING_LABELS: dict[str, str] = {r.value: label for r, label in _RATING_LABELS.items()}

#: Round and action statuses by their stored values (the enums in ``msgdesk.domain.states`` are
#: the source; these plain-string views serve the exporters and the window's lists).
ROUND_STATUSES: tuple[str, ...] = tuple(s.value for s in RoundStatus)
ROUND_STATUS_LABELS: dict[str, str] = {s.value: label for s, label in _ROUND_LABELS.items()}
ACTION_STATUSES: tuple[str, ...] = tuple(s.value for s in ActionStatus)
ACTION_STATUS_LABELS: dict[str, str] = {s.value: label for s, label in _ACTION_LABELS.items()}


def rating_label(rating: str | None) -> str:
    """"Partly established" for ``partly_established``; "" for no rating."""
    return RATING_LABELS.get(rating, "") if rating else ""


class ActionData(Record):
    """One proposed improvement action."""

    __slots__ = ("action", "delivery", "timescale", "lead", "due_date", "status", "reference", "uid", "updated_at",
                 "updated_by")

    def __init__(self, action: str, delivery: str = "", timescale: str = "", lead: str = "",
                 due_date: date | None = None, status: ActionStatus = ActionStatus.NOT_STARTED,
                 reference: str = "", uid: str = "", updated_at: datetime | None = None,
                 updated_by: str = "") -> None:
        self.action = action
        self.delivery = delivery
        self.timescale = timescale
        self.lead = lead
        #: A due date set by hand; it overrides the timescale's interpretation.
        self.due_date = due_date
        # The enum whatever the source handed over (a stored string, a file's value); an
        # unknown value stays as it came, for its reader to report.
        self.status: ActionStatus = member(ActionStatus, status)
        #: Stable reference, e.g. "2019-2.3-1"; empty until stored.
        self.reference = reference
        #: Stable identity (return file version 2 ``id``), kept across export, import, carry-forward
        #: and merge; empty for an action not stored yet.
        self.uid = uid
        #: Who last changed the action and when (UTC); None/"" where not known yet.
        self.updated_at = updated_at
        self.updated_by = updated_by

    def due(self, completed_on: date | None) -> date | None:
        """The effective due date: the manual one, else the interpreted one."""
        if self.due_date is not None:
            return self.due_date
        # the timescale reader compiles ~25 patterns on import: not for list or export --json
        from msgdesk.domain.timescales import interpret

        return interpret(self.timescale, completed_on).due_date


class ResponseData(Record):
    """The partnership's answer to one proposal."""

    __slots__ = ("proposal", "rating", "previous_rating", "evidence", "actions", "updated_at", "updated_by")

    def __init__(self, proposal: str, rating: Rating | None = None, previous_rating: Rating | None = None,
                 evidence: str = "", actions: list[ActionData] | None = None, updated_at: datetime | None = None,
                 updated_by: str = "") -> None:
        self.proposal = proposal
        self.rating: Rating | None = member(Rating, rating) if rating else rating
        self.previous_rating: Rating | None = member(Rating, previous_rating) if previous_rating else previous_rating
        self.evidence = evidence
        self.actions: list[ActionData] = [] if actions is None else actions
        #: Who last changed the rating or evidence and when (UTC).
        self.updated_at = updated_at
        self.updated_by = updated_by

    def is_empty(self) -> bool:
        return not (self.rating or self.previous_rating or self.evidence or self.actions)


class ReturnData(Record):
    """A whole return: partnership, round details and responses."""

    __slots__ = ("partnership", "round", "contact", "completed_on", "status", "ijb_meeting_date", "minute_reference",
                 "responses", "pack")

    def __init__(self, partnership: str, round: str, contact: str = "", completed_on: date | None = None,
                 status: RoundStatus = RoundStatus.DRAFT, ijb_meeting_date: date | None = None,
                 minute_reference: str = "", responses: list[ResponseData] | None = None,
                 pack: PackData | None = None) -> None:
        self.partnership = partnership
        self.round = round
        self.contact = contact
        self.completed_on = completed_on
        self.status: RoundStatus = member(RoundStatus, status)
        self.ijb_meeting_date = ijb_meeting_date
        self.minute_reference = minute_reference
        self.responses: list[ResponseData] = [] if responses is None else responses
        #: A contribution pack (or a reply to one) carries what it was cut from.
        self.pack = pack

    def response(self, proposal_id: str) -> ResponseData | None:
        for response in self.responses:
            if response.proposal == proposal_id:
                return response
        return None

    @property
    def has_previous_round(self) -> bool:
        return any(r.previous_rating for r in self.responses)


class PackData(Record):
    """The ``pack`` object of a return file: proposals sent to a contributor, with the base
    they were cut from, so a reply can be merged three ways (``msgdesk.contributions.merge``)."""

    __slots__ = ("id", "for_whom", "proposals", "created_at", "created_by", "base", "base_digest", "reply_by",
                 "reply_at")

    def __init__(self, id: str, for_whom: str, proposals: tuple[str, ...], created_at: datetime, created_by: str,
                 base: list[ResponseData], base_digest: str, reply_by: str = "",
                 reply_at: datetime | None = None) -> None:
        self.id = id
        self.for_whom = for_whom
        self.proposals = proposals
        self.created_at = created_at
        self.created_by = created_by
        #: What each field of the pack's proposals held when it was cut (rating, evidence,
        #: actions with their ids); ``previous_rating`` and who/when are not part of a base.
        self.base = base
        #: "sha256:<hex>" of the base with the pack's identity (``msgdesk.contributions.packs.base_digest``).
        self.base_digest = base_digest
        #: Set when the contributor sends the pack back.
        self.reply_by = reply_by
        self.reply_at = reply_at

    @property
    def is_reply(self) -> bool:
        return self.reply_at is not None
