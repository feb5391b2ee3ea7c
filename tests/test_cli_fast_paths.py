"""The read-only commands' shortcuts keep their guarantees (issue 22 item 4).

- The connection that checks a file's health is handed on to read through only when it is
  safe to: a healthy file read with SQLite's locks; its check's transaction is over, so the
  reads see what another writer committed after the check, and a schema changed in between
  is read again by SQLite, not trusted stale.  Every other outcome hands nothing on and
  leaves nothing open.
- The window's ``--db`` read by hand gives what the full parser gives, for every spelling.
"""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.cli.main import _export_args, _list_args, _window_args
from msgdesk.cli.parser import build_parser
from msgdesk.domain.states import FileState
from msgdesk.store import health
from msgdesk.store.reads import RoundReads, SqliteReader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fast") / "m.db"
    subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--db", str(db)], check=True,
                   capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return db


def _copy(example_db: Path, folder: Path) -> Path:
    db = folder / "m.db"
    db.write_bytes(example_db.read_bytes())
    return db


def _evidence(con: sqlite3.Connection) -> str:
    return con.execute("SELECT evidence FROM response WHERE id = 1").fetchone()[0]


@pytest.mark.parametrize("writes", [0, 1, 3, 10])
def test_the_checking_connection_reads_what_was_committed_after_the_check(example_db: Path, tmp_path: Path,
                                                                            writes: int) -> None:
    db = _copy(example_db, tmp_path)
    writer = sqlite3.connect(db)  # in use: its -wal and -shm are beside the file
    writer.execute("PRAGMA journal_mode = WAL")
    try:
        before = _evidence(writer)
        found, con = health.inspect_to_read(db)
        assert found.state is FileState.OK and con is not None
        assert not con.in_transaction  # the check's snapshot is over
        for n in range(writes):  # committed after the check
            with writer:
                writer.execute("UPDATE response SET evidence = evidence || ? WHERE id = 1", (f" {n}",))
        reader = SqliteReader(db, connection=con)
        with reader() as run:
            read = run("SELECT evidence FROM response WHERE id = 1", {})[0][0]
        assert read == before + "".join(f" {n}" for n in range(writes))
        with pytest.raises(sqlite3.OperationalError):  # still the read-only connection
            con.execute("UPDATE response SET evidence = 'x' WHERE id = 1")
        reader.close()
    finally:
        writer.close()


def test_a_schema_changed_after_the_check_is_read_again(example_db: Path, tmp_path: Path) -> None:
    db = _copy(example_db, tmp_path)
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA journal_mode = WAL")
    try:
        found, con = health.inspect_to_read(db)
        assert con is not None
        with writer:
            writer.execute("CREATE TABLE added_later (x)")
            writer.execute("INSERT INTO added_later VALUES (41), (1)")
        reader = SqliteReader(db, connection=con)
        with reader() as run:
            assert run("SELECT sum(x) FROM added_later", {})[0][0] == 42
        reader.close()
    finally:
        writer.close()


def test_the_reads_through_the_checking_connection_are_the_usual_reads(example_db: Path, tmp_path: Path) -> None:
    from msgdesk.domain.template import load_template

    db = _copy(example_db, tmp_path)
    sqlite3.connect(db).close()
    Path(f"{db}-shm").touch()  # someone has it open: read with locks
    found, con = health.inspect_to_read(db)
    assert con is not None
    shared, fresh = SqliteReader(db, connection=con), SqliteReader(db)
    template = load_template()
    assert RoundReads(shared, template).list_rounds() == RoundReads(fresh, template).list_rounds()
    assert RoundReads(shared, template).load_round_by_id(1) == RoundReads(fresh, template).load_round_by_id(1)
    shared.close()
    fresh.close()


def _damaged(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096 * 3:4096 * 3 + 64] = b"\xff" * 64  # a page of the tables' b-trees
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("case, state", [
    ("no journal beside it (read as immutable)", FileState.OK),
    ("a new, empty file", FileState.NEW),
    ("no file", FileState.NEW),
    ("not a database", FileState.NOT_DATABASE),
    ("another application's database", FileState.FOREIGN),
])
def test_nothing_is_handed_on_otherwise(example_db: Path, tmp_path: Path, case: str, state: FileState) -> None:
    db = tmp_path / "m.db"
    if case.startswith("no journal"):
        db = _copy(example_db, tmp_path)
    elif case == "a new, empty file":
        db.touch()
    elif case == "not a database":
        db.write_bytes(b"hello, not SQLite" * 100)
    elif case == "another application's database":
        other = sqlite3.connect(db)
        other.execute("CREATE TABLE notes (x)")
        other.close()
    found, con = health.inspect_to_read(db)
    assert found.state is state
    assert con is None
    assert not Path(f"{db}-wal").exists()  # nothing left beside the file by the check


def test_a_damaged_file_hands_nothing_on_and_is_refused(example_db: Path, tmp_path: Path) -> None:
    db = _copy(example_db, tmp_path)
    health.inspect(db, full=True)
    _damaged(db)
    Path(f"{db}-shm").touch()  # read with locks, the case that would hand a connection on
    found, con = health.inspect_to_read(db)
    assert found.state is FileState.DAMAGED
    assert con is None


