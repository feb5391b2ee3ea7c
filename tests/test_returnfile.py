"""Return files: validation with located messages, all-or-nothing import,
byte-identical round trips — through the real command line and SQLite files."""

from __future__ import annotations

import copy
import json

import pytest

from msgdesk.cli.main import main
from msgdesk.rounds.return_file import ReturnFileError, dump_return, parse_return
from tests.conftest import EXAMPLE
from tests.dbdump import dump


def example_obj() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def with_change(change) -> dict:
    obj = copy.deepcopy(example_obj())
    change(obj)
    return obj


def _set(path, value):
    """A change that sets obj[path...] = value."""
    def change(obj):
        target = obj
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _delete(path):
    def change(obj):
        target = obj
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


def _first_action_with(key, value):
    def change(obj):
        response = obj["responses"][3]
        response["actions"] = [{"action": "Review the plan", "timescale": "December 2021"},
                               {"action": "Publish it", "timescale": "March 2022"}]
        response["actions"][1][key] = value
    return change


def _duplicate_proposal(obj):
    obj["responses"].append(copy.deepcopy(obj["responses"][0]))


def _national_rating(obj):
    obj["responses"].append({"proposal": "3.2", "rating": "established"})


def _edited(change, old: str, new: str) -> bytes:
    """The example changed by ``change``, written out, then ``old`` replaced by ``new`` in
    the text: for what json.dumps cannot write (a repeated key, NaN, a 5,000-digit number)."""
    text = json.dumps(with_change(change), ensure_ascii=False)
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


def _repeat_key(path, key):
    """The object at ``path`` gives ``key`` a second time, after its other keys."""
    return _edited(_set([*path, "__again__"], "second"), '"__again__"', json.dumps(key))


# A lone surrogate escape in every text field, high and low halves (issue 9, defect 8:
# these reached SQLite and came back as a traceback with exit 1).
LONE = [("\ud800", "\\ud800"), ("\udfff", "\\udfff")]
SURROGATES = [
    (f"lone surrogate {escape} in {where}", with_change(change), f"{where}: contains a lone surrogate escape ({escape})")
    for char, escape in LONE
    for where, change in [
        ("partnership", _set(["partnership"], f"North {char}Ayrshire")),
        ("round", _set(["round"], f"2019{char}")),
        ("contact", _set(["contact"], char)),
        ("responses[5].evidence", _set(["responses", 5, "evidence"], f"Evidence {char} here")),
        *[(f"responses[3].actions[1].{key}", _first_action_with(key, f"x{char}"))
          for key in ("action", "delivery", "timescale", "lead")],
    ]
] + [
    ("lone surrogate in a key", with_change(_set(["responses", 5, "evid\ud800"], "x")),
     'responses[5]["evid\\ud800"]: unknown key'),
    ("lone surrogate as the proposal", with_change(_set(["responses", 4, "proposal"], "\ud800")),
     "responses[4].proposal: there is no proposal '\\ud800'"),
    ("lone surrogate as the rating", with_change(_set(["responses", 4, "rating"], "\udc00")),
     "responses[4].rating: unknown rating '\\udc00'"),
    ("lone surrogate in due_date", with_change(_first_action_with("due_date", "2021-01-0\ud800")),
     "responses[3].actions[1].due_date: expected a date YYYY-MM-DD, found '2021-01-0\\ud800'"),
    ("lone surrogate as the format", with_change(_set(["format"], "\ud800")), "format: expected 'msgdesk-return', found '\\ud800'"),
]

