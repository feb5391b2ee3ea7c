"""A contribution pack as a workbook, for a contributor who has no msgdesk, and reading it back.

Sheets, in order:

* ``How to fill it in``: what the pack is, for whom, and what to do (first, and open);
* ``Responses``: Proposal | Proposal text | Rating | Evidence, one row per proposal of the pack;
  Rating is a drop-down of the four ratings (Excel's data validation);
* ``Actions``: Reference | Proposal | Action | How we will deliver | Timescale | Lead; a row
  with no Reference is a new action, a row taken out is an action deleted, the order of
  the rows is the order of the actions;
* ``Descriptors``: what each rating means for each proposal, protected (read-only);
* ``msgdesk`` (very hidden): the pack itself (id, base, fingerprint) and which action each
  Reference is, so the reply is merged against what the pack was cut from.

Every cell of user text is written as text (never a formula), with Excel's quote prefix
before ``=``, ``+``, ``-`` or ``@``, and the text columns are formatted as text so that
Excel does not turn "March 2022" into a date.  Reading takes what a person types: a
rating's words in any case, numbers and dates typed into text cells as the text they
show, Word's line breaks cleaned as in the window; anything else is refused with its cell.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.contributions.merge import contributor_name
from msgdesk.contributions.proposals import proposals_text
from msgdesk.domain.dates import long_date
from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.domain.template import Template, load_template
from msgdesk.domain.text import TEXT_LIMITS, clean_text, text_problems
from msgdesk.domain.vocabulary import Rating
from msgdesk.exchange.atomic import write_atomically
from msgdesk.exchange.checker import FieldChecker
from msgdesk.exchange.files import MAX_FILE_BYTES, too_large
from msgdesk.reports.cells import HEADER_FILL, HEADER_FONT, TOP, clean, fit, is_formula_like
from msgdesk.rounds.return_file import ReturnFileError, pack_to_json, parse_return

INSTRUCTIONS = "How to fill it in"
RESPONSES = "Responses"
ACTIONS = "Actions"
DESCRIPTORS = "Descriptors"
HIDDEN = "msgdesk"
RESPONSES_HEADERS = ("Proposal", "Proposal text", "Rating", "Evidence")
ACTIONS_HEADERS = ("Reference", "Proposal", "Action", "How we will deliver", "Timescale", "Lead")
DESCRIPTORS_HEADERS = ("Proposal", *(RATING_LABELS[r] for r in RATINGS))
#: Empty rows formatted as text and offered the drop-downs, for new actions.
SPARE_ROWS = 200
_CHUNK = 30_000  # characters of the pack's JSON per hidden cell
_EDIT_FILL = PatternFill("solid", fgColor="FFF8DC")


def export(data: ReturnData, out_path: str | os.PathLike[str], template: Template | None = None) -> Path:
    return write_atomically(out_path, render(data, template))


def render(data: ReturnData, template: Template | None = None) -> bytes:
    template = template or load_template()
    workbook = build_workbook(data, template)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- writing ------------------------------------------------------------------------------


def _text(cell: Any, value: str | None) -> None:
    """User text, always as text: never a formula, an error or a number."""
    text = fit(clean(value or ""))
    cell.number_format = "@"
    cell.alignment = TOP
    if not text:
        return
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def _header(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), 1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = TOP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def build_workbook(data: ReturnData, template: Template) -> Workbook:
    pack = data.pack
    assert pack is not None, "a pack workbook is made from a pack"
    workbook = Workbook()
    how = workbook.active
    how.title = INSTRUCTIONS
    responses = workbook.create_sheet(RESPONSES)
    actions = workbook.create_sheet(ACTIONS)
    descriptors = workbook.create_sheet(DESCRIPTORS)
    hidden = workbook.create_sheet(HIDDEN)
    hidden.sheet_state = "veryHidden"

    shown = proposals_text(pack.proposals, template)
    lines = [
        ("MSG self-evaluation: proposals for your contribution", True),
        ("", False),
        (f"For: {pack.for_whom}", False),
        (f"From: {pack.created_by or 'the lead officer'}, {long_date(pack.created_at)}", False),
        (f"Partnership: {data.partnership}, round {data.round}", False),
        (f"Proposals: {shown}", False),
        ("", False),
        ("What to do", True),
        ("1. On the sheet Responses, choose a Rating for each proposal from the drop-down (click the cell, "
         "then the arrow), and write the Evidence: what shows that rating.", False),
        ("2. On the sheet Actions, change the improvement actions as you see fit: edit a cell; add a new "
         "action on an empty row, leaving its Reference blank and choosing its Proposal; take out an action "
         "by deleting its row; put the rows in the order you want.", False),
        ("3. The sheet Descriptors says what each rating means for each proposal (it cannot be changed).", False),
        ("4. Save the workbook (keep it as .xlsx) and send it back by e-mail. Please do not rename or "
         "delete the sheets, or change the Reference and Proposal of an existing action.", False),
        ("", False),
        ("The lead officer merges your reply into the return with msgdesk: what only you changed is taken "
         "as yours; where the lead changed the same thing meanwhile, both are kept and the lead chooses.", False),
        ("", False),
        (template.attribution, False),
    ]
    how.column_dimensions["A"].width = 110
    for row, (line, bold) in enumerate(lines, 1):
        cell = how.cell(row=row, column=1)
        _text(cell, line)
        if bold:
            cell.font = Font(bold=True, size=13 if row == 1 else 11)

    _header(responses, RESPONSES_HEADERS, (10, 60, 22, 110))
    labels = [RATING_LABELS[r] for r in RATINGS]
    rating_list = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                                 showErrorMessage=True, errorTitle="Rating",
                                 error="Choose one of the four ratings from the list.",
                                 promptTitle="Rating", prompt="Choose a rating from the list.")
    responses.add_data_validation(rating_list)
    by_proposal = {r.proposal: r for r in data.responses}
    for row, pid in enumerate(pack.proposals, 2):
        response = by_proposal.get(pid) or ResponseData(pid)
        _text(responses.cell(row=row, column=1), pid)
        _text(responses.cell(row=row, column=2), template.proposal(pid).text)
        rating = responses.cell(row=row, column=3)
        _text(rating, RATING_LABELS.get(response.rating or "", ""))
        rating_list.add(rating)
        _text(responses.cell(row=row, column=4), response.evidence)
        for col in (3, 4):
            responses.cell(row=row, column=col).fill = _EDIT_FILL

    _header(actions, ACTIONS_HEADERS, (16, 10, 60, 50, 26, 28))
    proposal_list = DataValidation(type="list", formula1='"' + ",".join(pack.proposals) + '"', allow_blank=True,
                                   showErrorMessage=True, errorTitle="Proposal",
                                   error="Choose one of this pack's proposals.")
    actions.add_data_validation(proposal_list)
    row = 2
    references: list[tuple[str, str]] = []
    for pid in pack.proposals:
        response = by_proposal.get(pid) or ResponseData(pid)
        for action in response.actions:
            values = (action.reference, pid, action.action, action.delivery, action.timescale, action.lead)
            for col, value in enumerate(values, 1):
                _text(actions.cell(row=row, column=col), value)
            references.append((action.reference, action.uid))
            row += 1
    for spare in range(row, row + SPARE_ROWS):
        for col in range(1, len(ACTIONS_HEADERS) + 1):
            _text(actions.cell(row=spare, column=col), "")
    proposal_list.add(f"B2:B{row + SPARE_ROWS - 1}")

    _header(descriptors, DESCRIPTORS_HEADERS, (10, 45, 45, 45, 45))
    for row, pid in enumerate(pack.proposals, 2):
        proposal = template.proposal(pid)
        _text(descriptors.cell(row=row, column=1), pid)
        for col, rating in enumerate(RATINGS, 2):
            _text(descriptors.cell(row=row, column=col), proposal.descriptor(rating))
    descriptors.protection.sheet = True
    descriptors.protection.enable()

    document = json.dumps(pack_to_json(pack), ensure_ascii=False, sort_keys=True)
    hidden.cell(row=1, column=1, value="pack")
    for index, start in enumerate(range(0, len(document), _CHUNK), 2):
        cell = hidden.cell(row=1, column=index)
        cell.value = document[start:start + _CHUNK]
        cell.data_type = "s"
    hidden.cell(row=2, column=1, value="partnership")
    _text(hidden.cell(row=2, column=2), data.partnership)
    hidden.cell(row=3, column=1, value="round")
    _text(hidden.cell(row=3, column=2), data.round)
    for offset, (reference, uid) in enumerate(references, 4):
        hidden.cell(row=offset, column=1, value="action")
        _text(hidden.cell(row=offset, column=2), reference)
        _text(hidden.cell(row=offset, column=3), uid)
    hidden.protection.sheet = True

    props = workbook.properties
    props.title = f"MSG self-evaluation – proposals {shown} for {pack.for_whom}"[:250]
    props.creator = "msgdesk"
    return workbook


# --- reading a reply -----------------------------------------------------------------------


class _Reader(FieldChecker):
    """The shared checker's problems and text rules, read from cells ("Actions!C7") instead of keys."""

    def __init__(self, template: Template) -> None:
        super().__init__()
        self.template = template

    def cell_text(self, ws: Worksheet, row: int, col: int, *, field: str, base: str | None = None) -> str:
        """What a person typed in a cell, as text; ``base`` is what msgdesk wrote there (a text
        cut short to fit a cell comes back whole when it was left as it was)."""
        value = ws.cell(row=row, column=col).value
        where = f"{ws.title}!{get_column_letter(col)}{row}"
        if value is None:
            return ""
        if isinstance(value, (ArrayFormula, DataTableFormula)):
            # An array or table formula is an object, not text (it was stored as "<openpyxl…
            # ArrayFormula object…>"); what Excel would show is not in the file.  A plain
            # "=…" cell stays as the words typed (a person's text that Excel took for a formula).
            self.problem(where, "holds a formula, not text: type the words themselves (or start with ')")
            return ""
        if isinstance(value, bool):
            text = "TRUE" if value else "FALSE"
        elif isinstance(value, datetime):
            text = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
        elif isinstance(value, date):
            text = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value)
        if base is not None and text == fit(clean(base)):
            return base
        limit, single_line = TEXT_LIMITS[field]
        text = clean_text(text.replace("_x000D_", ""), single_line=single_line)
        for message in text_problems(text, limit=limit, single_line=single_line):
            self.problem(where, message)
        return text

    def headers(self, ws: Worksheet, expected: tuple[str, ...]) -> bool:
        for col, header in enumerate(expected, 1):
            found = ws.cell(row=1, column=col).value
            if (str(found).strip() if found is not None else "") != header:
                self.problem(f"{ws.title}!{get_column_letter(col)}1",
                             f"expected the heading {header!r}, found {found!r}: the sheet's columns were changed")
                return False
        return True


