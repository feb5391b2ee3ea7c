"""Issue 21 (proof against slips), the window: the mouse wheel changes nothing it should not.
With the example round open at 1280x720, a wheel turn is rolled over every combo box, spin
box, date field and slider of every tab (and the dialogs built with the window): no value
changes unless the control has the keyboard focus, and the page scrolls instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def value(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return widget.value()


def roll(widget: QWidget, notches: int) -> None:
    """A wheel turn over the middle of ``widget`` (120 per notch, as a mouse sends)."""
    middle = QPointF(widget.rect().center())
    event = QWheelEvent(middle, QPointF(widget.mapToGlobal(QPoint(int(middle.x()), int(middle.y())))),
                        QPoint(0, 0), QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def guarded_controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, GUARDED)
            and not isinstance(w.parentWidget(), QScrollArea) and type(w) is not QScrollBar]
    # (not w.metaObject(): PySide6 ties that wrapper to w, and the class's staticMetaObject
    # with it, dead once w is deleted: tests/test_qt_values.py)


@pytest.fixture
def opened(window, workspace, example_round, qtbot):
    window.open_round(example_round.id)
    qtbot.wait(50)
    return window


def test_the_wheel_over_any_control_of_any_tab_changes_nothing_without_focus(opened, qtbot):
    window = opened
    tabs = window.ui.tabs
    rolled = 0
    could_change = 0
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(30)
        window.setFocus()
        for control in guarded_controls(window):
            if control.hasFocus():
                control.clearFocus()
            before = value(control)
            for notches in (-1, 1, 1, -3):  # down and up, each checked (a net zero hides nothing)
                roll(control, notches)
                assert value(control) == before, (tabs.tabText(index), control.objectName() or control, notches,
                                                  before, value(control))
            assert control.focusPolicy() != Qt.FocusPolicy.WheelFocus, control.objectName()
            rolled += 1
            if isinstance(control, QComboBox) and control.count() > 1 and control.isEnabled():
                could_change += 1
    assert rolled >= 5 and could_change >= 1, (rolled, could_change)


def test_a_control_with_the_keyboard_focus_still_takes_the_wheel(opened, qtbot):
    window = opened
    combos = [c for c in guarded_controls(window) if isinstance(c, QComboBox) and c.count() > 2 and c.isEnabled()
              and c.isVisible()]
    if not combos:
        tabs = window.ui.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(30)
            combos = [c for c in guarded_controls(window) if isinstance(c, QComboBox) and c.count() > 2
                      and c.isEnabled() and c.isVisible()]
            if combos:
                break
    assert combos
    combo = combos[0]
    combo.setCurrentIndex(1)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    roll(combo, -1)
    assert combo.currentIndex() == 2
    combo.setCurrentIndex(1)


# --- item 9: a window sized for another screen is fitted to this one --------------------------------


@pytest.mark.parametrize(("width", "height", "x", "y"), [
    (3840, 2160, 0, 0), (1920, 1080, 500, 300), (1400, 900, -200, -100), (600, 400, 5000, 3000)])
def test_a_saved_geometry_larger_or_elsewhere_is_restored_only_where_it_fits_the_screen(window, settings, qtbot,
                                                                                      width, height, x, y):
    from PySide6.QtWidgets import QMainWindow

    other = QMainWindow()  # a window as a larger screen (or 150%) left it
    other.setGeometry(x, y, width, height)
    settings.setValue("window/geometry", other.saveGeometry())
    window.restore_last()
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry()), (area, window.frameGeometry())


def test_the_print_preview_fits_the_screen(opened, qtbot):
    preview = opened.open_print_preview(modal=False)
    qtbot.addWidget(preview)
    area = preview.screen().availableGeometry()
    assert preview.width() <= area.width() and preview.height() <= area.height(), (preview.size(), area)
    preview.close()


def _round_menu_entries(window) -> dict[str, bool]:
    return {action.text(): action.isEnabled() for action in window.ui.menuRound.actions() if not action.isSeparator()}


def test_the_round_menu_acts_only_on_an_open_round(window, workspace, example_round, qtbot):
    """Issue 21 item 13: with the start page showing (no round, or back from one), nothing in
    the Round menu can act on a round that is not on screen."""
    window.show_start()
    entries = _round_menu_entries(window)
    assert len(entries) >= 5 and not any(entries.values()), entries
    window.open_round(example_round.id)
    qtbot.wait(20)
    entries = _round_menu_entries(window)
    # the example is a draft: it may be marked ready or approved, and its conflicts looked at
    assert [text for text, enabled in entries.items() if enabled] == [
        window.ui.actionMarkReady.text(), window.ui.actionApprove.text(),
        window.contributions.actionConflicts.text()]
    window.ui.actionRounds.trigger()  # back to the start page: the round is no longer on screen
    assert not any(_round_menu_entries(window).values())
    window.open_round(example_round.id)
    assert _round_menu_entries(window)[window.ui.actionMarkReady.text()]


def test_a_window_opening_on_the_start_page_has_the_round_menu_disabled(window):
    assert window.session is None
    assert not any(_round_menu_entries(window).values()), _round_menu_entries(window)
