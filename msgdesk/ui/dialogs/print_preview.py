"""Print preview of the committee appendix, then the system's print dialog (Ctrl+P).

The preview shows the real pages: they are drawn by the same engine and template as
File → Export PDF… (typst, ``resources/typst/appendix.typ``), so what the clerk checks on
screen is what the PDF holds.  typst writes every page as SVG at once
(``msgdesk.reports.appendix_pdf.pages_svg``, a fifth of the time its PNGs of all pages
take: typst has no page selection), and each page is drawn by Qt's SVG renderer only when
it scrolls into view, at the zoom and the screen's pixel ratio.  Qt's renderer is SVG Tiny:
it draws what typst writes for the appendix (paths, glyphs as symbols, groups, transforms,
flat colours) pixel for pixel as typst's own PNGs do (tests/test_preview_fidelity.py
compares every page); anything else in the SVG (a translucent colour, an image, a
gradient, a clip) makes the whole document fall back to typst's PNGs
(``msgdesk.reports.appendix_pdf.pages_png``, drawn per resolution step, ``DPI_STEPS``), so
the preview never shows a page drawn wrong.

Printing always draws typst's own PNGs at the printer's resolution (at most 300 dpi): the
renderer of the exported PDF, not a second one, on paper; the fidelity test holds Qt's
drawing to typst's at screen resolutions, which is what the preview needs.  Qt's print
dialog chooses the printer.

No PDF renderer is needed (PDFium is gone from the bundle; QtPdf is left out).  Qt's print
support is loaded by name (``print_support``), not imported at the top: on Linux it costs
10 MB (Qt's CUPS printer plug-in and its libraries), so build.spec decides whether the
bundle carries it; a build without it still previews, and says so when Print… is pressed.
QtSvg (0.8 MB) loads with this module, when the preview is first opened.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from msgdesk.domain.errors import MsgdeskError
from msgdesk.ui.widgets.look import shortcut
from msgdesk.ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class PrintingUnavailable(Exception):
    """This build carries no print support (see the module's docstring)."""


def print_support():
    """PySide6.QtPrintSupport, or PrintingUnavailable."""
    import importlib

    try:
        return importlib.import_module("PySide6.QtPrintSupport")
    except ImportError as exc:
        raise PrintingUnavailable(str(exc)) from exc


#: Highest resolution a page is drawn at for printing (dots per inch).
PRINT_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
#: typst draws all pages at one resolution per call: the resolutions it is asked for, so
#: that zooming in steps reuses what was drawn (a page is drawn at the next step up).
DPI_STEPS = (48, 72, 96, 144, 192, 240, PRINT_DPI)
A4_LANDSCAPE = (841.89, 595.28)  # points, as page.typ sets the paper
#: The other pages' SVG is checked this long after the preview opens (after the first paint).
CHECK_REST_AFTER_MS = 150


#: What typst writes for a page and Qt's SVG renderer draws as typst draws it (every page of
#: the appendices in tests/test_preview_fidelity.py): these elements, with flat colours
#: (#rrggbb or none).  Anything else (an image, text, a gradient, a clip path, a mask, a
#: filter, a translucent #rrggbbaa colour, which Qt draws black, an opacity, a style
#: sheet) sends the whole document to typst's PNGs.
SVG_ELEMENTS = ("svg", "defs", "g", "path", "symbol", "use")
# Each check is a search with a literal start, so the regular expression engine skips to it:
# the 26 pages of the North Ayrshire appendix (12 MB of SVG) are checked in a few tens of ms,
# where one pattern testing every attribute's name took over a second.
_OTHER_ELEMENT = re.compile(rb"<(?!/|(?:" + b"|".join(e.encode() for e in SVG_ELEMENTS) + rb")[\s/>])")
_OTHER_FILL = re.compile(rb'fill="(?!#[0-9a-fA-F]{6}"|none")')
_OTHER_STROKE = re.compile(rb'stroke="(?!#[0-9a-fA-F]{6}"|none")')
#: Attributes that would change what is drawn and are not in the elements' own list: a
#: reference to a paint server, clip, mask or filter (url), an opacity, CSS.
_OTHER_ATTRIBUTES = (b"url(", b"opacity=", b"style=")
_VIEW_BOX = re.compile(rb'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def drawable(svg: bytes) -> bool:
    """Whether Qt's SVG renderer draws this page of typst's as typst does (see SVG_ELEMENTS)."""
    return (svg[:64].lstrip().startswith(b"<svg") and _VIEW_BOX.search(svg, 0, 400) is not None
            and _OTHER_ELEMENT.search(svg) is None and _OTHER_FILL.search(svg) is None
            and _OTHER_STROKE.search(svg) is None and not any(word in svg for word in _OTHER_ATTRIBUTES))


class PageSource(enum.Enum):
    """What the preview's pages are drawn from."""

    SVG = "svg"  # typst's SVG, drawn by Qt at any resolution, page by page
    PNG = "png"  # typst's PNGs of every page per resolution step (the fallback)


class PageImages:
    """The appendix's pages as pictures, drawn from typst's output for the appendix's data."""

    def __init__(self, draw: Callable[[int], list[bytes]], vectors: Callable[[], list[bytes]] | None = None) -> None:
        """``draw(ppi)`` returns every page as PNG bytes at ``ppi`` (``appendix_pdf.pages_png``):
        printing, and the preview when there are no ``vectors``; ``vectors()`` every page as
        SVG (``appendix_pdf.pages_svg``), shown while Qt draws every page right."""
        self._draw = draw
        self._pages: dict[int, list[bytes]] = {}
        self._svg: list[bytes] = []
        #: pages whose SVG drawable() passed: each is checked before it is first drawn, the
        #: rest by check_all() once the first page is up (~2 ms a page, 50 ms for all 26)
        self._checked: set[int] = set()
        self.source = PageSource.PNG
        if vectors is not None:
            svg = vectors()
            sizes = [self._size(page) for page in svg]
            if svg and None not in sizes:
                self._svg, self.source = svg, PageSource.SVG
                self.sizes: list[tuple[float, float]] = [size for size in sizes if size is not None]  # points
        if self.source is PageSource.PNG:
            first = self._at(DPI_STEPS[2])
            self.sizes = [A4_LANDSCAPE] * len(first)  # points

    @staticmethod
    def _size(svg: bytes) -> tuple[float, float] | None:
        found = _VIEW_BOX.search(svg, 0, 400)
        return None if found is None else (float(found.group(1)), float(found.group(2)))

    def _drawable(self, index: int) -> bool:
        if index not in self._checked:
            if not drawable(self._svg[index]):
                self.source = PageSource.PNG
                return False
            self._checked.add(index)
        return True

    def check_all(self) -> bool:
        """Check every page not yet drawn; False (and typst's PNGs from now on) if Qt would
        draw one of them wrong: the caller draws the pages it shows again."""
        return self.source is PageSource.SVG and all(self._drawable(i) for i in range(len(self._svg)))

    def _at(self, dpi: int) -> list[bytes]:
        pages = self._pages.get(dpi)
        if pages is None:
            pages = self._pages[dpi] = self._draw(dpi)
        return pages

    def __len__(self) -> int:
        return len(self.sizes)

    def _wanted(self, index: int, dpi: float) -> QSize:
        width, height = self.sizes[index]
        return QSize(max(1, round(width / 72 * dpi)), max(1, round(height / 72 * dpi)))

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (from 0) at ``dpi`` for the screen: from the SVG, or typst's PNG."""
        if self.source is PageSource.SVG and self._drawable(index):
            image = self._from_svg(index, dpi)
            if not image.isNull():
                return image
            # Qt refused a page drawable() let through: the whole document from typst's
            # PNGs from now on, rather than pages drawn two ways
            self.source = PageSource.PNG
        return self.print_image(index, dpi)

    def _from_svg(self, index: int, dpi: float) -> QImage:
        renderer = QSvgRenderer(QByteArray(self._svg[index]))
        if not renderer.isValid():
            return QImage()
        image = QImage(self._wanted(index, dpi), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(image.rect()))
        painter.end()
        return image

    def print_image(self, index: int, dpi: float) -> QImage:
        """Page ``index`` at ``dpi`` as typst draws it (printing, and the fallback)."""
        step = next((d for d in DPI_STEPS if d >= dpi - 0.5), DPI_STEPS[-1])
        image = QImage()
        image.loadFromData(self._at(step)[index], "PNG")
        # drawn at the next step up, then brought to the size asked for: shown unscaled, the
        # larger image overflowed its page frame and lost both edges (at 1280x720 the
        # appendix's first page showed "EW OF PROGRESS", its left-hand column cut)
        wanted = self._wanted(index, dpi)
        if step != dpi and not image.isNull() and image.size() != wanted:
            image = image.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image

    def close(self) -> None:
        self._pages.clear()
        self._svg = []


class PrintPreview(QDialog):
    """The pages one below the other, zoom, and Print… (the system print dialog)."""

    #: The pages' scroll area.  The name hides QWidget.scroll(dx, dy), which nothing here calls.
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(self, pages: PageImages, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.pages = pages
        self.setWindowTitle(self.tr("Print preview – {title}").format(title=title))
        self.zoom = 1.0
        self._fitted = False
        self._closed = False
        self._rendered: dict[int, float] = {}
        self.labels: list[QLabel] = []

        bar = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print the appendix"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_pages)
        zoom_out = QPushButton(self.tr("Zoom &out"), self)
        zoom_in = QPushButton(self.tr("Zoom &in"), self)
        zoom_out.clicked.connect(lambda: self.set_zoom(self._step(-1)))
        zoom_in.clicked.connect(lambda: self.set_zoom(self._step(+1)))
        fit = QPushButton(self.tr("Fit &width"), self)
        fit.clicked.connect(self.fit_width)
        self.position = QLabel(self)
        self.position.setAccessibleName(self.tr("Page shown"))
        # room for the longest "Page n of total" kept: on a narrow preview (150%) the bar's
        # stretches squeezed the empty label to nothing before its first text
        widest = self.tr("Page {n} of {total}").format(n=len(pages), total=len(pages))
        self.position.setMinimumWidth(self.position.fontMetrics().horizontalAdvance(widest) + 4)
        close = QPushButton(self.tr("&Close"), self)
        close.clicked.connect(self.reject)
        for widget in (self.print_button, zoom_out, zoom_in, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(close)

        self.scroll = QScrollArea(self)
        self.scroll.setAccessibleName(self.tr("Appendix pages"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #6b6b6b; }")
        host = QWidget()
        host.setStyleSheet("background: #6b6b6b;")
        column = QVBoxLayout(host)
        column.setSpacing(14)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for index in range(len(pages)):
            label = QLabel(host)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white;")
            label.setAccessibleName(self.tr("Page {n} of {total}").format(n=index + 1, total=len(pages)))
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.scroll.setWidget(host)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._render_soon.start())

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._render_soon: QTimer = QTimer(self)
        self._render_soon.setSingleShot(True)
        self._render_soon.setInterval(30)
        self._render_soon.timeout.connect(self.render_visible)
        shortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.set_zoom(self._step(+1)))
        shortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.set_zoom(self._step(-1)))
        shortcut(QKeySequence.StandardKey.Print, self, self.print_pages)
        self.resize(1000, 760)
        fit_to_screen(self)  # 760 high does not fit a 1280x720 screen
        self.set_zoom(1.0)

    # --- showing the pages ----------------------------------------------------------------
    def _dpi(self) -> float:
        return self.logicalDpiX() * self.zoom

    def _step(self, direction: int) -> float:
        at = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        return ZOOMS[max(0, min(len(ZOOMS) - 1, at + direction))]

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        dpi = self._dpi()
        for label, (width, height) in zip(self.labels, self.pages.sizes, strict=False):
            label.setFixedSize(QSize(round(width / 72 * dpi), round(height / 72 * dpi)))
        self._rendered = {i: z for i, z in self._rendered.items() if z == zoom}
        self._render_soon.start()

    def visible_pages(self) -> list[int]:
        viewport = self.scroll.viewport()
        shown = QRect(0, self.scroll.verticalScrollBar().value(), viewport.width(), viewport.height())
        return [i for i, label in enumerate(self.labels) if label.geometry().intersects(shown)]

    def render_visible(self) -> None:
        if self._closed:
            return
        visible = self.visible_pages()
        ratio = self.devicePixelRatioF()
        source = self.pages.source
        for index in visible:
            if self._rendered.get(index) == self.zoom:
                continue
            image = self.pages.render(index, self._dpi() * ratio)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self.labels[index].setPixmap(pixmap)
            self._rendered[index] = self.zoom
        if self.pages.source is not source:
            self._draw_again()
            return
        if visible:
            self.position.setText(self.tr("Page {n} of {total}").format(n=visible[0] + 1, total=len(self.labels)))

    def _check_rest(self) -> None:
        """After the first page is up: check the other pages' SVG, so that a page Qt would
        draw wrong turns the whole document to typst's PNGs before the clerk scrolls."""
        if not self._closed and not self.pages.check_all():
            self._draw_again()

    def _draw_again(self) -> None:
        """The pages' source changed (to typst's PNGs): the pages shown are drawn again from
        it, the others dropped, so that no two pages are drawn two ways."""
        self._rendered.clear()
        for label in self.labels:
            label.clear()
        self.render_visible()

    def fit_width(self) -> None:
        """Zoom so a page fills the width of the window (the zoom it opens at)."""
        width_points = max(w for w, _h in self.pages.sizes)
        room = self.scroll.viewport().width() - 2 * 14 - self.scroll.verticalScrollBar().sizeHint().width()
        self.set_zoom(max(ZOOMS[0], min(ZOOMS[-1], room / (width_points / 72 * self.logicalDpiX()))))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_width()
            # the first page as soon as the layout has taken the zoom (the posted layout
            # requests run before a zero timer), not after the scroll debounce's 30 ms; the
            # other pages' check once it is painted
            QTimer.singleShot(0, self.render_visible)
            QTimer.singleShot(CHECK_REST_AFTER_MS, self._check_rest)
            return
        self._render_soon.start()

    # --- printing ------------------------------------------------------------------------------
    def print_pages(self) -> bool:
        try:
            support = print_support()
        except PrintingUnavailable:
            QMessageBox.information(self, self.tr("Print"), self.tr(
                "This build of msgdesk cannot print by itself. File → Export PDF… writes the same appendix to print."))
            return False
        QPrintDialog, QPrinter = support.QPrintDialog, support.QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._set_up(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self.pages))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def _set_up(self, printer) -> None:
        """The PDF's own paper (A4) and orientation (landscape), with no margins: the pages
        already carry the appendix's margins."""
        width, height = self.pages.sizes[0]
        paper = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                          QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
        printer.setPageLayout(QPageLayout(paper, orientation, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        printer.setDocName(self.windowTitle())

    def print_to(self, printer) -> int:
        """Draw the pages (or the range chosen in the dialog) on ``printer``; returns how many."""
        QPrinter = print_support().QPrinter
        first, last = 1, len(self.pages)
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or last, last)
        dpi = min(PRINT_DPI, printer.resolution())
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be started."))
            return 0
        printed = 0
        try:
            for number in range(first, last + 1):
                if printed:
                    printer.newPage()
                image = self.pages.print_image(number - 1, dpi)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(area.x(), area.y(), size.width(), size.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(area)
                printed += 1
                QCoreApplication.processEvents()
        finally:
            painter.end()
        return printed

    def done(self, result: int) -> None:
        self._render_soon.stop()
        self._closed = True
        super().done(result)
        self.pages.close()


def draw_appendix(parent, data) -> PageImages | None:
    """The appendix's pages for ``data``, with a progress dialog; None if it failed."""
    # typst loads when the preview is first asked for, not with the window
    from msgdesk.reports import appendix_pdf

    progress = QProgressDialog(translate("PrintPreview", "Laying out the appendix…"), "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    document = appendix_pdf.document(data, label="Appendix 1")
    try:
        return PageImages(lambda dpi: appendix_pdf.pages_png(document, ppi=dpi),
                          lambda: appendix_pdf.pages_svg(document))
    except MsgdeskError as exc:
        QMessageBox.warning(parent, translate("PrintPreview", "Print preview"), str(exc))
        return None
    finally:
        progress.close()


def preview_appendix(parent, data, title: str, modal: bool = True) -> PrintPreview | None:
    """Open the preview of ``data``'s appendix (modal, or shown and returned for tests)."""
    pages = draw_appendix(parent, data)
    if pages is None:
        return None
    dialog = PrintPreview(pages, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if modal:
        dialog.exec()
        return None
    dialog.show()
    return dialog
