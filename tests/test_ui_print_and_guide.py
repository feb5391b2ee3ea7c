"""Print preview of the appendix (the real pages), printing, the F1 user guide, Find, and
the translation catalogue."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from msgdesk.domain.return_values import ActionData

ROOT = Path(__file__).resolve().parents[1]


def test_preview_shows_every_page_of_the_exported_appendix(window, qtbot, workspace, example_round, tmp_path):
    from msgdesk.reports import appendix_pdf
    from msgdesk.ui.dialogs.print_preview import PageSource

    window.open_round(example_round.id)
    exported = appendix_pdf.export(workspace.rounds.load_round_by_id(example_round.id), tmp_path / "a.pdf")
    with pdfplumber.open(exported) as pdf:
        pages = len(pdf.pages)
        width, height = pdf.pages[0].width, pdf.pages[0].height
    preview = window.open_print_preview(modal=False)
    qtbot.addWidget(preview)
    assert len(preview.labels) == len(preview.pages) == pages
    assert preview.pages.source is PageSource.SVG  # drawn by QtSvg (tests/test_preview_fidelity.py)
    assert preview.pages.sizes[0] == pytest.approx((width, height), abs=0.5)  # landscape A4, as exported
    qtbot.waitUntil(lambda: preview.labels[0].pixmap() is not None and not preview.labels[0].pixmap().isNull(),
                    timeout=3000)
    image = preview.labels[0].pixmap().toImage()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if QColor(image.pixel(x, y)).lightness() < 100)
    assert dark > 200  # the header and the tables are drawn, not a blank page
    # pages far down are drawn only when scrolled to
    assert preview.labels[-1].pixmap() is None or preview.labels[-1].pixmap().isNull()
    preview.scroll.verticalScrollBar().setValue(preview.scroll.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: preview.labels[-1].pixmap() is not None and not preview.labels[-1].pixmap().isNull(),
                    timeout=3000)
    assert f"of {pages}" in preview.position.text()
    preview.close()


def test_printing_sends_every_page_in_order(window, qtbot, workspace, example_round, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    workspace.rounds.add_action(example_round.id, "6.3", ActionData(action="Last action of the return"))
    window.open_round(example_round.id)
    preview = window.open_print_preview(modal=False)
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview._set_up(printer)
    printer.setResolution(72)  # small pictures: this checks pages and order, not sharpness
    assert preview.print_to(printer) == len(preview.pages)
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        assert len(pdf.pages) == len(preview.pages)
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape, like the appendix
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert preview.print_to(printer) == 2
    preview.close()


def test_f1_opens_the_user_guide_with_pictures_of_the_window(window, qtbot):
    from msgdesk.ui.dialogs.user_guide import guide_file

    window.show()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "userGuide" and w.isVisible())
    text = guide.browser.toPlainText()
    for step in ("first start", "rating", "evidence", "improvement actions", "Check before IJB", "approval",
                 "appendix", "Tracker", "progress report", "spelling", "Find", "keyboard"):
        assert step.casefold() in text.casefold(), step
    html = guide_file().read_text(encoding="utf-8")
    pictures = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(pictures) >= 5
    for picture in pictures:
        assert (guide_file().parent / picture).exists(), picture
    assert "http" not in " ".join(pictures)  # offline
    guide.close()


def test_the_guide_for_the_users_language_is_used_when_there_is_one(tmp_path, monkeypatch):
    from msgdesk.ui.dialogs import user_guide

    (tmp_path / "guide.html").write_text("<p>English</p>", encoding="utf-8")
    (tmp_path / "guide.gd.html").write_text("<p>Gàidhlig</p>", encoding="utf-8")
    monkeypatch.setattr(user_guide, "resource_path", lambda *parts: tmp_path)
    assert user_guide.guide_file(QLocale("gd_GB")).name == "guide.gd.html"
    assert user_guide.guide_file(QLocale("en_GB")).name == "guide.html"


def test_the_translation_catalogue_is_current():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_translation_dropped_beside_the_catalogue_is_loaded_for_the_users_locale(qtbot, tmp_path, monkeypatch):
    """A Gaelic .qm made from msgdesk.ts changes the window's words with no code change."""
    from PySide6.QtCore import QCoreApplication

    from msgdesk.ui import app as app_module

    catalogue = (ROOT / "resources" / "i18n" / "msgdesk.ts").read_text(encoding="utf-8")
    translated = catalogue.replace(
        "<source>Check before IJB</source>\n        <translation type=\"unfinished\"></translation>",
        "<source>Check before IJB</source>\n        <translation>Sgrùdadh ron IJB</translation>")
    assert translated != catalogue
    (tmp_path / "msgdesk_gd.ts").write_text(translated, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(tmp_path / "msgdesk_gd.ts"), "-qm",
                    str(tmp_path / "msgdesk_gd.qm")], check=True)
    monkeypatch.setattr(app_module, "resource_path", lambda *parts: tmp_path)
    translator = app_module.install_translator(QApplication.instance(), QLocale("gd_GB"))
    try:
        assert translator is not None
        assert QCoreApplication.translate("MainWindow", "Check before IJB") == "Sgrùdadh ron IJB"
    finally:
        QApplication.instance().removeTranslator(translator)
    assert app_module.install_translator(QApplication.instance(), QLocale("fr_FR")) is None


def test_find_lists_every_hit_with_its_proposal(template, example_data):
    from msgdesk.store.snapshot import ResponseSnapshot, RoundSnapshot
    from msgdesk.ui.round.find import ACTION, EVIDENCE, WORDING, find_in_return, find_in_text

    snap = RoundSnapshot(1, "P", "2019", "", None, "draft", None, "", None, None)
    for response in example_data.responses:
        snap.responses[response.proposal] = ResponseSnapshot(
            response.proposal, response.rating, None, response.evidence,
            [(n, a) for n, a in enumerate(response.actions)])
    hits = find_in_return(template, snap, "Scottish Government")
    assert hits and all("Scottish Government".casefold() in h.snippet.casefold() for h in hits)
    order = [p.id for p in template.proposals]
    assert [order.index(h.proposal) for h in hits] == sorted(order.index(h.proposal) for h in hits)
    assert {h.where for h in hits} <= {WORDING, EVIDENCE, ACTION}
    for hit in hits:
        if hit.where == EVIDENCE:
            text = snap.response(hit.proposal).evidence
        elif hit.where == ACTION:
            action = snap.response(hit.proposal).actions[hit.action_row][1]
            text = [action.action, action.delivery, action.timescale, action.lead][hit.column]
        else:
            text = template.proposal(hit.proposal).text
        assert text[hit.start:hit.start + hit.length].casefold() == "scottish government"
    # case and accents do not matter, positions stay those of the original text
    assert find_in_text("Café de la Paix, CAFE", "cafe") == [(0, 4), (17, 4)]
    assert find_in_text("anything", "  ") == []
