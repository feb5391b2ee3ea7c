"""What the window imports before its first paint: only what the first page shows.

A real process starts the window (offscreen) on a database with a round open, and at
the window's first paint lists the modules loaded.  Other tabs' views, dialogs, the
word list, the exporters, SQLAlchemy and the command modules come later, when used."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.window_process import example_round, run_window

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import builtins, gc, json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event):
            if (not self.seen and event.type() == QEvent.Type.Paint and watched.isWidgetType()
                    and watched.objectName() == "MainWindow"):
                self.seen = True
                QTimer.singleShot(0, report)
            return False

    def report():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
        from msgdesk.ui.widgets import spelling
        from msgdesk.domain import timescales
        # the timescale patterns compiled so far (each is compiled on its first use)
        patterns = [(name, value) for name, value in vars(timescales).items() if type(value).__name__ == "_Lazy"]
        compiled = sorted(name for name, value in patterns if "search" in vars(value))
        # a drawing method of the style written in Python (every control drawn crosses into it)
        drawn = sorted(f"{k.__name__}.{name}" for k in type(app.style()).__mro__ if k.__module__.startswith("msgdesk")
                       for name in ("drawControl", "drawComplexControl", "drawPrimitive") if name in vars(k))
        # the Qt classes whose enums PySide6 has built (it builds them all when the class is imported)
        import enum

        def subclasses(cls):
            for sub in cls.__subclasses__():
                yield sub
                yield from subclasses(sub)

        owners = sorted({e.__qualname__.rpartition(".")[0] for e in subclasses(enum.Enum)
                         if (e.__module__ or "").startswith("PySide6")})
        print(json.dumps({"modules": sorted(sys.modules), "round_open": window.session is not None,
                          "qt_enum_owners": owners,
                          "patterns": len(patterns), "patterns_compiled": compiled, "style_draws_in_python": drawn,
                          "store_open": window.workspace.is_open,
                          "word_list_read": spelling.word_list_loaded(),
                          "feature_hook": builtins.__import__ is getattr(builtins, "__feature_import__", None),
                          "collecting": gc.isenabled()}), flush=True)
        QTimer.singleShot(0, after)

    def after():
        # the zero timers queued by the first paint run one per turn: wait for the last
        from msgdesk.ui.widgets import spelling
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
        if not spelling.word_list_loaded():
            QTimer.singleShot(5, after)
            return
        print(json.dumps({"store_open_before_word_list": window.workspace.is_open,
                          "collecting_after_store": gc.isenabled(), "set_aside": gc.get_freeze_count()}), flush=True)
        app.quit()

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    from msgdesk.cli.main import main
    main(["--db", sys.argv[1]])
""")

