"""The Tracker page driven through its widgets (pytest-qt): the officer's story
from issue 5, errors, keyboard access and carried-forward links."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from msgdesk.ui.tracker.model import COLUMN
from msgdesk.ui.tracker.view import TrackerView

TODAY = date(2020, 1, 15)


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def view(qtbot, workspace, example_round, warnings):
    widget = TrackerView(today=TODAY)
    qtbot.addWidget(widget)
    widget.set_round(workspace, example_round.id)
    widget.resize(1400, 850)
    widget.show()
    return widget


def select_reference(view: TrackerView, reference: str) -> None:
    for row in range(view.proxy.rowCount()):
        if view.proxy.row_at(row).reference == reference:
            view.table.selectRow(row)
            return
    raise AssertionError(f"{reference} is not shown")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_due(qtbot, view, reference, day: date, reason: str) -> None:
    select_reference(view, reference)
    view.due_date.setDate(QDate(day.year, day.month, day.day))
    view.due_reason.setText(reason)
    click(qtbot, view.due_button)


def test_officer_sets_dates_records_progress_and_prints_the_report(qtbot, view, workspace, example_round,
                                                                     tmp_path, monkeypatch, warnings):
    # see which actions need dates: all 52 (the example has no timescales)
    assert "52 of 52 actions" in view.count.text() and "52 need a date" in view.count.text()
    view.show_needing_dates()
    assert view.proxy.rowCount() == 52

    # set dates on three, with reasons
    view.author.setText("Performance Officer")
    set_due(qtbot, view, "2019-1.1-1", date(2019, 12, 31), "Agreed at PAC, 5 June 2019")
    set_due(qtbot, view, "2019-2.1-1", date(2020, 2, 1), "MTFP goes to IJB in February")
    set_due(qtbot, view, "2019-4.1-1", date(2020, 9, 30), "Standing orders review in the autumn")
    assert warnings == []
    assert view.proxy.rowCount() == 49  # the filter still says "needs a date"
    assert "49 need a date" in view.count.text() and "1 overdue" in view.count.text()

    # record progress on a few
    view.clear_filters()
    select_reference(view, "2019-1.1-1")
    qtbot.keyClicks(view.update_text, "Audit scoped with SG and COSLA")
    view.update_status.setCurrentIndex(view.update_status.findData("on_track"))
    click(qtbot, view.record_button)
    select_reference(view, "2019-2.1-1")
    qtbot.keyClicks(view.update_text, "Draft plan with the Chief Finance Officer")
    view.update_status.setCurrentIndex(view.update_status.findData("at_risk"))
    click(qtbot, view.record_button)
    assert view.selected_row().reference == "2019-2.1-1"  # the selection survives the reload
    assert view.selected_row().status == "at_risk"
    assert view.history.count() == 2
    assert "Draft plan with the Chief Finance Officer" in view.history.item(1).text()
    assert "Performance Officer" in view.history.item(1).text()

    # the table shows the new state
    view.overdue_filter.setChecked(True)
    assert [r.reference for r in view.proxy.visible_rows()] == ["2019-1.1-1"]
    view.overdue_filter.setChecked(False)
    view.rag_filter.setCurrentIndex(view.rag_filter.findData("amber"))
    assert [r.reference for r in view.proxy.visible_rows()] == ["2019-2.1-1"]
    view.clear_filters()

    # print the committee progress report as at a chosen date
    view.as_at.setDate(QDate(2020, 1, 15))
    pdf, xlsx = tmp_path / "progress.pdf", tmp_path / "progress.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    click(qtbot, view.report_pdf)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "progress"), ""))
    click(qtbot, view.report_xlsx)
    assert warnings == []
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    assert "As at 15 January 2020" in text
    assert "Overdue actions (1)" in text
    assert "Audit scoped with SG and COSLA" in text
    assert load_workbook(xlsx)["Overdue"]["A2"].value == "2019-1.1-1"
    assert "saved to" in view.message.text()

    # and it is all in the database

    stored = {r.reference: r for r in workspace.tracking.rows(example_round.id)}
    assert stored["2019-1.1-1"].status == "on_track" and stored["2019-1.1-1"].due_set_by_hand
    assert [e.kind for e in workspace.tracking.history(stored["2019-2.1-1"].action_id)] == ["due_date", "progress"]
    assert workspace.tracking.history(stored["2019-2.1-1"].action_id)[0].author == "Performance Officer"


def test_a_bad_entry_is_refused_with_a_message_and_nothing_written(qtbot, view, workspace, warnings):
    select_reference(view, "2019-1.1-1")
    action_id = view.selected_row().action_id
    click(qtbot, view.due_button)  # no date: the field offers none rather than a made-up one
    assert warnings and "due date first" in warnings[-1]
    view.due_date.setDate(QDate(2020, 3, 31))
    click(qtbot, view.due_button)  # no reason
    assert "reason" in warnings[-1]
    click(qtbot, view.record_button)  # no text
    assert "empty" in warnings[-1]
    view.on_date.setDate(QDate(2020, 2, 1))  # after "today"
    view.update_text.setPlainText("From the future")
    click(qtbot, view.record_button)
    assert "future" in warnings[-1]
    assert workspace.tracking.history(action_id) == []


def test_status_lead_and_approved_rounds(qtbot, view, workspace, example_round, warnings):
    workspace.rounds.approve(example_round.id, date(2019, 5, 16), "IJB item 7", check_confirmed=True)
    view.reload()
    assert "read-only" in view.title.text()
    select_reference(view, "2019-1.3-1")
    view.status_edit.setCurrentIndex(view.status_edit.findData("superseded"))
    view.status_note.setText("Replaced by the OD programme")
    click(qtbot, view.status_button)
    view.lead_edit.setText("Head of Service")
    click(qtbot, view.lead_button)
    assert warnings == []
    row = view.selected_row()
    assert (row.status, row.lead) == ("superseded", "Head of Service")
    assert view.model.rag_of(row).rag == "superseded"
    view.lead_filter.setCurrentIndex(view.lead_filter.findData("Head of Service"))
    assert [r.reference for r in view.proxy.visible_rows()] == ["2019-1.3-1"]


def test_carried_forward_links_both_ways(qtbot, view, workspace, example_round):
    new = workspace.rounds.create_round(example_round.partnership, "2021", previous_round_id=example_round.id,
                                  carry_forward=True)
    view.set_round(workspace, new.id)
    assert view.model.rowCount() == 52
    select_reference(view, "2019-1.1-1")
    assert view.selected_row().round_label == "2021"
    assert view.go_from.isVisible()
    click(qtbot, view.go_from)
    assert view.all_rounds.isChecked()  # the earlier round is brought in
    assert not view.table.isColumnHidden(COLUMN["round"])
    earlier = view.selected_row()
    assert (earlier.reference, earlier.round_label) == ("2019-1.1-1", "2019")
    assert view.go_to.isVisible() and not view.record_button.isEnabled()  # followed up in 2021
    click(qtbot, view.go_to)
    assert view.selected_row().round_label == "2021" and view.record_button.isEnabled()


def test_every_control_is_named_and_reachable_by_keyboard(qtbot, view):
    select_reference(view, "2019-1.1-1")
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QDateEdit, QSpinBox, QListWidget, QTableView,
             QCheckBox)
    controls = [w for w in view.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(view)
                and w.parent() is not None and not w.objectName().startswith("qt_")]
    assert len(controls) > 25
    for control in controls:
        if isinstance(control, QLineEdit) and isinstance(control.parent(), (QComboBox, QDateEdit, QSpinBox)):
            continue  # the editor inside a combo or spin box
        assert control.accessibleName(), f"{type(control).__name__} {control.objectName()} has no accessible name"
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    # Tab moves on from the update text (it does not insert a tab) to the next control
    view.update_text.setFocus()
    qtbot.keyClick(view.update_text, Qt.Key.Key_Tab)
    assert view.update_text.toPlainText() == ""
    assert not view.update_text.hasFocus()

