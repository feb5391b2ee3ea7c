"""Print preview of the committee appendix, then the system's print dialog (Ctrl+P).

The preview shows the real pages: the appendix is written by
``msgdesk.reports.appendix_pdf.export`` (the same file File → Export PDF… saves) and
its pages are drawn by PDFium (``pypdfium2``), so what the clerk checks on screen is
what the printer gets.  Pages are rendered when they scroll into view, at the zoom
shown, so a 30-page appendix opens at once.  Printing renders each page at the
printer's resolution (at most 300 dpi) and lets Qt's print dialog choose the printer.

PDFium and Qt's print support are loaded by name (``printing_modules``), not imported at
the top: in the frozen bundle they cost about 8 MB (PDFium) and, on Linux, 10 MB (Qt's
CUPS printer plug-in and its libraries), so build.spec decides whether the bundle carries
them; a build without them says so when Ctrl+P is pressed, and File → Export PDF… still
writes the same pages.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

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
from msgdesk.reports.exporters import ExportKind, ExportOptions, export_round
from msgdesk.ui.widgets.look import shortcut
from msgdesk.ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class PrintingUnavailable(Exception):
    """This build carries no PDF renderer or no print support (see the module's docstring)."""


def printing_modules():
    """(pypdfium2, pypdfium2.raw, PySide6.QtPrintSupport), or PrintingUnavailable."""
    import importlib

    try:
        return tuple(importlib.import_module(name)
                     for name in ("pypdfium2", "pypdfium2.raw", "PySide6.QtPrintSupport"))
    except ImportError as exc:
        raise PrintingUnavailable(str(exc)) from exc

#: Highest resolution a page is rendered at for printing (dots per inch).
PRINT_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class PdfPages:
    """A PDF's pages as pictures, through PDFium."""

    def __init__(self, path: Path):
        pdfium, self._raw, _qt = printing_modules()
        self.path = Path(path)
        self.pdf = pdfium.PdfDocument(str(self.path))
        self.sizes = [self.pdf.get_page_size(i) for i in range(len(self.pdf))]  # points

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, dpi: float) -> QImage:
        pdfium_c = self._raw
        page = self.pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72, may_draw_forms=False, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA)
            # BGRA bytes in memory are Qt's ARGB32 on little-endian machines; copy() owns them
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
            image = image.copy()
            bitmap.close()
        finally:
            page.close()
        return image

    def close(self) -> None:
        self.pdf.close()


class PrintPreview(QDialog):
    """The pages one below the other, zoom, and Print… (the system print dialog)."""

    #: The pages' scroll area.  The name hides QWidget.scroll(dx, dy), which nothing here calls.
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(self, pages: PdfPages, title: str, parent=None):
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
        print_support = printing_modules()[2]
        QPrintDialog, QPrinter = print_support.QPrintDialog, print_support.QPrinter
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
        QPrinter = printing_modules()[2].QPrinter
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


def write_appendix(parent, data, folder: Path) -> Path | None:
    """The appendix PDF for ``data`` in ``folder``, with a progress dialog; None if it failed."""
    progress = QProgressDialog(translate("PrintPreview", "Laying out the appendix…"), "", 0, 100,
                               parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)

    def step(done: int, total: int) -> None:
        progress.setValue(int(99 * done / total) if total else 0)
        QCoreApplication.processEvents()

    try:
        return export_round(ExportKind.APPENDIX_PDF, data, folder / "appendix.pdf",
                            ExportOptions(label="Appendix 1", progress=step))
    except (MsgdeskError, OSError) as exc:
        QMessageBox.warning(parent, translate("PrintPreview", "Print preview"), str(exc))
        return None
    finally:
        progress.close()


def preview_appendix(parent, data, title: str, modal: bool = True) -> PrintPreview | None:
    """Open the preview of ``data``'s appendix (modal, or shown and returned for tests)."""
    try:
        printing_modules()
    except PrintingUnavailable:
        QMessageBox.information(parent, translate("PrintPreview", "Print appendix"),
                                translate(
                                    "PrintPreview", "This build of msgdesk cannot show or print the pages itself. "
                                                    "File → Export PDF… writes the same appendix to print."))
        return None
    folder = Path(tempfile.mkdtemp(prefix="msgdesk-print-"))
    path = write_appendix(parent, data, folder)
    if path is None:
        return None
    dialog = PrintPreview(PdfPages(path), title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: _remove(folder))
    if modal:
        dialog.exec()
        return None
    dialog.show()
    return dialog


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
