"""Where a direction stands on a day, with the reason, and the RAG of its milestones.

A direction "will remain in place until it is varied, revoked or superseded by a later
direction in respect of the same functions" (guidance para 5.2).  On a day ``as_at``
(first rule that applies wins):

1. not issued by then (a draft, or issued later) -> Draft;
2. a later direction naming it in ``supersedes`` was issued by then -> Superseded by <ref>;
3. revoked by then -> Revoked on <date> (<reason>);
4. completed by then -> Completed on <date>;
5. otherwise -> In force.

Milestones and the overall timescale are read with the tracker's machinery: the due date
is the one set by hand, else the timescale's (``msgdesk.domain.timescales.interpret``, durations
such as "6 months" running from the date of issue), and the RAG follows
``msgdesk.tracker.rag.rag_for``: an achieved milestone is complete; an open one is red when
its due date has passed (overdue), needs a date when it has none and is not ongoing, amber
within 30 days, else green.  Nothing is due on a direction no longer in force: its open
milestones show no RAG ("closed with the direction").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from msgdesk.directions.values import DirectionRecord
from msgdesk.domain.dates import long_date as long_date  # re-exported for the log's writers
from msgdesk.domain.states import ActionStatus, DirectionStatus
from msgdesk.domain.timescales import interpret
from msgdesk.tracker.rag import RAG_ORDER, Rag, rag_for


@dataclass(frozen=True)
class StatusAt:
    status: DirectionStatus
    #: The day it was issued, superseded, revoked or completed (by the status).
    on: date | None = None
    #: For Superseded: the reference of the direction that superseded it.
    by: str = ""
    #: For Revoked: why.
    reason: str = ""

    def describe(self) -> str:
        """"In force", "Superseded by NAIJB-2021-02 on 3 June 2021", "Revoked on 5 May 2021
        (reason)", "Completed on 31 March 2021", "Draft (not issued)"."""
        s = self.status
        if s is DirectionStatus.SUPERSEDED:
            when = f" on {long_date(self.on)}" if self.on else ""
            return f"Superseded by {self.by}{when}"
        if s is DirectionStatus.REVOKED:
            why = f" ({self.reason})" if self.reason else ""
            return f"Revoked on {long_date(self.on)}{why}" if self.on else "Revoked"
        if s is DirectionStatus.COMPLETED:
            return f"Completed on {long_date(self.on)}" if self.on else "Completed"
        if s is DirectionStatus.DRAFT:
            return "Draft (not issued)"
        return "In force"


def status_at(record: DirectionRecord, as_at: date | None = None) -> StatusAt:
    """Where ``record`` stands on ``as_at`` (None: now, whatever the dates say)."""
    data = record.data

    def by(day: date | None) -> bool:
        return day is not None and (as_at is None or day <= as_at)

    if not by(data.issued_on):
        return StatusAt(DirectionStatus.DRAFT)
    later = record.superseded_by
    if later is not None and by(later.issued_on):
        return StatusAt(DirectionStatus.SUPERSEDED, later.issued_on, by=later.reference)
    if by(data.revoked_on):
        return StatusAt(DirectionStatus.REVOKED, data.revoked_on, reason=data.revoked_reason)
    if by(data.completed_on):
        return StatusAt(DirectionStatus.COMPLETED, data.completed_on)
    return StatusAt(DirectionStatus.IN_FORCE, data.issued_on)


@dataclass(frozen=True)
class DueAt:
    """A milestone (or the overall timescale) on a day: its due date and RAG."""

    text: str
    timescale: str
    due: date | None
    due_set_by_hand: bool
    timescale_kind: str
    achieved_on: date | None
    #: None when nothing is due any more: the direction is no longer in force.
    rag: Rag | None
    #: Index among the direction's milestones; None for the overall timescale.
    index: int | None = None

    @property
    def overdue(self) -> bool:
        return self.rag is not None and self.rag.overdue

    @property
    def days_overdue(self) -> int:
        rag = self.rag
        return -rag.days_left if rag is not None and rag.overdue and rag.days_left is not None else 0


def due_at(text: str, timescale: str, due_date: date | None, achieved_on: date | None, issued_on: date | None,
           status: DirectionStatus, as_at: date, index: int | None = None) -> DueAt:
    reading = interpret(timescale, issued_on)
    due = due_date if due_date is not None else reading.due_date
    achieved = achieved_on if achieved_on is not None and achieved_on <= as_at else None
    rag: Rag | None
    if achieved is not None or status is DirectionStatus.COMPLETED:
        rag = rag_for(ActionStatus.COMPLETE, due, as_at, reading.kind)
    elif status is DirectionStatus.IN_FORCE:
        rag = rag_for(ActionStatus.NOT_STARTED, due, as_at, reading.kind)
    else:
        rag = None
    return DueAt(text, timescale, due, due_date is not None, reading.kind, achieved, rag, index)


def milestones_at(record: DirectionRecord, status: DirectionStatus, as_at: date) -> list[DueAt]:
    """The milestones on ``as_at``, overdue first (most overdue first), then by due date."""
    data = record.data
    found = [due_at(m.milestone, m.timescale, m.due_date, m.achieved_on, data.issued_on, status, as_at, index)
             for index, m in enumerate(data.milestones)]
    return sorted(found, key=_urgency)


def overall_at(record: DirectionRecord, status: DirectionStatus, as_at: date) -> DueAt | None:
    """The direction's overall timescale on ``as_at``; None when it gives none."""
    data = record.data
    if not data.timescale.strip():
        return None
    return due_at("Overall timescale", data.timescale, None, None, data.issued_on, status, as_at)


def _urgency(item: DueAt) -> tuple:
    order = RAG_ORDER[item.rag.rag] if item.rag is not None else len(RAG_ORDER)
    return (not item.overdue, -item.days_overdue, order, item.due or date.max,
            item.index if item.index is not None else -1)


def worst(items: list[DueAt]) -> Rag | None:
    """The most urgent RAG among ``items`` (None if none has one)."""
    rated = [i.rag for i in items if i.rag is not None]
    return min(rated, key=lambda r: RAG_ORDER[r.rag]) if rated else None
