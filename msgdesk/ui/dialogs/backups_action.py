"""File → Backups…: the menu entry, made with the window; the dialog's module
(``msgdesk.ui.dialogs.backups``: its table, message boxes and their Qt classes) is imported
when the entry is chosen, not before the window's first frame.

The main window calls:

    install_backups_action(self, self.ui.menuFile, self.workspace, on_restored=self.reload_after_restore)

``on_restored()`` must reload the view: the database's content has changed under it (the
workspace has already reopened it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from msgdesk.store.workspace import Workspace

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def install_backups_action(window: QWidget, file_menu: QMenu, workspace: Workspace,
                           on_restored: Callable[[], None] | None = None) -> QAction:
    """Add File → Backups… to ``file_menu`` (before its last entry, Quit, if there is one)."""
    action = QAction(translate("BackupsDialog", "&Backups…"), window)
    action.setObjectName("actionBackups")
    action.triggered.connect(lambda: open_backups(window, workspace, on_restored))
    entries = file_menu.actions()
    if entries:
        file_menu.insertAction(entries[-1], action)
        file_menu.insertSeparator(entries[-1])
    else:
        file_menu.addAction(action)
    return action


def open_backups(window: QWidget, workspace: Workspace, on_restored: Callable[[], None] | None = None) -> None:
    """The Backups dialog, modal over ``window``."""
    # when chosen: the dialog's module and its Qt classes are not needed for the first frame
    from msgdesk.ui.dialogs.backups import BackupsDialog

    BackupsDialog(workspace, window, on_restored).exec()
