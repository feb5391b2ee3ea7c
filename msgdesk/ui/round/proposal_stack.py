"""The proposals' pages, one per proposal, built once and kept: a page turn is a switch.

Refilling one shared page on every turn (four word-wrapped descriptor cards, the evidence
box, the actions table and their fitting) cost a layout of the whole page each time: 6x a
plain stacked-page switch (issue 22).  Here each proposal keeps its own ``ProposalPage``,
filled the first time it is shown.  A page off screen listens to the session like the one on
screen, but only marks itself stale when its proposal changes (an edit, undo or redo, a
merge, another officer's save, the round approved or reopened); it is filled afresh just
before it is next shown, so a kept page never shows old data and a turn to an unchanged
page is only the switch.

The window is built with one page (nothing more before its first paint); the others are
built one per turn of the event loop once the store is open and the window idle, so a
first visit is a switch too.

Not a QStackedWidget: its switch turns updates off and on again for the stack, which walks
every widget of every page (25 pages: some 2,000 widgets, twice per turn), and when the
keyboard was on the page left and the next was never focused it walks the whole Tab chain.
Here a switch shows one page and hides the other, and only the page on screen is given the
stack's size (a page shown after the window was resized lays itself out then, once).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from msgdesk.domain.template import Template
from msgdesk.ui.round.proposal_page import ProposalPage
from msgdesk.ui.session import RoundSession

#: Between two pages built in idle time: long enough that typing, a click or a page turn
#: waiting in the queue goes first (a zero timer would run before the next key's paint).
IDLE_BUILD_MS = 15


class ProposalStack(QWidget):
    #: "Resolve the conflict…" on any page's conflict note (the proposal's id).
    resolveRequested = Signal(str)
    #: A page was made (the window chains its tab order and resolves its Alt+letters).
    pageBuilt = Signal(object)

    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalPages")
        self.template = template
        self.session: RoundSession | None = None
        #: the page of each proposal shown or built so far, by proposal id
        self.pages: dict[str, ProposalPage] = {}
        self._current: ProposalPage | None = None
        # the one page the window starts with, bound to the first proposal it shows
        self._spare: ProposalPage | None = self._make()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_BUILD_MS)
        self._idle.timeout.connect(self._build_next)

    @property
    def current_page(self) -> ProposalPage:
        """The page on screen (before any proposal was shown: the window's first page)."""
        assert self._current is not None  # made in __init__
        return self._current

    def all_pages(self) -> list[ProposalPage]:
        """Every page made so far, in the template's order (the spare, if unbound, last)."""
        pages = [self.pages[p.id] for p in self.template.proposals if p.id in self.pages]
        return pages + ([self._spare] if self._spare is not None else [])

    def _make(self) -> ProposalPage:
        page = ProposalPage(self.template, self)
        if self._current is None:  # the first one is on screen
            self._current = page
            page.setGeometry(self.rect())
        else:
            page.on_screen = False
            page.hide()
        page.conflict_marker.resolveRequested.connect(self.resolveRequested)
        if self.session is not None:
            page.set_session(self.session)
        self.pageBuilt.emit(page)
        return page

    # --- the page on screen fills the stack ------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._current is not None:
            self._current.setGeometry(self.rect())

    # The room a page gets does not depend on the proposal it shows (its scroll area takes
    # what there is), so a switch does not ask the window to lay out again: that request
    # climbs to the tab widget, which repaints the whole window for it.
    def sizeHint(self) -> QSize:
        return self.current_page.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.current_page.minimumSizeHint()

    def _page_for(self, proposal_id: str) -> ProposalPage:
        page = self.pages.get(proposal_id)
        if page is None:
            page, self._spare = (self._spare, None) if self._spare is not None else (self._make(), None)
            self.pages[proposal_id] = page
        return page

    # --- the round --------------------------------------------------------------------
    def set_session(self, session: RoundSession | None) -> None:
        """A round was opened: every page made so far is bound to it (and filled from it when
        next shown); the others are built in idle time once the store is open."""
        self._idle.stop()
        self.session = session
        for page in self.all_pages():
            page.set_session(session)
        if session is not None:
            # Typing not yet saved is only ever on the page on screen (a page is saved as it is
            # left), so the question goes to that proposal's page.
            session.is_editing = self._is_editing

    def _is_editing(self, proposal_id: str, field: str) -> bool:
        page = self.pages.get(proposal_id)
        return page is not None and page.on_screen and page.is_editing(proposal_id, field)

    # --- turning pages ----------------------------------------------------------------
    def show_proposal(self, proposal_id: str) -> ProposalPage:
        """Put ``proposal_id``'s page on screen, filled as the round has it now; returns it.
        The page on screen before is not saved here: the window flushes it first."""
        page = self._page_for(proposal_id)
        first = page.proposal is None or page.proposal.id != proposal_id
        if not first:
            page.bring_up_to_date()  # laid out before: filled (if stale) off screen, then shown
        before = self.current_page
        if before is not page:
            before.on_screen = False
            page.on_screen = True
            self._current = page
            page.setGeometry(self.rect())  # the same size as the page left (nothing to do), unless resized
            page.show()
            page.raise_()
            focus = QApplication.focusWidget()
            if not first and focus is not None and before.isAncestorOf(focus):
                # the keyboard goes to the new page's rating at once: hiding the page that has
                # it would otherwise walk the Tab chain (every page's controls) for a new home
                page.focus_rating()
            before.hide()
        if first:
            # filled on screen: the evidence box and the table are fitted to the room the page
            # really has, which a page never shown does not know yet
            page.show_proposal(proposal_id)
        return page

    # --- the pages not yet visited, built in idle time ---------------------------------
    def build_rest_when_idle(self) -> None:
        """Build the pages not yet made, one per turn of the event loop, starting now."""
        if self.session is not None:
            self._idle.start()

    def _build_next(self) -> None:
        if self.session is None:
            return
        if not self.session.workspace.is_open:  # the store opens just after the first paint
            self._idle.start(100)
            return
        missing = next((p.id for p in self.template.proposals if p.id not in self.pages), None)
        if missing is None:
            return
        page = self._page_for(missing)
        page.show_proposal(missing)  # filled now, off screen (its own session signals keep it current)
        self._idle.start(IDLE_BUILD_MS)
