"""How controls look and are announced: a clear ring on the control that has the keyboard,
and names and descriptions for screen readers.

Qt's Fusion style marks a focused button with a faint tint that is easy to miss on a
council laptop's screen.  ``FocusRing`` keeps the platform's own drawing and adds a
2 px ring in the accent colour around the focused button, check box, combo box or spin box,
so an officer working by keyboard always sees where Space and Enter will land.

Nothing here realizes a Qt class that the first frame does not need (issue 22): PySide6
builds each binding class, with all its enums, on first use.  The style with the polish
hooks (``_focus_ring_style``) is defined when first installed, which the main window does
just after its first paint (``install_focus_ring``); ``Qt``, QShortcut and QKeySequence are
imported by the functions that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProxyStyle

FOCUS_COLOUR = QColor("#0f6cbd")
RING_WIDTH = 2

#: Called with each widget as the style polishes it (once per widget, before its first
#: show; again after a change of style).  The wheel guard and the screen fit hang their
#: filters on the few widgets that need them here: an application-wide event filter made
#: every event of every widget (each paint and layout of a page turn) cross into Python.
POLISH_HOOKS: list[Callable[[QWidget], None]] = []


def on_polish(hook: Callable[[QWidget], None]) -> None:
    """Call ``hook`` for every widget polished from now on (once per hook)."""
    if hook not in POLISH_HOOKS:
        POLISH_HOOKS.append(hook)


def on_every_widget(app: QApplication, hook: Callable[[QWidget], None]) -> None:
    """Call ``hook`` for every widget: those polished from now on (through the application's
    style, which this makes the focus-ring style if it is not yet) and those made before.
    Per-widget hooks instead of an application-wide event filter: such a filter sends every
    event of the app (each paint and layout of a page turn) through Python."""
    install_focus_ring(app)
    on_polish(hook)
    for widget in QApplication.allWidgets():  # those made before the hook
        hook(widget)


_style_class: type[QProxyStyle] | None = None


def _focus_ring_style() -> type[QProxyStyle]:
    """The platform's style with the polish hooks above (the ring itself is ``FocusRing``).

    Defined on first use, not at import: a Python subclass of QProxyStyle makes PySide6 build
    QStyle, QCommonStyle and QProxyStyle with their enums (8-13 ms), and its Python ``polish``
    is handed every widget Qt made itself (a scroll area's viewport, a combo box's line edit),
    for which PySide6 first discovers the type by building every QWidget class (~67 classes,
    21-25 ms once).  Installed just after the window's first paint, neither is in it."""
    global _style_class
    if _style_class is None:
        # why: the style classes are built only when the style is installed (after the first paint)
        from PySide6.QtWidgets import QProxyStyle

        class FocusRingStyle(QProxyStyle):
            def polish(self, target):  # one Python method for the three overloads (widget, palette, app)
                result = super().polish(target)
                if isinstance(target, QWidget):
                    for hook in POLISH_HOOKS:
                        hook(target)
                return result

        _style_class = FocusRingStyle
    return _style_class


class FocusRing(QObject):
    """Draws the ring on the one control that has the keyboard, after the control's own paint.

    An event filter on that control alone (moved on ``focusChanged``), not an override of
    the style's ``drawControl``: a Python ``drawControl`` makes every control drawn anywhere
    cross into Python, and PySide6 then builds all 25 QStyleOption classes and their enums
    before the first frame (~42M instructions of start-up).  The ring is drawn in the control's
    own paint event, before its children (the line edit of a spin box or editable combo box),
    as the style drew it."""

    def __init__(self, app: QApplication) -> None:
        # why: the ringed controls' classes are built with the ring (after the first paint), not at import
        from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QPushButton, QRadioButton

        super().__init__(app)
        #: the controls that get the ring when they have the keyboard (the spin box's kin, the
        #: date fields, are QAbstractSpinBox too)
        self.ringed = (QPushButton, QCheckBox, QRadioButton, QComboBox, QAbstractSpinBox)
        self._target: QWidget | None = None
        app.focusChanged.connect(self._moved)
        # made just after the window's first paint: the control that took the keyboard as the
        # window came up (the start page's partnership box) has it already
        self._moved(None, app.focusWidget())

    @property
    def target(self) -> QWidget | None:
        """The control that has the ring now (None when the keyboard is elsewhere)."""
        return self._target

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        old = self._target
        self._target = None
        if old is not None and isValid(old):  # deleted with its dialog: its filter went with it
            old.removeEventFilter(self)
            old.update()
        if isinstance(new, self.ringed):
            self._target = new
            new.installEventFilter(self)
            new.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != _PAINT or watched is not self._target:
            return False
        target = self._target
        target.event(event)  # the control's own drawing first, then the ring over it
        _ring(target)
        return True


def _ring(widget: QWidget) -> None:
    # on the first ring: importing QPainter makes PySide6 build its enums, not needed for the first frame
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter, QPen

    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(FOCUS_COLOUR, RING_WIDTH, Qt.PenStyle.SolidLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = RING_WIDTH // 2
    painter.drawRect(widget.rect().adjusted(half, half, -half - 1, -half - 1))
    painter.end()


_PAINT = QEvent.Type.Paint


def install_focus_ring(app: QApplication) -> None:
    """Wrap the application's style once and follow the keyboard with the ring (calling it
    again changes nothing).  The window does it just after its first paint (main_window's
    ``install_guards``), the login and recovery dialogs before they open (ui/app.py)."""
    style_class = _focus_ring_style()
    if not isinstance(app.style(), style_class):
        app.setStyle(style_class(app.style().name()))
    if app.findChild(FocusRing) is None:
        FocusRing(app)


def shortcut(keys, widget, slot, context=None):
    """A keyboard shortcut on ``widget`` calling ``slot`` (one spelling of it for the whole window)."""
    # why: QShortcut and QKeySequence are built by the first shortcut made, not by importing this module
    from PySide6.QtGui import QKeySequence, QShortcut

    made = QShortcut(keys if isinstance(keys, QKeySequence) else QKeySequence(keys), widget)
    if context is not None:
        made.setContext(context)
    made.activated.connect(slot)
    return made


def named(widget, name: str, description: str = ""):
    """``widget`` with its name (and description, also its tooltip) for screen readers."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget
