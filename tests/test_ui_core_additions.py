"""msgdesk.store.snapshot: the fast read the window starts from agrees with the core API."""

from __future__ import annotations

from datetime import date

from msgdesk.domain.return_values import ActionData
from msgdesk.rounds.review import find_problems, summarise
from msgdesk.store.snapshot import is_current, list_round_listings, load_snapshot


def test_snapshot_agrees_with_load_round_by_id(workspace, db_path, example_round):
    data = workspace.rounds.load_round_by_id(example_round.id)
    snap = load_snapshot(db_path, example_round.id)
    assert (snap.partnership, snap.label, snap.contact, snap.completed_on, snap.status) == (
        data.partnership, data.round, data.contact, data.completed_on, data.status)
    for response in data.responses:
        got = snap.responses[response.proposal]
        assert (got.rating, got.previous_rating, got.evidence) == (
            response.rating, response.previous_rating, response.evidence)
        assert [a for _id, a in got.actions] == response.actions
        assert got.actions == workspace.rounds.actions_of(example_round.id, response.proposal)


def test_snapshot_of_a_round_started_from_the_previous_one(workspace, db_path, example_round):
    info = workspace.rounds.create_round(example_round.partnership, "2021", completed_on=date(2021, 4, 1),
                             previous_round_id=example_round.id, carry_forward=True)
    snap = load_snapshot(db_path, info.id)
    assert snap.previous_label == "2019"
    assert snap.response("1.1").previous_rating == "established"
    assert [r.label for r in list_round_listings(db_path)] == ["2019", "2021"]


def test_snapshot_refuses_missing_and_unmigrated_files(tmp_path, workspace, db_path):
    assert load_snapshot(tmp_path / "nothing.db", 1) is None
    assert not is_current(tmp_path / "nothing.db")
    assert is_current(db_path)
    assert load_snapshot(db_path, 999) is None


def test_problems_before_ijb(workspace, db_path):
    from msgdesk.domain.template import load_template

    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 4, 1))
    workspace.rounds.set_rating(info.id, "1.1", "established")
    workspace.rounds.set_evidence(info.id, "1.1", "Minutes")
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="A", timescale="6 months"))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="B", timescale="Spring 2020"))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="C", timescale="Spring 2020", due_date=date(2021, 9,
                                                                                                              1)))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="", timescale=""))
    texts = [p.text for p in find_problems(load_template(), load_snapshot(db_path, info.id)) if p.proposal == "1.1"]
    assert texts == [
        "1.1, action 2 (“B”): timescale “Spring 2020” not recognised — set a due date",
        "1.1, action 4: the action is empty",
        "1.1, action 4: no timescale",
    ]
    problems = find_problems(load_template(), load_snapshot(db_path, info.id))
    # 21 other proposals have neither rating nor evidence
    assert summarise(problems) == (
        "21 proposals without a rating, 21 proposals without evidence, 1 empty action, "
        "1 action without a timescale, 1 action whose timescale is not recognised"
    )
    assert summarise([]) == ""


def test_the_fast_read_checks_the_schema_on_its_own_single_connection(tmp_path, workspace, db_path, example_round,
                                                                      monkeypatch):
    import shutil
    import sqlite3

    import msgdesk.store.reads as reads

    opened: list[str] = []
    connect = sqlite3.connect

    def counting(*args, **kwargs):  # a real connection, counted
        opened.append(str(args[0]))
        return connect(*args, **kwargs)

    monkeypatch.setattr(reads.sqlite3, "connect", counting)
    workspace.close()  # the reads go through the standard library, as before the first paint
    assert load_snapshot(db_path, example_round.id).label == "2019"
    assert len(opened) == 1  # each connection parses the whole schema on its first statement

    def copy_with(revision: str | None) -> object:
        copy = tmp_path / f"copy-{revision}.db"
        shutil.copy(db_path, copy)
        with connect(copy) as con:
            if revision is None:
                con.execute("DROP TABLE alembic_version")
            else:
                con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        con.close()
        return load_snapshot(copy, example_round.id)

    from msgdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

    for revision in [r for r in KNOWN_REVISIONS if r != SCHEMA_HEAD] + ["9999_from_a_newer_msgdesk", None]:
        assert copy_with(revision) is None, revision  # the store opens (and migrates, or refuses) it
    assert copy_with(SCHEMA_HEAD).label == "2019"
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "text.db").write_text("not a database\n" * 200)
    for odd in ("empty.db", "text.db", "missing.db"):
        assert load_snapshot(tmp_path / odd, example_round.id) is None, odd
