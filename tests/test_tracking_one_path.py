"""Defect 9: every change of an action's status, lead or due date, from the return page or
the tracker or the command line, leaves one entry in its history, through one code path."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def test_the_return_page_records_lead_and_due_date_changes_in_the_history(window, workspace, example_round):
    window.open_round(example_round.id)
    window.go_to("2.3")
    model = window.proposal_page.model
    aid = model.action_id(0)
    model.setData(model.index(0, 3), "Chief Finance Officer")  # lead
    model.setData(model.index(0, 4), QDate(2022, 5, 31))  # due date set by hand
    entries = workspace.tracking.history(aid)
    assert [(e.kind, e.text) for e in entries] == [("lead", "Chief Finance Officer"), ("due_date",
                                                                                       "set on the return page")]
    assert entries[1].due_date_after == date(2022, 5, 31) and entries[0].author == workspace.user
    window.ui.navView.setFocus()
    window.undo_action.trigger()  # undoing is a change too: recorded, never erased
    entries = workspace.tracking.history(aid)
    assert [e.kind for e in entries] == ["lead", "due_date", "due_date"]
    assert entries[-1].due_date_after is None or entries[-1].due_date_after != date(2022, 5, 31)
    row = next(r for r in workspace.tracking.rows(example_round.id) if r.action_id == aid)
    assert row.lead == "Chief Finance Officer" and not row.due_set_by_hand


def test_the_tracker_and_the_return_page_write_through_the_same_path(window, workspace, example_round, qtbot):
    window.open_round(example_round.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    tracker = window.tracker
    assert tracker.select_action(workspace.tracking.rows(example_round.id)[0].action_id)
    tracker.lead_edit.setText("Head of Service")
    assert tracker.set_lead()
    aid = tracker._current.action_id
    assert [e.kind for e in workspace.tracking.history(aid)] == ["lead"]
