"""The collation as a tagged, accessible PDF (PDF/UA-1): A4 landscape, "Page X of Y", for
the Integration Leadership Group's papers.  Laid out by ``resources/typst/collation.typ``
(every table arrives as data); this module decides what goes where.

1. What was collated: the round, the partnerships (a comparator group or all), the returns
   received, the earlier round compared with, the date the actions are counted at, and
   which partnerships have no return;
2. the heat map: the 22 local proposals (under their key features) down, the partnerships
   across, each cell the rating as number and word on its colour ("No return" on grey);
   when the partnerships do not fit across one page, the matrix continues on the next
   pages with the proposals again, and a header row that repeats;
3. per proposal: how many partnerships chose each rating, rated / not rated / no return,
   the median (and with an earlier round how many moved up, down, stayed, were new);
4. with an earlier round: the change matrix (↑ Up, ↓ Down, = Same, + New);
5. per partnership: its return's status, proposals rated and actions (as at a date: how
   many are overdue, completed, on track, and the rest), and the moves since the earlier round.

Every cell is plain text (partnership names print literally, as data); a name in a
matrix header is cut to a few lines with "…" (the full name is in the table of
partnerships), so a header row always leaves room for cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from msgdesk.collation.collate import (
    CHANGE_COLOURS,
    NO_RETURN,
    NO_RETURN_COLOUR,
    NOT_RATED,
    RATING_COLOURS,
    Cell,
    Collation,
    rating_text,
)
from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ROUND_STATUS_LABELS
from msgdesk.domain.states import RatingChange
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.fonts import text_width, wrap
from msgdesk.reports.text import long_date
from msgdesk.reports.typeset import PageSetup, PdfInfo, compile_pdf
from msgdesk.tracker.report import short_date

ATTRIBUTION_SHORT = "Template text © Crown copyright, reused under the Open Government Licence v3.0"
TITLE = "MSG self-evaluation of progress with integration: collation of returns"
TEMPLATE = "collation.typ"
CONTENT_WIDTH = 841.89 - 2 * 14 * 72 / 25.4  # A4 landscape less the side margins (page.typ)

MATRIX_FONT_SIZE = 7.0
ROW_LABEL_WIDTH = 44.0  # the proposal number column of the matrices
#: A partnership's name in a matrix header wraps to at most this many lines (the full
#: name is in the table of partnerships), so a header row always leaves room for cells.
HEADER_LINES = 5
PADDING = 3.0
SECTION = "#b9c3cb"
SHADE = "#d9dee2"
BOLD = "DejaVuSans-Bold"
REGULAR = "DejaVuSans"


def export(collation: Collation, out_path: str | Path) -> Path:
    return write_atomically(out_path, render(collation))


def render(collation: Collation) -> bytes:
    return compile_pdf(TEMPLATE, document(collation), report="collation (PDF)")


def document(collation: Collation) -> dict[str, Any]:
    """Everything collation.typ prints, as plain data."""
    from msgdesk import __version__  # importlib.metadata, read when a PDF is written

    setup = PageSetup(header_left="MSG self-evaluation – collation of returns",
                      header_right=f"Round {collation.round_label}", header_sub=collation.scope_text,
                      footer_left=ATTRIBUTION_SHORT)
    info = PdfInfo(title=f"{TITLE} – round {collation.round_label} – {collation.scope_text}",
                   author="msgdesk", subject="Ministerial Strategic Group for Health and Community Care: review of "
                   "progress with integration of health and social care – collation of self-evaluations",
                   keywords=("MSG", "self-evaluation", "collation", collation.round_label),
                   creator=f"msgdesk {__version__}")
    return {"meta": info.as_data(), "page": setup.as_data(), "sections": sections(collation)}


# --- cells -------------------------------------------------------------------------------------


def cell(value: str, *, fill: str | None = None, bold: bool = False, muted: bool = False, left: bool = False,
         colspan: int = 1, lead: str = "") -> dict[str, Any]:
    """One table cell for page.typ's ``data-table``."""
    return {"text": value, "lead": lead, "fill": fill, "bold": bold, "muted": muted, "left": left,
            "colspan": colspan}


