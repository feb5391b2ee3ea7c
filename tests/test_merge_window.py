"""The whole contribution story through the real window (pytest-qt): the lead sends packs
to two contributors (one a return file, one a workbook), the first fills hers in msgdesk's
own window and sends it back, the second types into Excel; the lead merges both, resolves
the one conflict in the conflict view (a combined text, undone and redone), the check
before IJB is clean of contributions, the round is approved; nothing anyone typed is lost."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from msgdesk.store.workspace import Workspace
from msgdesk.ui.contributions import menu, pack_dialogs
from msgdesk.ui.contributions.pack_dialogs import SendPackDialog, merge_file, open_pack, send_back


def _yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])))


def send(window, tmp_path, proposals, for_whom, name, *, xlsx=False):
    dialog = SendPackDialog(window)
    dialog.choose(proposals)
    dialog.for_edit.setText(for_whom)
    dialog.json_check.setChecked(not xlsx)
    dialog.xlsx_check.setChecked(xlsx)
    dialog.json_edit.setText(str(tmp_path / f"{name}.json"))
    dialog.xlsx_edit.setText(str(tmp_path / f"{name}.xlsx"))
    dialog.accept()
    return dialog.written[0]


def test_two_contributors_one_conflict_resolved_in_the_window_and_the_round_approved(
        qtbot, window, workspace, example_round, tmp_path, monkeypatch):
    _yes(monkeypatch)
    workspace.user = "Caroline Whyte"
    window.open_round(example_round.id)
    rid = example_round.id
    before = workspace.rounds.load_round_by_id(rid)

    fiona_pack = send(window, tmp_path, ["2.1", "2.2", "2.3"], "Fiona Grant, Chief Finance Officer", "fiona")
    bea_pack = send(window, tmp_path, ["2.3", "4.4"], "Bea Chalmers, Head of Governance", "bea", xlsx=True)
    assert [p.for_whom for p in window.session.snap.packs_out] == ["Fiona Grant, Chief Finance Officer",
                                                                   "Bea Chalmers, Head of Governance"]

    # Fiona opens her pack in msgdesk: only her proposals can be changed
    other = open_pack(window, str(fiona_pack))
    qtbot.addWidget(other)
    other.workspace.user = "Fiona Grant"
    other.go_to("1.1")
    assert other.session.read_only and other.proposal_page.ui.evidenceEdit.isReadOnly()
    other.go_to("2.3")
    assert not other.session.read_only
    page = other.proposal_page
    page.ui.evidenceEdit.setPlainText("Fiona: the budget is aligned to the strategic plan.")
    page.flush()
    other.go_to("2.1")
    other.session.set_rating("2.1", "exemplary")
    other.go_to("2.2")
    page = other.proposal_page  # 2.2's own page
    page.add_action()
    new_id = other.session.actions("2.2")[-1][0]
    other.session.set_action_field(new_id, "action", "Fiona's budget action")
    other.session.set_action_field(new_id, "timescale", "March 2028")
    reply = send_back(other, str(tmp_path / "fiona-reply.json"))
    assert reply is not None
    other.close()

    # Bea types into the workbook
    workbook = load_workbook(bea_pack)
    sheet = workbook["Responses"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=rows["2.3"], column=4).value = "Bea: the governance papers show it."
    sheet.cell(row=rows["4.4"], column=3).value = "Established"
    workbook.save(bea_pack)

    # meanwhile the lead writes on, in a proposal of nobody's pack
    window.go_to("1.1")
    window.proposal_page.ui.evidenceEdit.setPlainText("Caroline's own evidence for 1.1")
    window.proposal_page.flush()

    first = merge_file(window, str(reply))
    assert first is not None and first.conflicts == []
    second = merge_file(window, str(bea_pack))
    assert len(second.conflicts) == 1 and second.conflicts[0].place == "evidence"
    dialog = window.contributions.conflict_dialog
    qtbot.waitExposed(dialog)
    assert dialog.ours_edit.toPlainText() == "Fiona: the budget is aligned to the strategic plan."
    assert dialog.theirs_edit.toPlainText() == "Bea: the governance papers show it."
    assert dialog.base_edit.toPlainText() == before.response("2.3").evidence
    qtbot.mouseClick(dialog.both_button, Qt.MouseButton.LeftButton)
    dialog.combined_edit.appendPlainText("(combined by Caroline)")
    combined = dialog.combined_edit.toPlainText()
    qtbot.mouseClick(dialog.combine_button, Qt.MouseButton.LeftButton)
    assert dialog.conflicts == [] and "No conflicts wait" in dialog.intro.text()
    assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == combined
    # the combined text is an edit like any other: undone, the conflict waits again; redone, resolved
    window.undo_action.trigger()
    assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == \
        "Fiona: the budget is aligned to the strategic plan."
    assert len(workspace.contributions.conflicts(rid)) == 1
    window.redo_action.trigger()
    assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == combined
    assert workspace.contributions.conflicts(rid) == []
    dialog.close()

    # the History panel says whose each change is
    window.contributions.actionHistory.trigger()
    window.go_to("2.1")
    texts = "\n".join(window.contributions.history_panel.texts())
    assert "Fiona Grant" in texts and "from Fiona Grant's reply of" in texts
    window.go_to("2.3")
    texts = "\n".join(window.contributions.history_panel.texts())
    assert "Caroline Whyte" in texts and "combined from yours and Bea Chalmers's" in texts

    # the check before IJB: nothing about contributions left; the round is approved
    window.go_to("review")
    kinds = {p.kind for p in window.review_page.problems}
    assert not kinds & {"merge_conflict", "pack_not_merged"}
    window.session.approve(date(2019, 5, 16), "IJB item 7", check_confirmed=True)
    assert window.session.snap.is_approved

    # nothing anyone typed was lost, field by field
    after = workspace.rounds.load_round_by_id(rid)
    assert after.response("1.1").evidence == "Caroline's own evidence for 1.1"
    assert after.response("2.1").rating == "exemplary" and after.response("2.1").updated_by == "Fiona Grant"
    assert after.response("2.3").evidence == combined and "Bea: the governance papers show it." in combined
    assert "Fiona: the budget is aligned to the strategic plan." in combined
    assert after.response("4.4").rating == "established"
    added = after.response("2.2").actions[-1]
    assert (added.action, added.timescale, added.updated_by) == ("Fiona's budget action", "March 2028", "Fiona Grant")
    untouched = [pid for pid in (p.id for p in workspace.template.local_proposals)
                 if pid not in ("1.1", "2.1", "2.2", "2.3", "4.4")]
    for pid in untouched:
        a, b = after.response(pid), before.response(pid)
        assert (a.rating, a.evidence, [x.action for x in a.actions]) == \
            (b.rating, b.evidence, [x.action for x in b.actions])


def test_the_name_recorded_with_changes_is_asked_once_and_kept(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (asked.append(a) or ("Caroline Whyte", True)))
    menu.ask_name_once(window)
    menu.ask_name_once(window)
    assert len(asked) == 1
    assert window.workspace.user == "Caroline Whyte"
    assert window.settings.value("user/name") == "Caroline Whyte"


def test_a_pack_opened_again_carries_on_where_the_contributor_left_off(qtbot, window, workspace, example_round,
                                                                        tmp_path, monkeypatch):
    _yes(monkeypatch)
    window.open_round(example_round.id)
    pack = send(window, tmp_path, ["3.1"], "Dan Reid, Third sector", "dan")
    other = open_pack(window, str(pack))
    qtbot.addWidget(other)
    other.session.set_evidence("3.1", "Dan's words")
    other.close()
    again = open_pack(window, str(pack))
    qtbot.addWidget(again)
    assert again.session.response("3.1").evidence == "Dan's words"
    again.close()
    with Workspace.open(pack_dialogs.contribution_database(
            workspace.contributions.packs(example_round.id)[0].uid)) as ws:
        assert len(ws.rounds.list_rounds()) == 1
