"""Working with contributors, in the window.

The lead: File → Send proposals for contribution… (a pack as a return file and/or a
workbook), File → Merge a contribution… (a reply merged three ways; what waits opens in
Round → Resolve merge conflicts…; a proposal with one waiting is marked in the side panel
and on its page, and Ctrl+Shift+C opens the view on it), Go → Proposal history (Ctrl+H).

The contributor: File → Open contribution pack… opens the pack in a window of its own, on a
database of its own (in the data folder, one per pack, so opening the pack again carries on
where they left off); only the pack's proposals can be edited, the rest of the template is
there for context; File → Send back… writes the reply.

Everyone: Edit → Your name… (asked once at the first start, kept in the settings): the
name recorded with every change.

The main window plugs in :class:`ContributionsPart` (``ui/tab.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from msgdesk.domain.errors import InputError, MsgdeskError
from msgdesk.domain.text import clean_text
from msgdesk.paths import user_data_dir
from msgdesk.ui.round.conflict_marker import RESOLVE_HERE_KEY, conflicts_on
from msgdesk.ui.tab import Host, WindowPart

if TYPE_CHECKING:  # the History dock is built when first shown
    from msgdesk.ui.round.history_panel import HistoryPanel

translate = QCoreApplication.translate
NAME_KEY = "user/name"


# --- who is recording ---------------------------------------------------------------------


def apply_saved_name(window) -> None:
    name = window.settings.value(NAME_KEY)
    if name:
        window.workspace.user = str(name)


def ask_name(window) -> bool:
    """Edit → Your name…: the name recorded with each change, kept in the settings."""
    name, ok = QInputDialog.getText(
        window, translate("Contributions", "Your name"),
        translate("Contributions", "Your name, as it is recorded with each change you make (for example "
                                   "“Caroline Whyte”):"),
        QLineEdit.EchoMode.Normal, window.workspace.user)
    if not ok:
        return False

    name = clean_text(name, single_line=True).strip()[:200]
    if not name:
        return False
    window.settings.setValue(NAME_KEY, name)
    window.workspace.user = name
    return True


def ask_name_once(window) -> None:
    """At the first start: the question, with the login name already filled in."""
    if not window.settings.value(NAME_KEY):
        if not ask_name(window):
            window.settings.setValue(NAME_KEY, window.workspace.user)


# --- the menus ------------------------------------------------------------------------------


def _action(window, text: str, name: str, slot, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.triggered.connect(slot)
    if shortcut:
        # the one-key list: setShortcut's overloads (a QKeyCombination among them) make PySide6
        # build the Qt namespace to tell them apart, before the first paint (ui/widgets/qt_values.py)
        action.setShortcuts([QKeySequence(shortcut)])
    return action


class ContributionsPart(WindowPart):
    """The contributions' menu entries and the proposal history dock, plugged into the
    main window (``ui/tab.py``); it keeps its actions and panels as its own."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        #: the last conflicts dialog opened, and the contributor windows opened from here
        self.conflict_dialog: QDialog | None = None
        self.contributor_windows: list = []

    def install(self) -> None:
        window = self.window
        owner = window.as_window()
        apply_saved_name(window)
        ui = window.ui
        file_menu = ui.menuFile
        before = ui.actionPrint
        self.actionSendPack = _action(owner, translate("Contributions", "&Send proposals for contribution…"),
                                      "actionSendPack", lambda: send_pack_dialog(window))
        self.actionOpenPack = _action(owner, translate("Contributions", "&Open contribution pack…"),
                                      "actionOpenPack", lambda: choose_and_open_pack(window))
        self.actionSendBack = _action(owner, translate("Contributions", "Send bac&k…"), "actionSendBack",
                                      lambda: choose_and_send_back(window))
        self.actionMergePack = _action(owner, translate("Contributions", "&Merge a contribution…"),
                                       "actionMergePack", lambda: choose_and_merge(window))
        for action in (self.actionSendPack, self.actionMergePack, self.actionOpenPack, self.actionSendBack):
            file_menu.insertAction(before, action)
        file_menu.insertSeparator(before)
        self.actionConflicts = _action(owner, translate("Contributions", "Resolve merge &conflicts…"),
                                       "actionConflicts", lambda: show_conflicts(window))
        # the key for the conflict on the proposal shown, enabled only while one waits there
        # (the side panel and the page say so: ui/round/conflict_marker.py)
        self.actionConflictsHere = _action(
            owner, translate("Contributions", "Resolve &this proposal's conflicts…"), "actionConflictsHere",
            lambda: show_conflicts(window, proposal=window.current), RESOLVE_HERE_KEY)
        ui.menuRound.addSeparator()
        ui.menuRound.addAction(self.actionConflicts)
        ui.menuRound.addAction(self.actionConflictsHere)
        ui.navView.selectionModel().currentChanged.connect(lambda *_: self._enable_here())
        ui.pages.currentChanged.connect(lambda *_: self._enable_here())
        window.proposal_pages.resolveRequested.connect(  # any proposal's page
            lambda proposal: show_conflicts(window, proposal=proposal))
        self.actionYourName = _action(owner, translate("Contributions", "&Your name…"), "actionYourName",
                                      lambda: ask_name(window))
        ui.menuEdit.addSeparator()
        ui.menuEdit.addAction(self.actionYourName)

        # Go → Proposal history shows the dock, which is built the first time it is asked for
        # (history_panel): hidden at the start, it cost the first frame its module, its list
        # and a dock area.  Checked while the dock is visible, as its own toggle action was.
        toggle = _action(owner, translate("Contributions", "Proposal &history"), "actionHistory",
                         self._show_history, "Ctrl+H")
        toggle.setCheckable(True)
        ui.menuGo.addSeparator()
        ui.menuGo.addAction(toggle)
        self.actionHistory = toggle
        self._history_panel: HistoryPanel | None = None
        self._enable()

    @property
    def history_panel(self) -> HistoryPanel:
        """The History dock (Go → Proposal history), built when first needed."""
        if self._history_panel is None:
            # the Qt namespace once the window is up (ui/widgets/qt_values.py)
            from PySide6.QtCore import Qt

            # a Qt view built when first opened, not with the window
            from msgdesk.ui.round.history_panel import HistoryPanel

            window = self.window
            owner = window.as_window()
            panel = HistoryPanel(owner)
            owner.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
            panel.hide()
            # the action follows the dock, which its own title bar can close
            panel.visibilityChanged.connect(lambda _shown: self.actionHistory.setChecked(panel.isVisible()))
            self._history_panel = panel
            if window.session is not None:
                panel.watch(window.session)
            if window.current:
                panel.show_proposal(window.current)
        return self._history_panel

    def _show_history(self, shown: bool) -> None:
        self.history_panel.setVisible(shown)

    def open_round(self, session) -> None:
        window = self.window
        if window.contribution is not None:
            session.editable = frozenset(window.contribution.proposals)
            session.viewing = window.current
        if self._history_panel is not None:  # else given the session when it is built
            self._history_panel.watch(session)
            if window.current:
                self._history_panel.show_proposal(window.current)
        # a merge, a resolution or its undo tells the views through responseChanged
        session.responseChanged.connect(lambda _proposal: self._enable_here())
        self._enable()

    def _enable(self) -> None:
        window = self.window
        contributor = window.contribution is not None
        open_round = window.session is not None
        self.actionSendPack.setEnabled(open_round and not contributor)
        self.actionMergePack.setEnabled(open_round and not contributor)
        self.actionConflicts.setEnabled(open_round and not contributor)
        self.actionSendBack.setEnabled(contributor)
        self._enable_here()
        self.actionSendBack.setVisible(contributor)
        self.actionOpenPack.setVisible(not contributor)
        if contributor:
            for action in (window.ui.actionNewRound, window.ui.actionRounds, window.ui.actionImport,
                           window.ui.actionMarkReady, window.ui.actionMarkDraft, window.ui.actionApprove,
                           window.ui.actionReopen):
                action.setEnabled(False)

    def _enable_here(self) -> None:
        """Round → Resolve this proposal's conflicts…: only on a proposal's page (not the
        start page, not the check before IJB) where a conflict waits."""
        window = self.window
        ui = window.ui
        on_page = ui.stack.currentWidget() is not ui.startHost and ui.pages.currentWidget() is ui.proposalHost
        waiting = bool(window.current and conflicts_on(window.session, window.current))
        self.actionConflictsHere.setEnabled(on_page and waiting and window.contribution is None)


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
        # imported, and the window's first frame needs neither (issue 22); nor the Qt namespace
        from PySide6.QtCore import Qt
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
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

        for pid, item in self.items.items():
            item.setCheckState(0, Qt.CheckState.Checked if pid in proposals else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

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
    # the Qt namespace once the window is up (ui/widgets/qt_values.py)
    from PySide6.QtCore import Qt

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
