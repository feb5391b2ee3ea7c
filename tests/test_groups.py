"""Comparator groups kept in the database: made, changed, renamed and deleted through
``Workspace.groups`` and ``msgdesk group``, on SQLite and on PostgreSQL; names checked by
the return file's one text rule; the database's own guards; the schema-0001 fixture
migrates to a database that holds them."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from msgdesk.cli.main import main
from msgdesk.domain.errors import AmbiguousNameError, InputError, NotFoundError, RecordFixedError
from msgdesk.domain.return_values import ResponseData, ReturnData
from msgdesk.domain.text import MAX_NAME
from msgdesk.store.workspace import Workspace
from tests.conftest import ROOT
from tests.dbdump import dump

NAMES = ("Orkney Health and Care", "Shetland Islands Health and Social Care Partnership", "Western Isles",
         "North Ayrshire", "South Ayrshire", "East Ayrshire")


@pytest.fixture
def workspace(any_workspace):
    return any_workspace


@pytest.fixture
def known(workspace):
    for name in NAMES:
        workspace.rounds.import_return(ReturnData(name, "2021", responses=[ResponseData("1.1", "established")]))
    return workspace


def test_a_group_is_made_listed_changed_renamed_and_deleted(known):
    groups = known.groups
    made = groups.set_group("  Island   authorities ", ["orkney", "Shetland", "western isles"])
    assert made.name == "Island authorities"
    assert made.members == ("Orkney Health and Care", "Shetland Islands Health and Social Care Partnership",
                            "Western Isles")
    groups.set_group("Ayrshire", ["North Ayrshire", "South Ayrshire", "East Ayrshire"])
    assert [g.name for g in groups.list_groups()] == ["Ayrshire", "Island authorities"]
    changed = groups.set_group("ISLAND AUTHORITIES", ["Orkney Health and Care"])  # the same group
    assert changed.id == made.id and changed.members == ("Orkney Health and Care",)
    assert groups.group("island authorities").members == ("Orkney Health and Care",)
    renamed = groups.rename_group("Island authorities", "Islands")
    assert renamed.id == made.id and renamed.members == ("Orkney Health and Care",)
    with pytest.raises(InputError, match="there is a group called 'Ayrshire' already"):
        groups.rename_group("Islands", "ayrshire")
    assert groups.delete_group("islands") == "Islands"
    assert [g.name for g in groups.list_groups()] == ["Ayrshire"]
    with pytest.raises(NotFoundError, match="the groups are: 'Ayrshire'"):
        groups.group("Islands")
    assert known.rounds.list_partnerships() == sorted(NAMES)  # partnerships stay


def test_members_are_refused_when_unknown_ambiguous_or_none_and_nothing_changes(known):
    groups = known.groups
    groups.set_group("Islands", ["Orkney", "Western Isles"])
    before = groups.list_groups()
    with pytest.raises(AmbiguousNameError) as caught:
        groups.set_group("Islands", ["Ayrshire"])
    assert caught.value.matches == ["East Ayrshire", "North Ayrshire", "South Ayrshire"]
    with pytest.raises(NotFoundError, match="did you mean 'Orkney Health and Care'"):
        groups.set_group("Islands", ["Orkeny Health"])
    with pytest.raises(NotFoundError, match="once one of its returns is imported"):
        groups.set_group("Islands", ["Fair Isle"])
    with pytest.raises(InputError, match="say which partnerships"):
        groups.set_group("Islands", ["  "])
    assert groups.list_groups() == before
    # the same partnership named twice is a member once
    assert groups.set_group("Twice", ["Orkney", "orkney health and care"]).members == ("Orkney Health and Care",)


@pytest.mark.parametrize("length", list(range(0, MAX_NAME + 2, 13)) + [MAX_NAME - 1, MAX_NAME, MAX_NAME + 1])
def test_a_group_name_follows_the_one_text_rule_at_every_length(known, length):
    name = ("Gaelic Fàilte “group” " * 20)[:length]
    if not name.strip():
        with pytest.raises(InputError, match="needs a name"):
            known.groups.set_group(name, ["Orkney"])
    elif length > MAX_NAME:
        with pytest.raises(InputError, match=f"too long .*at most {MAX_NAME}"):
            known.groups.set_group(name, ["Orkney"])
        assert known.groups.list_groups() == []
    else:
        assert known.groups.set_group(name, ["Orkney"]).name == " ".join(name.split())


@pytest.mark.parametrize("name", ["Line\nbreak", "Tab\there", "Bell\x07", "Half \ud800"])
def test_a_group_name_that_a_return_file_could_not_hold_is_refused(known, name):
    with pytest.raises(InputError, match="the group's name"):
        known.groups.set_group(name, ["Orkney"])
    assert known.groups.list_groups() == []


def test_the_database_keeps_ids_fixed_and_members_go_with_their_partnership(known):
    made = known.groups.set_group("Islands", ["Orkney", "Western Isles"])
    with pytest.raises(RecordFixedError):
        with known.engine.begin() as con:
            con.execute(text("UPDATE comparator_group SET id = id + 100"))
    with pytest.raises(RecordFixedError):
        with known.engine.begin() as con:
            con.execute(text("UPDATE comparator_group_member SET id = id + 100"))
    with pytest.raises(IntegrityError):  # a name must be given, whoever writes it
        with known.engine.begin() as con:
            con.execute(text("UPDATE comparator_group SET name = '  '"))
    with known.engine.begin() as con:
        con.execute(text("DELETE FROM partnership WHERE name = 'Western Isles'"))
    assert known.groups.group("Islands") == type(made)(made.id, "Islands", ("Orkney Health and Care",))


def test_every_write_to_a_group_moves_the_change_counter(tmp_path):
    with Workspace.open(tmp_path / "counted.db") as ws:
        ws.rounds.import_return(ReturnData("Orkney", "2021"))

        def changes() -> int:
            with ws.engine.connect() as con:
                return con.execute(text("SELECT changes FROM store_meta")).scalar_one()

        for step in (lambda: ws.groups.set_group("Islands", ["Orkney"]),
                     lambda: ws.groups.rename_group("Islands", "Isles"),
                     lambda: ws.groups.delete_group("Isles")):
            before = changes()
            step()
            assert changes() > before


def test_the_schema_0001_fixture_migrates_to_a_database_that_keeps_groups(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "msgdesk-schema-0001.db", path)
    with Workspace.open(path) as ws:
        made = ws.groups.set_group("North", ["North Ayrshire"])
        assert made.members == ("North Ayrshire Health and Social Care Partnership",)
    with Workspace.open(path) as ws:
        assert ws.groups.list_groups() == [made]


# --- the command line ---------------------------------------------------------------------------------


def test_group_commands_set_list_and_delete(tmp_path, capsys):
    db = tmp_path / "groups.db"
    with Workspace.open(db) as ws:
        for name in NAMES:
            ws.rounds.import_return(ReturnData(name, "2021", completed_on=date(2021, 5, 1)))
    assert main(["group", "list", "--db", str(db)]) == 0
    assert "No comparator groups yet" in capsys.readouterr().out
    assert main(["group", "set", "Island authorities", "--partnerships", "Orkney", "Shetland", "Western Isles",
                 "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["Island authorities: 3 partnerships", "  Orkney Health and Care",
                                "  Shetland Islands Health and Social Care Partnership", "  Western Isles"]
    assert main(["--db", str(db), "group", "list"]) == 0
    assert capsys.readouterr().out.startswith("Island authorities (3)\n  Orkney Health and Care\n")

    before = dump(db)
    assert main(["group", "set", "Island authorities", "--partnerships", "Ayrshire", "--db", str(db)]) == 2
    assert "'Ayrshire' could be any of: East Ayrshire; North Ayrshire; South Ayrshire" in capsys.readouterr().err
    assert main(["group", "delete", "Nowhere", "--db", str(db)]) == 2
    assert dump(db) == before
    assert main(["group", "delete", "island authorities", "--db", str(db)]) == 0
    assert "Deleted the group 'Island authorities'" in capsys.readouterr().out
