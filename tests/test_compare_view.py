"""The Compare tab driven as an officer would: its models checked as models, then the real
window — sort, filter by group, hover, double-click / Enter to open a return read-only,
the changes view, Where we stand, the groups dialog, and File → Import with several files."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

from msgdesk.collation.collate import NO_RETURN_COLOUR, RATING_COLOURS, SCORES, collation_for
from msgdesk.domain.return_values import RATING_LABELS
from msgdesk.ui.collation.model import (
    CELL_ROLE,
    CHANGES_MODE,
    FIRST_PROPOSAL,
    NAME_COLUMN,
    RATED_COLUMN,
    RATINGS_MODE,
    GroupFilter,
    MatrixModel,
    StandingModel,
)
from msgdesk.ui.widgets.mnemonics import letters_in
from tests.collation_data import ISLANDS, MISSING, PARTNERSHIPS, PREVIOUS, ROUND, add_returns, expected_ratings
from tests.conftest import EXAMPLE


@pytest.fixture
def collated(workspace, template):
    add_returns(workspace, template)
    workspace.groups.set_group("Island authorities", list(ISLANDS))
    return workspace


def _sorted(names):
    return sorted(names, key=lambda n: (" ".join(n.split()).casefold(), n))


# --- the models, as models ------------------------------------------------------------------------


def test_the_heat_map_model_says_each_cell_in_text_colour_tooltip_and_speech(collated, template):
    model = MatrixModel(RATINGS_MODE)
    model.set_collation(collation_for(collated, ROUND, PREVIOUS))
    now = expected_ratings(template, ROUND)
    assert model.rowCount() == len(PARTNERSHIPS) and model.columnCount() == FIRST_PROPOSAL + 22
    for row in range(model.rowCount()):
        name = model.index(row, NAME_COLUMN).data()
        for column, proposal in enumerate(template.local_proposals, FIRST_PROPOSAL):
            index = model.index(row, column)
            spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert proposal.text in tip and name in tip
            if (name, ROUND) in MISSING:
                assert index.data() == "\u2013" and spoken.endswith("No return")
                assert index.data(Qt.ItemDataRole.BackgroundRole).name() == NO_RETURN_COLOUR
                assert index.data(CELL_ROLE) is None
                continue
            rating = now[(name, proposal.id)]
            assert index.data(CELL_ROLE) == (name, proposal.id)
            if rating is None:
                assert index.data() == "" and spoken.endswith("Not rated")
                continue
            assert index.data() == str(SCORES[rating])
            assert spoken == f"{name}, proposal {proposal.id}: {SCORES[rating]} {RATING_LABELS[rating]}"
            assert f"Descriptor chosen: {proposal.descriptor(rating)}" in tip
            assert index.data(Qt.ItemDataRole.BackgroundRole).name() == RATING_COLOURS[rating]
    model.set_words(True)
    first = next(r for r in range(model.rowCount()) if model.index(r, FIRST_PROPOSAL).data(CELL_ROLE)
                 and now[(model.index(r, 0).data(), "1.1")])
    rating = now[(model.index(first, 0).data(), "1.1")]
    assert model.index(first, FIRST_PROPOSAL).data() == f"{SCORES[rating]} {RATING_LABELS[rating]}"


def test_sorting_by_partnership_by_proposal_and_filtering_by_group(collated, template):
    model = MatrixModel(RATINGS_MODE)
    model.set_collation(collation_for(collated, ROUND))
    proxy = GroupFilter()
    proxy.setSourceModel(model)
    names = lambda: [proxy.index(r, NAME_COLUMN).data() for r in range(proxy.rowCount())]
    proxy.sort(NAME_COLUMN, Qt.SortOrder.DescendingOrder)
    assert names() == list(reversed(_sorted(PARTNERSHIPS)))
    column = FIRST_PROPOSAL + 4  # proposal 2.2
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    now = expected_ratings(template, ROUND)
    scores = [SCORES.get(now.get((n, "2.2")) or "", 0) if (n, ROUND) not in MISSING else -10 for n in names()]
    assert scores == sorted(scores, reverse=True)
    assert names()[-1] == "Shetland"  # no return sorts last
    proxy.set_members(ISLANDS)
    assert sorted(names()) == sorted(ISLANDS)
    proxy.set_members(None)
    assert proxy.rowCount() == len(PARTNERSHIPS)


def test_the_change_model_and_where_we_stand_model(collated, template):
    from msgdesk.collation.collate import change_between, standing_for

    c = collation_for(collated, ROUND, PREVIOUS)
    model = MatrixModel(CHANGES_MODE)
    model.set_collation(c)
    now, before = expected_ratings(template, ROUND), expected_ratings(template, PREVIOUS)
    for row in range(model.rowCount()):
        name = model.index(row, 0).data()
        if (name, ROUND) in MISSING:
            assert model.index(row, RATED_COLUMN).data() == "No return"
            continue
        for column, proposal in enumerate(template.local_proposals, FIRST_PROPOSAL):
            change = change_between(before.get((name, proposal.id)), now[(name, proposal.id)])
            assert model.index(row, column).data() == (change.symbol if change else "")
    standing = StandingModel()
    standing.set_report(standing_for(collated, "Orkney Health and Care", ROUND, "Island authorities"))
    assert standing.rowCount() == 22
    assert standing.index(0, 0).data().startswith("1.1  ")
    assert [standing.headerData(c, Qt.Orientation.Horizontal) for c in range(standing.columnCount())][:4] == [
        "Proposal", "Our rating", "Not yet\nestablished", "Partly\nestablished"]


# --- the real window ---------------------------------------------------------------------------------


def _open_compare(window, qtbot, workspace, partnership="Orkney Health and Care"):
    window.open_round(workspace.rounds.find_round(partnership, ROUND).id)
    window.ui.tabs.setCurrentWidget(window.compare_tab.page)
    qtbot.waitUntil(lambda: window.compare is not None and window.compare.heat_proxy.rowCount() > 0)
    return window.compare


def test_the_compare_tab_shows_the_open_rounds_year_and_every_partnership(window, qtbot, collated, template):
    view = _open_compare(window, qtbot, collated)
    assert view.round_combo.currentText() == ROUND and view.previous_combo.currentData() == PREVIOUS
    assert view.summary.text() == f"Round {ROUND}, All partnerships: 5 of 6 have a return. No return: Shetland."
    table = view.heat_table
    assert table.isVisible() and table.model().rowCount() == len(PARTNERSHIPS)
    own = next(r for r in range(table.model().rowCount())
               if table.model().index(r, 0).data() == "Orkney Health and Care")
    assert table.model().index(own, 0).data(Qt.ItemDataRole.FontRole).bold()
    # every proposal's column is in view at 1280x720, with no horizontal scrolling
    last = table.horizontalHeader().sectionViewportPosition(FIRST_PROPOSAL + 21)
    assert 0 < last + table.horizontalHeader().sectionSize(FIRST_PROPOSAL + 21) <= table.viewport().width()
    # sorting by clicking a proposal's header
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(FIRST_PROPOSAL) + 5, 5))
    assert header.sortIndicatorSection() == FIRST_PROPOSAL


def test_the_group_filter_and_where_we_stand_in_the_window(window, qtbot, collated):
    view = _open_compare(window, qtbot, collated)
    view.group_combo.setCurrentIndex(view.group_combo.findData("Island authorities"))
    shown = sorted(view.heat_proxy.index(r, 0).data() for r in range(view.heat_proxy.rowCount()))
    assert shown == sorted(ISLANDS)
    assert view.summary.text() == f"Round {ROUND}, Island authorities: 2 of 3 have a return. No return: Shetland."
    view.views.setCurrentIndex(2)
    assert view.standing_combo.currentText() == "Orkney Health and Care"
    assert view.standing_model.rowCount() == 22
    assert "beside Island authorities (the ratings of 1 other partnerships" in view.standing_summary.text()


def test_double_click_or_enter_opens_that_return_read_only(window, qtbot, collated, template, db_path):
    from tests.dbdump import dump

    view = _open_compare(window, qtbot, collated)
    table = view.heat_table
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Angus")
    index = model.index(row, FIRST_PROPOSAL + 5)  # proposal 2.3
    before = dump(db_path)
    opened = []
    view.openReturn.connect(lambda *args: opened.append(args))
    rect = table.visualRect(index)
    # a real double-click is a press, a release, then the double-click (QTest sends the last alone)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [("Angus", ROUND, "2.3")]
    viewer = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "returnViewer" and w.isVisible())
    qtbot.waitExposed(viewer)
    assert "Angus" in viewer.windowTitle() and "read-only" in viewer.windowTitle()
    assert viewer.proposals.currentItem().text().startswith("2.3")
    text = viewer.text.toPlainText()
    rating = expected_ratings(template, ROUND)[("Angus", "2.3")]
    assert f"Rating: {SCORES[rating]} {RATING_LABELS[rating]}" in text
    assert template.proposal("2.3").descriptor(rating) in text
    assert not viewer.findChildren(QLineEdit) and not viewer.findChildren(QPlainTextEdit)
    assert all(edit.isReadOnly() for edit in viewer.findChildren(QTextEdit))
    viewer.close()
    table.setFocus()
    table.setCurrentIndex(model.index(row, FIRST_PROPOSAL))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened[-1] == ("Angus", ROUND, "1.1")
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "returnViewer":
            widget.close()
    assert dump(db_path) == before


def test_the_changes_view_is_there_only_with_an_earlier_round(window, qtbot, collated):
    view = _open_compare(window, qtbot, collated)
    assert view.views.isTabEnabled(1) and view.views.tabText(1) == f"Ch&anges since {PREVIOUS}"
    view.previous_combo.setCurrentIndex(0)
    assert not view.views.isTabEnabled(1)
    view.previous_combo.setCurrentIndex(view.previous_combo.findData(PREVIOUS))
    view.views.setCurrentIndex(1)
    assert view.change_table.isVisible()
    header = view.change_table.model().headerData(FIRST_PROPOSAL, Qt.Orientation.Horizontal)
    assert header.startswith("1.1\n\u2191")


def test_every_control_of_the_compare_tab_has_its_own_alt_letter_and_a_name(window, qtbot, collated):
    from collections import Counter

    view = _open_compare(window, qtbot, collated)
    for page in range(view.views.count()):
        view.views.setCurrentIndex(page)
        QApplication.processEvents()
        taken = Counter(letter for letter, _what in letters_in(window))
        assert [letter for letter, n in taken.items() if n > 1] == [], view.views.tabText(page)
    for widget in (view.round_combo, view.previous_combo, view.group_combo, view.words_box, view.groups_button,
                   view.heat_table, view.change_table, view.standing_table, view.standing_combo):
        assert widget.accessibleName(), widget
    # Tab walks from the round to the tables without a mouse
    view.round_combo.setFocus()
    seen = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert {view.previous_combo, view.group_combo, view.groups_button, view.words_box} <= seen


def test_groups_are_made_renamed_and_deleted_in_the_window(qtbot, collated, monkeypatch):
    from msgdesk.ui.collation.groups_dialog import GroupsDialog

    dialog = GroupsDialog(collated)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_group()
    dialog.name_edit.setText("Family group")
    for i in range(dialog.member_list.count()):
        item = dialog.member_list.item(i)
        if item.text() in ("Angus", "Shetland"):
            item.setCheckState(Qt.CheckState.Checked)
    assert dialog.save()
    assert collated.groups.group("Family group").members == ("Angus", "Shetland")
    dialog.name_edit.setText("Family")
    assert dialog.save()
    assert [g.name for g in collated.groups.list_groups()] == ["Family", "Island authorities"]
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog.name_edit.setText("Island authorities")
    assert not dialog.save() and "there is a group called 'Island authorities' already" in warnings[-1]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.Yes)
    dialog.group_list.setCurrentRow(0)
    dialog.delete_group()
    assert [g.name for g in collated.groups.list_groups()] == ["Island authorities"]


def test_file_import_takes_several_files_with_a_progress_bar(window, qtbot, workspace, tmp_path, monkeypatch):
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    paths = []
    for n, name in enumerate(("Angus", "Moray", "Broken")):
        doc = dict(base, partnership=name, round="2021")
        if name == "Broken":
            doc["responses"] = [dict(base["responses"][0], rating="brilliant")]
        path = tmp_path / f"{n}-{name}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kw: (paths, ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    progress = []
    from PySide6.QtWidgets import QProgressDialog

    real = QProgressDialog.setValue
    monkeypatch.setattr(QProgressDialog, "setValue", lambda self, v: (progress.append(v), real(self, v)))
    window.import_file()
    assert shown[0][0] == "3 files: 2 imported, 1 refused."
    assert "refused: 2-Broken.json: responses[0].rating" in shown[0][1]
    assert progress[:3] == [0, 1, 2] and progress[-1] == 3
    assert sorted(s.round.partnership for s in workspace.rounds.list_rounds()) == ["Angus", "Moray"]