#: Modules the first page does not need; each must not be loaded when it is first painted.
NOT_BEFORE_FIRST_PAINT = [
    "sqlalchemy", "alembic", "reportlab", "openpyxl", "docx", "pypdfium2", "spellchecker",
    "msgdesk.store.database", "msgdesk.store.backup",
    "msgdesk.ui.tracker.view", "msgdesk.ui.collation.view", "msgdesk.ui.directions.view",
    "msgdesk.ui.directions.summary",  # on proposal 4.4's page only
    "msgdesk.ui.dialogs.print_preview", "msgdesk.ui.dialogs.user_guide", "msgdesk.ui.round.find_panel",
    "msgdesk.rounds.cli", "msgdesk.tracker.cli", "msgdesk.contributions.cli", "msgdesk.collation.cli",
    "msgdesk.directions.cli", "msgdesk.ui.selfcheck",
    # issue 22: the log file's rotating handler (socket, pickle, queue), ctypes (the X11 check,
    # only on an X11 desktop), the return file's reader and checker, the File menu's exporters,
    # the contribution packs
    "logging.handlers", "ctypes", "msgdesk.rounds.return_file", "msgdesk.exchange.checker",
    "msgdesk.ui.file_menu", "msgdesk.reports.exporters", "msgdesk.contributions.packs",
    # the directions log's reader (proposal 4.4's summary reads it when shown)
    "msgdesk.directions.log", "msgdesk.directions.values",
    # the start page, built when first shown (the window opens on the last round)
    "msgdesk.ui.round.start_page", "msgdesk.ui.forms.ui_start_page",
    # the print preview's SVG renderer, loaded when the preview first opens
    "PySide6.QtSvg",
    # the review page ("Check before IJB"), built when first shown (issue 22)
    "msgdesk.ui.round.review_page", "msgdesk.ui.forms.ui_review_page",
    # the backups dialog (its module is imported when File -> Backups... is chosen, or for recovery)
    "msgdesk.ui.dialogs.backups",
    # the History dock (Go -> Proposal history), built when first shown (issue 22)
    "msgdesk.ui.round.history_panel",
    # the socket module (and selectors): the lock file names the computer without it (issue 22)
    "socket", "selectors",
    # the menus' entries are made after the first paint: the About box's and the Backups
    # entry's modules with them, the contributions' dialogs when chosen; html (and its
    # entities) for an approved round's banner only (issue 22)
    "msgdesk.ui.dialogs.about", "msgdesk.ui.dialogs.backups_action", "msgdesk.ui.contributions.pack_dialogs",
    "html", "html.entities",
    # calendar (and locale) when a timescale's date is worked out; a pack's proposals as text
    # when the check before IJB lists a pack not merged (issue 22)
    "calendar", "locale", "msgdesk.contributions.proposals",
    # the undo commands (with the menus' Undo and Redo, or the first edit) and the actions
    # table's date editor (as the first Due cell is edited) (issue 22, session 28)
    "msgdesk.ui.commands", "msgdesk.ui.widgets.date_edit",
]


@pytest.fixture(scope="module")
def at_first_paint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("startup")
    db, ini = example_round(folder)
    child = folder / "child.py"
    child.write_text(CHILD)
    done = run_window(folder, [str(child), str(db)], ini)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {**lines[0], **lines[1]}


def test_the_round_is_open_at_the_first_paint_and_the_store_is_not(at_first_paint):
    assert at_first_paint["round_open"]
    assert not at_first_paint["store_open"]  # it is opened just after, from the first paint


def test_the_word_list_is_read_after_the_first_paint_and_after_the_store_opens(at_first_paint):
    assert not at_first_paint["word_list_read"]  # the evidence box asked for it while being built
    assert at_first_paint["store_open_before_word_list"]