# Not strict JSON, or not UTF-8: each refused with its place.
NOT_STRICT = [
    ("key repeated at the top", _repeat_key([], "round"), "round: given more than once in the same object"),
    ("key repeated in a response", _repeat_key(["responses", 3], "evidence"),
     "responses[3].evidence: given more than once in the same object"),
    ("key repeated in an action", _repeat_key(["responses", 3, "actions", 0], "timescale"),
     "responses[3].actions[0].timescale: given more than once in the same object"),
    ("Infinity as evidence", _edited(_set(["responses", 5, "evidence"], "__inf__"), '"__inf__"', "Infinity"),
     "responses[5].evidence: Infinity is not valid JSON"),
    ("-Infinity as rating", _edited(_set(["responses", 1, "rating"], "__inf__"), '"__inf__"', "-Infinity"),
     "responses[1].rating: -Infinity is not valid JSON"),
    ("5,000-digit version", _edited(_set(["version"], 424242), "424242", "1" * 5000),
     "version: this msgdesk reads version 1 or 2, found a number"),
    ("huge exponent as due_date", with_change(_first_action_with("due_date", 1e308)), "responses[3].actions[1].due_date: expected a date as text"),
    ("nested 5,000 deep", _edited(_set(["responses", 5, "evidence"], "__deep__"), '"__deep__"', "[" * 5000 + "]" * 5000),
     "nested more than 100 levels deep"),
    ("200,000 empty objects", with_change(_set(["responses"], [{}] * 200_000)), "more than 100,000 lists and objects"),
    ("UTF-16 with a byte-order mark", json.dumps(example_obj()).encode("utf-16"), "line 1, column 1: the file is UTF-16 text"),
    ("UTF-16 without a mark", json.dumps(example_obj()).encode("utf-16-le"), "the file looks like UTF-16 or UTF-32 text"),
    ("UTF-32 with a byte-order mark", json.dumps(example_obj()).encode("utf-32"), "line 1, column 1: the file is UTF-32 text"),
    ("an invalid UTF-8 byte on line 3", b'{"format": "msgdesk-return",\n"version": 1,\n"contact": "ab\xffc"}',
     "line 3, column 15: not UTF-8 text (byte 0xFF at offset 57)"),
    ("a surrogate encoded as UTF-8 bytes", b'{"contact": "\xed\xa0\x80"}', "line 1, column 14: not UTF-8 text (byte 0xED"),
    ("a raw control character in text", _edited(_set(["contact"], "__ctl__"), "__ctl__", "a\x01b"),
     "not valid JSON (Invalid control character at)"),
    ("an escaped escape character", with_change(_set(["responses", 5, "evidence"], "red \x1b[31m")),
     "responses[5].evidence: contains a control character (U+001B) at position 4"),
    ("a tab in the partnership", with_change(_set(["partnership"], "North\tAyrshire")),
     "partnership: must be one line: contains a line break or tab (U+0009) at position 5"),
    ("only a byte-order mark", b"\xef\xbb\xbf  \n", "the file is empty"),
    ("two byte-order marks", b"\xef\xbb\xbf" + "\ufeff{}".encode(), "line 1, column 1: not valid JSON"),
    ("Arabic-Indic digits as a date", with_change(_set(["completed_on"], "\u0662\u0660\u0661\u0669-04-18")),
     "completed_on: expected a date YYYY-MM-DD"),
    ("a key with an escape sequence", with_change(_set(["responses", 2, "\x1b[2J"], 1)), 'responses[2]["\\u001b[2J"]: unknown key'),
]


