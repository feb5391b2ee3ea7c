"""Issue 3's 'done when', as one story: a new user, keyboard only, creates a
round, rates all 22 proposals, adds evidence and actions, sees the review page
empty of problems, and records the IJB's approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from msgdesk.ui.nav_model import REVIEW

focus = QApplication.focusWidget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(), key, modifier)


def tab_to(qtbot, widget, limit=20):
    for _ in range(limit):
        if focus() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName() or widget}; focus is on {focus()}")


def type_text(qtbot, text):
    qtbot.keyClicks(focus(), text)


def test_new_user_completes_and_approves_a_return_with_the_keyboard_alone(window, qtbot, workspace, template):
    # the start page: partnership, year, contact, Enter
    window.start_page.ui.partnershipCombo.setFocus()
    type_text(qtbot, "Shetland Health and Social Care Partnership")
    press(qtbot, Qt.Key.Key_Tab)
    focus().selectAll()
    type_text(qtbot, "2021")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "A. Officer, a.officer@example.org")
    press(qtbot, Qt.Key.Key_Return)
    session = window.session
    assert session is not None and session.snap.label == "2021"
    page = window.proposal_page

    ratings = ["not_yet_established", "partly_established", "established", "exemplary"]
    for number, proposal in enumerate(template.proposals):
        assert window.current == proposal.id
        if proposal.local:
            tab_to(qtbot, page.cards[0])
            choice = number % 4
            press(qtbot, [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4][choice])
            tab_to(qtbot, page.ui.evidenceEdit)
            type_text(qtbot, f"Evidence for {proposal.id}: minutes of the IJB")
            tab_to(qtbot, page.ui.addActionButton)
            press(qtbot, Qt.Key.Key_Space)  # adds a row and starts editing its first cell
            type_text(qtbot, f"Action for {proposal.id}")
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Through the strategic planning group")
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Q4 21/22")
            press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)

    # after the last proposal comes the check before IJB; nothing is missing
    assert window.current == REVIEW
    review = window.review_page
    assert review.problem_count() == 0, [review.model.item(i).text() for i in range(review.model.rowCount())]

    data = workspace.rounds.load_round_by_id(session.round_id)
    rated = {r.proposal: r for r in data.responses if r.rating}
    assert len(rated) == 22
    for number, proposal in enumerate(template.proposals):
        if proposal.local:
            response = rated[proposal.id]
            assert response.rating == ratings[number % 4]
            assert response.evidence == f"Evidence for {proposal.id}: minutes of the IJB"
            assert [(a.action, a.delivery, a.timescale) for a in response.actions] == [
                (f"Action for {proposal.id}", "Through the strategic planning group", "Q4 21/22")]
            assert response.actions[0].due(data.completed_on) == date(2022, 3, 31)

    # mark ready, then record the approval in its dialog, all by keyboard
    tab_to(qtbot, review.ui.markReadyButton)
    press(qtbot, Qt.Key.Key_Space)
    assert workspace.rounds.get_round(session.round_id).status == "ready"

    problems = []

    def fill_in_the_approval_dialog():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog.ui, "minuteEdit"):
            problems.append(f"expected the approval dialog, found {dialog}")
            if dialog is not None:
                dialog.reject()
            return
        date_edit = dialog.ui.meetingDateEdit
        assert QApplication.focusWidget() is date_edit  # the dialog opens on the date
        qtbot.keyClicks(date_edit, "24/06/2021")  # typed as people write it; it replaces the shown date
        qtbot.keyClick(date_edit, Qt.Key.Key_Tab)
        for _ in range(5):
            if QApplication.focusWidget() is dialog.ui.minuteEdit:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "IJB 24 June 2021, item 6")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    tab_to(qtbot, review.ui.approveButton)
    QTimer.singleShot(200, fill_in_the_approval_dialog)
    press(qtbot, Qt.Key.Key_Space)
    assert problems == []
    info = workspace.rounds.get_round(session.round_id)
    assert (info.status, info.minute_reference) == ("approved", "IJB 24 June 2021, item 6")
    assert info.ijb_meeting_date == date(2021, 6, 24)
    assert window.ui.banner.isVisible()
