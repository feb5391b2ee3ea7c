"""Start the window: ``msgdesk`` with no subcommand."""

from __future__ import annotations

import gc
import os
import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import msgdesk.ui.pyside_setup  # noqa: F401  (first: PySide6's import hook goes before msgdesk's modules load)
from msgdesk.domain.errors import MsgdeskError
from msgdesk.paths import default_db_location, resource_path
from msgdesk.store.workspace import Workspace
from msgdesk.ui.excepthook import install_excepthook, setup_logging
from msgdesk.ui.settings import open_settings

#: Set by benchmarks/bench_startup.py: the app prints "FIRST-PAINT <epoch seconds> <CPU
#: seconds> <round|start>" once its window is first drawn, and quits; set to "store", it
#: goes on to print "STORE-OPEN <epoch seconds>" once the full store is open, then quits.
#: The window's own first-paint hook reports it, so the measure adds no event filter on the
#: whole application (one costs a bare window 15% of its start: issue 22, session 26).
FIRST_PAINT_PROBE = "MSGDESK_FIRST_PAINT_PROBE"

#: How long the window waits for the database's lock before saying another msgdesk has it
#: open: a command holds it for a moment (restore, import --replace), and an officer who
#: starts the window then should get the window, not a refusal.  Another window holds it
#: for good; its "already open" message comes this much later.
WINDOW_LOCK_WAIT_SECONDS = 3.0


def install_translator(app, locale=None):
    """Load the translation for the user's locale (``resources/i18n/msgdesk_<lang>.qm``), if any.

    msgdesk is written in English; a catalogue for Gaelic (gd) or another language
    is made from resources/i18n/msgdesk.ts (scripts/update_translations.py) and dropped
    beside it as a .qm file: no code changes.  Returns the translator, or None."""
    translator = QTranslator(app)
    if translator.load(locale or QLocale(), "msgdesk", "_", str(resource_path("i18n"))):
        app.installTranslator(translator)
        return translator
    return None


def paint_on_one_thread() -> None:
    """Keep Qt from sharing a fill out among threads (QT_NO_GUI_THREADPOOL), before the first paint.

    Qt's raster painting hands any fill of more than 96 rows that is not a plain colour (the
    gradient of a scroll bar's groove, a rounded border) to a pool of threads and waits for
    them.  A page turn (ProposalStack) paints a new page, with its own scroll bar: measured over 240 turns
    (issue 22, session 26), some 440 thread switches a turn, and on a two-core laptop that is
    busy (the antivirus, other programs) the turn waits for the pool to be given a core: the
    worst turns took two to three times the median.  On one thread: under two switches a
    turn, and the same painting.  Qt reads the variable when it first needs the pool (the first
    such fill), so setting it before the window is first painted is enough; an officer's own
    setting is kept."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def build_window(workspace: Workspace, settings=None, warm_up: bool = True):
    """The main window on ``workspace`` with the last round open (or the start page)."""
    # built after the lock is taken and the database checked, not on import
    from msgdesk.ui.main_window import MainWindow, schedule_warm_up

    # The focus ring, the wheel guard and the screen fit come just after the first paint
    # (MainWindow asks for install_guards), not here: their style cost the first frame 4 % (issue 22).
    paint_on_one_thread()  # beside the application, before the window is first painted
    window = MainWindow(workspace, settings if settings is not None else open_settings())
    window.restore_last()
    if warm_up:
        schedule_warm_up(window, first=True)
    return window


def collect_from_now_on() -> None:
    """Start the garbage collector again (run_gui stops it), after the start-up's objects are
    set aside: ``gc.freeze`` moves the ~100,000 objects made so far (modules, classes, Qt's
    wrappers, the store's SQLAlchemy) out of every future collection."""
    gc.freeze()
    gc.enable()


def run_gui(args) -> int:
    # Start-up makes ~100,000 objects that live as long as the window and almost no garbage:
    # the collector would walk them ~50 times before the first paint and again while the store
    # opens (~5% of both).  msgdesk.cli.main stops it before this module's imports; it runs
    # again once the store is open (collect_from_now_on, after the first paint), or on any
    # way out of here.
    gc.disable()
    try:
        return _run_gui(args)
    finally:
        gc.enable()


def _run_gui(args) -> int:
    workspace = Workspace(default_db_location(getattr(args, "db", None)))
    # looked for before Qt, which would abort (exit 134) on a missing X library
    from msgdesk.ui.platform_check import check_platform

    problem = check_platform()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("msgdesk")
    app.setApplicationName("msgdesk")
    app.setApplicationDisplayName("msgdesk")
    # The wheel guard (no value changes under a passing wheel), the screen fit and the focus
    # ring are installed by the main window just after its first paint (install_guards), and
    # before any dialog shown earlier (_run_window): their style cost the first frame 4 %.

    # The log file opens just after the first paint (its handler's module costs the first frame
    # several milliseconds); an error before then opens it first (see _run_window, excepthook).
    install_translator(app)
    holder: dict = {}
    install_excepthook(lambda: holder.get("window"))

    # One msgdesk per SQLite database: a second one says so and touches nothing.  A command
    # that holds the lock for a moment (msgdesk restore, import --replace) is waited for.
    try:
        workspace.acquire_lock(WINDOW_LOCK_WAIT_SECONDS)
    except MsgdeskError as exc:
        # why: the message box's class (and its enums) only when there is something to say
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "msgdesk", str(exc))
        return 1
    try:
        return _run_window(app, workspace, holder)
    finally:
        workspace.close()


