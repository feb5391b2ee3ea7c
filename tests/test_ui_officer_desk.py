"""Issue 11, "found, to fix": each defect an officer met, shown fixed through the real window."""

from __future__ import annotations

import os
import stat
from collections import Counter
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from msgdesk.domain.dates import short_date
from msgdesk.domain.return_values import ActionData
from msgdesk.ui.round.nav_model import REVIEW
from msgdesk.ui.widgets.mnemonics import letters_in, mnemonic

focus = QApplication.focusWidget


def duplicates(window) -> dict[str, list[str]]:
    taken = letters_in(window)
    counts = Counter(letter for letter, _what in taken)
    return {letter: [what for used, what in taken if used == letter] for letter, n in counts.items() if n > 1}


def test_no_alt_letter_means_two_things_on_any_page(window, qtbot, workspace, example_round):
    """Walk every page of the window (and its dialogs); each Alt+letter is used once."""
    seen_pages = []

    def check(where):
        QApplication.processEvents()
        assert duplicates(window) == {}, where
        seen_pages.append(where)

    check("start page")
    window.open_round(example_round.id)
    window.go_to("1.1")
    check("proposal page")
    national = next(p.id for p in window.template.proposals if not p.local)
    window.go_to(national)
    check("national proposal")
    window.go_to(REVIEW)
    check("check before IJB")
    window.go_to("2.3")
    window.show_find()
    check("proposal page with the find bar")
    window.find_panel.close_panel()
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    window.tracker.table.selectRow(0)
    check("tracker")
    window.ui.tabs.setCurrentWidget(window.ui.returnTab)
    # every menu's own entries, and the dialogs, each on their own
    for menu in (window.ui.menuFile, window.ui.menuEdit, window.ui.menuGo, window.ui.menuRound, window.ui.menuHelp):
        letters = [mnemonic(a.text()) for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        letters = [x for x in letters if x]
        assert len(letters) == len(set(letters)), (menu.title(), [a.text() for a in menu.actions()])
    from msgdesk.ui.round.approval_dialog import ApprovalDialog

    for dialog in (ApprovalDialog(window), window.open_print_preview(modal=False), window.show_user_guide()):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert duplicates(dialog) == {}, dialog.objectName()
        dialog.close()
    assert len(seen_pages) == 6


def test_redo_keys_are_each_bound_once():
    from PySide6.QtGui import QKeySequence

    from msgdesk.ui.main_window import unique_shortcuts

    keys = unique_shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z")
    texts = [k.toString() for k in keys]
    assert len(texts) == len(set(texts)) and {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(texts)


def test_buttons_show_where_the_keyboard_is(window, qtbot):
    """A focused button has a ring in the accent colour; the same button unfocused has none."""
    from msgdesk.ui.widgets.look import FOCUS_COLOUR

    button = window.start_page.ui.createButton

    def accent_pixels() -> int:
        image = button.grab().toImage()
        return sum(1 for x in range(image.width()) for y in range(image.height())
                   if QColor(image.pixel(x, y)) == FOCUS_COLOUR)

    window.start_page.ui.contactEdit.setFocus()
    QApplication.processEvents()
    without = accent_pixels()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert accent_pixels() - without >= 2 * (button.width() + button.height())


def test_a_focused_rating_card_never_looks_chosen(window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    page = window.proposal_page
    chosen = next(c for c in page.cards if c.property("chosen"))
    other = next(c for c in page.cards if not c.property("chosen"))
    other.setFocus()
    QApplication.processEvents()
    assert other.title_label.text().startswith("▸")  # focus said in words
    image, reference = other.grab().toImage(), chosen.grab().toImage()
    assert QColor(image.pixel(image.width() // 2, image.height() - 20)) != QColor(
        reference.pixel(reference.width() // 2, reference.height() - 20))  # no blue fill


@pytest.fixture
def date_field(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from msgdesk.ui.widgets.date_edit import DateEdit

    host = QWidget()
    layout = QVBoxLayout(host)
    before, edit, after = QLineEdit(), DateEdit(), QLineEdit()
    for widget in (before, edit, after):
        layout.addWidget(widget)
    edit.setDate(QDate(2021, 6, 24))
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    yield before, edit, after
    host.close()


@pytest.mark.parametrize("section", ["day", "month", "year"])
def test_shift_tab_and_tab_leave_a_date_field_from_any_part_of_it(qtbot, date_field, section):
    before, edit, after = date_field
    edit.setFocus()
    edit.setCurrentSection({"day": edit.Section.DaySection, "month": edit.Section.MonthSection,
                            "year": edit.Section.YearSection}[section])
    qtbot.keyClick(edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is before
    edit.setFocus()
    edit.setCurrentSection(edit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert focus() is after


@pytest.mark.parametrize("typed", ["31/02/2021", "next Tuesday", "24/13/2021", "Q4"])
def test_text_that_is_not_a_date_is_never_dropped_silently(qtbot, date_field, typed):
    before, edit, _after = date_field
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.date() == QDate(2021, 6, 24)
    assert typed in edit.rejection and "24 June 2021" in edit.rejection
    assert edit.accessibleDescription() == edit.rejection  # a screen reader hears it too
    edit.setFocus()
    qtbot.keyClicks(edit, "1/7/2021")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.date() == QDate(2021, 7, 1) and edit.rejection == ""


def _visible_in(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return (widget.isVisible() and top_left.x() >= 0 and top_left.y() >= 0
            and top_left.x() + widget.width() <= window.width() and top_left.y() + widget.height() <= window.height())


def test_at_1280x720_the_window_and_the_tracker_fit_and_the_first_action_row_shows(window, qtbot, workspace,
                                                                                   example_round):
    window.open_round(example_round.id)
    approved = workspace.rounds.create_round(example_round.partnership, "2021 with a long name for the round",
                                 previous_round_id=example_round.id, carry_forward=True)
    workspace.rounds.approve(approved.id, date(2021, 6, 24), "IJB item 6", check_confirmed=True)
    for round_id in (example_round.id, approved.id):
        window.open_round(round_id)
        for proposal in window.template.local_proposals:
            window.go_to(proposal.id)
            page = window.proposal_page
            view = page.ui.actionsView
            assert page.model.rowCount() > 0 or proposal.id not in ("1.1", "2.3")

            def first_row_shows(page=page, view=view):
                bottom = (view.mapTo(page.ui.scroll.viewport(), QPoint(0, 0)).y() + view.frameWidth()
                          + view.horizontalHeader().height() + (view.rowHeight(0) if page.model.rowCount() else 0))
                return bottom <= page.ui.scroll.viewport().height()

            try:
                qtbot.waitUntil(first_row_shows, timeout=500)
            except Exception as exc:
                ui = page.ui
                raise AssertionError((round_id, proposal.id, ui.evidenceEdit.height(), ui.ratingGroup.height(),
                                      ui.proposalLabel.height(), view.rowHeight(0), ui.scroll.viewport().height(),
                                      view.mapTo(ui.scroll.viewport(), QPoint(0, 0)).y())) from exc
            assert _visible_in(window.ui.nextButton, window)
        window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
        qtbot.wait(1)
        tracker = window.tracker
        assert window.width() <= 1280 and window.height() <= 720
        assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 720
        for button in (tracker.report_pdf, tracker.report_xlsx, tracker.clear_filters_button, tracker.as_at):
            assert _visible_in(button, window), button.text() if hasattr(button, "text") else button
        from msgdesk.ui.tracker.model import COLUMN

        header = tracker.table.horizontalHeader()
        status_right = header.sectionViewportPosition(COLUMN["status"]) + header.sectionSize(COLUMN["status"])
        assert status_right <= tracker.table.viewport().width()  # Status and Due without scrolling
        window.ui.tabs.setCurrentWidget(window.ui.returnTab)


def test_one_as_at_drives_the_table_the_counts_and_the_report(window, qtbot, workspace, example_round, tmp_path,
                                                               monkeypatch):
    for reference_day, ref in ((date(2019, 9, 30), "2019-1.1-1"), (date(2020, 3, 31), "2019-2.1-1"),
                               (date(2021, 3, 31), "2019-4.1-1")):
        action_id = next(r.action_id for r in workspace.tracking.rows(example_round.id) if r.reference == ref)
        workspace.tracking.set_due_date(action_id, reference_day, "agreed", today=date(2019, 6, 1),
                                        on_date=date(2019, 6, 1))
    window.open_round(example_round.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    tracker = window.tracker
    from msgdesk.tracker.report import build_report

    for as_at, overdue in ((date(2019, 6, 1), 0), (date(2020, 1, 1), 1), (date(2020, 6, 1), 2), (date(2022, 1, 1), 3)):
        tracker.as_at.setDate(QDate(as_at.year, as_at.month, as_at.day))
        assert f"{overdue} overdue on {short_date(as_at)}" in tracker.count.text()
        assert sum(1 for r in tracker.model.rows() if tracker.model.rag_of(r).overdue) == overdue
        tracker.overdue_filter.setChecked(True)
        assert tracker.proxy.rowCount() == overdue
        tracker.overdue_filter.setChecked(False)
        report = build_report(workspace, example_round.id, as_at)
        assert sum(1 for item in report.items if item.rag.overdue) == overdue
        out = tmp_path / f"report-{as_at}.pdf"
        assert tracker.save_report("pdf", str(out)) == str(out)
        with pdfplumber.open(out) as pdf:
            assert f"{as_at.day} {as_at:%B %Y}" in pdf.pages[0].extract_text() or \
                f"{as_at:%d %B %Y}" in pdf.pages[0].extract_text()



def test_dates_are_not_made_up(window, qtbot, workspace, example_round):
    from msgdesk.ui.round.approval_dialog import ApprovalDialog

    start = window.start_page
    assert not start.ui.completedEdit.has_date() and start.ui.completedEdit.text() == "Not completed yet"
    dialog = ApprovalDialog(window)
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.ui.meetingDateEdit.has_date() and not ok.isEnabled()
    dialog.ui.minuteEdit.setText("Item 6")
    assert not ok.isEnabled()
    dialog.ui.meetingDateEdit.setDate(QDate(2021, 6, 24))
    assert ok.isEnabled()
    # the due-date editor of an action without a date opens on the date of completion, not today
    info = workspace.rounds.create_round("Orkney Health and Care", "2021", completed_on=date(2021, 4, 30))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="Audit"))
    window.open_round(info.id)
    page = window.proposal_page
    from msgdesk.ui.round.actions_model import DUE_COLUMN

    assert page.model.index(0, DUE_COLUMN).data(Qt.ItemDataRole.EditRole) == QDate(2021, 4, 30)
    # New round offers the partnership that is open, not another one
    window.open_round(example_round.id)
    window.show_start()
    assert start.ui.partnershipCombo.currentText() == example_round.partnership


def test_carried_forward_actions_show_where_they_came_from_and_numbers_match_the_appendix(window, qtbot, workspace,
                                                                                        example_round):
    new = workspace.rounds.create_round(example_round.partnership, "2021", completed_on=date(2021, 4, 30),
                            previous_round_id=example_round.id, carry_forward=True)
    workspace.rounds.add_action(new.id, "2.3", ActionData(action="A new one for 2021", timescale="March 2022"))
    window.open_round(new.id)
    window.go_to("2.3")
    model = window.proposal_page.model
    rows = model.rowCount()
    assert rows >= 3
    for row in range(rows - 1):
        assert model.headerData(row, Qt.Orientation.Vertical) == f"{row + 1}\nfrom 2019"
        assert "2019-2.3-" in model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(rows - 1, Qt.Orientation.Vertical) == str(rows)  # new in 2021: no mark
    # the tracker's No. is the action's number under its proposal in the appendix
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    tracker = window.tracker
    data = workspace.rounds.load_round_by_id(new.id)
    from msgdesk.ui.tracker.model import COLUMN

    for r in range(tracker.model.rowCount()):
        row = tracker.model.row_at(r)
        texts = [a.action for a in data.response(row.proposal_id).actions]
        number = tracker.model.index(r, COLUMN["number"]).data()
        assert texts[int(number) - 1] == row.text, row.reference


def test_tracker_filters_do_not_follow_you_into_another_round(window, qtbot, workspace, example_round):
    other = workspace.rounds.create_round("Orkney Health and Care", "2021")
    workspace.rounds.add_action(other.id, "1.1", ActionData(action="Audit"))
    window.open_round(example_round.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    tracker = window.tracker
    tracker.search.setText("Scottish Government")
    tracker.rag_filter.setCurrentIndex(tracker.rag_filter.findData("needs_date"))
    assert tracker.proxy.rowCount() < tracker.model.rowCount()
    window.ui.tabs.setCurrentWidget(window.ui.returnTab)
    window.open_round(other.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    assert tracker.current_filters().is_empty() and tracker.search.text() == ""
    assert tracker.proxy.rowCount() == tracker.model.rowCount() == 1


def test_export_dialogs_remember_the_folder_check_the_name_and_share_the_file(window, qtbot, workspace, example_round,
                                                                             tmp_path, monkeypatch, settings):
    from msgdesk.ui import file_menu

    window.open_round(example_round.id)
    asked = []
    answers = []
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, pattern: (asked.append(start), answers.pop(0))[1]))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    monkeypatch.setattr(file_menu, "offer_to_open", lambda parent, path: None)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    # never the program's working folder: Documents (or home) the first time
    folder = tmp_path / "committee papers"
    folder.mkdir()
    missing = tmp_path / "no such folder" / "x.pdf"
    answers[:] = [(str(folder / "appendix.xlsx"), ""), (str(missing), ""), (str(folder / "appendix"), "")]
    old = os.umask(0o022)
    try:
        window._export("pdf")
    finally:
        os.umask(old)
    assert not Path(asked[0]).parent.samefile(Path.cwd()) or Path.cwd() == Path.home()
    assert "ends in .xlsx" in warnings[0] and "appendix.pdf" in warnings[0]
    assert "does not exist" in warnings[1] and not missing.parent.exists()  # not created behind the user's back
    written = folder / "appendix.pdf"
    assert written.exists() and stat.S_IMODE(written.stat().st_mode) == 0o644  # readable by the committee
    with pdfplumber.open(written) as pdf:
        assert len(pdf.pages) > 10
    # the next export starts in the folder used last
    answers[:] = [(str(folder / "return.json"), "")]
    window._export("json")
    assert Path(asked[-1]).parent == folder
    assert (folder / "return.json").exists() and stat.S_IMODE((folder / "return.json").stat().st_mode) & 0o044


def test_reopening_with_an_empty_reason_says_why_nothing_happened(window, qtbot, workspace, example_round, monkeypatch):
    workspace.rounds.approve(example_round.id, date(2019, 5, 30), "IJB item 7", check_confirmed=True)
    window.open_round(example_round.id)
    answers = [("", True), ("   ", True), ("", False)]
    told = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: answers.pop(0)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text, *a: told.append(text)))
    window.reopen()
    assert len(told) == 2 and all("needs a reason" in t for t in told)
    assert workspace.rounds.get_round(example_round.id).status == "approved"


def test_a_deleted_action_says_so_with_an_undo(window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    window.go_to("1.3")
    page = window.proposal_page
    before = [a.action for _id, a in window.session.actions("1.3")]
    page.ui.actionsView.setCurrentIndex(page.model.index(1, 0))
    qtbot.mouseClick(page.ui.deleteActionButton, Qt.MouseButton.LeftButton)
    assert page.deleted_note.isVisible() and page.deleted_label.text() == "Action 2 deleted."
    assert [a.action for a in workspace.rounds.load_round_by_id(example_round.id).response("1.3").actions] == \
        before[:1] + before[2:]
    qtbot.mouseClick(page.undo_delete_button, Qt.MouseButton.LeftButton)
    assert not page.deleted_note.isVisible()
    assert [a.action for a in workspace.rounds.load_round_by_id(example_round.id).response("1.3").actions] == before


def test_national_proposals_explain_themselves(window, qtbot, example_round):
    window.open_round(example_round.id)
    national = next(p.id for p in window.template.proposals if not p.local)
    window.go_to(national, focus=True)
    label = window.proposal_page.ui.nationalLabel
    assert label.isVisible() and "nothing to rate" in label.text() and focus() is label
    assert not window.proposal_page.ui.ratingGroup.isVisible()
