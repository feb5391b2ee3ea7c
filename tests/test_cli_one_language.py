"""Issue 21 item 14: the command line speaks one language, through real processes.

- every date argument takes what the window's date fields take (31/03/2022, 2022-03-31,
  31 March 2022), through the one Qt-free parser, and refuses the rest with exit 2;
- every command that takes --partnership names it the same way: the exact name (case and
  spacing aside), else the one name containing the part given, else exit 2 with the
  candidates (or the nearest names), the database unchanged;
- ``msgdesk ready`` with findings prints them and needs --confirm-check, as ``approve`` does;
- ``directions list`` fits a 100-column terminal, nothing of a long reason lost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from msgdesk.cli.base import date_argument
from msgdesk.cli.table import fit_table
from msgdesk.domain.dates import parse_date
from tests.dbdump import dump

ROOT = Path(__file__).resolve().parents[1]
RETURN = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
DIRECTIONS = ROOT / "resources" / "examples" / "directions-example.json"
AYRSHIRE = "North Ayrshire Health and Social Care Partnership"
LANARKSHIRE = "North Lanarkshire Health and Social Care Partnership"


def command_line() -> list[str]:
    script = Path(sys.executable).with_name("msgdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "msgdesk"]


def start(*args: str, columns: int | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.Popen([*command_line(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def msgdesk(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    return finish(start(*args, columns=columns))


def run_all(commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """The commands as processes side by side (they only read, or are refused before writing)."""
    procs = [start(*c) for c in commands]
    return [finish(p) for p in procs]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """Two partnerships whose names share "North" and "Health and Social Care Partnership",
    North Ayrshire's 2019 return and its directions log."""
    folder = tmp_path_factory.mktemp("one-language")
    db = folder / "msgdesk.db"
    other = folder / "lanarkshire.json"
    data = json.loads(RETURN.read_text(encoding="utf-8"))
    data["partnership"] = LANARKSHIRE
    other.write_text(json.dumps(data), encoding="utf-8")
    for args in (["import", str(RETURN), str(other)], ["directions", "import", str(DIRECTIONS)],
                 ["pack", "-p", AYRSHIRE, "-r", "2019", "--proposals", "1.1", "--for", "Ann Lee, Lead",
                  "--out", str(folder / REPLY)]):
        code, _out, err = msgdesk("--db", str(db), *args)
        assert code == 0, err
    return db


REPLY = "reply.json"


# --- dates -----------------------------------------------------------------------------------


def test_every_day_of_a_year_is_read_alike_in_each_form_the_window_takes():
    """A leap year and a plain one, each day in the forms a person types: the command
    line's argument type and the window's parser give the same day."""
    for year in (2023, 2024):
        day = date(year, 1, 1)
        while day.year == year:
            forms = [f"{day:%d/%m/%Y}", day.isoformat(), f"{day.day}/{day.month}/{day:%y}",
                     f"{day.day} {day:%B} {day.year}", f"{day.day} {day:%b} {day.year}"]
            for text in forms:
                assert parse_date(text) == day, text
                assert date_argument(text) == day, text
            day += timedelta(days=1)


@pytest.mark.parametrize("text", ["31/02/2022", "2022-02-30", "29/02/2023", "31/13/2022", "June 2022", "2022",
                                  "next Tuesday", "", "31-03/2022"])
def test_a_date_neither_takes_is_refused_with_the_forms_it_takes(text):
    assert parse_date(text) is None
    with pytest.raises(argparse.ArgumentTypeError, match="31/03/2022 or 2022-03-31"):
        date_argument(text)


