"""The whole story by keyboard alone, as a new officer would do it: create a round, open
every menu with Alt, rate all 22 proposals straight after every kind of page change
(Ctrl+PgDown from the evidence, from an action cell being edited, from a national
proposal, the Next button, the proposal list, Find, undo), undo and redo, find in the
return, take a spelling suggestion, preview the appendix's pages, see the check before
IJB empty and record the IJB's approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from msgdesk.ui.round.nav_model import REVIEW
from msgdesk.ui.round.rating_card import RatingCard

focus = QApplication.focusWidget
KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
RATINGS = ["not_yet_established", "partly_established", "established", "exemplary"]


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(), key, modifier)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        qtbot.wait(5)  # Qt closes a cell editor on Enter through a queued call, as between real keystrokes


def tab_to(qtbot, widget, limit=25):
    seen = []
    for _ in range(limit):
        seen.append(f"{type(focus()).__name__} {focus().objectName() or focus().accessibleName()}")
        if focus() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName() or widget}; focus went {seen}")


def type_text(qtbot, text):
    qtbot.keyClicks(focus(), text)


def when_modal(qtbot, act, problems, wanted=lambda widget: True, timeout=5000):
    """Run ``act(widget)`` on the popup or modal dialog that the next key press opens
    (the first one ``wanted`` accepts: a progress dialog may come before it)."""
    timer = QTimer()
    timer.setInterval(50)
    waited = []

    def run():
        widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if widget is None or not wanted(widget):
            waited.append(1)
            if len(waited) * 50 > timeout:
                timer.stop()
                problems.append(f"nothing wanted opened (saw {widget})")
            return
        # a modal dialog is acted on once it has the keyboard, as a person would wait for it
        # to open (on a busy machine, showing it and activating it are a few events apart)
        settling = QApplication.activePopupWidget() is None and QApplication.activeWindow() is not widget
        # a popup menu is acted on once it is on screen: a key pressed before the window system has
        # shown it leaves its delayed activation to arrive after it has closed, and Qt then makes
        # the closed menu the active window, so the main window's shortcuts (Ctrl+P) stop working
        window = widget.windowHandle()
        settling = settling or window is None or not window.isExposed()
        if settling and len(waited) * 50 <= timeout:
            waited.append(1)
            return
        timer.stop()
        try:
            act(widget)
        except AssertionError as exc:  # reported after the modal loop ends
            problems.append(str(exc))
            widget.close()
    timer.timeout.connect(run)
    timer.start()
    qtbot._keep_timer = timer  # alive until the modal loop has run


def rating_of(window, proposal_id):
    return window.session.response(proposal_id).rating


def test_new_user_completes_and_approves_a_return_with_the_keyboard_alone(window, qtbot, workspace, template):
    problems: list[str] = []
    # the start page: partnership, year, contact, date of completion, Enter
    window.start_page.ui.partnershipCombo.setFocus()
    type_text(qtbot, "Shetland Health and Social Care Partnership")
    press(qtbot, Qt.Key.Key_Tab)
    focus().selectAll()
    type_text(qtbot, "2021")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "A. Officer, a.officer@example.org")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is window.start_page.ui.completedEdit
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab leaves the date field
    assert focus() is window.start_page.ui.contactEdit
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "30/04/2021")
    press(qtbot, Qt.Key.Key_Return)
    session = window.session
    assert session is not None and session.snap.label == "2021"
    assert session.snap.completed_on == date(2021, 4, 30)
    page = window.proposal_page

    # every menu opens with Alt and its letter, and Escape closes it
    for letter, menu in ((Qt.Key.Key_F, window.ui.menuFile), (Qt.Key.Key_E, window.ui.menuEdit),
                         (Qt.Key.Key_G, window.ui.menuGo), (Qt.Key.Key_O, window.ui.menuRound),
                         (Qt.Key.Key_H, window.ui.menuHelp)):
        qtbot.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda m=menu: QApplication.activePopupWidget() is m, timeout=1000)
        qtbot.wait(20)  # (a person reads the menu before closing it)
        qtbot.keyClick(menu, Qt.Key.Key_Escape)  # closes the menu; the menu bar keeps the keyboard
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=1000)
        assert focus() is window.ui.menubar
        qtbot.keyClick(focus(), Qt.Key.Key_Escape)  # a second Escape leaves the menu bar
        qtbot.wait(20)
    assert isinstance(focus(), RatingCard) and QApplication.activeWindow() is window

    locals_seen = 0
    for number, proposal in enumerate(template.proposals):
        assert window.current == proposal.id
        page = window.proposal_page  # each proposal has its own page
        if not proposal.local:
            # a national proposal: its note has the focus, Ctrl+PgDown goes on
            assert focus() is page.ui.nationalLabel
            press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
            continue
        locals_seen += 1
        choice = number % 4
        # straight after the page change, 1-4 rate: no Tab needed
        assert isinstance(focus(), RatingCard), f"{proposal.id}: focus on {focus()}"
        press(qtbot, KEYS[choice])
        assert rating_of(window, proposal.id) == RATINGS[choice]
        tab_to(qtbot, page.ui.evidenceEdit)
        type_text(qtbot, f"Evidence for {proposal.id}: minutes of the IJB")
        if locals_seen % 3 == 0:
            press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # from the evidence box
            press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # and back, by keyboard
            assert window.current == proposal.id and isinstance(focus(), RatingCard)
            tab_to(qtbot, page.ui.evidenceEdit)
        tab_to(qtbot, page.ui.addActionButton)
        press(qtbot, Qt.Key.Key_Space)  # adds a row and starts editing its first cell
        type_text(qtbot, f"Action for {proposal.id}")
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Through the strategic planning group")
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Q4 21/22")
        if locals_seen % 2 == 0 or locals_seen == 5:
            press(qtbot, Qt.Key.Key_Return)  # Ctrl+PgDown from the actions table

        # else: Ctrl+PgDown while the timescale cell is still being edited (it is saved)
        if locals_seen == 5:
            # the Next button is a page change too
            tab_to(qtbot, window.ui.nextButton)
            press(qtbot, Qt.Key.Key_Space)
        else:
            press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)

    # after the last proposal comes the check before IJB
    assert window.current == REVIEW
    data = workspace.rounds.load_round_by_id(session.round_id)
    rated = {r.proposal: r for r in data.responses if r.rating}
    assert len(rated) == 22
    for number, proposal in enumerate(template.proposals):
        if proposal.local:
            response = rated[proposal.id]
            assert response.rating == RATINGS[number % 4]
            assert response.evidence == f"Evidence for {proposal.id}: minutes of the IJB"
            assert [(a.action, a.delivery, a.timescale) for a in response.actions] == [
                (f"Action for {proposal.id}", "Through the strategic planning group", "Q4 21/22")]
            assert response.actions[0].due(data.completed_on) == date(2022, 3, 31)

    # the proposal list: Ctrl+L, arrow to a proposal, 1-4 rate it with the focus left in the list
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert focus() is window.ui.navView
    while window.current != "1.2":
        press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_4)
    assert rating_of(window, "1.2") == "exemplary" and focus() is window.ui.navView

    # undo and redo from the keyboard: Ctrl+Z, then Ctrl+Y and Ctrl+Shift+Z (each once, not ambiguous)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rating_of(window, "1.2") == RATINGS[1 % 4]
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert rating_of(window, "1.2") == "exemplary"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert rating_of(window, "1.2") == "exemplary"
    assert workspace.rounds.load_round_by_id(session.round_id).response("1.2").rating == "exemplary"
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "1.3"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # an undo shows its proposal,
    assert window.current == "1.2" and isinstance(focus(), RatingCard)  # with the focus on its rating
    press(qtbot, KEYS[1])
    assert rating_of(window, "1.2") == RATINGS[1]

    # Find: Ctrl+F, type, Enter jumps to the hit; Enter again to the next; Esc back to the rating
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = window.find_panel
    assert focus() is find.edit
    type_text(qtbot, "evidence for 2.")
    press(qtbot, Qt.Key.Key_Return)
    assert len(find.hits) == 6 and window.current == "2.1"  # 2.1-2.6, each listed with its proposal
    page = window.proposal_page  # 2.1's own page
    assert page.ui.evidenceEdit.textCursor().selectedText().casefold() == "evidence for 2."
    press(qtbot, Qt.Key.Key_Return)
    assert window.current == "2.2"
    assert find.results.item(1).text().startswith("2.2 evidence:")
    press(qtbot, Qt.Key.Key_Escape)
    assert not find.isVisible() and isinstance(focus(), RatingCard)
    press(qtbot, KEYS[3])
    assert rating_of(window, "2.2") == "exemplary"

    # spelling: a misspelt word in the evidence, F7 offers suggestions, Enter takes the first
    page = window.proposal_page  # 2.2's own page
    tab_to(qtbot, page.ui.evidenceEdit)
    page.ui.evidenceEdit.moveCursor(page.ui.evidenceEdit.textCursor().MoveOperation.End)
    type_text(qtbot, " and the recieved minutes.")

    def take_first_suggestion(menu):
        assert isinstance(menu, QMenu), menu
        first = menu.actions()[0]
        assert first.text() == "received", [a.text() for a in menu.actions()[:4]]
        assert menu.activeAction() is first
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    when_modal(qtbot, take_first_suggestion, problems)
    page.ui.evidenceEdit.moveCursor(page.ui.evidenceEdit.textCursor().MoveOperation.Start)
    press(qtbot, Qt.Key.Key_F7)
    assert problems == []
    assert page.ui.evidenceEdit.toPlainText().endswith("and the received minutes.")
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # saves on leaving
    assert workspace.rounds.load_round_by_id(session.round_id).response("2.2").evidence.endswith("received minutes.")

    # print preview: Ctrl+P shows the appendix's real pages; Esc closes it
    seen = {}

    def look_at_the_preview(dialog):
        assert dialog.objectName() == "printPreview", dialog
        seen["pages"] = len(dialog.labels)
        qtbot.waitUntil(lambda: dialog.labels[0].pixmap() is not None and not dialog.labels[0].pixmap().isNull(),
                        timeout=3000)
        seen["print"] = dialog.print_button.isDefault()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(qtbot, look_at_the_preview, problems, wanted=lambda w: w.objectName() == "printPreview")
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert problems == []
    assert seen["pages"] >= 10 and seen["print"]
    qtbot.waitUntil(lambda: focus() is not None, timeout=1000)  # the keyboard is back in the window

    # the check before IJB: nothing missing
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.review_page
    assert window.current == REVIEW
    assert review.problem_count() == 0, review.problem_texts()

    # mark ready, then record the approval in its dialog, all by keyboard
    tab_to(qtbot, review.ui.markReadyButton)
    press(qtbot, Qt.Key.Key_Space)
    assert workspace.rounds.get_round(session.round_id).status == "ready"

    def fill_in_the_approval_dialog(dialog):
        assert hasattr(dialog, "ui") and hasattr(dialog.ui, "minuteEdit"), f"expected the approval dialog: {dialog}"
        date_edit = dialog.ui.meetingDateEdit
        assert QApplication.focusWidget() is date_edit  # the dialog opens on the date
        assert not date_edit.has_date()  # no made-up date: today is rarely the meeting's
        qtbot.keyClicks(date_edit, "24/06/2021")  # typed as people write it
        qtbot.keyClick(date_edit, Qt.Key.Key_Tab)
        for _ in range(5):
            if QApplication.focusWidget() is dialog.ui.minuteEdit:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "IJB 24 June 2021, item 6")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    tab_to(qtbot, review.ui.approveButton)
    when_modal(qtbot, fill_in_the_approval_dialog, problems)
    press(qtbot, Qt.Key.Key_Space)
    assert problems == []
    info = workspace.rounds.get_round(session.round_id)
    assert (info.status, info.minute_reference) == ("approved", "IJB 24 June 2021, item 6")
    assert info.ijb_meeting_date == date(2021, 6, 24)
    assert window.ui.banner.isVisible()
    assert review.problem_count() == 0 and "nothing left to check" in review.ui.summaryLabel.text()
