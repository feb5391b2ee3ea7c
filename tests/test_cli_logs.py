"""A command's log is set up when ``logging`` is first imported (msgdesk.cli.logs), not before
the command runs: ``list`` and ``export --json`` never load it, and whatever any module logs,
however it reaches ``logging``, still lands on the console and in the log file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
P = "North Ayrshire Health and Social Care Partnership"

CHILD = """
import sys
{preload}
from msgdesk.cli.logs import configure_when_imported
configure_when_imported(console=True)
print("loaded before:", "logging" in sys.modules)
{get_logger}
getattr(log, sys.argv[1])("the %s record", sys.argv[1])
import logging
# the module keeps its own loader: tracebacks through logging still show its source
assert logging.__spec__.loader is logging.__loader__ and type(logging.__loader__).__name__ != "_ThenLoader"
from msgdesk.logging_setup import log_file_path
print(log_file_path())
"""

#: The ways a module reaches a logger: ours, a submodule first, a store module that logs.
GET_LOGGER = {
    "getLogger": "import logging\nlog = logging.getLogger('msgdesk.store.somewhere')",
    "handlers first": "import logging.handlers\nlog = logging.getLogger('msgdesk.store.somewhere')",
    "from import": "from logging import getLogger\nlog = getLogger('msgdesk.store.somewhere')",
    "store module": "from msgdesk.store import backup\nlog = backup.log",
    # the log's own module imports logging first: configured once it has finished
    "setup module first": ("from msgdesk import logging_setup\n"
                           "log = logging_setup.logging.getLogger('msgdesk.store.somewhere')"),
}


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


@pytest.mark.parametrize("preload", ["", "import logging"])
@pytest.mark.parametrize("how", list(GET_LOGGER))
@pytest.mark.parametrize("level, on_console", [("debug", False), ("info", False), ("warning", True),
                                               ("error", True)])
def test_every_record_reaches_console_and_file(level: str, on_console: bool, how: str, preload: str) -> None:
    code = CHILD.format(preload=preload, get_logger=GET_LOGGER[how])
    done = subprocess.run([sys.executable, "-c", code, level], capture_output=True, text=True, env=_env(),
                          check=True)
    said, path = done.stdout.splitlines()
    assert said == f"loaded before: {bool(preload)}"
    assert done.stderr == (f"msgdesk: the {level} record\n" if on_console else "")
    logged = Path(path).read_text(encoding="utf-8") if Path(path).exists() else ""
    if level == "debug":  # below the log's level (INFO), as before
        assert "record" not in logged
    else:
        name = "msgdesk.store.backup" if how == "store module" else "msgdesk.store.somewhere"
        assert f"{level.upper()} {name} [" in logged
        assert logged.rstrip().endswith(f"the {level} record")
        assert logged.count("record") == 1  # configured once, not once per wish


LOADED = """
import runpy, sys
sys.argv = ["msgdesk", *sys.argv[1:]]
try:
    runpy.run_module("msgdesk", run_name="__main__")
except SystemExit as exc:
    code = exc.code
sys.stderr.write(f"\\nlogging loaded: {'logging' in sys.modules}")
from msgdesk.logging_setup import log_file_path
sys.stderr.write(f"\\nlog: {log_file_path()}")
"""


def _run(*argv: str) -> tuple[str, bool, Path]:
    done = subprocess.run([sys.executable, "-c", LOADED, *argv], capture_output=True, text=True, env=_env())
    assert "log: " in done.stderr, done.stderr
    *_, loaded, log = done.stderr.split("\n")
    return done.stdout, loaded.endswith("True"), Path(log.removeprefix("log: "))


def _change(db: Path) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE response SET evidence = evidence || 'x' WHERE id = 1")
    con.close()


def test_list_and_export_load_no_logging_yet_log_their_backup(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--db", str(db)], env=_env(),
                   check=True, capture_output=True)
    commands = [["list"], ["export", "-p", P, "-r", "2019", "--json", str(tmp_path / "r.json")]]
    for argv in commands:
        _change(db)  # the first opening after a change backs the file up, and logs it
        out, loaded, log = _run(*argv, "--db", str(db))
        assert P in out or "Wrote" in out
        assert loaded  # the backup module logs through logging
        assert log.read_text(encoding="utf-8").rstrip().splitlines()[-1].split(": ", 1)[1].startswith("backup ")
        before = log.read_text(encoding="utf-8")
        out, loaded, log = _run(*argv, "--db", str(db))  # unchanged since: nothing to log
        assert P in out or "Wrote" in out
        assert not loaded
        assert log.read_text(encoding="utf-8") == before
