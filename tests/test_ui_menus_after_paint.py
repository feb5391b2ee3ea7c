"""The menus' entries and keys are made just after the window's first paint (the first frame
shows the menu bar's titles only, issue 22), yet every key and menu works from the moment
the window is shown: a key or a menu that comes before the after-paint turn makes them at
once.  Real windows (pytest-qt), keys sent straight after ``show()``, before any event ran."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from msgdesk.ui.round.nav_model import REVIEW

CTRL = Qt.KeyboardModifier.ControlModifier

#: every menu of the menu bar, its Alt+letter, and entries that must be in it once opened
MENUS = [
    ("menuFile", Qt.Key.Key_F, ["actionNewRound", "actionImport", "actionPrint", "actionSendPack",
                                "actionMergePack", "actionOpenPack", "actionBackups", "actionQuit"]),
    ("menuEdit", Qt.Key.Key_E, ["actionUndo", "actionRedo", "actionFind", "actionFindNext", "actionSpelling",
                                "actionYourName"]),
    ("menuGo", Qt.Key.Key_G, ["actionNext", "actionPrevious", "actionReview", "actionHistory"]),
    ("menuRound", Qt.Key.Key_O, ["actionMarkReady", "actionApprove", "actionConflicts", "actionConflictsHere"]),
    ("menuHelp", Qt.Key.Key_H, ["actionAbout", "actionOpenDataFolder", "actionUserGuide"]),
]


@pytest.fixture
def unshown(qtbot, workspace, example_round, tmp_path):
    """The window on a round, built as the app builds it and not yet shown (no event has run)."""
    from msgdesk.ui.app import build_window

    settings = QSettings(str(tmp_path / "menus.ini"), QSettings.Format.IniFormat)
    settings.setValue("user/name", "Test Officer")  # the first-start question is not asked
    win = build_window(workspace, settings, warm_up=False)
    win.open_round(example_round.id)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    yield win
    win.close()
    win.workspace.close()


def _activate(window) -> None:
    """The window active at once, as the window system makes it when it maps the window:
    activateWindow() only asks, and the answer comes through the event loop, which would run
    the first paint (and the menus' after-paint turn) before the key this test sends."""
    window.activateWindow()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the synchronous call is deprecated in Qt 6
        QApplication.setActiveWindow(window)


def _entries(menu) -> list[str]:
    return [action.objectName() for action in menu.actions() if action.objectName()]


def test_nothing_of_the_menus_entries_is_made_before_the_first_paint(unshown, qtbot):
    assert not unshown.menus_built
    assert _entries(unshown.ui.menuEdit) == []  # the title only
    unshown.show()
    assert not unshown.menus_built  # show() alone paints nothing
    qtbot.waitUntil(lambda: unshown.menus_built)  # the after-paint turn made them, no key asked


@pytest.mark.parametrize(("key", "shown"), [
    (Qt.Key.Key_PageDown, "1.2"),  # Go -> Next
    (Qt.Key.Key_R, REVIEW),  # Go -> Check before IJB
])
def test_a_shortcut_pressed_straight_after_show_acts(unshown, qtbot, key, shown):
    assert unshown.current == "1.1"
    unshown.show()
    _activate(unshown)
    assert not unshown.menus_built
    qtbot.keyClick(QApplication.focusWidget() or unshown, key, CTRL)
    assert unshown.menus_built  # made by the key, before Qt looked the shortcut up
    assert unshown.current == shown


def test_ctrl_l_straight_after_show_puts_the_keyboard_on_the_proposal_list(unshown, qtbot):
    unshown.show()
    _activate(unshown)
    assert QApplication.focusWidget() is not unshown.ui.navView
    qtbot.keyClick(QApplication.focusWidget() or unshown, Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is unshown.ui.navView


@pytest.mark.parametrize(("name", "letter", "wanted"), MENUS, ids=[m[0] for m in MENUS])
def test_a_menu_opened_by_its_letter_straight_after_show_has_all_its_entries(unshown, qtbot, name, letter,
                                                                             wanted):
    menu = getattr(unshown.ui, name)
    unshown.show()
    _activate(unshown)
    assert not unshown.menus_built
    qtbot.keyClick(QApplication.focusWidget() or unshown, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=2000)
    entries = _entries(menu)
    assert [entry for entry in wanted if entry not in entries] == []
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_every_menu_has_the_same_entries_whichever_way_they_were_made(unshown, qtbot, workspace, example_round,
                                                                       tmp_path):
    # made by the after-paint turn here; by keys and menus in the tests above
    unshown.show()
    qtbot.waitUntil(lambda: unshown.menus_built)
    for name, _letter, wanted in MENUS:
        entries = _entries(getattr(unshown.ui, name))
        assert [entry for entry in wanted if entry not in entries] == [], name
        assert len(entries) == len(set(entries)), name  # each made once
    unshown.build_menus()  # a second call adds nothing
    assert [len(_entries(getattr(unshown.ui, name))) for name, _l, _w in MENUS] == [
        len(set(_entries(getattr(unshown.ui, name)))) for name, _l, _w in MENUS]
    assert unshown.undo_action.shortcuts() and unshown.redo_action.shortcuts()
    assert unshown.ui.actionFind.shortcuts() and unshown.ui.actionNext.shortcut().toString() == "Ctrl+PgDown"


def test_the_round_label_shows_markup_in_a_partnership_name_as_text(unshown):
    from PySide6.QtCore import Qt as QtNamespace

    assert unshown.ui.roundLabel.textFormat() == QtNamespace.TextFormat.PlainText


@pytest.mark.parametrize(("name", "letter", "wanted"), MENUS, ids=[m[0] for m in MENUS])
def test_a_menu_clicked_straight_after_show_has_all_its_entries(unshown, qtbot, name, letter, wanted):
    # no key: the menu's aboutToShow makes the entries before it is drawn
    menu = getattr(unshown.ui, name)
    unshown.show()
    assert not unshown.menus_built
    bar = unshown.ui.menubar
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=2000)
    entries = _entries(menu)
    assert [entry for entry in wanted if entry not in entries] == []
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_the_side_panel_shows_every_proposal_whenever_a_round_is_opened(unshown, qtbot, example_round):
    # expanded once, when the round's session reaches the tree (a model reset collapses it)
    view, model = unshown.ui.navView, unshown.nav
    for opened in range(3):
        if opened:
            unshown.open_round(example_round.id)  # reopened: the tree is reset, then expanded again
        features = [model.index(row, 0) for row in range(model.rowCount())]
        assert len(features) >= 6  # the key features (and the check before IJB)
        assert [f.row() for f in features if model.rowCount(f) and not view.isExpanded(f)] == [], opened