# (name, raw bytes or JSON object, expected located fragment)
MALFORMED = [
    ("empty file", b"", "the file is empty"),
    ("not JSON", b"{\"format\": \"msgdesk-return\",", "line 1, column"),
    ("trailing comma", b'{"format": "msgdesk-return", "version": 1,}', "not valid JSON"),
    ("NaN constant", b'{"format": "msgdesk-return", "version": NaN}', "not valid JSON"),
    ("not UTF-8", "{\"partnership\": \"Sl\u00e0inte\"}".encode("latin-1"), "not UTF-8"),
    ("a list, not an object", b"[1, 2]", "must hold a JSON object, found a list"),
    ("wrong format", with_change(_set(["format"], "msg-return")), "format: expected 'msgdesk-return'"),
    ("missing format", with_change(_delete(["format"])), "format: missing"),
    ("wrong version", with_change(_set(["version"], 3)), "version: this msgdesk reads version 1 or 2, found 3"),
    ("version as text", with_change(_set(["version"], "1")), "version: this msgdesk reads version 1 or 2"),
    ("version true", with_change(_set(["version"], True)), "version: this msgdesk reads version 1 or 2"),
    ("missing partnership", with_change(_delete(["partnership"])), "partnership: missing"),
    ("blank partnership", with_change(_set(["partnership"], "   ")), "partnership: must not be empty"),
    ("partnership a number", with_change(_set(["partnership"], 12)), "partnership: expected text, found a number"),
    ("missing round", with_change(_delete(["round"])), "round: missing"),
    ("round a number", with_change(_set(["round"], 2019)), "round: expected text, found a number"),
    ("round with newline", with_change(_set(["round"], "2019\n2021")), "round: must be one line: contains a line break"),
    ("unknown top-level key", with_change(_set(["signed_by"], "me")), "signed_by: unknown key"),
    ("contact a list", with_change(_set(["contact"], ["a"])), "contact: expected text, found a list"),
    ("completed_on not a date", with_change(_set(["completed_on"], "18/04/2019")), "completed_on: expected a date YYYY-MM-DD"),
    ("completed_on impossible", with_change(_set(["completed_on"], "2019-02-30")), "completed_on: '2019-02-30' is not a real date"),
    ("responses missing", with_change(_delete(["responses"])), "responses: missing"),
    ("responses an object", with_change(_set(["responses"], {})), "responses: expected a list, found an object"),
    ("response not an object", with_change(_set(["responses", 2], "1.3")), "responses[2]: expected an object, found text"),
    ("unknown proposal", with_change(_set(["responses", 4, "proposal"], "7.1")), "responses[4].proposal: there is no proposal '7.1'"),
    ("proposal a number", with_change(_set(["responses", 4, "proposal"], 2.2)), "responses[4].proposal: expected text"),
    ("proposal missing", with_change(_delete(["responses", 4, "proposal"])), "responses[4].proposal: missing"),
    ("duplicate proposal", with_change(_duplicate_proposal), "responses[22].proposal: proposal 1.1 appears twice (also responses[0])"),
    ("rating on a national proposal", with_change(_national_rating), "responses[22].rating: proposal 3.2 is not for local completion"),
    ("unknown rating", with_change(_set(["responses", 1, "rating"], "Established")), "responses[1].rating: unknown rating 'Established'"),
    ("rating a number", with_change(_set(["responses", 1, "rating"], 3)), "responses[1].rating: unknown rating a number"),
    ("bad previous rating", with_change(_set(["responses", 1, "previous_rating"], "good")), "responses[1].previous_rating: unknown rating"),
    ("evidence a number", with_change(_set(["responses", 5, "evidence"], 42)), "responses[5].evidence: expected text, found a number"),
    ("evidence with NUL", with_change(_set(["responses", 5, "evidence"], "ok\x00")), "responses[5].evidence: contains a control character (U+0000)"),
    ("unknown response key", with_change(_set(["responses", 5, "score"], 3)), "responses[5].score: unknown key"),
    ("actions an object", with_change(_set(["responses", 6, "actions"], {"action": "x"})), "responses[6].actions: expected a list, found an object"),
    ("action not an object", with_change(_set(["responses", 6, "actions"], ["do it"])), "responses[6].actions[0]: expected an object, found text"),
    ("action text missing", with_change(_first_action_with("action", None)), "responses[3].actions[1].action: expected text, found null"),
    ("action text empty", with_change(_first_action_with("action", "")), "responses[3].actions[1].action: must not be empty"),
    ("timescale a number", with_change(_first_action_with("timescale", 2021)), "responses[3].actions[1].timescale: expected text"),
    ("delivery a list", with_change(_first_action_with("delivery", [])), "responses[3].actions[1].delivery: expected text, found a list"),
    ("lead an object", with_change(_first_action_with("lead", {})), "responses[3].actions[1].lead: expected text, found an object"),
    ("due_date invalid", with_change(_first_action_with("due_date", "2021-13-01")), "responses[3].actions[1].due_date: '2021-13-01' is not a real date"),
    ("due_date wrong form", with_change(_first_action_with("due_date", "March 2022")), "responses[3].actions[1].due_date: expected a date YYYY-MM-DD"),
    ("unknown action key", with_change(_first_action_with("owner", "me")), "responses[3].actions[1].owner: unknown key"),
    ("national proposal twice", with_change(lambda o: o["responses"].extend([{"proposal": "3.2"}, {"proposal": "3.2"}])),
     "responses[23].proposal: proposal 3.2 appears twice (also responses[22])"),
    *SURROGATES,
    *NOT_STRICT,
]


