"""A window restored or sized for another screen is made to fit this one.

A geometry saved at 150% or on a docked laptop's large monitor, restored on a 1280x720
screen, put the window's edges and its buttons out of reach; a fixed first size (the print
preview's 1000x760) did the same on a small screen.  ``fit_to_screen`` keeps the window
within the available area of the screen it is on (or the primary one), moving it in and
shrinking it only as much as needed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from msgdesk.ui.widgets.look import on_every_widget


def fit_to_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    # the frame (title bar, borders) around the client area
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 1), max(height, 1))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class _ScreenFitGuard(QObject):
    """Fits every window and dialog to the screen as it is first shown.

    A dialog's first size comes from its contents and fixed sizes picked on a large screen
    (the conflict view's 1100x620, the user guide's 900x700); at 1280x720 and 150% (a
    853x480 screen in Qt's units) their buttons were off the screen.  Hung on every window
    as the style polishes it (``watch``), like the wheel guard, so a new dialog is covered
    without remembering to; not application-wide, where every event of every widget (each
    paint of a page turn) crossed into Python."""

    def __init__(self) -> None:
        # why: these classes (and ``Qt``) are built with the fitting, which the window installs
        # just after its first paint, not when this module is imported (for fit_to_screen)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget, QMenu

        super().__init__()
        self._dock = QDockWidget
        #: fitted by their own code: a menu (a popup) and the main window (restore_last)
        self._not_fitted = (QMenu, QMainWindow)
        self._popup = Qt.WindowType.Popup

    def watch(self, widget: QWidget) -> None:
        # a dock widget is no window when polished, but one once floated (the history panel)
        if (widget.isWindow() or isinstance(widget, self._dock)) and not isinstance(widget, self._not_fitted):
            widget.installEventFilter(self)  # again after a change of style: Qt keeps it once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and watched.windowType() != self._popup and not isinstance(watched, self._not_fitted):
            # (the main window sizes itself: from the screen at first start, else its saved
            # geometry fitted by restore_last)
            fit_to_screen(watched)
        return False


_GUARD: _ScreenFitGuard | None = None


def install_screen_fit(app: QApplication) -> None:
    """Install the fitting, once (idempotent): on every window polished from now on (through
    the application's style, which this makes the focus-ring style if it is not yet) and on
    those polished before.  The window does it just after its first paint, before any dialog
    can open (main_window's ``install_guards``); the login and recovery dialogs before they
    open (ui/app.py)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _ScreenFitGuard()
        on_every_widget(app, _GUARD.watch)
