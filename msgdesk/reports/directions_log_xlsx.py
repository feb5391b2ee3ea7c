"""The directions log as an Excel workbook (openpyxl), for the committee's papers and for
officers who sort and filter.

Sheets: "Summary" (the day, the counts by status, the resource committed by directions in
force per delivery partner and basis), "Directions" (one row per direction with the
guidance's minimum fields, status and reason, RAG and what is overdue), "Milestones"
(overdue first), "Delivery issues" and "Updates".

Amounts are exact: written as decimal numbers in pounds with two places from integer
pence (never through a float) and shown as £#,##0.00.  User text is always data: every
text cell is stored as a string, and one that starts with a character Excel starts a
formula with (= + - @, their fullwidth forms, a tab or a line break) also gets Excel's
quote prefix, so it is never read or edited into a formula.  Every sheet prints on A4
landscape with its header row repeated and "page N of M".
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.directions.log import TITLE, DirectionsLog, LogItem
from msgdesk.directions.money import pounds_decimal
from msgdesk.directions.status import DueAt
from msgdesk.directions.values import ResourceBasis
from msgdesk.states import DirectionStatus
from msgdesk.tracker.rag import RAG_COLOURS

MONEY_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "dd/mm/yyyy"
MAX_CELL = 32_767
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20",
                    "\ufe66", "\ufe62", "\ufe63")
TOP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9DEE2")


class Money:
    """An amount in pence, for ``put``: written as exact pounds and pence."""

    __slots__ = ("pence",)

    def __init__(self, pence: int) -> None:
        self.pence = pence


def _clean(text: str) -> str:
    import re

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", text)
    if len(text) > MAX_CELL:
        note = (f" … [TRUNCATED: this text has {len(text):,} characters, more than an Excel cell holds; "
                "the full text is in the PDF log and the directions file]")
        text = text[:MAX_CELL - len(note)] + note
    return text


def put(ws: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> None:
    """One cell: dates as dates, money as exact pounds, counts as numbers, text as text."""
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Money):
        cell.value = pounds_decimal(value.pence)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    else:
        text = _clean(str(value))
        cell.value = text
        cell.data_type = "s"  # never a formula, nor an error value such as "#N/A"
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    cell.alignment = TOP
    if bold:
        cell.font = BOLD


def _table(ws: Worksheet, top: int, headers: list[str], rows: list[list[Any]], widths: list[int] | None = None,
           *, filters: bool = True) -> int:
    for column, header in enumerate(headers, 1):
        cell = ws.cell(row=top, column=column, value=header)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, TOP
        if widths:
            ws.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            put(ws, top + offset, column, value)
    if filters and rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + len(rows)}"
    return top + len(rows)


def _print_setup(ws: Worksheet, header_row: int | None = 1) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "&A – page &P of &N"


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
    _print_setup(ws, None)


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
    _print_setup(ws)
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
    from msgdesk.returnfile import write_atomically

    buffer = io.BytesIO()
    build_workbook(log).save(buffer)
    return write_atomically(path, buffer.getvalue())
