"""A process killed (SIGKILL) in the middle of an import leaves the database
consistent: integrity_check ok, and either all of the import or none of it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def big_return(path, actions_per_proposal: int) -> int:
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    obj["round"] = "2021"
    for response in obj["responses"]:
        response["actions"] = [
            {"action": f"Action {n} for {response['proposal']} " + "word " * 60, "timescale": "Q4 21/22"}
            for n in range(actions_per_proposal)
        ]
    path.write_text(json.dumps(obj), encoding="utf-8")
    return actions_per_proposal * len(obj["responses"])


def counts(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        rounds = con.execute("SELECT label FROM evaluation_round ORDER BY label").fetchall()
        actions = con.execute(
            "SELECT count(*) FROM action JOIN response ON response.id = action.response_id "
            "JOIN evaluation_round r ON r.id = response.round_id WHERE r.label = '2021'"
        ).fetchone()[0]
        return [r[0] for r in rounds], actions
    finally:
        con.close()


def _wal_at_least(wal, size):
    return lambda: wal.exists() and wal.stat().st_size >= size


def _after(seconds):
    started = time.monotonic()
    return lambda: time.monotonic() - started >= seconds


# Kill points: while the transaction spills pages to the WAL, during the
# commit's write of the WAL, and at moments spread over the whole import.
KILL_POINTS = [("wal", 64 * 1024), ("wal", 1024 * 1024), ("time", 0.8), ("time", 1.4), ("time", 2.0)]


@pytest.mark.parametrize("kind,amount", KILL_POINTS, ids=[f"{k}-{a}" for k, a in KILL_POINTS])
def test_sigkill_during_import_leaves_all_or_nothing(tmp_path, kind, amount):
    db = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # an existing round that must survive whatever happens
    subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--db", str(db)], check=True, env=env)
    source = tmp_path / "big.json"
    total = big_return(source, 300)
    wal = db.with_name(db.name + "-wal")
    proc = subprocess.Popen([sys.executable, "-m", "msgdesk", "import", str(source), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL)
    time_to_kill = _wal_at_least(wal, amount) if kind == "wal" else _after(amount)
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and proc.poll() is None:
        if time_to_kill():
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    rounds, actions = counts(db)
    assert "2019" in rounds
    if "2021" in rounds:
        assert actions == total, "a partial import is visible"
    else:
        assert actions == 0
    if kind == "wal":
        assert killed and proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
