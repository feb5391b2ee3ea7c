"""Status and RAG: the rating is derived, never typed.

Rules (first that applies wins), with ``today`` passed in so tests are
deterministic:

0. Carried forward into a later round -> ``carried``: it is followed up
   there (one live copy of each action), so it is not open in this round.
1. **Complete** or **In place** -> ``complete``.
2. **Superseded** -> ``superseded``: closed, replaced by another action.  It is
   not counted as open, never overdue and never red (the committee sees it in
   its own column, not among the problems).
3. **Off track** -> ``red``, with or without a date: the lead has said it will
   not be delivered as planned, which is what red means to the committee.
4. Due date passed and not closed -> ``red`` (overdue; any open status,
   Ongoing included: a date that was set is a date to keep).
5. No due date and not ongoing -> ``needs_date`` ("needs a date"): nothing to
   judge it against.  "Ongoing" is the status, or a timescale read as ongoing
   ("Ongoing", "business as usual", "annually") or in place.  A timescale "to
   be agreed" needs a date like any other.
6. **At risk**, or due within 30 days (today included) -> ``amber``.
7. Otherwise -> ``green`` (Ongoing without a date is green).

"Needs a date" comes before amber: an At-risk action without a date shows as
needing a date, because the committee cannot judge it until it has one (its
status still says At risk).  ``overdue`` is its own flag, true only for rule 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from msgdesk.domain.return_values import ACTION_STATUS_LABELS, ACTION_STATUSES
from msgdesk.domain.states import CLOSED_ACTION_STATUSES, ActionStatus
from msgdesk.domain.vocabulary import OPEN_RAG_STATES, RagState, TimescaleKind

#: Days ahead within which a due date turns an action amber.
AMBER_WITHIN_DAYS = 30

#: Statuses that close an action: not open, not carried forward, never overdue.
CLOSED_STATUSES: frozenset[ActionStatus] = CLOSED_ACTION_STATUSES
#: Statuses that need no due date.
UNDATED_STATUSES: frozenset[ActionStatus] = frozenset({ActionStatus.ONGOING, ActionStatus.IN_PLACE})
#: Timescale kinds that need no due date.
UNDATED_KINDS: frozenset[TimescaleKind] = frozenset({TimescaleKind.ONGOING, TimescaleKind.IN_PLACE})

RED, AMBER, GREEN, NEEDS_DATE, COMPLETE, SUPERSEDED, CARRIED = (
    RagState.RED, RagState.AMBER, RagState.GREEN, RagState.NEEDS_DATE, RagState.COMPLETE, RagState.SUPERSEDED,
    RagState.CARRIED,
)
#: RAG values, most urgent first (the order of report columns and of sorting).
RAGS: tuple[RagState, ...] = tuple(RagState)
#: RAG values of open actions (the ones a committee follows).
OPEN_RAGS: frozenset[RagState] = OPEN_RAG_STATES
RAG_LABELS: dict[str, str] = {
    RED: "Red",
    AMBER: "Amber",
    NEEDS_DATE: "Needs a date",
    GREEN: "Green",
    COMPLETE: "Complete",
    SUPERSEDED: "Superseded",
    CARRIED: "Carried forward",
}
#: Colours for tables and charts (text always accompanies the colour).
RAG_COLOURS: dict[str, str] = {
    RED: "#c0392b",
    AMBER: "#e69f00",
    NEEDS_DATE: "#7f8c8d",
    GREEN: "#2e8b57",
    COMPLETE: "#1f5f9f",
    SUPERSEDED: "#b8b8b8",
    CARRIED: "#9b7cb6",
}
RAG_ORDER: dict[str, int] = {rag: index for index, rag in enumerate(RAGS)}
STATUS_ORDER: dict[str, int] = {status: index for index, status in enumerate(ACTION_STATUSES)}


def status_label(status: str) -> str:
    return ACTION_STATUS_LABELS.get(status, status)


def rag_label(rag: str) -> str:
    return RAG_LABELS.get(rag, rag)


def is_open(status: str) -> bool:
    return status not in CLOSED_STATUSES


@dataclass(frozen=True, slots=True)
class Rag:
    """The derived rating of one action on one day."""

    rag: RagState
    overdue: bool
    needs_date: bool
    #: Days from today to the due date (negative when overdue); None without a date.
    days_left: int | None

    @property
    def label(self) -> str:
        return RAG_LABELS[self.rag]


def rag_for(status: ActionStatus | str, due: date | None, today: date, timescale_kind: TimescaleKind | str = "",
            carried_on: bool = False) -> Rag:
    """The RAG of an action with ``status``, effective due date ``due`` (hand-set
    or read from the timescale) and timescale kind (``interpret(...).kind``);
    ``carried_on`` when it has been carried into a later round."""
    days_left = (due - today).days if due is not None else None
    if carried_on:
        return Rag(CARRIED, False, False, days_left)
    if status in (ActionStatus.COMPLETE, ActionStatus.IN_PLACE):
        return Rag(COMPLETE, False, False, days_left)
    if status == ActionStatus.SUPERSEDED:
        return Rag(SUPERSEDED, False, False, days_left)
    undated_ok = status in UNDATED_STATUSES or timescale_kind in UNDATED_KINDS
    needs_date = due is None and not undated_ok
    overdue = days_left is not None and days_left < 0
    if status == ActionStatus.OFF_TRACK or overdue:
        return Rag(RED, overdue, needs_date, days_left)
    if needs_date:
        return Rag(NEEDS_DATE, False, True, None)
    if status == ActionStatus.AT_RISK or (days_left is not None and days_left <= AMBER_WITHIN_DAYS):
        return Rag(AMBER, False, False, days_left)
    return Rag(GREEN, False, False, days_left)
