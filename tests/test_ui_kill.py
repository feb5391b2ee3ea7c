"""Killing the window with SIGKILL mid-typing loses at most the last second of typing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("The partnership's leadership programme is shared with the council and the health board. " * 8)[:600]

DRIVER = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from msgdesk.ui.app import build_window

    db, ini, text = sys.argv[1], sys.argv[2], sys.argv[3]
    app = QApplication([])
    from msgdesk.store.workspace import Workspace
    window = build_window(Workspace(db), QSettings(ini, QSettings.Format.IniFormat))
    window.show()
    edit = window.proposal_page.ui.evidenceEdit
    state = {"i": 0}

    def step():
        i = state["i"]
        if i >= len(text):
            return
        edit.setFocus()
        QTest.keyClick(edit, text[i])
        state["i"] = i + 1
        print(f"{i + 1} {time.time():.4f}", flush=True)
        QTimer.singleShot(12, step)

    QTimer.singleShot(200, step)
    app.exec()
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_typing_keeps_all_but_the_last_second(tmp_path, workspace, db_path):
    info = workspace.rounds.create_round("Kill Test Partnership", "2021")
    workspace.close()
    ini = tmp_path / "settings.ini"
    ini.write_text(f"[lastRound]\ndb={db_path}\nid={info.id}\nproposal=1.1\n")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(driver), str(db_path), str(ini), TEXT],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    typed: list[tuple[int, float]] = []
    try:
        started = None
        for line in proc.stdout:
            count, at = line.split()
            typed.append((int(count), float(at)))
            started = started or time.time()
            if time.time() - started > 3.0:  # typing steadily for 3 s, then pull the plug
                break
        kill_time = time.time()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    assert typed, "the driver typed nothing"
    assert typed[-1][0] < len(TEXT), "typing must still be going on when the process is killed"

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = con.execute("SELECT evidence FROM response WHERE round_id = ? AND proposal_id = '1.1'",
                          (info.id,)).fetchone()
    finally:
        con.close()
    saved = row[0] if row else ""
    assert TEXT.startswith(saved)
    safe = max((count for count, at in typed if at <= kill_time - 1.0), default=0)
    assert len(saved) >= safe, f"saved {len(saved)} characters; {safe} were typed more than a second before the kill"
