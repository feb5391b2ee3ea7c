"""The contributions' dialogs and what their menu entries do: send a pack, merge a reply,
resolve conflicts, open a pack as a contributor, send the reply back.

Imported when one of their entries is chosen (``msgdesk.ui.contributions.menu`` makes the
entries): its file dialogs, forms and message boxes are Qt classes whose enums PySide6
builds when they are imported, and the window's first frame needs none of them (issue 22).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from msgdesk.domain.errors import InputError, MsgdeskError
from msgdesk.paths import user_data_dir

translate = QCoreApplication.translate


# --- the lead: sending a pack ----------------------------------------------------------------


class SendPackDialog(QDialog):
    """Which proposals, for whom, and where to save the pack (a return file, a workbook, or both)."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        template = window.template
        self.setWindowTitle(self.tr("Send proposals for contribution"))
        self.resize(720, 600)
        intro = QLabel(self.tr("Tick the proposals the contributor is to fill in. They send the pack back; "
                               "File → Merge a contribution… brings their changes in, and nothing you write "
                               "meanwhile is overwritten."), self)
        intro.setWordWrap(True)
        # the dialog's tree, imported when it opens: PySide6 builds a class's enums when it is
        # imported, and the window's first frame needs neither (issue 22)
        from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("proposalTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Proposals to send"))
        self.items: dict[str, QTreeWidgetItem] = {}
        for kf in template.key_features:
            heading = self.tr("Key feature {n}: {title}").format(n=kf.number, title=kf.title)
            parent = QTreeWidgetItem(self.tree, [heading])
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            parent.setCheckState(0, Qt.CheckState.Unchecked)
            for proposal in kf.proposals:
                if not proposal.local:
                    continue
                child = QTreeWidgetItem(parent, [f"{proposal.id}  {proposal.text}"])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                child.setToolTip(0, proposal.text)
                self.items[proposal.id] = child
        self.tree.expandAll()
        tree_label = QLabel(self.tr("&Proposals"), self)
        tree_label.setBuddy(self.tree)
        self.for_edit = QLineEdit(self)
        self.for_edit.setObjectName("forEdit")
        self.for_edit.setPlaceholderText(self.tr("Name, role — e.g. Alan Brown, Chief Finance Officer"))
        self.for_edit.setAccessibleName(self.tr("For whom (name, role)"))
        folder = Path(window.settings.value("export/folder") or Path.home())
        self.json_check = QCheckBox(self.tr("A return file, for a contributor with &msgdesk"), self)
        self.json_check.setChecked(True)
        self.json_edit = QLineEdit(str(folder / "contribution-pack.json"), self)
        self.json_edit.setAccessibleName(self.tr("Save the return file as"))
        self.xlsx_check = QCheckBox(self.tr("A workbook, for a contributor with &Excel only"), self)
        self.xlsx_edit = QLineEdit(str(folder / "contribution-pack.xlsx"), self)
        self.xlsx_edit.setAccessibleName(self.tr("Save the workbook as"))
        form = QFormLayout()
        for_label = QLabel(self.tr("&For"), self)
        for_label.setBuddy(self.for_edit)
        form.addRow(for_label, self.for_edit)
        for check, edit, browse_text, suffix in (
                (self.json_check, self.json_edit, self.tr("Bro&wse…"), "json"),
                (self.xlsx_check, self.xlsx_edit, self.tr("Brow&se…"), "xlsx")):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            browse = QPushButton(browse_text, self)
            browse.setAccessibleName(self.tr("Choose where to save the {kind}").format(kind=suffix))
            browse.clicked.connect(lambda _=False, e=edit, s=suffix: self._browse(e, s))
            row.addWidget(browse)
            form.addRow(check, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Wri&te the pack"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(tree_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self, edit: QLineEdit, suffix: str) -> None:
        kind = self.tr("Return file (*.json)") if suffix == "json" else self.tr("Excel workbook (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), edit.text(), kind)
        if path:
            edit.setText(path)

    def choose(self, proposals: list[str]) -> None:
        for pid, item in self.items.items():
            item.setCheckState(0, Qt.CheckState.Checked if pid in proposals else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        return [pid for pid, item in self.items.items() if item.checkState(0) == Qt.CheckState.Checked]

    def accept(self) -> None:
        try:
            self.written = send_pack(self.window_, self.chosen(), self.for_edit.text(),
                                     self.json_edit.text() if self.json_check.isChecked() else None,
                                     self.xlsx_edit.text() if self.xlsx_check.isChecked() else None)
        except (MsgdeskError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()


def send_pack(window, proposals: list[str], for_whom: str, json_path: str | None, xlsx_path: str | None):
    """Cut the pack from the open round and write its files; returns the paths written."""
    if not (json_path or xlsx_path):
        raise InputError(translate("Contributions", "Choose a return file, a workbook, or both."))
    window.flush_edits()
    contributions = window.workspace.contributions
    data = contributions.cut_pack(window.session.round_id, proposals, for_whom)
    assert data.pack is not None
    # the pack writer (and the return file's checker) load when a pack is sent, not with the window
    from msgdesk.contributions.packs import write_pack

    try:
        written = write_pack(data, json_path or None, xlsx_path or None, window.template)
    except OSError:
        contributions.withdraw(data.pack.id)
        raise
    window.settings.setValue("export/folder", str(Path(written[0]).parent))
    # a Qt view built when first opened, not with the window
    from msgdesk.ui.contributions.conflict_view import reload_quietly

    reload_quietly(window.session, [])
    return written


def send_pack_dialog(window):
    if window.session is None:
        return None
    dialog = SendPackDialog(window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(translate("Contributions", "Pack written: {files}").format(
            files=", ".join(str(p) for p in dialog.written)), 10_000)
    return dialog


# --- the lead: merging a reply ----------------------------------------------------------------


def choose_and_merge(window) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, translate("Contributions", "Merge a contribution"), str(window.settings.value("export/folder") or ""),
        translate("Contributions", "Replies (*.json *.xlsx);;All files (*)"))
    if path:
        merge_file(window, path)


def merge_file(window, path: str):
    """Show what the reply would change, merge it when the officer agrees, and open the
    conflicts if any wait.  Returns the merge's result (None if not merged)."""
    # the store (SQLAlchemy) loads on first use, off the window's first paint
    from msgdesk.store.contributions import when

    if window.session is None:
        return None
    window.flush_edits()
    title = translate("Contributions", "Merge a contribution")
    # the reply reader (and the return file's checker) load when a reply is merged, not with the window
    from msgdesk.contributions.packs import read_reply

    try:
        reply = read_reply(path, window.template)
        preview = window.workspace.contributions.plan(window.session.round_id, reply)
    except MsgdeskError as exc:
        QMessageBox.warning(window, title, translate("Contributions", "The reply was not merged:\n\n{error}")
                            .format(error=exc))
        return None
    plan = preview.plan
    question = translate("Contributions", "{name}'s reply of {date}: {applied} changes to take in, {held} to "
                                          "choose between (both sides changed them). Merge it?").format(
        name=preview.contributor, date=when(preview.reply_at), applied=len(plan.applied), held=len(plan.conflicts))
    if not plan.changes_anything:
        QMessageBox.information(window, title, translate(
            "Contributions", "{name}'s reply of {date} brings nothing new: it has been merged already, or "
                             "changes nothing.").format(name=preview.contributor, date=when(preview.reply_at)))
    answer = QMessageBox.question(window, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        result = window.workspace.contributions.merge_reply(window.session.round_id, reply)
    except MsgdeskError as exc:
        QMessageBox.warning(window, title, str(exc))
        return None
    # a Qt view built when first opened, not with the window
    from msgdesk.ui.contributions.conflict_view import reload_quietly

    reload_quietly(window.session, result.pack.proposals)
    if window.current and window.contributions._history_panel is not None:  # else filled when built
        window.contributions.history_panel.show_proposal(window.current)
    if result.conflicts:
        show_conflicts(window, modal=False)
    return result


def show_conflicts(window, modal: bool = True, proposal: str | None = None):
    """The conflict view; with ``proposal``, open on that proposal's first conflict."""
    # a Qt view built when first opened, not with the window
    from msgdesk.ui.contributions.conflict_view import ConflictDialog

    if window.session is None:
        return None
    window.flush_edits()
    dialog = ConflictDialog(window, proposal=proposal)
    if modal:
        dialog.exec()
    else:
        dialog.show()
    window.contributions.conflict_dialog = dialog
    return dialog


# --- the contributor ---------------------------------------------------------------------------


def contribution_database(pack_id: str) -> Path:
    return user_data_dir() / "contributions" / f"{pack_id}.db"


def choose_and_open_pack(window):
    path, _ = QFileDialog.getOpenFileName(
        window, translate("Contributions", "Open contribution pack"), str(Path.home()),
        translate("Contributions", "Contribution packs (*.json);;All files (*)"))
    return open_pack(window, path) if path else None


class _CloseWatch(QObject):
    def __init__(self, workspace, parent):
        super().__init__(parent)
        self.workspace = workspace

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Close:
            self.workspace.close()
        return False


def open_pack(window, path: str):
    """Open a pack in a window of its own, on the pack's own database; returns that window."""
    # the pack's names of proposals, read when a pack is opened
    from msgdesk.contributions.proposals import proposals_text

    # the return file's reader (and its checker) load when a pack is opened, not with the window
    from msgdesk.rounds.return_file import read_return_file

    # the store (SQLAlchemy) loads on first use, off the window's first paint
    from msgdesk.store.workspace import Workspace

    title = translate("Contributions", "Open contribution pack")
    try:
        data = read_return_file(path, window.template)
        if data.pack is None:
            raise InputError(translate("Contributions", "This is a whole return file, not a contribution pack: "
                                                        "open it with File → Import return file…"))
        home = contribution_database(data.pack.id)
        home.parent.mkdir(parents=True, exist_ok=True)
        workspace = Workspace.open(home, user=window.workspace.user)
        round_id = workspace.contributions.receive_pack(data)
        pack = workspace.contributions.received_pack(round_id)
        assert pack is not None  # just received
    except (MsgdeskError, OSError) as exc:
        QMessageBox.warning(window, title, translate("Contributions", "The pack was not opened:\n\n{error}")
                            .format(error=exc))
        return None
    # a window of the same kind as this one (importing the main window here would be an import circle)
    other = type(window)(workspace, window.settings, contribution=pack)
    other.installEventFilter(_CloseWatch(workspace, other))

    note = QLabel(translate("Contributions", "Contribution for {name}: proposals {proposals} are yours to fill in; "
                                             "the others are shown for context. When you are done: File → Send "
                                             "back…").format(name=pack.for_whom,
                                                             proposals=proposals_text(pack.proposals, window.template)),
                  other)
    note.setObjectName("contributionNote")
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet("QLabel { background: #e8f1fb; border: 1px solid #0f6cbd; padding: 6px; }")
    other.ui.pageLayout.insertWidget(0, note)
    other.open_round(round_id)
    other.go_to(pack.proposals[0], focus=True)
    other.resize(window.size())
    other.show()
    window.contributions.contributor_windows.append(other)
    return other


def choose_and_send_back(window) -> None:
    pack = window.contribution
    if pack is None:
        return
    suggested = Path.home() / f"reply-{pack.contributor.replace(' ', '-').lower() or 'contribution'}.json"
    path, _ = QFileDialog.getSaveFileName(window, translate("Contributions", "Send back"), str(suggested),
                                          translate("Contributions", "Return file (*.json)"))
    if path:
        send_back(window, path)


def send_back(window, path: str) -> Path | None:
    """Write the contributor's reply (the pack's proposals as they are now, with the pack)."""
    window.flush_edits()
    # the return file's writer (and its checker) load when a reply is sent, not with the window
    from msgdesk.rounds.return_file import write_return_file

    try:
        reply = window.workspace.contributions.reply(window.session.round_id)
        written = write_return_file(path, reply, window.template)
    except (MsgdeskError, OSError) as exc:
        QMessageBox.warning(window, translate("Contributions", "Send back"), str(exc))
        return None
    window.statusBar().showMessage(translate("Contributions", "Reply written to {path}: send it to the lead "
                                                              "officer.").format(path=written), 15_000)
    return written
