"""``msgdesk selfcheck``: does this installation have every part it needs?

For IT after installing the app folder, and for the frozen-build test: it exercises what the
bundle must carry beyond the window itself: sorting by Qt's collation (ICU's data), the
committee appendix as PDF and Word, the print preview's page images (typst) and Qt's
print support, the British English spelling list, and the PostgreSQL driver.  One line
per part; exit 0 when all pass, 1 otherwise.  Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from msgdesk.cli.base import EXIT_FAILURE, EXIT_OK, command

if TYPE_CHECKING:  # for the annotations only (the checks import what they test)
    from _typeshed import SupportsRichComparison

    from msgdesk.domain.return_values import ReturnData


def _collation(folder: Path) -> str:
    # selfcheck is in the command table: what it checks loads only when it runs
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("en_GB"))
    words = ["Shetland", "comhairle nan Eilean Siar", "Éilean", "Aberdeen", "orkney"]
    ordered = sorted(words, key=_cmp_key(collator.compare))
    if ordered != ["Aberdeen", "comhairle nan Eilean Siar", "Éilean", "orkney", "Shetland"]:
        raise AssertionError(f"names sort as {ordered}")
    return "names sort in British English order"


def _cmp_key(compare: Callable[[str, str], int]) -> Callable[[str], SupportsRichComparison]:
    from functools import cmp_to_key

    return cmp_to_key(compare)


def _example(folder: Path) -> ReturnData:
    # selfcheck is in the command table: what it checks loads only when it runs
    from msgdesk.paths import resource_path
    from msgdesk.rounds.return_file import read_return_file

    return read_return_file(resource_path("examples", "north-ayrshire-2019.json"))


def _appendix(folder: Path) -> str:
    # selfcheck is in the command table: what it checks loads only when it runs
    from msgdesk.reports import appendix_docx, appendix_pdf

    data = _example(folder)
    appendix_pdf.export(data, folder / "appendix.pdf", label="Appendix 1")
    appendix_docx.export(data, folder / "appendix.docx", label="Appendix 1")
    from docx import Document

    if "North Ayrshire" not in "\n".join(p.text for p in Document(str(folder / "appendix.docx")).paragraphs):
        raise AssertionError("the Word appendix lacks the partnership")
    return "the appendix writes as PDF and Word"


def _preview(folder: Path) -> str:
    # selfcheck is in the command table: what it checks loads only when it runs
    from msgdesk.reports import appendix_pdf
    from msgdesk.ui.dialogs.print_preview import PageImages, PageSource

    document = appendix_pdf.document(_example(folder), label="Appendix 1")
    pages = PageImages(lambda dpi: appendix_pdf.pages_png(document, ppi=dpi), lambda: appendix_pdf.pages_svg(document))
    image = pages.render(0, 48)
    if image.isNull() or image.width() < 100:
        raise AssertionError("page 1 did not render")
    # drawn by QtSvg, as the preview shows it (a bundle without QtSvg would not get here)
    if pages.source is not PageSource.SVG or not pages.check_all():
        raise AssertionError("the appendix's pages were not drawn from SVG")
    pages.close()
    return f"the print preview renders the appendix's pages ({len(pages)} pages)"


def _printing(folder: Path) -> str:
    # selfcheck is in the command table: what it checks loads only when it runs
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printed.pdf"))
    painter = QPainter(printer)
    painter.drawText(100, 100, "msgdesk")
    painter.end()
    if (folder / "printed.pdf").stat().st_size == 0:
        raise AssertionError("Qt's print support wrote nothing")
    return "Qt's print support works"


def _spelling(folder: Path) -> str:
    # selfcheck is in the command table: what it checks loads only when it runs
    from msgdesk.ui.widgets.spelling import speller

    words = speller()
    if not (words.is_correct("organisation") and not words.is_correct("organisaton")):
        raise AssertionError("the British English word list is not loaded")
    return "British English spelling is loaded"


def _postgresql(folder: Path) -> str:
    import ssl  # noqa: F401  (its SCRAM sign-in)

    import pg8000  # noqa: F401  (the shared database's driver)
    from sqlalchemy.dialects.postgresql import pg8000 as dialect  # noqa: F401

    return "the PostgreSQL driver is present"


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("collation", _collation), ("appendix", _appendix), ("preview", _preview), ("printing", _printing),
    ("spelling", _spelling), ("postgresql", _postgresql),
)


@command("selfcheck", "check that this installation has every part it needs (for IT)", lambda parser: None)
def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # selfcheck is in the command table: what it checks loads only when it runs
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    failed = 0
    with tempfile.TemporaryDirectory(prefix="msgdesk-selfcheck-") as scratch:
        for name, check in CHECKS:
            try:
                print(f"ok      {name}: {check(Path(scratch))}")
            except Exception as exc:  # every part is reported, whatever breaks
                failed += 1
                print(f"FAILED  {name}: {type(exc).__name__}: {exc}")
        given = getattr(args, "db", None)
        if given and given.startswith(("postgresql://", "postgres://", "postgresql+")):
            try:  # issue 19: IT checks the shared database (and upgrades it, as its owner)
                print(f"ok      shared database: {_shared_database(given)}")
            except Exception as exc:
                failed += 1
                print(f"FAILED  shared database: {type(exc).__name__}: {exc}")
    del app
    return EXIT_OK if not failed else EXIT_FAILURE


def _shared_database(url: str) -> str:
    """Connect as msgdesk does (TLS checked, migrations run for the owner), and say how."""
    from sqlalchemy import text

    # SQLAlchemy loads only when the self-check opens a database
    from msgdesk.store.workspace import Workspace

    with Workspace.open(url) as ws:
        with ws.engine.connect() as con:
            version, tls = con.execute(text(
                "SELECT current_setting('server_version'), "
                "COALESCE((SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl), 'no TLS')"
            )).one()
        listener = ws.listen_for_changes()
        if listener is not None:
            listener.close()
        rights = "read only" if ws.read_only else "may edit"
        return (f"{ws.describe()}: PostgreSQL {version}, {tls} (sslmode {ws.target.tls_mode.value}), "  # type: ignore[union-attr]
                f"signed in as {ws.db_user} ({rights}), schema up to date, change notes working")
