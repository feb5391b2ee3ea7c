"""Round → Resolve merge conflicts…: each field both the lead and a contributor changed since
the pack was cut, with the base, ours and theirs side by side, to keep ours, take theirs,
or write a text that combines them.  Below them, the words that differ between yours and
theirs (``msgdesk.domain.word_diff``, the same diff ``merge --dry-run`` prints), marked
with words as well as colour.  Every choice is an edit like any other: one step on
the undo stack (Ctrl+Z puts the field back and the conflict waits again)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from msgdesk.domain.dates import long_date
from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.return_values import rating_label
from msgdesk.domain.states import ConflictField, ConflictResolution
from msgdesk.domain.text import TEXT_LIMITS, clean_text
from msgdesk.domain.word_diff import Op, changed_words, word_diff

translate = QCoreApplication.translate


def shown(conflict, value) -> str:
    """A side of a conflict in words."""
    which = conflict.field
    if which is ConflictField.RATING:
        return rating_label(value) or translate("ConflictView", "(no rating)")
    if which is ConflictField.PRESENCE:
        if value is None:
            return translate("ConflictView", "(deleted)")
        lines = [value.get("action") or ""]
        for key, words in (("delivery", "How we will deliver"), ("timescale", "Timescale"), ("lead", "Lead"),
                           ("due_date", "Due")):
            if value.get(key):
                lines.append(f"{translate('ConflictView', words)}: {value[key]}")
        return "\n".join(lines)
    if which is ConflictField.ORDER:
        return "\n".join(f"{n}. {uid[:8]}" for n, uid in enumerate(value or [], 1))
    if value in (None, ""):
        return translate("ConflictView", "(empty)")
    return str(value)


#: How a changed stretch looks: struck through on red for yours only, underlined on green
#: for theirs only, each with its words in brackets so that a screen reader, a printout and
#: an officer who cannot tell red from green all get it.
_DIFF_STYLE = {
    Op.DELETED: ("background-color:#ffd7d5; color:#5c0000;", "text-decoration:line-through;"),
    Op.INSERTED: ("background-color:#c9f0d0; color:#00401a;", "text-decoration:underline;"),
}


def diff_html(ours: str, theirs: str) -> str:
    """Yours and theirs as one text, the words only in yours marked "[yours: …]" and those
    only in theirs "[theirs: …]".  The texts are the officer's and the contributor's: every
    piece is escaped, never read as markup."""
    words = {Op.DELETED: translate("ConflictView", "yours"), Op.INSERTED: translate("ConflictView", "theirs")}
    out = []
    for piece in word_diff(ours, theirs):
        text = html.escape(piece.text).replace("\n", "<br>")
        if piece.op is Op.SAME:
            out.append(text)
        else:
            colour, line = _DIFF_STYLE[piece.op]
            out.append(f'<span style="{colour}">[{html.escape(words[piece.op])}: '
                       f'<span style="{line}">{text}</span>]</span>')
    return '<p style="white-space:pre-wrap">' + "".join(out) + "</p>"


def diff_summary(ours: str, theirs: str) -> str:
    only_ours, only_theirs = changed_words(word_diff(ours, theirs))
    if not (only_ours or only_theirs):
        return translate("ConflictView", "Yours and theirs have the same words (only spacing differs).")
    if only_ours == 1:
        return translate("ConflictView", "1 word only in yours, {theirs} only in theirs.").format(theirs=only_theirs)
    return translate("ConflictView", "{ours} words only in yours, {theirs} only in theirs.").format(
        ours=only_ours, theirs=only_theirs)


def combine(ours: str, theirs: str) -> str:
    """Yours, then each line of theirs that yours does not have (the base they share once)."""
    lines = ours.splitlines()
    extra = [line for line in theirs.splitlines() if line.strip() and line not in lines]
    return "\n".join(lines + extra)


class ResolveConflict(QUndoCommand):
    """Taking a side (or a combined text) as one undoable step."""

    def __init__(self, session, conflict, resolution: ConflictResolution, value, done):
        super().__init__(translate("ConflictView", "resolve the conflict in {proposal} ({place})").format(
            proposal=conflict.proposal, place=conflict.place))
        self.session, self.conflict = session, conflict
        self.resolution, self.value, self.done = resolution, value, done
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._step(lambda: setattr(self, "done", self.session.workspace.contributions.resolve(
            self.conflict.id, self.resolution, self.value)))

    def undo(self) -> None:
        self._step(lambda: self.session.workspace.contributions.undo_resolution(self.done))

    def _step(self, step) -> None:
        try:
            step()
        except MsgdeskError as exc:
            self.session.failed.emit(str(exc))
            return
        reload_quietly(self.session, [self.conflict.proposal])
        self.session.reveal.emit(self.conflict.proposal)


def reload_quietly(session, proposals) -> None:
    """The round changed in the database under the session (a merge, a resolution): read it
    again and show ``proposals`` as they are now.  Not ``session.refresh()``: that redraws the
    page, whose flush would take the text still on screen for the officer's typing and save
    it over what was just merged."""
    fresh = session.workspace.rounds.snapshot(session.round_id)
    session.snap.action_versions.update(fresh.action_versions)
    session.snap.open_conflicts, session.snap.packs_out = fresh.open_conflicts, fresh.packs_out
    for pid in proposals:
        session.snap.responses[pid] = fresh.response(pid)
        session.responseChanged.emit(pid)
        session.actionsReset.emit(pid)


def resolve(session, conflict, resolution: ConflictResolution, value=None) -> None:
    """Resolve through the workspace, then push the step on the session's undo stack."""
    done = session.workspace.contributions.resolve(conflict.id, resolution, value)
    reload_quietly(session, [conflict.proposal])
    session.undo_stack.push(ResolveConflict(session, conflict, resolution, value, done))


class ConflictDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None, proposal: str | None = None):
        """``proposal``: open on its first conflict (the key on a proposal's page)."""
        super().__init__(parent or window)
        self.window_ = window
        self.session = window.session
        self.conflicts: list = []
        self.setWindowTitle(self.tr("Resolve merge conflicts"))
        self.resize(1100, 620)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName(self.tr("Conflicts waiting"))
        self.list.currentRowChanged.connect(self._show)
        list_label = QLabel(self.tr("&Conflicts waiting"), self)
        list_label.setBuddy(self.list)

        grid = QGridLayout()
        self.base_edit, self.ours_edit, self.theirs_edit = (QPlainTextEdit(self) for _ in range(3))
        self.base_label = QLabel(self.tr("&Base: when the pack was cut"), self)
        self.ours_label = QLabel(self.tr("&Yours: in the return now"), self)
        self.theirs_label = QLabel(self.tr("&Theirs"), self)
        for column, (label, edit, name) in enumerate((
                (self.base_label, self.base_edit, self.tr("Base: when the pack was cut")),
                (self.ours_label, self.ours_edit, self.tr("Yours: in the return now")),
                (self.theirs_label, self.theirs_edit, self.tr("Theirs: the contributor's reply")))):
            edit.setReadOnly(True)
            edit.setAccessibleName(name)
            label.setBuddy(edit)
            grid.addWidget(label, 0, column)
            grid.addWidget(edit, 1, column)
        self.ours_edit.setObjectName("oursEdit")
        self.theirs_edit.setObjectName("theirsEdit")
        self.base_edit.setObjectName("baseEdit")
        self.diff_label = QLabel(self.tr("&What differs: [yours: struck through] [theirs: underlined]"), self)
        self.diff_view = QTextBrowser(self)
        self.diff_view.setObjectName("diffView")
        self.diff_view.setOpenLinks(False)
        self.diff_view.setAccessibleName(self.tr("What differs between yours and theirs"))
        self.diff_label.setBuddy(self.diff_view)
        self.combined_label = QLabel(self.tr("Co&mbined text (edit, then use it)"), self)
        self.combined_edit = QPlainTextEdit(self)
        self.combined_edit.setObjectName("combinedEdit")
        self.combined_edit.setAccessibleName(self.tr("Combined text"))
        self.combined_label.setBuddy(self.combined_edit)

        self.keep_button = QPushButton(self.tr("&Keep yours"), self)
        self.take_button = QPushButton(self.tr("Take t&heirs"), self)
        self.combine_button = QPushButton(self.tr("&Use the combined text"), self)
        self.both_button = QPushButton(self.tr("&Put both in the combined text"), self)
        for button, name in ((self.keep_button, "keepButton"), (self.take_button, "takeButton"),
                             (self.combine_button, "combineButton"), (self.both_button, "bothButton")):
            button.setObjectName(name)
        self.keep_button.clicked.connect(lambda: self._choose(ConflictResolution.OURS))
        self.take_button.clicked.connect(lambda: self._choose(ConflictResolution.THEIRS))
        self.combine_button.clicked.connect(lambda: self._choose(ConflictResolution.COMBINED))
        self.both_button.clicked.connect(self._put_both)
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.take_button, self.both_button, self.combine_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("C&lose"))

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        top.addLayout(left, 1)
        right = QVBoxLayout()
        right.addLayout(grid, 3)
        right.addWidget(self.diff_label)
        right.addWidget(self.diff_view, 2)
        right.addWidget(self.combined_label)
        right.addWidget(self.combined_edit, 2)
        right.addLayout(buttons)
        top.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top, 1)
        layout.addWidget(close)
        self.refresh()
        if proposal is not None:
            self.show_proposal(proposal)

    def show_proposal(self, proposal: str) -> None:
        """Put the first conflict waiting on ``proposal`` in front."""
        for row, conflict in enumerate(self.conflicts):
            if conflict.proposal == proposal:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        wanted = self.list.currentRow()
        self.conflicts = self.session.workspace.contributions.conflicts(self.session.round_id)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            text = f"{conflict.proposal}  {conflict.place} — {conflict.contributor}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(self.conflicts)
        self.intro.setText(
            self.tr("Both you and a contributor changed these since the pack was sent. Nothing has been "
                    "overwritten: choose for each, or write a text that combines them. Ctrl+Z in the window "
                    "undoes a choice.") if n else
            self.tr("No conflicts wait: every contribution merged is in the return."))
        for widget in (self.keep_button, self.take_button, self.combine_button, self.both_button,
                       self.combined_edit):
            widget.setEnabled(bool(n))
        if n:
            self.list.setCurrentRow(max(0, min(wanted, n - 1)))
            self._show(self.list.currentRow())
        else:
            for edit in (self.base_edit, self.ours_edit, self.theirs_edit, self.combined_edit):
                edit.setPlainText("")
            self.diff_view.clear()

    def current(self):
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        conflict = self.current()
        if conflict is None:
            return
        when = long_date(conflict.reply_at)
        self.theirs_label.setText(self.tr("&Theirs: {name}'s reply of {date}").format(name=conflict.contributor,
                                                                                      date=when))
        self.base_edit.setPlainText(shown(conflict, conflict.base))
        self.ours_edit.setPlainText(shown(conflict, conflict.ours))
        self.theirs_edit.setPlainText(shown(conflict, conflict.theirs))
        ours, theirs = shown(conflict, conflict.ours), shown(conflict, conflict.theirs)
        self.diff_view.setHtml(diff_html(ours, theirs))
        self.diff_view.setAccessibleDescription(diff_summary(ours, theirs))
        text = conflict.field.is_text
        self.combined_edit.setEnabled(text)
        self.combine_button.setEnabled(text)
        self.both_button.setEnabled(text)
        self.combined_edit.setPlainText(conflict.ours or "" if text else "")

    def _put_both(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.combined_edit.setPlainText(combine(conflict.ours or "", conflict.theirs or ""))
            self.combined_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, resolution: ConflictResolution) -> None:
        conflict = self.current()
        if conflict is None:
            return

        value = None
        if resolution is ConflictResolution.COMBINED:
            field = conflict.field.value
            value = clean_text(self.combined_edit.toPlainText(), single_line=TEXT_LIMITS.get(field, (0, False))[1])
        self.window_.flush_edits()
        try:
            resolve(self.session, conflict, resolution, value)
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.refresh()
