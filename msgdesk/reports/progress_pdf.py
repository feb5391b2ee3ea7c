"""The committee progress report as a PDF (reportlab): A4 landscape, DejaVu Sans,
a header naming the partnership, round and date, a "Page X of Y" footer, user
text escaped so that it prints literally.

Contents: the round and the report date; counts by RAG and by status per key
feature with a stacked bar chart of RAG by key feature; the overdue actions
(most overdue first); then every action, by key feature and proposal, with how
it will be delivered and its latest update.

The lists of actions are :class:`~msgdesk.reports.grid.TextGrid` tables: each
cell is wrapped once, an action too long for the rest of a page is cut at a line
(its cells in step) and continues under the repeated header, so the report
prints for any length of text, in time linear in the number of actions.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from msgdesk.domain.states import RoundStatus
from msgdesk.reports.fonts import REGULAR_FONT, register_fonts
from msgdesk.reports.grid import GridCell, GridRow, GridStyle, TextGrid
from msgdesk.reports.pages import KeepRoom, PageSetup, PdfInfo, build_pdf, content_width, outline
from msgdesk.reports.styles import GRID, SECTION, SHADE, styles
from msgdesk.reports.text import markup
from msgdesk.reports.textblock import TextBlock
from msgdesk.tracker.rag import RAG_COLOURS, RAG_LABELS, status_label
from msgdesk.tracker.report import TITLE, ProgressReport, ReportItem, long_date, short_date

ATTRIBUTION_SHORT = "Template text \u00a9 Crown copyright, reused under the Open Government Licence v3.0"


def _width() -> float:
    return content_width()


# --- content ----------------------------------------------------------------------


def _table(data, widths, header_rows: int = 1, extra=()) -> Table:
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR_FONT, 8),  # for empty cells too: no Helvetica reference
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]))
    return table


def _small_header() -> ParagraphStyle:
    return ParagraphStyle("tracker-small-header", parent=styles().cell_header, fontSize=8, leading=10)


def _counts_table(report: ProgressReport, keys, label, header_cells, colour=None) -> Table:
    s = styles()
    head = _small_header()
    data = [[Paragraph("Key feature", head), Paragraph("Actions", head),
             *(Paragraph(markup(h), head) for h in header_cells)]]
    for counts in [*report.by_key_feature, report.total]:
        style = s.cell_bold if counts.number == 0 else s.cell
        centre = s.cell_header if counts.number == 0 else s.cell_center
        data.append([Paragraph(markup(counts.short_title), style), Paragraph(str(counts.total), centre),
                     *(Paragraph(str(label(counts).get(k, 0)), centre) for k in keys)])
    first = 232
    widths = [first, 48, *([(_width() - first - 48) / len(keys)] * len(keys))]
    extra = [("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), SECTION)]
    if colour:
        for column, key in enumerate(keys, start=2):
            extra.append(("LINEBELOW", (column, 0), (column, 0), 3, colors.HexColor(colour[key])))
    return _table(data, widths, extra=extra)


def _chart(report: ProgressReport) -> Drawing:
    fonts = register_fonts()
    rags = report.rags_shown
    width, height = _width(), 165
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular  # else the chart's state refers to Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 30
    chart.width, chart.height = width - 230, height - 55
    chart.data = [[c.by_rag.get(rag, 0) for c in report.by_key_feature] for rag in rags]
    chart.categoryAxis.categoryNames = [f"KF {c.number}" for c in report.by_key_feature]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max([c.total for c in report.by_key_feature] or [0])
    step = max(1, -(-top // 6))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, -(-top // step) * step)
    chart.barWidth = 14
    chart.groupSpacing = 12
    for index, rag in enumerate(rags):
        chart.bars[index].fillColor = colors.HexColor(RAG_COLOURS[rag])
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 175, height - 30
    legend.fontName = fonts.regular
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = len(rags)
    legend.colorNamePairs = [(colors.HexColor(RAG_COLOURS[r]), RAG_LABELS[r]) for r in rags]
    drawing.add(legend)
    drawing.add(String(40, height - 12, "Actions by RAG and key feature", fontName=fonts.bold, fontSize=9))
    return drawing


#: (title, width in points; None: the rest of the page width)
ITEM_COLUMNS = (("Reference", 58), ("Action", 166), ("How we will deliver", 150), ("Lead", 60),
                ("Due date", 70), ("Status", 52), ("RAG", 56), ("Latest update", None))
#: An action up to this tall (points) moves to the next page whole; a taller one is
#: cut at a line, all its cells in step.
KEEP_WHOLE = 90.0
MUTED_HEX = "#555555"


@lru_cache(maxsize=1)
def _item_styles() -> dict[str, ParagraphStyle]:
    s = styles()
    cell = ParagraphStyle("tracker-cell", parent=s.cell, fontSize=8, leading=10)
    return {
        "cell": cell,
        "bold": ParagraphStyle("tracker-cell-bold", parent=cell, fontName=s.cell_bold.fontName),
        "note": ParagraphStyle("tracker-note", parent=cell, fontSize=7, leading=8.8,
                               textColor=colors.HexColor(MUTED_HEX)),
        "header": ParagraphStyle("tracker-header", parent=s.cell_header, fontSize=8, leading=10),
        "empty": ParagraphStyle("tracker-empty", parent=s.cell_muted, fontSize=8, leading=10),
    }


def _update_text(item: ReportItem) -> str:
    update = item.row.last_update
    if update is None:
        return ""
    by = f" ({update.author})" if update.author else ""
    return f"{short_date(update.on_date)}{by}: {update.describe()}"


def _widths() -> list[float]:
    fixed = sum(w for _, w in ITEM_COLUMNS if w)
    return [w or (_width() - fixed) for _, w in ITEM_COLUMNS]


def _item_row(item: ReportItem, with_days: bool) -> GridRow:
    st = _item_styles()
    row = item.row
    cell, note = st["cell"], st["note"]
    reference = [TextBlock(row.reference, cell)]
    if row.carried_from:
        reference.append(TextBlock(f"from round {row.carried_from.round_label}", note))
    for link in row.carried_to:
        reference.append(TextBlock(f"carried to round {link.round_label}", note))
    action = [TextBlock(row.text, cell, paragraph_gap=1) if row.text.strip() else TextBlock("(no text)", st["empty"])]
    if row.timescale.strip():
        action.append(TextBlock(row.timescale, note, lead="Timescale:"))
    delivery = [TextBlock(row.delivery, cell, paragraph_gap=1)] if row.delivery.strip() else []
    due = [TextBlock(short_date(row.due_date) if row.due_date else
                     ("\u2013" if not item.rag.needs_date else "needs a date"), cell)]
    if row.due_date and row.due_set_by_hand:
        due.append(TextBlock("set by hand", note))
    if with_days and item.rag.days_left is not None:
        due.append(TextBlock(f"{-item.rag.days_left} days overdue", note))
    update = _update_text(item)
    return GridRow([
        GridCell(reference, continued=[TextBlock(f"{row.reference} (continued)", note)]),
        GridCell(action), GridCell(delivery),
        GridCell([TextBlock(row.lead, cell)] if row.lead.strip() else []),
        GridCell(due), GridCell([TextBlock(status_label(row.status), cell)]),
        GridCell([TextBlock(item.rag.label, st["bold"])], bar=_rag_colour(item.rag.rag)),
        GridCell([TextBlock(update, cell, paragraph_gap=1)] if update else []),
    ], where=f"action {row.reference}")


@cache
def _rag_colour(rag: str):
    return colors.HexColor(RAG_COLOURS[rag])


def _items_table(items: list[ReportItem], with_days: bool = False) -> TextGrid:
    st = _item_styles()
    header = GridRow([GridCell([TextBlock(title, st["header"])], SHADE) for title, _ in ITEM_COLUMNS])
    return TextGrid(_widths(), [_item_row(item, with_days) for item in items], [header],
                    style=GridStyle(line_width=0.4, left=3, right=3, top=2.5, bottom=3, bar_width=3),
                    keep_whole=KEEP_WHOLE, min_lines=2)


#: Room kept below a heading for the table's header row and its first action.
ROOM_BELOW_HEADING = 60.0


@lru_cache(maxsize=1)
def _heading_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    s = styles()
    return (ParagraphStyle("tracker-heading", parent=s.heading, keepWithNext=0),
            ParagraphStyle("tracker-kf", parent=s.subtitle, keepWithNext=0))


def _heading(text: str, level: int = 0):
    return outline(Paragraph(markup(text), _heading_styles()[level]), text, level)


def _headed(headings: list, room: float = ROOM_BELOW_HEADING) -> list:
    """Headings that start a new page unless the first lines of what follows fit
    below them (unlike keepWithNext, a long table is not moved whole)."""
    return [KeepRoom(headings, extra=room), *headings]


def build_story(report: ProgressReport) -> list:
    s = styles()
    story = [
        Paragraph(TITLE, s.title),
        TextBlock(report.partnership, s.subtitle),
        TextBlock(f"Self-evaluation of progress with integration, round {report.round_label} "
                  f"\u2013 {report.round_status_text()}", s.body),
        TextBlock(report.summary_sentence(), s.body, lead=f"As at {long_date(report.as_at)}."),
        Paragraph("RAG: red = overdue or off track; amber = at risk or due within 30 days; needs a date = "
                  "no due date and not ongoing; green = on course; complete = complete or in place.", s.muted),
        Spacer(1, 4),
        *_headed([_heading("Actions by RAG and key feature")], 150),
        _counts_table(report, report.rags_shown, lambda c: c.by_rag,
                      [RAG_LABELS[r] for r in report.rags_shown], RAG_COLOURS),
        Spacer(1, 6),
        KeepTogether([_chart(report)]),
        *_headed([_heading("Actions by status and key feature")], 150),
        _counts_table(report, list(report.total.by_status), lambda c: c.by_status,
                      [status_label(k) for k in report.total.by_status]),
        *_headed([_heading(f"Overdue actions ({len(report.overdue)})")]),
    ]
    if report.overdue:
        story.append(_items_table(report.overdue, with_days=True))
    else:
        story.append(Paragraph(f"No action is overdue as at {long_date(report.as_at)}.", s.body))
    all_heading = _heading(f"All actions ({len(report.items)})")
    if not report.items:
        story += [all_heading, Paragraph("This round has no improvement actions.", s.body)]
    for counts in report.by_key_feature:
        items = [i for i in report.items if i.row.key_feature == counts.number]
        if not items:
            continue
        headings = [_heading(counts.short_title, level=1)]
        if all_heading is not None:
            headings.insert(0, all_heading)
            all_heading = None
        story += _headed(headings)
        story.append(_items_table(items))
        story.append(Spacer(1, 4))
    story.append(Spacer(1, 8))
    story.append(TextBlock(report.attribution, s.muted))
    return story


def page_setup(report: ProgressReport) -> PageSetup:
    return PageSetup(
        header_left=f"{report.partnership} \u2013 round {report.round_label}",
        header_right=f"Progress as at {short_date(report.as_at)}",
        footer_left=ATTRIBUTION_SHORT,
        draft=report.round.status != RoundStatus.APPROVED,
    )


def render(report: ProgressReport) -> bytes:
    from msgdesk import __version__

    info = PdfInfo(
        title=f"{TITLE} \u2013 {report.partnership}, round {report.round_label}",
        author=report.partnership,
        subject=f"Improvement actions of the MSG self-evaluation, as at {report.as_at.isoformat()}",
        keywords=("MSG self-evaluation", "improvement actions", "progress report"),
        creator=f"msgdesk {__version__}",
    )
    return build_pdf(build_story(report), page_setup(report), info, report="progress report (PDF)")


def write_pdf(report: ProgressReport, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically (a half-written file never replaces a good one)."""
    from msgdesk.rounds.return_file import write_atomically

    return write_atomically(path, render(report))
