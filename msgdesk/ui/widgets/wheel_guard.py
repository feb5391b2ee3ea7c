"""The mouse wheel never changes a value by accident.

Qt's combo boxes, spin boxes, date fields and sliders take a wheel turn over them as an
edit, even when the user is only scrolling the page past them: scrolling the Tracker's side
panel over "Change to" set a status, over "New date" moved a date by a year.  One
application-wide event filter (not a subclass per control, so every control of every tab
and dialog, present and future, is covered):

- such a control takes focus only by a click or the keyboard (``Qt.StrongFocus``), never
  by the wheel;
- a wheel turn over one that does not have the keyboard focus is handed to the scroll area
  around it (the page scrolls, as the user meant), or dropped if there is none;
- a control with the focus (the user clicked into it or tabbed to it) still takes the
  wheel, as a keyboard user expects.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from msgdesk.ui.widgets.look import on_every_widget


def _control(widget: QObject | None, guarded: tuple[type[QWidget], ...],
             scroll_bar: type[QWidget]) -> QWidget | None:
    """The guarded control ``widget`` is (or is part of: an editable combo's line edit)."""
    for _depth in range(3):
        if widget is None or not isinstance(widget, QWidget):
            return None
        if isinstance(widget, scroll_bar):
            return None  # a scroll bar's wheel is scrolling
        if isinstance(widget, guarded):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Filters only the guarded controls and their parts (see ``guard_widget``): an
    application-wide filter cost a call into Python for every event of every widget,
    a tenth of a page turn."""

    def __init__(self) -> None:
        # why: the guarded controls' classes (and ``Qt``) are built with the guard, which the
        # window installs just after its first paint, not when its module is imported
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QScrollBar

        super().__init__()
        #: the controls whose value a wheel turn changes
        self.guarded: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QAbstractSlider)
        self._scroll_bar = QScrollBar
        self._wheel_focus, self._strong_focus = Qt.FocusPolicy.WheelFocus, Qt.FocusPolicy.StrongFocus

    def guard_widget(self, widget: QWidget) -> None:
        """Called as ``widget`` is polished: a guarded control (or a part of one, an editable
        combo's line edit) gets the filter; a guarded control takes focus only by click or key."""
        if _control(widget, self.guarded, self._scroll_bar) is None:
            return
        if isinstance(widget, self.guarded) and widget.focusPolicy() == self._wheel_focus:
            widget.setFocusPolicy(self._strong_focus)
        widget.installEventFilter(self)  # again after a change of style: Qt keeps it once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel:
            return False
        control = _control(watched, self.guarded, self._scroll_bar)
        if control is None or control.hasFocus():
            return False
        area = _scroll_area(control)
        if area is not None:
            bar = area.verticalScrollBar()
            if bar is not None and bar.isVisible():
                QCoreApplication.sendEvent(bar, event)
        return True  # the control never sees it


_GUARD: WheelGuard | None = None


def install_wheel_guard(app: QApplication) -> None:
    """Install the guard, once (idempotent): on every control polished from now on (through
    the application's style, which this makes the focus-ring style if it is not yet) and on
    those polished before.  The window does it just after its first paint, before the
    officer can reach a control (main_window's ``install_guards``); the login and recovery
    dialogs before they open (ui/app.py)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard()
        on_every_widget(app, _GUARD.guard_widget)
