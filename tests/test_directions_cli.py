"""Directions files through the real command line (``msgdesk directions … --db DB``, a
separate process), on SQLite and on PostgreSQL: every kind of bad file exits 2 with the
message naming the file and the place, no traceback, and every table of the database
exactly as it was; the round trip export → import → export is byte-identical."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.store.target import PostgresTarget, SqliteTarget
from tests.dbdump import dump

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
PARTNERSHIP = "North Ayrshire Health and Social Care Partnership"
DRAFT = "NAIJB-2026-DRAFT"


def msgdesk(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("msgdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "msgdesk"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8",
                          errors="backslashreplace", env=dict(os.environ), timeout=120)


_REFLECTED: dict[str, tuple] = {}


def dump_any(where: str) -> list:
    """Every row of every table (but the change counter), for SQLite or PostgreSQL."""
    if not where.startswith("postgresql"):
        return dump(Path(where))
    from sqlalchemy import MetaData, create_engine, select
    from sqlalchemy.pool import NullPool

    from msgdesk.store.target import parse_target

    if where not in _REFLECTED:  # reflecting the schema takes longer than reading the rows
        target = parse_target(where)
        assert isinstance(target, PostgresTarget)
        engine = create_engine(target.engine_url(), poolclass=NullPool)
        meta = MetaData()
        meta.reflect(engine)
        _REFLECTED[where] = (engine, meta)
    engine, meta = _REFLECTED[where]
    with engine.connect() as con:
        return [(name, [tuple(r) for r in con.execute(select(table).order_by(*table.columns))])
                for name, table in sorted(meta.tables.items()) if name != "store_meta"]


def _fill(where: str) -> None:
    """The example log, the partners' names and a draft varying one of its directions."""
    done = msgdesk("directions", "import", str(EXAMPLE), "--db", where)
    assert done.returncode == 0, done.stderr
    done = msgdesk("directions", "bodies", "-p", PARTNERSHIP, "--health-board", "NHS Ayrshire & Arran",
                   "--local-authority", "North Ayrshire Council", "--db", where)
    assert done.returncode == 0, done.stderr
    from msgdesk.store.workspace import Workspace

    with Workspace.open(where) as ws:
        issued = ws.directions.find(PARTNERSHIP, "NAIJB-2026-03")
        ws.directions.draft_variation(issued.id, DRAFT)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory) -> str:
    """One filled database per backend for the module: a bad import changes nothing, which
    each test checks, so they can share it."""
    if request.param == "sqlite":
        where = str(SqliteTarget(tmp_path_factory.mktemp("directions") / "msgdesk.db").path)
    else:
        databases = request.getfixturevalue("pg_databases")
        target = databases.create()
        request.addfinalizer(lambda: databases.drop(target))
        where = target.to_url(with_password=True)
    _fill(where)
    return where


# --- the kinds of bad file -------------------------------------------------------------------


def example() -> dict:
    return json.loads(EXAMPLE_TEXT)


def changed(change) -> bytes:
    doc = example()
    change(doc)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def first(**values):
    """The example with its first direction's keys set to ``values`` (None: removed)."""
    def change(doc):
        for key, value in values.items():
            if value is None:
                doc["directions"][0].pop(key, None)
            else:
                doc["directions"][0][key] = value
    return changed(change)


def only(*directions: dict) -> bytes:
    """A file of its own (a new partnership's log) holding ``directions``."""
    return json.dumps({"format": "msgdesk-directions", "version": 1, "partnership": "Orkney Health and Care",
                       "directions": list(directions)}).encode("utf-8")


def direction(reference: str, **values) -> dict:
    base = {"reference": reference, "title": "A direction", "functions": ["Care at home services"],
            "issued_to": ["health_board"], "issued_on": "2021-04-01", "instruction": "Deliver it."}
    base.update(values)
    return base


def text_with(old: str, new: str) -> bytes:
    assert old in EXAMPLE_TEXT, old
    return EXAMPLE_TEXT.replace(old, new, 1).encode("utf-8")


def new_direction_varying(target: str) -> bytes:
    """A file holding one new direction of the example's partnership, varying ``target`` of the log."""
    return json.dumps({"format": "msgdesk-directions", "version": 1, "partnership": PARTNERSHIP,
                       "directions": [direction("NAIJB-2026-99", supersedes=target, issued_on="2026-11-01")]}
                      ).encode("utf-8")


def lacking_an_issue(doc):
    for d in doc["directions"]:
        if d["reference"] == "NAIJB-2024-05":
            d["delivery_issues"].pop(0)


def unrevoked(doc):
    for d in doc["directions"]:
        if d["reference"] == "NAIJB-2024-07":
            d["revoked_on"], d["revoked_reason"] = None, ""


def retitled(doc):
    doc["directions"][0]["title"] = "Budget 2024/25: a new title"


