"""The committee progress report as plain values, shared by the PDF and the
workbook: counts by status and RAG per key feature, the overdue list (most
overdue first), then every action with its latest update, all as at a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from msgdesk.domain.dates import long_date as long_date  # re-exported for the report writers
from msgdesk.domain.dates import short_date as short_date
from msgdesk.domain.return_values import ACTION_STATUSES, ROUND_STATUS_LABELS
from msgdesk.domain.states import RoundStatus
from msgdesk.domain.template import Template
from msgdesk.tracker.rag import CARRIED, RAGS, Rag
from msgdesk.tracker.rows import TrackerRow

if TYPE_CHECKING:
    from msgdesk.store.rounds import RoundInfo
    from msgdesk.store.workspace import Workspace

TITLE = "Improvement actions: progress report"


@dataclass
class Counts:
    """Actions of one key feature (or all of them) by status and by RAG."""

    number: int  # 0 for the total
    title: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTION_STATUSES, 0))
    by_rag: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAGS, 0))

    def add(self, status: str, rag: str) -> None:
        self.total += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.by_rag[rag] = self.by_rag.get(rag, 0) + 1

    @property
    def short_title(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass
class ReportItem:
    row: TrackerRow
    rag: Rag


@dataclass
class ProgressReport:
    round: RoundInfo
    as_at: date
    items: list[ReportItem]
    by_key_feature: list[Counts]
    total: Counts
    overdue: list[ReportItem]
    attribution: str
    key_feature_titles: dict[int, str]

    @property
    def partnership(self) -> str:
        return self.round.partnership

    @property
    def round_label(self) -> str:
        return self.round.label

    @property
    def rags_shown(self) -> tuple[str, ...]:
        """RAG columns worth showing: all but "carried forward" when nothing was carried on."""
        return tuple(r for r in RAGS if r != CARRIED or self.total.by_rag.get(CARRIED))

    @property
    def needs_date(self) -> list[ReportItem]:
        return [i for i in self.items if i.rag.needs_date]

    def round_status_text(self) -> str:
        text = ROUND_STATUS_LABELS.get(self.round.status, self.round.status)
        if self.round.status == RoundStatus.APPROVED and self.round.ijb_meeting_date:
            text += f" on {long_date(self.round.ijb_meeting_date)}"
            if self.round.minute_reference:
                text += f" (minute {self.round.minute_reference})"
        return text

    def summary_sentence(self) -> str:
        open_count = sum(self.total.by_rag[r] for r in RAGS if r.is_open)
        parts = [
            f"{self.total.total} action{'s' if self.total.total != 1 else ''}",
            f"{open_count} open",
            f"{len(self.overdue)} overdue",
            f"{self.total.by_rag['needs_date']} without a due date",
            f"{self.total.by_rag['complete']} complete or in place",
        ]
        return ", ".join(parts) + "."




def build_report(workspace: Workspace, round_id: int, as_at: date) -> ProgressReport:
    """The report on round ``round_id`` as at ``as_at``, read from ``workspace``."""
    return assemble_report(workspace.rounds.get_round(round_id), workspace.tracking.rows(round_id, as_at=as_at),
                           as_at, workspace.template)


def assemble_report(info: RoundInfo, rows: list[TrackerRow], as_at: date, template: Template) -> ProgressReport:
    titles = {kf.number: kf.title for kf in template.key_features}
    counts = {number: Counts(number, title) for number, title in titles.items()}
    total = Counts(0, "All key features")
    items = []
    for row in rows:
        rag = row.rag(as_at)
        items.append(ReportItem(row, rag))
        counts.setdefault(row.key_feature, Counts(row.key_feature, titles.get(row.key_feature, "Other")))
        counts[row.key_feature].add(row.status, rag.rag)
        total.add(row.status, rag.rag)
    items.sort(key=lambda i: (i.row.key_feature, i.row.order, i.row.action_id))
    overdue = sorted((i for i in items if i.rag.overdue),
                     key=lambda i: (i.rag.days_left, i.row.order, i.row.action_id))
    return ProgressReport(
        round=info,
        as_at=as_at,
        items=items,
        by_key_feature=[counts[n] for n in sorted(counts)],
        total=total,
        overdue=overdue,
        attribution=template.attribution,
        key_feature_titles=titles,
    )
