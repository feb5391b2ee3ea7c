"""File → Backups…: the database's backups with their date and content, and restore.

Also ``offer_recovery``: what the window shows when the database cannot be opened
(damaged, not a database, from a newer msgdesk) — the problem in plain words and, if
there is one, the newest good backup to go back to.

The menu entry is made by ``msgdesk.ui.dialogs.backups_action``, which imports this module
when it is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msgdesk.domain.errors import MsgdeskError, NeedsConfirmationError
from msgdesk.store.workspace import Workspace

if TYPE_CHECKING:  # the backup module (zipfile, shutil) is needed only when a backup is listed or made
    from msgdesk.store.backup import BackupInfo

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class BackupsDialog(QDialog):
    COLUMNS = ("When", "Why", "Content")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 on_restored: Callable[[], None] | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.on_restored = on_restored
        self.setWindowTitle(self.tr("Backups"))
        self.resize(760, 420)
        intro = QLabel(
            "msgdesk backs up your database when it opens and after every approval, compressed, and keeps the "
            "last 10 backups and one for each of the last 12 months, within three times the database's size. "
            "Restoring one backs up the current state first.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = buttons.addButton(self.tr("Back up now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.backups = self.workspace.list_backups()
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (info.when, info.reason_text, info.summary())
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path) if column == 0 else text)
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def backup_now(self) -> None:
        try:
            self.workspace.backup_now()
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.tr("Backups"), self.tr("The backup could not be made.") + f"\n\n{exc}")
        self.refresh()

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            "Restore a backup",
            f"Go back to the backup from {info.when}?\n\n{info.summary()}\n\n"
            "Your current data is backed up first, so you can come back to it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = self.workspace.restore(info.path)
        except NeedsConfirmationError as exc:
            if not confirm_undoing_approval(self, exc):
                return
            try:
                result = self.workspace.restore(info.path, force=True)
            except MsgdeskError as again:
                QMessageBox.warning(self, self.tr("Restore a backup"), self.tr("Nothing was changed.") + f"\n\n{again}")
                return
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.tr("Restore a backup"), self.tr("Nothing was changed.") + f"\n\n{exc}")
            return
        del result
        if self.on_restored is not None:
            self.on_restored()
        QMessageBox.information(self, self.tr("Restore a backup"),
                                self.tr("msgdesk now holds the backup from {when}.").format(when=info.when))
        self.refresh()


def confirm_undoing_approval(parent: QWidget, exc: NeedsConfirmationError) -> bool:
    """The backup predates an approval by the IJB: say what would be undone, and ask."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("BackupsDialog", "Restore a backup"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(str(exc))
    box.setInformativeText("\n".join(f"• {c}" for c in exc.consequences) + "\n\n" + translate(
        "BackupsDialog", "Restore it all the same? The undone approval is recorded in the round's events."))
    go = box.addButton(translate("BackupsDialog", "&Restore and undo the approval"),
                       QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("BackupsDialog", "&Keep the current data"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is go


def offer_recovery(parent: QWidget | None, workspace: Workspace, error: Exception) -> bool:
    """Tell the user why the database cannot be opened and offer its newest good backup.

    Returns True if a backup was restored (open the database again), False otherwise
    (the file is untouched; the window should close or open the start page read-only).
    """
    backup = getattr(error, "backup", None)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("msgdesk cannot open your database")
    box.setTextFormat(Qt.TextFormat.PlainText)
    first_sentence = str(error).split(" msgdesk has not changed the file.")[0]
    box.setText(first_sentence)
    if backup is not None:
        box.setInformativeText(
            f"msgdesk has not changed the file. The newest good backup is from {backup.when}: "
            f"{backup.summary()}.\n\nGo back to it? The current file is kept aside, unchanged."
        )
        use = box.addButton(translate("BackupsDialog", "Use the backup"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("BackupsDialog", "Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(use)
    else:
        box.setInformativeText(
            "msgdesk has not changed the file, and there is no backup of it. Keep the file and "
            "send it, with the log file (Help → About), to your support contact."
        )
        box.addButton(QMessageBox.StandardButton.Close)
        use = None
    box.exec()
    if use is None or backup is None or box.clickedButton() is not use:
        return False
    try:
        result = workspace.restore(backup.path, force=True)
    except MsgdeskError as exc:
        QMessageBox.warning(parent, "msgdesk", f"The backup could not be restored; nothing was changed.\n\n{exc}")
        return False
    kept = f"\n\nThe old file is kept as {result.kept_aside}." if result.kept_aside else ""
    QMessageBox.information(parent, "msgdesk", f"msgdesk now holds the backup from {backup.when}.{kept}")
    return True
