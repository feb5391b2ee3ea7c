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

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from msgdesk.ui.round.conflict_marker import RESOLVE_HERE_KEY, conflicts_on
from msgdesk.ui.tab import Host, WindowPart

if TYPE_CHECKING:  # the History dock is built when first shown; the dialogs when chosen
    from types import ModuleType

    from PySide6.QtWidgets import QDialog

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
    # asked at the first start only (or from Edit → Your name…): the dialog's classes wait until then
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    # the answer's cleaning, with the question
    from msgdesk.domain.text import clean_text

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


def dialogs() -> ModuleType:
    """The contributions' dialogs (``pack_dialogs``), imported when an entry is first chosen."""
    # their file dialogs, forms and message boxes: PySide6 builds a class's enums when it is
    # imported, and the window's first frame needs none of them (issue 22)
    from msgdesk.ui.contributions import pack_dialogs

    return pack_dialogs


def _action(window, text: str, name: str, slot, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.triggered.connect(slot)
    if shortcut:
        # two entries have a key: the class is built with the menus, after the first paint
        from PySide6.QtGui import QKeySequence

        action.setShortcut(QKeySequence(shortcut))
    return action


class ContributionsPart(WindowPart):
    """The contributions' menu entries and the proposal history dock, plugged into the
    main window (``ui/tab.py``); it keeps its actions and panels as its own."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        #: the last conflicts dialog opened, and the contributor windows opened from here
        self.conflict_dialog: QDialog | None = None
        self.contributor_windows: list = []
        #: the menu entries are made by install, with the window's other entries (after its first paint)
        self.installed = False
        self._history_panel: HistoryPanel | None = None
        # the name recorded with each change, from the first change on
        apply_saved_name(window)

    def install(self) -> None:
        window = self.window
        owner = window.as_window()
        ui = window.ui
        file_menu = ui.menuFile
        before = ui.actionPrint
        self.actionSendPack = _action(owner, translate("Contributions", "&Send proposals for contribution…"),
                                      "actionSendPack", lambda: dialogs().send_pack_dialog(window))
        self.actionOpenPack = _action(owner, translate("Contributions", "&Open contribution pack…"),
                                      "actionOpenPack", lambda: dialogs().choose_and_open_pack(window))
        self.actionSendBack = _action(owner, translate("Contributions", "Send bac&k…"), "actionSendBack",
                                      lambda: dialogs().choose_and_send_back(window))
        self.actionMergePack = _action(owner, translate("Contributions", "&Merge a contribution…"),
                                       "actionMergePack", lambda: dialogs().choose_and_merge(window))
        for action in (self.actionSendPack, self.actionMergePack, self.actionOpenPack, self.actionSendBack):
            file_menu.insertAction(before, action)
        file_menu.insertSeparator(before)
        self.actionConflicts = _action(owner, translate("Contributions", "Resolve merge &conflicts…"),
                                       "actionConflicts", lambda: dialogs().show_conflicts(window))
        # the key for the conflict on the proposal shown, enabled only while one waits there
        # (the side panel and the page say so: ui/round/conflict_marker.py)
        self.actionConflictsHere = _action(
            owner, translate("Contributions", "Resolve &this proposal's conflicts…"), "actionConflictsHere",
            lambda: dialogs().show_conflicts(window, proposal=window.current), RESOLVE_HERE_KEY)
        ui.menuRound.addSeparator()
        ui.menuRound.addAction(self.actionConflicts)
        ui.menuRound.addAction(self.actionConflictsHere)
        ui.navView.selectionModel().currentChanged.connect(lambda *_: self._enable_here())
        ui.pages.currentChanged.connect(lambda *_: self._enable_here())
        window.proposal_pages.resolveRequested.connect(  # any proposal's page
            lambda proposal: dialogs().show_conflicts(window, proposal=proposal))
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
        toggle.setChecked(self._history_panel is not None and self._history_panel.isVisible())
        ui.menuGo.addSeparator()
        ui.menuGo.addAction(toggle)
        self.actionHistory = toggle
        self.installed = True
        self._enable()

    @property
    def history_panel(self) -> HistoryPanel:
        """The History dock (Go → Proposal history), built when first needed."""
        if self._history_panel is None:
            # a Qt view built when first opened, not with the window
            from msgdesk.ui.round.history_panel import HistoryPanel

            window = self.window
            owner = window.as_window()
            # the dock area's enum (the Qt namespace), when the dock is first asked for
            from PySide6.QtCore import Qt

            panel = HistoryPanel(owner)
            owner.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
            panel.hide()
            # the action follows the dock, which its own title bar can close
            panel.visibilityChanged.connect(lambda _shown: self._history_shown(panel.isVisible()))
            self._history_panel = panel
            if window.session is not None:
                panel.watch(window.session)
            if window.current:
                panel.show_proposal(window.current)
        return self._history_panel

    def _history_shown(self, shown: bool) -> None:
        if self.installed:  # else install checks it as the dock then is
            self.actionHistory.setChecked(shown)

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
        if not self.installed:  # install enables them as the window then is
            return
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
        if not self.installed:  # install enables it as the window then is
            return
        window = self.window
        ui = window.ui
        on_page = ui.stack.currentWidget() is not ui.startHost and ui.pages.currentWidget() is ui.proposalHost
        waiting = bool(window.current and conflicts_on(window.session, window.current))
        self.actionConflictsHere.setEnabled(on_page and waiting and window.contribution is None)


