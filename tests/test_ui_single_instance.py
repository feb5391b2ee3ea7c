"""Two msgdesk windows on one database: the second says so and changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from msgdesk.store.lock import InstanceLock
from tests.conftest import ROOT
from tests.dbdump import dump


def _wait_until_locked(db_path, proc, output, seconds=60):
    """Wait until the first msgdesk holds the database's lock: its lock file names it, which
    it writes once the lock is its own.

    Read, never taken: this used to try the lock itself every 50 ms, and a try that fell on
    the moment the first msgdesk took it (more likely on a busy machine, where the try is held
    longer) refused the first msgdesk, which then waited on its "already open" message box for
    ever (one CI run: "still without its lock after 30 s").  60 s: a window's start-up on a
    machine whose two cores run the suite's workers and their window processes."""
    lock_file = InstanceLock(db_path).path
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the first msgdesk ended early: {output.read_text()[-3000:]}"
        try:
            if lock_file.read_text(encoding="utf-8").startswith(f"{proc.pid} "):
                return
        except OSError:
            pass  # not made yet
        time.sleep(0.05)
    # where it is stuck: faulthandler (PYTHONFAULTHANDLER, set by the fixture) prints every
    # thread's stack on SIGABRT, into the output shown below
    proc.send_signal(signal.SIGABRT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    try:
        held = lock_file.read_text(encoding="utf-8")
    except OSError as exc:
        held = f"unreadable ({exc})"
    raise AssertionError(f"the first msgdesk (process {proc.pid}) never took the database's lock (lock file: "
                         f"{held!r}); it printed: {output.read_text()[-6000:]}")


@pytest.fixture
def first_window(db_path, example_round, tmp_path):
    """A real msgdesk window process (offscreen) on the test's database."""
    if os.name != "posix":
        pytest.skip("uses SIGKILL")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "MSGDESK_SETTINGS": str(tmp_path / "first.ini"), "PYTHONFAULTHANDLER": "1"}
    output = tmp_path / "first-output.txt"
    with output.open("w") as sink:
        first = subprocess.Popen([sys.executable, "-m", "msgdesk", "--db", str(db_path)], env=env,
                                 stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_until_locked(db_path, first, output)
        yield first
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)


def test_a_second_window_on_the_same_database_says_so_and_changes_nothing(
    qtbot, db_path, first_window, monkeypatch
):
    before = dump(db_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    import gc
    from argparse import Namespace

    from msgdesk.ui.app import run_gui

    gc.disable()  # as msgdesk.cli.main leaves it before the window's modules load
    try:
        assert run_gui(Namespace(db=str(db_path))) == 1
        assert gc.isenabled()  # started again on this way out too (the lock refused)
    finally:
        gc.enable()
    assert len(shown) == 1 and "already open" in shown[0] and str(first_window.pid) in shown[0]
    assert dump(db_path) == before
    first_window.send_signal(signal.SIGKILL)
    first_window.wait(timeout=30)
    # the lock goes with the process, even after a kill
    InstanceLock(db_path).acquire().release()


def test_replacing_a_round_while_a_window_has_the_database_open_is_refused(
    db_path, first_window, monkeypatch, capsys
):
    import msgdesk.cli.main as cli
    import msgdesk.rounds.cli as rounds_cli
    from tests.conftest import EXAMPLE

    monkeypatch.setattr(rounds_cli, "REPLACE_LOCK_WAIT_SECONDS", 0.5)
    before = dump(db_path)
    assert cli.main(["import", str(EXAMPLE), "--replace", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "already open" in err and str(first_window.pid) in err
    assert dump(db_path) == before


HOLD_LOCK = """
import sys, time
from msgdesk.store.lock import InstanceLock
lock = InstanceLock(sys.argv[1]).acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
"""


@pytest.mark.parametrize("seconds", [0.2, 1.0, 2.0])
def test_a_window_started_while_a_command_holds_the_lock_for_a_moment_opens(db_path, example_round, tmp_path,
                                                                          seconds):
    """Session 28: ``msgdesk restore`` and ``import --replace`` hold the lock for a moment; a
    window started then refused at once ("already open").  It waits for them now
    (``WINDOW_LOCK_WAIT_SECONDS``), and opens the database once they let go."""
    from msgdesk.ui.app import WINDOW_LOCK_WAIT_SECONDS

    assert seconds < WINDOW_LOCK_WAIT_SECONDS
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "MSGDESK_FIRST_PAINT_PROBE": "1",
           "MSGDESK_SETTINGS": str(tmp_path / "settings.ini")}
    (tmp_path / "settings.ini").write_text("[user]\nname=Tester\n")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds)], env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window = subprocess.run([sys.executable, "-m", "msgdesk", "--db", str(db_path)], env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        holder.wait(timeout=30)
    assert window.returncode == 0, window.stdout + window.stderr
    assert "FIRST-PAINT" in window.stdout
