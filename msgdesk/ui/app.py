"""Start the window: ``msgdesk`` with no subcommand."""

from __future__ import annotations

import sys

from msgdesk.store.workspace import Workspace


def install_translator(app, locale=None):
    """Load the translation for the user's locale (``resources/i18n/msgdesk_<lang>.qm``), if any.

    msgdesk is written in English; a catalogue for Gaelic (gd) or another language
    is made from resources/i18n/msgdesk.ts (scripts/update_translations.py) and dropped
    beside it as a .qm file: no code changes.  Returns the translator, or None."""
    from PySide6.QtCore import QLocale, QTranslator

    from msgdesk.paths import resource_path

    translator = QTranslator(app)
    if translator.load(locale or QLocale(), "msgdesk", "_", str(resource_path("i18n"))):
        app.installTranslator(translator)
        return translator
    return None


def build_window(workspace: Workspace, settings=None, warm_up: bool = True):
    """The main window on ``workspace`` with the last round open (or the start page)."""
    from PySide6.QtWidgets import QApplication

    from msgdesk.ui.main_window import MainWindow, schedule_warm_up
    from msgdesk.ui.settings import open_settings
    from msgdesk.ui.widgets.look import install_focus_ring

    install_focus_ring(QApplication.instance())

    window = MainWindow(workspace, settings if settings is not None else open_settings())
    window.restore_last()
    if warm_up:
        schedule_warm_up(window)
    return window


def run_gui(args) -> int:
    from msgdesk.paths import default_db_location

    workspace = Workspace(default_db_location(getattr(args, "db", None)))
    from msgdesk.ui.platform_check import check_platform

    problem = check_platform()  # before Qt, which would abort (exit 134) on a missing X library
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("msgdesk")
    app.setApplicationName("msgdesk")
    app.setApplicationDisplayName("msgdesk")
    from msgdesk.ui.widgets.wheel_guard import install_wheel_guard

    install_wheel_guard(app)  # before the first dialog: no value changes under a passing wheel

    from msgdesk.ui.excepthook import install_excepthook, setup_logging

    setup_logging()
    install_translator(app)
    holder: dict = {}
    install_excepthook(lambda: holder.get("window"))
    from msgdesk.domain.errors import MsgdeskError

    # One msgdesk per SQLite database: a second one says so and touches nothing.
    try:
        workspace.acquire_lock()
    except MsgdeskError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "msgdesk", str(exc))
        return 1
    try:
        return _run_window(app, workspace, holder)
    finally:
        workspace.close()


def _run_window(app, workspace: Workspace, holder: dict) -> int:
    from msgdesk.domain.errors import MsgdeskError
    from msgdesk.ui.dialogs.backups import offer_recovery

    for attempt in (1, 2):
        try:
            if workspace.path is None:
                workspace.ensure_open()  # a shared database: connect (and migrate) first
            window = build_window(workspace)
            break
        except MsgdeskError as exc:  # a database that cannot be opened
            if attempt == 1 and workspace.path is not None and offer_recovery(None, workspace, exc):
                continue  # the newest good backup was restored: open it
            if workspace.path is None:
                from PySide6.QtWidgets import QApplication, QMessageBox

                QMessageBox.critical(None, "msgdesk", QApplication.translate(
                    "App", "msgdesk cannot open the database:\n\n{error}").format(error=exc))
            return 1
    holder["window"] = window
    from msgdesk.ui.contributions.menu import ask_name_once

    ask_name_once(window)  # the name recorded with each change: asked at the first start only
    if window.settings.value("window/geometry") is None:
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1280, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))
    window.show()
    return app.exec()
