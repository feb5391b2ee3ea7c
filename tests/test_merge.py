"""Merging contributors' replies, three ways, from the command line into real databases:
two contributors from one base touching overlapping proposals, a workbook edited the way a
person edits it, the same reply twice, a dry run, and every foreign or malformed reply
refused with its place and the database unchanged."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from msgdesk.cli.main import main
from msgdesk.rounds.return_file import dump_return, parse_return, write_return_file
from msgdesk.store.workspace import Workspace
from tests.conftest import EXAMPLE
from tests.dbdump import dump

NA = "North Ayrshire Health and Social Care Partnership"
ROUND = ["-p", NA, "-r", "2019"]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def lead_db(tmp_path, capsys):
    db = tmp_path / "lead.db"
    assert main(["import", str(EXAMPLE), "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def cut(capsys, db, tmp_path, proposals, for_whom, name):
    out, xlsx = tmp_path / f"{name}.json", tmp_path / f"{name}.xlsx"
    code, printed, err = run(capsys, "--db", db, "pack", *ROUND, "--proposals", proposals, "--for", for_whom,
                             "--out", out, "--xlsx", xlsx)
    assert code == 0, err
    return out, xlsx


def contributor_reply(tmp_path, pack_path, edit, name="reply.json", user="Alan Brown"):
    """The contributor's side in msgdesk: the pack opened in their own database, edited through
    the same repositories the window uses, sent back."""
    home = tmp_path / f"contrib-{name}.db"
    with Workspace.open(home, user=user) as ws:
        from msgdesk.rounds.return_file import read_return_file

        round_id = ws.contributions.receive_pack(read_return_file(pack_path, ws.template))
        edit(ws, round_id)
        reply = ws.contributions.reply(round_id)
        path = tmp_path / name
        write_return_file(path, reply, ws.template)
    return path


def lead_round(db):
    with Workspace.open(db) as ws:
        return ws.rounds.load_round(NA, "2019")


def test_two_contributors_from_one_base_overlapping_proposals(lead_db, tmp_path, capsys):
    pack_a, _ = cut(capsys, lead_db, tmp_path, "2.1-2.3", "Alan Brown, Chief Finance Officer", "alan")
    _, pack_b = cut(capsys, lead_db, tmp_path, "2.3-2.4", "Bea Chalmers, Head of Governance", "bea")
    before = lead_round(lead_db)

    def alan(ws, rid):
        ws.rounds.set_rating(rid, "2.1", "exemplary")
        ws.rounds.set_evidence(rid, "2.3", "Alan: the budget is aligned to the strategic plan.")
        first = ws.rounds.actions_of(rid, "2.2")[0][0]
        ws.rounds.update_action(first, timescale="June 2027")
        ws.rounds.add_action(rid, "2.2", _action("Alan's new action on budgets", "March 2028"))

    reply_a = contributor_reply(tmp_path, pack_a, alan)
    # Bea types into the workbook as a person would
    workbook = load_workbook(pack_b)
    sheet = workbook["Responses"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=rows["2.3"], column=4).value = "Bea: governance reviewed the budget papers."
    sheet.cell(row=rows["2.4"], column=3).value = "Established"
    workbook.save(pack_b)

    code, out, err = run(capsys, "--db", lead_db, "merge", reply_a, *ROUND)
    assert code == 0, err + out
    assert "Alan Brown's reply" in out
    code, out, err = run(capsys, "--db", lead_db, "merge", pack_b, *ROUND)
    assert code == 3, err + out
    assert "2.3 evidence" in out and "Bea Chalmers's reply" in out

    after = lead_round(lead_db)
    assert after.response("2.1").rating == "exemplary"
    assert after.response("2.3").evidence == "Alan: the budget is aligned to the strategic plan."  # not overwritten
    assert after.response("2.4").rating == "established"  # only Bea changed it
    actions_22 = after.response("2.2").actions
    assert actions_22[0].timescale == "June 2027"
    assert actions_22[-1].action == "Alan's new action on budgets"
    assert [a.uid for a in actions_22[:-1]] == [a.uid for a in before.response("2.2").actions]
    for pid in ("1.1", "1.2", "4.4", "5.1"):  # outside both packs: untouched
        assert after.response(pid) == before.response(pid)
    with Workspace.open(lead_db) as ws:
        rid = ws.rounds.find_round(NA, "2019").id
        waiting = ws.contributions.conflicts(rid)
        assert [(c.proposal, c.field.value, c.theirs) for c in waiting] == [
            ("2.3", "evidence", "Bea: governance reviewed the budget papers.")]
        assert waiting[0].ours == "Alan: the budget is aligned to the strategic plan."
        assert waiting[0].base == before.response("2.3").evidence
        history = ws.contributions.history(rid, "2.1")
        assert any(h.author == "Alan Brown" and "from Alan Brown's reply of" in h.text for h in history)
        assert after.response("2.1").updated_by == "Alan Brown"
    # the check before IJB lists the conflict; `msgdesk packs` too
    code, out, _ = run(capsys, "--db", lead_db, "packs", *ROUND)
    assert code == 0 and "Reply merged" in out and "2.3 evidence — Bea Chalmers's reply" in out
    code, out, _ = run(capsys, "--db", lead_db, "ready", *ROUND)
    assert "2.3: evidence: Bea Chalmers's reply and the return differ" in out
    assert code == 2  # findings: not marked ready until they are accepted (issue 21 item 14)
    code, out, _ = run(capsys, "--db", lead_db, "ready", *ROUND, "--confirm-check")
    assert code == 0, out
    with Workspace.open(lead_db, user="Caroline Whyte") as ws:  # what the conflict view does
        ws.contributions.resolve(waiting[0].id, "combined", waiting[0].ours + "\n" + waiting[0].theirs)
    code, out, _ = run(capsys, "--db", lead_db, "approve", *ROUND, "--meeting", "2019-05-16", "--minute", "item 7")
    assert code == 0, out
    final = lead_round(lead_db)
    assert final.response("2.3").evidence == ("Alan: the budget is aligned to the strategic plan.\n"
                                               "Bea: governance reviewed the budget papers.")


def _action(text, timescale):
    from msgdesk.domain.return_values import ActionData

    return ActionData(action=text, timescale=timescale)


def test_the_same_reply_twice_changes_nothing_the_second_time(lead_db, tmp_path, capsys):
    pack, _ = cut(capsys, lead_db, tmp_path, "1.1-1.2", "Alan Brown, CFO", "p")
    reply = contributor_reply(tmp_path, pack, lambda ws, rid: ws.rounds.set_evidence(rid, "1.2", "Changed"))
    assert run(capsys, "--db", lead_db, "merge", reply, *ROUND)[0] == 0
    before = dump(lead_db)
    code, out, _ = run(capsys, "--db", lead_db, "merge", reply, *ROUND)
    assert code == 0 and "merged already" in out
    assert dump(lead_db) == before


def test_a_dry_run_prints_what_would_change_and_changes_nothing(lead_db, tmp_path, capsys):
    pack, _ = cut(capsys, lead_db, tmp_path, "1.1-1.2", "Alan Brown, CFO", "p")
    reply = contributor_reply(tmp_path, pack, lambda ws, rid: ws.rounds.set_rating(rid, "1.2", "exemplary"))
    with Workspace.open(lead_db) as ws:
        ws.rounds.set_rating(ws.rounds.find_round(NA, "2019").id, "1.2", "not_yet_established")
    before = dump(lead_db)
    code, out, _ = run(capsys, "--db", lead_db, "merge", reply, *ROUND, "--dry-run")
    assert code == 0
    assert "hold   1.2 rating: yours Not yet established, theirs Exemplary" in out
    assert dump(lead_db) == before


def test_an_excel_reply_edited_the_way_a_person_would(lead_db, tmp_path, capsys):
    _, xlsx = cut(capsys, lead_db, tmp_path, "2.3,4.4", "Bea Chalmers, Governance", "bea")
    before = lead_round(lead_db)
    workbook = load_workbook(xlsx)
    responses, actions = workbook["Responses"], workbook["Actions"]
    # the Rating cell offers the four ratings as a drop-down
    validations = responses.data_validations.dataValidation
    assert any(v.type == "list" and "Partly established" in v.formula1 and "C2" in str(v.sqref) for v in validations)
    responses["C3"] = "Partly established"  # chosen from the drop-down
    responses["D3"] = "=typed evidence, not a formula\nsecond line"
    refs = [actions.cell(row=r, column=1).value for r in range(2, actions.max_row + 1)
            if actions.cell(row=r, column=1).value]
    assert refs == [a.reference for a in before.response("2.3").actions + before.response("4.4").actions]
    last = len(refs) + 1
    deleted = actions.cell(row=2, column=1).value
    actions.delete_rows(2)  # the first action taken out
    new_row = last  # the first empty row after the shift
    actions.cell(row=new_row, column=2).value = "4.4"
    actions.cell(row=new_row, column=3).value = "Publish the governance review"
    actions.cell(row=new_row, column=5).value = "March 2027"
    workbook.save(xlsx)

    code, out, err = run(capsys, "--db", lead_db, "merge", xlsx, *ROUND)
    assert code == 0, err + out
    after = lead_round(lead_db)
    assert after.response("4.4").rating == "partly_established"
    assert after.response("4.4").evidence == "=typed evidence, not a formula\nsecond line"
    assert deleted not in [a.reference for a in after.response("2.3").actions]
    assert len(after.response("2.3").actions) == len(before.response("2.3").actions) - 1
    new = after.response("4.4").actions[-1]
    assert (new.action, new.timescale) == ("Publish the governance review", "March 2027")
    # untouched actions keep every field, the due date too (the workbook has no column for it)
    kept = {a.uid: a for a in after.response("2.3").actions}
    for old in before.response("2.3").actions[1:]:
        assert (kept[old.uid].action, kept[old.uid].delivery, kept[old.uid].timescale, kept[old.uid].lead,
                kept[old.uid].due_date) == (old.action, old.delivery, old.timescale, old.lead, old.due_date)
    # merging the same workbook again changes nothing
    before_again = dump(lead_db)
    assert run(capsys, "--db", lead_db, "merge", xlsx, *ROUND)[0] == 0
    assert dump(lead_db) == before_again


def _copy_pack(path, tmp_path, change, name):
    obj = json.loads(path.read_text(encoding="utf-8"))
    change(obj)
    out = tmp_path / name
    out.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return out


def _as_reply(obj):
    obj["pack"]["reply_by"] = "Alan Brown"
    obj["pack"]["reply_at"] = "2026-03-12T10:00:00Z"


def test_foreign_and_malformed_replies_are_refused_with_the_place_and_the_database_unchanged(lead_db, tmp_path, capsys):
    pack, xlsx = cut(capsys, lead_db, tmp_path, "2.1-2.2", "Alan Brown, CFO", "p")
    # another round of the same partnership, with a pack of its own
    assert main(["import", str(_other_round(tmp_path)), "--db", str(lead_db)]) == 0
    other_pack = tmp_path / "other.json"
    assert main(["--db", str(lead_db), "pack", "-p", NA, "-r", "2021", "--proposals", "2.1", "--for", "X, Y",
                 "--out", str(other_pack)]) == 0
    capsys.readouterr()
    reply_ok = _copy_pack(pack, tmp_path, _as_reply, "ok.json")

    def tampered(obj):
        _as_reply(obj)
        obj["pack"]["base"][0]["evidence"] = "what the base never said"

    def outside(obj):
        _as_reply(obj)
        obj["responses"].append({"proposal": "1.1", "rating": "exemplary"})

    cases = [
        (_copy_pack(other_pack, tmp_path, _as_reply, "other-reply.json"), "pack: this is a pack of round 2021"),
        (_copy_pack(pack, tmp_path, tampered, "tampered.json"), "pack.base_digest: does not match the pack"),
        (_copy_pack(pack, tmp_path, outside, "outside.json"),
         "responses[2].proposal: proposal 1.1 is not in this pack"),
        (pack, "pack.reply_at: this is the pack as it was sent, not a reply"),
        (EXAMPLE, "not a reply to a contribution pack"),
        (_copy_pack(pack, tmp_path, lambda o: (_as_reply(o), o["pack"].update(id="someone-elses")), "id.json"),
         "pack.base_digest: does not match"),
    ]
    before = dump(lead_db)
    for path, where in cases:
        code, out, err = run(capsys, "--db", lead_db, "merge", path, *ROUND)
        assert code == 2, (path, out, err)
        assert where in err, (where, err)
        assert dump(lead_db) == before, path
    # a pack from another database: not sent from here
    elsewhere = tmp_path / "elsewhere.db"
    assert main(["import", str(EXAMPLE), "--db", str(elsewhere)]) == 0
    capsys.readouterr()
    before_elsewhere = dump(elsewhere)
    code, _, err = run(capsys, "--db", elsewhere, "merge", reply_ok, *ROUND)
    assert code == 2 and "was not sent from this database" in err
    assert dump(elsewhere) == before_elsewhere
    # an approved round takes no merge
    with Workspace.open(lead_db) as ws:
        rid = ws.rounds.find_round(NA, "2019").id
        ws.rounds.approve(rid, date(2019, 5, 16), "item 7", check_confirmed=True)
    before = dump(lead_db)
    code, _, err = run(capsys, "--db", lead_db, "merge", reply_ok, *ROUND)
    assert code == 2 and "approved by the IJB" in err
    assert dump(lead_db) == before


def _other_round(tmp_path):
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    obj["round"] = "2021"
    out = tmp_path / "2021.json"
    out.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.mark.parametrize("edit, where", [
    (lambda wb: wb["Responses"].__setitem__("C2", "Quite good"),
     "Responses!C2: 'Quite good' is not one of the four ratings"),
    (lambda wb: wb["Actions"].__setitem__("A2", "2019-9.9-9"), "Actions!A2: '2019-9.9-9' is not the Reference"),
    (lambda wb: wb["Actions"].__setitem__("B2", "4.4"), "Actions!B2: the action"),
    (lambda wb: wb["Actions"].__setitem__("C2", None), "Actions!C2: the Action is empty"),
    (lambda wb: wb["Responses"].__setitem__("A2", "9.9"), "Responses!A2: '9.9' is not one of this pack's proposals"),
    (lambda wb: wb["Actions"].__setitem__("C1", "What"), "Actions!C1: expected the heading 'Action'"),
    (lambda wb: setattr(wb["Actions"], "title", "Things"), "the sheet 'Actions' is missing"),
    (lambda wb: wb["msgdesk"].__setitem__("B1", "{}"), "pack.id: missing"),
    (lambda wb: wb["Actions"].__setitem__("F2", "x" * 201), "Actions!F2: too long"),
    (lambda wb: (wb["Actions"].__setitem__("B60", "2.1"), wb["Actions"].__setitem__("E60", "soon")),
     "Actions!C60: the Action is empty"),
])
def test_every_malformed_workbook_reply_is_refused_with_its_cell(lead_db, tmp_path, capsys, edit, where):
    _, xlsx = cut(capsys, lead_db, tmp_path, "2.1-2.2", "Alan Brown, CFO", "p")
    workbook = load_workbook(xlsx)
    edit(workbook)
    workbook.save(xlsx)
    before = dump(lead_db)
    code, out, err = run(capsys, "--db", lead_db, "merge", xlsx, *ROUND)
    assert code == 2, out
    assert where in err, err
    assert dump(lead_db) == before


def test_deleted_here_edited_there_and_edited_here_deleted_there_are_held(workspace, example_round):
    from msgdesk.domain.states import ConflictField

    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    reply = parse_return(dump_return(pack))
    first, second = reply.response("2.3").actions[0], reply.response("2.3").actions[1]
    first.timescale = "Edited by Alan"
    del reply.response("2.3").actions[1]
    reply.pack.reply_by, reply.pack.reply_at = "Alan", __import__("datetime").datetime(2026, 3, 12)
    ours = dict((d.uid, aid) for aid, d in workspace.rounds.actions_of(rid, "2.3"))
    workspace.rounds.delete_action(ours[first.uid])
    workspace.rounds.update_action(ours[second.uid], delivery="Edited by the lead")
    result = workspace.contributions.merge_reply(rid, reply)
    kinds = sorted((c.field, c.ours is None, c.theirs is None) for c in result.conflicts)
    assert kinds == [(ConflictField.PRESENCE, False, True), (ConflictField.PRESENCE, True, False)]
    # taking theirs brings Alan's edited action back, and deletes the one he deleted
    for conflict in result.conflicts:
        workspace.contributions.resolve(conflict.id, "theirs")
    after = {d.uid: d for _aid, d in workspace.rounds.actions_of(rid, "2.3")}
    assert after[first.uid].timescale == "Edited by Alan" and second.uid not in after
    assert workspace.contributions.conflicts(rid) == []


@pytest.mark.parametrize("name", ["reply.json", "reply.JSON", "reply", "reply.xlsx.json", "reply.txt"])
def test_a_reply_workbook_under_another_name_is_read_as_the_workbook_it_is(lead_db, tmp_path, capsys, name):
    """A mail client or a person renames the file: its content (a zip) says what it is, not its name."""
    _, xlsx = cut(capsys, lead_db, tmp_path, "2.3", "Bea Chalmers, Governance", "bea")
    workbook = load_workbook(xlsx)
    workbook["Responses"]["C2"] = "Partly established"
    workbook.save(xlsx)
    renamed = tmp_path / name
    renamed.write_bytes(xlsx.read_bytes())
    code, out, err = run(capsys, "--db", lead_db, "merge", renamed, *ROUND)
    assert code == 0, err + out
    assert lead_round(lead_db).response("2.3").rating == "partly_established"
