"""The collation workbook: a completed return as an Excel file (openpyxl).

Made to be stacked: the Scottish Government pastes 31 partnerships' sheets under
each other, so every data sheet starts with Partnership and Round (and, for
actions, the action's stable reference), and ratings are also numbers.  Sheets
and header rows are a contract other tools read, exactly:

* ``Summary``: Partnership | Round | Key feature | Proposal | Proposal text |
  Rating | Rating number | Previous rating | Previous rating number (all 25
  proposals; the three national ones say "Not for local completion");
* ``Responses``: Partnership | Round | Proposal | Rating | Rating number |
  Evidence (the 22 proposals for local completion);
* ``Actions``: Partnership | Round | Reference | Proposal | Action | How we will
  deliver | Timescale | Due date | Due date set by hand | Status | Lead;
* ``About``: partnership, round, status (IJB meeting date and minute reference),
  date of completion, contact, exported at, msgdesk version, what the rating
  numbers mean, template attribution.

Ratings are in words ("Partly established") and as numbers 1-4 (Not yet
established = 1 ... Exemplary = 4); dates are real Excel dates shown dd/mm/yyyy.
The due date is the one set by hand, else the one msgdesk reads from the
timescale ("Due date set by hand" says which).  Every cell of user text is text,
never a formula (:mod:`msgdesk.reports.cells`).  A text longer than Excel's
32,767 characters per cell is never cut silently: evidence continues on the next
row(s) of ``Responses`` with a note saying so, and any other text is truncated
with a note giving its full length.  Each sheet prints A4 landscape, one page
wide, its header row repeated.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.domain.return_values import ACTION_STATUS_LABELS, RATINGS, ROUND_STATUS_LABELS, ReturnData, rating_label
from msgdesk.domain.template import Template, load_template
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.cells import HEADER_FONT, TOP, clean, data_sheet, parts, print_setup, put

SUMMARY_HEADERS = ("Partnership", "Round", "Key feature", "Proposal", "Proposal text", "Rating", "Rating number",
                   "Previous rating", "Previous rating number")
RESPONSES_HEADERS = ("Partnership", "Round", "Proposal", "Rating", "Rating number", "Evidence")
ACTIONS_HEADERS = ("Partnership", "Round", "Reference", "Proposal", "Action", "How we will deliver", "Timescale",
                   "Due date", "Due date set by hand", "Status", "Lead")
SHEETS = ("Summary", "Responses", "Actions", "About")

NATIONAL_RATING = "Not for local completion"
RATING_NUMBERS_NOTE = "Rating number: 1 Not yet established, 2 Partly established, 3 Established, 4 Exemplary"

_WIDTHS = {
    "Summary": (30, 9, 36, 10, 70, 20, 9, 20, 9),
    "Responses": (30, 9, 10, 20, 9, 120),
    "Actions": (30, 9, 14, 10, 60, 50, 26, 12, 10, 14, 24),
    "About": (26, 100),
}


def rating_number(rating: str | None) -> int | None:
    """1 (Not yet established) to 4 (Exemplary); None for no rating."""
    return RATINGS.index(rating) + 1 if rating in RATINGS else None


def export(data: ReturnData, out_path, template: Template | None = None) -> Path:
    """Write the collation workbook for ``data`` to ``out_path`` (atomically); return the path."""
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
    lead = (data.partnership, data.round)

    rows: list[tuple] = []
    for kf in template.key_features:
        for p in kf.proposals:
            response = responses.get(p.id)
            if not p.local:
                rating, previous, number, previous_number = NATIONAL_RATING, "", None, None
            else:
                current = response.rating if response else None
                before = response.previous_rating if response else None
                rating, previous = rating_label(current), rating_label(before)
                number, previous_number = rating_number(current), rating_number(before)
            rows.append((*lead, f"{kf.number}. {kf.title}", p.id, p.text, rating, number, previous, previous_number))
    data_sheet(summary, SUMMARY_HEADERS, rows, _WIDTHS["Summary"])

    rows = []
    for p in template.local_proposals:
        response = responses.get(p.id)
        chosen = response.rating if response else None
        for index, part in enumerate(parts(response.evidence if response else "")):
            first = index == 0
            rows.append((*lead, p.id, rating_label(chosen) if first else "", rating_number(chosen) if first else None,
                         part))
    data_sheet(workbook.create_sheet("Responses"), RESPONSES_HEADERS, rows, _WIDTHS["Responses"])

    rows = []
    for p in template.local_proposals:
        response = responses.get(p.id)
        for position, action in enumerate(response.actions if response else (), 1):
            rows.append((*lead, action.reference or f"{data.round}-{p.id}-{position}", p.id, action.action,
                         action.delivery, action.timescale, action.due(data.completed_on),
                         "yes" if action.due_date is not None else "",
                         ACTION_STATUS_LABELS.get(action.status, action.status), action.lead))
    data_sheet(workbook.create_sheet("Actions"), ACTIONS_HEADERS, rows, _WIDTHS["Actions"], frozen="D2")

    _about(workbook.create_sheet("About"), data, template, exported_at)

    props = workbook.properties
    props.title = f"MSG self-evaluation – {clean(data.partnership)[:200]} – {clean(data.round)[:100]}"
    props.subject = "Ministerial Strategic Group review of progress with integration – self-evaluation"
    props.creator = "msgdesk"
    props.language = "en-GB"
    return workbook


# --- sheets ----------------------------------------------------------------------------


def _about(ws: Worksheet, data: ReturnData, template: Template, exported_at: datetime) -> None:
    # the version comes from importlib.metadata: read when a file is written, not on import
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
        ("Rating numbers", RATING_NUMBERS_NOTE),
        ("Template attribution", template.attribution),
    ]
    for r, (key, value) in enumerate(rows, 1):
        cell = ws.cell(row=r, column=1, value=key)
        cell.font = HEADER_FONT
        cell.alignment = TOP
        put(ws, r, 2, value)
    for col, width in enumerate(_WIDTHS["About"], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    print_setup(ws, repeat_header=False)
