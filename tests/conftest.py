"""Shared test set-up.  Qt runs offscreen; every test gets its own SQLite file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
#: The source documents' text extractions, in shared/seeds beside the clone (CI has them).
SEEDS = ROOT.parent / "shared" / "seeds"

pytest_plugins = ["tests.pgfixtures"]  # pg_url, db_target: PostgreSQL when MSGDESK_TEST_PG is set


def seed_text(prefix: str) -> str:
    """The text of ``shared/seeds/<prefix>_*.txt`` beside the clone.

    A clone without the folder skips the checks against the sources (saying so);
    MSGDESK_REQUIRE_SEEDS=1 makes that a failure, so a CI run cannot pass them
    by skipping.  A folder that is there but lacks the file is always a failure.
    """
    if not SEEDS.is_dir():
        reason = f"the source extractions are not beside this clone ({SEEDS} is missing)"
        if os.environ.get("MSGDESK_REQUIRE_SEEDS") == "1":
            pytest.fail(f"{reason}, and MSGDESK_REQUIRE_SEEDS=1 requires them")
        pytest.skip(reason)
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        pytest.fail(f"expected exactly one seed file {prefix}_*.txt in {SEEDS}, found {[m.name for m in matches]}")
    return matches[0].read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """No test may touch the real user's data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MSGDESK_DB", raising=False)
    # pytest-xdist's workers run with COLUMNS=80: commands started by a test would print
    # for an 80-column terminal there and for none (100 columns) in a serial run.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    yield
    from msgdesk.logging_setup import reset_logging

    reset_logging()  # the next test logs into its own user folder


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "msgdesk.db"


@pytest.fixture
def workspace(db_path):
    """The test's own SQLite database, opened: the one way into the data."""
    from msgdesk.store.workspace import Workspace

    ws = Workspace.open(db_path)
    yield ws
    ws.close()


@pytest.fixture
def any_workspace(db_target):
    """The test's own database on each backend in turn: SQLite, then PostgreSQL (when
    MSGDESK_TEST_PG names a server).  A test module runs its storage tests on both by
    overriding ``workspace`` with this."""
    from msgdesk.store.workspace import Workspace

    ws = Workspace.open(db_target)
    yield ws
    ws.close()


@pytest.fixture
def engine(workspace):
    """The workspace's engine, for tests that look at the schema itself."""
    return workspace.engine


@pytest.fixture(scope="session")
def template():
    from msgdesk.domain.template import load_template

    return load_template()


@pytest.fixture
def example_data(template):
    from msgdesk.rounds.return_file import read_return_file

    return read_return_file(EXAMPLE, template)


@pytest.fixture
def example_round(workspace, example_data):
    """The North Ayrshire 2019 example imported into a fresh database; returns RoundInfo."""
    return workspace.rounds.import_return(example_data)


@pytest.fixture
def settings(tmp_path):
    """Window settings in a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, workspace, settings):
    """The main window on the test's database, 1280x720, shown (offscreen)."""
    from msgdesk.ui.app import build_window

    win = build_window(workspace, settings, warm_up=False)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    # as the officer meets it: the menus' entries are made just after the first paint
    qtbot.waitUntil(lambda: win.menus_built)
    yield win
    win.close()
    win.workspace.close()
