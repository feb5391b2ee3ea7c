"""The collation as a PDF report: A4 landscape, "Page X of Y", for the Integration
Leadership Group's papers.

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

Every cell is a bounded block of plain text (partnership names print literally); no table
row is taller than a page's frame, however long a name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

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
from msgdesk.reports.pages import PageSetup, PdfInfo, build_pdf, content_width, outline, running
from msgdesk.reports.styles import GRID, MUTED, SECTION, SHADE, styles
from msgdesk.reports.text import long_date
from msgdesk.reports.textblock import TextBlock, wrap_lines
from msgdesk.tracker.report import short_date

ATTRIBUTION_SHORT = "Template text © Crown copyright, reused under the Open Government Licence v3.0"
TITLE = "MSG self-evaluation of progress with integration: collation of returns"

MATRIX_FONT_SIZE = 7.0
ROW_LABEL_WIDTH = 44.0  # the proposal number column of the matrices
#: A partnership's name in a matrix header wraps to at most this many lines (the full
#: name is in the table of partnerships), so a header row always leaves room for cells.
HEADER_LINES = 5
PADDING = 3.0

GRID_STYLE = [
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
]


def export(collation: Collation, out_path: str | Path) -> Path:
    return write_atomically(out_path, render(collation))


def render(collation: Collation) -> bytes:
    # the version comes from importlib.metadata: read when a file is written, not on import
    from msgdesk import __version__

    setup = PageSetup(header_left="MSG self-evaluation – collation of returns",
                      header_right=f"Round {collation.round_label}", header_sub=collation.scope_text,
                      footer_left=ATTRIBUTION_SHORT)
    info = PdfInfo(title=f"{TITLE} – round {collation.round_label} – {collation.scope_text}",
                   author="msgdesk", subject="Ministerial Strategic Group for Health and Community Care: review of "
                   "progress with integration of health and social care – collation of self-evaluations",
                   keywords=("MSG", "self-evaluation", "collation", collation.round_label),
                   creator=f"msgdesk {__version__}")
    return build_pdf(story(collation), setup, info)


# --- styles and cells -------------------------------------------------------------------------


def _style(name: str, parent: ParagraphStyle, **values: object) -> ParagraphStyle:
    return ParagraphStyle(f"collation-{name}", parent=parent, **values)


class _Styles:
    def __init__(self) -> None:
        st = styles()
        size = MATRIX_FONT_SIZE
        self.cell = _style("cell", st.cell, fontSize=size, leading=size * 1.22, alignment=1)
        self.cell_left = _style("cell-left", st.cell, fontSize=size + 0.5, leading=(size + 0.5) * 1.22)
        self.muted = _style("muted", self.cell, fontName=st.cell_muted.fontName, textColor=MUTED)
        self.head = _style("head", self.cell, fontName=st.cell_bold.fontName)
        self.head_left = _style("head-left", self.cell_left, fontName=st.cell_bold.fontName)
        self.section = _style("section", self.cell_left, fontName=st.cell_bold.fontName)
        self.title = st.subtitle
        self.body = st.body
        self.small = st.small


_styles: _Styles | None = None


def pdf_styles() -> _Styles:
    global _styles
    if _styles is None:
        _styles = _Styles()
    return _styles


def text(value: str, style: ParagraphStyle, *, max_lines: int | None = None, width: float | None = None) -> list:
    """A cell of plain text; with ``max_lines`` (and the cell's inner ``width``) it is cut
    to that many lines with an ellipsis."""
    if max_lines is not None and width is not None:
        value = _at_most(value, style, width, max_lines)
    return [TextBlock(value, style)]


def _at_most(value: str, style: ParagraphStyle, width: float, max_lines: int) -> str:
    lines = wrap_lines(value, style.fontName, style.fontSize, width)
    if len(lines) <= max_lines:
        return value
    words = value.split()
    low, high = 0, len(words)
    while low < high:  # the most words that wrap, with "…", into max_lines
        middle = (low + high + 1) // 2
        if len(wrap_lines(" ".join(words[:middle]) + " …", style.fontName, style.fontSize, width)) <= max_lines:
            low = middle
        else:
            high = middle - 1
    if low == 0:  # one very long word
        cut = value
        while cut and len(wrap_lines(cut + "…", style.fontName, style.fontSize, width)) > max_lines:
            cut = cut[: max(1, len(cut) * 3 // 4)] if len(cut) > 8 else cut[:-1]
        return cut + "…"
    return " ".join(words[:low]) + " …"


def heat_colour(value: str) -> colors.Color:
    return colors.HexColor(value)


def cell_width_for(labels: Sequence[str], style: ParagraphStyle) -> float:
    """The narrowest column that shows each of ``labels`` on one line."""
    return max(stringWidth(label, style.fontName, style.fontSize) for label in labels) + 2 * PADDING + 1


# --- the story ---------------------------------------------------------------------------------


def story(c: Collation) -> list[Flowable]:
    flowables: list[Flowable] = []
    flowables += _overview(c)
    flowables += _matrices(c, "Heat map", f"Ratings in round {c.round_label}", lambda cell: cell.text,
                           _heat_fill, _legend_ratings())
    flowables.append(PageBreak())
    flowables += _distribution(c)
    if c.previous_label:
        flowables.append(PageBreak())
        flowables += _matrices(c, "Changes", f"Change in rating since round {c.previous_label}", _change_text,
                               _change_fill, _legend_changes(c.previous_label))
    flowables.append(PageBreak())
    flowables += _partnerships(c)
    return flowables


def _heading(title: str, outline_title: str, running_title: str) -> Flowable:
    heading = TextBlock(title, pdf_styles().title)
    return running(outline(heading, outline_title, 0), running_title)


def _overview(c: Collation) -> list[Flowable]:
    s = pdf_styles()
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
    story: list[Flowable] = [_heading(TITLE, "Overview", "Overview"), Spacer(0, 4)]
    story += [TextBlock(line, s.body) for line in lines]
    story.append(Spacer(0, 6))
    if c.no_return:
        story.append(TextBlock(f"No return for round {c.round_label} ({len(c.no_return)}):", s.head_left))
        story += [TextBlock(f"• {name}", s.body) for name in c.no_return]
    else:
        story.append(TextBlock(f"Every partnership collated has a return for round {c.round_label}.", s.body))
    story.append(Spacer(0, 6))
    story.append(TextBlock(
        "Ratings are scored 1 (Not yet established) to 4 (Exemplary). The median is taken over the partnerships "
        "that rated the proposal, and may fall half-way between two ratings. Colours only repeat the words.",
        s.small))
    story.append(PageBreak())
    return story


def _heat_fill(cell: Cell) -> str | None:
    return cell.colour


def _change_text(cell: Cell) -> str:
    if not cell.returned:
        return NO_RETURN
    if cell.change is None:
        return NOT_RATED
    return cell.change_text


def _change_fill(cell: Cell) -> str | None:
    if not cell.returned:
        return NO_RETURN_COLOUR
    return CHANGE_COLOURS[cell.change] if cell.change else None


def _legend_ratings() -> list[tuple[str, str]]:
    return [(rating_text(r), RATING_COLOURS[r]) for r in RATINGS] + [(NOT_RATED, "#ffffff"),
                                                                      (NO_RETURN, NO_RETURN_COLOUR)]


def _legend_changes(previous: str) -> list[tuple[str, str]]:
    return [(f"{change.symbol} {change.label}", CHANGE_COLOURS[change]) for change in RatingChange] + [
        (NOT_RATED, "#ffffff"), (NO_RETURN, NO_RETURN_COLOUR)]


def _legend(items: list[tuple[str, str]]) -> Table:
    s = pdf_styles()
    widths = [cell_width_for([label], s.cell) + 6 for label, _ in items]
    table = Table([[text(label, s.muted if label in (NO_RETURN, NOT_RATED) else s.cell) for label, _ in items]],
                  colWidths=widths, hAlign="LEFT")
    commands = list(GRID_STYLE[:-1]) + [("BACKGROUND", (i, 0), (i, 0), heat_colour(colour))
                                   for i, (_label, colour) in enumerate(items)]
    table.setStyle(TableStyle(commands))
    return table


def _column_chunks(c: Collation, cell_texts: Sequence[str]) -> tuple[list[list[str]], float]:
    """The partnerships split into page-wide groups of columns, and the column width."""
    s = pdf_styles()
    least = cell_width_for(cell_texts, s.cell)
    room = content_width() - ROW_LABEL_WIDTH
    per_page = max(1, int(room // least))
    names = list(c.partnerships)
    pages = max(1, -(-len(names) // per_page))
    per_page = -(-len(names) // pages) if names else 1  # even pages: 8, 8, 8, 7 rather than 9, 9, 9, 4
    width = min(room / per_page, least * 2.2)
    return [names[i:i + per_page] for i in range(0, len(names), per_page)], width


def _matrices(c: Collation, name: str, title: str, cell_text: Callable[[Cell], str],
              fill: Callable[[Cell], str | None], legend: list[tuple[str, str]]) -> list[Flowable]:
    s = pdf_styles()
    # every matrix has the heat map's columns, so its pages line up with the heat map's
    chunks, width = _column_chunks(c, [label for label, _ in _legend_ratings()])
    story: list[Flowable] = []
    total = len(c.partnerships)
    for index, names in enumerate(chunks):
        first = sum(len(chunk) for chunk in chunks[:index]) + 1
        part = f" – partnerships {first}–{first + len(names) - 1} of {total}" if len(chunks) > 1 else ""
        if index:
            story.append(PageBreak())
        story.append(_heading(f"{title}{part}", f"{name}{part}" if index else name, name))
        story.append(Spacer(0, 3))
        story.append(_legend(legend))
        story.append(Spacer(0, 4))
        story.append(_matrix(c, names, width, cell_text, fill))
    if not chunks or not c.partnerships:
        story.append(TextBlock("There are no partnerships to show.", s.body))
    return story


def _matrix(c: Collation, names: Sequence[str], width: float, cell_text: Callable[[Cell], str],
            fill: Callable[[Cell], str | None]) -> Table:
    s = pdf_styles()
    inner = width - 2 * PADDING
    rows: list[list] = [[text("Proposal", s.head)]
                        + [text(n, s.head, max_lines=HEADER_LINES, width=inner) for n in names]]
    commands = list(GRID_STYLE)
    for kf, lines in c.local_key_features():
        r = len(rows)
        rows.append([text(f"{kf.number}. {kf.title}", s.section)] + [""] * len(names))
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION),
                     ("NOSPLIT", (0, r), (-1, r + 1))]  # a key feature's title stays with its first proposal
        for line in lines:
            r = len(rows)
            row: list = [text(line.proposal.id, s.head)]
            for column, partnership in enumerate(names, 1):
                cell = c.cell(partnership, line.proposal.id)
                shown = cell_text(cell)
                row.append(text(shown, s.muted if shown in (NO_RETURN, NOT_RATED) else s.cell))
                colour = fill(cell)
                if colour:
                    commands.append(("BACKGROUND", (column, r), (column, r), heat_colour(colour)))
            rows.append(row)
    return Table(rows, colWidths=[ROW_LABEL_WIDTH] + [width] * len(names), repeatRows=1,
                 style=TableStyle(commands), hAlign="LEFT")


def words_width(label: str, style: ParagraphStyle) -> float:
    """The narrowest column in which ``label`` wraps between words, never inside one."""
    return cell_width_for(label.split() or [""], style)


def _distribution(c: Collation) -> list[Flowable]:
    s = pdf_styles()
    changes = list(RatingChange) if c.previous_label else []
    titles = ([RATING_LABELS[r] for r in RATINGS] + ["Rated", "Not rated", NO_RETURN]
              + [f"{ch.symbol} {ch.label}" for ch in changes])
    widths = [max(38.0, words_width(t, s.head)) for t in titles]
    median_width = 92.0
    widths.insert(7, median_width)
    titles.insert(7, "Median")
    header = [text("Proposal", s.head_left)] + [text(t, s.head) for t in titles]
    rows: list[list] = [header]
    commands = list(GRID_STYLE) + [("BACKGROUND", (i, 0), (i, 0), heat_colour(RATING_COLOURS[r]))
                              for i, r in enumerate(RATINGS, 1)]
    commands += [("BACKGROUND", (9 + i, 0), (9 + i, 0), heat_colour(CHANGE_COLOURS[ch]))
                 for i, ch in enumerate(changes)]
    for kf, lines in c.local_key_features():
        r = len(rows)
        rows.append([text(f"{kf.number}. {kf.title}", s.section)] + [""] * (len(header) - 1))
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION),
                     ("NOSPLIT", (0, r), (-1, r + 1))]  # a key feature's title stays with its first proposal
        for line in lines:
            row = [[TextBlock(line.proposal.text, s.cell_left, lead=f"{line.proposal.id}:")]]
            row += [text(str(line.counts[rating]), s.cell) for rating in RATINGS]
            row += [text(str(line.rated), s.cell), text(str(line.not_rated), s.cell),
                    text(str(line.no_return), s.cell), text(line.median_text or "–", s.cell)]
            row += [text(str(line.changes[ch]), s.cell) for ch in changes]
            rows.append(row)
    title = f"Ratings by proposal, round {c.round_label}"
    if c.previous_label:
        title += f", and moves since round {c.previous_label}"
    table = Table(rows, colWidths=[content_width() - sum(widths)] + widths, repeatRows=1,
                  style=TableStyle(commands + [("VALIGN", (0, 1), (0, -1), "TOP")]))
    return [_heading(title, "By proposal", "By proposal"), Spacer(0, 4),
            TextBlock("Each number counts the partnerships that chose that rating for the proposal.", s.small),
            Spacer(0, 3), table]


def _partnerships(c: Collation) -> list[Flowable]:
    s = pdf_styles()
    titles = [f"Return for {c.round_label}", "Proposals rated", "Actions"]
    if c.as_at:
        titles += ["Overdue", "Completed", "On track", "Other"]
    changes = list(RatingChange) if c.previous_label else []
    if c.previous_label:
        titles += [f"Return for {c.previous_label}"] + [f"{ch.symbol} {ch.label}" for ch in changes]
    widths = [max(40.0, words_width(t, s.head)) for t in titles]
    widths[0] = 150.0
    header = [text("Partnership", s.head_left)] + [text(t, s.head) for t in titles]
    widths.insert(0, content_width() - sum(widths))
    rows: list[list] = [header]
    commands = list(GRID_STYLE)
    for line in c.by_partnership:
        r = len(rows)
        if line.returned:
            status = ROUND_STATUS_LABELS.get(line.status or "", "")
            returned = status + (f", completed {short_date(line.completed_on)}" if line.completed_on else "")
            row = [text(line.partnership, s.cell_left), text(returned, s.cell), text(str(line.rated), s.cell),
                   text(str(line.actions), s.cell)]
        else:
            row = [text(line.partnership, s.cell_left), text(NO_RETURN, s.muted), text("–", s.cell),
                   text("–", s.cell)]
            commands.append(("BACKGROUND", (1, r), (1, r), heat_colour(NO_RETURN_COLOUR)))
        if c.as_at:
            if line.by_rag is not None and line.overdue is not None:
                other = line.actions - line.overdue - (line.completed or 0) - (line.on_track or 0)
                row += [text(str(v), s.cell) for v in (line.overdue, line.completed, line.on_track, other)]
            else:
                row += [text("–", s.cell)] * 4
        if c.previous_label:
            row.append(text("Yes" if line.previous_returned else NO_RETURN,
                            s.cell if line.previous_returned else s.muted))
            row += [text(str(line.changes[ch]) if line.returned else "–", s.cell) for ch in changes]
        rows.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1,
                  style=TableStyle(commands + [("VALIGN", (0, 1), (0, -1), "TOP")]))
    story: list[Flowable] = [_heading(f"Partnerships, round {c.round_label}", "By partnership", "By partnership"),
                             Spacer(0, 4)]
    if c.as_at:
        story.append(TextBlock(
            f"Actions as at {long_date(c.as_at)}: overdue (due date passed, not closed), completed (complete or in "
            "place), on track (green: open, dated, not due within 30 days, not at risk); other: at risk or due "
            "within 30 days, off track, needs a date, superseded, carried forward.", s.small))
        story.append(Spacer(0, 3))
    story.append(table)
    return story
