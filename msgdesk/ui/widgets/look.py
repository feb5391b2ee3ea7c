"""How controls look and are announced: a clear ring on the control that has the keyboard,
and names and descriptions for screen readers.

Qt's Fusion style marks a focused button with a faint tint that is easy to miss on a
council laptop's screen.  ``FocusRingStyle`` keeps the platform's own drawing and adds a
2 px ring in the accent colour around the focused button, check box or combo box, so
an officer working by keyboard always sees where Space and Enter will land.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOptionSlider, QWidget

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
_SCROLL_BAR = QStyle.ComplexControl.CC_ScrollBar
#: Scroll bars drawn, kept as pixmaps up to this many pixels in all (4 MB; the least recently
#: used goes first).  Room for each proposal page's bar (a look per page: its range differs)
#: and those of its evidence box and table, turned through in a cycle, which a smaller cache
#: would drop just before each was needed again.
SCROLL_BAR_CACHE_PIXELS = 1_000_000
#: Lines of a cached scroll bar copied at once: under the 96 at which Qt's raster engine
#: hands a fill to its thread pool (qdrawhelper's QT_THREAD_PARALLEL_FILLS).
SCROLL_BAR_STRIP = 64


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
        if control == _SCROLL_BAR and self._scroll_bar_from_cache(option, painter, widget):
            return
        super().drawComplexControl(control, option, painter, widget)
        if control in _ringed and option.state & _focus:
            self._ring(option.rect, painter)

    # --- scroll bars, drawn once per look ----------------------------------------------
    # Fusion draws a scroll bar with gradients and lines the height of the bar; Qt's raster
    # engine splits any fill or image of 96 lines or more across its worker threads and
    # waits for them.  A page's 617 px bar cost 1 ms on an idle machine and 3-8 ms on a busy
    # one, on every page turn (the new page is painted whole): most of a turn, for a bar that
    # looks the same on every page.  So each look of a bar (its size, state, range and
    # position) is drawn once into a pixmap, and copied after that in strips of 64 lines,
    # each too short to be worth a thread.
    _scroll_bars: OrderedDict[tuple, QPixmap] | None = None
    _scroll_bar_pixels = 0

    def _scroll_bar_from_cache(self, option, painter, widget) -> bool:
        if self.styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, option, widget):
            return False  # a bar that fades in and out (macOS) changes between draws: drawn each time
        rect = option.rect
        ratio = painter.device().devicePixelRatio()
        key = (rect.width(), rect.height(), ratio, option.state.value, option.activeSubControls.value,
               option.subControls.value, option.orientation.value, option.minimum, option.maximum,
               option.sliderPosition, option.pageStep, option.upsideDown, option.direction.value,
               option.palette.cacheKey())
        cache = self._scroll_bars
        if cache is None:
            cache = self._scroll_bars = OrderedDict()
        pixmap = cache.get(key)
        if pixmap is None:
            pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            at_origin = QStyleOptionSlider(option)
            at_origin.rect = QRect(0, 0, rect.width(), rect.height())
            drawn = QPainter(pixmap)
            super().drawComplexControl(_SCROLL_BAR, at_origin, drawn, widget)
            drawn.end()
            cache[key] = pixmap
            self._scroll_bar_pixels += pixmap.width() * pixmap.height()
            while self._scroll_bar_pixels > SCROLL_BAR_CACHE_PIXELS and len(cache) > 1:
                _key, dropped = cache.popitem(last=False)
                self._scroll_bar_pixels -= dropped.width() * dropped.height()
        else:
            cache.move_to_end(key)
        width, height = pixmap.width(), pixmap.height()
        for top in range(0, height, SCROLL_BAR_STRIP):
            rows = min(SCROLL_BAR_STRIP, height - top)
            target = QRectF(rect.x(), rect.y() + top / ratio, width / ratio, rows / ratio)
            painter.drawPixmap(target, pixmap, QRectF(0, top, width, rows))
        return True

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
