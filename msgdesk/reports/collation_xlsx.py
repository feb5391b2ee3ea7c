"""The collation as an Excel workbook (openpyxl), for the analyst.

Every sheet is one table: a header row (bold, frozen, filtered) and one row per fact, no
merged cells and no title rows, so it can be pivoted, filtered and pasted under another:

* ``Heat map``: one row per local proposal, a column per partnership, each cell the rating
  as number and word ("3 Established", "Not rated", "No return") on its heat-map colour;
* ``Ratings``: one row per partnership and proposal: return or not, rating (word and 1-4)
  and, with an earlier round, that round's rating and the change (Up, Down, Same, New);
* ``By proposal``: how many chose each rating, rated / not rated / no return, the median;
  with an earlier round how many moved up, down, stayed, were new;
* ``By partnership``: return, status, proposals rated, actions; as at a date the actions
  by the tracker's RAG (overdue, completed, on track ...); with an earlier round the moves;
* ``Changes`` (with an earlier round): the change matrix, like the heat map;
* ``No return``: the partnerships with no return for the round;
* ``About``: what was collated, when, and the legend.

Partnership names are user text: stored as text, never as a formula (Excel's quote prefix
on anything starting = + - @ or their full-width forms), characters a workbook cannot hold
shown as U+FFFD.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from copy import copy
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msgdesk.collation.collate import (
    CHANGE_COLOURS,
    NO_RETURN,
    NO_RETURN_COLOUR,
    RATING_COLOURS,
    SCORES,
    Cell,
    Collation,
    rating_text,
)
from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ROUND_STATUS_LABELS
from msgdesk.domain.states import RatingChange
from msgdesk.domain.vocabulary import RagState
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports import cells
from msgdesk.tracker.rag import AMBER, CARRIED, NEEDS_DATE, RED, SUPERSEDED

SHEETS = ("Heat map", "Ratings", "By proposal", "By partnership", "Changes", "No return", "About")
_MUTED = Font(italic=True, color="555555")

#: As at a date, the return's actions split by the tracker's RAG (each action once).
ACTION_COLUMNS = ("Overdue", "Off track (not overdue)", "Amber (at risk or due within 30 days)", "Needs a date",
                  "On track", "Completed", "Superseded", "Carried forward")


def export(collation: Collation, out_path: str | Path) -> Path:
    return write_atomically(out_path, render(collation))


def render(collation: Collation, made_at: datetime | None = None) -> bytes:
    workbook = build_workbook(collation, made_at or datetime.now().replace(microsecond=0))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_workbook(c: Collation, made_at: datetime) -> Workbook:
    workbook = Workbook()
    heat = workbook.active
    heat.title = "Heat map"
    _matrix(heat, c, lambda cell: cell.text, lambda cell: cell.colour)
    _ratings(workbook.create_sheet("Ratings"), c)
    _by_proposal(workbook.create_sheet("By proposal"), c)
    _by_partnership(workbook.create_sheet("By partnership"), c)
    if c.previous_label:
        _matrix(workbook.create_sheet("Changes"), c, _change_text,
                lambda cell: CHANGE_COLOURS[cell.change] if cell.change else (
                    NO_RETURN_COLOUR if not cell.returned else None))
    _table(workbook.create_sheet("No return"), ("Partnership", "Round", f"Return for {c.previous_label}"
                                                 if c.previous_label else "Earlier return"),
           [(line.partnership, c.round_label, ("Yes" if line.previous_returned else "No") if c.previous_label else "")
            for line in c.by_partnership if not line.returned], (40, 12, 18))
    _about(workbook.create_sheet("About"), c, made_at)
    props = workbook.properties
    props.title = cells.clean(f"MSG self-evaluation collation – round {c.round_label} – {c.scope_text}")[:250]
    props.subject = "Ministerial Strategic Group review of progress with integration – collation of self-evaluations"
    props.creator = "msgdesk"
    return workbook


# --- sheets ----------------------------------------------------------------------------------


def _change_text(cell: Cell) -> str:
    if not cell.returned:
        return NO_RETURN
    return cell.change_text


def _matrix(ws: Worksheet, c: Collation, text: Callable[[Cell], str], colour: Callable[[Cell], str | None]) -> None:
    headers = ("Key feature", "Proposal", "Proposal text", *c.partnerships)
    rows = []
    fills = []
    for kf, lines in c.local_key_features():
        for line in lines:
            cells = [c.cell(name, line.proposal.id) for name in c.partnerships]
            rows.append((f"{kf.number}. {kf.title}", line.proposal.id, line.proposal.text, *(text(x) for x in cells)))
            fills.append([(colour(x), not x.returned) for x in cells])
    _table(ws, headers, rows, (30, 9, 50) + (18,) * len(c.partnerships))
    styles = _Styles()
    for r, row_fills in enumerate(fills, 2):
        for offset, (fill, missing) in enumerate(row_fills):
            if fill or missing:
                styles.apply(ws.cell(row=r, column=4 + offset), fill, missing)
    ws.freeze_panes = "D2"


def _ratings(ws: Worksheet, c: Collation) -> None:
    headers: tuple[str, ...] = ("Partnership", "Round", "Return", "Key feature", "Proposal", "Rating", "Rating (1–4)")
    if c.previous_label:
        headers += ("Previous round", "Previous return", "Previous rating", "Previous rating (1–4)", "Change")
    rows = []
    ratings = []
    for name in c.partnerships:
        for proposal in c.proposals:
            cell = c.cell(name, proposal.id)
            ratings.append(cell.rating)
            row: tuple = (name, c.round_label, "Yes" if cell.returned else NO_RETURN, proposal.key_feature,
                          proposal.id, RATING_LABELS.get(cell.rating or "", ""), cell.score)
            if c.previous_label:
                row += (c.previous_label, "Yes" if cell.previous_returned else NO_RETURN,
                        RATING_LABELS.get(cell.previous or "", ""), SCORES.get(cell.previous or ""),
                        cell.change.label if cell.change else "")
            rows.append(row)
    _table(ws, headers, rows, (40, 10, 11, 11, 10, 20, 12, 14, 15, 20, 12, 10))
    styles = _Styles()
    for r, rating in enumerate(ratings, 2):
        if rating in RATING_COLOURS:
            styles.apply(ws.cell(row=r, column=6), RATING_COLOURS[rating], False)


def _by_proposal(ws: Worksheet, c: Collation) -> None:
    headers: tuple[str, ...] = ("Key feature", "Proposal", "Proposal text", *(RATING_LABELS[r] for r in RATINGS),
                                "Rated", "Not rated", "No return", "Median (1–4)", "Median rating")
    if c.previous_label:
        headers += tuple(f"{change.label} since {c.previous_label}" for change in RatingChange)
    rows = []
    for kf, lines in c.local_key_features():
        for line in lines:
            row: tuple = (f"{kf.number}. {kf.title}", line.proposal.id, line.proposal.text,
                          *(line.counts[r] for r in RATINGS), line.rated, line.not_rated, line.no_return,
                          line.median, line.median_text)
            if c.previous_label:
                row += tuple(line.changes[change] for change in RatingChange)
            rows.append(row)
    _table(ws, headers, rows, (30, 9, 50, 12, 12, 12, 12, 8, 10, 10, 12, 40, 12, 12, 12, 12))
    for column, rating in enumerate(RATINGS, 4):
        ws.cell(row=1, column=column).fill = _fill(RATING_COLOURS[rating])


def _by_partnership(ws: Worksheet, c: Collation) -> None:
    headers: tuple[str, ...] = ("Partnership", f"Return for {c.round_label}", "Status", "Date of completion",
                                "Proposals rated", "Actions")
    if c.as_at:
        headers += tuple(f"{h} at {c.as_at:%d/%m/%Y}" for h in ACTION_COLUMNS)
    if c.previous_label:
        headers += (f"Return for {c.previous_label}",
                    *(f"{change.label} since {c.previous_label}" for change in RatingChange))
    rows = []
    for line in c.by_partnership:
        row: tuple = (line.partnership, "Yes" if line.returned else NO_RETURN,
                      ROUND_STATUS_LABELS.get(line.status or "", "") if line.returned else "",
                      line.completed_on, line.rated if line.returned else None,
                      line.actions if line.returned else None)
        if c.as_at:
            row += _action_counts(line.by_rag, line.overdue)
        if c.previous_label:
            row += ("Yes" if line.previous_returned else "No",
                    *((line.changes[change] if line.returned else None) for change in RatingChange))
        rows.append(row)
    _table(ws, headers, rows, (40, 14, 22, 14, 10, 10) + (14,) * (len(headers) - 6))


def _action_counts(by_rag: Mapping[RagState, int] | None, overdue: int | None) -> tuple:
    if by_rag is None or overdue is None:
        return (None,) * len(ACTION_COLUMNS)
    return (overdue, by_rag[RED] - overdue, by_rag[AMBER], by_rag[NEEDS_DATE], by_rag[RagState.GREEN],
            by_rag[RagState.COMPLETE], by_rag[SUPERSEDED], by_rag[CARRIED])


def _about(ws: Worksheet, c: Collation, made_at: datetime) -> None:
    # the version comes from importlib.metadata: read when a file is written, not on import
    from msgdesk import __version__

    rows: list[tuple[str, object]] = [
        ("Collation", "MSG self-evaluation of progress with integration"),
        ("Round", c.round_label),
        ("Compared with round", c.previous_label or ""),
        ("Actions as at", c.as_at),
        ("Partnerships", c.scope_text),
        ("Comparator group", c.group or ""),
        ("Returns", f"{len(c.with_return)} of {len(c.partnerships)}"),
        ("Made at", made_at),
        ("msgdesk version", __version__),
    ]
    rows += [(f"Rating {SCORES[r]}", rating_text(r)) for r in RATINGS]
    rows += [("Median", "Of the partnerships that rated the proposal; may fall half-way between two ratings"),
             ("Template attribution", c.attribution)]
    _table(ws, ("Item", "Value"), rows, (24, 100))


# --- cells -----------------------------------------------------------------------------------


def _table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]) -> None:
    for column, header in enumerate(headers, 1):
        cell = ws.cell(row=1, column=column)
        cells.write(cell, header)
        cell.font = cells.HEADER_FONT
        cell.fill = cells.HEADER_FILL
        cell.alignment = cells.TOP
    for r, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            if value is not None and value != "":
                cells.write(ws.cell(row=r, column=column), value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    for column, width in enumerate(widths[:len(headers)], 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.print_options.gridLines = True
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"


class _Styles:
    """Fills and the muted font given to many cells, each kind worked out once.

    openpyxl registers a style by hashing it, field by field, on every assignment
    (``cell.fill = ...``): the heat map, the changes and the ratings sheets made about
    2,400 such assignments, a tenth of ``msgdesk collate``'s own time over its floor
    (benchmarks/bench_collation.py).  A cell that starts with the same style as one done
    before (the same number format, alignment...) and takes the same fill and font ends
    with the same style array, so it is copied: what openpyxl's own worksheet copier does
    (``target._style = copy(source._style)``)."""

    def __init__(self) -> None:
        self._done: dict[tuple[tuple[int, ...] | None, str | None, bool], StyleArray] = {}

    def apply(self, cell: Any, fill: str | None, muted: bool) -> None:
        key = (None if cell._style is None else tuple(cell._style), fill, muted)
        done = self._done.get(key)
        if done is not None:
            cell._style = copy(done)
            return
        if fill:
            cell.fill = _fill(fill)
        if muted:
            cell.font = _MUTED
        self._done[key] = copy(cell._style)


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())
