"""Defect 7: restoring a backup taken before an IJB approval un-approves the round.  msgdesk
says so and asks (the window) or wants ``--force`` (the command line), and the round's events
record it."""

from __future__ import annotations

from datetime import date

import pytest

from msgdesk.cli.main import main
from msgdesk.domain.errors import NeedsConfirmationError
from msgdesk.store import backup
from msgdesk.store.workspace import Workspace
from tests.dbdump import dump

P = "North Ayrshire Health and Social Care Partnership"


@pytest.fixture
def approved_after_backup(db_path, example_round, workspace):
    """A backup of the draft, then the IJB's approval."""
    before = backup.create_backup(db_path, "manual")
    workspace.rounds.mark_ready(example_round.id)
    workspace.rounds.approve(example_round.id, date(2019, 5, 16), "IJB 16/05/19 item 7")
    workspace.close()
    return before


def test_the_command_line_refuses_without_force_and_says_what_would_be_undone(db_path, approved_after_backup, capsys):
    current = dump(db_path)
    assert main(["restore", str(approved_after_backup.path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "taken before an approval by the IJB" in err
    assert f"{P} 2019 (approved at the IJB of 2019-05-16, minute IJB 16/05/19 item 7) would be Draft again" in err
    assert "--force" in err and "Nothing was changed" in err
    assert dump(db_path) == current
    assert main(["restore", str(approved_after_backup.path), "--force", "--db", str(db_path)]) == 0
    assert f"{P} 2019 is no longer approved" in capsys.readouterr().out
    with Workspace.open(db_path) as ws:
        info = ws.rounds.find_round(P, "2019")
        assert info.status == "draft"
        last = ws.rounds.round_events(info.id)[-1]
    assert last.kind == "restored"
    assert "had been approved at the IJB of 2019-05-16, minute IJB 16/05/19 item 7" in last.detail


def test_a_backup_taken_after_the_approval_restores_without_asking(db_path, approved_after_backup):
    after = backup.create_backup(db_path, "manual")
    result = backup.restore_backup(db_path, after.path)
    assert result.unapproved == ()


def test_the_core_lists_the_consequences(db_path, approved_after_backup):
    with pytest.raises(NeedsConfirmationError) as refused:
        backup.restore_backup(db_path, approved_after_backup.path)
    assert len(refused.value.consequences) == 1 and "would be Draft again" in refused.value.consequences[0]


@pytest.mark.parametrize("answer", ["keep", "restore"])
def test_the_window_asks_before_undoing_an_approval(qtbot, db_path, approved_after_backup, monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox

    from msgdesk.ui.dialogs.backups import BackupsDialog

    current = dump(db_path)
    shown = {}

    def fake_exec(box):
        shown["text"] = box.text() + "\n" + box.informativeText()
        wanted = "&Restore and undo the approval" if answer == "restore" else "&Keep the current data"
        box._chosen = next(b for b in box.buttons() if b.text() == wanted)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._chosen)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    workspace = Workspace(db_path)
    dialog = BackupsDialog(workspace)
    qtbot.addWidget(dialog)
    row = next(i for i, b in enumerate(dialog.backups) if b.path == approved_after_backup.path)
    dialog.table.selectRow(row)
    dialog.restore_selected()
    assert "would be Draft again" in shown["text"] and "IJB 16/05/19 item 7" in shown["text"]
    if answer == "keep":
        assert dump(db_path) == current
    else:
        assert workspace.rounds.find_round(P, "2019").status == "draft"
        assert workspace.rounds.round_events(workspace.rounds.find_round(P, "2019").id)[-1].kind == "restored"
    workspace.close()
