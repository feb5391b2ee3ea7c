"""Issue 22: the Qt classes the window's first frame makes PySide6 build, and the guards that
come just after it.

PySide6 builds each binding class, with all its enums, on first use.  Two things built ~70
classes the first frame does not need: a Python subclass of QProxyStyle (QStyle, QCommonStyle,
QProxyStyle) and, above all, handing Python a widget Qt made itself (a scroll area's viewport,
or any widget given to the style's Python ``polish``), for which PySide6 discovers the type by
building every QWidget class (QWizard, QMdiArea, QCalendarWidget...).  A real window process,
started as the benchmark starts it (its own first-paint probe, no event filter on the whole
application, which would itself hand Python every object Qt made), lists the classes built
when it reports its first paint.  The focus ring, the wheel guard and the screen fit hang on
that style: they are installed just after the first paint, and still act on every widget and
every dialog opened later (the second half)."""

from __future__ import annotations

import json
import textwrap

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QScrollArea, QVBoxLayout, QWidget

from tests.test_slips_window import roll
from tests.window_process import example_round, run_window

CHILD = textwrap.dedent("""
    import atexit, json, sys
    import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W

    def built():
        return sorted(f"{m.__name__.split('.')[-1]}.{k}" for m in (C, G, W) for k, v in list(m.__dict__.items())
                      if isinstance(v, type))

    seen = {}

    class Watch:
        # the probe prints FIRST-PAINT as the first thing after the first paint, STORE-OPEN
        # as the store opens (the first thing after it; the guards and the menus come next)
        def __init__(self, out):
            self.out = out

        def write(self, text):
            if text.startswith("FIRST-PAINT") and "paint" not in seen:
                seen["paint"] = built()
            if text.startswith("STORE-OPEN") and "store" not in seen:
                from msgdesk.ui.widgets import screen_fit, wheel_guard
                app = W.QApplication.instance()
                window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
                hook = getattr(window, "_after_first_paint", None)
                seen["store"] = {"style": type(app.style()).__name__,
                                 "wheel_guard": wheel_guard._GUARD is not None,
                                 "screen_fit": screen_fit._GUARD is not None,
                                 "next": [getattr(f, "__name__", "") for f in (hook.queue if hook else [])][:2]}
            return self.out.write(text)

        def flush(self):
            self.out.flush()

    sys.stdout = Watch(sys.stdout)
    atexit.register(lambda: sys.__stdout__.write(json.dumps(seen) + "\\n"))
    from msgdesk.cli.main import main
    main(["--db", sys.argv[1]])
""")

#: Each is built only when PySide6 discovers the type of a widget Qt made (nothing in msgdesk
#: uses them on the first page): a marker that some widget reached Python that way.
DISCOVERY_MARKERS = ["QtWidgets.QWizard", "QtWidgets.QMdiArea", "QtWidgets.QCalendarWidget",
                     "QtWidgets.QColorDialog", "QtWidgets.QFontDialog",
                     "QtWidgets.QSplashScreen", "QtWidgets.QUndoView", "QtWidgets.QKeySequenceEdit",
                     "QtWidgets.QLCDNumber", "QtWidgets.QDial", "QtWidgets.QRubberBand"]


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-paint-classes")
    db, ini = example_round(folder)
    child = folder / "child.py"
    child.write_text(CHILD)
    done = run_window(folder, [str(child), str(db)], ini, MSGDESK_FIRST_PAINT_PROBE="store")
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "paint" in seen and "store" in seen, done.stdout[-2000:]
    return seen


def test_the_listing_sees_the_classes_the_first_frame_builds(started):
    built = set(started["paint"])
    assert {"QtWidgets.QMainWindow", "QtWidgets.QPlainTextEdit", "QtWidgets.QScrollArea"} <= built


@pytest.mark.parametrize("marker", DISCOVERY_MARKERS)
def test_no_widget_qt_made_reaches_python_before_the_first_paint(started, marker):
    assert marker not in started["paint"], f"{marker} built: a widget's type was discovered before the first paint"


#: Classes the first page does not use, each built (with its enums) by an import or a call
#: that was moved off the first frame (issue 22, session 28): the message box (the error hook,
#: the window's questions), the actions table's date editor and line editor, the undo
#: commands, the icon PySide6 built to weigh QPushButton's (icon, text, parent) overload, and
#: the tab bar's class (imported by the mnemonics module for its listing only).
NOT_BUILT_FOR_THE_FIRST_FRAME = [
    "QtWidgets.QMessageBox", "QtWidgets.QDialog", "QtWidgets.QDateEdit", "QtWidgets.QDateTimeEdit",
    "QtWidgets.QAbstractSpinBox", "QtWidgets.QLineEdit", "QtGui.QValidator", "QtGui.QUndoCommand",
    "QtGui.QIcon", "QtGui.QPixmap",
    # the mnemonics' listing of the bars (tests and the menus), imported where it is used
    "QtWidgets.QTabBar",
]


@pytest.mark.parametrize("qt_class", NOT_BUILT_FOR_THE_FIRST_FRAME)
def test_classes_the_first_page_does_not_use_are_not_built_before_the_first_paint(started, qt_class):
    assert qt_class not in started["paint"], f"{qt_class} built before the first paint"


def test_no_style_of_msgdesks_own_is_built_before_the_first_paint(started):
    assert "QtWidgets.QProxyStyle" not in started["paint"]


@pytest.mark.parametrize("style_class", ["QtWidgets.QStyle", "QtWidgets.QCommonStyle"])
def test_no_style_class_is_built_before_the_first_paint(started, style_class):
    assert style_class not in started["paint"]


