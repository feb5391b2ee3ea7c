"""Go → Proposal history (Ctrl+H): the History dock is built the first time it is asked for
(issue 22: hidden at the start, it cost the first frame its module, its list and a dock area),
and from then on behaves as the dock's own toggle action did: the key shows and hides it, the
action is checked exactly while it is visible (also when its title bar closes it), and it
follows the proposal on screen and the session's saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def _history(window):
    return window.contributions


def test_the_dock_waits_for_its_key_and_then_shows_each_proposals_history(qtbot, window, example_round):
    window.open_round(example_round.id)
    part = _history(window)
    action = part.actionHistory
    assert part._history_panel is None  # not built with the window
    assert action.shortcut() == QKeySequence("Ctrl+H") and action.isCheckable() and not action.isChecked()
    assert action in window.ui.menuGo.actions()

    window.go_to("2.2")
    window.activateWindow()
    qtbot.keyClick(window.ui.navView, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    panel = part._history_panel
    assert panel is not None and panel.isVisible() and action.isChecked()
    assert panel.parent() is window and panel.proposal == "2.2"
    # it follows the proposal on screen, every one of them
    for proposal in window.order[:-1]:
        window.go_to(proposal)
        assert panel.proposal == proposal
        assert panel.heading.text().startswith(f"Proposal {proposal}:"), panel.heading.text()
    # the same key hides it again, and the action says so
    qtbot.keyClick(window.ui.navView, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not panel.isVisible() and not action.isChecked()
    action.trigger()
    assert panel.isVisible() and action.isChecked()
    assert part.history_panel is panel  # built once
    # closed by its own title bar: the action is unchecked
    panel.close()
    assert not panel.isVisible() and not action.isChecked()


def test_a_dock_built_after_the_round_opened_refreshes_on_the_sessions_saves(qtbot, window, example_round):
    window.open_round(example_round.id)
    window.go_to("1.1")
    part = _history(window)
    part.actionHistory.trigger()
    panel = part.history_panel
    before = len(panel.texts())
    page = window.proposal_page
    page.ui.evidenceEdit.setPlainText("Typed after the History dock was first opened.")
    page.flush()
    qtbot.waitUntil(lambda: len(panel.texts()) == before + 1)
    assert "Typed after the History dock was first opened." in panel.texts()[0]


def test_a_round_opened_after_the_dock_was_built_is_watched_too(qtbot, window, example_round, workspace):
    part = _history(window)
    window.open_round(example_round.id)
    part.actionHistory.trigger()
    panel = part.history_panel
    window.open_round(example_round.id)  # a second session: the dock is given it
    window.go_to("3.1")
    before = len(panel.texts())
    page = window.proposal_page
    page.ui.evidenceEdit.setPlainText("Typed in the second session.")
    page.flush()
    qtbot.waitUntil(lambda: len(panel.texts()) == before + 1)