def test_every_command_takes_both_forms_of_a_date(database, tmp_path):
    db = str(database)
    pairs = {}
    for form in ("31/03/2026", "2026-03-31"):
        out = tmp_path / form.replace("/", "-")
        out.mkdir()
        pairs[form] = run_all([
            ["--db", db, "directions", "list", "-p", AYRSHIRE, "--as-at", form],
            ["--db", db, "directions", "log", "-p", AYRSHIRE, "--as-at", form],
            ["--db", db, "report", "-p", AYRSHIRE, "-r", "2019", "--as-at", form, "--xlsx", str(out / "r.xlsx")],
            ["--db", db, "collate", "-r", "2019", "--as-at", form, "--xlsx", str(out / "c.xlsx")],
        ])
    for (code_a, out_a, err_a), (code_b, out_b, err_b) in zip(pairs["31/03/2026"], pairs["2026-03-31"], strict=True):
        assert code_a == code_b == 0, (err_a, err_b)
        assert out_a.replace("31-03-2026", "X").replace("2026-03-31", "X") == \
            out_b.replace("31-03-2026", "X").replace("2026-03-31", "X")
    before = dump(database)
    for code, _out, err in run_all([
        ["--db", db, "directions", "list", "-p", AYRSHIRE, "--as-at", "31/02/2026"],
        ["--db", db, "approve", "-p", AYRSHIRE, "-r", "2019", "--meeting", "2019-02-29", "--minute", "x"],
        ["--db", db, "report", "-p", AYRSHIRE, "-r", "2019", "--as-at", "March 2026", "--pdf", str(tmp_path / "x")],
    ]):
        assert code == 2 and "expected a date such as 31/03/2022 or 2022-03-31" in err, err
        assert "Traceback" not in err
    assert dump(database) == before


# --- partnership names -------------------------------------------------------------------------


def _commands_naming(partnership: str, tmp_path: Path, reply: Path) -> list[list[str]]:
    """Every command that takes --partnership, reading or refused before it writes."""
    p = ["-p", partnership]
    r = [*p, "-r", "2019"]
    return [
        ["export", *r, "--json", str(tmp_path / "x.json")],
        ["report", *r, "--xlsx", str(tmp_path / "x.xlsx")],
        ["packs", *r],
        ["ready", *r],  # with findings: refused without --confirm-check, after naming
        ["approve", *r, "--meeting", "2019-05-16", "--minute", "x"],
        ["reopen", *r, "--reason", "x"],
        ["pack", *r, "--proposals", "1.1", "--for", "A, B", "--out", str(tmp_path / "p.json")],
        ["merge", *r, str(reply), "--dry-run"],
        ["directions", "export", *p, "--json", str(tmp_path / "d.json")],
        ["directions", "list", *p],
        ["directions", "log", *p],
        ["directions", "bodies", *p],
    ]


def test_a_part_two_names_contain_lists_both_and_exits_2_in_every_command(database, tmp_path):
    before = dump(database)
    commands = _commands_naming("North", tmp_path, database.parent / REPLY)
    for command, (code, _out, err) in zip(commands, run_all([["--db", str(database), *c] for c in commands]),
                                          strict=True):
        assert code == 2, (command, err)
        assert AYRSHIRE in err and LANARKSHIRE in err and "give more of the name" in err, (command, err)
        assert "Traceback" not in err
    assert dump(database) == before
    assert not list(tmp_path.iterdir())


def test_an_unknown_name_exits_2_in_every_command(database, tmp_path):
    before = dump(database)
    commands = _commands_naming("Nowhere HSCP", tmp_path, database.parent / REPLY)
    for command, (code, _out, err) in zip(commands, run_all([["--db", str(database), *c] for c in commands]),
                                          strict=True):
        assert code == 2 and "there is no partnership 'Nowhere HSCP'" in err, (command, err)
    assert dump(database) == before


def test_names_are_matched_one_way(database):
    """The one rule every command uses, swept over spellings (in process: the processes
    above show each command goes through it)."""
    from msgdesk.cli.base import partnership_named
    from msgdesk.domain.errors import AmbiguousNameError, NotFoundError
    from msgdesk.store.workspace import Workspace

    with Workspace.open(database) as workspace:
        for given in (AYRSHIRE, AYRSHIRE.upper(), f"  {AYRSHIRE.lower()} ", AYRSHIRE.replace(" ", "   "),
                      "Ayrshire", "ayr", "North Ayr"):
            assert partnership_named(workspace, given) == AYRSHIRE, given
        assert partnership_named(workspace, "lanark") == LANARKSHIRE
        for given in ("North", "health and social care", "PARTNERSHIP", "r"):
            with pytest.raises(AmbiguousNameError) as ambiguous:
                partnership_named(workspace, given)
            assert ambiguous.value.matches == [AYRSHIRE, LANARKSHIRE]
        with pytest.raises(NotFoundError, match=f"did you mean {AYRSHIRE!r}"):
            partnership_named(workspace, "North Ayrshir Health and Social Care Partnership")
        with pytest.raises(NotFoundError, match="there is no partnership 'Fife'"):
            partnership_named(workspace, "Fife")


