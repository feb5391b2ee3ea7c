"""How controls look and are announced: a clear ring on the control that has the keyboard,
and names and descriptions for screen readers.

Qt's Fusion style marks a focused button with a faint tint that is easy to miss on a
council laptop's screen.  ``FocusRingStyle`` keeps the platform's own drawing and adds a
2 px ring in the accent colour around the focused button, check box or combo box, so
an officer working by keyboard always sees where Space and Enter will land.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPen, QShortcut
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QWidget

FOCUS_COLOUR = QColor("#0f6cbd")
RING_WIDTH = 2

#: Called with each widget as the style polishes it (once per widget, before its first
#: show; again after a change of style).  The wheel guard and the screen fit hang their
#: filters on the few widgets that need them here: an application-wide event filter made
#: every event of every widget (each paint and layout of a page turn) cross into Python.
POLISH_HOOKS: list[Callable[[QWidget], None]] = []

#: The controls that get the ring when they have the keyboard.
_RINGED_CONTROLS = frozenset({QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_CheckBox,
                              QStyle.ControlElement.CE_RadioButton})
_RINGED_COMPLEX = frozenset({QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox})
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus


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


class FocusRingStyle(QProxyStyle):
    def polish(self, target):  # one Python method for the three overloads (widget, palette, app)
        result = super().polish(target)
        if isinstance(target, QWidget):
            for hook in POLISH_HOOKS:
                hook(target)
        return result

    # Every control drawn (each scroll bar, label frame and header of a page turn) passes
    # through these two in Python: the sets and the flag are looked up once, here, not per call.
    def drawControl(self, element, option, painter, widget=None, _ringed=_RINGED_CONTROLS, _focus=_HAS_FOCUS):
        super().drawControl(element, option, painter, widget)
        if element in _ringed and option.state & _focus:
            self._ring(option.rect, painter)

    def drawComplexControl(self, control, option, painter, widget=None, _ringed=_RINGED_COMPLEX, _focus=_HAS_FOCUS):
        super().drawComplexControl(control, option, painter, widget)
        if control in _ringed and option.state & _focus:
            self._ring(option.rect, painter)

    @staticmethod
    def _ring(rect, painter) -> None:
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(FOCUS_COLOUR, RING_WIDTH, Qt.PenStyle.SolidLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH // 2
        painter.drawRect(rect.adjusted(half, half, -half - 1, -half - 1))
        painter.restore()


def install_focus_ring(app: QApplication) -> None:
    """Wrap the application's style once (calling it again changes nothing)."""
    if isinstance(app.style(), FocusRingStyle):
        return
    app.setStyle(FocusRingStyle(app.style().name()))


def shortcut(keys, widget, slot, context=None):
    """A keyboard shortcut on ``widget`` calling ``slot`` (one spelling of it for the whole window)."""
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
