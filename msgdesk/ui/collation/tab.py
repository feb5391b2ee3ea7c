"""The Compare tab: every partnership's return for the open round's year, side by side
(``ui/collation/view.py``, imported and built the first time the tab is shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from msgdesk.ui.tab import Host, WindowTab

if TYPE_CHECKING:
    from msgdesk.ui.collation.view import CompareView


class CompareTab(WindowTab):
    title = "&Compare"
    object_name = "compareTab"

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        assert self.layout is not None
        self.layout.setContentsMargins(0, 4, 0, 0)
        self.widget: CompareView | None = None
        self._filled = False

    def build(self) -> QWidget:
        # the tab's view loads when the tab is first shown, not at start-up
        from msgdesk.ui.collation.view import CompareView, open_return_read_only
        from msgdesk.ui.widgets.mnemonics import resolve

        window = self.window
        view = CompareView(self.page)
        view.openReturn.connect(lambda partnership, label, proposal: open_return_read_only(
            window.as_window(), window.workspace, partnership, label, proposal))
        resolve([view], window.reserved_letters() | view.tab_letters())
        assert self.layout is not None
        self.layout.addWidget(view)
        view.show()
        return view

    def shown(self) -> None:
        if self.widget is None:
            return
        if self._filled:
            self.widget.refresh()
            return
        self._filled = True
        snap = self.window.session.snap if self.window.session is not None else None
        self.widget.set_workspace(self.window.workspace, partnership=snap.partnership if snap else None,
                                  round_label=snap.label if snap else None)

    def refresh(self) -> None:
        """Returns were imported: show them, if the tab was ever opened."""
        if self.widget is not None and self._filled:
            self.widget.refresh()
