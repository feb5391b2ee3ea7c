"""The page frame shared by the PDF reports (A4 landscape).

Every page gets a two-line header: ``header_left`` (typically the partnership)
and ``header_right`` (e.g. "Appendix 1") on the first line; ``header_sub`` (e.g.
"MSG self-evaluation 2019") and the running title (the section the page is in,
e.g. "Proposal 2.3 (continued)") on the second.  The footer has ``footer_left``
(e.g. a short template attribution) and "Page X of Y".  While a return is not
approved, every page carries a DRAFT marking (red "DRAFT" in header and footer
and a light diagonal watermark drawn as shapes, so text extraction never sees it).
Outline bookmarks, running titles and progress are driven by attributes on
flowables::

    from msgdesk.reports.pages import PageSetup, PdfInfo, build_pdf, outline, running, step
    band = outline(Paragraph("Key feature 1", st.heading), "1. Collaborative …", level=0)
    running(band, "Key Feature 1")
    pdf_bytes = build_pdf(story, PageSetup("North Ayrshire HSCP", "Appendix 2", header_sub="…"),
                          PdfInfo(title="…", author="…", subject="…"), progress=callback, steps=25)

``step(flowable, n)`` reports ``progress(n, steps)`` once that flowable is laid
out; ``progress(steps, steps)`` comes when the file is complete.

"Page X of Y" is done in one layout pass: the canvas keeps each finished page
and draws the header/footer/bookmarks when the page total is known (in
``save``), so no second build is needed.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.flowables import CondPageBreak

from msgdesk.domain.errors import MsgdeskError
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.fonts import printable, register_fonts
from msgdesk.reports.styles import DRAFT_RED, GRID, MUTED
from msgdesk.reports.text import clean
from msgdesk.reports.watermark import draw_watermark

Progress = Callable[[int, int], None]

PAGE_SIZE = landscape(A4)
MARGIN_X = 14 * mm
MARGIN_TOP = 21 * mm  # room for the two-line header
MARGIN_BOTTOM = 16 * mm  # room for the footer


@dataclass(frozen=True)
class PageSetup:
    """What every page shows around the content."""

    header_left: str
    header_right: str = ""
    header_sub: str = ""
    footer_left: str = ""
    draft: bool = False
    draft_note: str = "DRAFT – not yet approved by the Integration Joint Board"


@dataclass(frozen=True)
class PdfInfo:
    """PDF document properties."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    creator: str = "msgdesk"


def content_width() -> float:
    """Width of the text frame in points (A4 landscape minus margins)."""
    return PAGE_SIZE[0] - 2 * MARGIN_X


def content_height() -> float:
    return PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM


def outline(flowable: Flowable, title: str, level: int = 0) -> Flowable:
    """Mark ``flowable`` so that an outline entry (bookmark) ``title`` at ``level``
    points to the page where it is drawn.  Levels must not skip (0, then 1, ...)."""
    flowable._msg_outline = (title, level)
    return flowable


def running(flowable: Flowable, title: str) -> Flowable:
    """From ``flowable`` on, pages show ``title`` as their running title in the
    header (with "(continued)" on pages that do not start the section)."""
    flowable._msg_running = title
    return flowable


def step(flowable: Flowable, number: int) -> Flowable:
    """Report ``progress(number, steps)`` when ``flowable`` has been laid out."""
    flowable._msg_step = number
    return flowable


class KeepRoom(CondPageBreak):
    """Start a new page unless ``flowables`` fit on this one with ``extra`` points
    to spare: keeps a heading and its table together with the first lines of what
    follows, without moving long content (as KeepTogether would) and leaving half
    pages empty.  Place it just before the flowables it measures."""

    def __init__(self, flowables: Sequence[Flowable], extra: float = 0.0) -> None:
        super().__init__(0)
        self._flowables = list(flowables)
        self._extra = extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        need = self._extra
        for flowable in self._flowables:
            need += flowable.wrap(availWidth, availHeight)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        self.height = min(need, content_height() * 0.9)  # never ask for more than a whole page
        return super().wrap(availWidth, availHeight)


