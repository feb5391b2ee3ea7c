"""Print preview of the committee appendix, then the system's print dialog (Ctrl+P).

The preview shows the real pages: they are drawn by the same engine and template as
File → Export PDF… (typst, ``resources/typst/appendix.typ``), as page images
(``msgdesk.reports.appendix_pdf.pages_png``), so what the clerk checks on screen is what
the PDF holds.  typst draws every page of the appendix at once, at one resolution; the
images are kept per resolution step (``DPI_STEPS``) and each page is turned into a picture
only when it scrolls into view.  Printing draws the pages at the printer's resolution (at
most 300 dpi) and lets Qt's print dialog choose the printer.

No PDF renderer is needed (PDFium is gone from the bundle).  Qt's print support is loaded
by name (``print_support``), not imported at the top: on Linux it costs 10 MB (Qt's CUPS
printer plug-in and its libraries), so build.spec decides whether the bundle carries it; a
build without it still previews, and says so when Print… is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
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


class PageImages:
    """The appendix's pages as pictures, drawn by typst from the appendix's data."""

    def __init__(self, draw) -> None:
        """``draw(ppi)`` returns every page as PNG bytes at ``ppi`` (``appendix_pdf.pages_png``)."""
        self._draw = draw
        self._pages: dict[int, list[bytes]] = {}
        first = self._at(DPI_STEPS[2])
        self.sizes = [A4_LANDSCAPE] * len(first)  # points

    def _at(self, dpi: int) -> list[bytes]:
        pages = self._pages.get(dpi)
        if pages is None:
            pages = self._pages[dpi] = self._draw(dpi)
        return pages

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, dpi: float) -> QImage:
        step = next((d for d in DPI_STEPS if d >= dpi - 0.5), DPI_STEPS[-1])
        image = QImage()
        image.loadFromData(self._at(step)[index], "PNG")
        # drawn at the next step up, then brought to the size asked for: shown unscaled, the
        # larger image overflowed its page frame and lost both edges (at 1280x720 the
        # appendix's first page showed "EW OF PROGRESS", its left-hand column cut)
        width, height = self.sizes[index]
        wanted = QSize(max(1, round(width / 72 * dpi)), max(1, round(height / 72 * dpi)))
        if step != dpi and not image.isNull() and image.size() != wanted:
            image = image.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image

    def close(self) -> None:
        self._pages.clear()


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
        for index in visible:
            if self._rendered.get(index) == self.zoom:
                continue
            image = self.pages.render(index, self._dpi() * ratio)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self.labels[index].setPixmap(pixmap)
            self._rendered[index] = self.zoom
        if visible:
            self.position.setText(self.tr("Page {n} of {total}").format(n=visible[0] + 1, total=len(self.labels)))

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
                image = self.pages.render(number - 1, dpi)
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
        return PageImages(lambda dpi: appendix_pdf.pages_png(document, ppi=dpi))
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
