"""The window walked at one screen size and scale, in a process of its own.

``python -m tests.screen_walk DB OUT.json`` opens msgdesk on the SQLite file DB (a round in
it) the way ``msgdesk`` does (wheel guard first, the first size from the screen), walks
every tab and every dialog the menu bar opens, and writes what it found to OUT.json:
``{"problems": [...], "walked": {...}}``.  Run by tests/test_ui_screen_story.py under
``QT_QPA_PLATFORM=offscreen:configfile=…`` (a 1280x720 screen) and ``QT_SCALE_FACTOR``:
Qt reads both once per process, so each scale needs a process of its own.

For each tab and dialog:
- every top-level window lies within the screen's available area, and every visible widget
  lies within its parent (one inside a scroll area's page is reached by scrolling);
- no button, check box, label, tab or header text is wider than the room it has, unless it
  is elided by design and its tooltip carries the whole text;
- Tab reaches every control that takes the keyboard;
- a wheel turn over any combo box, date, number or slider without the focus changes nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QWidget,
)

mightBeRichText = GuiQt.mightBeRichText  # PySide6 puts it in QtGui
from msgdesk.ui.widgets.elided_label import ElidedLabel  # noqa: E402 (after Qt's names)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _plain(text: str) -> str:
    """``text`` as drawn: a mnemonic's ``&`` is not shown (``&&`` is one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(widget: QWidget) -> str:
    label = widget.objectName() or widget.accessibleName()
    text = getattr(widget, "text", None)
    if not label and callable(text):
        label = _plain(str(text()))[:40]
    return f"{type(widget).__name__}({label})"


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.isVisible() and widget.width() > 0 and widget.height() > 0