def test_the_exact_name_or_an_unambiguous_part_names_it(database, tmp_path):
    """Each spelling in a different command, as processes side by side."""
    commands = [
        ["export", "-p", AYRSHIRE.upper(), "-r", "2019", "--json", str(tmp_path / "x.json")],
        ["report", "-p", "Ayrshire", "-r", "2019", "--xlsx", str(tmp_path / "x.xlsx")],
        ["packs", "-p", " north   ayrshire ", "-r", "2019"],
        ["directions", "export", "-p", "ayr", "--json", str(tmp_path / "d.json")],
        ["directions", "list", "-p", AYRSHIRE],
        ["directions", "bodies", "-p", "North Ayr"],
    ]
    for command, (code, _out, err) in zip(commands, run_all([["--db", str(database), *c] for c in commands]),
                                          strict=True):
        assert code == 0, (command, err)
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["partnership"] == AYRSHIRE
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["partnership"] == AYRSHIRE
    assert (tmp_path / "x.xlsx").stat().st_size > 0


# --- ready ------------------------------------------------------------------------------------


def test_ready_with_findings_prints_them_and_needs_confirm_check(database):
    db = str(database)
    before = dump(database)
    code, out, err = msgdesk("--db", db, "ready", "-p", "Lanarkshire", "-r", "2019")
    assert code == 2
    assert "Check before IJB: 52 things to check" in out and "6.3, action 1" in out
    assert "not marked ready" in err and "--confirm-check" in err
    assert dump(database) == before  # still a draft
    code, out, err = msgdesk("--db", db, "ready", "-p", "Lanarkshire", "-r", "2019", "--confirm-check")
    assert code == 0, err
    assert "Check before IJB: 52 things to check" in out
    assert f"{LANARKSHIRE} 2019 is ready for the IJB." in out
    code, out, err = msgdesk("--db", db, "list")
    assert any(LANARKSHIRE in line and "Ready for IJB" in line for line in out.splitlines())


# --- directions list --------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [None, 80, 120])
def test_directions_list_fits_the_terminal_and_loses_no_word(database, columns):
    """Without a terminal (a pipe) the table is 100 columns wide; with one, its width; the
    words of a long revocation reason are all there, in order, in the Status column."""
    code, out, err = msgdesk("--db", str(database), "directions", "list", "-p", "Ayrshire", "--as-at", "31/12/2026",
                             columns=columns)
    assert code == 0, err
    lines = out.splitlines()
    width = columns or 100
    assert max(len(line) for line in lines) <= width, (columns, out)
    assert all(line == line.rstrip() for line in lines)
    status_at = lines[0].index("Status")
    to_at = lines[0].index("To ")
    status_words = " ".join(line[status_at:to_at].strip() for line in lines[1:]).split()
    reason = ("Revoked on 20 February 2025 (The allocation now goes to NHS Ayrshire & Arran directly under "
              "the national arrangements; the IJB no longer holds this budget (IJB 20/02/2025 item 4).)").split()
    joined = " ".join(status_words)
    assert " ".join(reason) in joined


def test_fit_table_sweeps_widths():
    """Every width from the fixed columns' sum to past the widest line: each line within
    it, every word of every cell kept in its column."""
    rows = [("Ref", "Status", "To", "Money"),
            ("A-1", "Revoked on 20 February 2025 (a long reason that goes on and on)", "Health Board and LA", "£1"),
            ("A-2", "In force", "Local Authority", "£20,000.00")]
    for width in range(40, 120):
        lines = fit_table(rows, flexible={1: 10, 2: 8}, width=width)
        assert max(len(line) for line in lines) <= width, width
        text = " ".join(lines).split()
        for row in rows:
            for cell in row:
                for word in cell.split():
                    assert word in text, (width, word)
