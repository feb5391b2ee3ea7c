"""The directions log as an Excel workbook (openpyxl), for the committee's papers and for
officers who sort and filter.

Sheets: "Summary" (the day, the counts by status, the resource committed by directions in
force per delivery partner and basis), "Directions" (one row per direction with the
guidance's minimum fields, status and reason, RAG and what is overdue), "Milestones"
(overdue first), "Delivery issues" and "Updates".

Amounts are exact: written as decimal numbers in pounds with two places from integer
pence (never through a float) and shown as £#,##0.00.  User text is always data
(``msgdesk.reports.cells``: a string, with Excel's quote prefix when it starts as a
formula would, fullwidth forms included).  Every sheet prints on A4 landscape with its
header row repeated and "page N of M".
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.directions.log import TITLE, DirectionsLog, LogItem
from msgdesk.directions.money import pounds_decimal
from msgdesk.directions.status import DueAt
from msgdesk.directions.values import ResourceBasis
from msgdesk.domain.states import DirectionStatus
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports import cells
from msgdesk.tracker.rag import RAG_COLOURS

MONEY_FORMAT = '"£"#,##0.00'
BOLD = Font(bold=True)


class Money:
    """An amount in pence, for ``put``: written as exact pounds and pence."""

    __slots__ = ("pence",)

    def __init__(self, pence: int) -> None:
        self.pence = pence


def _fitted(text: str) -> str:
    """Text no longer than a cell holds, with a note saying where the rest is (the shared
    helper's note speaks of the return file; here it is the directions file)."""
    if len(text) <= cells.MAX_CELL:
        return text
    note = (f" … [TRUNCATED: this text has {len(text):,} characters, more than an Excel cell holds; "
            "the full text is in the PDF log and the directions file]")
    return text[:cells.MAX_CELL - len(note)] + note


def put(ws: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> None:
    """One cell (``msgdesk.reports.cells.put``: dates as dates, text never a formula);
    money as exact pounds and pence."""
    if isinstance(value, Money):
        cell = ws.cell(row=row, column=column, value=pounds_decimal(value.pence))
        cell.number_format = MONEY_FORMAT
        cell.alignment = cells.TOP
        if bold:
            cell.font = BOLD
        return
    if isinstance(value, str):
        value = _fitted(cells.clean(value))
    cells.put(ws, row, column, value, bold=bold)


def _table(ws: Worksheet, top: int, headers: list[str], rows: list[list[Any]], widths: list[int] | None = None,
           *, filters: bool = True) -> int:
    cells.header_row(ws, headers, row=top, widths=widths)
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            put(ws, top + offset, column, value)
    if filters and rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + len(rows)}"
    return top + len(rows)


def _summary(ws: Worksheet, log: DirectionsLog) -> None:
    ws.title = "Summary"
    ws.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    for row, (label, value) in enumerate((("Partnership", log.partnership), ("As at", log.as_at),
                                          ("Summary", log.summary_sentence())), start=2):
        put(ws, row, 1, label, bold=True)
        put(ws, row, 2, value)
    bases = list(ResourceBasis)
    rows = [[t.label, t.count, t.without_amount, *(Money(t.by_basis[b]) for b in bases), Money(t.pence)]
            for t in [*log.totals, log.total]]
    put(ws, 6, 1, "Resource committed by directions in force", bold=True)
    end = _table(ws, 7, ["Delivery partner", "Directions in force", "Of which with no amount",
                         *(b.label for b in bases), "Total committed"], rows,
                 [44, 12, 12, 18, 18, 18, 18], filters=False)
    for column in range(1, 8):
        ws.cell(row=end, column=column).font = BOLD
    put(ws, end + 2, 1, "Directions by status", bold=True)
    _table(ws, end + 3, ["Status", "Directions"], [[s.label, log.counts[s]] for s in DirectionStatus
                                                   if s is not DirectionStatus.DRAFT], filters=False)
    ws.column_dimensions["B"].width = 60
    cells.print_setup(ws, repeat_header=False)


def _due(m: DueAt | None) -> date | None:
    return m.due if m is not None else None


def _rag_text(m: DueAt) -> str:
    if m.achieved_on is not None:
        return "Complete"
    return m.rag.label if m.rag is not None else "Closed with the direction"


DIRECTION_COLUMNS = [
    ("Reference", 16), ("Title", 36), ("Function(s) covered", 36), ("Issued to", 30), ("Date of issue", 12),
    ("IJB meeting", 12), ("IJB report", 30), ("Minute reference", 20), ("Status", 12), ("Status in full", 40),
    ("Status date", 12), ("RAG", 12), ("Overdue milestones", 10), ("Supersedes", 16), ("Superseded by", 16),
    ("What is to be delivered", 60), ("Outcomes", 40), ("Resource committed", 18), ("Resource basis", 22),
    ("Timescale", 24), ("Due date (timescale)", 12), ("Review date", 12), ("Delivery issues", 10),
    ("Latest delivery issue", 50), ("Latest update", 50),
]


def _direction_row(item: LogItem) -> list[Any]:
    data = item.record.data
    latest_issue = item.delivery_issues[-1] if item.delivery_issues else None
    latest_update = item.updates[-1] if item.updates else None
    return [
        item.reference, data.title, "\n".join(data.functions), item.issued_to, data.issued_on, data.ijb_meeting,
        data.ijb_report, data.minute_reference, item.status.status.label, item.status.describe(), item.status.on,
        item.rag.label if item.rag else "", len(item.overdue), data.supersedes or "", item.superseded_by_text,
        data.instruction, data.outcomes,
        Money(data.resource_pence) if data.resource_pence is not None else None,
        data.resource_basis.label if data.resource_basis else "", data.timescale, _due(item.overall),
        data.review_date, len(item.delivery_issues),
        f"{latest_issue.on_date:%d/%m/%Y}: {latest_issue.text}" if latest_issue else "",
        f"{latest_update.on_date:%d/%m/%Y}: {latest_update.text}" if latest_update else "",
    ]


def _sheet(wb: Workbook, title: str, columns: list[tuple[str, int]], rows: list[list[Any]], empty: str) -> Worksheet:
    ws = wb.create_sheet(title)
    _table(ws, 1, [c for c, _ in columns], rows, [w for _, w in columns])
    ws.freeze_panes = "B2"
    if not rows:
        put(ws, 2, 1, empty)
    cells.print_setup(ws, repeat_header=True)
    return ws


def build_workbook(log: DirectionsLog) -> Workbook:
    wb = Workbook()
    _summary(wb.active, log)
    _sheet(wb, "Directions", DIRECTION_COLUMNS, [_direction_row(i) for i in log.items],
           "No direction had been issued by this date.")
    milestone_rows, colours = [], []
    for item in log.items:
        for m in item.milestones:
            milestone_rows.append((m.overdue, m.days_overdue, [
                item.reference, item.record.data.title, m.text, m.timescale, m.due, "yes" if m.due_set_by_hand else "",
                m.achieved_on, _rag_text(m), m.days_overdue or None]))
            colours.append(m)
    order = sorted(range(len(milestone_rows)), key=lambda i: (not milestone_rows[i][0], -milestone_rows[i][1]))
    ws = _sheet(wb, "Milestones", [("Reference", 16), ("Direction", 36), ("Milestone", 50), ("Timescale", 20),
                                   ("Due date", 12), ("Due date set by hand", 10), ("Met on", 12), ("RAG", 14),
                                   ("Days overdue", 10)],
                [milestone_rows[i][2] for i in order], "No direction in the log has milestones.")
    for row, index in enumerate(order, 2):
        rag = colours[index].rag
        if rag is not None and colours[index].achieved_on is None:
            ws.cell(row=row, column=8).fill = PatternFill("solid", fgColor=RAG_COLOURS[rag.rag].lstrip("#"))
            ws.cell(row=row, column=8).font = Font(bold=True, color="FFFFFF")
    _sheet(wb, "Delivery issues", [("Reference", 16), ("Direction", 36), ("Date", 12), ("Delivery issue", 90)],
           [[i.reference, i.record.data.title, e.on_date, e.text] for i in log.items for e in i.delivery_issues],
           "No delivery issue recorded by this date.")
    _sheet(wb, "Updates", [("Reference", 16), ("Direction", 36), ("Date", 12), ("Recorded by", 18), ("Update", 90)],
           [[i.reference, i.record.data.title, e.on_date, e.author, e.text] for i in log.items for e in i.updates],
           "No progress update recorded by this date.")
    wb.properties.title = f"{TITLE} – {log.partnership}, as at {log.as_at.isoformat()}"
    wb.properties.creator = "msgdesk"
    return wb


def write_xlsx(log: DirectionsLog, path: str | os.PathLike[str]) -> Path:
    """Write the workbook atomically (a half-written file never replaces a good one)."""
    buffer = io.BytesIO()
    build_workbook(log).save(buffer)
    return write_atomically(path, buffer.getvalue())
