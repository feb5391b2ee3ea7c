"""The wizard driven through its widgets, checked in the database through the core API."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from msgdesk.domain.return_values import ActionData
from msgdesk.ui.app import build_window
from msgdesk.ui.round.nav_model import REVIEW


def open_new_round(window, qtbot, **values):
    page = window.start_page
    page.ui.partnershipCombo.setEditText(values.get("partnership", "Test Partnership"))
    page.ui.roundEdit.setText(values.get("label", "2021"))
    page.ui.contactEdit.setText("A. Officer, a@example.org")
    qtbot.mouseClick(page.ui.createButton, Qt.MouseButton.LeftButton)
    assert window.session is not None
    return window.session


def type_evidence(window, qtbot, text):
    edit = window.proposal_page.ui.evidenceEdit
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def test_officer_enters_a_complete_return_through_the_widgets(window, qtbot, workspace, template):
    session = open_new_round(window, qtbot)
    for proposal in template.proposals:
        window.go_to(proposal.id)
        page = window.proposal_page  # each proposal has its own page
        if not proposal.local:
            assert page.ui.nationalLabel.isVisible()
            assert not page.ui.ratingGroup.isVisible()
            continue
        qtbot.mouseClick(page.cards[1], Qt.MouseButton.LeftButton)
        type_evidence(window, qtbot, f"Evidence for {proposal.id}")
        page.flush()  # as on leaving the field
    assert window.ui.progressLabel.text() == "22 of 22 rated"

    # actions on 2.3: add two, edit, reorder, delete, undo
    window.go_to("2.3")
    page = window.proposal_page
    view, model = page.ui.actionsView, page.model
    qtbot.mouseClick(page.ui.addActionButton, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Agree set aside budget")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(10)  # the delegate commits on the next turn of the event loop
    model.setData(model.index(0, 2), "December 2021")
    qtbot.mouseClick(page.ui.addActionButton, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Joint finance group")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(10)  # the delegate commits on the next turn of the event loop
    model.setData(model.index(1, 2), "Q4 20/21")
    model.setData(model.index(1, 3), "Chief Finance Officer")
    assert model.index(0, 4).data() == "due 31 Dec 2021"

    view.setCurrentIndex(model.index(1, 0))
    qtbot.mouseClick(page.ui.moveUpButton, Qt.MouseButton.LeftButton)
    stored = workspace.rounds.actions_of(session.round_id, "2.3")
    assert [a.action for _, a in stored] == ["Joint finance group", "Agree set aside budget"]
    assert stored[0][1].lead == "Chief Finance Officer"

    view.setCurrentIndex(model.index(0, 0))
    qtbot.mouseClick(page.ui.deleteActionButton, Qt.MouseButton.LeftButton)
    assert [a.action for _, a in workspace.rounds.actions_of(session.round_id, "2.3")] == ["Agree set aside budget"]

    window.ui.navView.setFocus()
    window.undo_action.trigger()  # the deletion comes back, in its place, with its reference
    stored = workspace.rounds.actions_of(session.round_id, "2.3")
    assert [a.action for _, a in stored] == ["Joint finance group", "Agree set aside budget"]
    assert stored[0][1].reference == "2021-2.3-2"
    window.undo_action.trigger()  # the move
    assert [a.action for _, a in workspace.rounds.actions_of(session.round_id, "2.3")] == [
        "Agree set aside budget", "Joint finance group"]
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert [a.action for _, a in workspace.rounds.actions_of(session.round_id, "2.3")] == ["Agree set aside budget"]

    # a timescale that is not recognised asks for a due date, set with the date picker
    model.setData(model.index(0, 2), "Spring 2022")
    assert "not recognised" in model.index(0, 4).data()
    model.setData(model.index(0, 4), QDate(2022, 5, 31))
    assert model.index(0, 4).data() == "due 31 May 2022 (set by hand)"
    assert workspace.rounds.actions_of(session.round_id, "2.3")[0][1].due_date == date(2022, 5, 31)
    window.ui.navView.setFocus()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert workspace.rounds.actions_of(session.round_id, "2.3")[0][1].due_date is None

    # undo a rating
    window.go_to("1.1")
    page = window.proposal_page
    qtbot.mouseClick(page.cards[3], Qt.MouseButton.LeftButton)
    assert workspace.rounds.load_round_by_id(session.round_id).response("1.1").rating == "exemplary"
    window.undo_action.trigger()
    assert workspace.rounds.load_round_by_id(session.round_id).response("1.1").rating == "partly_established"
    assert page.cards[1].property("chosen") is True

    data = workspace.rounds.load_round_by_id(session.round_id)
    local = [r for r in data.responses if template.proposal(r.proposal).local]
    assert len(local) == 22
    assert all(r.rating == "partly_established" and r.evidence == f"Evidence for {r.proposal}" for r in local)
    assert data.response("2.3").actions[0].timescale == "December 2021"
    assert window.saved_label.text().startswith("Saved ")


def test_evidence_is_saved_within_a_second_of_the_last_keystroke(window, qtbot, workspace):
    session = open_new_round(window, qtbot)
    type_evidence(window, qtbot, "Typed without leaving the field")
    qtbot.waitUntil(
        lambda: workspace.rounds.load_round_by_id(session.round_id).response("1.1") is not None
        and workspace.rounds.load_round_by_id(session.round_id).response("1.1").evidence
        == "Typed without leaving the field",
        timeout=1000,
    )


def test_review_lists_problems_and_jumps_to_them(window, qtbot, workspace):
    session = open_new_round(window, qtbot)
    workspace.rounds.add_action(session.round_id, "4.4", ActionData(action="Directions log", timescale="Spring 2020"))
    window.open_round(session.round_id)
    window.go_to(REVIEW)
    review = window.review_page
    texts = review.problem_texts()
    assert "1.1: no rating" in texts and "1.1: no evidence" in texts
    assert any("4.4, action 1" in t and "not recognised" in t for t in texts)
    assert review.select_problem(next(t for t in texts if "4.4, action 1" in t))
    qtbot.mouseClick(review.ui.jumpButton, Qt.MouseButton.LeftButton)
    assert window.current == "4.4"
    assert window.proposal_page.ui.actionsView.currentIndex().row() == 0


def test_approved_round_is_read_only_and_reopening_is_recorded(window, qtbot, workspace, example_round, monkeypatch):
    workspace.rounds.approve(example_round.id, date(2019, 5, 30), "IJB 30/05/2019 item 7", check_confirmed=True)
    before = workspace.rounds.load_round_by_id(example_round.id)
    window.open_round(example_round.id)
    assert window.ui.banner.isVisible()
    assert "read-only" in window.ui.bannerLabel.text()
    window.go_to("2.3")
    page = window.proposal_page
    old_rating = before.response("2.3").rating
    qtbot.mouseClick(page.cards[3], Qt.MouseButton.LeftButton)
    page.cards[0].setFocus()
    qtbot.keyClick(page.cards[0], Qt.Key.Key_1)
    assert page.ui.evidenceEdit.isReadOnly()
    qtbot.keyClicks(page.ui.evidenceEdit, "should not appear")
    page.flush()
    assert not page.ui.addActionButton.isEnabled()
    assert not (page.model.flags(page.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)
    assert workspace.rounds.load_round_by_id(example_round.id) == before
    assert before.response("2.3").rating == old_rating

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Typo in 2.3 evidence", True)))
    qtbot.mouseClick(window.ui.reopenButton, Qt.MouseButton.LeftButton)
    assert not window.ui.banner.isVisible()
    assert workspace.rounds.get_round(example_round.id).status == "reopened"
    assert "Typo in 2.3 evidence" in workspace.rounds.round_events(example_round.id)[-1].detail
    assert not page.ui.evidenceEdit.isReadOnly()


def test_round_is_marked_ready_and_approved_from_the_review_page(window, qtbot, workspace, example_round, monkeypatch):
    window.open_round(example_round.id)
    window.go_to(REVIEW)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.review_page.ui.markReadyButton, Qt.MouseButton.LeftButton)
    assert workspace.rounds.get_round(example_round.id).status == "ready"
    monkeypatch.setattr("msgdesk.ui.round.approval_dialog.ask_approval", lambda parent: (date(2019, 5, 30), "Minute 7"))
    qtbot.mouseClick(window.review_page.ui.approveButton, Qt.MouseButton.LeftButton)
    info = workspace.rounds.get_round(example_round.id)
    assert info.status == "approved" and info.minute_reference == "Minute 7"
    assert window.ui.banner.isVisible()


def test_keyboard_alone_moves_through_proposals_and_rates(window, qtbot, workspace, template):
    session = open_new_round(window, qtbot)
    page = window.proposal_page
    # Tab order: proposal list -> the four rating cards -> evidence -> actions table -> buttons
    window.ui.navView.setFocus()
    expected = [*page.cards, page.ui.evidenceEdit, page.ui.actionsView, page.ui.addActionButton]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
        assert widget.accessibleName()
    # keys 1-4 rate when the rating group has focus
    page.cards[0].setFocus()
    qtbot.keyClick(page.cards[0], Qt.Key.Key_3)
    assert workspace.rounds.load_round_by_id(session.round_id).response("1.1").rating == "established"
    # Ctrl+PgDown / Ctrl+PgUp from inside the evidence field
    page.ui.evidenceEdit.setFocus()
    qtbot.keyClick(page.ui.evidenceEdit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "1.2"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "1.2"
    # the national proposals appear in place
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "3.2"
    page = window.proposal_page  # 3.2's own page
    assert page.ui.nationalLabel.isVisible()
    for widget in (window.ui.navView, window.ui.previousButton, window.ui.nextButton,
                   page.ui.deleteActionButton, page.ui.moveUpButton, page.ui.moveDownButton):
        assert widget.accessibleName()


def test_start_from_previous_round_shows_previous_ratings_and_carries_actions(window, qtbot, workspace, example_round):
    window.show_start()
    start = window.start_page
    start.ui.partnershipCombo.setEditText(example_round.partnership)
    start.ui.roundEdit.setText("2021")
    assert start.ui.previousCombo.currentData() == example_round.id
    assert start.ui.carryCheck.isChecked()
    qtbot.mouseClick(start.ui.createButton, Qt.MouseButton.LeftButton)
    session = window.session
    assert session.snap.label == "2021"
    window.go_to("2.3")
    page = window.proposal_page
    previous = workspace.rounds.load_round_by_id(example_round.id).response("2.3").rating
    marked = [card for card in page.cards if card.property("previous")]
    assert len(marked) == 1 and "round 2019" in marked[0].previous_label.text()
    assert [c.index for c in marked] == [["not_yet_established", "partly_established", "established",
                                          "exemplary"].index(previous)]
    assert page.model.rowCount() > 0  # open actions carried forward


def test_last_round_reopens_on_the_next_start(qtbot, db_path, workspace, example_round, settings):
    from msgdesk.store.workspace import Workspace

    workspace.close()
    first = build_window(Workspace(db_path), settings, warm_up=False)
    qtbot.addWidget(first)
    first.open_round(example_round.id)
    first.go_to("4.2")
    first.close()
    second = build_window(Workspace(db_path), settings, warm_up=False)
    qtbot.addWidget(second)
    assert second.session is not None and second.session.round_id == example_round.id
    assert second.current == "4.2"
    assert not second.workspace.is_open  # shown from the snapshot; the full store opens afterwards
    second.warm_up()
    assert second.workspace.is_open


def test_new_user_creates_a_round_and_rates_with_the_keyboard_only(window, qtbot, workspace):
    start = window.start_page
    start.ui.partnershipCombo.setFocus()
    focus = QApplication.focusWidget
    qtbot.keyClicks(focus(), "Keyboard Partnership")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    focus().selectAll()
    qtbot.keyClicks(focus(), "2022")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(), "K. Board, k@example.org")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    session = window.session
    assert session is not None and session.snap.label == "2022"
    assert focus() is window.proposal_page.cards[0]
    qtbot.keyClick(focus(), Qt.Key.Key_2)
    assert focus() is window.proposal_page.cards[1]  # focus follows the choice
    for _ in range(3):
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is window.proposal_page.ui.evidenceEdit
    qtbot.keyClicks(focus(), "Board minutes")
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # saves on leaving
    data = workspace.rounds.load_round_by_id(session.round_id).response("1.1")
    assert (data.rating, data.evidence) == ("partly_established", "Board minutes")
    assert window.current == "1.2"


def test_user_text_in_labels_is_shown_literally_never_as_markup(window, qtbot, workspace, monkeypatch):
    """A partnership called '<b>…' or a minute reference '<img …>' must print as typed."""
    info = workspace.rounds.create_round("<b>Bold</b> & Co", "2021")
    workspace.rounds.approve(info.id, date(2021, 5, 30), '<img src="/etc/hostname"/>', check_confirmed=True)
    workspace.rounds.reopen(info.id, "<i>reason</i>")
    workspace.rounds.approve(info.id, date(2021, 6, 30), '<img src="/etc/hostname"/>', check_confirmed=True)
    window.open_round(info.id)
    assert window.ui.roundLabel.textFormat() == Qt.TextFormat.PlainText
    assert window.ui.roundLabel.text().startswith("<b>Bold</b> & Co")
    assert '(minute &lt;img src=&quot;/etc/hostname&quot;/&gt;)' in window.ui.bannerLabel.text()
    window.workspace.ensure_open()  # the history comes from the full store (opened after first paint in the app)
    window.go_to(REVIEW)
    review = window.review_page
    assert review.ui.summaryLabel.textFormat() == Qt.TextFormat.PlainText
    assert review.ui.historyLabel.textFormat() == Qt.TextFormat.PlainText
    assert "<i>reason</i>" in review.ui.historyLabel.text()


def test_delete_on_the_due_cell_clears_a_date_set_by_hand(window, qtbot, workspace):
    info = workspace.rounds.create_round("Orkney Health and Care", "2021", completed_on=date(2021, 4, 30))
    workspace.rounds.add_action(info.id, "4.4", ActionData(action="Directions log reviewed", timescale="Spring 2022",
                                                       due_date=date(2022, 5, 31)))
    window.open_round(info.id)
    window.go_to("4.4")
    page = window.proposal_page
    model, view = page.model, page.ui.actionsView
    action = lambda: workspace.rounds.actions_of(info.id, "4.4")[0][1]
    assert model.index(0, 4).data() == "due 31 May 2022 (set by hand)"

    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # not the Due cell: nothing happens
    assert action().due_date == date(2022, 5, 31)
    view.setCurrentIndex(model.index(0, 4))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert action().due_date is None
    assert "not recognised" in model.index(0, 4).data()  # the timescale's reading applies again
    window.undo_action.trigger()
    assert action().due_date == date(2022, 5, 31)


def test_long_action_text_wraps_while_edited_and_keeps_its_lines(window, qtbot, workspace):
    from PySide6.QtWidgets import QPlainTextEdit

    session = open_new_round(window, qtbot)
    window.go_to("2.1")
    page = window.proposal_page
    qtbot.mouseClick(page.ui.addActionButton, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.accessibleName() == "Improvement action"
    qtbot.keyClicks(editor, "Medium Term Financial Plan to be developed")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "with partners")
    # saved while still typing (within a second), before the cell is finished
    action = lambda: workspace.rounds.actions_of(session.round_id, "2.1")[0][1].action
    qtbot.waitUntil(lambda: action() == "Medium Term Financial Plan to be developed\nwith partners", timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to "how we will deliver"
    qtbot.keyClicks(QApplication.focusWidget(), "Finance and Performance")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter finishes the cell
    assert not isinstance(QApplication.focusWidget(), QPlainTextEdit)
    data = workspace.rounds.actions_of(session.round_id, "2.1")[0][1]
    assert (data.action, data.delivery) == ("Medium Term Financial Plan to be developed\nwith partners",
                                            "Finance and Performance")
