"""The real bugs mypy found over the whole package (issue 17), each proved on real storage
and real widgets: a value that may be None is now checked where it was used as if it
could not be.

- ``RoundSession.move_action`` of an action that is not in the round (gone, or never
  there) raised ValueError after adding a bogus proposal to the snapshot;
- the Directions tab with no database open (``DirectionsView.set_workspace(None, ...)``)
  failed with AttributeError on every act, form, import, export and the example;
- a backup zip whose manifest is JSON but not an object made the list of backups fail.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from msgdesk.paths import resource_path
from msgdesk.store.backup import MANIFEST, backup_folder, list_backups

# --- the edit/undo core ------------------------------------------------------------------------


def _order(workspace, round_id: int) -> dict[str, list[int]]:
    snap = workspace.rounds.snapshot(round_id)
    return {pid: [aid for aid, _ in r.actions] for pid, r in snap.responses.items()}


def test_moving_an_action_that_is_not_in_the_round_changes_nothing(qtbot, workspace, example_round):
    from msgdesk.ui.session import RoundSession

    snap = workspace.quick_snapshot(example_round.id)
    session = RoundSession(workspace, snap)
    before = _order(workspace, example_round.id)
    proposals_before = set(session.snap.responses)
    known = [aid for ids in before.values() for aid in ids]
    assert known, "the example round has actions"
    missing = [max(known) + 1, max(known) + 1000, 0, -1]
    for action_id in missing:
        for position in (-1, 0, 1, 2, 5, 100):
            session.move_action(action_id, position)  # raised ValueError before
    assert session.undo_stack.count() == 0
    assert set(session.snap.responses) == proposals_before  # no bogus proposal added
    assert _order(workspace, example_round.id) == before


def test_moving_an_action_in_the_round_still_moves_it(qtbot, workspace, example_round):
    """The control: the guard lets real moves through (and they undo)."""
    from msgdesk.ui.session import RoundSession

    session = RoundSession(workspace, workspace.quick_snapshot(example_round.id))
    before = _order(workspace, example_round.id)
    pid, ids = next((pid, ids) for pid, ids in before.items() if len(ids) >= 2)
    session.move_action(ids[0], 1)
    assert _order(workspace, example_round.id)[pid] == [ids[1], ids[0], *ids[2:]]
    session.undo_stack.undo()
    assert _order(workspace, example_round.id)[pid] == ids


# --- the Directions tab with no database open ------------------------------------------------


@pytest.fixture
def lonely_view(qtbot, monkeypatch):
    """A Directions view with a partnership chosen but no database: nothing may open a
    dialog (a warning is recorded, a name dialog answers at once)."""
    from msgdesk.ui.directions.view import DirectionsView

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("A name", True))
    view = DirectionsView(today=date(2026, 12, 1))
    qtbot.addWidget(view)
    view.set_workspace(None, "North Ayrshire")
    assert view.partnership == "North Ayrshire" and view.model.rowCount() == 0
    view.warnings = warnings
    return view


ACTS = ["new_direction", "edit_draft", "vary", "issue", "revoke", "complete", "record_issue", "record_update",
        "milestone_met"]


@pytest.mark.parametrize("act", ACTS)
def test_no_act_on_directions_runs_without_a_database(lonely_view, act):
    assert getattr(lonely_view, act)() is None  # AttributeError on None before
    assert lonely_view.warnings == []


def test_no_file_goes_in_or_out_of_the_directions_tab_without_a_database(lonely_view, tmp_path):
    example = resource_path("examples", "directions-example.json")
    assert lonely_view.import_file(str(example)) is False
    out = tmp_path / "directions.json"
    assert lonely_view.export_file(str(out)) is None
    assert not out.exists()
    lonely_view.edit_bodies()
    lonely_view.delete_draft()
    assert lonely_view.model.rowCount() == 0
    assert lonely_view.warnings == []
    # the example needs no database of the officer's: it opens in a throwaway one of its own
    # (issue 21), and "Back to your log" leaves the tab as it was, empty
    lonely_view.load_example()
    assert lonely_view.model.rowCount() > 0 and lonely_view.workspace is not None
    lonely_view.leave_example()
    assert lonely_view.model.rowCount() == 0
    assert lonely_view.warnings == []


def test_the_directions_tab_still_works_once_a_database_is_open(lonely_view, workspace, tmp_path):
    """The control: the same calls do their work with a workspace."""
    lonely_view.set_workspace(workspace, "North Ayrshire")
    lonely_view.load_example()
    assert lonely_view.model.rowCount() > 0
    out = tmp_path / "directions.json"
    assert lonely_view.export_file(str(out)) == str(out)
    assert json.loads(out.read_text(encoding="utf-8"))["directions"]
    assert lonely_view.warnings == []


# --- a backup whose manifest is not a JSON object ------------------------------------------


@pytest.mark.parametrize("manifest", ["[]", "[1, 2]", '"rounds"', "1", "null", "true", "1.5"])
def test_a_backup_whose_manifest_is_not_an_object_is_listed_as_unreadable(db_path, manifest):
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{db_path.stem}-20260101-120000-manual.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, manifest)
    [info] = list_backups(db_path)  # AttributeError ('list' object has no attribute 'get') before
    assert info.path == path and info.readable is False and info.rounds == ()


def test_a_backup_whose_manifest_is_an_object_is_read(db_path):
    """The control: an object manifest is read as before."""
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{db_path.stem}-20260101-120000-manual.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, json.dumps({"rounds": [], "changes": 7}))
    [info] = list_backups(db_path)
    assert info.readable is True and info.rounds == () and info.changes == 7
