"""Plain, Qt-free values describing one partnership's return for one round.

These are what the return-file reader produces, what storage hands out
(``Workspace.rounds.load_round``) and what the PDF / Excel exporters
consume.  They hold no database session and no Qt object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from msgdesk.domain.states import ACTION_STATUS_LABELS as _ACTION_LABELS
from msgdesk.domain.states import ROUND_STATUS_LABELS as _ROUND_LABELS
from msgdesk.domain.states import ActionStatus, RoundStatus
from msgdesk.domain.vocabulary import RATING_LABELS as _RATING_LABELS
from msgdesk.domain.vocabulary import Rating, member

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


@dataclass
class ActionData:
    """One proposed improvement action."""

    action: str
    delivery: str = ""
    timescale: str = ""
    lead: str = ""
    #: A due date set by hand; it overrides the timescale's interpretation.
    due_date: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    #: Stable reference, e.g. "2019-2.3-1"; empty until stored.
    reference: str = ""
    #: Stable identity (return file version 2 ``id``), kept across export, import, carry-forward
    #: and merge; empty for an action not stored yet.
    uid: str = ""
    #: Who last changed the action and when (UTC); None/"" where not known yet.
    updated_at: datetime | None = None
    updated_by: str = ""

    def __post_init__(self) -> None:
        # The enum whatever the source handed over (a stored string, a file's value); an
        # unknown value stays as it came, for its reader to report.
        self.status = member(ActionStatus, self.status)

    def due(self, completed_on: date | None) -> date | None:
        """The effective due date: the manual one, else the interpreted one."""
        if self.due_date is not None:
            return self.due_date
        # the timescale reader compiles ~25 patterns on import: not for list or export --json
        from msgdesk.domain.timescales import interpret

        return interpret(self.timescale, completed_on).due_date


@dataclass
class ResponseData:
    """The partnership's answer to one proposal."""

    proposal: str
    rating: Rating | None = None
    previous_rating: Rating | None = None
    evidence: str = ""
    actions: list[ActionData] = field(default_factory=list)
    #: Who last changed the rating or evidence and when (UTC).
    updated_at: datetime | None = None
    updated_by: str = ""

    def __post_init__(self) -> None:
        self.rating = member(Rating, self.rating) if self.rating else self.rating
        self.previous_rating = member(Rating, self.previous_rating) if self.previous_rating else self.previous_rating

    def is_empty(self) -> bool:
        return not (self.rating or self.previous_rating or self.evidence or self.actions)


@dataclass
class ReturnData:
    """A whole return: partnership, round details and responses."""

    partnership: str
    round: str
    contact: str = ""
    completed_on: date | None = None
    status: RoundStatus = RoundStatus.DRAFT
    ijb_meeting_date: date | None = None
    minute_reference: str = ""
    responses: list[ResponseData] = field(default_factory=list)
    #: A contribution pack (or a reply to one) carries what it was cut from.
    pack: PackData | None = None

    def __post_init__(self) -> None:
        self.status = member(RoundStatus, self.status)

    def response(self, proposal_id: str) -> ResponseData | None:
        for response in self.responses:
            if response.proposal == proposal_id:
                return response
        return None

    @property
    def has_previous_round(self) -> bool:
        return any(r.previous_rating for r in self.responses)


@dataclass
class PackData:
    """The ``pack`` object of a return file: proposals sent to a contributor, with the base
    they were cut from, so a reply can be merged three ways (``msgdesk.contributions.merge``)."""

    id: str
    for_whom: str
    proposals: tuple[str, ...]
    created_at: datetime
    created_by: str
    #: What each field of the pack's proposals held when it was cut (rating, evidence,
    #: actions with their ids); ``previous_rating`` and who/when are not part of a base.
    base: list[ResponseData]
    #: "sha256:<hex>" of the base with the pack's identity (``msgdesk.contributions.packs.base_digest``).
    base_digest: str
    #: Set when the contributor sends the pack back.
    reply_by: str = ""
    reply_at: datetime | None = None

    @property
    def is_reply(self) -> bool:
        return self.reply_at is not None
