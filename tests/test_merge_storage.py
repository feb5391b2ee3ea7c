"""The storage of contributions on SQLite and PostgreSQL: packs and conflicts kept, their
guards (a pack's base and an action's id never change; nothing cut or held for an approved
round), a merge in one transaction, a resolution undone, and the archive carrying it all."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import ConflictClosedError, RecordFixedError, RoundLockedError
from msgdesk.domain.states import ConflictResolution, PackState
from msgdesk.rounds.return_file import dump_return, parse_return
from msgdesk.store.workspace import Workspace


@pytest.fixture
def workspace(any_workspace):
    return any_workspace


def reply_to(pack, edit):
    reply = parse_return(dump_return(pack))
    edit(reply)
    reply.pack.reply_by, reply.pack.reply_at = "Alan Brown", datetime(2026, 3, 12, 10, 0, 0)
    return parse_return(dump_return(reply))


def test_a_merge_applies_theirs_holds_the_conflict_and_a_resolution_can_be_undone(workspace, example_round):
    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.1", "2.3"], "Alan Brown, CFO")
    workspace.rounds.set_evidence(rid, "2.3", "the lead's")

    def edit(reply):
        reply.response("2.1").rating = "exemplary"
        reply.response("2.3").evidence = "Alan's"

    result = workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert [c.place for c in result.plan.applied] == ["2.1 rating"]
    [conflict] = result.conflicts
    assert (conflict.ours, conflict.theirs) == ("the lead's", "Alan's")
    assert workspace.contributions.packs(rid)[0].state is PackState.MERGED
    done = workspace.contributions.resolve(conflict.id, ConflictResolution.THEIRS)
    assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == "Alan's"
    with pytest.raises(ConflictClosedError):
        workspace.contributions.resolve(conflict.id, ConflictResolution.OURS)
    workspace.contributions.undo_resolution(done)
    assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == "the lead's"
    assert [c.id for c in workspace.contributions.conflicts(rid)] == [conflict.id]
    assert workspace.rounds.snapshot(rid).open_conflicts[0].place == "evidence"


def test_guards_keep_a_packs_base_and_an_actions_id_and_lock_approved_rounds(workspace, example_round):
    rid = example_round.id
    workspace.contributions.cut_pack(rid, ["2.1"], "Alan Brown, CFO")
    with workspace.engine.connect() as con:
        with pytest.raises(RecordFixedError):
            with con.begin():
                con.execute(text("UPDATE contribution_pack SET base = '[]'"))
        with pytest.raises(RecordFixedError):
            with con.begin():
                con.execute(text("UPDATE action SET uid = 'changed' WHERE id = (SELECT min(id) FROM action)"))
    workspace.rounds.approve(rid, date(2019, 5, 16), "item 7", check_confirmed=True)
    with pytest.raises(RoundLockedError):
        workspace.contributions.cut_pack(rid, ["2.1"], "Alan Brown, CFO")
    with workspace.engine.connect() as con, pytest.raises(RoundLockedError):
        with con.begin():
            con.execute(text(
                "INSERT INTO contribution_pack (uid, round_id, direction, for_whom, proposals, created_at, created_by, "
                "base, base_digest, merge_base, state, last_reply_digest) VALUES ('x', :r, 'sent', '', '[]', "
                "CURRENT_TIMESTAMP, '', '[]', '', '[]', 'sent', '')"), {"r": rid})


def test_a_merge_that_fails_half_way_changes_nothing(workspace, example_round, monkeypatch):
    from msgdesk.store import contributions

    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.1", "2.3"], "Alan Brown, CFO")
    before = workspace.rounds.load_round_by_id(rid)

    def edit(reply):
        reply.response("2.1").rating = "exemplary"
        reply.response("2.3").evidence = "x" * 10

    real = contributions.ContributionsRepository._put
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("the disk went away")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(contributions.ContributionsRepository, "_put", failing)
    with pytest.raises(OSError):
        workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert workspace.rounds.load_round_by_id(rid) == before
    assert workspace.contributions.packs(rid)[0].state is PackState.SENT


def test_the_archive_carries_packs_conflicts_and_history(workspace, example_round, tmp_path):
    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    workspace.rounds.set_evidence(rid, "2.3", "the lead's")
    workspace.contributions.merge_reply(rid, reply_to(pack, lambda r: setattr(r.response("2.3"), "evidence", "Alan's")))
    from msgdesk.store.archive import write_archive

    archive = tmp_path / "archive.json"
    write_archive(workspace, archive)
    with Workspace.open(tmp_path / "restored.db") as restored:
        restored.restore(archive)
        assert [p.uid for p in restored.contributions.packs(rid)] == [pack.pack.id]
        assert [(c.ours_then, c.theirs) for c in restored.contributions.conflicts(rid)] == [("the lead's", "Alan's")]
        assert restored.contributions.history(rid, "2.3") == workspace.contributions.history(rid, "2.3")
        assert restored.rounds.load_round_by_id(rid) == workspace.rounds.load_round_by_id(rid)


def test_the_order_of_the_actions_is_merged_like_a_field(workspace, example_round):
    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3", "4.4"], "Alan Brown, CFO")
    ours = {pid: [d.uid for _a, d in workspace.rounds.actions_of(rid, pid)] for pid in ("2.3", "4.4")}
    assert len(ours["2.3"]) >= 2 and len(ours["4.4"]) >= 2

    def edit(reply):
        for pid in ("2.3", "4.4"):
            reply.response(pid).actions.reverse()

    # the lead moves 4.4's last action to the top meanwhile: 4.4's order is a conflict, 2.3's is Alan's
    last = workspace.rounds.actions_of(rid, "4.4")[-1][0]
    workspace.rounds.move_action(last, 0)
    result = workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert [d.uid for _a, d in workspace.rounds.actions_of(rid, "2.3")] == list(reversed(ours["2.3"]))
    [conflict] = result.conflicts
    assert (conflict.proposal, conflict.field.value) == ("4.4", "order")
    workspace.contributions.resolve(conflict.id, ConflictResolution.THEIRS)
    assert [d.uid for _a, d in workspace.rounds.actions_of(rid, "4.4")] == list(reversed(ours["4.4"]))


def test_the_check_before_ijb_lists_conflicts_waiting_and_packs_not_merged(workspace, example_round):
    from msgdesk.rounds.review import find_problems, summarise

    rid = example_round.id
    first = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    workspace.contributions.cut_pack(rid, ["4.4"], "Bea Chalmers, Governance")
    workspace.rounds.set_evidence(rid, "2.3", "the lead's")
    workspace.contributions.merge_reply(rid, reply_to(first, lambda r: setattr(r.response("2.3"), "evidence", "x")))
    problems = [p for p in find_problems(workspace.template, workspace.rounds.snapshot(rid))
                if p.kind in ("merge_conflict", "pack_not_merged")]
    assert [(p.proposal, p.kind) for p in problems] == [("", "pack_not_merged"), ("2.3", "merge_conflict")]
    assert "Bea Chalmers, Governance (proposals 4.4" in problems[0].text
    assert problems[1].text.startswith("2.3: evidence: Alan Brown's reply and the return differ")
    assert "1 merge conflict waiting" in summarise(problems)
    # the fast read the window paints from says the same
    if workspace.path is not None:
        from msgdesk.store.snapshot import load_snapshot

        fast = load_snapshot(workspace.path, rid)
        assert (fast.open_conflicts, fast.packs_out) == (workspace.rounds.snapshot(rid).open_conflicts,
                                                         workspace.rounds.snapshot(rid).packs_out)
    pack_b = workspace.contributions.packs(rid)[1]
    workspace.contributions.withdraw(pack_b.uid)
    [conflict] = workspace.contributions.conflicts(rid)
    workspace.contributions.resolve(conflict.id, ConflictResolution.OURS)
    assert not [p for p in find_problems(workspace.template, workspace.rounds.snapshot(rid))
                if p.kind in ("merge_conflict", "pack_not_merged")]


def test_a_round_is_not_approved_while_a_contributors_conflict_waits(workspace, example_round):
    """Once approved, the return could not take the contributor's text any more."""
    from msgdesk.domain.errors import MoveNotAllowedError

    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    workspace.rounds.set_evidence(rid, "2.3", "the lead's")
    result = workspace.contributions.merge_reply(
        rid, reply_to(pack, lambda r: setattr(r.response("2.3"), "evidence", "Alan's")))
    workspace.rounds.mark_ready(rid)
    with pytest.raises(MoveNotAllowedError, match="1 merge conflict from contributors' replies waits"):
        workspace.rounds.approve(rid, date(2019, 5, 16), "item 7")
    assert workspace.rounds.get_round(rid).status == "ready"
    workspace.contributions.resolve(result.conflicts[0].id, ConflictResolution.THEIRS)
    assert workspace.rounds.approve(rid, date(2019, 5, 16), "item 7").is_approved


