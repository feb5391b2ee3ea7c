"""The main window: start page, or the round with its navigation, proposal and
review pages, a Tracker tab, menus, undo/redo and the saved-at indicator."""

from __future__ import annotations

from typing import TYPE_CHECKING

# the message box's class through its module (QtWidgets.QMessageBox), not imported by name:
# PySide6 builds it with its enums (and QDialog's) on first use, and the window says nothing
# before its first frame (issue 22)
from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from msgdesk.domain.core_states import RoundStatus
from msgdesk.domain.dates import long_date
from msgdesk.domain.errors import DuplicateRoundError, InputError, MsgdeskError
from msgdesk.domain.return_values import rating_label
from msgdesk.paths import resource_path
from msgdesk.store.workspace import Workspace
from msgdesk.ui.collation.tab import CompareTab
from msgdesk.ui.contributions.menu import ContributionsPart
from msgdesk.ui.directions.tab import DirectionsTab
from msgdesk.ui.forms.ui_main_window import Ui_MainWindow
from msgdesk.ui.round.nav_model import PROPOSAL_ROLE, REVIEW, NavigationModel
from msgdesk.ui.round.proposal_page import ProposalPage
from msgdesk.ui.round.proposal_stack import ProposalStack
from msgdesk.ui.session import RoundSession
from msgdesk.ui.settings import last_round, remember_round
from msgdesk.ui.tab import WindowPart, WindowTab
from msgdesk.ui.tracker.tab import TrackerTab

if TYPE_CHECKING:  # the tabs and the find bar are imported when first shown (a faster start)
    from PySide6.QtGui import QAction, QKeySequence

    from msgdesk.domain.return_values import ReturnData
    from msgdesk.ui.round.find_panel import FindPanel
    from msgdesk.ui.round.review_page import ReviewPage
    from msgdesk.ui.round.start_page import StartPage
from msgdesk.ui.widgets.mnemonics import mnemonic, resolve
from msgdesk.ui.widgets.screen_fit import fit_to_screen, install_screen_fit
from msgdesk.ui.widgets.wheel_guard import install_wheel_guard

START, WORKSPACE = 0, 1
# Qt's "no limit" for a widget's size (QWIDGETSIZE_MAX in C++, not exported to Python)
QWIDGETSIZE_MAX = (1 << 24) - 1
#: From the store's opening to loading what the first write needs (MainWindow.warm_up): after
#: the rest of the first paint's queue (the word list), before the officer's first edit.
PREPARE_WRITES_MS = 300
PROPOSAL_PAGE, REVIEW_PAGE = 0, 1


def unique_shortcuts(*keys) -> list[QKeySequence]:
    """The key sequences of ``keys`` (standard keys expand to the platform's list), each once.

    Giving an action the same sequence twice (Ctrl+Shift+Z is already one of the
    standard Redo keys on Linux) makes Qt report an "ambiguous shortcut" and do nothing."""
    # the keys are given with the menus, after the first paint: its enums are built then
    from PySide6.QtGui import QKeySequence

    found: list[QKeySequence] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        for sequence in sequences:
            if not sequence.isEmpty() and all(sequence != seen for seen in found):
                found.append(sequence)
    return found


class _RatingKeys(QObject):
    """Keys 1-4 in the proposal list rate the proposal it shows (focus stays in the list)."""

    def __init__(self, pages: ProposalStack, parent=None):
        super().__init__(parent)
        self.pages = pages

    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.KeyPress:
            return False
        # on a key only: the Qt namespace (93 enums) is not built for the first frame
        from PySide6.QtCore import Qt

        if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            page = self.pages.current_page
            if page.isVisible() and page.rate_by_key(event.key()):
                return True
        return False


