"""A real msgdesk window process, started offscreen on the North Ayrshire example with its
round as the last one opened: for tests that must watch a whole start (what is loaded before
the first paint, what opens after it), which no widget built inside pytest's process shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def example_round(folder: Path, proposal: str = "1.1") -> tuple[Path, Path]:
    """A database holding the example round, and a settings file that reopens it at ``proposal``."""
    from msgdesk.paths import resource_path
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace

    db = folder / "msgdesk.db"
    with Workspace.open(db) as workspace:
        info = workspace.rounds.import_return(read_return_file(resource_path("examples", "north-ayrshire-2019.json")))
    ini = folder / "settings.ini"
    ini.write_text(f"[user]\nname=Tester\n[lastRound]\ndb={db}\nid={info.id}\nproposal={proposal}\n")
    return db, ini


def run_window(folder: Path, argv: list[str], ini: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``python argv...`` with the user's folders inside ``folder``; it must exit 0."""
    environment = dict(os.environ, MSGDESK_SETTINGS=str(ini), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
                       XDG_DATA_HOME=str(folder / "data"), XDG_STATE_HOME=str(folder / "state"),
                       XDG_CACHE_HOME=str(folder / "cache"), XDG_CONFIG_HOME=str(folder / "config"), **env)
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=environment, timeout=240,
                          cwd=str(folder), stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    return done