# --- issue 21 items 1 and 2: nothing lost or put back by a merge ---------------------------------


@pytest.mark.parametrize(("source", "target"), [("2.3", "4.4"), ("4.4", "2.3")])
@pytest.mark.parametrize("where", ["first", "last"])
def test_an_action_the_contributor_moved_to_another_proposal_is_moved_with_its_history(
        workspace, example_round, source, target, where):
    """Both directions (the pack's earlier proposal to its later one and back: the merge
    applies proposals in order, so a move "up" used to add-then-skip), placed first and last."""
    rid = example_round.id
    moving_id, moving = workspace.rounds.actions_of(rid, source)[0]
    workspace.tracking.record_progress(moving_id, "one step taken", on_date=date(2019, 6, 1))
    pack = workspace.contributions.cut_pack(rid, ["2.3", "4.4"], "Alan Brown, CFO")
    before_source = [d.uid for _a, d in workspace.rounds.actions_of(rid, source)]
    before_target = [d.uid for _a, d in workspace.rounds.actions_of(rid, target)]

    def edit(reply):
        [taken] = [a for a in reply.response(source).actions if a.uid == moving.uid]
        reply.response(source).actions.remove(taken)
        actions = reply.response(target).actions
        actions.insert(0 if where == "first" else len(actions), taken)

    result = workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert result.conflicts == []
    after_source = [d.uid for _a, d in workspace.rounds.actions_of(rid, source)]
    after_target = [d.uid for _a, d in workspace.rounds.actions_of(rid, target)]
    assert after_source == [u for u in before_source if u != moving.uid]
    wanted = [moving.uid, *before_target] if where == "first" else [*before_target, moving.uid]
    assert after_target == wanted
    # the same row: its reference and its progress went with it
    [(moved_id, moved)] = [(i, d) for i, d in workspace.rounds.actions_of(rid, target) if d.uid == moving.uid]
    assert moved_id == moving_id and moved.reference == moving.reference
    assert any("one step taken" in h.text for h in workspace.tracking.history(moved_id))
    assert any(c.is_move and c.moved_from == source for c in result.plan.applied)
    # merged again: nothing moves twice
    again = workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert not again.plan.changes_anything


