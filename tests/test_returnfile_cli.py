"""Bad return files through the real command line (``msgdesk import FILE --db DB``,
a separate process): exit 2, the message on stderr naming the file and the place,
no traceback, and the database exactly as it was.  Also what is not a file at
all, and files at the 50 MB limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData
from msgdesk.domain.text import MAX_TEXT
from msgdesk.exchange.files import MAX_FILE_BYTES
from msgdesk.rounds.return_file import ReturnFileError, dump_return, read_return_file
from tests.conftest import EXAMPLE
from tests.dbdump import dump

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
PARTNERSHIP = "North Ayrshire Health and Social Care Partnership"


def msgdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command (``.venv/bin/msgdesk``) as a user would."""
    script = Path(sys.executable).with_name("msgdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "msgdesk"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8",
                          errors="backslashreplace", env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A data folder whose database holds the North Ayrshire 2019 round, imported by the command line."""
    folder = tmp_path_factory.mktemp("imported")
    done = msgdesk("import", str(EXAMPLE), "--db", str(folder / "msgdesk.db"))
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def database(imported, tmp_path) -> Path:
    """A copy of that folder for one test (no process has it open: a plain copy is whole)."""
    shutil.copytree(imported, tmp_path / "data")
    return tmp_path / "data" / "msgdesk.db"


def _example_with(old: str, new: str) -> bytes:
    assert EXAMPLE_TEXT.count(old) >= 1, old
    return EXAMPLE_TEXT.replace(old, new, 1).encode("utf-8")


SAMPLE = [
    ("lone surrogate", _example_with('"evidence": "', '"evidence": "\\ud800'),
     "responses[0].evidence: contains a lone surrogate escape (\\ud800) at position 0"),
    ("repeated key", _example_with('"timescale": ', '"timescale": "once", "timescale": '),
     "responses[0].actions[0].timescale: given more than once in the same object"),
    ("NaN", _example_with('"rating": "established"', '"rating": NaN'), "responses[0].rating: NaN is not valid JSON"),
    ("deep nesting", _example_with('"previous_rating": null', '"previous_rating": ' + "[" * 3000 + "]" * 3000),
     "nested more than 100 levels deep"),
    ("UTF-16", EXAMPLE_TEXT.encode("utf-16"), "line 1, column 1: the file is UTF-16 text"),
    ("invalid UTF-8", EXAMPLE_TEXT.encode("utf-8").replace(b"Caroline", b"Car\xc3oline", 1),
     "line 6, column 18: not UTF-8 text (byte 0xC3"),
    ("control character", _example_with('"contact": "', '"contact": "\\u0007'),
     "contact: contains a control character (U+0007) at position 0"),
    ("national proposal with content",
     _example_with('"responses": [', '"responses": [{"proposal": "5.3", "evidence": "x"}, '),
     "responses[0].evidence: proposal 5.3 is not for local completion"),
    ("empty file", b"", "the file is empty"),
]


@pytest.mark.parametrize("name,content,expected", SAMPLE, ids=[s[0] for s in SAMPLE])
def test_a_bad_file_exits_2_names_the_place_and_changes_nothing(name, content, expected, tmp_path, database):
    bad = tmp_path / "bad return.json"
    bad.write_bytes(content)
    before, files = dump(database), sorted(p.name for p in database.parent.rglob("*"))
    done = msgdesk("import", str(bad), "--db", str(database), "--replace")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"msgdesk import: {bad}: not imported"), done.stderr
    assert expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert dump(database) == before
    assert sorted(p.name for p in database.parent.rglob("*")) == files  # no backup, no journal left


@pytest.mark.parametrize("make", ["folder", "missing", "fifo", "unreadable", "inside a file", "symlink loop",
                                  "name too long", "nul in name"])
def test_what_is_not_a_readable_file_exits_2_and_changes_nothing(make, tmp_path, database):
    target = tmp_path / "return.json"
    expected = {"folder": "this is a folder, not a return file", "missing": "no such file",
                "fifo": "this is not an ordinary file", "unreadable": "permission denied",
                "inside a file": "no such file", "symlink loop": "the file cannot be read (Too many levels of symbolic",
                "name too long": "the file cannot be read (File name too long)",
                "nul in name": "this is not a valid file name"}[make]
    if make == "folder":
        target.mkdir()
    elif make == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        os.mkfifo(target)  # reading it would wait for a writer for ever
    elif make == "unreadable":
        target.write_text(EXAMPLE_TEXT, encoding="utf-8")
        target.chmod(0)
        if os.access(target, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
    elif make == "inside a file":
        target.write_text("{}", encoding="utf-8")
        target = target / "child.json"
    elif make == "symlink loop":
        if os.name != "posix":
            pytest.skip("POSIX symbolic links")
        target.symlink_to(target)
    elif make == "name too long":
        if os.name != "posix":
            pytest.skip("POSIX file name limits")
        target = tmp_path / ("r" * 300 + ".json")
    if make == "nul in name":  # no process can be given such a name: the reader itself
        with pytest.raises(ReturnFileError) as caught:
            read_return_file(str(target) + "\x00.json")
        assert expected in str(caught.value)
        return
    before = dump(database)
    done = msgdesk("import", str(target), "--db", str(database))
    assert done.returncode == 2, done.stderr
    if make == "folder":  # a folder stands for the return files in it (tests/test_import_many.py): none here
        assert f"{target}: no return files (.json) in this folder" in done.stdout, done.stdout
        expected = "no return files (.json) found"
    assert (f"{target}: not imported, 1 problem:\n  {expected}" if make != "folder" else expected) in done.stderr
    assert "Traceback" not in done.stderr
    assert dump(database) == before


# --- at the 50 MB limit -------------------------------------------------------------------


LOCAL = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.4", "3.5",
         "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "6.1", "6.2", "6.3")


def _return_of_size(size: int) -> str:
    """A valid return whose canonical form is exactly ``size`` bytes: long evidence
    (non-ASCII, so bytes are not characters) and long actions, every field within
    its own limit; the actions' delivery text takes up the rest."""
    evidence = ("Slàinte – “quoted” 🙂 evidence, " * 40_000)[:MAX_TEXT - 1000]
    stamp = datetime(2026, 3, 12, 14, 3, 27)  # version 2's who/when and ids: kept by import and export
    responses = [ResponseData(pid, "established", None, evidence,
                              [ActionData(f"Action {n}", timescale="Q4 21/22", uid=f"{i:02d}{n:030d}", updated_at=stamp,
                                          updated_by="Officer") for n in range(2)],
                              updated_at=stamp, updated_by="Officer") for i, pid in enumerate(LOCAL)]
    data = ReturnData(PARTNERSHIP, "2050", "", None, responses=responses)
    rest = size - len(dump_return(data).encode("utf-8"))
    actions = [a for r in responses for a in r.actions]
    share, extra = divmod(rest, len(actions))
    assert 0 <= share and share + extra <= MAX_TEXT, (share, extra)
    for action in actions:
        action.delivery = "d" * share
    actions[-1].delivery += "d" * extra
    text = dump_return(data)
    assert len(text.encode("utf-8")) == size
    return text


def test_a_file_of_exactly_50_mb_imports_and_exports_byte_for_byte_one_byte_more_is_refused(tmp_path, database):
    at_limit, exported = tmp_path / "at-limit.json", tmp_path / "exported.json"
    at_limit.write_text(_return_of_size(MAX_FILE_BYTES), encoding="utf-8")
    over = tmp_path / "over.json"
    with open(over, "wb") as fh:
        fh.write(at_limit.read_bytes().replace(b'"delivery": "d', b'"delivery": "dd', 1))
    assert over.stat().st_size == MAX_FILE_BYTES + 1

    before = dump(database)
    done = msgdesk("import", str(over), "--db", str(database))
    assert done.returncode == 2
    assert f"the file is too large ({MAX_FILE_BYTES + 1:,} bytes; at most {MAX_FILE_BYTES:,})" in done.stderr
    assert dump(database) == before

    done = msgdesk("import", str(at_limit), "--db", str(database))
    assert done.returncode == 0, done.stderr
    done = msgdesk("export", "-p", PARTNERSHIP, "-r", "2050", "--json", str(exported), "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert exported.read_bytes() == at_limit.read_bytes()


@pytest.mark.parametrize("size", [MAX_FILE_BYTES - 1, MAX_FILE_BYTES, MAX_FILE_BYTES + 1])
def test_the_size_limit_counts_bytes_not_characters(size, tmp_path):
    path = tmp_path / "big.json"
    path.write_text(_return_of_size(size), encoding="utf-8")
    if size <= MAX_FILE_BYTES:
        assert len(read_return_file(path).responses) == 22
    else:
        with pytest.raises(ReturnFileError, match="the file is too large"):
            read_return_file(path)