def test_the_guards_and_the_menus_come_next_after_the_store(started):
    # The full store first (target: within 0.3 s of the paint; the first write needs it), then,
    # in the next turns of the event loop, the guards and the menus: no guarded control is on
    # the first page, a dialog that opens before them (the store's recovery) installs them
    # itself, and a key or a menu builds the menus at once (test_ui_menus_after_paint.py).
    store = started["store"]
    assert store["next"] == ["install_guards", "build_menus"]
    assert not store["wheel_guard"] and not store["screen_fit"]
    assert store["style"] != "FocusRingStyle"


# --- after the first paint: every widget, and every dialog opened later, is guarded ----------


def test_the_guards_come_just_after_the_first_paint_and_hold_for_a_dialog_opened_later(window, qtbot):
    from msgdesk.ui.widgets.look import FocusRing

    # the window fixture shows the window: its first paint runs the queue (the guards after the store)
    qtbot.waitUntil(lambda: not window._after_first_paint.queue, timeout=5000)
    app = QApplication.instance()
    assert type(app.style()).__name__ == "FocusRingStyle"
    ring = app.findChild(FocusRing)
    assert ring is not None
    screen = window.screen().availableGeometry()
    for width, height in [(300, 200), (screen.width() + 400, 300), (400, screen.height() + 400),
                          (screen.width() * 3, screen.height() * 3)]:
        dialog = QDialog(window)
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        combo = QComboBox(dialog)
        combo.addItems(["one", "two", "three", "four"])
        combo.setCurrentIndex(1)
        layout.addWidget(combo)
        dialog.resize(width, height)
        dialog.show()
        qtbot.waitExposed(dialog)
        # the screen fit: never larger than the screen, never off it
        frame = dialog.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height(), (width, height)
        assert screen.contains(frame.topLeft()) and screen.contains(frame.bottomRight()), (width, height)
        if width <= screen.width():  # a dialog that fits is left as it was sized
            assert dialog.width() == width
        # the wheel guard: a passing wheel changes nothing; the control takes focus only by click or key
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
        for notches in (-1, 1, 2, -3):
            roll(combo, notches)
            assert combo.currentIndex() == 1, notches
        # the ring: on the control that has the keyboard
        dialog.activateWindow()
        combo.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda c=combo: ring.target is c, timeout=3000)
        roll(combo, 1)  # with the keyboard, it still takes the wheel
        assert combo.currentIndex() != 1
        dialog.close()


def test_the_proposal_pages_own_viewport_is_set_up_as_qts_and_its_resize_refits_the_evidence(window, example_round,
                                                                                              qtbot):
    window.open_round(example_round.id)
    qtbot.wait(50)
    page = window.proposal_page
    assert page.isVisible()
    # (the actions' headings elide, set through the header's property without Qt's namespace)
    assert page.ui.actionsView.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight
    scroll = page.ui.scroll
    viewport = scroll.viewport()
    reference = QScrollArea()  # as Qt sets up a scroll area's viewport
    assert viewport.objectName() == reference.viewport().objectName() == "qt_scrollarea_viewport"
    assert viewport.autoFillBackground() and reference.viewport().autoFillBackground()
    assert viewport.backgroundRole() == reference.viewport().backgroundRole()
    assert viewport.focusProxy() is scroll
    assert page.ui.content.parentWidget() is viewport
    assert scroll.widget() is page.ui.content
    calls: list[int] = []
    page._evidence_timer.timeout.connect(lambda: calls.append(viewport.height()))
    size = page.size()
    changed = 0
    # the viewport alone changes size (a scroll bar comes and goes; the page keeps its size):
    # the evidence box is refitted each time, from the viewport's new height
    for policy in (Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
                   Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAsNeeded):
        calls.clear()
        before = viewport.height()
        scroll.setHorizontalScrollBarPolicy(policy)
        if viewport.height() == before:
            continue
        qtbot.waitUntil(lambda: bool(calls), timeout=3000)
        assert calls[-1] == viewport.height()
        assert page.size() == size
        changed += 1
    assert changed >= 2  # the bar came and went: the watch was seen to act


def test_what_is_asked_first_runs_before_what_was_asked_earlier(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from msgdesk.ui.main_window import after_first_paint

    ran: list[str] = []
    window = QMainWindow()
    qtbot.addWidget(window)
    after_first_paint(window, lambda: ran.append("guards"))
    after_first_paint(window, lambda: ran.append("log"))
    after_first_paint(window, lambda: ran.append("probe"), first=True)  # the first-paint probe
    assert ran == []
    window.show()
    qtbot.waitUntil(lambda: len(ran) == 3, timeout=5000)
    assert ran == ["probe", "guards", "log"]


def test_a_ring_made_after_a_control_took_the_keyboard_rings_that_control(qtbot):
    from PySide6.QtWidgets import QPushButton

    from msgdesk.ui.widgets.look import FocusRing

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    buttons = [QPushButton(f"Button {n}", host) for n in range(3)]
    for button in buttons:
        layout.addWidget(button)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    for button in buttons:  # whichever has the keyboard when the ring is made (the guards come after the paint)
        button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda b=button: QApplication.focusWidget() is b, timeout=3000)
        ring = FocusRing(QApplication.instance())
        try:
            assert ring.target is button
        finally:
            button.removeEventFilter(ring)
            shiboken6.delete(ring)  # now (disconnected with it): the app keeps its one ring
