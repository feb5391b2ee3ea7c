"""Workbook cells and sheets shared by the collation workbook and the progress workbook.

User text is always data: every text cell is stored as a string (openpyxl would
read "=..." as a formula and "#N/A" as an error), and one that begins with a
character Excel starts a formula with — ``=`` ``+`` ``-`` ``@``, their fullwidth
forms ``＝`` ``＋`` ``－`` ``＠`` (which Excel takes for them when a cell is edited in
an East Asian input mode), the small forms ``﹦`` ``﹢`` ``﹣``, a tab, a line break —
also gets Excel's quote prefix, so editing the cell never turns it into one.
Characters a workbook cannot hold are shown as U+FFFD, never dropped silently;
a text longer than an Excel cell is cut with a visible note giving its length.

Every data sheet gets the same print setup: A4 landscape, fitted to the page
width, its header row repeated on every printed page, "Page N of M" in the
footer.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.reports.text import chunks

MAX_CELL = 32_767  # Excel's limit on the characters in one cell
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n",
                    "\uff1d", "\uff0b", "\uff0d", "\uff20",  # fullwidth ＝ ＋ － ＠
                    "\ufe66", "\ufe62", "\ufe63")  # small ﹦ ﹢ ﹣
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

TOP = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9DEE2")

# Characters XML 1.0 cannot carry (openpyxl refuses them); shown as U+FFFD.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """Line ends as ``\\n`` (XML would turn a lone CR into LF anyway); characters a
    workbook cannot hold shown as U+FFFD rather than refused."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("\ufffd", text)


def truncation_note(length: int) -> str:
    return (f" … [TRUNCATED: this text has {length:,} characters, more than an Excel cell holds; "
            "the full text is in the PDF appendix and the msgdesk return file]")


def fit(text: str) -> str:
    """``text`` if it fits in a cell, else its start with a visible truncation note."""
    if len(text) <= MAX_CELL:
        return text
    note = truncation_note(len(text))
    return text[: MAX_CELL - len(note)] + note


def parts(text: str | None) -> list[str]:
    """Long text in pieces that fit a cell each, every piece saying where it continues."""
    text = clean(text)
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


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def write(cell: Any, value: object) -> None:
    """A cell's value: dates as dates, numbers as numbers, text always as text (never a
    formula, cleaned and fitted to what a cell holds)."""
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
    else:
        text = fit(clean(str(value)))
        cell.value = text
        cell.data_type = "s"  # openpyxl would take "=..." for a formula, "#N/A" for an error
        if is_formula_like(text):
            cell.quotePrefix = True


def put(ws: Worksheet, row: int, col: int, value, *, wrap: bool = True, bold: bool = False):
    """One cell: dates as dates, numbers as numbers, text always as text (never a
    formula).  Returns the cell (None for an empty value)."""
    if value is None or value == "":
        return None
    cell = ws.cell(row=row, column=col)
    write(cell, value)
    if wrap:
        cell.alignment = TOP
    if bold:
        cell.font = HEADER_FONT
    return cell


def header_row(ws: Worksheet, headers, row: int = 1, widths=None) -> None:
    """A bold, shaded header row (and the column widths, if given)."""
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = TOP
        if widths:
            ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]


def data_sheet(ws: Worksheet, headers, rows, widths=None, *, frozen: str = "A2") -> None:
    """Header row (frozen, with an autofilter), data rows and the print setup."""
    header_row(ws, headers, widths=widths)
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            put(ws, r, c, value)
    ws.freeze_panes = frozen
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    print_setup(ws, repeat_header=True)


def print_setup(ws: Worksheet, *, repeat_header: bool) -> None:
    """A4 landscape, one page wide, header row on every page, page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&A – page &P of &N"