#: (name, content, the words expected in the message, import with --replace)
CASES = [
    ("empty file", b"", "the file is empty", False),
    ("not JSON", b'{"format": "msgdesk-directions",', "line 1, column 33: not valid JSON", False),
    ("UTF-16", EXAMPLE_TEXT.encode("utf-16"), "line 1, column 1: the file is UTF-16 text", False),
    ("invalid UTF-8", EXAMPLE_TEXT.encode("utf-8").replace(b"Arran", b"Arr\xe1n", 1), "not UTF-8 text", False),
    ("NaN", text_with('"resource": "160412300.00"', '"resource": NaN'),
     "directions[0].resource: NaN is not valid JSON", False),
    ("repeated key", text_with('"title": ', '"title": "x", "title": '),
     "directions[0].title: given more than once in the same object", False),
    ("lone surrogate", text_with('"instruction": "', '"instruction": "\\udc00'),
     "directions[0].instruction: contains a lone surrogate escape", False),
    ("a return file", json.dumps({"format": "msgdesk-return", "version": 1}).encode(),
     "format: expected 'msgdesk-directions', found 'msgdesk-return'", False),
    ("version 2", changed(lambda d: d.update(version=2)), "version: this msgdesk reads version 1, found 2", False),
    ("unknown top-level key", changed(lambda d: d.update(bodies={})), "bodies: unknown key", False),
    ("directions not a list", changed(lambda d: d.update(directions={})),
     "directions: expected a list, found an object", False),
    ("a direction not an object", changed(lambda d: d["directions"].insert(0, "NAIJB-1")),
     "directions[0]: expected an object, found text", False),
    ("misspelt key", first(titel="x"), "directions[0].titel: unknown key", False),
    ("no reference", first(reference=None), "directions[0].reference: missing", False),
    ("empty title", first(title="  "), "directions[0].title: must not be empty", False),
    ("title on two lines", first(title="Budget\n2024/25"), "directions[0].title: must be one line", False),
    ("control character", first(instruction="Bell \u0007"),
     "directions[0].instruction: contains a control character (U+0007)", False),
    ("reference too long", first(reference="N" * 41), "directions[0].reference: too long (41 characters; at most 40)",
     False),
    ("no function", first(functions=[]), "directions[0].functions: must not be empty", False),
    ("function not text", first(functions=[7]), "directions[0].functions[0]: expected the name of a function as text",
     False),
    ("function twice", first(functions=["Reablement", "Reablement"]),
     "directions[0].functions[1]: the function 'Reablement' is listed twice", False),
    ("issued to nobody", first(issued_to=[]), "directions[0].issued_to: must not be empty", False),
    ("issued to an unknown partner", first(issued_to=["health_board", "nhs_board"]),
     "directions[0].issued_to[1]: unknown delivery partner 'nhs_board'", False),
    ("no date of issue", first(issued_on=None), "directions[0].issued_on: missing", False),
    ("date of issue not a real date", first(issued_on="2024-02-30"),
     "directions[0].issued_on: '2024-02-30' is not a real date", False),
    ("date of issue written the UK way", first(issued_on="28/03/2024"),
     "directions[0].issued_on: expected a date YYYY-MM-DD, found '28/03/2024'", False),
    ("date of issue in the future", first(issued_on="2999-01-01"),
     "directions[0].issued_on: 2999-01-01 is in the future", False),
    ("issued before its IJB meeting", first(ijb_meeting="2024-03-29"),
     "directions[0].issued_on: 2024-03-28 is before the IJB meeting of 2024-03-29", False),
    ("no instruction", first(instruction=""), "directions[0].instruction: must not be empty", False),
    ("resource as a number", first(resource=160412300.0), "directions[0].resource: expected an amount as text", False),
    ("resource in tenths of pence", first(resource="1.005"),
     "directions[0].resource: an amount has at most two decimal places", False),
    ("negative resource", first(resource="-5.00"), "directions[0].resource: an amount of resource cannot be negative",
     False),
    ("resource with commas", first(resource="160,412,300.00"), "directions[0].resource: expected an amount in pounds",
     False),
    ("resource without its basis", first(resource_basis=None), "directions[0].resource_basis: missing", False),
    ("unknown basis", first(resource_basis="grant"), "directions[0].resource_basis: unknown basis 'grant'", False),
    ("milestone without text", first(milestones=[{"timescale": "Q1 2024/25"}]),
     "directions[0].milestones[0].milestone: missing", False),
    ("milestone due on no real day", first(milestones=[{"milestone": "x", "due_date": "2024-04-31"}]),
     "directions[0].milestones[0].due_date: '2024-04-31' is not a real date", False),
    ("revoked and completed", first(revoked_on="2024-05-01", revoked_reason="x", completed_on="2024-06-01"),
     "directions[0].completed_on: a direction is either revoked or completed, not both", False),
    ("revoked without a reason", first(revoked_on="2024-05-01"), "directions[0].revoked_reason: missing: say why",
     False),
    ("revoked before it was issued", first(revoked_on="2024-01-01", revoked_reason="x"),
     "directions[0].revoked_on: 2024-01-01 is before the direction was issued (2024-03-28)", False),
    ("delivery issue before issue", first(delivery_issues=[{"date": "2023-12-31", "issue": "x"}]),
     "directions[0].delivery_issues[0].date: 2023-12-31 is before the direction was issued", False),
    ("update without text", first(updates=[{"date": "2024-05-01"}]), "directions[0].updates[0].text: missing", False),
    ("reference twice", changed(lambda d: d["directions"].append(copy.deepcopy(d["directions"][0]))),
     "directions[14].reference: NAIJB-2024-01 appears twice (also directions[0])", False),
    ("supersedes itself", first(supersedes="NAIJB-2024-01"), "directions[0].supersedes: NAIJB-2024-01 cannot supersede "
     "itself", False),
    ("supersedes nothing known", only(direction("OHC-1", supersedes="OHC-0")),
     "directions[0].supersedes: there is no direction OHC-0 in the file or in the log of Orkney Health and Care",
     False),
    ("a cycle of supersession", only(direction("OHC-1", supersedes="OHC-2"), direction("OHC-2", supersedes="OHC-1")),
     "directions[0].supersedes: a cycle of supersession: OHC-1 → OHC-2 → OHC-1", False),
    ("superseded twice in the file", only(direction("OHC-1"), direction("OHC-2", supersedes="OHC-1"),
                                          direction("OHC-3", supersedes="OHC-1")),
     "directions[2].supersedes: OHC-1 is already superseded by OHC-2", False),
    ("supersedes a direction revoked in the file",
     only(direction("OHC-1", revoked_on="2021-05-01", revoked_reason="x"), direction("OHC-2", supersedes="OHC-1")),
     "directions[1].supersedes: OHC-1 was revoked on 2021-05-01 (directions[0])", False),
    ("supersedes a later direction", only(direction("OHC-1", issued_on="2021-06-01"),
                                          direction("OHC-2", supersedes="OHC-1", issued_on="2021-05-01")),
     "directions[1].supersedes: OHC-2 was issued on 2021-05-01, before OHC-1", False),
    # what needs the database
    ("already in the log", EXAMPLE_TEXT.encode("utf-8"),
     "directions[0].reference: NAIJB-2024-01 is already in the log of North Ayrshire Health and Social Care "
     "Partnership; import with --replace", False),
    ("an issued direction changed", changed(retitled), "directions[0]: NAIJB-2024-01 was issued on 2024-03-28 and its "
     "content is locked, but the file's differs (title)", True),
    ("a revocation undone", changed(unrevoked), "the log records NAIJB-2024-07 as revoked on 2025-02-20", True),
    ("a delivery issue dropped", changed(lacking_an_issue),
     "delivery_issues: the log holds an entry of 2024-12-12 that the file lacks", True),
    ("supersedes a direction revoked in the log", new_direction_varying("NAIJB-2024-07"),
     "directions[0].supersedes: NAIJB-2024-07 was revoked on 2025-02-20 in the log", False),
    ("supersedes a direction the log has superseded", new_direction_varying("NAIJB-2024-01"),
     "directions[0].supersedes: NAIJB-2024-01 is already superseded by NAIJB-2024-09 in the log", False),
    ("supersedes a later direction of the log", new_direction_varying("NAIJB-2026-03").replace(
        b'"2026-11-01"', b'"2026-06-01"'),
     "directions[0].supersedes: NAIJB-2026-99 was issued on 2026-06-01, before NAIJB-2026-03 (2026-06-25)", False),
]