def _run_window(app, workspace: Workspace, holder: dict) -> int:
    # the main window's module (build_window loads it): its first-paint hooks
    from msgdesk.ui.main_window import after_first_paint, install_guards, schedule_warm_up
    from msgdesk.ui.widgets import spelling

    # The word list is read after the first paint and after the store is open (below), not
    # when the evidence box first asks for it, which is before the window is drawn.
    spelling.hold_loading()
    for attempt in (1, 2):
        try:
            if workspace.path is None:
                setup_logging()  # a shared database's login is logged from the start
                install_guards()  # before the login dialog: no wheel slips, fitted to the screen
                # the password dialog: only for a shared database
                from msgdesk.ui.dialogs.password import open_shared

                open_shared(workspace)  # a shared database: connect (asking a password), migrate
            window = build_window(workspace, warm_up=False)
            break
        except MsgdeskError as exc:  # a database that cannot be opened
            setup_logging()  # what happens next (recovery, a refusal) is logged
            install_guards()  # before the recovery dialog: no wheel slips, fitted to the screen
            # only for a database that cannot be opened: the backups dialog's module waits until then
            from msgdesk.ui.dialogs.backups import offer_recovery

            if attempt == 1 and workspace.path is not None and offer_recovery(None, workspace, exc):
                continue  # the newest good backup was restored: open it
            if workspace.path is None:
                # why: the message box's class (and its enums) only when there is something to say
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(None, "msgdesk", QApplication.translate(
                    "App", "msgdesk cannot open the database:\n\n{error}").format(error=exc))
            return 1
    holder["window"] = window
    if workspace.read_only:  # a reader's login: said once, plainly, and kept in the status bar
        # a reader's notice: only for a read-only login
        from PySide6.QtWidgets import QLabel

        # (the notice's words live beside the store's refusal)
        from msgdesk.store.workspace import READ_ONLY_NOTICE

        window.statusBar().addPermanentWidget(QLabel(window.tr("You can read but not change this database")))
        window.statusBar().showMessage(READ_ONLY_NOTICE, 15000)
    # After the first paint, in this order: the full store (SQLAlchemy; the first write needs
    # it, target within 0.3 s of the paint), the window's guards and menus (MainWindow asked
    # for them; a key or a menu builds the menus at once if it comes first), the log file,
    # the collector, then the word list (underlines appear; nothing moves).  The log file
    # waits for the store (~10 ms): anything that goes wrong before opens it itself
    # (excepthook, the recovery path above).
    schedule_warm_up(window, first=True)
    if os.environ.get(FIRST_PAINT_PROBE):
        # at the very front of the queue, so it reports the paint itself
        _print_first_paint_and_quit(app, window, until_store=os.environ[FIRST_PAINT_PROBE] == "store")
    after_first_paint(window, setup_logging)
    after_first_paint(window, collect_from_now_on)
    after_first_paint(window, spelling.release_loading)
    # built after the lock is taken and the database checked, not on import
    from msgdesk.ui.contributions.menu import NAME_KEY, ask_name_once

    if not window.settings.value(NAME_KEY):  # the first start: a dialog before the window's first paint
        install_guards()
    ask_name_once(window)  # the name recorded with each change: asked at the first start only
    if window.settings.value("window/geometry") is None:
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1280, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))
    window.show()
    # the smoke test's hook: a few lines, loaded after the window shows
    from msgdesk.ui import smoke

    smoke.schedule(app, window)  # the Windows smoke test only (MSGDESK_SMOKE_TEST=1)
    return app.exec()


def _print_first_paint_and_quit(app, window, until_store: bool = False) -> None:
    """For measuring the app (frozen or not) from its own first-paint hook: a benchmark's
    script watching every event of the application would slow what it measures."""
    import time

    # the main window's module is already loaded; imported here to keep the probe out of it
    from msgdesk.ui.main_window import after_first_paint, cancel_after_first_paint

    def report() -> None:
        shown = "round" if window.session is not None else "start"
        print(f"FIRST-PAINT {time.time()} {time.process_time()} {shown}", flush=True)
        if not until_store:
            cancel_after_first_paint(window)  # the files opened are counted up to the first frame only
            app.quit()
            return
        # the rest of the queue (the store, the guards, the menus...) runs as it would; the
        # store's opening is reported as it happens, not after what follows it in the queue
        def store() -> None:
            print(f"STORE-OPEN {time.time()}", flush=True)
            app.quit()

        if window.workspace.is_open:
            store()
        else:
            window.storeOpened.connect(store)

    after_first_paint(window, report, first=True)  # before the window's own (the guards)
