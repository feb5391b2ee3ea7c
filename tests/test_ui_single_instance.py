"""Two msgdesk windows on one database: the second says so and changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from msgdesk.domain.errors import MsgdeskError
from msgdesk.store.lock import InstanceLock
from tests.conftest import ROOT
from tests.dbdump import dump


def _wait_until_locked(db_path, proc, output, seconds=60):
    # 60 s, not 30: one CI run (session 26) saw the first msgdesk still without its lock after
    # 30 s while both test workers were busy; what it printed is shown if that happens again
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the first msgdesk ended early: {output.read_text()[-3000:]}"
        try:
            InstanceLock(db_path).acquire().release()
        except MsgdeskError:
            return
        time.sleep(0.05)
    raise AssertionError(f"the first msgdesk never took the database's lock: {output.read_text()[-3000:]}")


@pytest.fixture
def first_window(db_path, example_round, tmp_path):
    """A real msgdesk window process (offscreen) on the test's database."""
    if os.name != "posix":
        pytest.skip("uses SIGKILL")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "MSGDESK_SETTINGS": str(tmp_path / "first.ini")}
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