class ReportLayoutError(MsgdeskError):
    """A report could not be laid out; ``where`` names the content (e.g. "proposal 2.3,
    Evidence / Notes").  Nothing was written."""

    def __init__(self, report: str, where: str, detail: str = "") -> None:
        place = f" at {where}" if where else ""
        super().__init__(f"the {report} could not be laid out{place}; nothing was written. "
                         "Shorten or split that text and try again" + (f" ({detail})" if detail else ""))
        self.report = report
        self.where = where


def build_pdf(story: Sequence[Flowable], setup: PageSetup, info: PdfInfo, *,
              progress: Progress | None = None, steps: int = 0, lang: str = "en-GB",
              report: str = "report") -> bytes:
    """Lay out ``story`` on decorated A4 landscape pages; return the PDF bytes.

    Raises :class:`ReportLayoutError` naming the content (the ``where`` of the
    :class:`~msgdesk.reports.grid.TextGrid` row that could not be placed) if reportlab
    cannot place something."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    doc = _Document(buffer, setup, progress, steps, title=_one_line(info.title), author=_one_line(info.author),
                    subject=_one_line(info.subject), keywords=[_one_line(k) for k in info.keywords],
                    creator=_one_line(info.creator), lang=lang, displayDocTitle=1,
                    initialFontName=fonts.regular, initialFontSize=9, initialLeading=11)
    try:
        doc.build(list(story), canvasmaker=doc.make_canvas)
    except LayoutError as exc:
        page = re.search(r" on page (\d+)", str(exc))
        raise ReportLayoutError(report, where(doc.current), f"page {page[1]}" if page else "") from exc
    if progress and steps:
        progress(steps, steps)
    return buffer.getvalue()


def write_pdf(out_path, story: Sequence[Flowable], setup: PageSetup, info: PdfInfo, *,
              progress: Progress | None = None, steps: int = 0) -> Path:
    """:func:`build_pdf` and write the file atomically (old file or new one, never half)."""
    return write_atomically(out_path, build_pdf(story, setup, info, progress=progress, steps=steps))


def where(flowable: Flowable | None) -> str:
    """What ``flowable`` holds, for messages: a TextGrid's first row's ``where``."""
    return getattr(flowable, "first_where", "") if flowable is not None else ""


# --- internals -------------------------------------------------------------------------


@dataclass
class _Mark:
    title: str
    level: int
    top: float
    key: str = ""


class _Document(BaseDocTemplate):
    def __init__(self, buffer, setup: PageSetup, progress: Progress | None, steps: int, **kwargs) -> None:
        super().__init__(buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **kwargs)
        self.setup = setup
        self.progress = progress
        self.steps = steps
        self.marks: dict[int, list[_Mark]] = {}
        self.running_titles: dict[int, str] = {}
        self._running = ""
        self._page_fresh = True
        self.current: Flowable | None = None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="content",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def make_canvas(self, *args, **kwargs) -> _DecoratedCanvas:
        return _DecoratedCanvas(*args, document=self, **kwargs)

    def handle_flowable(self, flowables) -> None:
        if flowables:
            self.current = flowables[0]
        super().handle_flowable(flowables)

    def beforePage(self) -> None:
        self._page_fresh = True
        if self._running:
            self.running_titles[self.page] = f"{self._running} (continued)"

    def afterFlowable(self, flowable: Flowable) -> None:
        title = getattr(flowable, "_msg_running", None)
        if title is not None:
            self._running = title
            if self._page_fresh:  # the page starts with this section
                self.running_titles[self.page] = title
        elif not isinstance(flowable, (Spacer, ActionFlowable)):
            self._page_fresh = False
        mark = getattr(flowable, "_msg_outline", None)
        if mark is not None:
            top = self.frame._y + getattr(flowable, "height", 0) + 6
            self.marks.setdefault(self.canv.getPageNumber(), []).append(_Mark(mark[0], mark[1], top))
        number = getattr(flowable, "_msg_step", None)
        if number is not None and self.progress and self.steps:
            self.progress(min(number, self.steps - 1), self.steps)


class _DecoratedCanvas(Canvas):
    """Keeps finished pages until ``save`` so that each can say "Page X of Y"."""

    def __init__(self, *args, document: _Document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._msg_document = document
        self._msg_pages: list[dict] = []

    def showPage(self) -> None:
        state = dict(self.__dict__)
        # one string per page instead of thousands of small ones: the stream is joined
        # with newlines anyway, and a long report keeps every page until ``save``
        state["_code"] = ["\n".join(self._code)]
        self._msg_pages.append(state)
        self._startPage()

    def save(self) -> None:
        total = len(self._msg_pages)
        keys = itertools.count(1)
        document = self._msg_document
        for number, state in enumerate(self._msg_pages, 1):
            self.__dict__.update(state)
            _decorate(self, document.setup, number, total, document.running_titles.get(number, ""))
            for mark in document.marks.get(number, ()):
                mark.key = f"msg-outline-{next(keys)}"
                self.bookmarkPage(mark.key, fit="XYZ", left=0, top=min(mark.top, PAGE_SIZE[1]), zoom=0)
                self.addOutlineEntry(mark.title, mark.key, level=mark.level)
            Canvas.showPage(self)
        if any(document.marks.values()):
            self.showOutline()
        Canvas.save(self)


def _decorate(canvas: Canvas, setup: PageSetup, number: int, total: int, running_title: str) -> None:
    fonts = register_fonts()
    width, height = PAGE_SIZE
    left, right = MARGIN_X, width - MARGIN_X
    span = right - left
    canvas.saveState()
    # header: two lines and a rule
    y1 = height - 10 * mm
    y2 = y1 - 4.6 * mm
    canvas.setFillColor(GRID)
    # left before right: the order they are read in
    canvas.setFont(fonts.bold, 9.5)
    canvas.drawString(left, y1, _fit(setup.header_left, fonts.bold, 9.5, span * 0.65))
    canvas.setFont(fonts.bold, 10)
    canvas.drawRightString(right, y1, _fit(setup.header_right, fonts.bold, 10, span * 0.3))
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(left, y2, _fit(setup.header_sub, fonts.regular, 8, span * 0.4))
    canvas.drawRightString(right, y2, _fit(running_title, fonts.regular, 8, span * 0.4))
    if setup.draft:
        canvas.setFillColor(DRAFT_RED)
        canvas.setFont(fonts.bold, 11)
        canvas.drawCentredString(width / 2, y2, "DRAFT")
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.6)
    rule = y2 - 2.2 * mm
    canvas.line(left, rule, right, rule)
    # footer: a rule, the attribution, the DRAFT note and "Page X of Y"
    y = MARGIN_BOTTOM - 9 * mm
    canvas.line(left, y + 3.5 * mm, right, y + 3.5 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 7)
    canvas.drawString(left, y, _fit(setup.footer_left, fonts.regular, 7, span * 0.42))
    canvas.setFont(fonts.bold, 8.5)
    canvas.setFillColor(GRID)
    canvas.drawRightString(right, y, f"Page {number} of {total}")
    if setup.draft:
        canvas.setFillColor(DRAFT_RED)
        canvas.setFont(fonts.bold, 7.5)
        canvas.drawCentredString(left + span * 0.64, y, _fit(setup.draft_note, fonts.bold, 7.5, span * 0.36))
        # watermark over the content, light and transparent so everything stays legible;
        # vector shapes, so text extraction and copy-and-paste never pick it up
        draw_watermark(canvas, "DRAFT", width / 2, height / 2 - 10, size=150, angle=28,
                       color=DRAFT_RED, alpha=0.09)
    canvas.restoreState()


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis to ``width`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = printable(" ".join(clean(text).split()), font)
    if stringWidth(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.3))]  # no glyph is narrower than 0.3 em
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