def _read(parsed: object) -> dict[str, object]:
    """What the full parser gives a command, without ``version``: the ``--version`` action's
    attribute (always None here: ``--version`` exits), which no command reads."""
    return {name: value for name, value in vars(parsed).items() if name != "version"}


# --- the window's arguments ----------------------------------------------------------------------

WINDOW_SPELLINGS = [[], ["--db", "x.db"], ["--db=x.db"], ["--db", ""], ["--db="], ["--db", "a b.db"],
                    ["--db", "x.db", "--db", "y.db"], ["--d", "x.db"], ["--db", "-5"], ["--db=-x.db"]]


@pytest.mark.parametrize("argv", WINDOW_SPELLINGS, ids=repr)
def test_the_window_arguments_read_by_hand_are_the_parsers(argv: list[str]) -> None:
    parsed = build_parser().parse_args(argv)
    assert parsed.command is None  # the window
    quick = _window_args(argv)
    if quick is not None:  # the common spellings; the others go through the full parser
        assert (quick.db, quick.command) == (parsed.db, parsed.command)


@pytest.mark.parametrize("argv", [["list"], ["--help"], ["-h"], ["--version"], ["--db"], ["--db", "x.db", "list"],
                                  ["list", "--db", "x.db"], ["--db", "--help"]], ids=repr)
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert _window_args(argv) is None


LIST_SPELLINGS = [["list"], ["list", "--db", "x.db"], ["--db", "x.db", "list"], ["list", "--db=x.db"],
                  ["--db=x.db", "list"], ["list", "--db", "a b.db"], ["list", "--db", "list"], ["--db", "list", "list"],
                  ["list", "--db", "x.db", "--db", "y.db"], ["--db", "x.db", "list", "--db", "y.db"],
                  ["--db=", "list"], ["list", "--db="], ["list", "--d", "x.db"], ["list", "--db", "-5"],
                  ["list", "--db=-x.db"], ["list", "list"], ["list", "--db", "x.db", "list"]]


@pytest.mark.parametrize("argv", LIST_SPELLINGS, ids=repr)
def test_the_list_arguments_read_by_hand_are_the_parsers(argv: list[str]) -> None:
    quick = _list_args(argv)
    try:
        parsed = build_parser().parse_args(argv)
    except SystemExit:  # the parser refuses it: so must the quick read (the parser then says why)
        assert quick is None
        return
    if quick is not None:  # the common spellings; the others go through the full parser
        assert vars(quick) == _read(parsed) and quick.command == "list"


@pytest.mark.parametrize("argv", [["export"], ["ready", "list"], ["list", "-h"], ["list", "--help"], ["--version"],
                                  ["list", "--db"], ["--db", "list"], ["list", "extra"], ["-h", "list"]], ids=repr)
def test_no_other_command_is_read_as_list(argv: list[str]) -> None:
    assert _list_args(argv) is None


# --- export's arguments ------------------------------------------------------------------------------

P_NAME = "North Ayrshire"


def _export_spellings() -> list[list[str]]:
    """A sweep: each option in each of its spellings, in several orders, --db before and after
    ``export``, with the other outputs and --label; then the odd ones (abbreviations, joined
    short forms, repeats, values that begin with "-", missing values or options, help)."""
    spellings: list[list[str]] = []
    partnership = [["-p", P_NAME], ["--partnership", P_NAME], [f"--partnership={P_NAME}"]]
    round_ = [["-r", "2019"], ["--round", "2019"], ["--round=2019"]]
    outputs = [["--json", "o.json"], ["--json=o.json"], ["--pdf", "o.pdf"], ["--json", "o.json", "--docx", "o.docx"],
               ["--xlsx=o.xlsx", "--json", "o.json"], ["--pdf", "o.pdf", "--label", "Annex B", "--benchmark", "G"],
               []]
    dbs: list[tuple[list[str], list[str]]] = [([], []), (["--db", "x.db"], []), ([], ["--db", "x.db"]),
                                              (["--db=x.db"], []), ([], ["--db=a b.db"])]
    for i, (p, r, out) in enumerate((p, r, out) for p in partnership for r in round_ for out in outputs):
        before, after = dbs[i % len(dbs)]
        options = [p, r, out] if i % 2 else [out, r, p]
        spellings.append([*before, "export", *[word for option in options for word in option], *after])
    odd = [["export"], ["export", "-p", P_NAME], ["export", "-r", "2019"], ["export", "--part", P_NAME, "-r", "2019"],
           ["export", f"-p{P_NAME}", "-r", "2019"], ["export", "-p", P_NAME, "-r", "2019", "-r", "2020"],
           ["export", "-p", P_NAME, "-r", "-2019"], ["export", "-p", P_NAME, "-r", "2019", "--json"],
           ["export", "-p", P_NAME, "-r", "2019", "--json="], ["export", "-p", "", "-r", "2019"],
           ["export", "-p", P_NAME, "-r", "2019", "-h"], ["export", "--help"],
           ["export", "-p", P_NAME, "-r", "2019", "x"],
           ["--db", "x.db", "export", "-p", P_NAME, "-r", "2019", "--db", "y.db"], ["export", "-p", P_NAME, "-r=2019"],
           ["export", "-p", P_NAME, "-r", "2019", "--json", "o.json", "--json", "p.json"],
           ["export", "-p", "list", "-r", "2019"], ["--db", "export", "export", "-p", "export", "-r", "list"],
           ["export", "-p", P_NAME, "-r", "2019", "--", "--json", "o.json"], ["-p", P_NAME, "export", "-r", "2019"],
           ["export", "-p", P_NAME, "-r", "2019", "--json", "-o.json"],
           ["export", "-p", P_NAME, "-r", "2019", "--js", "o"],
           ["export", "-p", P_NAME, "-r", "2019", "--label=", "--pdf", "o.pdf"],
           ["--db=", "export", "-p", "x", "-r", "y"]]
    return spellings + odd


