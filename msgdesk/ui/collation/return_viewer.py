"""A partnership's return, read-only: what the Compare tab opens on a double-click.

The proposals down the side with their ratings; for the one chosen, its words, the rating
and the descriptor chosen, the previous rating, the evidence and the improvement actions.
Nothing here can change the return (it holds plain values, not a session).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from msgdesk.domain.return_values import ROUND_STATUS_LABELS, ReturnData
from msgdesk.domain.template import Template
from msgdesk.ui.collation.model import rating_words, word


def _e(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br/>")


class ReturnViewer(QDialog):
    def __init__(self, data: ReturnData, template: Template, proposal: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("returnViewer")
        self.data = data
        self.template = template
        self.responses = {r.proposal: r for r in data.responses}
        status = ROUND_STATUS_LABELS.get(data.status, data.status)
        self.setWindowTitle(self.tr("{partnership} {label} (read-only)").format(partnership=data.partnership,
                                                                               label=data.round))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("{partnership}, round {label} · {status} · read-only").format(
            partnership=data.partnership, label=data.round, status=status))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setAccessibleName(self.tr("Return shown"))
        layout.addWidget(heading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        side = QListWidget()
        side.setObjectName("viewerProposals")
        side.setAccessibleName(self.tr("Proposals"))
        self.proposals = side
        for p in template.local_proposals:
            response = self.responses.get(p.id)
            rating = rating_words(response.rating if response else None) or word("not_rated")
            item = QListWidgetItem(f"{p.id}  {rating}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(p.text)
            side.addItem(item)
        self.text = QTextBrowser()
        self.text.setObjectName("viewerText")
        self.text.setAccessibleName(self.tr("The proposal's answer"))
        self.text.setOpenLinks(False)
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        proposals_label = QLabel(self.tr("&Proposals"))
        proposals_label.setBuddy(side)
        column.addWidget(proposals_label)
        column.addWidget(side, 1)
        splitter.addWidget(panel)
        splitter.addWidget(self.text)
        splitter.setSizes([220, 760])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        side.currentItemChanged.connect(lambda item, _old: self.show_proposal(item.data(Qt.ItemDataRole.UserRole))
                                        if item else None)
        ids = [p.id for p in template.local_proposals]
        side.setCurrentRow(ids.index(proposal) if proposal in ids else 0)
        side.setFocus()
        self.resize(1000, 620)

    def show_proposal(self, proposal_id: str) -> None:
        p = self.template.proposal(proposal_id)
        response = self.responses.get(proposal_id)
        parts = [f"<h3>{_e(self.tr('Proposal {id}').format(id=p.id))}</h3>", f"<p>{_e(p.text)}</p>"]
        rating = response.rating if response else None
        parts.append(f"<p><b>{_e(self.tr('Rating'))}:</b> {_e(rating_words(rating) or word('not_rated'))}</p>")
        if rating:
            parts.append(f"<p><b>{_e(self.tr('Descriptor chosen'))}:</b> {_e(p.descriptor(rating))}</p>")
        if response and response.previous_rating:
            previous = rating_words(response.previous_rating)
            parts.append(f"<p><b>{_e(self.tr('Previous rating'))}:</b> {_e(previous)}</p>")
        evidence = response.evidence if response else ""
        parts.append(f"<p><b>{_e(self.tr('Evidence'))}:</b></p><p>{_e(evidence) or _e(self.tr('None recorded.'))}</p>")
        actions = response.actions if response else []
        parts.append(f"<p><b>{_e(self.tr('Improvement actions'))} ({len(actions)})</b></p>")
        if actions:
            rows = "".join(
                f"<tr><td>{n}.</td><td>{_e(a.action)}</td><td>{_e(a.delivery)}</td><td>{_e(a.timescale)}</td></tr>"
                for n, a in enumerate(actions, 1))
            head = "".join(f"<th align='left'>{_e(h)}</th>" for h in (
                "", self.tr("Action"), self.tr("How we will deliver"), self.tr("Timescale")))
            parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>")
        self.text.setHtml("".join(parts))
