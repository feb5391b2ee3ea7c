"""The find bar (Ctrl+F): type, see every hit listed with its proposal, Enter goes to the next."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msgdesk.ui.round.find import ACTION, EVIDENCE, Hit, find_in_return
from msgdesk.ui.widgets.look import shortcut

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class FindPanel(QWidget):
    hitChosen = Signal(object)  # Hit

    def __init__(self, template, parent=None):
        super().__init__(parent)
        self.setObjectName("findPanel")
        self.template = template
        self.session = None
        self.hits: list[Hit] = []
        self.at = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        row = QHBoxLayout()
        label = QLabel(self.tr("Fi&nd"), self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setAccessibleName(self.tr("Find in the return"))
        self.edit.setPlaceholderText(self.tr("Words in the proposals, evidence or actions — Enter goes to the next"))
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setAccessibleName(self.tr("Hits found"))
        close = QPushButton(self.tr("Close"), self)
        close.setAccessibleName(self.tr("Close the find bar"))
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_panel)
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(close)
        layout.addLayout(row)
        self.results = QListWidget(self)
        self.results.setObjectName("findResults")
        self.results.setAccessibleName(self.tr("Every hit, with its proposal"))
        self.results.setMaximumHeight(130)
        self.results.setUniformItemSizes(True)
        layout.addWidget(self.results)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(lambda: self.search(self.edit.text()))
        self.edit.textChanged.connect(lambda _t: self._typing.start())
        self.edit.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(lambda item: self._go(self.results.row(item)))
        for target in (self.edit, self.results):
            shortcut(QKeySequence(Qt.Key.Key_Escape), target, self.close_panel, Qt.ShortcutContext.WidgetShortcut)
        shortcut("Shift+Return", self.edit, self.previous_hit, Qt.ShortcutContext.WidgetShortcut)
        self.hide()

    def set_session(self, session) -> None:
        self.session = session
        if self.isVisible():
            self.search(self.edit.text())

    def open_panel(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self.search(self.edit.text())

    def close_panel(self) -> None:
        self.hide()
        parent = self.window()
        page = getattr(parent, "proposal_page", None)
        if page is not None:
            page.focus_rating()

    def _describe(self, hit: Hit) -> str:
        if hit.where == EVIDENCE:
            place = self.tr("evidence")
        elif hit.where == ACTION:
            place = self.tr("action {n}").format(n=hit.action_row + 1)
        else:
            place = self.tr("wording")
        return self.tr("{proposal} {place}: {snippet}").format(proposal=hit.proposal, place=place, snippet=hit.snippet)

    def search(self, text: str) -> list[Hit]:
        self._typing.stop()
        self.hits = find_in_return(self.template, self.session.snap, text) if self.session is not None else []
        self.at = -1
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(self._describe(hit))
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        proposals = len({hit.proposal for hit in self.hits})
        if not text.strip():
            self.count.setText("")
        elif self.hits:
            self.count.setText(self.tr("{n} found in {p} proposals").format(n=len(self.hits), p=proposals))
        else:
            self.count.setText(self.tr("Not found"))
        return self.hits

    def _enter(self) -> None:
        if self._typing.isActive() or not self.hits:
            self.search(self.edit.text())
        self.next_hit()

    def next_hit(self) -> None:
        if self.hits:
            self._go((self.at + 1) % len(self.hits))

    def previous_hit(self) -> None:
        if self.hits:
            self._go((self.at - 1) % len(self.hits))

    def _go(self, index: int) -> None:
        if not 0 <= index < len(self.hits):
            return
        self.at = index
        self.results.setCurrentRow(index)
        self.hitChosen.emit(self.hits[index])
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter again goes on to the next hit
