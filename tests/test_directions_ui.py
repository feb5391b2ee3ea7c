"""The Directions tab in the real window (pytest-qt): an officer drafts, issues, varies,
revokes and completes directions with the keyboard alone and prints the log; the table
sorts and filters; the chain of supersession shows both ways; Alt letters stay unique;
proposal 4.4's page puts the log's summary into the evidence with one click."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import msgdesk.ui.directions.summary as summary_module
from msgdesk.domain.states import DirectionStatus
from tests.test_directions_reports import pages_text
from tests.test_ui_keyboard_story import focus, press, type_text, when_modal
from tests.test_ui_officer_desk import duplicates

P = "North Ayrshire Health and Social Care Partnership"


def load_example_log_into(workspace) -> None:
    from msgdesk.directions.file import read_directions_file
    from msgdesk.paths import resource_path
    from msgdesk.ui.directions.view import EXAMPLE, EXAMPLE_BODIES

    data = read_directions_file(resource_path(*EXAMPLE))
    workspace.directions.import_file(data)
    workspace.directions.set_bodies(data.partnership, health_board=EXAMPLE_BODIES.health_board,
                                    local_authority=EXAMPLE_BODIES.local_authority)


def open_directions(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the tab's letter
    qtbot.waitUntil(lambda: window.directions is not None and window.directions.isVisible(), timeout=3000)
    return window.directions


def by_menu(qtbot, window, letter, problems, act=None):
    """Alt+I opens the Directions menu; ``letter`` picks the entry; ``act`` runs on the dialog it opens."""
    if act is not None:
        when_modal(qtbot, act, problems, wanted=lambda w: isinstance(w, QDialog))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.directions_tab.menu, timeout=2000)
    qtbot.keyClick(window.directions_tab.menu, letter)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None and QApplication.activePopupWidget() is None,
                    timeout=5000)
    # the keyboard is back in the window, on the table (as between a person's keystrokes)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and focus() is window.directions.table, timeout=2000)
    assert problems == [], problems


def typed(qtbot, text, then=Qt.Key.Key_Tab):
    type_text(qtbot, text)
    if then is not None:
        press(qtbot, then)


def draft_by_keyboard(qtbot, reference, title, resource="1,250,000.50", milestone=("Pilot in Arran", "Q4 2026/27")):
    def fill(dialog):
        assert focus() is dialog.reference  # the form opens on the log reference
        focus().selectAll()
        typed(qtbot, reference)
        typed(qtbot, title)
        type_text(qtbot, "Care at home services")
        press(qtbot, Qt.Key.Key_Return)
        typed(qtbot, "Reablement")
        press(qtbot, Qt.Key.Key_Space)  # Issued to: the Health Board
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Space)  # and the Local Authority
        press(qtbot, Qt.Key.Key_Tab)
        typed(qtbot, "19/11/2026")  # IJB meeting
        typed(qtbot, "Care at home redesign")
        typed(qtbot, "IJB 19/11/2026 item 5")
        typed(qtbot, "Start every new package of care at home with reablement.")
        typed(qtbot, "Fewer long-term packages.")
        typed(qtbot, resource)
        press(qtbot, Qt.Key.Key_Down)  # basis: a payment
        press(qtbot, Qt.Key.Key_Tab)
        typed(qtbot, "By 31 March 2027")
        typed(qtbot, "31/03/2027")  # review date
        assert focus() is dialog.milestones
        press(qtbot, Qt.Key.Key_Tab)
        assert focus() is dialog.add_milestone
        press(qtbot, Qt.Key.Key_Space)  # a row, editing its first cell
        typed(qtbot, milestone[0])
        typed(qtbot, milestone[1], then=Qt.Key.Key_Return)
        dialog.reference.setFocus()
        press(qtbot, Qt.Key.Key_Return)  # Save draft, the default button
    return fill


def dated(qtbot, day, text=None):
    def fill(dialog):
        assert focus() is dialog.on_date
        type_text(qtbot, day)
        if text is None:
            press(qtbot, Qt.Key.Key_Return)
            return
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
        if dialog.author is not None:
            press(qtbot, Qt.Key.Key_Tab)
        while focus() is not dialog.buttons.button(dialog.buttons.StandardButton.Ok):
            press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Space)
    return fill


def test_an_officer_drafts_issues_varies_revokes_completes_and_prints_the_log_by_keyboard(
        window, qtbot, workspace, example_round, tmp_path, monkeypatch):
    problems: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: problems.append(text))
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    assert view.partnership == P and view.model.rowCount() == 0
    d = workspace.directions

    # draft and issue NAIJB-2026-01
    by_menu(qtbot, window, Qt.Key.Key_N, problems, draft_by_keyboard(qtbot, "NAIJB-2026-01", "Care at home redesign"))
    first = d.find(P, "NAIJB-2026-01")
    assert first.data.issued_on is None and first.data.resource_pence == 125_000_050
    assert first.data.issued_to == ("health_board", "local_authority")
    assert first.data.functions == ["Care at home services", "Reablement"]
    assert [(m.milestone, m.timescale) for m in first.data.milestones] == [("Pilot in Arran", "Q4 2026/27")]
    assert view.selected().reference == "NAIJB-2026-01"
    by_menu(qtbot, window, Qt.Key.Key_I, problems, dated(qtbot, "26/11/2026"))
    assert d.find(P, "NAIJB-2026-01").data.issued_on == date(2026, 11, 26)
    assert view.selected().status.status is DirectionStatus.IN_FORCE
    assert view.issue_button.isHidden() and view.vary_button.isEnabled()

    # vary it: the new draft comes pre-filled; a new IJB decision and more resource, then issued
    def vary(dialog):
        assert dialog.reference.text() == "NAIJB-2026-02"  # the log's next number
        assert dialog.title.text() == "Care at home redesign"
        while focus() is not dialog.ijb_meeting:
            press(qtbot, Qt.Key.Key_Tab)
        typed(qtbot, "27/11/2026")
        while focus() is not dialog.resource:
            press(qtbot, Qt.Key.Key_Tab)
        focus().selectAll()
        typed(qtbot, "1500000")
        dialog.reference.setFocus()
        press(qtbot, Qt.Key.Key_Return)

    by_menu(qtbot, window, Qt.Key.Key_V, problems, vary)
    second = d.find(P, "NAIJB-2026-02")
    assert second.data.supersedes == "NAIJB-2026-01" and second.data.resource_pence == 150_000_000
    assert view.later_button.isHidden() and not view.earlier_button.isHidden()
    by_menu(qtbot, window, Qt.Key.Key_I, problems, dated(qtbot, "28/11/2026"))
    assert d.find(P, "NAIJB-2026-01").superseded_by.reference == "NAIJB-2026-02"

    # the chain both ways: Back from the later, then Superseded by from the earlier
    assert view.selected().reference == "NAIJB-2026-02"
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # a mnemonic clicks after 100 ms
    qtbot.waitUntil(lambda: view.selected().reference == "NAIJB-2026-01", timeout=2000)
    assert view.selected().status.describe() == "Superseded by NAIJB-2026-02 on 28 November 2026"
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.selected().reference == "NAIJB-2026-02", timeout=2000)

    # revoke the variation, with its reason
    by_menu(qtbot, window, Qt.Key.Key_R, problems,
            dated(qtbot, "29/11/2026", "The IJB decided to fund this through the winter plan instead"))
    revoked = d.find(P, "NAIJB-2026-02")
    assert revoked.data.revoked_on == date(2026, 11, 29)
    assert revoked.data.revoked_reason == "The IJB decided to fund this through the winter plan instead"

    # a third direction: a delivery issue, a progress update, its milestone met, then completed
    by_menu(qtbot, window, Qt.Key.Key_N, problems,
            draft_by_keyboard(qtbot, "NAIJB-2026-03", "Arran out-of-hours", "85000", ("Rota agreed", "30/11/2026")))
    by_menu(qtbot, window, Qt.Key.Key_I, problems, dated(qtbot, "27/11/2026"))
    by_menu(qtbot, window, Qt.Key.Key_V, problems, lambda dialog: dialog.reject())
    assert d.find(P, "NAIJB-2026-03").varied_by_drafts == ()  # Vary… cancelled: nothing drafted

    def milestone(dialog):
        assert focus() is dialog.choice
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "30/11/2026")
        press(qtbot, Qt.Key.Key_Return)

    by_menu(qtbot, window, Qt.Key.Key_S, problems, dated(qtbot, "28/11/2026", "Two island posts still vacant"))
    by_menu(qtbot, window, Qt.Key.Key_U, problems, dated(qtbot, "29/11/2026", "Agency cover in place"))
    by_menu(qtbot, window, Qt.Key.Key_M, problems, milestone)
    by_menu(qtbot, window, Qt.Key.Key_C, problems, dated(qtbot, "30/11/2026"))
    done = d.find(P, "NAIJB-2026-03").data
    assert [(e.text, e.author) for e in done.delivery_issues] == [("Two island posts still vacant", workspace.user)]
    assert [e.text for e in done.updates] == ["Agency cover in place"]
    assert done.milestones[0].achieved_on == date(2026, 11, 30) and done.completed_on == date(2026, 11, 30)
    assert view.selected().status.describe() == "Completed on 30 November 2026"

    # print the log as at today: Alt+I, P, a file name chosen
    pdf = tmp_path / "directions log.pdf"
    monkeypatch.setattr("msgdesk.ui.file_menu.ask_save_path", lambda *a, **k: str(pdf))
    by_menu(qtbot, window, Qt.Key.Key_P, problems)
    text = " ".join(" ".join(pages_text(pdf.read_bytes())).split())
    assert "Superseded by NAIJB-2026-02 on 28 November 2026" in text
    assert "Revoked on 29 November 2026 (The IJB decided to fund this through the winter plan instead)" in text
    assert "Completed on 30 November 2026" in text and "DRAFT" not in text
    assert "Page 1 of" in text
    assert problems == []


def test_the_tab_filters_sorts_and_loads_the_example(window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    view.load_example()
    assert view.model.rowCount() == 14 and view.bodies.health_board == "NHS Ayrshire & Arran"
    assert view.proxy.item_at(0).reference == "NAIJB-2024-08"  # overdue first
    view.overdue_filter.setChecked(True)
    assert {view.proxy.item_at(r).reference for r in range(view.proxy.rowCount())} == {
        "NAIJB-2024-08", "NAIJB-2024-05", "NAIJB-2024-03", "NAIJB-2025-02"}
    view.clear_filters()
    view.status_filter.setCurrentIndex(view.status_filter.findData("revoked"))
    assert view.proxy.rowCount() == 1 and view.proxy.item_at(0).reference == "NAIJB-2024-07"
    view.clear_filters()
    view.partner_filter.setCurrentIndex(view.partner_filter.findData("jointly"))
    assert view.proxy.rowCount() == 3
    view.clear_filters()
    view.rag_filter.setCurrentIndex(view.rag_filter.findData("amber"))
    assert [view.proxy.item_at(r).reference for r in range(view.proxy.rowCount())] == ["NAIJB-2026-03"]
    view.clear_filters()
    view.resource_filter.setCurrentIndex(view.resource_filter.findData("set_aside"))
    assert [view.proxy.item_at(r).reference for r in range(view.proxy.rowCount())] == ["NAIJB-2024-03"]
    view.clear_filters()
    view.search.setText("arran island")
    assert view.proxy.rowCount() == 1
    view.clear_filters()
    from msgdesk.ui.directions.model import COLUMN

    view.table.sortByColumn(COLUMN["resource"], Qt.SortOrder.DescendingOrder)
    assert view.proxy.item_at(0).reference == "NAIJB-2026-01"  # £169,220,000.00, the largest
    assert view.proxy.index(0, COLUMN["resource"]).data() == "£169,220,000.00"
    view.table.sortByColumn(COLUMN["overdue"], Qt.SortOrder.DescendingOrder)
    assert view.proxy.item_at(0).reference == "NAIJB-2024-08"
    view.load_example()  # a second time: nothing doubled
    assert view.model.rowCount() == 14
    # as at an earlier day the statuses change with it
    view.as_at_edit.setDate(view.as_at_edit.date().addYears(-2))
    assert view.model.rowCount() == 14


def test_no_alt_letter_means_two_things_on_the_directions_tab_or_its_dialogs(window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    view.load_example()
    workspace = view.workspace  # the example's throwaway database
    for reference in ("NAIJB-2025-02", "NAIJB-2024-01"):
        view.select_reference(reference)
        QApplication.processEvents()
        assert duplicates(window) == {}, reference
    draft = workspace.directions.create_draft(P, workspace.directions.find(P, "NAIJB-2026-03").data.__class__(
        "NAIJB-2026-09", "A draft", ["F"], (), "x"))
    view.reload(keep=draft.id)
    QApplication.processEvents()
    assert not view.issue_button.isHidden() and duplicates(window) == {}
    letters = [a.text() for a in window.directions_tab.menu.actions() if not a.isSeparator()]
    from msgdesk.ui.widgets.mnemonics import mnemonic

    assert len({mnemonic(t) for t in letters}) == len(letters), letters
    from msgdesk.directions.values import Bodies
    from msgdesk.ui.directions.dialogs import ActDialog, DirectionDialog

    dialogs = [DirectionDialog(view, Bodies("NHS Ayrshire & Arran", ""), lambda d: None),
               ActDialog(view, "t", "i", lambda d: None, today=date(2026, 12, 1), date_label="&Dated",
                         text_label="&Update", author="me")]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert duplicates(dialog) == {}, dialog.objectName()
        assert "&&" not in dialogs[0].to_health_board.text().replace("&&", "") and \
            dialogs[0].to_health_board.text() == "NHS Ayrshire && Arran"
        dialog.close()
    # screen readers: every input on the tab has a name
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView

    for kind in (QComboBox, QLineEdit, QPlainTextEdit, QTableView, QAbstractButton):
        for widget in view.findChildren(kind):
            inner = widget.objectName().startswith("qt_")  # a date field's own line edit, etc.
            if widget.isVisible() and not inner and not isinstance(widget.parent(), QComboBox):
                assert widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text()), widget


def test_the_directions_summary_goes_into_the_evidence_of_proposal_4_4_in_one_click(window, qtbot, workspace,
                                                                                     example_round):
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    load_example_log_into(workspace)  # the officer's own log (the example button opens a throwaway one)
    view.set_workspace(workspace)
    window.ui.tabs.setCurrentWidget(window.ui.returnTab)
    window.go_to("4.1")
    summary = window.proposal_page.directions_summary  # 4.1's page has none (made on 4.4's only)
    assert summary is None or not summary.isVisible()
    window.go_to("4.4")
    summary = window.proposal_page.directions_summary  # 4.4's own page
    assert summary.isVisible() and "7 in force, £331,090,000.00 committed" in summary.label.text()
    before = window.session.response("4.4").evidence
    qtbot.mouseClick(summary.button, Qt.MouseButton.LeftButton)
    window.flush_edits()
    saved = workspace.rounds.load_round_by_id(example_round.id).response("4.4").evidence
    assert saved.startswith(before) and "7 directions in force, committing £331,090,000.00" in saved
    assert saved.endswith("The log is reviewed by the IJB and the Performance and Audit Committee.")
    window.session.undo_stack.undo()  # like anything typed, it can be undone
    window.flush_edits()
    assert workspace.rounds.load_round_by_id(example_round.id).response("4.4").evidence == before


def test_a_refused_change_keeps_the_form_open_with_what_was_typed(window, qtbot, workspace, example_round,
                                                                  monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    from msgdesk.directions.values import Direction
    from msgdesk.ui.directions.dialogs import DirectionDialog

    saved = []

    def save(dialog):
        saved.append(workspace.directions.create_draft(P, dialog.direction()))
        return saved[-1]

    dialog = DirectionDialog(view, view.bodies, save, Direction("NAIJB-1", "Title", [], (), ""))
    dialog.resource.setText("12.345")
    dialog._ok()
    assert shown[-1] == "resource: an amount has at most two decimal places (pence), found '12.345'"
    assert dialog.isVisible() or dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.resource.text() == "12.345" and saved == []
    dialog.resource.setText("£1,234.50")
    dialog._ok()
    assert saved[0].data.resource_pence == 123_450


def test_the_tab_fits_1280x720(window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    view = open_directions(window, qtbot)
    view.load_example()
    QApplication.processEvents()
    # also at 150% on a 1280x720 screen, which leaves 853 x 480 points
    assert window.width() <= 1280 and window.minimumSizeHint().width() <= 1280 / 1.5
    assert view.table.isVisible() and view.log_xlsx.geometry().right() <= view.width()


def test_the_example_log_opens_in_a_throwaway_database_clearly_labelled_and_never_enters_the_users_file(
        window, qtbot, workspace, example_round):
    """Issue 21 item 6: before, 14 issued North Ayrshire directions went into the officer's
    database, where issued ones can never be deleted."""
    from tests.dbdump import dump

    window.open_round(example_round.id)
    before = dump(workspace.path)
    view = open_directions(window, qtbot)
    view.load_example()
    assert view.model.rowCount() == 14
    assert view.example_banner.isVisible() and "EXAMPLE" in view.example_banner.text()
    assert view.leave_example_button.isVisible()
    example_path = view.workspace.path
    assert example_path != workspace.path and example_path.exists()
    assert workspace.directions.list_directions(P) == []
    assert dump(workspace.path) == before  # nothing of the example in the user's file
    view.load_example()  # again: the same throwaway log, nothing doubled
    assert view.model.rowCount() == 14
    qtbot.mouseClick(view.leave_example_button, Qt.MouseButton.LeftButton)
    assert view.workspace is workspace and not view.example_banner.isVisible()
    assert view.model.rowCount() == 0 and workspace.directions.list_directions(P) == []
    assert not example_path.exists()  # thrown away
    assert dump(workspace.path) == before


def test_coming_back_to_4_4_shows_the_last_reading_at_once_and_reads_the_log_again_only_if_it_stays(
        window, qtbot, workspace, example_round, monkeypatch):
    # issue 22: reading the log on every turn onto 4.4 made it the slowest turn; it is read
    # again only when the officer stays on the page, and a log changed meanwhile still shows
    import msgdesk.directions.log as log_module

    reads: list[str] = []
    real_read_log = log_module.read_log

    def counted(*args, **kwargs):
        reads.append("read")
        return real_read_log(*args, **kwargs)

    monkeypatch.setattr(log_module, "read_log", counted)
    window.open_round(example_round.id)
    window.go_to("4.4")
    summary = window.proposal_page.directions_summary
    assert summary.isVisible() and "No direction is in the log yet" in summary.label.text()
    assert reads == ["read"]  # the first showing reads at once: never an empty line
    load_example_log_into(workspace)  # the log changes while the officer is elsewhere
    for there, back in (("4.3", "4.4"), ("4.5", "4.4")):
        window.go_to(there)
        window.go_to(back)
        window.go_to("4.5")  # paging through: 4.4 was on screen for less than a frame
        qtbot.wait(summary_module.REREAD_AFTER_MS + 100)
    assert reads == ["read"]  # passing through never waited for the log
    window.go_to("4.4")
    assert "No direction is in the log yet" in summary.label.text()  # the last reading, at once
    qtbot.waitUntil(lambda: "7 in force, £331,090,000.00 committed" in summary.label.text(), timeout=3000)
    assert reads == ["read", "read"]
    assert summary.button.isEnabled()