def table(widths: Sequence[float | None], header: list[dict[str, Any]], rows: list[list[dict[str, Any]]],
          size: float = MATRIX_FONT_SIZE) -> dict[str, Any]:
    return {"kind": "table", "table": {"widths": list(widths), "header": header, "rows": rows, "size": size}}


def _text(value: str, *, small: bool = False, bold: bool = False) -> dict[str, Any]:
    return {"kind": "text", "text": value, "small": small, "bold": bold}


def _space(points: float) -> dict[str, Any]:
    return {"kind": "space", "points": points}


def _section(title: str, bookmark: str, running: str, parts: list[dict[str, Any]],
             new_page: bool = True) -> dict[str, Any]:
    return {"title": title, "bookmark": bookmark, "running": running, "parts": parts, "new_page": new_page}


def _at_most(value: str, bold: bool, width: float, max_lines: int) -> str:
    """``value`` cut, with "…", to what wraps into ``max_lines`` lines of ``width`` points."""
    font = BOLD if bold else REGULAR

    def lines(v: str) -> int:
        return len(wrap(v, font, MATRIX_FONT_SIZE, width))

    if lines(value) <= max_lines:
        return value
    words = value.split()
    low, high = 0, len(words)
    while low < high:  # the most words that wrap, with "…", into max_lines
        middle = (low + high + 1) // 2
        if lines(" ".join(words[:middle]) + " …") <= max_lines:
            low = middle
        else:
            high = middle - 1
    if low == 0:  # one very long word
        cut = value
        while cut and lines(cut + "…") > max_lines:
            cut = cut[: max(1, len(cut) * 3 // 4)] if len(cut) > 8 else cut[:-1]
        return cut + "…"
    return " ".join(words[:low]) + " …"


def cell_width_for(labels: Sequence[str], bold: bool = False, size: float = MATRIX_FONT_SIZE) -> float:
    """The narrowest column that shows each of ``labels`` on one line."""
    font = BOLD if bold else REGULAR
    return max(text_width(label, font, size) for label in labels) + 2 * PADDING + 1


def words_width(label: str, bold: bool = True, size: float = MATRIX_FONT_SIZE) -> float:
    """The narrowest column in which ``label`` wraps between words, never inside one."""
    return cell_width_for(label.split() or [""], bold, size)


# --- the sections ------------------------------------------------------------------------------


def sections(c: Collation) -> list[dict[str, Any]]:
    out = [_overview(c)]
    out += _matrices(c, "Heat map", f"Ratings in round {c.round_label}", lambda cell: cell.text, _heat_fill,
                     _legend_ratings())
    out.append(_distribution(c))
    if c.previous_label:
        out += _matrices(c, "Changes", f"Change in rating since round {c.previous_label}", _change_text,
                         _change_fill, _legend_changes(c.previous_label))
    out.append(_partnerships(c))
    return out


def _overview(c: Collation) -> dict[str, Any]:
    lines = [
        f"Round: {c.round_label}",
        f"Partnerships: {c.scope_text}",
        f"Returns for round {c.round_label}: {len(c.with_return)} of {len(c.partnerships)}",
    ]
    if c.previous_label:
        earlier = sum(1 for line in c.by_partnership if line.previous_returned)
        lines.append(f"Compared with round {c.previous_label} ({earlier} of {len(c.partnerships)} had a return then)")
    if c.as_at:
        lines.append(f"Improvement actions counted as at {long_date(c.as_at)}, by the tracker's RAG")
    parts = [_space(4)] + [_text(line) for line in lines] + [_space(6)]
    if c.no_return:
        parts.append(_text(f"No return for round {c.round_label} ({len(c.no_return)}):", bold=True))
        parts += [_text(f"• {name}") for name in c.no_return]
    else:
        parts.append(_text(f"Every partnership collated has a return for round {c.round_label}."))
    parts += [_space(6), _text(
        "Ratings are scored 1 (Not yet established) to 4 (Exemplary). The median is taken over the partnerships "
        "that rated the proposal, and may fall half-way between two ratings. Colours only repeat the words.",
        small=True)]
    return _section(TITLE, "Overview", "Overview", parts, new_page=False)


def _heat_fill(cell_: Cell) -> str | None:
    return cell_.colour


def _change_text(cell_: Cell) -> str:
    if not cell_.returned:
        return NO_RETURN
    if cell_.change is None:
        return NOT_RATED
    return cell_.change_text


def _change_fill(cell_: Cell) -> str | None:
    if not cell_.returned:
        return NO_RETURN_COLOUR
    return CHANGE_COLOURS[cell_.change] if cell_.change else None


def _legend_ratings() -> list[tuple[str, str]]:
    return [(rating_text(r), RATING_COLOURS[r]) for r in RATINGS] + [(NOT_RATED, "#ffffff"),
                                                                      (NO_RETURN, NO_RETURN_COLOUR)]


def _legend_changes(previous: str) -> list[tuple[str, str]]:
    return [(f"{change.symbol} {change.label}", CHANGE_COLOURS[change]) for change in RatingChange] + [
        (NOT_RATED, "#ffffff"), (NO_RETURN, NO_RETURN_COLOUR)]


def _legend(items: list[tuple[str, str]]) -> dict[str, Any]:
    return {"kind": "legend", "items": [{"text": label, "fill": colour, "muted": label in (NO_RETURN, NOT_RATED)}
                                        for label, colour in items]}


def _column_chunks(c: Collation, cell_texts: Sequence[str]) -> tuple[list[list[str]], float]:
    """The partnerships split into page-wide groups of columns, and the column width."""
    least = cell_width_for(cell_texts)
    room = CONTENT_WIDTH - ROW_LABEL_WIDTH
    per_page = max(1, int(room // least))
    names = list(c.partnerships)
    pages = max(1, -(-len(names) // per_page))
    per_page = -(-len(names) // pages) if names else 1  # even pages: 8, 8, 8, 7 rather than 9, 9, 9, 4
    width = min(room / per_page, least * 2.2)
    return [names[i:i + per_page] for i in range(0, len(names), per_page)], width


def _matrices(c: Collation, name: str, title: str, cell_text: Callable[[Cell], str],
              fill: Callable[[Cell], str | None], legend: list[tuple[str, str]]) -> list[dict[str, Any]]:
    # every matrix has the heat map's columns, so its pages line up with the heat map's
    chunks, width = _column_chunks(c, [label for label, _ in _legend_ratings()])
    out = []
    total = len(c.partnerships)
    for index, names in enumerate(chunks):
        first = sum(len(chunk) for chunk in chunks[:index]) + 1
        part = f" – partnerships {first}–{first + len(names) - 1} of {total}" if len(chunks) > 1 else ""
        parts = [_space(3), _legend(legend)]
        if names:
            parts.append(_matrix(c, names, width, cell_text, fill))
        else:
            parts.append(_text("There are no partnerships to show."))
        out.append(_section(f"{title}{part}", f"{name}{part}" if index else name, name, parts))
    return out


def _matrix(c: Collation, names: Sequence[str], width: float, cell_text: Callable[[Cell], str],
            fill: Callable[[Cell], str | None]) -> dict[str, Any]:
    inner = width - 2 * PADDING
    header = [cell("Proposal", bold=True, fill=SHADE)] + [
        cell(_at_most(n, True, inner, HEADER_LINES), bold=True, fill=SHADE) for n in names]
    rows = []
    for kf, lines in c.local_key_features():
        rows.append([cell(f"{kf.number}. {kf.title}", bold=True, left=True, fill=SECTION, colspan=len(names) + 1)])
        for line in lines:
            row = [cell(line.proposal.id, bold=True)]
            for partnership in names:
                found = c.cell(partnership, line.proposal.id)
                shown = cell_text(found)
                row.append(cell(shown, muted=shown in (NO_RETURN, NOT_RATED), fill=fill(found)))
            rows.append(row)
    return table([ROW_LABEL_WIDTH] + [width] * len(names), header, rows)


def _distribution(c: Collation) -> dict[str, Any]:
    changes = list(RatingChange) if c.previous_label else []
    titles = ([RATING_LABELS[r] for r in RATINGS] + ["Rated", "Not rated", NO_RETURN]
              + [f"{ch.symbol} {ch.label}" for ch in changes])
    fills: list[str | None] = [RATING_COLOURS[r] for r in RATINGS] + [None] * 3 + [CHANGE_COLOURS[ch] for ch in changes]
    widths: list[float | None] = [max(38.0, words_width(t)) for t in titles]
    widths.insert(7, 92.0)
    titles.insert(7, "Median")
    fills.insert(7, None)
    header = [cell("Proposal", bold=True, left=True, fill=SHADE)] + [
        cell(t, bold=True, fill=f or SHADE) for t, f in zip(titles, fills, strict=True)]
    rows = []
    for kf, lines in c.local_key_features():
        rows.append([cell(f"{kf.number}. {kf.title}", bold=True, left=True, fill=SECTION, colspan=len(header))])
        for line in lines:
            row = [cell(line.proposal.text, lead=f"{line.proposal.id}:", left=True)]
            row += [cell(str(line.counts[rating])) for rating in RATINGS]
            row += [cell(str(line.rated)), cell(str(line.not_rated)), cell(str(line.no_return)),
                    cell(line.median_text or "–")]
            row += [cell(str(line.changes[ch])) for ch in changes]
            rows.append(row)
    title = f"Ratings by proposal, round {c.round_label}"
    if c.previous_label:
        title += f", and moves since round {c.previous_label}"
    return _section(title, "By proposal", "By proposal", [
        _space(4), _text("Each number counts the partnerships that chose that rating for the proposal.", small=True),
        _space(3), table([None, *widths], header, rows, size=MATRIX_FONT_SIZE + 0.5)])


def _partnerships(c: Collation) -> dict[str, Any]:
    titles = [f"Return for {c.round_label}", "Proposals rated", "Actions"]
    if c.as_at:
        titles += ["Overdue", "Completed", "On track", "Other"]
    changes = list(RatingChange) if c.previous_label else []
    if c.previous_label:
        titles += [f"Return for {c.previous_label}"] + [f"{ch.symbol} {ch.label}" for ch in changes]
    widths: list[float | None] = [max(40.0, words_width(t)) for t in titles]
    widths[0] = 150.0
    header = [cell("Partnership", bold=True, left=True, fill=SHADE)] + [cell(t, bold=True, fill=SHADE) for t in titles]
    rows = []
    for line in c.by_partnership:
        if line.returned:
            status = ROUND_STATUS_LABELS.get(line.status or "", "")
            returned = status + (f", completed {short_date(line.completed_on)}" if line.completed_on else "")
            row = [cell(line.partnership, left=True), cell(returned), cell(str(line.rated)), cell(str(line.actions))]
        else:
            row = [cell(line.partnership, left=True), cell(NO_RETURN, muted=True, fill=NO_RETURN_COLOUR), cell("–"),
                   cell("–")]
        if c.as_at:
            if line.by_rag is not None and line.overdue is not None:
                other = line.actions - line.overdue - (line.completed or 0) - (line.on_track or 0)
                row += [cell(str(v)) for v in (line.overdue, line.completed, line.on_track, other)]
            else:
                row += [cell("–") for _ in range(4)]
        if c.previous_label:
            row.append(cell("Yes" if line.previous_returned else NO_RETURN, muted=not line.previous_returned))
            row += [cell(str(line.changes[ch]) if line.returned else "–") for ch in changes]
        rows.append(row)
    parts: list[dict[str, Any]] = [_space(4)]
    if c.as_at:
        parts += [_text(
            f"Actions as at {long_date(c.as_at)}: overdue (due date passed, not closed), completed (complete or in "
            "place), on track (green: open, dated, not due within 30 days, not at risk); other: at risk or due "
            "within 30 days, off track, needs a date, superseded, carried forward.", small=True), _space(3)]
    parts.append(table([None, *widths], header, rows, size=MATRIX_FONT_SIZE + 0.5))
    return _section(f"Partnerships, round {c.round_label}", "By partnership", "By partnership", parts)
