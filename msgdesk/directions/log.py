"""The directions log as at a date: what the IJB and its committee monitor (guidance
para 5.2), as plain values shared by the PDF, the workbook, the command line and the
window.

Every direction issued by the date is in it (drafts never are), with its status and the
reason, its milestones' due dates and RAG on the day, and the delivery issues and updates
recorded by then.  Directions with overdue milestones come first, most overdue first,
then those in force, then those no longer in force; within each, by date of issue.
Totals of the resource committed by the directions in force are given per delivery
partner (the Health Board, the Local Authority, or both jointly, as issued) and per
basis (a payment or a sum set aside), exactly, in pence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from msgdesk.directions.money import pounds_shown
from msgdesk.directions.status import DueAt, StatusAt, long_date, milestones_at, overall_at, status_at, worst
from msgdesk.directions.values import Bodies, DirectionRecord, Entry, Partner, ResourceBasis
from msgdesk.domain.states import ActionStatus, DirectionStatus
from msgdesk.tracker.rag import Rag, rag_for

if TYPE_CHECKING:  # for the annotation only
    from msgdesk.store.workspace import Workspace

TITLE = "Directions log"
#: Combinations of delivery partners, in the order totals are shown.
PARTNER_GROUPS: tuple[tuple[Partner, ...], ...] = (
    (Partner.HEALTH_BOARD,), (Partner.LOCAL_AUTHORITY,), (Partner.HEALTH_BOARD, Partner.LOCAL_AUTHORITY),
)


@dataclass(frozen=True)
class LogItem:
    record: DirectionRecord
    status: StatusAt
    #: Milestones on the day, overdue first.
    milestones: tuple[DueAt, ...]
    overall: DueAt | None
    #: The most urgent RAG of the overall timescale and the milestones (None: nothing due).
    rag: Rag | None
    delivery_issues: tuple[Entry, ...]
    updates: tuple[Entry, ...]
    issued_to: str

    @property
    def reference(self) -> str:
        return self.record.reference

    @property
    def overdue(self) -> tuple[DueAt, ...]:
        return tuple(m for m in (*self.milestones, *([self.overall] if self.overall else [])) if m.overdue)

    @property
    def days_overdue(self) -> int:
        return max((m.days_overdue for m in self.overdue), default=0)

    @property
    def in_force(self) -> bool:
        return self.status.status is DirectionStatus.IN_FORCE

    @property
    def superseded_by_text(self) -> str:
        """Who supersedes it, also a later draft (the chain is shown both ways)."""
        later = self.record.superseded_by
        return later.reference if later is not None and self.status.status is DirectionStatus.SUPERSEDED else ""


@dataclass
class Total:
    """Resource committed by directions in force to one group of delivery partners."""

    partners: tuple[Partner, ...]
    label: str
    count: int = 0
    #: Directions in force without an amount of resource.
    without_amount: int = 0
    pence: int = 0
    by_basis: dict[ResourceBasis, int] = field(default_factory=lambda: dict.fromkeys(ResourceBasis, 0))

    def add(self, pence: int | None, basis: ResourceBasis | None) -> None:
        self.count += 1
        if pence is None or basis is None:
            self.without_amount += 1
            return
        self.pence += pence
        self.by_basis[basis] += pence


@dataclass
class DirectionsLog:
    partnership: str
    bodies: Bodies
    as_at: date
    items: list[LogItem]
    totals: list[Total]
    total: Total
    counts: dict[DirectionStatus, int]
    #: Drafts, and directions issued after the day: not in the log.
    left_out: int = 0

    @property
    def overdue_milestones(self) -> list[tuple[LogItem, DueAt]]:
        """Every overdue milestone (and overall timescale), most overdue first."""
        found = [(i, m) for i in self.items for m in i.overdue]
        return sorted(found, key=lambda p: (-p[1].days_overdue, p[0].reference,
                                            p[1].index if p[1].index is not None else -1))

    def overdue_text(self) -> str:
        """"6 milestones overdue, 3 directions past their overall timescale"."""
        milestones = sum(1 for _i, m in self.overdue_milestones if m.index is not None)
        late = sum(1 for _i, m in self.overdue_milestones if m.index is None)
        text = f"{milestones} milestone{'s' if milestones != 1 else ''} overdue"
        if late:
            their = "its" if late == 1 else "their"
            text += f", {late} direction{'s' if late != 1 else ''} past {their} overall timescale"
        return text

    @property
    def open_issues(self) -> int:
        """Delivery issues recorded on directions in force."""
        return sum(len(i.delivery_issues) for i in self.items if i.in_force)

    def summary_sentence(self) -> str:
        issued = len(self.items)
        c = self.counts
        parts = [f"{issued} direction{'s' if issued != 1 else ''} issued",
                 f"{c[DirectionStatus.IN_FORCE]} in force",
                 f"{c[DirectionStatus.SUPERSEDED]} superseded (varied)",
                 f"{c[DirectionStatus.REVOKED]} revoked",
                 f"{c[DirectionStatus.COMPLETED]} completed"]
        return (", ".join(parts) + f". {self.overdue_text()}; "
                f"{self.open_issues} delivery issue{'s' if self.open_issues != 1 else ''} recorded on directions "
                f"in force. Resource committed by directions in force: {pounds_shown(self.total.pence)}.")

    def evidence_summary(self) -> str:
        """A paragraph for the evidence of MSG proposal 4.4 (directions in force, resource
        committed, delivery issues open), to paste into the return."""
        c = self.counts
        in_force = c[DirectionStatus.IN_FORCE]
        shares = [f"{t.label} {pounds_shown(t.pence)}" for t in self.totals if t.count]
        share_text = f" ({'; '.join(shares)})" if shares else ""
        first = min((i.record.data.issued_on for i in self.items if i.record.data.issued_on), default=None)
        since = f" since {long_date(first)}" if first else ""
        issued = len(self.items)
        return (
            f"Directions log as at {long_date(self.as_at)}: {in_force} direction{'s' if in_force != 1 else ''} in "
            f"force, committing {pounds_shown(self.total.pence)}{share_text}; {self.open_issues} delivery "
            f"issue{'s' if self.open_issues != 1 else ''} open on directions in force; {self.overdue_text()}. "
            f"{issued} direction{'s' if issued != 1 else ''} "
            f"issued{since}: {c[DirectionStatus.SUPERSEDED]} superseded by a later direction, "
            f"{c[DirectionStatus.REVOKED]} revoked, {c[DirectionStatus.COMPLETED]} completed. "
            "The log is reviewed by the IJB and the Performance and Audit Committee."
        )


def log_item(record: DirectionRecord, bodies: Bodies, as_at: date) -> LogItem:
    status = status_at(record, as_at)
    milestones = milestones_at(record, status.status, as_at)
    overall = overall_at(record, status.status, as_at)
    if status.status is DirectionStatus.IN_FORCE:
        rag = worst([*milestones, *([overall] if overall else [])])
    elif status.status is DirectionStatus.COMPLETED:
        rag = rag_for(ActionStatus.COMPLETE, None, as_at)
    else:
        rag = None  # superseded or revoked: nothing is due under it any more
    return LogItem(
        record=record, status=status, milestones=tuple(milestones), overall=overall, rag=rag,
        delivery_issues=tuple(e for e in record.data.delivery_issues if e.on_date <= as_at),
        updates=tuple(e for e in record.data.updates if e.on_date <= as_at),
        issued_to=bodies.names(record.data.issued_to),
    )


def _order(item: LogItem) -> tuple:
    group = 0 if item.overdue else 1 if item.in_force else 2
    return (group, -item.days_overdue, item.record.data.issued_on or date.max, item.reference)


def build_log(partnership: str, records: list[DirectionRecord], bodies: Bodies, as_at: date) -> DirectionsLog:
    items = []
    left_out = 0
    for record in records:
        item = log_item(record, bodies, as_at)
        if item.status.status is DirectionStatus.DRAFT:
            left_out += 1
            continue
        items.append(item)
    items.sort(key=_order)
    totals = [Total(group, bodies.names(group) + (" jointly" if len(group) > 1 else "")) for group in PARTNER_GROUPS]
    total = Total((), "All delivery partners")
    counts = dict.fromkeys(DirectionStatus, 0)
    for item in items:
        counts[item.status.status] += 1
        if not item.in_force:
            continue
        data = item.record.data
        for t in totals:
            if t.partners == data.issued_to:
                t.add(data.resource_pence, data.resource_basis)
        total.add(data.resource_pence, data.resource_basis)
    return DirectionsLog(partnership, bodies, as_at, items, totals, total, counts, left_out)


def read_log(workspace: Workspace, partnership: str, as_at: date) -> DirectionsLog:
    """The log of ``partnership`` as at ``as_at``, read from ``workspace``."""
    directions = workspace.directions
    return build_log(partnership, directions.list_directions(partnership), directions.bodies(partnership), as_at)
