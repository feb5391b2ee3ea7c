"""What opens after the window's first paint, and in which order (issue 22): the store
(SQLAlchemy's engine) without the ORM, so it is open sooner; then, in idle time and before
any edit, what the first write needs (the ORM and msgdesk's mapped tables).

A real process starts the window (offscreen) on a real SQLite file with a round open and
reports the modules loaded at each step; the first write then goes through the window's
session and is read back from the file with sqlite3."""

from __future__ import annotations

import json
import sqlite3
import textwrap

import pytest

from tests.window_process import example_round, run_window

CHILD = textwrap.dedent("""
    import json, sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    ORM = ("sqlalchemy.orm", "msgdesk.store.rounds", "msgdesk.store.models")

    def window():
        return next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")

    def report(step, **more):
        print(json.dumps({"step": step, "orm": [m for m in ORM if m in sys.modules],
                          "store_open": window().workspace.is_open, **more}), flush=True)

    def until_store():
        if not window().isVisible() or not window().workspace.is_open:
            QTimer.singleShot(1, until_store)
            return
        report("store")
        until_ready_to_write(time.monotonic())

    def until_ready_to_write(since):
        from msgdesk.ui.widgets import spelling
        if not all(m in sys.modules for m in ORM):
            if time.monotonic() - since > 30:
                report("never")
                app.quit()
                return
            QTimer.singleShot(5, lambda: until_ready_to_write(since))
            return
        report("writes", word_list=spelling.word_list_loaded())
        window().session.set_evidence("1.1", "Written after the store opened")
        window().flush_edits()
        app.quit()

    QTimer.singleShot(0, until_store)
    from msgdesk.cli.main import main
    main(["--db", sys.argv[1]])
""")


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    folder = tmp_path_factory.mktemp("after-paint")
    db, ini = example_round(folder)
    child = folder / "child.py"
    child.write_text(CHILD)
    done = run_window(folder, [str(child), str(db)], ini)
    steps = {line["step"]: line for line in map(json.loads, done.stdout.splitlines()) if "step" in line}
    return steps, db


def test_the_store_opens_without_the_orm(started):
    steps, _db = started
    assert steps["store"]["store_open"]
    assert steps["store"]["orm"] == []  # loaded later, in idle time


def test_the_first_writes_part_loads_in_idle_time_after_the_word_list_before_any_edit(started):
    steps, _db = started
    assert "never" not in steps, "the ORM was not loaded within 30 s of the store opening, with no edit"
    assert steps["writes"]["word_list"]  # the underlines came first


def test_the_first_write_reaches_the_file(started):
    _steps, db = started
    with sqlite3.connect(db) as con:
        evidence = con.execute("SELECT evidence FROM response WHERE proposal_id = '1.1'").fetchone()[0]
    assert evidence == "Written after the store opened"


def test_prepare_writes_does_nothing_for_a_reader_or_a_closed_workspace(tmp_path):
    from msgdesk.paths import resource_path
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace

    db = tmp_path / "msgdesk.db"
    with Workspace.open(db) as workspace:
        workspace.rounds.import_return(read_return_file(resource_path("examples", "north-ayrshire-2019.json")))
    before = db.read_bytes()
    reader = Workspace(db, reads_only=True)
    reader.ensure_open()
    reader.prepare_writes()
    assert not reader.is_open  # still the sqlite3 reader: no engine was opened for it
    reader.close()
    closed = Workspace(db)
    closed.prepare_writes()  # never opened
    assert not closed.is_open
    assert db.read_bytes() == before


@pytest.mark.parametrize("mode", ["1", "store"])
def test_the_first_paint_probe_reports_from_the_windows_own_hook(tmp_path, mode):
    """The benchmarks' probe (bench_startup): the first paint with the round on screen, then,
    with ``store``, the store's opening after it; the process quits by itself either way."""
    db, ini = example_round(tmp_path, proposal="2.1")
    done = run_window(tmp_path, ["-m", "msgdesk", "--db", str(db)], ini, MSGDESK_FIRST_PAINT_PROBE=mode)
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith(("FIRST-PAINT", "STORE-OPEN"))]
    assert lines[0][0] == "FIRST-PAINT" and lines[0][3] == "round", done.stdout
    painted, cpu = float(lines[0][1]), float(lines[0][2])
    assert 0 < cpu < 120
    if mode == "store":
        assert [line[0] for line in lines] == ["FIRST-PAINT", "STORE-OPEN"]
        assert float(lines[1][1]) >= painted
    else:
        assert [line[0] for line in lines] == ["FIRST-PAINT"]