@pytest.mark.parametrize("argv", _export_spellings(), ids=repr)
def test_the_export_arguments_read_by_hand_are_the_parsers(argv: list[str]) -> None:
    quick = _export_args(argv)
    try:
        parsed = build_parser().parse_args(argv)
    except SystemExit:  # the parser refuses it: so must the quick read (the parser then says why)
        assert quick is None
        return
    if quick is not None:  # the usual spellings; the others go through the full parser
        assert vars(quick) == _read(parsed) and quick.command == "export"


def test_the_usual_export_spellings_are_read_by_hand() -> None:
    """The sweep above is not vacuous: every spelling of its first part is taken by hand."""
    usual = [argv for argv in _export_spellings() if "-p" in argv or "--partnership" in argv
             or any(a.startswith("--partnership=") for a in argv)]
    taken = [argv for argv in usual if _export_args(argv) is not None]
    assert len(taken) >= 63 and all(_export_args(argv) is not None for argv in _export_spellings()[:63])


@pytest.mark.parametrize("argv", [["list"], ["ready", "-p", "x", "-r", "y"], ["import", "export"], ["--version"],
                                  ["--db", "x.db"], [], ["list", "export"], ["-h", "export", "-p", "x", "-r", "y"]],
                         ids=repr)
def test_no_other_command_is_read_as_export(argv: list[str]) -> None:
    assert _export_args(argv) is None


# --- what each read-only command does without ------------------------------------------------------

LOADED = """
import io, runpy, sys
sys.argv = ["msgdesk", *sys.argv[1:]]
out, sys.stdout = sys.stdout, io.StringIO()
try:
    runpy.run_module("msgdesk", run_name="__main__")
except SystemExit:
    pass
sys.stdout = out
print(sorted(sys.modules))
"""


@pytest.mark.parametrize("argv, not_loaded", [
    (["--help"], ["typing", "dataclasses", "logging", "sqlite3", "json", "msgdesk.domain.errors"]),
    (["list"], ["logging", "tempfile", "difflib", "msgdesk.domain.return_values", "sqlalchemy", "dataclasses",
                "inspect", "typing", "locale", "argparse", "gettext", "msgdesk.domain.states",
                "msgdesk.domain.vocabulary", "msgdesk.domain.errors"]),
    # the return file is written, not read: none of the reader's checker and strict JSON parser
    (["export", "-p", "North Ayrshire Health and Social Care Partnership", "-r", "2019", "--json", "OUT"],
     ["logging", "tempfile", "shutil", "difflib", "sqlalchemy", "dataclasses", "inspect", "typing",
      "msgdesk.rounds.return_file", "msgdesk.exchange.checker", "msgdesk.exchange.strict_json", "argparse",
      "gettext", "locale", "msgdesk.domain.states", "msgdesk.domain.vocabulary", "msgdesk.domain.errors"]),
    # issue 22: the collation's reads go through sqlite3 too (msgdesk.store.comparison_reads);
    # the workbook and the PDF load their own libraries, and the store's never
    (["collate", "--round", "2019", "--as-at", "2020-03-31", "--xlsx", "OUT.xlsx", "--pdf", "OUT.pdf"],
     ["sqlalchemy", "msgdesk.store.models", "msgdesk.store.session", "msgdesk.store.groups"]),
], ids=["--help", "list", "export --json", "collate"])
def test_what_a_read_only_command_does_not_load(example_db: Path, tmp_path: Path, argv: list[str],
                                               not_loaded: list[str]) -> None:
    db = _copy(example_db, tmp_path)
    argv = [str(tmp_path / ("r.json" if a == "OUT" else a)) if a.startswith("OUT") else a for a in argv]
    if argv != ["--help"]:
        argv += ["--db", str(db)]
        for _ in range(2):  # the first opening of the copy checks it and backs it up (and logs that)
            subprocess.run([sys.executable, "-m", "msgdesk", *argv], check=True, capture_output=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
    done = subprocess.run([sys.executable, "-c", LOADED, *argv], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    modules = set(ast.literal_eval(done.stdout.splitlines()[-1]))
    assert not set(not_loaded) & modules
