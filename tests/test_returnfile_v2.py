"""Return file version 2: a stable id on every action, who changed each response and action
and when, the pack object; version 1 files keep importing as they did."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest

from msgdesk.cli.main import main
from msgdesk.rounds.return_file import (
    READ_VERSIONS,
    VERSION,
    ReturnFileError,
    dump_return,
    parse_return,
    read_return_file,
)
from tests.conftest import EXAMPLE
from tests.dbdump import dump

NA = "North Ayrshire Health and Social Care Partnership"


def exported(db, tmp_path, name="out.json") -> dict:
    out = tmp_path / name
    assert main(["export", "-p", NA, "-r", "2019", "--json", str(out), "--db", str(db)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_shipped_version_1_example_imports_unchanged_and_exports_as_version_2(db_path, tmp_path, template):
    assert json.loads(EXAMPLE.read_text(encoding="utf-8"))["version"] == 1
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    v1 = read_return_file(EXAMPLE, template)
    out = exported(db_path, tmp_path)
    assert out["version"] == VERSION == 2 and READ_VERSIONS == (1, 2)
    back = parse_return(json.dumps(out), template)
    # every field of version 1 comes back as it was
    assert [(r.proposal, r.rating, r.previous_rating, r.evidence) for r in back.responses] == \
        [(r.proposal, r.rating, r.previous_rating, r.evidence) for r in v1.responses]
    assert [[(a.action, a.delivery, a.timescale, a.lead, a.due_date) for a in r.actions] for r in back.responses] == \
        [[(a.action, a.delivery, a.timescale, a.lead, a.due_date) for a in r.actions] for r in v1.responses]
    ids = [a["id"] for r in out["responses"] for a in r["actions"]]
    assert len(ids) == 52 and len(set(ids)) == 52 and all(len(i) == 32 for i in ids)
    for response in out["responses"]:
        assert datetime.strptime(response["updated_at"], "%Y-%m-%dT%H:%M:%SZ")
        assert response["updated_by"] is not None
        for action in response["actions"]:
            assert action["updated_at"].endswith("Z")


def test_export_import_export_keeps_ids_and_who_when_byte_for_byte(db_path, tmp_path):
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    first = tmp_path / "first.json"
    exported(db_path, tmp_path, "first.json")
    other = tmp_path / "other.db"
    assert main(["import", str(first), "--db", str(other)]) == 0
    exported(other, tmp_path, "second.json")
    assert (tmp_path / "second.json").read_bytes() == first.read_bytes()


def test_ids_survive_carry_forward_into_the_next_round(workspace, example_round):
    ids = {a.reference: a.uid for r in workspace.rounds.load_round_by_id(example_round.id).responses for a in r.actions}
    new = workspace.rounds.create_round(NA, "2021", previous_round_id=example_round.id, carry_forward=True)
    carried = {a.reference: a.uid for r in workspace.rounds.load_round_by_id(new.id).responses for a in r.actions}
    assert carried and all(ids[ref] == uid for ref, uid in carried.items())


def test_every_change_records_who_and_when(workspace, example_round):
    workspace.user = "Caroline Whyte"
    workspace.rounds.set_evidence(example_round.id, "1.1", "New evidence")
    aid = workspace.rounds.add_action(example_round.id, "1.1")
    workspace.rounds.update_action(aid, timescale="March 2027")
    workspace.user = "Fiona Someone"
    workspace.tracking.set_lead(aid, "Head of Service")
    data = workspace.rounds.load_round_by_id(example_round.id)
    response = data.response("1.1")
    assert response.updated_by == "Caroline Whyte" and response.updated_at is not None
    added = next(a for a in response.actions if a.timescale == "March 2027")
    assert added.updated_by == "Fiona Someone"  # the lead was set through tracking, by Fiona
    history = workspace.contributions.history(example_round.id, "1.1")
    assert [h.author for h in history if "evidence" in h.text] == ["Caroline Whyte"]
    assert any(h.author == "Fiona Someone" and "lead" in h.text.lower() for h in history)


def _v2() -> dict:
    from msgdesk.rounds.return_file import return_to_json

    data = read_return_file(EXAMPLE)
    for n, response in enumerate(data.responses):
        response.updated_at = datetime(2026, 3, 1, 12, 0, 0)
        response.updated_by = "Someone"
        for m, action in enumerate(response.actions):
            action.uid = f"{n:02d}{m:02d}" + "a" * 28
    return return_to_json(data)


@pytest.mark.parametrize("change, where", [
    (lambda o: o["responses"][0]["actions"][0].update(id=7), "responses[0].actions[0].id: expected an id as text"),
    (lambda o: o["responses"][0]["actions"][0].update(id="has space"), "responses[0].actions[0].id: expected an id"),
    (lambda o: o["responses"][1]["actions"][0].update(id=o["responses"][0]["actions"][0]["id"]),
     "responses[1].actions[0].id: the id"),
    (lambda o: o["responses"][0].update(updated_at="2026-03-01 12:00"), "responses[0].updated_at: expected a time"),
    (lambda o: o["responses"][0].update(updated_at="2026-02-30T12:00:00Z"), "responses[0].updated_at:"),
    (lambda o: o["responses"][0].update(updated_by="two\nlines"), "responses[0].updated_by: must be one line"),
    (lambda o: o.update(pack=[]), "pack: expected an object"),
    (lambda o: o.update(version=3), "version: this msgdesk reads version 1 or 2, found 3"),
])
def test_a_bad_version_2_file_is_refused_with_the_place(change, where, template):
    obj = copy.deepcopy(_v2())
    change(obj)
    with pytest.raises(ReturnFileError) as refused:
        parse_return(json.dumps(obj), template)
    assert any(p.startswith(where) for p in refused.value.problems), refused.value.problems


def test_version_1_refuses_version_2_keys(template):
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    obj["responses"][0]["actions"][0]["id"] = "abc"
    with pytest.raises(ReturnFileError, match=r"responses\[0\]\.actions\[0\]\.id: unknown key"):
        parse_return(json.dumps(obj), template)


def test_version_2_written_by_hand_without_ids_reads_and_writes_back(template):
    obj = _v2()
    for response in obj["responses"]:
        for action in response["actions"]:
            del action["id"], action["updated_at"], action["updated_by"]
    data = parse_return(json.dumps(obj), template)
    assert all(a.uid == "" for r in data.responses for a in r.actions)
    assert dump_return(parse_return(dump_return(data), template)) == dump_return(data)


def test_a_refused_file_leaves_the_database_unchanged(db_path, tmp_path):
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    before = dump(db_path)
    obj = _v2()
    obj["round"] = "2021"
    obj["responses"][0]["actions"][0]["id"] = "bad id"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    assert main(["import", str(bad), "--db", str(db_path)]) == 2
    assert dump(db_path) == before
