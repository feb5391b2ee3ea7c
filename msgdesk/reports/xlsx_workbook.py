"""The collation workbook: a completed return as an Excel file (openpyxl).

Sheets and header rows are a contract other tools read, exactly:

* ``Summary``: Key feature | Proposal | Proposal text | Rating | Previous rating
  (all 25 proposals; the three national ones say "Not for local completion");
* ``Responses``: Proposal | Rating | Evidence (the 22 proposals for local completion);
* ``Actions``: Proposal | Action | How we will deliver | Timescale | Due date | Status | Lead;
* ``About``: partnership, round, status (IJB meeting date and minute reference),
  date of completion, contact, exported at, msgdesk version, template attribution.

Ratings and statuses are in words ("Partly established"); dates are real Excel
dates shown dd/mm/yyyy.  Every cell of user text is stored as text (data type
``s``) and one that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return also gets Excel's quote prefix, so it is never read as a formula.  A text
longer than Excel's 32,767 characters per cell is never cut silently: evidence
continues on the next row(s) of ``Responses`` with a note saying so, and any
other text is truncated with a note giving its full length.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.returndata import ACTION_STATUS_LABELS, ROUND_STATUS_LABELS, ReturnData, rating_label
from msgdesk.template import Template, load_template

SUMMARY_HEADERS = ("Key feature", "Proposal", "Proposal text", "Rating", "Previous rating")
RESPONSES_HEADERS = ("Proposal", "Rating", "Evidence")
ACTIONS_HEADERS = ("Proposal", "Action", "How we will deliver", "Timescale", "Due date", "Status", "Lead")
SHEETS = ("Summary", "Responses", "Actions", "About")

NATIONAL_RATING = "Not for local completion"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_CELL = 32_767  # Excel's limit on the characters in one cell
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

# Characters XML 1.0 cannot carry (openpyxl refuses them); shown as U+FFFD.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_WIDTHS = {
    "Summary": (42, 10, 80, 20, 20),
    "Responses": (10, 20, 130),
    "Actions": (10, 60, 50, 26, 12, 14, 24),
    "About": (26, 100),
}
_TOP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9DEE2")


def export(data: ReturnData, out_path, template: Template | None = None) -> Path:
    """Write the collation workbook for ``data`` to ``out_path`` (atomically); return the path."""
    from msgdesk.returnfile import write_atomically

    return write_atomically(out_path, render(data, template))


def render(data: ReturnData, template: Template | None = None, exported_at: datetime | None = None) -> bytes:
    """The collation workbook as .xlsx bytes."""
    template = template or load_template()
    workbook = build_workbook(data, template, exported_at or datetime.now().replace(microsecond=0))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_workbook(data: ReturnData, template: Template, exported_at: datetime) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    responses = {r.proposal: r for r in data.responses}

    rows = []
    for kf in template.key_features:
        for p in kf.proposals:
            response = responses.get(p.id)
            if not p.local:
                rating, previous = NATIONAL_RATING, ""
            else:
                rating = rating_label(response.rating) if response else ""
                previous = rating_label(response.previous_rating) if response else ""
            rows.append((f"{kf.number}. {kf.title}", p.id, p.text, rating, previous))
    _table(summary, SUMMARY_HEADERS, rows)

    rows = []
    for p in template.local_proposals:
        response = responses.get(p.id)
        rating = rating_label(response.rating) if response else ""
        parts = _parts(response.evidence if response else "")
        for index, part in enumerate(parts):
            rows.append((p.id, rating if index == 0 else "", part))
    _table(workbook.create_sheet("Responses"), RESPONSES_HEADERS, rows)

    rows = []
    for p in template.local_proposals:
        response = responses.get(p.id)
        for action in response.actions if response else ():
            rows.append((p.id, action.action, action.delivery, action.timescale,
                         action.due(data.completed_on),
                         ACTION_STATUS_LABELS.get(action.status, action.status), action.lead))
    _table(workbook.create_sheet("Actions"), ACTIONS_HEADERS, rows)

    _about(workbook.create_sheet("About"), data, template, exported_at)

    props = workbook.properties
    props.title = f"MSG self-evaluation – {_clean(data.partnership)[:200]} – {_clean(data.round)[:100]}"
    props.subject = "Ministerial Strategic Group review of progress with integration – self-evaluation"
    props.creator = "msgdesk"
    return workbook


# --- sheets ----------------------------------------------------------------------------


def _table(ws: Worksheet, headers: tuple[str, ...], rows: list[tuple]) -> None:
    """Header row (bold, shaded, frozen, with an autofilter) and data rows."""
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _TOP
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    _widths(ws)


def _about(ws: Worksheet, data: ReturnData, template: Template, exported_at: datetime) -> None:
    from msgdesk import __version__

    rows: list[tuple[str, object]] = [
        ("Partnership", data.partnership),
        ("Round", data.round),
        ("Status", ROUND_STATUS_LABELS.get(data.status, data.status)),
        ("IJB meeting date", data.ijb_meeting_date),
        ("Minute reference", data.minute_reference),
        ("Date of completion", data.completed_on),
        ("Contact", data.contact),
        ("Exported at", exported_at),
        ("msgdesk version", __version__),
        ("Template attribution", template.attribution),
    ]
    for r, (key, value) in enumerate(rows, 1):
        cell = ws.cell(row=r, column=1, value=key)
        cell.font = _HEADER_FONT
        cell.alignment = _TOP
        _put(ws, r, 2, value)
    _widths(ws)


def _widths(ws: Worksheet) -> None:
    for col, width in enumerate(_WIDTHS[ws.title], 1):
        ws.column_dimensions[get_column_letter(col)].width = width


# --- cells -----------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, col: int, value) -> None:
    """One cell: dates as dates, text always as text (never a formula)."""
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=col)
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        text = _fit(_clean(str(value)))
        cell.value = text
        cell.data_type = "s"  # openpyxl would take "=..." for a formula, "#N/A" for an error
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    cell.alignment = _TOP


def _clean(text: str) -> str:
    """Line ends as ``\n`` (XML would turn a lone CR into LF anyway); characters a
    workbook cannot hold shown as U+FFFD rather than refused."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("\ufffd", text)


def truncation_note(length: int) -> str:
    return (f" … [TRUNCATED: this text has {length:,} characters, more than an Excel cell holds; "
            "the full text is in the PDF appendix and the msgdesk return file]")


def _fit(text: str) -> str:
    """``text`` if it fits in a cell, else its start with a visible truncation note."""
    if len(text) <= MAX_CELL:
        return text
    note = truncation_note(len(text))
    return text[: MAX_CELL - len(note)] + note


def _parts(text: str) -> list[str]:
    """Evidence in pieces that fit a cell each, every piece saying where it continues."""
    from msgdesk.reports.text import chunks

    text = _clean(text or "")
    if len(text) <= MAX_CELL:
        return [text]
    pieces = chunks(text, MAX_CELL - 200)
    total = len(pieces)
    result = []
    for index, piece in enumerate(pieces, 1):
        before = f"[Part {index} of {total}, continued from the row above]\n" if index > 1 else ""
        after = f"\n[Part {index} of {total}: continued in the next row]" if index < total else ""
        result.append(before + piece + after)
    return result
