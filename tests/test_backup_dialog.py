"""File → Backups…, the recovery offer at start-up, and Help → About, through real widgets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from msgdesk.store import backup
from msgdesk.store.workspace import Workspace


def open_database(path) -> Workspace:
    return Workspace.open(path)


@pytest.fixture
def filled(db_path, example_round, workspace):
    workspace.close()
    return db_path


def evidence(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT evidence FROM response WHERE proposal_id = '1.1'").fetchone()[0]
    finally:
        con.close()


def test_officer_restores_yesterdays_backup_from_the_backups_dialog(qtbot, filled, monkeypatch):
    from msgdesk.ui.dialogs.backups import BackupsDialog

    original = evidence(filled)
    backup.create_backup(filled, "manual")
    con = sqlite3.connect(filled)
    con.execute("UPDATE response SET evidence = 'overwritten by mistake' WHERE proposal_id = '1.1'")
    con.commit()
    con.close()
    restored = []
    dialog = BackupsDialog(Workspace(filled), on_restored=lambda: restored.append(True))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert "North Ayrshire" in dialog.table.item(0, 2).text()
    assert dialog.table.item(0, 1).text() == "backed up by hand"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog.restore_selected()
    assert restored == [True]
    assert evidence(filled) == original
    reasons = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert "before a restore" in reasons  # the mistaken state is kept too


def test_answering_no_changes_nothing(qtbot, filled, monkeypatch):
    from msgdesk.ui.dialogs.backups import BackupsDialog

    backup.create_backup(filled, "manual")
    con = sqlite3.connect(filled)
    con.execute("UPDATE response SET evidence = 'today' WHERE proposal_id = '1.1'")
    con.commit()
    con.close()
    dialog = BackupsDialog(Workspace(filled))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.restore_selected()
    assert evidence(filled) == "today"
    dialog.backup_now()
    assert dialog.table.rowCount() == 2


def test_a_damaged_database_at_start_up_is_offered_its_newest_backup(qtbot, filled, monkeypatch):
    from msgdesk.ui.dialogs import backups

    good = backup.create_backup(filled, "manual")
    filled.write_bytes(b"\x00" * 4096)
    with pytest.raises(Exception) as raised:
        open_database(filled)
    clicked = {}

    def fake_exec(box):
        clicked["text"] = box.text() + box.informativeText()
        box._use = [b for b in box.buttons() if b.text() == "Use the backup"][0]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._use)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert backups.offer_recovery(None, Workspace(filled), raised.value) is True
    assert "is not an msgdesk database" in clicked["text"] and good.when in clicked["text"]
    open_database(filled).close()  # usable again
    assert [p for p in filled.parent.iterdir() if ".not-database-" in p.name]


def test_menus_get_backups_about_and_open_data_folder(qtbot, filled, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from msgdesk.ui.dialogs import about
    from msgdesk.ui.dialogs.backups_action import install_backups_action

    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu, help_menu = QMenu("File", window), QMenu("Help", window)
    file_menu.addAction("Quit")
    install_backups_action(window, file_menu, Workspace(filled))
    about.install_help_menu(window, help_menu, Workspace(filled))
    assert [a.text() for a in file_menu.actions() if a.text()] == ["&Backups…", "Quit"]
    assert [a.text() for a in help_menu.actions()] == ["&About msgdesk…", "Open &data folder"]
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    help_menu.actions()[1].trigger()
    assert opened == [str(filled.parent)]

    text = about.about_html(filled)
    from msgdesk import __version__

    assert f"msgdesk {__version__}" in text
    assert str(filled) in text and "Open Government Licence v3.0" in text and "LGPL-3.0" in text