def test_there_are_at_least_25_kinds_of_bad_file():
    assert len(CASES) >= 25 and len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("name, content, expected, replace", CASES, ids=[c[0] for c in CASES])
def test_a_bad_directions_file_exits_2_names_the_place_and_changes_nothing(name, content, expected, replace,
                                                                         database, tmp_path):
    bad = tmp_path / "bad directions.json"
    bad.write_bytes(content)
    before = dump_any(database)
    done = msgdesk("directions", "import", str(bad), "--db", database, *(["--replace"] if replace else []))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.startswith(f"msgdesk directions: {bad}: not imported"), done.stderr
    assert expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert dump_any(database) == before


def test_a_draft_in_the_log_cannot_be_superseded_by_a_file(database, tmp_path):
    bad = tmp_path / "varies a draft.json"
    bad.write_bytes(new_direction_varying(DRAFT))
    before = dump_any(database)
    done = msgdesk("directions", "import", str(bad), "--db", database)
    assert done.returncode == 2
    assert f"directions[0].supersedes: {DRAFT} is a draft in the log" in done.stderr
    assert dump_any(database) == before


def test_what_is_not_a_readable_file_exits_2(database, tmp_path):
    before = dump_any(database)
    for path, expected in ((tmp_path / "missing.json", "no such file"), (tmp_path, "this is a folder")):
        done = msgdesk("directions", "import", str(path), "--db", database)
        assert done.returncode == 2 and f"{path}: not imported, 1 problem:\n  {expected}" in done.stderr
    assert dump_any(database) == before