def _pack_of(workbook: Any, template: Template, source: str) -> tuple[ReturnData, dict[str, str]]:
    if HIDDEN not in workbook.sheetnames:
        raise ReturnFileError(["this workbook is not a contribution pack made by msgdesk (its sheet \"msgdesk\" "
                               "is missing)"], source)
    hidden = workbook[HIDDEN]
    if hidden.cell(row=1, column=1).value != "pack":
        raise ReturnFileError([f"{HIDDEN}!A1: the pack's record was changed"], source)
    parts = []
    col = 2
    while (value := hidden.cell(row=1, column=col).value) is not None:
        parts.append(str(value))
        col += 1
    partnership = hidden.cell(row=2, column=2).value or ""
    round_label = hidden.cell(row=3, column=2).value or ""
    try:
        pack_object = json.loads("".join(parts))
    except ValueError as exc:
        raise ReturnFileError([f"{HIDDEN}!B1: the pack's record cannot be read ({exc})"], source) from exc
    # The pack object goes through the return file's own checks (its fingerprint too).
    shell = {"format": "msgdesk-return", "version": 2, "partnership": partnership, "round": round_label,
             "contact": "", "completed_on": None,
             "responses": [{"proposal": pid} for pid in pack_object.get("proposals", [])
                           if isinstance(pid, str)] if isinstance(pack_object, dict) else [],
             "pack": pack_object}
    data = parse_return(json.dumps(shell, ensure_ascii=False), template, source)
    references: dict[str, str] = {}
    row = 4
    while hidden.cell(row=row, column=1).value == "action":
        references[str(hidden.cell(row=row, column=2).value or "")] = str(hidden.cell(row=row, column=3).value or "")
        row += 1
    return data, references


