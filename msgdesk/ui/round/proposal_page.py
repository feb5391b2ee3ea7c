"""The proposal page, laid out like the paper template: heading and MSG
timescale, the four descriptors side by side, evidence, improvement actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Qt's namespace through its module (QtCore.Qt), not imported by name: PySide6 builds the
# namespace, 93 enums, on first use (20-34 ms), and the page is made before the first frame;
# each use below builds it when it runs (a key, a national proposal, after the first paint).
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QPushButton, QWidget

from msgdesk.directions import DIRECTIONS_PROPOSAL
from msgdesk.domain.return_values import RATING_LABELS, RATINGS
from msgdesk.domain.template import Proposal
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.ui.forms.ui_proposal_page import Ui_ProposalPage
from msgdesk.ui.round.actions_model import DUE_COLUMN, TIMESCALE_COLUMN, ActionsModel
from msgdesk.ui.round.conflict_marker import ConflictMarker
from msgdesk.ui.round.delegates import ActionDelegate
from msgdesk.ui.round.find import ACTION, EVIDENCE
from msgdesk.ui.round.rating_card import CARD_STYLE, RatingCard
from msgdesk.ui.session import RoundSession
from msgdesk.ui.widgets.debounce import Debouncer

if TYPE_CHECKING:  # the directions log's line is made on proposal 4.4's page only
    from msgdesk.ui.directions.summary import DirectionsSummary

#: Qt::ElideRight (qnamespace.h), set through the header's property: the enum is Qt's namespace
ELIDE_RIGHT = 1


def rating_keys() -> dict:
    """Keys 1-4, each to its rating's index (built at the first key, with Qt's namespace)."""
    key = QtCore.Qt.Key
    return {key.Key_1: 0, key.Key_2: 1, key.Key_3: 2, key.Key_4: 3}


class _Watch(QObject):
    """Calls ``callback`` when the watched widget gets an event of ``kind`` (focus out, resize)."""

    def __init__(self, kind: QEvent.Type, callback, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.callback = callback

    def eventFilter(self, watched, event):
        if event.type() == self.kind:
            self.callback()
        return False


class _FirstFocus(QObject):
    """Calls ``callback`` once, as ``widget`` first gets the keyboard, then stops watching it
    (a filter left on would see each of its events)."""

    def __init__(self, widget: QWidget, callback) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == _FOCUS_IN:
            watched.removeEventFilter(self)
            self.callback()
        return False


_FOCUS_IN = QEvent.Type.FocusIn


class ProposalPage(QWidget):
    """One proposal's page.  The window keeps one per proposal (``proposal_stack``), built
    once and filled the first time it is shown; after that a page turn only switches pages."""

    def __init__(self, template, parent=None):
        super().__init__(parent)
        self.ui = Ui_ProposalPage()
        self.ui.setupUi(self)
        self._own_viewport()
        # the actions' title wraps beside its four buttons: on one line the row was wider than
        # the page at 1280x720 and 150%, and the page scrolled sideways
        self.ui.actionsTitle.setWordWrap(True)
        self.ui.actionButtons.setStretchFactor(self.ui.actionsTitle, 1)  # one line wherever there is room
        self.template = template
        self.session: RoundSession | None = None
        self.proposal: Proposal | None = None
        self._loading = False
        # False while another proposal's page is on screen.  A change to this page's proposal
        #: then only marks it stale, and it is filled again just before it is next shown: a
        #: page off screen does no layout work for each edit, undo or merge.
        self.on_screen = True
        self._stale = False
        # whether the page was last filled read-only: that depends on the proposal on screen
        #: too (a contributor's pack), so a page filled off screen checks it when shown
        self._read_only_shown: bool | None = None
        # filled while off screen: the table and the evidence box are fitted when it is shown
        self._unfitted = False

        # the cards' style sheet before the cards: set after them, it re-polished the sixteen
        # widgets just made (4 ms of the first frame, issue 22); made under it, each is polished once
        self.ui.ratingGroup.setStyleSheet(CARD_STYLE)
        self.cards: list[RatingCard] = []
        for index, rating in enumerate(RATINGS):
            card = RatingCard(index, RATING_LABELS[rating], self.ui.ratingGroup)
            card.chosen.connect(self._choose)
            card.on_key = self._card_key
            self.cards.append(card)
        self._columns = 0
        self._arrange_cards(4)
        QWidget.setTabOrder(self.cards[-1], self.ui.evidenceEdit)
        for first, second in zip(self.cards, self.cards[1:], strict=False):
            QWidget.setTabOrder(first, second)

        # evidence: saved 0.7 s after the last keystroke (0.9 s at most while typing on),
        # and at once on leaving the field or the page
        self._evidence_saver = Debouncer(self.flush, self)
        self.ui.evidenceEdit.textChanged.connect(self._evidence_typed)
        self._focus_watch = _Watch(QEvent.Type.FocusOut, self.flush, self)
        self.ui.evidenceEdit.installEventFilter(self._focus_watch)
        # the spelling checker loads with the first text box, off the first paint
        from msgdesk.ui.widgets import spelling

        self.spelling = spelling.install(self.ui.evidenceEdit)

        # actions
        self.model = ActionsModel(self)
        view = self.ui.actionsView
        view.setModel(self.model)
        self.delegate = ActionDelegate(view)
        self.model.carried_note = self.tr("from {round}")
        view.setItemDelegate(self.delegate)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # at 150% the two wide columns are narrower than their headings: … and a tooltip, not a cut
        header.setProperty("textElideMode", ELIDE_RIGHT)  # (setTextElideMode wants Qt's enum)
        # and never narrower than a long word: at 150% they were squeezed to 65 px, one word a
        # line; the table scrolls sideways instead
        header.setMinimumSectionSize(view.fontMetrics().horizontalAdvance("Organisational") + 12)
        for column, width in ((2, 150), (3, 110), (4, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.delegate.timescaleTyped.connect(self._show_timescale)
        view.selectionModel().currentChanged.connect(self._current_action_changed)
        #: the first action row's height when the page had no room for all of it (``_fit_evidence``);
        #: kept so that the next table fit does not give the row back its height and undo it
        self._first_row_cap: int | None = None
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_table)
        self.model.modelReset.connect(self._fit_timer.start)
        self.model.dataChanged.connect(lambda *_: self._fit_timer.start())
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        # Delete (or Backspace) on the Due cell clears a due date set by hand: keys of the table
        # (a widget shortcut), made as it first gets the keyboard, not before the first frame
        self._first_focus = _FirstFocus(view, self._make_table_keys)
        self.ui.addActionButton.clicked.connect(self.add_action)
        self.ui.deleteActionButton.clicked.connect(self.delete_action)
        self.ui.moveUpButton.clicked.connect(lambda: self.move_action(-1))
        self.ui.moveDownButton.clicked.connect(lambda: self.move_action(+1))
        #: 'Action 3 deleted — Undo', made at the page's first deletion (_deleted_note)
        self.deleted_note: QWidget | None = None
        # a merge conflict waiting here, said on top of the page (ContributionsPart opens it)
        self.conflict_marker = ConflictMarker(self.ui.content)
        self.ui.contentLayout.insertWidget(self.ui.contentLayout.indexOf(self.ui.timescaleLabel) + 1,
                                           self.conflict_marker)
        #: the directions log's line: on proposal 4.4's page only, made as it is first filled
        #: (a page serves one proposal for its life), not on the first page before its paint
        self.directions_summary: DirectionsSummary | None = None
        self._national_note_made = False  # made when a national proposal is first shown
        self._evidence_timer = QTimer(self)
        self._evidence_timer.setSingleShot(True)
        self._evidence_timer.setInterval(0)
        self._evidence_timer.timeout.connect(self._fit_evidence)
        # what a key press made or announced is brought into sight once the page has its new
        # size: after the table (fit timer) and then the evidence box (this timer) are refitted
        self._pending_reveal: QWidget | int | None = None
        self._evidence_timer.timeout.connect(self._reveal_pending)
        # the room the page has is the scroll area's viewport: refit whenever it changes size
        self._viewport_watch = _Watch(QEvent.Type.Resize, self._evidence_timer.start, self)
        self.ui.scroll.viewport().installEventFilter(self._viewport_watch)

    def _own_viewport(self) -> None:
        """Give the page's scroll area a viewport made here, set up as Qt sets up its own
        (qabstractscrollarea.cpp, qscrollarea.cpp: named, filling its background, in the
        page's background colour), with the page's content put back in it.

        PySide6 holds a wrapper for a widget made from Python; the first ``viewport()`` of one
        Qt made makes it discover the widget's type, building every QWidget class with its
        enums (~67 classes, 21-25 ms), and the first page is made before the first frame
        (issue 22).  Made with the scroll area as its parent, so Qt owns it, as it owned the old."""
        scroll = self.ui.scroll
        content = scroll.takeWidget()
        viewport = QWidget(scroll)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setAutoFillBackground(True)
        scroll.setViewport(viewport)  # deletes Qt's own, which Python never wrapped
        scroll.setWidget(content)

    def _make_table_keys(self) -> None:
        Qt = QtCore.Qt
        # why: the shortcut classes are built with the first (the table's first focus), not at import
        from PySide6.QtGui import QKeySequence, QShortcut

        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            shortcut = QShortcut(QKeySequence(key), self.ui.actionsView, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._clear_due_date)

    def _make_national_note(self) -> None:
        """The note shown instead of the page on a national proposal (made the first time one is)."""
        Qt = QtCore.Qt
        self._national_note_made = True
        label = self.ui.nationalLabel
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        label.setStyleSheet(
            "QLabel { background: #f0f0f0; color: #262626; padding: 18px; border: 1px solid #aaa; }"
            " QLabel:focus { border: 2px solid #0f6cbd; }")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(self.tr(
            "<p style='font-size:12pt'><b>Not for local completion</b></p>"
            "<p>National bodies are responsible for this proposal, so there is nothing to rate or record "
            "here. The appendix prints it with this note, as the template does.</p>"
            "<p>Ctrl+Page Down goes on to the next proposal; Ctrl+Page Up back.</p>"))

    def _make_directions_summary(self) -> DirectionsSummary:
        # why: the directions log's line and its module, on proposal 4.4's page only
        from msgdesk.ui.directions.summary import DirectionsSummary

        summary = DirectionsSummary(self.ui.evidenceEdit, self.ui.content)
        layout = self.ui.contentLayout
        layout.insertWidget(layout.indexOf(self.ui.evidenceTitle), summary)
        summary.hide()
        self.directions_summary = summary
        return summary

    def _deleted_note(self) -> QWidget:
        """'Action 3 deleted — Undo': shown after a deletion, so an officer sees how to get it
        back (made at the page's first deletion: one widget for the page's life)."""
        if self.deleted_note is not None:
            return self.deleted_note
        note = QWidget(self.ui.content)
        note.setObjectName("deletedNote")
        note.setStyleSheet("QWidget#deletedNote { background: #fff4ce; border: 1px solid #c19c00; }")
        row = QHBoxLayout(note)
        row.setContentsMargins(8, 2, 8, 2)
        self.deleted_label = QLabel(note)  # plain text: set as an action is deleted (delete_action)
        self.deleted_label.setAccessibleName(self.tr("Deleted action"))
        self.undo_delete_button = QPushButton(self.tr("Undo (Ctrl+Z)"), note)
        self.undo_delete_button.setAccessibleName(self.tr("Undo the deletion"))
        self.undo_delete_button.clicked.connect(self._undo_delete)
        row.addWidget(self.deleted_label, 1)
        row.addWidget(self.undo_delete_button)
        layout = self.ui.contentLayout
        layout.insertWidget(layout.indexOf(self.ui.timescaleHint), note)
        note.hide()
        self.deleted_note = note
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(20_000)
        self._note_timer.timeout.connect(note.hide)
        return note

    def _undo_delete(self) -> None:
        self._deleted_note().hide()
        if self.session is not None and self.session.undo_stack.canUndo():
            self.session.undo_stack.undo()

    def _arrange_cards(self, columns: int) -> None:
        """Four descriptors side by side, or two by two when the page is narrow (150% scaling)."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.ui.ratingGrid
        for card in self.cards:
            grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            grid.addWidget(card, index // columns, index % columns)
        for column in range(4):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        self._arrange_cards(4 if event.size().width() >= 760 else 2)
        super().resizeEvent(event)
        if self._first_row_cap is not None and event.size().height() != event.oldSize().height():
            self._first_row_cap = None  # more or less room: the first row is fitted again from its full height
            self._fit_timer.start()
        self._evidence_timer.start()

    def _fit_evidence(self) -> None:
        """Size the evidence box so the first action row shows without scrolling (1280x720 too).

        The box takes what the page leaves between the rating cards and the first action
        row: at least three lines, at most sixteen; a longer text scrolls inside it."""
        if self.proposal is None or not self.proposal.local:
            return
        edit, view = self.ui.evidenceEdit, self.ui.actionsView
        line = edit.fontMetrics().lineSpacing()
        for _pass in range(3):  # setting the height moves the table; measure again after the layout
            content = self.ui.content.layout()
            if content is not None:
                content.activate()
            first_row = view.rowHeight(0) if self.model.rowCount() else line * 2
            table_top = view.mapTo(self.ui.content, view.rect().topLeft()).y()
            first_row_bottom = table_top + view.frameWidth() + view.horizontalHeader().height() + first_row
            spare = self.ui.scroll.viewport().height() - first_row_bottom - 4
            height = max(line * 3 + 12, min(line * 16 + 12, edit.height() + spare))
            if abs(height - edit.height()) <= 2:
                short = edit.height() + spare - height  # below zero: the first row ends under the view
                if short < 0 and self.model.rowCount():
                    self._shorten_first_row(-short, line)
                return
            edit.setFixedHeight(height)

    def _shorten_first_row(self, by: int, line: int) -> None:
        """The evidence box is at its three lines and the first action row still ends below the
        view (a long action on 4.4 of an approved round at 1280x720, under the banner and the
        directions summary): the row shows fewer lines, two at least (its editor and its tooltip
        show it all).  The cap is kept and the table fitted through ``_fit_table``, so the table's
        height and its rows agree and a later fit keeps the row as short (until the page is
        filled again or resized)."""
        view = self.ui.actionsView
        cap = max(line * 2 + 8, view.rowHeight(0) - by)
        if cap < view.rowHeight(0):
            self._first_row_cap = cap
            self._fit_table()

    def _reveal(self, target: QWidget | int) -> None:
        """Scroll ``target`` (a widget, or an action row by number) into the page's sight once
        the layout settles: a new row or the deleted note may land below the visible area at
        1280x720 (issue 21)."""
        self._pending_reveal = target
        self._fit_timer.start()  # the fit then starts the evidence timer, which reveals

    def _reveal_pending(self) -> None:
        target, self._pending_reveal = self._pending_reveal, None
        if target is None:
            return
        layout = self.ui.content.layout()
        if layout is not None:
            layout.activate()  # the heights just set, applied now rather than on the next pass
        # and the scroll area's new range (it follows a posted layout request): otherwise a page
        # that just grew is scrolled only as far as its old length
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        scroll = self.ui.scroll
        if isinstance(target, QWidget):
            if target.isVisible():  # with the timescale hint under it (the deleted note sits above it)
                scroll.ensureWidgetVisible(target, 0, 8 + self.ui.timescaleHint.height())
            return
        view = self.ui.actionsView
        if not 0 <= target < self.model.rowCount():
            return
        view.scrollTo(self.model.index(target, 0))  # within the table first (it may scroll too)
        rect = view.visualRect(self.model.index(target, 0))
        top = view.viewport().mapTo(self.ui.content, rect.topLeft()).y()
        # the row's middle, with room for all of it and the timescale hint just under it
        margin = rect.height() // 2 + self.ui.timescaleHint.height() + 8
        scroll.ensureVisible(0, top + rect.height() // 2, 0, margin)

    # --- binding ----------------------------------------------------------------
    def set_session(self, session: RoundSession | None) -> None:
        """Bind the page to a round's session; it keeps its proposal and is filled from the new
        round when next shown.  (``session.is_editing`` is the stack's: it asks the right page.)"""
        self.flush()
        self.session = session
        self._stale = True
        if session is not None:
            session.responseChanged.connect(self._response_changed)
            session.actionsReset.connect(self._actions_reset)
            session.actionChanged.connect(self._action_changed)
            session.roundChanged.connect(self._round_changed)
            session.remoteChanged.connect(self._remote_changed)

    def show_proposal(self, proposal_id: str) -> None:
        """Save what is typed, then fill the page with ``proposal_id`` as the session has it."""
        self.flush()
        self._fill(proposal_id)

    def bring_up_to_date(self) -> None:
        """Just before the page is shown again: fill it afresh if its proposal changed while it
        was off screen (or a write of its evidence was refused, so the box holds text the
        round does not).  Never saves first: the text in a page off screen is what it showed,
        and the session's is newer."""
        if self.proposal is None:
            return
        session, pid = self.session, self.proposal.id
        if not self._stale and session is not None:
            self._stale = session.read_only != self._read_only_shown or (
                self.proposal.local and self.ui.evidenceEdit.toPlainText() != session.response(pid).evidence)
        if self._stale:
            self._fill(self.proposal.id)

    def _fill(self, proposal_id: str) -> None:
        self._stale = False
        self.proposal = self.template.proposal(proposal_id)
        p = self.proposal
        kf = self.template.key_feature(p.key_feature)
        self.ui.keyFeatureLabel.setText(self.tr("Key feature {n}:  {title}").format(n=kf.number, title=kf.title))
        self.ui.proposalLabel.setText(self.tr("Proposal {id}   {text}").format(id=p.id, text=p.text))
        self.ui.timescaleLabel.setText(self.tr("<b>MSG timescale:</b> {t}").format(t=p.timescale))
        local = p.local
        if not local and not self._national_note_made:
            self._make_national_note()
        self.ui.nationalLabel.setVisible(not local)
        for widget in (self.ui.ratingGroup, self.ui.evidenceTitle, self.ui.evidenceEdit, self.ui.actionsTitle,
                       self.ui.actionsView, self.ui.addActionButton, self.ui.deleteActionButton,
                       self.ui.moveUpButton, self.ui.moveDownButton, self.ui.timescaleHint):
            widget.setVisible(local)
        if self.deleted_note is not None:
            self.deleted_note.hide()
        # the notes as made so far: a fill does not make them (the first frame's page, issue 22)
        for note in (getattr(self, "_notes", None) or {}).values():
            note.hide()
        summary = self.directions_summary
        if summary is None and p.id == DIRECTIONS_PROPOSAL:
            summary = self._make_directions_summary()
        if summary is not None:
            summary.show_for(self.session, p.id)
        self.conflict_marker.show_for(self.session, p.id)
        self._load_response()
        self.model.set_proposal(self.session, p.id if local else None)
        self._apply_read_only()
        self.ui.timescaleHint.setText("")
        self.ui.scroll.verticalScrollBar().setValue(0)
        if self.isVisible():
            self._fit_now()
        else:  # filled off screen (built ahead, or stale): fitted as it is shown
            self._unfitted = True

    def _fit_now(self) -> None:
        """Fit the table and the evidence box to the page as filled, and lay it out, now.

        Each step waits for the layout the one before asked for: the page's notes and elided
        headings settle their heights only once laid out (without a fit after that, the first
        action row fell below the view at 1280x720 on 4.1 of an approved round), and the scroll
        area sizes its content on a posted request.  Left to the event loop, that took up to
        three visits of a kept page to settle (a page hidden in between lays nothing out), each
        a relayout; done here the page is final when it is first shown."""
        self._unfitted = False
        self._first_row_cap = None  # filled afresh: the first row gets its height back, then is fitted
        settle = QApplication.sendPostedEvents  # the layouts asked for so far, applied now
        edit, view = self.ui.evidenceEdit, self.ui.actionsView
        for _pass in range(3):  # until a fit changes nothing (twice, but for a rare third)
            settle(None, QEvent.Type.LayoutRequest)
            before = (edit.height(), view.height(), view.rowHeight(0) if self.model.rowCount() else 0)
            self._fit_table()
            settle(None, QEvent.Type.LayoutRequest)
            self._fit_evidence()
            settle(None, QEvent.Type.LayoutRequest)
            if before == (edit.height(), view.height(), view.rowHeight(0) if self.model.rowCount() else 0):
                break
        # fitted just now: the zero timers the new rows and the sizes started would fit it all again
        self._fit_timer.stop()
        self._evidence_timer.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._unfitted:
            self._fit_now()

    def focus_rating(self) -> None:
        """Keyboard focus on the rating cards (the chosen one, else the first), so keys 1-4 rate
        at once after any change of proposal; on a national proposal, on its note."""
        if self.proposal is None:
            return
        if not self.proposal.local:
            self.ui.nationalLabel.setFocus()  # (Qt's OtherFocusReason, without the namespace)
            return
        chosen = next((card for card in self.cards if card.property("chosen")), self.cards[0])
        chosen.setFocus()

    def show_hit(self, hit) -> None:
        """Select what Find found: the words in the evidence, or the action's cell."""
        if hit.where == EVIDENCE:
            edit = self.ui.evidenceEdit
            cursor = edit.textCursor()
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.start + hit.length, cursor.MoveMode.KeepAnchor)
            edit.setTextCursor(cursor)
            edit.ensureCursorVisible()
            self.ui.scroll.ensureWidgetVisible(edit, 0, 0)
        elif hit.where == ACTION:
            index = self.model.index(hit.action_row, hit.column)
            view = self.ui.actionsView
            view.setCurrentIndex(index)
            view.scrollTo(index)
            self.ui.scroll.ensureWidgetVisible(view, 0, 0)
        else:
            self.ui.scroll.verticalScrollBar().setValue(0)

    def rate_by_key(self, key) -> bool:
        """Keys 1-4 pressed elsewhere on the page (the proposal list): rate this proposal."""
        keys = rating_keys()
        if key not in keys or self.proposal is None or not self.proposal.local:
            return False
        self._choose(keys[key])
        return True

    def _load_response(self) -> None:
        p = self.proposal
        if p is None or not p.local or self.session is None:
            return
        response = self.session.response(p.id)
        previous_round = self.session.snap.previous_label
        previous_name = (self.tr("round {label}").format(label=previous_round) if previous_round
                         else self.tr("previous round"))
        for card, (rating, descriptor) in zip(self.cards, p.descriptors, strict=False):
            previous = (self.tr("Previous rating ({round})").format(round=previous_name)
                        if response.previous_rating == rating else None)
            card.set_content(descriptor, response.rating == rating, previous)
        legend = "<span style='color:#0f6cbd'>■</span> " + self.tr("Our rating")
        if response.previous_rating:
            legend += ("&nbsp;&nbsp;&nbsp;<span style='color:#b45f06'>┅</span> "
                       + self.tr("Previous rating ({round})").format(round=previous_name))
        self.ui.legendLabel.setText(legend)
        if self.ui.evidenceEdit.toPlainText() != response.evidence:
            self._loading = True
            self.ui.evidenceEdit.setPlainText(response.evidence)
            self._loading = False

    def _apply_read_only(self) -> None:
        read_only = self.session is None or self.session.read_only
        self._read_only_shown = None if self.session is None else self.session.read_only
        self.ui.evidenceEdit.setReadOnly(read_only)
        for button in (self.ui.addActionButton, self.ui.deleteActionButton, self.ui.moveUpButton,
                       self.ui.moveDownButton):
            button.setEnabled(not read_only)
        self.ui.ratingTitle.setText(
            self.tr("Our rating (read-only: you can read but not change this database)")
            if read_only and self.session is not None and self.session.workspace.read_only
            else self.tr("Our rating (read-only: approved by the IJB)") if read_only
            else self.tr("Our rating — choose one (keys 1–4)")
        )

    # --- rating ---------------------------------------------------------------------
    def _choose(self, index: int) -> None:
        if self.session is None or self.session.read_only or not self.proposal or not self.proposal.local:
            return
        self.flush()
        self.session.set_rating(self.proposal.id, RATINGS[index])

    def _card_key(self, index: int, key) -> bool:
        Qt = QtCore.Qt
        keys = rating_keys()
        if key in keys:
            self._choose(keys[key])
            self.cards[keys[key]].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self.cards[(index + step) % len(self.cards)].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False

    # --- evidence -------------------------------------------------------------------
    def _evidence_typed(self) -> None:
        if not self._loading:
            self._evidence_saver.poke()

    def flush(self) -> None:
        """Write what is typed but not yet saved (called on a pause, focus-out, page change, close)."""
        self._evidence_saver.stop()
        if not self.on_screen:
            # saved when it was left; its box may be older than the round now (an undo, a
            # merge, another officer): writing it back would undo their change
            return
        view = self.ui.actionsView
        if view.state() == QAbstractItemView.State.EditingState:
            editor = QApplication.focusWidget()
            if editor is not None and view.isAncestorOf(editor):
                self.delegate.commitData.emit(editor)
        if self.session is None or self.proposal is None or not self.proposal.local or self.session.read_only:
            return
        text = self.ui.evidenceEdit.toPlainText()
        if text != self.session.response(self.proposal.id).evidence:
            self.session.set_evidence(self.proposal.id, text)

    # --- actions ---------------------------------------------------------------------
    def _selected_row(self) -> int:
        index = self.ui.actionsView.currentIndex()
        return index.row() if index.isValid() else -1

    def add_action(self) -> None:
        if self.session is None or self.session.read_only or self.proposal is None:
            return
        self.flush()
        new_id = self.session.add_action(self.proposal.id)
        index = self.model.index(self.model.row_of(self.session.resolve(new_id)), 0)
        view = self.ui.actionsView
        view.setFocus()  # (Qt's OtherFocusReason)
        view.setCurrentIndex(index)
        view.edit(index)
        self._reveal(index.row())

    def _clear_due_date(self) -> None:
        index = self.ui.actionsView.currentIndex()
        if index.isValid() and index.column() == DUE_COLUMN:
            self.model.clear_due_date(index.row())

    def delete_action(self) -> None:
        row = self._selected_row()
        if self.session is None or self.session.read_only or row < 0:
            return
        self.flush()
        action_id = self.model.action_id(row)
        if action_id is None:  # the row went while the page was busy
            return
        self.session.delete_action(action_id)
        note = self._deleted_note()
        self.deleted_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.deleted_label.setText(self.tr("Action {n} deleted.").format(n=row + 1))
        note.show()
        self._note_timer.start()
        if self.model.rowCount():
            self.ui.actionsView.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        # the hint under the table described the deleted action: now it describes the row that
        # took its place, or nothing when none is left (setCurrentIndex may not signal a change)
        current = self.ui.actionsView.currentIndex()
        self._current_action_changed(current, current)
        self._reveal(note)

    def move_action(self, step: int) -> None:
        row = self._selected_row()
        if self.session is None or self.session.read_only or row < 0:
            return
        self.flush()
        column = self.ui.actionsView.currentIndex().column()
        action_id = self.model.action_id(row)
        if action_id is None:  # the row went while the page was busy
            return
        self.session.move_action(action_id, row + step)
        new_row = self.model.row_of(self.session.resolve(action_id))
        self.ui.actionsView.setCurrentIndex(self.model.index(new_row, column))

    def _current_action_changed(self, current, _previous) -> None:
        if not current.isValid() or self.session is None:
            self.ui.timescaleHint.setText("")
            return
        text = self.model.index(current.row(), TIMESCALE_COLUMN).data() or ""
        self._show_timescale(text, due_override=self.model.index(current.row(), DUE_COLUMN).data())

    def _show_timescale(self, text: str, due_override: str | None = None) -> None:
        import html

        hint = self.ui.timescaleHint
        if due_override and self.model.due_set_by_hand(self._selected_row()):
            hint.setText(self.tr("Timescale: {due}").format(due=html.escape(due_override)))
            return
        if not text.strip():
            hint.setText("<span style='color:#a4262c'>" + self.tr("No timescale yet") + "</span>")
            return
        meaning = interpret(text, self.session.snap.completed_on if self.session else None)
        described = html.escape(meaning.describe())
        if meaning.kind is TimescaleKind.UNRECOGNISED:
            described = ("<span style='color:#a4262c'>⚠ " + described + " "
                         + self.tr("(set a date in the Due column)") + "</span>")
        hint.setText(self.tr("Timescale: {due}").format(due=described))

    def _fit_table(self) -> None:
        view = self.ui.actionsView
        view.resizeRowsToContents()
        # a row shows five lines at most (the cell's editor and its tooltip show it all), so a
        # long first action never pushes the table out of sight at 1280x720
        tallest = view.fontMetrics().lineSpacing() * 5 + 8
        for row in range(self.model.rowCount()):
            if view.rowHeight(row) > tallest:
                view.setRowHeight(row, tallest)
        if self._first_row_cap is not None and self.model.rowCount() and view.rowHeight(0) > self._first_row_cap:
            view.setRowHeight(0, self._first_row_cap)
        height = view.horizontalHeader().height() + 2 * view.frameWidth() + 4
        height += sum(view.rowHeight(row) for row in range(self.model.rowCount()))
        # exactly as tall as its rows (up to 520 px): with only a least height, the page's spare
        # room went to the table, which after a delete kept a blank band below its last row
        view.setFixedHeight(max(90, min(height + 8, 520)))
        self._evidence_timer.start()

    # --- other officers' edits (shared database: msgdesk.ui.live) ----------------------
    def _changed_notes(self) -> dict[str, QLabel]:
        """"Changed by NAME at 14:03" beside the rating, evidence and actions titles, made
        on first use (in code: the .ui stays as designed)."""
        notes: dict[str, QLabel] | None = getattr(self, "_notes", None)
        if notes is None:
            notes = {}
            self._notes = notes
            for field, layout, anchor in (("rating", self.ui.ratingHeader, self.ui.ratingTitle),
                                          ("evidence", self.ui.contentLayout, self.ui.evidenceTitle),
                                          ("actions", self.ui.actionButtons, self.ui.actionsTitle)):
                note = QLabel(self)
                note.setObjectName(f"{field}ChangedNote")
                note.setStyleSheet("QLabel { color: #8a4b00; font-style: italic; }")
                note.hide()
                layout.insertWidget(layout.indexOf(anchor) + 1, note)
                notes[field] = note
        return notes

    def _remote_changed(self, proposal_id: str, field: str, text: str) -> None:
        # off screen: the page is filled afresh when shown, and a fill hides these notes
        if not self._mine_on_screen(proposal_id) or field not in ("rating", "evidence", "actions"):
            return
        note = self._changed_notes()[field]
        note.setText(text)
        note.setAccessibleName(text)
        note.show()

    def is_editing(self, proposal_id: str, field: str) -> bool:
        """Typing not yet saved in ``field`` of the proposal shown: never replaced from outside."""
        if self.proposal is None or proposal_id != self.proposal.id or self.session is None:
            return False
        if field == "evidence":
            return self.ui.evidenceEdit.toPlainText() != self.session.response(proposal_id).evidence
        return self.ui.actionsView.state() == QAbstractItemView.State.EditingState

    # --- session signals -------------------------------------------------------------
    def _mine_on_screen(self, proposal_id: str | None) -> bool:
        """True if a change to ``proposal_id`` (None: to the whole round) is to be shown now;
        a change to this page's proposal while it is off screen marks it stale instead."""
        if self.proposal is None or proposal_id not in (None, self.proposal.id):
            return False
        if not self.on_screen:
            self._stale = True
            return False
        return True

    def _response_changed(self, proposal_id: str) -> None:
        if self._mine_on_screen(proposal_id):
            self._load_response()
            self.conflict_marker.show_for(self.session, proposal_id)

    def _actions_reset(self, proposal_id: str) -> None:
        if self._mine_on_screen(proposal_id):
            self.model.reset_rows()

    def _action_changed(self, proposal_id: str, action_id: int) -> None:
        if self._mine_on_screen(proposal_id):
            self.model.action_changed(proposal_id, action_id)

    def _round_changed(self) -> None:
        # Filled without saving first: the round was read again (or its status changed) after
        # the window saved what was typed, so the box holds the old text and the session the
        # new; saving it would write the old text back over another process's change.
        if self._mine_on_screen(None) and self.proposal is not None:
            self._fill(self.proposal.id)