def test_a_new_action_reusing_the_id_of_an_action_outside_the_pack_is_refused_with_its_place(
        workspace, example_round):
    from msgdesk.domain.errors import ReusedActionIdError
    from msgdesk.domain.return_values import ActionData

    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    _oid, outside = workspace.rounds.actions_of(rid, "4.4")[0]
    before = workspace.rounds.load_round_by_id(rid)

    def edit(reply):
        reply.response("2.3").actions.append(ActionData(action="a new one", uid=outside.uid))

    with pytest.raises(ReusedActionIdError) as refused:
        workspace.contributions.merge_reply(rid, reply_to(pack, edit))
    assert "proposal 4.4" in str(refused.value) and "outside this pack" in str(refused.value)
    assert outside.reference in str(refused.value)
    assert workspace.rounds.load_round_by_id(rid) == before
    assert workspace.contributions.packs(rid)[0].state is PackState.SENT


def test_an_older_reply_merged_after_a_newer_one_is_refused_and_the_newer_text_stays(workspace, example_round):
    from msgdesk.domain.errors import StaleReplyError

    rid = example_round.id
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")

    def reply_at(text, moment):
        reply = parse_return(dump_return(pack))
        reply.response("2.3").evidence = text
        reply.pack.reply_by, reply.pack.reply_at = "Alan Brown", moment
        return parse_return(dump_return(reply))

    older = reply_at("first thoughts", datetime(2026, 3, 12, 10, 0, 0))
    newer = reply_at("second thoughts", datetime(2026, 3, 13, 9, 0, 0))
    workspace.contributions.merge_reply(rid, newer)
    for stale in (older, reply_at("a minute before", datetime(2026, 3, 13, 8, 59, 0))):
        with pytest.raises(StaleReplyError) as refused:
            workspace.contributions.merge_reply(rid, stale)
        assert "older" in str(refused.value)
        assert workspace.rounds.load_round_by_id(rid).response("2.3").evidence == "second thoughts"
    # the newer reply merged again is fine (nothing to do)
    assert not workspace.contributions.merge_reply(rid, newer).plan.changes_anything