class Walk:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.problems: list[str] = []
        self.walked: dict[str, list[str]] = {"tabs": [], "dialogs": [], "skipped": []}
        self.counts = {"widgets": 0, "texts": 0, "tabbed": 0, "rolled": 0}

    def pump(self, ms: int = 30) -> None:
        QTest.qWait(ms)

    # --- the four checks -------------------------------------------------------------------
    def check(self, top: QWidget, where: str) -> None:
        self.check_on_screen(top, where)
        self.check_texts(top, where)
        self.check_tab_reaches(top, where)
        self.check_wheel(top, where)

    def check_on_screen(self, top: QWidget, where: str) -> None:
        screen = top.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry()
        if not area.contains(top.frameGeometry()):
            self.problems.append(f"{where}: the window {top.frameGeometry().getRect()} is larger than or outside "
                                 f"the screen's area {area.getRect()}")
        for page in top.findChildren(QScrollArea):
            # a page that scrolls down is designed to; one wider than its view hides its right-hand side
            bar = page.horizontalScrollBar()
            if _shown(page, top) and page.widgetResizable() and bar.maximum() > 0:
                self.problems.append(f"{where}: {_name(page)} is {bar.maximum()}px wider than its view "
                                     f"({page.viewport().width()}px): its right-hand side is out of sight")
        for widget in top.findChildren(QWidget):
            if not _shown(widget, top) or widget.isWindow():
                continue  # (one on a scrolled page is checked against the page: scrolling reaches the page)
            parent = widget.parentWidget()
            if parent is None or isinstance(parent, QAbstractScrollArea) or isinstance(widget, QScrollBar):
                continue
            if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
                continue  # the page a scroll area scrolls: larger than its view by design
            self.counts["widgets"] += 1
            if not parent.rect().contains(widget.geometry()):
                self.problems.append(f"{where}: {_name(widget)} {widget.geometry().getRect()} is cut by "
                                     f"{_name(parent)} {parent.rect().getRect()}")

    def _text_room(self, widget: QWidget) -> tuple[str, int] | None:
        """The text ``widget`` draws on one line and the width it has for it (None: nothing to check)."""
        if isinstance(widget, QPushButton | QCheckBox | QRadioButton):
            text = _plain(widget.text())
            option = QStyleOptionButton()
            widget.initStyleOption(option)  # type: ignore[attr-defined]
            element = (QStyle.SubElement.SE_PushButtonContents if isinstance(widget, QPushButton)
                       else QStyle.SubElement.SE_CheckBoxContents if isinstance(widget, QCheckBox)
                       else QStyle.SubElement.SE_RadioButtonContents)
            room = widget.style().subElementRect(element, option, widget).width()
            if not widget.icon().isNull():
                room -= widget.iconSize().width() + 4
            return text, room
        if isinstance(widget, ElidedLabel):
            if widget.is_elided() and widget.toolTip() != widget.text():
                return widget.text(), widget.contentsRect().width()  # shortened, and the whole text nowhere
            return None  # shortened with … by design, the whole text in its tooltip
        if isinstance(widget, QLabel):
            if widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText or not widget.text():
                return None
            if widget.textFormat() == Qt.TextFormat.AutoText and mightBeRichText(widget.text()):
                return None
            lines = widget.text().split("\n")
            text = max((_plain(line) if widget.buddy() else line for line in lines),
                       key=widget.fontMetrics().horizontalAdvance)
            return text, widget.contentsRect().width() - 2 * max(0, widget.margin())
        return None

    def check_texts(self, top: QWidget, where: str) -> None:
        for widget in top.findChildren(QWidget):
            if not _shown(widget, top):
                continue
            if isinstance(widget, QHeaderView):
                self._check_header(widget, where)
                continue
            if isinstance(widget, QTabBar):
                for index in range(widget.count()):
                    text = _plain(widget.tabText(index))
                    need = widget.fontMetrics().horizontalAdvance(text)
                    self.counts["texts"] += 1
                    if need > widget.tabRect(index).width():
                        self.problems.append(f"{where}: tab {text!r} needs {need}px, has "
                                             f"{widget.tabRect(index).width()}")
                continue
            if isinstance(widget, QGroupBox) and widget.title():
                need = widget.fontMetrics().horizontalAdvance(_plain(widget.title()))
                self.counts["texts"] += 1
                if need > widget.width():
                    self.problems.append(f"{where}: group {widget.title()!r} needs {need}px, has {widget.width()}")
                continue
            if isinstance(widget, QLabel) and not widget.pixmap().isNull() and not widget.hasScaledContents():
                picture = widget.pixmap().deviceIndependentSize()  # a page of the preview, an icon
                self.counts["texts"] += 1
                room = widget.contentsRect()
                if picture.width() > room.width() + 1 or picture.height() > room.height() + 1:
                    self.problems.append(f"{where}: {_name(widget)}'s picture {picture.toTuple()} is cut to "
                                         f"{room.size().toTuple()}")
                continue
            found = self._text_room(widget)
            if found is None:
                continue
            text, room = found
            need = widget.fontMetrics().horizontalAdvance(text)
            self.counts["texts"] += 1
            if need > room:
                self.problems.append(f"{where}: {_name(widget)} text {text!r} needs {need}px, has {room}")

    def _check_header(self, header: QHeaderView, where: str) -> None:
        model = header.model()
        if model is None:
            return
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.orientation() == Qt.Orientation.Vertical:
                continue
            text = str(model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            need = max(header.fontMetrics().horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
                need += arrow + margin
            self.counts["texts"] += 1
            if need > header.sectionSize(section):
                tip = str(model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole) or "")
                if header.textElideMode() != Qt.TextElideMode.ElideNone and text in tip:
                    continue  # elided by design, the whole heading in its tooltip
                self.problems.append(f"{where}: header {text!r} of {_name(header.parentWidget())} needs "
                                     f"{need}px, has {header.sectionSize(section)}")

    def check_tab_reaches(self, top: QWidget, where: str) -> None:
        wanted = []
        for widget in top.findChildren(QWidget):
            if widget.focusProxy() is not None or isinstance(widget, QScrollBar):
                continue
            if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isEnabled():
                continue
            if not _shown(widget, top) or widget.isWindow() or widget.window() is not top:
                continue
            if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
                continue  # a combo's or spin box's own line edit: the control takes the focus
            wanted.append(widget)
        if not wanted:
            return
        top.activateWindow()
        self.pump(20)
        start = wanted[0]
        start.setFocus(Qt.FocusReason.TabFocusReason)
        self.pump(10)
        reached: set[int] = set()
        for _press in range(4 * len(wanted) + 10):
            focus = QApplication.focusWidget()
            if focus is None or focus.window() is not top:
                self.problems.append(f"{where}: Tab left the window (focus on {focus and _name(focus)})")
                break
            reached.add(id(focus))
            if all(id(w) in reached for w in wanted):
                break
            QTest.keyClick(focus, Qt.Key.Key_Tab)
        missed = [_name(w) for w in wanted if id(w) not in reached and w.isVisible()]
        self.counts["tabbed"] += len(wanted) - len(missed)
        if missed:
            self.problems.append(f"{where}: Tab never reaches {missed}")

    def check_wheel(self, top: QWidget, where: str) -> None:
        for control in top.findChildren(QWidget):
            if not isinstance(control, GUARDED) or isinstance(control, QScrollBar) or not _shown(control, top):
                continue
            if control.hasFocus():
                control.clearFocus()
            before = _value(control)
            for notches in (-1, 1, 1, -3):
                _roll(control, notches)
                if _value(control) != before:
                    self.problems.append(f"{where}: a wheel turn over {_name(control)} changed it "
                                         f"({before!r} to {_value(control)!r})")
                    break
            self.counts["rolled"] += 1

    # --- dialogs the menu bar opens ---------------------------------------------------------
    def menu_actions(self, window) -> list:
        found = []

        def walk(menu: QMenu, path: str) -> None:
            menu.aboutToShow.emit()  # a menu filled or enabled as it opens
            for action in menu.actions():
                if action.isSeparator():
                    continue
                sub = action.menu()
                if sub is not None:
                    walk(sub, f"{path} > {_plain(action.text())}")
                else:
                    found.append((f"{path} > {_plain(action.text())}", action))

        for action in window.menuBar().actions():
            if action.menu() is not None:
                walk(action.menu(), _plain(action.text()))
        return found

    def open_from_menu(self, window, path: str, action, restore: Callable[[], None]) -> None:
        if not action.isEnabled() or not action.isVisible():
            self.walked["skipped"].append(f"{path} (disabled)")
            return
        if action is window.ui.actionQuit:
            self.walked["skipped"].append(f"{path} (closes the window)")
            return
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        seen: list[str] = []
        was_checked = action.isChecked()

        running = [True]  # while trigger() has not returned, a modal loop may be running

        def look() -> None:
            if not running[0]:
                return
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.isVisible():
                self._handle(modal, path, seen)  # checked, then closed: the loop ends
            QTimer.singleShot(50, look)  # a dialog still to open, or the next one an answer opens

        QTimer.singleShot(80, look)
        action.trigger()
        running[0] = False
        self.pump(120)
        # a dialog opened without a modal loop (a preview, the user guide) is still showing
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and id(widget) not in before and widget is not window and not isinstance(
                    widget, QMenu):
                self._handle(widget, path, seen)
        if not seen:
            self.walked["skipped"].append(f"{path} (opens no dialog)")
            # a panel or bar it shows must leave the window on the screen too
            self.check_on_screen(window, f"{path} (the window after it)")
        if action.isCheckable() and action.isChecked() != was_checked:
            action.trigger()  # a panel shown or a setting switched: put back for the next entry
        restore()

    def _handle(self, dialog: QWidget, path: str, seen: list[str]) -> None:
        if isinstance(dialog, QFileDialog):
            seen.append("file dialog")
            self.walked["skipped"].append(f"{path} (a file dialog)")
            dialog.reject()
            return
        self.pump(60)
        title = dialog.windowTitle() or type(dialog).__name__
        where = f"{path} → {title}"
        seen.append(title)
        self.walked["dialogs"].append(where)
        self.check(dialog, where)
        if isinstance(dialog, QMessageBox):
            escape = dialog.escapeButton()
            if escape is not None:
                escape.click()
                return
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
        self.pump(20)


def _value(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return widget.value()  # type: ignore[attr-defined]


def _roll(widget: QWidget, notches: int) -> None:
    """A wheel turn over the middle of ``widget`` (120 per notch, as a mouse sends)."""
    middle = QPointF(widget.rect().center())
    event = QWheelEvent(middle, QPointF(widget.mapToGlobal(QPoint(int(middle.x()), int(middle.y())))),
                        QPoint(0, 0), QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def make_database(db: Path) -> None:
    """A real SQLite file with the North Ayrshire 2019 example round and a draft direction
    (so the Directions tab shows its Edit draft…/Issue… buttons)."""
    from msgdesk.directions.values import Direction
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace

    example = Path(__file__).resolve().parents[1] / "resources" / "examples" / "north-ayrshire-2019.json"
    workspace = Workspace.open(db)
    try:
        info = workspace.rounds.import_return(read_return_file(example, workspace.template))
        workspace.directions.create_draft(info.partnership, Direction(
            "NAIJB-2026-01", "Care at home redesign across the three localities", ["Care at home"], (),
            "Redesign care at home with the Health Board and the Council."))
    finally:
        workspace.close()


def _select_first_rows(top: QWidget) -> None:
    """A row chosen in every table on show, so side panels show their forms and buttons."""
    for view in top.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))


def tracker_in_view(window) -> list[str]:
    """Item 13 at 1280x720 and 100%: the Lead column lies inside the table's view (it lay past
    its right edge, behind the action text) and "Record update" inside the side panel's
    visible part with the first action chosen (it lay below, under the history list)."""
    from PySide6.QtCore import QRect

    from msgdesk.ui.tracker.model import COLUMN
    from msgdesk.ui.tracker.view import TrackerView

    view = window.findChild(TrackerView)
    table, header, found = view.table, view.table.horizontalHeader(), []
    lead = header.sectionViewportPosition(COLUMN["lead"])
    if not 0 <= lead <= lead + header.sectionSize(COLUMN["lead"]) <= table.viewport().width():
        found.append(f"Tracker: the Lead column ({lead}, {header.sectionSize(COLUMN['lead'])} wide) is outside the "
                     f"table's view ({table.viewport().width()} wide)")
    area = next(parent for parent in _parents(view.record_button) if isinstance(parent, QAbstractScrollArea))
    # the first action, as the tab opens (an action whose text wraps to eight lines or more
    # still pushes the button below: the panel scrolls, and Tab reaches it)
    for row in range(view.proxy.rowCount()):
        table.setCurrentIndex(view.proxy.index(row, 0))
        QTest.qWait(5)
        area.verticalScrollBar().setValue(0)
        top_left = view.record_button.mapTo(area.viewport(), QPoint(0, 0))
        if not area.viewport().rect().contains(QRect(top_left, view.record_button.size())):
            found.append(f"Tracker: with action {row + 1} chosen, Record update at {top_left.toTuple()} is below the "
                         f"panel's visible {area.viewport().rect().getRect()}")
            break
    return found


def directions_buttons_in_view(window) -> list[str]:
    """Item 13: with a draft chosen, Edit draft… and Issue… lie inside the side panel's visible
    part, unscrolled (below the direction in full, they lay under it at 150%)."""
    from PySide6.QtCore import QRect

    from msgdesk.ui.directions.view import DirectionsView

    view = window.findChild(DirectionsView)
    found = []
    area = next(parent for parent in _parents(view.edit_button) if isinstance(parent, QAbstractScrollArea))
    area.verticalScrollBar().setValue(0)
    for button in (view.edit_button, view.issue_button):
        top_left = button.mapTo(area.viewport(), QPoint(0, 0))
        if not button.isVisible() or not area.viewport().rect().contains(QRect(top_left, button.size())):
            found.append(f"Directions: {_plain(button.text())} at {top_left.toTuple()} (shown: {button.isVisible()}) "
                         f"is outside the panel's visible {area.viewport().rect().getRect()}")
    return found


def _parents(widget: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def walk_window(db: Path, shots: Path | None = None) -> dict:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from msgdesk.store.workspace import Workspace
    from msgdesk.ui.app import build_window
    from msgdesk.ui.widgets.screen_fit import install_screen_fit
    from msgdesk.ui.widgets.wheel_guard import install_wheel_guard

    install_wheel_guard(app)  # as msgdesk does, before the first dialog
    install_screen_fit(app)
    workspace = Workspace.open(db)
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    round_id = workspace.rounds.list_rounds()[0].round.id
    window = build_window(workspace, settings, warm_up=False)
    screen = app.primaryScreen().availableGeometry()  # the first size msgdesk gives a new window
    window.resize(min(1280, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))
    window.show()
    first_size = window.size()
    QTest.qWaitForWindowExposed(window)
    window.open_round(round_id)
    walk = Walk(app)
    walk.pump(100)
    tabs = window.ui.tabs

    def restore() -> None:
        for widget in QApplication.topLevelWidgets():  # nothing left open by the last entry
            if widget.isVisible() and widget is not window and not isinstance(widget, QMenu):
                widget.close()
        if window.session is None or window.ui.stack.currentIndex() == 0:  # the start page
            window.open_round(round_id)
        # a panel shown and hidden again (Proposal history) leaves the window as wide as it
        # was with the panel: the next entry is walked in the window's first size
        window.resize(first_size)
        window.activateWindow()
        walk.pump(20)

    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        walk.pump(100)
        name = _plain(tabs.tabText(index))
        _select_first_rows(window)
        walk.pump(50)
        walk.walked["tabs"].append(name)
        if shots is not None:
            window.grab().save(str(shots / f"{index}-{name.lower()}.png"))
        walk.check(window, f"{name} tab")
        if name == "Tracker" and screen.width() >= 1280:
            walk.problems += tracker_in_view(window)
        if name == "Directions":
            walk.problems += directions_buttons_in_view(window)
        for path, action in walk.menu_actions(window):
            if action.objectName() in {"actionNext", "actionPrevious"} or index and path.startswith(
                    ("File", "Edit", "Go", "Round", "Help")):
                continue  # the main window's own menus are walked once, from the Return tab
            walk.open_from_menu(window, f"{name} tab: {path}", action, restore)
            tabs.setCurrentIndex(index)
    report = {"problems": walk.problems, "walked": walk.walked, "counts": walk.counts,
              "screen": list(screen.getRect())}
    window.close()
    workspace.close()
    return report


def main(argv: list[str]) -> int:
    db, out = Path(argv[0]), Path(argv[1])
    shots = Path(argv[2]) if len(argv) > 2 else None
    report = walk_window(db, shots)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