def test_what_waits_for_the_first_paint_runs_in_the_order_asked_and_can_be_cancelled(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from msgdesk.ui.main_window import after_first_paint, cancel_after_first_paint

    ran: list[str] = []
    window = QMainWindow()
    qtbot.addWidget(window)
    for name in ("log", "store", "words"):
        after_first_paint(window, lambda name=name: ran.append(name))
    assert ran == []  # nothing before the paint
    window.show()
    qtbot.waitUntil(lambda: len(ran) == 3)
    assert ran == ["log", "store", "words"]  # Qt would call three event filters the other way round

    other = QMainWindow()
    qtbot.addWidget(other)
    after_first_paint(other, lambda: (ran.append("probe"), cancel_after_first_paint(other)))
    after_first_paint(other, lambda: ran.append("not run"))
    other.show()
    qtbot.waitUntil(lambda: "probe" in ran)
    qtbot.wait(50)
    assert ran[-1] == "probe" and "not run" not in ran


def test_pysides_feature_import_hook_is_gone_and_msgdesk_asks_for_no_feature(at_first_paint):
    # the hook reads the source of every module imported after PySide6 (msgdesk's, then
    # SQLAlchemy's); dropping it is right only while no module asks for a __feature__
    assert at_first_paint["feature_hook"] is False
    asking = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "msgdesk").rglob("*.py"))
              if re.search(r"^\s*from __feature__ import", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert asking == []


def test_the_collector_waits_until_the_store_is_open_then_skips_the_start_ups_objects(at_first_paint):
    assert at_first_paint["collecting"] is False  # stopped for the start-up
    assert at_first_paint["collecting_after_store"] is True
    assert at_first_paint["set_aside"] > 50_000  # the start-up's objects, out of every collection


def test_only_the_timescale_patterns_the_first_page_needs_are_compiled(at_first_paint):
    # proposal 1.1 of the example has three actions with empty timescales: no text to read, so
    # none of the 25 patterns (~55M instructions to compile them all) is needed for its Due column
    assert at_first_paint["patterns"] >= 20  # each compiled on its first use
    assert at_first_paint["patterns_compiled"] == []


def test_the_style_draws_nothing_in_python(at_first_paint):
    # the focus ring is an event filter on the focused control: a Python drawControl made every
    # control drawn cross into Python and PySide6 build all its QStyleOption classes at start-up
    assert at_first_paint["style_draws_in_python"] == []


#: Qt classes whose enums (built by PySide6 when the class is first imported, ~0.7M instructions
#: an enum) the first page does not need: the focus ring's painter and the style's options, the
#: about box's QUrl, the spelling underline's format, the typed date (issue 22).
NO_ENUMS_BEFORE_FIRST_PAINT = ["QPainter", "QUrl", "QTextCharFormat", "QTextFormat", "QDateTime",
                               "QStyleOption", "QStyleOptionButton", "QStyleOptionComplex",
                               # the send-pack dialog's tree (issue 22)
                               "QTreeWidgetItem"]


@pytest.mark.parametrize("owner", NO_ENUMS_BEFORE_FIRST_PAINT)
def test_qt_enums_the_first_page_does_not_need_are_not_built_before_it_is_painted(at_first_paint, owner):
    assert "QStyle" in at_first_paint["qt_enum_owners"]  # the listing sees the enums that are built
    assert owner not in at_first_paint["qt_enum_owners"], f"{owner}'s enums are built before the first paint"


def test_the_qt_namespace_is_not_built_before_the_first_paint(at_first_paint):
    # PySide6's Qt (93 enums, ~130M instructions of the first frame) is built by any use of it:
    # an import, a default argument, an enum given to a setter, a Python flags()/headerData(),
    # a call whose overloads PySide6 tells apart by a Qt enum (ui/widgets/qt_values.py)
    assert "QStyle" in at_first_paint["qt_enum_owners"]  # the listing sees the enums that are built
    assert "Qt" not in at_first_paint["qt_enum_owners"], "the Qt namespace is built before the first paint"


@pytest.mark.parametrize("module", NOT_BEFORE_FIRST_PAINT)
def test_nothing_the_first_page_does_not_show_is_imported_before_it_is_painted(at_first_paint, module):
    loaded = at_first_paint["modules"]
    assert module not in loaded, f"{module} is imported before the first paint"


def test_the_window_alone_parses_its_arguments_without_the_commands():
    from msgdesk.cli.main import _window_args

    assert _window_args([]).db is None and _window_args([]).command is None
    assert _window_args(["--db", "x.db"]).db == "x.db"
    assert _window_args(["--db=x.db"]).db == "x.db"
    for argv in (["list"], ["--help"], ["--version"], ["--db"], ["--db", "x.db", "list"], ["-h"]):
        assert _window_args(argv) is None, argv


def test_version_is_answered_without_importing_the_commands():
    code = ("import sys\nfrom msgdesk.cli.main import main\ntry:\n    main(['--version'])\n"
            "except SystemExit as e:\n    print('exit', e.code)\n"
            "print(sorted(m for m in sys.modules if m.endswith('.cli') or 'sqlalchemy' in m))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("msgdesk ") and lines[1] == "exit 0"
    assert lines[2] == "['msgdesk.cli']"  # the package only: no command module, no SQLAlchemy
