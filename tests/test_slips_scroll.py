"""Issue 21 item 10, at 1280x720: whatever a key press creates or announces is scrolled into
view (a new action row, the "Action N deleted — Undo" note), and a deleted action's
timescale hint goes with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication


def _in_view(window, widget, rect: QRect | None = None) -> bool:
    """Whether ``rect`` of ``widget`` (all of it by default) lies inside the page's visible area."""
    scroll = window.proposal_page.ui.scroll
    rect = widget.rect() if rect is None else rect
    top_left = widget.mapTo(scroll.viewport(), rect.topLeft())
    shown = QRect(top_left, rect.size())
    return scroll.viewport().rect().contains(shown)


def _row_in_view(window, row: int) -> bool:
    view = window.proposal_page.ui.actionsView
    rect = view.visualRect(view.model().index(row, 0))
    rect.setWidth(10)  # the row's left edge: wide columns may run past the right-hand side
    return _in_view(window, view.viewport(), rect)


@pytest.fixture
def busiest(window, workspace, example_round, example_data, qtbot):
    """The example round open on its proposals with the most actions, busiest first."""
    window.open_round(example_round.id)
    window.activateWindow()  # mnemonics (Alt+D, Alt+L) reach only the active window
    counts = sorted(((len(r.actions), r.proposal) for r in example_data.responses), reverse=True)
    return window, [proposal for n, proposal in counts[:3] if n]


def test_each_new_action_row_added_by_a_key_press_is_scrolled_into_view(busiest, qtbot):
    window, proposals = busiest
    for proposal in proposals:
        window.go_to(proposal)
        page = window.proposal_page  # each proposal has its own page
        qtbot.wait(30)
        for _ in range(3):  # one after another: each new row lower down
            page.ui.addActionButton.setFocus()  # tabbed to, as the keyboard story does
            before = page.model.rowCount()
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
            assert page.model.rowCount() == before + 1
            row = before
            qtbot.waitUntil(lambda row=row: _row_in_view(window, row), timeout=2000)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leaves the new row's editor
            qtbot.wait(5)


def test_the_deleted_note_is_scrolled_into_view_and_the_hint_follows_the_remaining_rows(busiest, qtbot):
    window, proposals = busiest
    for proposal in proposals:
        window.go_to(proposal)
        page = window.proposal_page  # each proposal has its own page
        view = page.ui.actionsView
        qtbot.wait(30)
        while page.model.rowCount():
            page.ui.scroll.verticalScrollBar().setValue(0)  # the officer is at the top of the page
            last = page.model.rowCount() - 1
            view.setCurrentIndex(page.model.index(last, 1))
            page.ui.deleteActionButton.setFocus()
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
            assert page.model.rowCount() == last
            note = page.deleted_note  # one widget for the page's life
            try:
                qtbot.waitUntil(lambda note=note: note.isVisible() and _in_view(window, note), timeout=2000)
            except qtbot.TimeoutError:
                raise AssertionError((proposal, last, note.isVisible(), note.mapTo(page.ui.scroll.viewport(),
                                      note.rect().topLeft()), page.ui.scroll.viewport().rect())) from None
            current = view.currentIndex()
            if current.isValid():  # the hint is the remaining current row's, never the deleted one's
                expected_hint = page.ui.timescaleHint.text()
                page._current_action_changed(current, current)
                assert page.ui.timescaleHint.text() == expected_hint
            else:
                assert page.ui.timescaleHint.text() == ""
