"""The committee progress report as a PDF (reportlab): A4 landscape, DejaVu Sans,
a header naming the partnership, round and date, a "Page X of Y" footer, user
text escaped so that it prints literally.

Contents: the round and the report date; counts by RAG and by status per key
feature with a stacked bar chart of RAG by key feature; the overdue actions
(most overdue first); then every action, by key feature and proposal, with its
latest update.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from msgdesk.reports.fonts import register_fonts
from msgdesk.reports.pages import PageSetup, PdfInfo, build_pdf, content_width, outline
from msgdesk.reports.styles import GRID, SECTION, SHADE, styles
from msgdesk.reports.text import markup
from msgdesk.tracker.rag import RAG_COLOURS, RAG_LABELS, status_label
from msgdesk.tracker.report import TITLE, ProgressReport, ReportItem, long_date, short_date

ATTRIBUTION_SHORT = "Template text \u00a9 Crown copyright, reused under the Open Government Licence v3.0"


def _width() -> float:
    return content_width()


# --- content ----------------------------------------------------------------------


def _p(text: str, style) -> Paragraph:
    """A paragraph of user text: escaped, so markup in it prints literally."""
    return Paragraph(markup(text), style)


def _table(data, widths, header_rows: int = 1, extra=()) -> Table:
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
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


ITEM_COLUMNS = (("Reference", 70), ("Action", 254), ("Lead", 70), ("Due date", 66), ("Status", 58),
                ("RAG", 66), ("Latest update", None))


def _update_text(item: ReportItem) -> str:
    update = item.row.last_update
    if update is None:
        return ""
    by = f" ({update.author})" if update.author else ""
    return f"{short_date(update.on_date)}{by}: {update.describe()}"


def _items_table(items: list[ReportItem], with_days: bool = False) -> Table:
    s = styles()
    columns = list(ITEM_COLUMNS)
    fixed = sum(w for _, w in columns if w)
    widths = [w or (_width() - fixed) for _, w in columns]
    data = [[Paragraph(title, s.cell_header) for title, _ in columns]]
    extra = []
    for item in items:
        row = item.row
        ref = markup(row.reference)
        if row.carried_from:
            ref += f"<br/><font size=7 color='#555555'>from round {markup(row.carried_from.round_label)}</font>"
        for link in row.carried_to:
            ref += f"<br/><font size=7 color='#555555'>carried to round {markup(link.round_label)}</font>"
        due = short_date(row.due_date) if row.due_date else ("\u2013" if not item.rag.needs_date else "needs a date")
        if row.due_date and row.due_set_by_hand:
            due += "<br/><font size=7 color='#555555'>set by hand</font>"
        if with_days and item.rag.days_left is not None:
            due += f"<br/><font size=7>{-item.rag.days_left} days overdue</font>"
        action = markup(row.text) or "<i>(no text)</i>"
        if row.timescale:
            action += f"<br/><font size=7 color='#555555'>Timescale: {markup(row.timescale)}</font>"
        data.append([
            Paragraph(ref, s.cell), Paragraph(action, s.cell), _p(row.lead, s.cell), Paragraph(due, s.cell),
            _p(status_label(row.status), s.cell), _p(item.rag.label, s.cell_bold), _p(_update_text(item), s.cell),
        ])
        line = len(data) - 1
        extra.append(("LINEBEFORE", (5, line), (5, line), 4, colors.HexColor(RAG_COLOURS[item.rag.rag])))
    return _table(data, widths, extra=extra)


def _heading(text: str, level: int = 0):
    s = styles()
    style = s.heading if level == 0 else ParagraphStyle("tracker-kf", parent=s.subtitle, keepWithNext=1)
    return outline(Paragraph(markup(text), style), text, level)


def build_story(report: ProgressReport) -> list:
    s = styles()
    story = [
        Paragraph(TITLE, s.title),
        Paragraph(markup(report.partnership), s.subtitle),
        Paragraph(f"Self-evaluation of progress with integration, round {markup(report.round_label)} "
                  f"\u2013 {markup(report.round_status_text())}", s.body),
        Paragraph(f"<b>As at {long_date(report.as_at)}.</b> {markup(report.summary_sentence())}", s.body),
        Paragraph("RAG: red = overdue or off track; amber = at risk or due within 30 days; needs a date = "
                  "no due date and not ongoing; green = on course; complete = complete or in place.", s.muted),
        Spacer(1, 4),
        _heading("Actions by RAG and key feature"),
        _counts_table(report, report.rags_shown, lambda c: c.by_rag,
                      [RAG_LABELS[r] for r in report.rags_shown], RAG_COLOURS),
        Spacer(1, 6),
        KeepTogether([_chart(report)]),
        _heading("Actions by status and key feature"),
        _counts_table(report, list(report.total.by_status), lambda c: c.by_status,
                      [status_label(k) for k in report.total.by_status]),
        _heading(f"Overdue actions ({len(report.overdue)})"),
    ]
    if report.overdue:
        story.append(_items_table(report.overdue, with_days=True))
    else:
        story.append(Paragraph(f"No action is overdue as at {long_date(report.as_at)}.", s.body))
    story.append(_heading(f"All actions ({len(report.items)})"))
    if not report.items:
        story.append(Paragraph("This round has no improvement actions.", s.body))
    for counts in report.by_key_feature:
        items = [i for i in report.items if i.row.key_feature == counts.number]
        if not items:
            continue
        story.append(_heading(counts.short_title, level=1))
        story.append(_items_table(items))
        story.append(Spacer(1, 4))
    story.append(Spacer(1, 8))
    story.append(Paragraph(markup(report.attribution), s.muted))
    return story


def page_setup(report: ProgressReport) -> PageSetup:
    return PageSetup(
        header_left=f"{report.partnership} \u2013 round {report.round_label}",
        header_right=f"Progress as at {short_date(report.as_at)}",
        footer_left=ATTRIBUTION_SHORT,
        draft=report.round.status != "approved",
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
    return build_pdf(build_story(report), page_setup(report), info)


def write_pdf(report: ProgressReport, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically (a half-written file never replaces a good one)."""
    from msgdesk.returnfile import write_atomically

    return write_atomically(path, render(report))
