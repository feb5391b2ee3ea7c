"""Start-up and page-turn timings for the window.

    .venv/bin/python benchmarks/bench_startup.py [-n 7]

Start-up: ``msgdesk --db X`` in a fresh subprocess (offscreen), with the North
Ayrshire 2019 example (22 rated proposals, 52 actions) as the last round, timed
from launching the process to the first turn of the event loop after the window
is shown with that round open (usable), and to the full store being open
(imports SQLAlchemy; the first write needs it).  Median of N runs.

Next/previous: ``go_to`` the next proposal through all 25 and back, with the
events that follow processed, in one process.  Median and worst, ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])

    def window():
        return next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")

    def ready():
        app.processEvents()
        assert window().session is not None, "the round is not open"
        print("READY", time.time(), flush=True)
        QTimer.singleShot(0, store)

    def store():
        if window().workspace.is_open:
            print("STORE", time.time(), flush=True)
            app.quit()
        else:
            QTimer.singleShot(2, store)

    QTimer.singleShot(0, ready)
    from msgdesk.cli.main import main
    main(["--db", sys.argv[1]])
""")


def prepare(folder: Path) -> tuple[Path, Path]:
    from msgdesk.paths import resource_path
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace

    db = folder / "bench.db"
    with Workspace.open(db) as workspace:
        info = workspace.rounds.import_return(read_return_file(resource_path("examples", "north-ayrshire-2019.json")))
    ini = folder / "settings.ini"
    # user/name answered: otherwise the first start waits on the "Your name" dialog forever.
    ini.write_text(f"[lastRound]\ndb={db}\nid={info.id}\nproposal=1.1\n\n[user]\nname=Benchmark\n")
    return db, ini


def startup_once(db: Path, ini: Path, child: Path) -> tuple[float, float]:
    env = dict(os.environ, MSGDESK_SETTINGS=str(ini), PYTHONPATH=str(ROOT))
    start = time.time()
    proc = subprocess.Popen([sys.executable, str(child), str(db)], stdout=subprocess.PIPE, text=True, env=env)
    ready = store = None
    # Unattended: a child stuck on a dialog is killed after a minute, not waited on for ever.
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    for line in proc.stdout:
        if line.startswith("READY"):
            ready = float(line.split()[1]) - start
        elif line.startswith("STORE"):
            store = float(line.split()[1]) - start
    proc.wait()
    watchdog.cancel()
    if ready is None or store is None:
        raise SystemExit("the window did not start")
    return ready, store


def page_turns(db: Path, ini: Path) -> list[float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from msgdesk.store.workspace import Workspace
    from msgdesk.ui.app import build_window

    app = QApplication.instance() or QApplication([])
    workspace = Workspace(db)  # build_window takes the open workspace, as run_gui hands it over
    window = build_window(workspace, QSettings(str(ini), QSettings.Format.IniFormat))
    window.resize(1280, 720)
    window.show()
    window.warm_up()
    app.processEvents()
    times = []
    proposals = window.order[:-1]
    for step in [window.next_proposal] * (len(proposals) - 1) + [window.previous_proposal] * (len(proposals) - 1):
        start = time.perf_counter()
        step()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    workspace.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="start-up runs (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, ini = prepare(folder)
        child = folder / "child.py"
        child.write_text(CHILD)
        startup_once(db, ini, child)  # warm the file cache
        runs = [startup_once(db, ini, child) for _ in range(args.n)]
        ready = [r for r, _s in runs]
        store = [s for _r, s in runs]
        print(f"start-up to usable window, round open: median {statistics.median(ready):.3f} s "
              f"(min {min(ready):.3f}, max {max(ready):.3f}, n={args.n}; target <= 0.6 s)")
        print(f"start-up until the full store is open:  median {statistics.median(store):.3f} s "
              f"(min {min(store):.3f}, max {max(store):.3f})")
        turns = page_turns(db, ini)
        print(f"next/previous proposal: median {statistics.median(turns):.1f} ms, "
              f"worst {max(turns):.1f} ms over {len(turns)} turns (target <= 30 ms)")


if __name__ == "__main__":
    main()
