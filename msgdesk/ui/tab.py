"""How a tab or a set of menu entries plugs into the main window.

The main window owns the Return tab (the round's pages) and calls every other part of
the window through this one small interface: it ``install``\\s each part once, tells it
when a round is opened or closed, and for a tab builds the widget the first time the
tab is shown, then tells it each time it is shown or left.  Nothing outside the main
window sets attributes on it; a part keeps its own widgets, menus and actions.

A tab's class lives in a small module (``ui/<capability>/tab.py``) that imports only
Qt; the view itself is imported in :meth:`WindowTab.build`, so a tab nobody opens costs
nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow, QMenu, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from msgdesk.domain.template import Template
    from msgdesk.store.contributions import PackInfo
    from msgdesk.store.workspace import Workspace
    from msgdesk.ui.forms.ui_main_window import Ui_MainWindow
    from msgdesk.ui.round.proposal_page import ProposalPage
    from msgdesk.ui.round.proposal_stack import ProposalStack
    from msgdesk.ui.session import RoundSession


class Host(Protocol):
    """What a part may use of the main window (read, call; never assign)."""

    ui: Ui_MainWindow
    workspace: Workspace
    settings: QSettings
    template: Template
    #: the contribution pack this window was opened on (a contributor's window), else None
    contribution: PackInfo | None
    #: the Return tab's pages, one per proposal (a part may connect to their signals)
    proposal_pages: ProposalStack

    @property
    def proposal_page(self) -> ProposalPage: ...

    @property
    def session(self) -> RoundSession | None: ...
    @property
    def current(self) -> str | None: ...
    def flush_edits(self) -> None: ...
    def reserved_letters(self) -> set[str]: ...
    def as_window(self) -> QMainWindow: ...


class WindowPart:
    """Menu entries and panels written beside the main window (no tab of their own)."""

    def __init__(self, window: Host) -> None:
        self.window = window

    def install(self) -> None:
        """Add this part's menu entries, actions and docks; called once, while the window is built."""

    def open_round(self, session: RoundSession) -> None:
        """A round was opened in the window (``session`` is its new RoundSession)."""

    def close_round(self) -> None:
        """The window no longer shows a round (back to the start page, or a restore)."""


class WindowTab(WindowPart):
    """A tab of the main window, its widget built the first time the tab is shown."""

    #: the tab's text, with its Alt+letter (``"&Directions"``)
    title: str = ""
    #: the object name of the tab's page (tests and style sheets find it by this)
    object_name: str = ""

    def __init__(self, window: Host, page: QWidget | None = None) -> None:
        super().__init__(window)
        #: the tab's page in the QTabWidget; the widget is put into it when built
        self.page = page if page is not None else QWidget()
        #: the page's layout, where a tab of its own page puts its widget (None for a Designer page)
        self.layout: QVBoxLayout | None = None
        if page is None:
            self.page.setObjectName(self.object_name)
            self.layout = QVBoxLayout(self.page)
            self.layout.setContentsMargins(0, 0, 0, 0)
        self.widget: QWidget | None = None
        #: a menu shown in the menu bar only while this tab is current, or None
        self.menu: QMenu | None = None

    def ensure_built(self) -> QWidget:
        if self.widget is None:
            self.widget = self.build()
        return self.widget

    def build(self) -> QWidget:
        """Import the view and make the widget (put into ``self.page``); called once."""
        raise NotImplementedError

    def shown(self) -> None:
        """The tab became current (its widget is built): bring it up to date."""

    def left(self) -> None:
        """Another tab became current."""
