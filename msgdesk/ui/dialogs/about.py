"""Help → About msgdesk (version, licences, where the data is) and Help → Open data folder.

The main window calls one function:

    install_help_menu(self, self.ui.menuHelp, self.workspace, about_action=self.ui.actionAbout)
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from msgdesk.logging_setup import log_file_path
from msgdesk.paths import resource_path
from msgdesk.store.health import backup_folder
from msgdesk.store.workspace import Workspace

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def about_html(db_path: Path | str) -> str:
    """``db_path``: the SQLite file, or a shared database's address (no password)."""
    # when the dialog opens: importing QUrl makes PySide6 build its five enums (the Help menu is made at start-up)
    from PySide6.QtCore import QUrl

    # the version comes from importlib.metadata: read when the dialog opens
    from msgdesk import __version__

    def path_row(label: str, path: Path) -> str:
        url = QUrl.fromLocalFile(str(path)).toString()
        return f"<tr><td>{label}</td><td><a href='{url}'>{html.escape(str(path))}</a></td></tr>"

    licences = resource_path("licences")
    return f"""
<h2>msgdesk {html.escape(__version__)}</h2>
<p>Complete the MSG self-evaluation of progress with integration offline, and follow up its actions.</p>
<h3>Your data</h3>
<table cellspacing='4'>
{path_row("Database", db_path) if isinstance(db_path, Path) else
 f"<tr><td>Database</td><td>{html.escape(db_path)} (shared; IT backs it up)</td></tr>"}
{path_row("Backups", backup_folder(db_path)) if isinstance(db_path, Path) else ""}
{path_row("Log file", log_file_path())}
</table>
<p>The database is one file; keep it on this computer's own disk. msgdesk backs it up
on opening and after every approval (File → Backups…).</p>
<h3>Licences</h3>
<p>msgdesk is free software under the MIT licence.</p>
<p>The template text is Crown copyright. Contains public sector information licensed under the
<a href='{OGL_URL}'>Open Government Licence v3.0</a>.</p>
<p>Built with Qt {html.escape(qVersion())} and PySide6 {html.escape(pyside_version)} (LGPL-3.0),
Python {sys.version_info.major}.{sys.version_info.minor} and SQLite, SQLAlchemy, Alembic,
typst, openpyxl, python-docx, pg8000, the DejaVu fonts and SCOWL's
British English word list (spelling), each under its own licence:
<a href='{QUrl.fromLocalFile(str(licences)).toString()}'>licence files</a>.</p>
"""


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About msgdesk"))
        self.resize(560, 480)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(QDesktopServices.openUrl)
        self.text.setHtml(about_html(db_path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        open_folder = buttons.addButton(self.tr("Open data folder"), QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(lambda: open_data_folder(db_path))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None, db_path: Path | str) -> None:
    AboutDialog(db_path, parent).exec()


def open_data_folder(db_path: Path | str) -> bool:
    """Show the folder holding the database (and its backups), or for a shared database
    the folder of the log, in the file manager."""
    folder = Path(db_path).absolute().parent if isinstance(db_path, Path) else log_file_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    # when asked for: importing QUrl makes PySide6 build its five enums (the Help menu is made at start-up)
    from PySide6.QtCore import QUrl

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def install_help_menu(window: QWidget, help_menu: QMenu, workspace: Workspace,
                      about_action: QAction | None = None) -> None:
    """Add About msgdesk… (or take over ``about_action``) and Open data folder to ``help_menu``."""
    db_path: Path | str = workspace.path or workspace.describe()
    if about_action is None:
        about_action = QAction(translate("AboutDialog", "&About msgdesk…"), window)
        help_menu.addAction(about_action)
    else:
        try:
            about_action.triggered.disconnect()
        except (RuntimeError, TypeError):
            pass
    about_action.triggered.connect(lambda: show_about(window, db_path))
    open_folder = QAction(translate("AboutDialog", "Open &data folder"), window)
    open_folder.setObjectName("actionOpenDataFolder")
    open_folder.triggered.connect(lambda: open_data_folder(db_path))
    help_menu.addAction(open_folder)
