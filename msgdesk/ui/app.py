"""Start the window: ``msgdesk`` with no subcommand."""

from __future__ import annotations

import sys


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


def build_window(db_path, settings=None, warm_up: bool = True):
    """The main window for ``db_path`` with the last round open (or the start page)."""
    from PySide6.QtWidgets import QApplication

    from msgdesk.ui.look import install_focus_ring
    from msgdesk.ui.main_window import MainWindow, schedule_warm_up
    from msgdesk.ui.settings import open_settings
    from msgdesk.ui.store import Store

    install_focus_ring(QApplication.instance())

    window = MainWindow(Store(db_path), settings if settings is not None else open_settings())
    window.restore_last()
    if warm_up:
        schedule_warm_up(window)
    return window


def run_gui(args) -> int:
    from msgdesk.paths import default_db_path

    db_path = default_db_path(getattr(args, "db", None))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("msgdesk")
    app.setApplicationName("msgdesk")
    app.setApplicationDisplayName("msgdesk")

    from msgdesk.ui.errors import install_excepthook, setup_logging

    setup_logging()
    install_translator(app)
    holder: dict = {}
    install_excepthook(lambda: holder.get("window"))
    from msgdesk.errors import MsgdeskError
    from msgdesk.store.recovery import InstanceLock

    # One msgdesk per database: a second one says so and touches nothing.
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except MsgdeskError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "msgdesk", str(exc))
        return 1
    try:
        return _run_window(app, db_path, holder)
    finally:
        lock.release()


def _run_window(app, db_path, holder: dict) -> int:
    from msgdesk.errors import MsgdeskError

    for attempt in (1, 2):
        try:
            window = build_window(db_path)
            break
        except MsgdeskError as exc:  # a database that cannot be opened
            try:
                from msgdesk.ui.backups_dialog import offer_recovery
            except ImportError:
                offer_recovery = None
            if attempt == 1 and offer_recovery is not None and offer_recovery(None, db_path, exc):
                continue  # the newest good backup was restored: open it
            if offer_recovery is None:
                from PySide6.QtWidgets import QApplication, QMessageBox

                QMessageBox.critical(None, "msgdesk", QApplication.translate(
                    "App", "msgdesk cannot open the database:\n\n{error}").format(error=exc))
            return 1
    holder["window"] = window
    if window.settings.value("window/geometry") is None:
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1280, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))
    window.show()
    return app.exec()
