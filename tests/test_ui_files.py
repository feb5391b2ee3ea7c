"""File menu (import/export return file, PDF, Excel) and the global error hook, through the window."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_export_then_import_the_return_file_from_the_file_menu(window, example_round, tmp_path, monkeypatch,
                                                               workspace):
    window.open_round(example_round.id)
    out = tmp_path / "na-2019.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    window.ui.actionExportReturn.trigger()
    assert json.loads(out.read_text(encoding="utf-8"))["round"] == "2019"

    workspace.rounds.set_evidence(example_round.id, "1.1", "changed since the export")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(out)], "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.ui.actionImport.trigger()  # asks, then replaces the round
    assert workspace.rounds.load_round_by_id(example_round.id).response("1.1").evidence != "changed since the export"
    assert window.session.response("1.1").evidence != "changed since the export"


def test_export_pdf_shows_progress_and_offers_to_open(window, example_round, tmp_path, monkeypatch):
    pytest.importorskip("msgdesk.reports.appendix_pdf")
    window.open_round(example_round.id)
    out = tmp_path / "appendix.pdf"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Close))
    window.ui.actionExportPdf.trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert asked, "the user is offered to open the file"


def test_unexpected_error_shows_a_dialog_and_keeps_the_typing(window, example_round, monkeypatch, workspace, qtbot):
    from msgdesk.ui.excepthook import install_excepthook

    window.open_round(example_round.id)
    edit = window.proposal_page.ui.evidenceEdit
    edit.setPlainText("typed just before the crash")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook(lambda: window)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "boom" in shown[0] and "saved" in shown[0]
    assert workspace.rounds.load_round_by_id(example_round.id).response("1.1").evidence == "typed just before the crash"


def test_tracker_tab_hosts_the_tracker_view_when_present(window, example_round):
    tracker_view = pytest.importorskip("msgdesk.ui.tracker.view")
    window.open_round(example_round.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    assert isinstance(window.tracker, tracker_view.TrackerView)
    assert not window.ui.trackerPlaceholder.isVisible()


def test_a_bad_return_file_from_the_file_menu_is_explained_and_changes_nothing(
    window, example_round, tmp_path, monkeypatch, db_path
):
    from tests.conftest import EXAMPLE
    from tests.dbdump import dump

    window.open_round(example_round.id)
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    obj["round"] = "2021"
    obj["responses"][2]["rating"] = "brilliant"
    obj["responses"][4]["actions"] = [{"action": "Review", "due_date": "2021-02-30"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    before = dump(db_path)
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(bad)], "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    window.ui.actionImport.trigger()
    assert len(warnings) == 1
    assert "responses[2].rating: unknown rating 'brilliant'" in warnings[0]
    assert "responses[4].actions[0].due_date: '2021-02-30' is not a real date" in warnings[0]
    assert dump(db_path) == before
    assert window.session.round_id == example_round.id  # still on the round being worked on

    # a good file for a round that exists: declining to replace it changes nothing either
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(EXAMPLE)], "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    window.ui.actionImport.trigger()
    assert dump(db_path) == before


def test_export_word_from_the_file_menu_writes_the_appendix(window, example_round, tmp_path, monkeypatch):
    from docx import Document

    window.open_round(example_round.id)
    out = tmp_path / "appendix.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Close))
    assert window.ui.actionExportWord.isVisible() and "&W" in window.ui.actionExportWord.text()
    window.ui.actionExportWord.trigger()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Self-evaluation" in text or "self-evaluation" in text.lower()
    assert "North Ayrshire" in text