#: What a reply workbook may hold once unzipped, and how many cells a sheet may span: a
#: real reply is well under 1 MB and a few thousand cells, while a 1.5 MB file that inflates
#: to gigabytes of XML took 3 GB of memory in openpyxl before anything could refuse it.
MAX_UNZIPPED_BYTES = 32 * 1024 * 1024
MAX_SHEET_CELLS = 200_000
_DIMENSION = re.compile(rb'<dimension[^>]*\sref="([A-Z]{1,3})?(\d+)?:?([A-Z]{1,3})(\d+)"')


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_inflation(path: Path, source: str) -> None:
    """Refuse a workbook that would inflate past the limits, reading only the zip's directory
    and each sheet's declared dimension (never the sheet itself)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unzipped = sum(info.file_size for info in infos)
            if unzipped > MAX_UNZIPPED_BYTES:
                raise ReturnFileError([f"the workbook unpacks to {unzipped:,} bytes (at most {MAX_UNZIPPED_BYTES:,}): "
                                       "not a reply msgdesk wrote, or one filled with far more than text"], source)
            for info in infos:
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                with archive.open(info) as member:
                    head = member.read(4096)
                found = _DIMENSION.search(head)
                if found is None:
                    continue
                first_col, first_row, last_col, last_row = found.groups()
                columns = _column_number(last_col.decode()) - _column_number((first_col or b"A").decode()) + 1
                rows = int(last_row) - int(first_row or b"1") + 1
                if columns * rows > MAX_SHEET_CELLS:
                    raise ReturnFileError([f"a sheet of the workbook spans {columns * rows:,} cells (at most "
                                           f"{MAX_SHEET_CELLS:,}): not a reply msgdesk wrote"], source)
    except zipfile.BadZipFile as exc:
        raise ReturnFileError(["not an Excel workbook that can be read (not a zip file)"], source) from exc
    except OSError as exc:
        raise ReturnFileError([f"the file cannot be read ({exc.strerror or exc})"], source) from exc


def read_reply(path: str | os.PathLike[str], template: Template | None = None) -> ReturnData:
    """The reply in a pack workbook, as a return file's data with its pack; ReturnFileError
    with every problem's cell."""
    template = template or load_template()
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReturnFileError([f"the file cannot be read ({exc.strerror or exc})"], source) from exc
    if size > MAX_FILE_BYTES:
        raise ReturnFileError([too_large(size)], source)
    _check_inflation(path, source)
    try:
        # read from the open file, not the name: openpyxl refuses a name not ending .xlsx, and a
        # mail client or a person may have renamed the reply (reply.json); its zip is what counts
        with path.open("rb") as fh:
            workbook = load_workbook(fh, data_only=False)
    except OSError as exc:
        raise ReturnFileError([f"the file cannot be read ({exc.strerror or exc})"], source) from exc
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ReturnFileError([f"not an Excel workbook that can be read ({exc.__class__.__name__})"], source) from exc
    data, references = _pack_of(workbook, template, source)
    pack = data.pack
    assert pack is not None
    reader = _Reader(template)
    for sheet in (RESPONSES, ACTIONS):
        if sheet not in workbook.sheetnames:
            raise ReturnFileError([f"the sheet {sheet!r} is missing (it was renamed or deleted)"], source)
    base = {r.proposal: r for r in pack.base}
    base_actions = {a.uid: (r.proposal, a) for r in pack.base for a in r.actions}
    by_reference = {ref: uid for ref, uid in references.items() if uid in base_actions}

    responses: dict[str, ResponseData] = {}
    ws = workbook[RESPONSES]
    if reader.headers(ws, RESPONSES_HEADERS):
        for row in range(2, ws.max_row + 1):
            cells = [ws.cell(row=row, column=c).value for c in range(1, 5)]
            if all(v is None or str(v).strip() == "" for v in cells):
                continue
            pid = str(cells[0] if cells[0] is not None else "").strip()
            where = f"{RESPONSES}!A{row}"
            if pid not in base:
                reader.problem(where, f"{pid!r} is not one of this pack's proposals ({', '.join(pack.proposals)})"
                               if pid else "the Proposal is empty")
                continue
            if pid in responses:
                reader.problem(where, f"proposal {pid} has two rows")
                continue
            rating = _rating(reader, ws, row)
            evidence = reader.cell_text(ws, row, 4, field="evidence", base=base[pid].evidence)
            responses[pid] = ResponseData(pid, rating, None, evidence)
    for pid in pack.proposals:
        if pid not in responses and not any(p.startswith(f"{RESPONSES}!") for p in reader.problems):
            reader.problem(f"{RESPONSES}", f"the row of proposal {pid} is missing")

    ws = workbook[ACTIONS]
    seen: dict[str, int] = {}
    if reader.headers(ws, ACTIONS_HEADERS):
        for row in range(2, ws.max_row + 1):
            cells = [ws.cell(row=row, column=c).value for c in range(1, 7)]
            if all(v is None or str(v).strip() == "" for v in cells):
                continue
            reference = str(cells[0] if cells[0] is not None else "").strip()
            pid = str(cells[1] if cells[1] is not None else "").strip()
            old: ActionData | None = None
            if reference:
                uid = by_reference.get(reference)
                if uid is None:
                    reader.problem(f"{ACTIONS}!A{row}", f"{reference!r} is not the Reference of one of this pack's "
                                   "actions (leave it blank for a new action)")
                    continue
                if reference in seen:
                    reader.problem(f"{ACTIONS}!A{row}",
                                   f"the action {reference} has two rows (also row {seen[reference]})")
                    continue
                seen[reference] = row
                home, old = base_actions[uid]
                if pid != home:
                    reader.problem(f"{ACTIONS}!B{row}", f"the action {reference} belongs to proposal {home}; an "
                                   "action cannot move to another proposal (add it there as a new action)")
                    continue
            elif pid not in base:
                reader.problem(f"{ACTIONS}!B{row}", f"choose the Proposal of this new action, one of "
                               f"{', '.join(pack.proposals)}" if not pid else
                               f"{pid!r} is not one of this pack's proposals ({', '.join(pack.proposals)})")
                continue
            text = reader.cell_text(ws, row, 3, field="action", base=old.action if old else None)
            action = ActionData(
                action=text,
                delivery=reader.cell_text(ws, row, 4, field="delivery", base=old.delivery if old else None),
                timescale=reader.cell_text(ws, row, 5, field="timescale", base=old.timescale if old else None),
                lead=reader.cell_text(ws, row, 6, field="lead", base=old.lead if old else None),
                due_date=old.due_date if old else None,
                uid=old.uid if old else "",
            )
            if not text.strip():
                reader.problem(f"{ACTIONS}!C{row}", "the Action is empty (delete the row to take an action out)")
                continue
            if pid in responses:
                responses[pid].actions.append(action)
    if reader.problems:
        raise ReturnFileError(reader.problems, source)
    data.responses = [responses[pid] for pid in pack.proposals]
    pack.reply_by = pack.reply_by or _name(pack.for_whom)
    pack.reply_at = pack.reply_at or _saved_at(workbook, path)
    return data


def _rating(reader: _Reader, ws: Worksheet, row: int) -> Rating | None:
    value = ws.cell(row=row, column=3).value
    if value is None or str(value).strip() == "":
        return None
    wanted = " ".join(str(value).split()).casefold()
    for slug, label in RATING_LABELS.items():
        if wanted in (label.casefold(), slug):
            return Rating(slug)
    reader.problem(f"{RESPONSES}!C{row}", f"{str(value)[:40]!r} is not one of the four ratings "
                   f"({', '.join(RATING_LABELS[r] for r in RATINGS)})")
    return None


def _name(for_whom: str) -> str:
    return contributor_name(for_whom)


def _saved_at(workbook: Any, path: Path) -> datetime:
    """When the contributor saved the workbook: Excel's own record of it, else the file's time."""
    modified = getattr(workbook.properties, "modified", None)
    if isinstance(modified, datetime):
        return modified.replace(tzinfo=None, microsecond=0)

    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None, microsecond=0)
