"""The directions log as a PDF for the IJB and its committee (reportlab): A4 landscape,
DejaVu Sans, the partnership and the date in every page header, "Page X of Y" in the
footer, no DRAFT marking (the log records what was issued).

Contents: the summary (directions by status, what is overdue, the resource committed by
the directions in force per delivery partner and basis); every overdue milestone, most
overdue first; then every direction with the guidance's minimum fields (function(s)
covered, log reference, date of issue, delivery partner(s), delivery issues, resource
committed) and its status with the reason, IJB decision, what is to be delivered,
outcomes, timescale and review date, its milestones with due dates and RAG on the day,
its delivery issues and its progress updates.

User text prints literally (plain-text blocks, never markup); its tables are
:class:`~msgdesk.reports.grid.TextGrid` grids, which cut a long row at a line boundary, so
no row is ever taller than a page and the log lays out whatever the length of what was
typed (STYLE.md, reportlab's splitInRow).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from msgdesk.directions.log import TITLE, DirectionsLog, LogItem
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.status import DueAt, long_date
from msgdesk.directions.values import ResourceBasis
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.reports.grid import GridCell, GridRow, GridStyle, TextGrid
from msgdesk.reports.pages import KeepRoom, PageSetup, PdfInfo, build_pdf, content_width, outline, running
from msgdesk.reports.styles import SHADE, styles
from msgdesk.reports.text import markup
from msgdesk.reports.textblock import TextBlock
from msgdesk.tracker.rag import RAG_COLOURS

FOOTER = "Directions under sections 26 to 28 of the Public Bodies (Joint Working) (Scotland) Act 2014"
GUIDANCE = ("\u201cA direction will remain in place until it is varied, revoked or superseded by a later direction "
            "in respect of the same functions.\u201d Statutory guidance, Directions from Integration Authorities to "
            "Health Boards and Local Authorities (Scottish Government, 2020), para 5.2; \u00a9 Crown copyright, "
            "reused under the Open Government Licence v3.0.")
RAG_NOTE = ("RAG of milestones on the day: red = overdue; amber = due within 30 days; needs a date = no due date and "
            "not ongoing; green = on course; complete = met. Nothing is due under a direction no longer in force.")

#: A row up to this tall moves to the next page whole rather than being cut.
KEEP_WHOLE = 90.0
GRID_STYLE = GridStyle(line_width=0.5, left=3, right=3, top=2, bottom=3, bar_width=4)

Cell = tuple[str, ParagraphStyle]


def grid(widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[Cell]], *,
         label_column: bool = False, bars: Sequence[object] = (), where: str = "") -> TextGrid:
    """A ruled table of plain-text cells (``msgdesk.reports.grid.TextGrid``: a row that does
    not fit is cut at a line boundary, so layout never fails).  With ``label_column`` the
    first column is shaded and says "(continued)" on a page a long value runs on to;
    ``bars``: a colour per row for a bar at its left (RAG)."""
    s = styles()
    head_style = ParagraphStyle("directions-head", parent=s.cell_bold, fontSize=8.5, leading=10.5)
    head = GridRow([GridCell([TextBlock(h, head_style)], SHADE) for h in header])
    body = []
    for number, row in enumerate(rows):
        cells = []
        for column, (text, style) in enumerate(row):
            blocks = [TextBlock(text, style)] if text else []
            if column == 0 and label_column:
                cells.append(GridCell(blocks, SHADE, continued=[TextBlock(f"{text} (continued)", s.cell_muted)]))
            elif column == 0:
                bar = bars[number] if number < len(bars) else None
                cells.append(GridCell(blocks, bar=bar, continued=[TextBlock(f"{text} (continued)", s.cell_muted)]))
            else:
                cells.append(GridCell(blocks))
        first = " ".join(row[0][0].split())[:40]
        body.append(GridRow(cells, where=f"{where}, {first}" if where else first))
    return TextGrid(widths, body, [head], style=GRID_STYLE, keep_whole=KEEP_WHOLE, min_lines=2, where=where)


# --- content -----------------------------------------------------------------------------------


def _width() -> float:
    return content_width()


def _due(m: DueAt) -> str:
    if m.due is None:
        return "needs a date" if m.rag is not None and m.rag.needs_date else "\u2013"
    return long_date(m.due) + (" (set by hand)" if m.due_set_by_hand else "")


def _rag(m: DueAt) -> str:
    if m.achieved_on is not None:
        return f"Complete (met {long_date(m.achieved_on)})"
    if m.rag is None:
        return "Closed with the direction"
    return m.rag.label + (f", {m.days_overdue} days overdue" if m.overdue else "")


def _overall(m: DueAt) -> str:
    if m.due is not None:
        return f"due {long_date(m.due)}: {_rag(m)}"
    if m.timescale_kind in (TimescaleKind.ONGOING, TimescaleKind.IN_PLACE):
        return "ongoing: no due date"
    return "no due date read from it" + ("" if m.rag is None else f": {m.rag.label.lower()}")


def _bar(m: DueAt) -> object:
    from reportlab.lib import colors

    return colors.HexColor(RAG_COLOURS[m.rag.rag]) if m.rag is not None else None


def _totals(log: DirectionsLog) -> TextGrid:
    s = styles()
    bases = list(ResourceBasis)
    header = ["Delivery partner", "Directions in force", *(b.label for b in bases), "Total committed"]
    rows = []
    for total in [*log.totals, log.total]:
        style = s.cell_bold if total is log.total else s.cell
        count = str(total.count) + (f" ({total.without_amount} with no amount)" if total.without_amount else "")
        rows.append([(total.label, style), (count, style), *((pounds_shown(total.by_basis[b]), style) for b in bases),
                     (pounds_shown(total.pence), s.cell_bold)])
    first = 250.0
    rest = (_width() - first) / (len(header) - 1)
    return grid([first, *([rest] * (len(header) - 1))], header, rows)


def _overdue(log: DirectionsLog) -> TextGrid:
    s = styles()
    widths = [84, 190, 0, 110, 92, 72]
    widths[2] = _width() - sum(widths)
    rows, bars = [], []
    for item, m in log.overdue_milestones:
        rows.append([(item.reference, s.cell_bold), (item.record.data.title, s.cell), (m.text, s.cell),
                     (m.timescale, s.cell), (_due(m), s.cell), (str(m.days_overdue), s.cell)])
        bars.append(_bar(m))
    return grid(widths, ["Reference", "Direction", "Milestone", "Timescale", "Due date", "Days overdue"], rows,
                bars=bars)


def _issued(day) -> str:  # type: ignore[no-untyped-def]
    return f" (issued {long_date(day)})" if day else ""


def _fields(item: LogItem) -> TextGrid:
    s = styles()
    data = item.record.data
    decision = "; ".join(part for part in (
        f"meeting of {long_date(data.ijb_meeting)}" if data.ijb_meeting else "",
        f"report: {data.ijb_report}" if data.ijb_report else "",
        f"minute: {data.minute_reference}" if data.minute_reference else "",
    ) if part) or "\u2013"
    if data.resource_pence is not None and data.resource_basis is not None:
        resource = f"{pounds_shown(data.resource_pence)} \u2013 {data.resource_basis.label.lower()}"
    else:
        resource = "No amount given"
    status = item.status.describe()
    if item.rag is not None and item.in_force:
        status += f" \u2013 RAG {item.rag.label}"
    chain = []
    if item.record.supersedes is not None:
        link = item.record.supersedes
        chain.append(f"Supersedes {link.reference}{_issued(link.issued_on)}")
    if item.record.superseded_by is not None and item.superseded_by_text:
        link = item.record.superseded_by
        chain.append(f"Superseded by {link.reference}{_issued(link.issued_on)}")
    timescale = data.timescale or "\u2013"
    if item.overall is not None:
        timescale += f"\n({_overall(item.overall)})"
    rows = [
        ("Status", status),
        ("Function(s) covered", "\n".join(data.functions)),
        ("Issued to", item.issued_to),
        ("Date of issue", long_date(data.issued_on) if data.issued_on else "\u2013"),
        ("IJB decision", decision),
        ("Resource committed", resource),
        *((("Varies", "\n".join(chain)),) if chain else ()),
        ("What is to be delivered", data.instruction),
        ("Outcomes", data.outcomes or "\u2013"),
        ("Timescale", timescale),
        ("Review date", long_date(data.review_date) if data.review_date else "\u2013"),
    ]
    label = 150.0
    return grid([label, _width() - label], ["Log reference", item.reference],
                [[(name, s.cell_bold), (value, s.cell)] for name, value in rows], label_column=True,
                where=f"direction {item.reference}")


def _milestones(item: LogItem) -> TextGrid:
    s = styles()
    widths = [0, 150, 130, 170]
    widths[0] = _width() - sum(widths)
    rows = [[(m.text, s.cell), (m.timescale or "\u2013", s.cell), (_due(m), s.cell), (_rag(m), s.cell)]
            for m in item.milestones]
    return grid(widths, ["Milestone", "Timescale", "Due date", "RAG on the day"], rows,
                bars=[_bar(m) for m in item.milestones], where=f"direction {item.reference}, milestones")


def _entries(item: LogItem, updates: bool) -> TextGrid:
    s = styles()
    if updates:
        widths = [100, 120, _width() - 220]
        rows = [[(long_date(e.on_date), s.cell), (e.author or "\u2013", s.cell), (e.text, s.cell)]
                for e in item.updates]
        return grid(widths, ["Date", "Recorded by", "Progress update"], rows)
    widths = [100, _width() - 100]
    rows = [[(long_date(e.on_date), s.cell), (e.text, s.cell)] for e in item.delivery_issues]
    return grid(widths, ["Date", "Delivery issue"], rows)


def _heading(text: str, level: int = 0) -> Paragraph:
    # Not keepWithNext: that would move a whole table to the next page; KeepRoom keeps
    # a heading with the first rows of what follows instead.
    s = styles()
    parent = s.heading if level == 0 else s.subtitle
    style = ParagraphStyle(f"directions-heading-{level}", parent=parent, keepWithNext=0, spaceBefore=6)
    return outline(Paragraph(markup(text), style), " ".join(text.split())[:120], level)


def _section(text: str) -> list[Flowable]:
    heading = _heading(text)
    return [KeepRoom([heading], extra=80), heading]


def _direction(item: LogItem) -> list[Flowable]:
    s = styles()
    heading = running(_heading(f"{item.reference} \u2013 {item.record.data.title}", level=1), item.reference)
    story: list[Flowable] = [KeepRoom([heading], extra=80), heading, _fields(item)]
    if item.milestones:
        story += [Spacer(1, 4), _milestones(item)]
    story += [Spacer(1, 4)]
    if item.delivery_issues:
        story += [_entries(item, updates=False), Spacer(1, 4)]
    else:
        story.append(Paragraph("No delivery issue recorded.", s.muted))
    if item.updates:
        story += [_entries(item, updates=True)]
    story.append(Spacer(1, 10))
    return story


def build_story(log: DirectionsLog) -> list[Flowable]:
    s = styles()
    names = log.bodies.names(tuple(t.partners[0] for t in log.totals[:2]))
    story: list[Flowable] = [
        Paragraph(TITLE, s.title),
        Paragraph(markup(log.partnership), s.subtitle),
        Paragraph(f"Directions issued by the Integration Joint Board to {markup(names)}. "
                  f"<b>As at {long_date(log.as_at)}.</b> {markup(log.summary_sentence())}", s.body),
        Paragraph(markup(GUIDANCE), s.muted),
        Paragraph(markup(RAG_NOTE), s.muted),
        *_section("Resource committed by directions in force"),
        _totals(log),
        *_section(f"Overdue milestones ({len(log.overdue_milestones)})"),
    ]
    if log.overdue_milestones:
        story.append(_overdue(log))
    else:
        story.append(Paragraph(f"Nothing is overdue as at {long_date(log.as_at)}.", s.body))
    story += _section(f"The directions ({len(log.items)})")
    if not log.items:
        story.append(Paragraph(f"No direction had been issued by {long_date(log.as_at)}.", s.body))
    else:
        story.append(Paragraph("Directions with overdue milestones first (most overdue first), then those in force, "
                               "then those no longer in force; each by date of issue.", s.muted))
    for item in log.items:
        story += _direction(item)
    return story


def page_setup(log: DirectionsLog) -> PageSetup:
    return PageSetup(header_left=log.partnership, header_right=TITLE, header_sub=f"As at {long_date(log.as_at)}",
                     footer_left=FOOTER, draft=False)


def render(log: DirectionsLog) -> bytes:
    from msgdesk import __version__

    info = PdfInfo(
        title=f"{TITLE} \u2013 {log.partnership}, as at {long_date(log.as_at)}",
        author=log.partnership,
        subject="Directions from the Integration Joint Board to the Health Board and the Local Authority",
        keywords=("directions", "integration joint board", "directions log"),
        creator=f"msgdesk {__version__}",
    )
    return build_pdf(build_story(log), page_setup(log), info)


def write_pdf(log: DirectionsLog, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically (a half-written file never replaces a good one)."""
    from msgdesk.rounds.return_file import write_atomically

    return write_atomically(path, render(log))
