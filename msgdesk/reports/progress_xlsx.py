"""The committee progress report as an Excel workbook (openpyxl).

Sheets: "Summary" (counts by RAG and by status per key feature, and a stacked
bar chart of RAG by key feature), "Overdue" (most overdue first), "Actions"
(every action, how it will be delivered, its latest update) and "History"
(every entry up to the report date).  RAG cells are filled with the RAG's
colour (the word is always there too).  User text is always data, never a
formula, and characters Excel cannot hold show as U+FFFD
(:mod:`msgdesk.reports.cells`).  Every sheet prints A4 landscape, one page wide,
with its header row repeated.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports import cells
from msgdesk.tracker.rag import AMBER, RAG_COLOURS, RAG_LABELS, RAGS, SUPERSEDED, status_label
from msgdesk.tracker.report import TITLE, ProgressReport, long_date

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
DATE_FORMAT = "DD/MM/YYYY"
#: RAG fills; dark text on the light ones, white on the others.
RAG_FILLS = {rag: PatternFill("solid", fgColor=RAG_COLOURS[rag].lstrip("#")) for rag in RAGS}
RAG_FONTS = {rag: Font(bold=True, color="000000" if rag in (AMBER, SUPERSEDED) else "FFFFFF") for rag in RAGS}


def _put(ws, row: int, column: int, value, *, bold: bool = False, wrap: bool = False, date_cell: bool = False):
    """Write one cell; strings are kept as text (never formulas)."""
    cell = cells.put(ws, row, column, value, wrap=wrap, bold=bold)
    if cell is not None and date_cell:
        cell.number_format = DATE_FORMAT
    return cell


def _header(ws, row: int, titles, widths=None) -> None:
    for column, title in enumerate(titles, start=1):
        cell = _put(ws, row, column, title, bold=True, wrap=True)
        cell.fill = HEADER_FILL
        if widths:
            ws.column_dimensions[get_column_letter(column)].width = widths[column - 1]


def _summary(ws, report: ProgressReport) -> None:
    ws.title = "Summary"
    ws.cell(row=1, column=1, value=TITLE).font = TITLE_FONT
    details = [
        ("Partnership", report.partnership),
        ("Self-evaluation round", report.round_label),
        ("Round status", report.round_status_text()),
        ("As at", report.as_at),
        ("Summary", report.summary_sentence()),
    ]
    for offset, (label, value) in enumerate(details, start=2):
        _put(ws, offset, 1, label, bold=True)
        _put(ws, offset, 2, value, date_cell=label == "As at")
    rags = report.rags_shown
    top = len(details) + 3
    _put(ws, top - 1, 1, "Actions by RAG and key feature", bold=True)
    _header(ws, top, ["Key feature", "Actions", *(RAG_LABELS[r] for r in rags)],
            [48, 10, *([13] * len(rags))])
    for column, rag in enumerate(rags, start=3):
        ws.cell(row=top, column=column).fill = PatternFill("solid", fgColor=RAG_COLOURS[rag].lstrip("#"))
        ws.cell(row=top, column=column).font = Font(bold=True, color="FFFFFF")
    row = top
    for counts in [*report.by_key_feature, report.total]:
        row += 1
        _put(ws, row, 1, counts.short_title, bold=counts.number == 0)
        _put(ws, row, 2, counts.total, bold=counts.number == 0)
        for column, rag in enumerate(rags, start=3):
            _put(ws, row, column, counts.by_rag.get(rag, 0), bold=counts.number == 0)
    last_feature_row = row - 1

    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Actions by RAG and key feature"
    chart.y_axis.title = "Actions"
    chart.x_axis.title = "Key feature"
    data = Reference(ws, min_col=3, max_col=2 + len(rags), min_row=top, max_row=last_feature_row)
    chart.add_data(data, titles_from_data=True)
    # Category labels: the key feature numbers, kept short so the chart stays readable.
    cats_col = 4 + len(rags)
    for offset, counts in enumerate(report.by_key_feature, start=1):
        _put(ws, top + offset, cats_col, f"KF {counts.number}")
    ws.column_dimensions[get_column_letter(cats_col)].hidden = True
    chart.set_categories(Reference(ws, min_col=cats_col, min_row=top + 1, max_row=last_feature_row))
    for series, rag in zip(chart.series, rags, strict=False):
        series.graphicalProperties.solidFill = RAG_COLOURS[rag].lstrip("#")
        series.graphicalProperties.line.solidFill = RAG_COLOURS[rag].lstrip("#")
    chart.height, chart.width = 8, 18

    row += 3
    _put(ws, row - 1, 1, "Actions by status and key feature", bold=True)
    statuses = [s for s in report.total.by_status]
    _header(ws, row, ["Key feature", "Actions", *(status_label(s) for s in statuses)])
    for counts in [*report.by_key_feature, report.total]:
        row += 1
        _put(ws, row, 1, counts.short_title, bold=counts.number == 0)
        _put(ws, row, 2, counts.total, bold=counts.number == 0)
        for column, status in enumerate(statuses, start=3):
            _put(ws, row, column, counts.by_status.get(status, 0), bold=counts.number == 0)
    ws.add_chart(chart, f"A{row + 3}")
    _put(ws, row + 21, 1, report.attribution, wrap=False)
    cells.print_setup(ws, repeat_header=False)


ACTION_COLUMNS = [
    ("Reference", 14), ("Key feature", 8), ("Proposal", 9), ("Action", 60), ("How we will deliver", 50), ("Lead", 18),
    ("Timescale", 16), ("Due date", 12), ("Due date set by hand", 10), ("Status", 13), ("RAG", 13),
    ("Days to due date", 10), ("Carried from", 16), ("Carried to", 16),
    ("Latest update on", 12), ("Latest update by", 16), ("Latest update", 60),
]


def _action_row(ws, row: int, item) -> None:
    r, rag = item.row, item.rag
    update = r.last_update
    values = [
        r.reference, r.key_feature, r.proposal_id, r.text, r.delivery, r.lead, r.timescale, r.due_date,
        "yes" if r.due_set_by_hand else "", status_label(r.status), rag.label, rag.days_left,
        f"{r.carried_from.reference} (round {r.carried_from.round_label})" if r.carried_from else "",
        ", ".join(f"round {link.round_label}" for link in r.carried_to),
        update.on_date if update else None, update.author if update else "",
        update.describe() if update else "",
    ]
    for column, value in enumerate(values, start=1):
        _put(ws, row, column, value, wrap=column in WRAPPED, date_cell=column in DATED)
    cell = ws.cell(row=row, column=RAG_COLUMN)
    cell.fill = RAG_FILLS[rag.rag]
    cell.font = RAG_FONTS[rag.rag]


_NAMES = [name for name, _ in ACTION_COLUMNS]
WRAPPED = {_NAMES.index(n) + 1 for n in ("Action", "How we will deliver", "Latest update")}
DATED = {_NAMES.index(n) + 1 for n in ("Due date", "Latest update on")}
RAG_COLUMN = _NAMES.index("RAG") + 1


def _actions_sheet(wb, title: str, items, empty_text: str) -> None:
    ws = wb.create_sheet(title)
    _header(ws, 1, [c for c, _ in ACTION_COLUMNS], [w for _, w in ACTION_COLUMNS])
    ws.freeze_panes = "B2"
    for row, item in enumerate(items, start=2):
        _action_row(ws, row, item)
    if items:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(ACTION_COLUMNS))}{len(items) + 1}"
    else:
        _put(ws, 2, 1, empty_text)
    cells.print_setup(ws, repeat_header=True)


def _history_sheet(wb, report: ProgressReport) -> None:
    ws = wb.create_sheet("History")
    _header(ws, 1, ["Reference", "Round", "Date", "Kind", "By", "Text", "Status after", "Due date before",
                    "Due date after"], [14, 8, 12, 14, 16, 70, 13, 12, 12])
    ws.freeze_panes = "A2"
    row = 1
    for item in report.items:
        for entry in item.row.history:
            row += 1
            values = [item.row.reference, entry.round_label, entry.on_date, entry.kind.replace("_", " "),
                      entry.author, entry.text, status_label(entry.status_after) if entry.status_after else "",
                      entry.due_date_before, entry.due_date_after]
            for column, value in enumerate(values, start=1):
                _put(ws, row, column, value, wrap=column == 6, date_cell=column in (3, 8, 9))
    if row > 1:
        ws.auto_filter.ref = f"A1:I{row}"
    cells.print_setup(ws, repeat_header=True)


def build_workbook(report: ProgressReport) -> Workbook:
    wb = Workbook()
    _summary(wb.active, report)
    _actions_sheet(wb, "Overdue", report.overdue, f"No action is overdue as at {long_date(report.as_at)}.")
    _actions_sheet(wb, "Actions", report.items, "This round has no improvement actions.")
    _history_sheet(wb, report)
    wb.properties.title = cells.clean(f"{TITLE} – {report.partnership}, round {report.round_label}")[:250]
    wb.properties.creator = "msgdesk"
    wb.properties.language = "en-GB"
    return wb


def write_xlsx(report: ProgressReport, path: str | os.PathLike[str]) -> Path:
    """Write the workbook atomically (a half-written file never replaces a good one)."""
    buffer = io.BytesIO()
    build_workbook(report).save(buffer)
    return write_atomically(path, buffer.getvalue())