class _MenusOnDemand(QObject):
    """Builds the window's menu entries and keys (``MainWindow.build_menus``) at once if a key
    reaches the window before the after-paint queue has built them.

    The first frame shows the menu bar's titles only.  A key pressed before the entries are
    built reaches the window as a ShortcutOverride (no control takes a window shortcut's
    key) before Qt looks the shortcut up, so the shortcut is there when Qt looks; a menu
    opened by its Alt+letter builds them on ``aboutToShow``, before it is drawn."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            self.window.build_menus()
        return False


class MainWindow(QMainWindow):
    #: A round was opened (its new RoundSession), for the panels written beside this window.
    sessionOpened = Signal(object)
    #: The full store is open (``warm_up``, just after the first paint): the first write's.
    storeOpened = Signal()

    def __init__(self, workspace: Workspace, settings, parent=None, contribution=None):
        """``contribution``: the pack this window was opened on (a contributor's window), else None."""
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        # Partnership names are user text: never let Qt read them as markup.  Set by the
        # property's name (Qt reads the enum's key): the Qt namespace's 93 enums are not
        # built for the first frame (issue 22).
        self.ui.roundLabel.setProperty("textFormat", "PlainText")
        self.workspace = workspace
        self.settings = settings
        self.template = workspace.template
        self.session: RoundSession | None = None
        self.current: str | None = None
        self.order = [p.id for p in self.template.proposals] + [REVIEW]
        self.contribution = contribution
        self._sized = False

        # one page per proposal, kept: a page turn is a switch (ui/round/proposal_stack.py)
        self.proposal_pages = ProposalStack(self.template, self.ui.proposalHost)
        self.ui.proposalHostLayout.addWidget(self.proposal_pages)
        self.proposal_pages.pageBuilt.connect(self._page_built)
        # the review page ("Check before IJB") is built the first time it is shown (review_page):
        # the first frame shows a proposal
        self._review_page: ReviewPage | None = None
        # the start page is built the first time it is shown (start_page): a window that opens
        # on the last round, as most do, paints without it
        self._start_page: StartPage | None = None
        self.nav = NavigationModel(self.template, self)
        self.ui.navView.setModel(self.nav)
        # expanded when a round is opened (_round_changed): a model reset collapses the tree,
        # and the tree is not on screen without a round
        self.ui.splitter.setStretchFactor(1, 1)
        # the panes' sizes are set at the window's first resize (resizeEvent), from its width: a
        # setSizes here, overridden there, polished and measured every widget of both panes
        # before the first frame (12 M instructions, issue 22)
        self.ui.banner.hide()

        self.saved_label = QLabel(self.tr("No changes yet"), self)
        self.saved_label.setAccessibleName(self.tr("Last saved"))
        self.ui.statusbar.addPermanentWidget(self.saved_label)

        # the round's undo stacks join the group as rounds open; its Undo and Redo entries are
        # made with the other menu entries (build_menus)
        self.undo_group = QUndoGroup(self)
        self._undo_action: QAction | None = None
        self._redo_action: QAction | None = None
        self.find_panel: FindPanel | None = None
        self._rating_keys = _RatingKeys(self.proposal_pages, self)
        self.ui.navView.installEventFilter(self._rating_keys)

        # The tabs and menu entries written beside this window, called through ui/tab.py;
        # each tab's view is imported and built the first time it is shown.
        self.tracker_tab = TrackerTab(self)
        self.compare_tab = CompareTab(self)
        self.directions_tab = DirectionsTab(self)
        self.contributions = ContributionsPart(self)
        self.window_tabs: list[WindowTab] = [self.tracker_tab, self.compare_tab, self.directions_tab]
        self.parts: list[WindowPart] = [*self.window_tabs, self.contributions]
        self.ui.tabs.addTab(self.compare_tab.page, self.tr("&Compare"))
        self.ui.tabs.setAccessibleName(self.tr("Return, tracker and compare"))
        self._wire()
        self._tab_order()
        # the Directions tab (its letters are reserved before the pages')
        self.ui.tabs.addTab(self.directions_tab.page, self.tr("&Directions"))
        self.directions_tab.install()
        self._resolve_mnemonics()
        self.ui.actionSpelling.setChecked(settings.value("spelling/enabled", True, type=bool))
        # After the first paint, in this order (ui/app.py puts the full store in front of them):
        # no value changes under a passing mouse wheel, no dialog larger than the screen
        # (1280x720 at 150%), the focus ring (install_guards); then the menus' entries and keys
        # (the frame shows the titles only), or earlier, at the first key or menu that needs them.
        self._menus_built = False
        self._menus_on_demand: _MenusOnDemand | None = _MenusOnDemand(self)
        for menu in (self.ui.menuFile, self.ui.menuEdit, self.ui.menuGo, self.ui.menuRound, self.ui.menuHelp):
            menu.aboutToShow.connect(self.build_menus)
        after_first_paint(self, install_guards)
        after_first_paint(self, self.build_menus)

    def build_menus(self) -> None:
        """The menus' entries and their keys (Undo/Redo, the shortcuts, the neighbours' entries),
        once.  Called just after the first paint, or by the first key or menu that needs them."""
        if self._menus_built:
            return
        self._menus_built = True
        if self._menus_on_demand is not None:
            self.removeEventFilter(self._menus_on_demand)
            self._menus_on_demand.deleteLater()
            self._menus_on_demand = None
        # the keys' class and its enums, built with the menus rather than for the first frame
        from PySide6.QtGui import QKeySequence

        # why: the undo commands (QUndoCommand) with Undo and Redo, so the first edit does not load them
        import msgdesk.ui.commands  # noqa: F401

        undo = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        redo = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        undo.setObjectName("actionUndo")
        redo.setObjectName("actionRedo")
        undo.setShortcuts(unique_shortcuts(QKeySequence.StandardKey.Undo))
        # Ctrl+Y as in Word and Excel, and Ctrl+Shift+Z, on every platform, each once
        redo.setShortcuts(unique_shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z"))
        self._undo_action, self._redo_action = undo, redo
        edit_menu = self.ui.menuEdit
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.ui.actionFind)
        edit_menu.addAction(self.ui.actionFindNext)
        edit_menu.addSeparator()
        edit_menu.addAction(self.ui.actionSpelling)
        self._keys()
        self._install_neighbours()

    @property
    def menus_built(self) -> bool:
        """Whether the menus' entries and keys are made (just after the first paint)."""
        return self._menus_built

    @property
    def undo_action(self) -> QAction:
        """Edit → Undo (the open round's last change), made with the menus."""
        self.build_menus()
        assert self._undo_action is not None  # made by build_menus
        return self._undo_action

    @property
    def redo_action(self) -> QAction:
        """Edit → Redo, made with the menus."""
        self.build_menus()
        assert self._redo_action is not None  # made by build_menus
        return self._redo_action

    def _install_neighbours(self) -> None:
        """Help → About / Open data folder and File → Backups…, written beside this window."""
        # their modules (the About box's, the Backups entry's) load with the menus, after the first paint
        from msgdesk.ui.dialogs.about import install_help_menu
        from msgdesk.ui.dialogs.backups_action import install_backups_action

        install_help_menu(self, self.ui.menuHelp, self.workspace, about_action=self.ui.actionAbout)
        self.contributions.install()
        if self.workspace.path is not None:  # a shared PostgreSQL database is IT's to back up
            install_backups_action(self, self.ui.menuFile, self.workspace, on_restored=self.reload_after_restore)

    def reload_after_restore(self) -> None:
        """The database file was replaced by a backup: reopen it and show what it holds."""
        round_id = self.session.round_id if self.session is not None else None
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.deleteLater()
            self.session = None
            for part in self.parts:
                part.close_round()
        self.workspace.reopen()  # and migrate the restored file
        if round_id is not None and self.workspace.quick_snapshot(round_id) is not None:
            self.open_round(round_id)
        else:
            self.show_start()

    def resizeEvent(self, event) -> None:
        if not self._sized:  # first layout: the side panel takes about a quarter, at most 300 px
            self._sized = True
            width = event.size().width()
            side = max(180, min(300, width // 4))
            self.ui.splitter.setSizes([side, max(400, width - side)])
        super().resizeEvent(event)

    # --- set-up ---------------------------------------------------------------------
    def _keys(self) -> None:
        """The window's shortcuts (with the menus, after the first paint)."""
        # the keys' class and its enums, built with the menus rather than for the first frame
        from PySide6.QtGui import QKeySequence

        ui = self.ui
        shortcuts = {
            ui.actionNewRound: QKeySequence.StandardKey.New,
            ui.actionImport: QKeySequence.StandardKey.Open,
            ui.actionPrint: QKeySequence.StandardKey.Print,
            ui.actionQuit: QKeySequence.StandardKey.Quit,
            ui.actionUserGuide: QKeySequence.StandardKey.HelpContents,
            ui.actionFind: QKeySequence.StandardKey.Find,
            ui.actionFindNext: QKeySequence.StandardKey.FindNext,
        }
        for action, key in shortcuts.items():
            action.setShortcuts(unique_shortcuts(key))
        ui.actionNext.setShortcut(QKeySequence("Ctrl+PgDown"))
        ui.actionPrevious.setShortcut(QKeySequence("Ctrl+PgUp"))
        ui.actionReview.setShortcut(QKeySequence("Ctrl+R"))
        ui.actionFocusNavigation.setShortcut(QKeySequence("Ctrl+L"))

    def _wire(self) -> None:
        ui = self.ui
        ui.actionPrint.triggered.connect(lambda: self.open_print_preview())
        ui.actionUserGuide.triggered.connect(lambda: self.show_user_guide())
        ui.actionFind.triggered.connect(self.show_find)
        ui.actionFindNext.triggered.connect(self.find_next)
        ui.actionSpelling.toggled.connect(self._spelling_toggled)
        ui.actionNext.triggered.connect(self.next_proposal)
        ui.actionPrevious.triggered.connect(self.previous_proposal)
        ui.nextButton.clicked.connect(self.next_proposal)
        ui.previousButton.clicked.connect(self.previous_proposal)
        ui.actionReview.triggered.connect(lambda: self.go_to(REVIEW))
        ui.actionFocusNavigation.triggered.connect(self._focus_navigation)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionNewRound.triggered.connect(self.show_start)
        ui.actionRounds.triggered.connect(self.show_start)
        ui.actionImport.triggered.connect(self.import_file)
        ui.actionExportReturn.triggered.connect(lambda: self._export("json"))
        ui.actionExportPdf.triggered.connect(lambda: self._export("pdf"))
        ui.actionExportExcel.triggered.connect(lambda: self._export("xlsx"))
        ui.actionExportWord.triggered.connect(lambda: self._export("docx"))
        ui.actionMarkReady.triggered.connect(self.mark_ready)
        ui.actionMarkDraft.triggered.connect(self.mark_draft)
        ui.actionApprove.triggered.connect(self.record_approval)
        ui.actionReopen.triggered.connect(self.reopen)
        ui.reopenButton.clicked.connect(self.reopen)
        ui.actionAbout.triggered.connect(self.about)
        ui.navView.selectionModel().currentChanged.connect(self._nav_current_changed)
        ui.navView.activated.connect(self._nav_activated)
        ui.tabs.currentChanged.connect(self._tab_changed)

    def _focus_navigation(self) -> None:
        """Ctrl+L: the keyboard to the side panel."""
        # when asked: the Qt namespace (93 enums) is not built for the first frame
        from PySide6.QtCore import Qt

        self.ui.navView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def review_page(self) -> ReviewPage:
        """The review page ("Check before IJB"), built when first needed."""
        if self._review_page is None:
            # built when first shown: its form, table and their Qt classes wait for the first frame
            from msgdesk.ui.round.review_page import ReviewPage

            page = ReviewPage(self.template, self.ui.reviewHost)
            self.ui.reviewHostLayout.addWidget(page)
            page.jumpRequested.connect(self.jump_to)
            page.ui.markReadyButton.clicked.connect(self.mark_ready)
            page.ui.markDraftButton.clicked.connect(self.mark_draft)
            page.ui.approveButton.clicked.connect(self.record_approval)
            self._review_page = page
            if self.session is not None:
                page.set_session(self.session)
            resolve([page], self.reserved_letters())  # its Alt+letters, as for the other pages
        return self._review_page

    @property
    def start_page(self) -> StartPage:
        """The start page (create, open or import a round), built when first needed."""
        if self._start_page is None:
            # built when first shown: a window that opens on the last round paints without it
            from msgdesk.ui.round.start_page import StartPage

            page = StartPage(self.workspace, self.ui.startHost)
            self.ui.startLayout.addWidget(page)
            page.createRequested.connect(self.create_round)
            page.openRequested.connect(self.open_round)
            page.exampleRequested.connect(self.open_example)
            page.importRequested.connect(self.import_file)
            self._start_page = page
            resolve([page], self.reserved_letters())  # its Alt+letters, as for the other pages
        return self._start_page

    @property
    def proposal_page(self) -> ProposalPage:
        """The proposal's page on screen (each proposal has its own, kept: proposal_pages)."""
        return self.proposal_pages.current_page

    def _page_built(self, page: ProposalPage) -> None:
        """A proposal's page was made: its Alt+letters and its place in the Tab order."""
        resolve([page, self.ui.previousButton, self.ui.nextButton], self.reserved_letters() | {"n"})
        self._tab_order()

    def _tab_order(self) -> None:
        """The side panel, then each page's cards, evidence, actions and buttons, then
        Previous and Next.  All the pages are in the one chain (Tab skips those off screen),
        in the template's order, so each page's own stretch leads to Previous."""
        chain: list[QWidget] = [self.ui.navView]
        for page in self.proposal_pages.all_pages():
            chain += [*page.cards, page.ui.evidenceEdit, page.ui.actionsView, page.ui.addActionButton,
                      page.ui.deleteActionButton, page.ui.moveUpButton, page.ui.moveDownButton]
        chain += [self.ui.previousButton, self.ui.nextButton]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- opening rounds -------------------------------------------------------------------
    def restore_last(self) -> None:
        """Reopen the last round if there is one; otherwise show the start page."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit_to_screen(self)  # saved at 150% or on a larger screen: only where it fits this one
        round_id = last_round(self.settings, self.workspace.key)
        if round_id is not None:
            # None too for a file that needs migrating (show_start migrates it): the read checks
            # the schema's revision on its own connection, not on one more before it
            snap = self.workspace.quick_snapshot(round_id)
            if snap is not None:
                self.open_snapshot(snap, self.settings.value("lastRound/proposal") or None)
                return
        self.show_start()

    def warm_up(self) -> None:
        """Open the full store (imports SQLAlchemy) once the window is on screen."""
        try:
            self.workspace.ensure_open()
        except MsgdeskError as exc:
            # only for a database that cannot be opened: the dialogs' module waits until then
            from msgdesk.ui.dialogs.backups import offer_recovery

            install_guards()  # the store comes before them after the first paint: the dialog is guarded
            if offer_recovery(self, self.workspace, exc):
                self.reload_after_restore()
            return
        self.storeOpened.emit()
        # The first write's part of the store (the ORM, ~0.15-0.2 s at once) loads in idle time
        # a moment later, after the word list, rather than on the officer's first edit, and
        # not here, where it would hold the store's "open" back by as much.
        QTimer.singleShot(PREPARE_WRITES_MS, self, self.workspace.prepare_writes)

    def show_start(self) -> None:
        # why: the Qt namespace (93 enums) is built when first needed, not for the first frame
        from PySide6.QtCore import Qt

        self.flush_edits()
        if not self.workspace.is_current():
            self.workspace.ensure_open()  # creates or migrates the file
        self.start_page.refresh(self.session.snap.partnership if self.session is not None else None)
        self.ui.stack.setCurrentIndex(START)
        # the Round menu acts on the round on screen: none is, even if one is still loaded
        # behind the start page (issue 21: "Mark ready" must not act on a hidden round)
        for action in self.ui.menuRound.actions():
            action.setEnabled(False)
        self.ui.banner.hide()
        self.setWindowTitle("msgdesk")
        self.start_page.ui.partnershipCombo.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_round(self, round_id: int) -> None:
        if not self.workspace.is_current():
            self.workspace.ensure_open()
        snap = self.workspace.quick_snapshot(round_id)
        if snap is None:
            QtWidgets.QMessageBox.warning(self, "msgdesk", self.tr("There is no round {id} in {path}.").format(
                id=round_id, path=self.workspace.describe()))
            return
        self.open_snapshot(snap)

    def open_snapshot(self, snap, proposal: str | None = None) -> None:
        self.flush_edits()
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.deleteLater()
        session = RoundSession(self.workspace, snap, self)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.responseChanged.connect(self._proposal_changed)
        session.actionsReset.connect(self._proposal_changed)
        session.actionChanged.connect(lambda pid, _aid: self._proposal_changed(pid))
        session.saved.connect(lambda at: self.saved_label.setText(self.tr("Saved {time}").format(time=at)))
        session.roundChanged.connect(self._round_changed)
        session.reveal.connect(self._reveal)
        session.failed.connect(lambda message: QtWidgets.QMessageBox.warning(self, "msgdesk", message))
        session.conflict.connect(self._resolve_conflict)
        self.proposal_pages.set_session(session)
        if self._review_page is not None:  # else given the session when it is built
            self._review_page.set_session(session)
        self.ui.stack.setCurrentIndex(WORKSPACE)
        self.saved_label.setText(self.tr("All changes saved"))
        self._round_changed()
        self._hold_position_size()
        self.current = None
        self.go_to(proposal if proposal in self.order else self.template.proposals[0].id)
        self.proposal_page.focus_rating()
        if self.find_panel is not None:
            self.find_panel.set_session(session)
        if self.contribution is None:
            remember_round(self.settings, self.workspace.key, snap.id, self.current)
        for part in self.parts:
            part.open_round(session)
        self.sessionOpened.emit(session)
        self.proposal_pages.build_rest_when_idle()  # each first visit a switch too

    def create_round(self, values: dict) -> None:
        try:
            info = self.workspace.rounds.create_round(**values)
        except InputError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Create round"), str(exc))
            return
        self.open_round(info.id)

    def open_example(self) -> None:
        # the return file's reader (and its checker) load when a file is read, not with the window
        from msgdesk.rounds.return_file import read_return_file

        data = read_return_file(resource_path("examples", "north-ayrshire-2019.json"), self.template)
        try:
            info = self.workspace.rounds.import_return(data)
        except DuplicateRoundError:
            info = self.workspace.rounds.find_round(data.partnership, data.round)
        self.open_round(info.id)

    def import_file(self) -> None:
        # the File menu's import and export (exporters, the return file's checker) load when used
        from msgdesk.ui.file_menu import choose_return_files, import_return_file, import_return_files

        paths = choose_return_files(self, self.settings)
        if not paths:
            return
        self.flush_edits()
        if len(paths) > 1:
            import_return_files(self, self.workspace, paths)
            self.compare_tab.refresh()
            if self.ui.stack.currentIndex() == START:
                self.show_start()
            return
        path = paths[0]
        try:
            info = import_return_file(self, self.workspace, path)
        except MsgdeskError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Import a return file"),
                                self.tr("The file was not imported:\n\n{error}").format(error=exc))
            return
        if info is not None:
            self.open_round(info.id)

    def _export(self, kind: str) -> None:
        if self.session is None:
            return
        self.flush_edits()
        # the File menu's import and export (exporters, the return file's checker) load when used
        from msgdesk.ui import file_menu

        if kind == "json":
            file_menu.export_return_file(self, self.session, self.settings)
        else:
            file_menu.export_report(self, self.session, kind, self.settings)

    # --- navigation --------------------------------------------------------------------
    def go_to(self, proposal_id: str, focus: bool = False) -> None:
        """Show a proposal (or the check before IJB); ``focus`` puts the keyboard on its rating."""
        if self.session is None:
            return
        if proposal_id == self.current:
            if focus and proposal_id != REVIEW:
                self.proposal_page.focus_rating()
            return
        self.flush_edits()
        self.current = proposal_id
        self.session.viewing = proposal_id
        if proposal_id == REVIEW:
            self.review_page.refresh()
            self.ui.pages.setCurrentIndex(REVIEW_PAGE)
        else:
            self.proposal_pages.show_proposal(proposal_id)  # its own page, brought up to date
            self.ui.pages.setCurrentIndex(PROPOSAL_PAGE)
        self.ui.positionLabel.setText(self._position_text(proposal_id))
        index = self.nav.index_of(proposal_id)
        view = self.ui.navView
        if view.currentIndex() != index:
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(index)
        at = self.order.index(proposal_id)
        self.ui.previousButton.setEnabled(at > 0)
        self.ui.nextButton.setEnabled(at < len(self.order) - 1)
        if focus:
            if proposal_id == REVIEW:
                # why: the Qt namespace (93 enums) is built when first needed, not for the first frame
                from PySide6.QtCore import Qt

                self.review_page.ui.problemsView.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.proposal_page.focus_rating()

    def _position_text(self, proposal_id: str) -> str:
        if proposal_id == REVIEW:
            return self.tr("Check before IJB")
        return self.tr("Proposal {id} — {n} of {total}").format(
            id=proposal_id, n=self.order.index(proposal_id) + 1, total=len(self.order) - 1)

    def _hold_position_size(self) -> None:
        """Fix "Proposal 2.3 — 8 of 25" at the size of its widest text.  A label whose text
        changes asks the window to lay out again, which reaches the tab widget, and the tab
        widget repaints the whole window for it: on every page turn, twice the page's paint."""
        label = self.ui.positionLabel
        label.setMinimumSize(0, 0)
        label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        # The label measures only the widest few texts (by their advance, one line each, in its
        # font): measuring all 26 set each as its text, a layout request each (4.8 M
        # instructions of the first frame, issue 22).  Three, not one: the label's measure
        # rounds, so two texts a fraction of a pixel apart are both measured.
        metrics = label.fontMetrics()
        texts = sorted((self._position_text(proposal_id) for proposal_id in self.order),
                       key=metrics.horizontalAdvance, reverse=True)
        widest = QSize()
        for text in texts[:3]:
            label.setText(text)
            widest = widest.expandedTo(label.sizeHint())
        label.setFixedSize(widest)

    def next_proposal(self) -> None:
        if self.current in self.order and self.order.index(self.current) < len(self.order) - 1:
            self.go_to(self.order[self.order.index(self.current) + 1], focus=True)

    def previous_proposal(self) -> None:
        if self.current in self.order and self.order.index(self.current) > 0:
            self.go_to(self.order[self.order.index(self.current) - 1], focus=True)

    def jump_to(self, proposal_id: str, action_row: int = -1) -> None:
        # why: the Qt namespace (93 enums) is built when first needed, not for the first frame
        from PySide6.QtCore import Qt

        self.go_to(proposal_id)
        page = self.proposal_page
        if action_row >= 0:
            index = page.model.index(action_row, 2)
            page.ui.actionsView.setCurrentIndex(index)
            page.ui.actionsView.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (self.session is not None and not self.session.response(proposal_id).rating
              or page.proposal is not None and not page.proposal.local):
            page.focus_rating()
        else:
            page.ui.evidenceEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nav_current_changed(self, current, _previous) -> None:
        proposal_id = current.data(PROPOSAL_ROLE)
        if proposal_id:
            self.go_to(proposal_id)

    def _nav_activated(self, index) -> None:
        proposal_id = index.data(PROPOSAL_ROLE)
        if proposal_id:
            self.jump_to(proposal_id) if proposal_id != REVIEW else self.go_to(REVIEW)

    def _reveal(self, proposal_id: str) -> None:
        if proposal_id != self.current:
            self.go_to(proposal_id, focus=True)

    # --- session changes -----------------------------------------------------------------
    def _proposal_changed(self, proposal_id: str) -> None:
        self.nav.refresh(proposal_id)
        self._show_progress()

    def _show_progress(self) -> None:
        if self.session is None:
            return
        rated, total = self.session.rated_count()
        self.ui.progressLabel.setText(self.tr("{rated} of {total} rated").format(rated=rated, total=total))

    def _round_changed(self) -> None:
        if self.session is None:
            return
        snap = self.session.snap
        status = RoundStatus(snap.status).label
        self.setWindowTitle(self.tr("{partnership} {label} ({status}) — msgdesk").format(
            partnership=snap.partnership, label=snap.label, status=status))
        self.ui.roundLabel.setText(self.tr("{partnership}\nRound {label} · {status}").format(
            partnership=snap.partnership, label=snap.label, status=status))
        self._show_progress()
        approved = snap.is_approved
        if approved:
            # an approved round's banner only: html and its entities are not loaded for the first frame
            from html import escape

            when = long_date(snap.ijb_meeting_date) if snap.ijb_meeting_date else self.tr("an IJB meeting")
            self.ui.bannerLabel.setText(self.tr(
                "<b>Approved by the IJB</b> on {when} (minute {minute}). "
                "This return is read-only; following up its actions stays open in the Tracker."
            ).format(when=when, minute=escape(snap.minute_reference or "—")))
        self.ui.banner.setVisible(approved)
        self.ui.actionMarkReady.setEnabled(snap.status in (RoundStatus.DRAFT, RoundStatus.REOPENED))
        self.ui.actionMarkDraft.setEnabled(snap.status == RoundStatus.READY)
        self.ui.actionApprove.setEnabled(not approved)
        self.ui.actionReopen.setEnabled(approved)
        if self.current == REVIEW:
            self.review_page.refresh()
        self.nav.set_session(self.session)
        self.ui.navView.expandAll()
        if self.current:
            self.ui.navView.setCurrentIndex(self.nav.index_of(self.current))

    def _resolve_conflict(self, proposal_id: str, field: str, mine, theirs, version: int) -> None:
        """Someone else saved this field first (a shared database): nothing was overwritten.
        The officer chooses; their own text is never thrown away."""
        shown = (lambda v: rating_label(v) or "no rating") if field == "rating" else (lambda v: v or "(empty)")
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("{proposal}: saved by someone else").format(proposal=proposal_id))
        box.setText(self.tr("Someone else saved the {field} of {proposal} while you were editing it. "
                            "Nothing has been overwritten. Which should be kept?").format(field=field,
                                                                                          proposal=proposal_id))
        box.setDetailedText(self.tr("Yours:\n{mine}\n\nSaved by the other officer:\n{theirs}").format(
            mine=shown(mine), theirs=shown(theirs)))
        keep = box.addButton(self.tr("Keep &mine"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Take &theirs (mine is copied to the clipboard)"),
                      QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if self.session is None:
            return
        try:
            if box.clickedButton() is keep:
                self.session.keep_mine(proposal_id, field, mine, theirs, version)
            else:
                if field == "evidence":
                    QGuiApplication.clipboard().setText(mine or "")
                self.session.take_theirs(proposal_id, field, theirs, version)
        except MsgdeskError as exc:
            QtWidgets.QMessageBox.warning(self, "msgdesk", str(exc))
        if proposal_id == self.current:
            self.proposal_page.show_proposal(proposal_id)

    # --- round status ----------------------------------------------------------------------
    def mark_ready(self) -> None:
        if self.session is None:
            return
        self.flush_edits()
        # the check before IJB, when asked (not for the first frame)
        from msgdesk.rounds.review import find_problems

        problems = find_problems(self.template, self.session.snap)
        if problems:
            button = QtWidgets.QMessageBox.StandardButton
            answer = QtWidgets.QMessageBox.question(
                self, self.tr("Mark ready for IJB"),
                self.tr("There are {n} things to check (see Check before IJB). Mark the round ready anyway?").format(
                    n=len(problems)),
                button.Yes | button.No, button.No,
            )
            if answer != button.Yes:
                return
        self._status_change(self.session.mark_ready)

    def mark_draft(self) -> None:
        if self.session is not None:
            self._status_change(self.session.mark_draft)

    def record_approval(self) -> None:
        if self.session is None:
            return
        self.flush_edits()
        # a tab, dialog or panel built when first opened, not at start-up
        from msgdesk.ui.round.approval_dialog import ask_approval

        confirmed = self.session.snap.status == RoundStatus.READY or self._confirm_check_before_approval()
        if not confirmed:
            return
        values = ask_approval(self)
        if values is not None:
            self._status_change(lambda: self.session.approve(*values, check_confirmed=True))

    def _confirm_check_before_approval(self) -> bool:
        """A round not marked ready is approved only once the check before IJB was shown."""
        assert self.session is not None  # asked only while approving the open round
        # the check before IJB, when asked (not for the first frame)
        from msgdesk.rounds.review import find_problems, summarise

        problems = find_problems(self.template, self.session.snap)
        self.go_to(REVIEW)
        found = (self.tr("The check before IJB lists {n} things to look at ({what}).").format(
                     n=len(problems), what=summarise(problems)) if problems
                 else self.tr("The check before IJB found nothing to look at."))
        button = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Record IJB approval"),
            self.tr("This round is not marked ready for the IJB. {found}\n\nRecord the IJB's approval all the same?"
                    ).format(found=found),
            button.Yes | button.No, button.No,
        )
        return answer == button.Yes

    def reopen(self) -> None:
        if self.session is None or not self.session.read_only:
            return
        # the question's dialog class, when asked (not for the first frame)
        from PySide6.QtWidgets import QInputDialog

        prompt = self.tr("The approved return will become editable again. Why is it being reopened? (recorded)")
        while True:
            reason, ok = QInputDialog.getText(self, self.tr("Reopen for amendment"), prompt)
            if not ok:
                return
            if reason.strip():
                break
            # an empty reason is refused out loud, and the question asked again
            QtWidgets.QMessageBox.information(self, self.tr("Reopen for amendment"), self.tr(
                "The return stays approved: reopening needs a reason, which is recorded in its history "
                "(for example \u201cIJB asked for the finance actions to be revised, 12 May\u201d)."))
        self._status_change(lambda: self.session.reopen(reason.strip()))

    def _status_change(self, change) -> None:
        try:
            change()
        except MsgdeskError as exc:
            QtWidgets.QMessageBox.warning(self, "msgdesk", str(exc))

    # --- the tabs (ui/tab.py) ------------------------------------------------------------------
    @property
    def tracker(self):
        """The Tracker tab's view, once the tab was first shown (else None)."""
        return self.tracker_tab.widget

    @property
    def compare(self):
        """The Compare tab's view, once the tab was first shown (else None)."""
        return self.compare_tab.widget

    @property
    def directions(self):
        """The Directions tab's view, once the tab was first shown (else None)."""
        return self.directions_tab.widget

    def as_window(self) -> QMainWindow:
        return self

    def _tab_changed(self, index: int) -> None:
        page = self.ui.tabs.widget(index)
        for tab in self.window_tabs:
            if tab.menu is not None:
                tab.menu.menuAction().setVisible(tab.page is page)
        if page is self.ui.returnTab:
            if self.tracker is not None and self.session is not None:
                self.session.refresh()  # leads, due dates and statuses may have changed there
            return
        self.flush_edits()
        for tab in self.window_tabs:
            if tab.page is page:
                tab.ensure_built()
                tab.shown()
            else:
                tab.left()

    # --- closing --------------------------------------------------------------------------
    def flush_edits(self) -> None:
        self.proposal_page.flush()

    def closeEvent(self, event) -> None:
        self.flush_edits()
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.session is not None and self.contribution is None:  # a pack is not the last round
            remember_round(self.settings, self.workspace.key, self.session.round_id,
                           self.current if self.current != REVIEW else None)
        self.settings.sync()
        super().closeEvent(event)

    def about(self) -> None:
        # the version comes from importlib.metadata: read when asked
        from msgdesk import __version__

        QtWidgets.QMessageBox.about(
            self, self.tr("About msgdesk"),
            self.tr("msgdesk {version}\n\nComplete the MSG self-evaluation of progress with integration offline.")
            .format(version=__version__) + f"\n\n{self.template.attribution}",
        )

    def reserved_letters(self) -> set[str]:
        """The Alt+letters the menu bar and the Return / Tracker tabs take, on every page."""
        texts = [action.text() for action in self.ui.menubar.actions()]
        texts += [self.ui.tabs.tabText(i) for i in range(self.ui.tabs.count())]
        return {letter for letter in map(mnemonic, texts) if letter}

    def _resolve_mnemonics(self) -> None:
        """Each page's Alt+letters unique in the window (also after a translation changed them)."""
        reserved = self.reserved_letters()
        if self._start_page is not None:  # else resolved when it is built
            resolve([self._start_page], reserved)
        for page in self.proposal_pages.all_pages():  # each on its own: only one is on screen
            resolve([page, self.ui.previousButton, self.ui.nextButton], reserved | {"n"})
        if self._review_page is not None:  # else resolved when it is built
            resolve([self._review_page], reserved)

    # --- find, print, the user guide, spelling --------------------------------------------------
    def show_find(self) -> None:
        """Ctrl+F: the find bar under the page, with every hit listed by proposal."""
        if self.session is None:
            return
        # a tab, dialog or panel built when first opened, not at start-up
        from msgdesk.ui.round.find_panel import FindPanel

        self.ui.tabs.setCurrentWidget(self.ui.returnTab)
        if self.find_panel is None:
            self.find_panel = FindPanel(self.template, self.ui.pagePanel)
            self.ui.pageLayout.insertWidget(self.ui.pageLayout.count() - 1, self.find_panel)
            self.find_panel.hitChosen.connect(self._show_hit)
        self.flush_edits()
        find_panel = self.find_panel
        find_panel.set_session(self.session)
        find_panel.open_panel()

    def find_next(self) -> None:
        if self.find_panel is None or not self.find_panel.isVisible():
            self.show_find()
            return
        self.find_panel.next_hit()

    def _show_hit(self, hit) -> None:
        self.go_to(hit.proposal)
        self.proposal_page.show_hit(hit)

    def open_print_preview(self, modal: bool = True):
        """Ctrl+P: the committee appendix's real pages, then the system's print dialog."""
        if self.session is None:
            return None
        self.flush_edits()

        # a tab, dialog or panel built when first opened, not at start-up
        from msgdesk.ui.dialogs.print_preview import preview_appendix

        before = QApplication.focusWidget()
        dialog = preview_appendix(self, self.appendix_data(), self._appendix_title(), modal=modal)
        if modal:
            # back to where the officer was, so the keyboard carries on from there
            self.activateWindow()
            if before is not None and before.window() is self:
                # why: the Qt namespace (93 enums) is built when first needed, not for the first frame
                from PySide6.QtCore import Qt

                before.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        return dialog

    def appendix_data(self) -> ReturnData:
        """The open round as the appendix prints it (the same values File → Export PDF… writes)."""
        assert self.session is not None  # printed only with a round open
        return self.workspace.rounds.load_round_by_id(self.session.round_id)

    def _appendix_title(self) -> str:
        assert self.session is not None  # printed only with a round open
        snap = self.session.snap
        return self.tr("{partnership} {label} – appendix").format(partnership=snap.partnership, label=snap.label)

    def show_user_guide(self):
        """F1: the user guide, inside the app and offline."""
        # a tab, dialog or panel built when first opened, not at start-up
        from msgdesk.ui.dialogs.user_guide import show_user_guide

        return show_user_guide(self)

    def _spelling_toggled(self, on: bool) -> None:
        # a tab, dialog or panel built when first opened, not at start-up
        from msgdesk.ui.widgets import spelling

        spelling.set_enabled(on)
        self.settings.setValue("spelling/enabled", on)


class _AfterFirstPaint(QObject):
    """Runs what was asked, in the order asked, once the window's first paint is done (a zero
    timer posted from the first paint event runs after the whole window has been drawn).

    One hook per window holding a list, rather than one event filter each: Qt calls a
    widget's filters last-installed first, which would run them in the reverse order."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.queue: list = []
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        # one per turn of the event loop, so each is seen done before the next starts (and a
        # callback may cancel the rest: the first-paint probe)
        if self.queue:
            self.queue.pop(0)()
        if self.queue:
            QTimer.singleShot(0, self._run)


def after_first_paint(window: QMainWindow, then, first: bool = False) -> None:
    """Call ``then`` once, when ``window`` has been drawn for the first time (after what was
    asked before it; before it, if ``first``: the first-paint probe, which reports the paint
    itself)."""
    hook = getattr(window, "_after_first_paint", None)
    if hook is None or not hook.queue:  # none yet, or the last one has run
        hook = _AfterFirstPaint(window)
        window._after_first_paint = hook  # type: ignore[attr-defined]
    hook.queue.insert(0 if first else len(hook.queue), then)


def install_guards() -> None:
    """The focus ring, the wheel guard and the screen fit, on every widget made so far and
    every one made from now on (they hang on the style's polish: ui/widgets/look.py).

    Asked by the main window as the first thing after its first paint: a zero timer posted by
    that paint, so it runs in the event loop's next turn, long before the officer can turn a
    wheel or open a dialog, and no dialog can open before the window is painted except those
    that install the guards themselves (ui/app.py).  Not before the paint: the style's Python
    subclass and its ``polish``, which Qt hands widgets it made itself (a scroll area's
    viewport), made PySide6 build some 45 classes with their enums before the first frame
    (56 M of its 1,392 M instructions, callgrind, issue 22).  Installed after it, Qt polishes
    every widget of the window again for the new style (~24 ms of CPU, then a repaint: in
    benchmarks/bench_startup.py's store-after-paint row)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_wheel_guard(app)
        install_screen_fit(app)


def cancel_after_first_paint(window: QMainWindow) -> None:
    """Drop what is still waiting for the first paint (the probe quits before the store opens)."""
    hook = getattr(window, "_after_first_paint", None)
    if hook is not None:
        hook.queue.clear()


def schedule_warm_up(window: MainWindow, first: bool = False) -> None:
    """Open the store (importing SQLAlchemy) just after the first paint: not before it, where
    it would delay the first frame, and not on a fixed timer, which a busy machine can run
    before the window was ever drawn.  ``first``: before what the window asked (its guards
    and menus), so the first write's store is ready within 0.3 s of the paint (issue 22)."""
    after_first_paint(window, window.warm_up, first=first)