# --- the round trip ---------------------------------------------------------------------------


def test_export_import_export_is_byte_identical_on_either_backend(database, tmp_path):
    first_export, second_export = tmp_path / "first.json", tmp_path / "second.json"
    done = msgdesk("directions", "export", "-p", PARTNERSHIP, "--json", str(first_export), "--db", database)
    assert done.returncode == 0, done.stderr
    assert "(1 draft not written: a directions file holds what was issued)" in done.stdout
    assert first_export.read_text(encoding="utf-8") == EXAMPLE_TEXT
    fresh = str(tmp_path / "fresh.db")
    assert msgdesk("directions", "import", str(first_export), "--db", fresh).returncode == 0
    done = msgdesk("directions", "export", "-p", PARTNERSHIP, "--json", str(second_export), "--db", fresh)
    assert done.returncode == 0, done.stderr
    assert second_export.read_bytes() == first_export.read_bytes()
    # importing it again with --replace changes nothing: everything in it is there already
    before = dump_any(fresh)
    done = msgdesk("directions", "import", str(second_export), "--db", fresh, "--replace")
    assert done.returncode == 0 and "0 added, 0 brought up to date, 14 unchanged" in done.stdout, done.stdout
    assert dump_any(fresh) == before


def test_replace_brings_an_issued_direction_up_to_date_and_keeps_its_history(tmp_path):
    where = str(tmp_path / "msgdesk.db")
    doc = example()
    target = next(d for d in doc["directions"] if d["reference"] == "NAIJB-2026-03")
    target["milestones"][0]["achieved_on"] = None
    (tmp_path / "before.json").write_text(json.dumps(doc), encoding="utf-8")
    assert msgdesk("directions", "import", str(tmp_path / "before.json"), "--db", where).returncode == 0
    target["milestones"][0]["achieved_on"] = "2026-11-20"
    target["delivery_issues"].append({"date": "2026-11-21", "issue": "Line staff still being recruited."})
    target["updates"].append({"date": "2026-11-22", "text": "Crisis line live from 20 November."})
    (tmp_path / "after.json").write_text(json.dumps(doc), encoding="utf-8")
    done = msgdesk("directions", "import", str(tmp_path / "after.json"), "--db", where, "--replace")
    assert done.returncode == 0, done.stderr
    assert "0 added, 1 brought up to date, 13 unchanged" in done.stdout
    from msgdesk.store.workspace import Workspace

    with Workspace.open(where) as ws:
        data = ws.directions.find(PARTNERSHIP, "NAIJB-2026-03").data
    assert str(data.milestones[0].achieved_on) == "2026-11-20"
    assert [e.text for e in data.delivery_issues] == ["Line staff still being recruited."]
    assert [e.text for e in data.updates] == ["Crisis line live from 20 November."]


def test_list_log_and_bodies_on_the_command_line(database, tmp_path):
    done = msgdesk("directions", "list", "-p", PARTNERSHIP, "--as-at", "2026-12-01", "--db", database)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["Reference", "Issued", "Status"]
    assert lines[1].startswith("NAIJB-2024-08")  # the most overdue first
    # within 100 columns (issue 21 item 14) the status wraps in its column
    at = next(n for n, line in enumerate(lines) if "Superseded by NAIJB-2024-09" in line)
    assert "on 3 October 2024" in lines[at + 1]
    assert max(len(line) for line in lines) <= 100
    assert "(1 not yet issued by 2026-12-01, not listed)" in done.stdout
    done = msgdesk("directions", "log", "-p", PARTNERSHIP, "--as-at", "2026-12-01", "--db", database)
    assert "Resource committed by directions in force:" in done.stdout
    assert "NHS Ayrshire & Arran: £202,220,000.00 (3 in force)" in done.stdout
    done = msgdesk("directions", "list", "-p", "Nowhere HSCP", "--db", database)
    assert done.returncode == 2 and "there is no partnership 'Nowhere HSCP'" in done.stderr
    # issue 21 item 14: the window's dates are the command line's dates; what neither takes exits 2
    done = msgdesk("directions", "log", "-p", PARTNERSHIP, "--as-at", "31/13/2021", "--db", database)
    assert done.returncode == 2 and "expected a date such as 31/03/2022 or 2022-03-31" in done.stderr