def _raw(content) -> bytes:
    if isinstance(content, bytes):
        return content
    try:
        return json.dumps(content, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only its escape can be written
        return json.dumps(content).encode("utf-8")


def test_there_are_at_least_25_kinds_of_malformed_file():
    assert len({name for name, _, _ in MALFORMED}) >= 25


@pytest.mark.parametrize("name,content,expected", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_rejected_with_its_location_and_nothing_changes(
    name, content, expected, tmp_path, db_path, capsys, workspace, example_round
):
    """An existing database with one round; a bad import leaves it exactly as it was."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(_raw(content))
    before = dump(db_path)
    status = main(["import", str(bad), "--db", str(db_path), "--replace"])
    err = capsys.readouterr().err
    assert status == 2
    assert expected in err, err
    assert str(bad) in err
    assert all(line.isprintable() for line in err.splitlines()), err  # no control characters or surrogates
    assert dump(db_path) == before


@pytest.mark.parametrize("position", [0, 9, 22])
def test_an_empty_entry_for_a_national_proposal_is_accepted_and_left_out(position, db_path, tmp_path, capsys):
    """Proposals 3.2, 3.3 and 5.3 take no content; an entry that gives none (as a file
    listing all 25 proposals would) is accepted, and the round is the example's."""
    obj = example_obj()
    for entry in reversed([{"proposal": "3.2"},
                           {"proposal": "3.3", "rating": None, "previous_rating": None, "evidence": "", "actions": []},
                           {"proposal": "5.3", "actions": []}]):
        obj["responses"].insert(position, entry)
    path, out = tmp_path / "all-25.json", tmp_path / "out.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path)]) == 0, capsys.readouterr().err
    args = ["-p", obj["partnership"], "-r", obj["round"], "--json", str(out), "--db", str(db_path)]
    assert main(["export", *args]) == 0
    assert as_version_1(out.read_text(encoding="utf-8")) == EXAMPLE.read_text(encoding="utf-8")


def test_thousands_of_problems_are_all_kept_and_fifty_listed(template):
    obj = example_obj()
    for i in range(1000):
        obj[f"extra_{i}"] = i
    with pytest.raises(ReturnFileError) as caught:
        parse_return(json.dumps(obj), template)
    assert len(caught.value.problems) == 1000
    lines = str(caught.value).splitlines()
    assert lines[0] == "not imported, 1,000 problems:"
    assert lines[1:3] == ["  extra_0: unknown key (allowed: format, version, partnership, round, contact, "
                          "completed_on, responses)", "  extra_1: unknown key (allowed: format, version, "
                          "partnership, round, contact, completed_on, responses)"]
    assert len(lines) == 1 + 50 + 1 and lines[-1] == "  … and 950 more"


@pytest.mark.parametrize("path,value", [
    (["format"], list(range(100_000))),
    (["format"], "m" * 1_000_000),
    (["version"], {"major": "1" * 100_000}),
    (["version"], 10**300),
    (["responses", 1, "rating"], "E" * 1_000_000),
    (["responses", 1, "proposal"], "1" * 1_000_000),
    (["completed_on"], "2019" * 250_000),
    (["responses", 1, "x" * 100_000], 1),
])
def test_a_huge_value_is_cut_short_in_the_message(path, value, template):
    with pytest.raises(ReturnFileError) as caught:
        parse_return(json.dumps(with_change(_set(path, value))), template)
    assert len(str(caught.value)) < 300, str(caught.value)[:300]


def _problems(obj_or_text, template) -> list[str]:
    text = obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text, ensure_ascii=False)
    try:
        parse_return(text.encode("utf-8"), template)
    except ReturnFileError as exc:
        return exc.problems
    return []


def test_nesting_is_refused_from_101_levels_deep(template):
    """Evidence at depth 3 (file, responses, response) holding ``extra`` nested lists."""
    for extra in range(90, 111):
        text = json.dumps(with_change(_set(["responses", 5, "evidence"], "__x__"))).replace(
            '"__x__"', "[" * extra + "]" * extra)
        problems = _problems(text, template)
        if 3 + extra > 100:
            assert len(problems) == 1 and "nested more than 100 levels deep" in problems[0], (extra, problems)
        else:
            assert problems == ["responses[5].evidence: expected text, found a list"], (extra, problems)


def test_at_most_100_000_lists_and_objects(template):
    base = 2 + 22 * 2 + 52  # the example's own: file, responses, each response and its actions list, actions
    for extra in range(100_000 - base - 3, 100_000 - base + 4):
        problems = _problems(with_change(_set(["contact"], [[]] * (extra - 1))), template)
        if base + extra > 100_000:
            assert len(problems) == 1 and "more than 100,000 lists and objects" in problems[0], (extra, problems)
        else:
            assert problems == ["contact: expected text, found a list"], (extra, problems)


# (where, limit, a change that sets the field); every limit counts characters, not bytes
LIMITS = [
    ("partnership", 200, lambda v: _set(["partnership"], v)),
    ("round", 40, lambda v: _set(["round"], v)),
    ("contact", 1000, lambda v: _set(["contact"], v)),
    ("responses[5].evidence", 1_000_000, lambda v: _set(["responses", 5, "evidence"], v)),
    ("responses[3].actions[1].action", 1_000_000, lambda v: _first_action_with("action", v)),
    ("responses[3].actions[1].delivery", 1_000_000, lambda v: _first_action_with("delivery", v)),
    ("responses[3].actions[1].timescale", 1000, lambda v: _first_action_with("timescale", v)),
    ("responses[3].actions[1].lead", 200, lambda v: _first_action_with("lead", v)),
]


@pytest.mark.parametrize("where,limit,change", LIMITS, ids=[x[0] for x in LIMITS])
def test_text_limits_count_characters(where, limit, change, template):
    for length in range(limit - 3, limit + 4):
        value = ("Slàinte🙂 " * (length // 9 + 1))[:length]
        assert len(value) == length
        problems = _problems(with_change(change(value.strip() + "x" * (length - len(value.strip())))), template)
        if length > limit:
            assert problems == [f"{where}: too long ({length:,} characters; at most {limit:,})"], (length, problems)
        else:
            assert problems == [], (length, problems)


def test_every_problem_is_reported_at_once(template):
    obj = example_obj()
    obj["responses"][0]["rating"] = "great"
    obj["responses"][5]["evidence"] = 5
    obj["responses"][9]["proposal"] = "9.9"
    with pytest.raises(ReturnFileError) as caught:
        parse_return(json.dumps(obj), template)
    problems = caught.value.problems
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == ["responses[0].rating", "responses[5].evidence", "responses[9].proposal"]


def test_import_then_list_shows_22_of_22_rated(db_path, capsys):
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    assert "22 proposals rated, 52 actions" in capsys.readouterr().out
    assert main(["list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "North Ayrshire Health and Social Care Partnership" in out
    assert "2019" in out and "Draft" in out and "22 of 22 rated" in out and " 52" in out


def test_db_environment_variable_and_default_data_folder(tmp_path, monkeypatch, capsys):
    target = tmp_path / "env.db"
    monkeypatch.setenv("MSGDESK_DB", str(target))
    assert main(["import", str(EXAMPLE)]) == 0
    assert target.exists()
    monkeypatch.delenv("MSGDESK_DB")
    assert main(["list"]) == 0  # the user data folder (redirected to a temp HOME by conftest)
    assert "No rounds yet" in capsys.readouterr().out
    import os
    from pathlib import Path

    from msgdesk.paths import default_db_location

    assert Path(default_db_location()).exists()
    assert Path(default_db_location()).is_relative_to(os.environ["XDG_DATA_HOME"])


def test_existing_round_needs_replace_and_approved_round_is_never_replaced(db_path, tmp_path, capsys):
    from datetime import date

    from msgdesk.store.workspace import Workspace

    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 2
    assert "already has a round 2019; use --replace" in capsys.readouterr().err

    changed = example_obj()
    changed["responses"][0]["evidence"] = "Replaced evidence"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path), "--replace"]) == 0
    workspace = Workspace.open(db_path)
    info = workspace.rounds.find_round(changed["partnership"], "2019")
    assert workspace.rounds.load_round_by_id(info.id).response("1.1").evidence == "Replaced evidence"

    workspace.rounds.approve(info.id, date(2019, 5, 16), "item 9", check_confirmed=True)
    before = dump(db_path)
    assert main(["import", str(EXAMPLE), "--db", str(db_path), "--replace"]) == 2
    assert "approved by the IJB and cannot be replaced" in capsys.readouterr().err
    assert dump(db_path) == before


def test_export_import_export_is_byte_identical(db_path, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    other_db = tmp_path / "other.db"
    assert main(["import", str(EXAMPLE), "--db", str(db_path)]) == 0
    args = ["--partnership", "North Ayrshire Health and Social Care Partnership", "--round", "2019"]
    assert main(["export", *args, "--json", str(first), "--db", str(db_path)]) == 0
    assert main(["import", str(first), "--db", str(other_db)]) == 0
    assert main(["export", *args, "--json", str(second), "--db", str(other_db)]) == 0
    assert first.read_bytes() == second.read_bytes()
    # and the canonical form of the shipped (version 1) example is the example itself, with
    # version 2's ids and who/when added (tests/test_returnfile_v2.py checks those)
    assert as_version_1(first.read_text(encoding="utf-8")) == EXAMPLE.read_text(encoding="utf-8")


def as_version_1(text: str) -> str:
    """A version 2 return file without what version 2 adds, written as msgdesk wrote version 1."""
    obj = json.loads(text)
    obj["version"] = 1
    obj.pop("pack", None)
    for response in obj["responses"]:
        response.pop("updated_at"), response.pop("updated_by")
        response["actions"] = response.pop("actions")  # version 1 had it last
        for action in response["actions"]:
            action.pop("id"), action.pop("updated_at"), action.pop("updated_by")
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def test_round_trip_keeps_hostile_and_non_ascii_text(template, workspace):

    obj = example_obj()
    obj["partnership"] = "Comhairle nan Eilean Siar – Slàinte"
    obj["responses"][0]["evidence"] = "=SUM(A1) <b>bold</b> “quoted” — 🙂\n\tindented"
    obj["responses"][0]["actions"] = [{"action": "@cmd", "delivery": "-1", "timescale": "Q4 20/21",
                                       "lead": "Ms Ní Bhriain", "due_date": "2021-03-15"}]
    data = parse_return(json.dumps(obj, ensure_ascii=False).encode("utf-8"), template)
    info = workspace.rounds.import_return(data)
    back = workspace.rounds.load_round_by_id(info.id)
    assert as_version_1(dump_return(back)) == as_version_1(dump_return(data))
    assert back.response("1.1").actions[0].due_date.isoformat() == "2021-03-15"


def test_bad_arguments_exit_2_and_missing_round_exits_2(db_path, capsys):
    assert main(["import", "/nonexistent/file.json", "--db", str(db_path)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["export", "-p", "Nobody", "-r", "2019", "--json", "x.json", "--db", str(db_path)]) == 2
    # every command names a partnership one way (issue 21 item 14): an unknown one is said so
    assert "there is no partnership 'Nobody'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["export", "--db", str(db_path)])
    assert exited.value.code == 2


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("msgdesk ")
