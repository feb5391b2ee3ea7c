"""What each command costs to start, beside what its libraries cost to import, in one run.

    .venv/bin/python benchmarks/bench_commands.py [-n 9]

For ``msgdesk list``, ``export --json`` and ``export --pdf`` on the North Ayrshire example:
the median wall time of the whole process, and its floor, the median of
``python -c "import <the libraries that command truly needs>"`` measured in the same run,
alternating.  Target (issue 9): each command within 1.3 x floor + 0.15 s.

Then opening a database of about 36 MB (about 100 rounds) against one of about 1 MB:
``msgdesk list`` on each, unchanged since its last opening (the usual case), and the first
opening after a change (which also makes a compressed, checked backup).  Target: the 36 MB
database costs no more than 1.2 x the 1 MB one.

Also ``--version`` and ``--help``, which must import no database or report library.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
P = "North Ayrshire Health and Social Care Partnership"
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

FLOORS = {
    "list": "import sqlite3, sqlalchemy.orm",
    "export --json": "import sqlite3, sqlalchemy.orm, json",
    "export --pdf": "import sqlite3, sqlalchemy.orm, typst",  # issue 18: the PDF engine is typst
}


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return elapsed


def msgdesk(*args: str) -> list[str]:
    return [PY, "-m", "msgdesk", *args]


def fill(db: Path, rounds: int) -> None:
    """``rounds`` copies of the example under other round names, with long evidence."""
    import json

    from msgdesk.rounds.return_file import parse_return
    from msgdesk.store.workspace import Workspace

    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with Workspace.open(db, backup_on_open=False) as ws:
        for n in range(rounds):
            doc = dict(base, round=str(1900 + n))
            doc["responses"] = [dict(r, evidence=(r.get("evidence") or "") * 19) for r in base["responses"]]
            ws.rounds.import_return(parse_return(json.dumps(doc), ws.template))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=9, help="runs of each (default %(default)s)")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as folder:
        small, big = Path(folder) / "small.db", Path(folder) / "big.db"
        subprocess.run(msgdesk("import", str(EXAMPLE), "--db", str(small)), check=True, capture_output=True, env=ENV)
        fill(big, 100)
        subprocess.run(msgdesk("import", str(EXAMPLE), "--db", str(big)), check=True, capture_output=True, env=ENV)
        out = Path(folder) / "out"
        commands = {
            "list": msgdesk("list", "--db", str(small)),
            "export --json": msgdesk("export", "-p", P, "-r", "2019", "--json", f"{out}.json", "--db", str(small)),
            "export --pdf": msgdesk("export", "-p", P, "-r", "2019", "--pdf", f"{out}.pdf", "--db", str(small)),
        }
        for argv in commands.values():  # warm the file cache and the first-opening backup
            timed(argv)
        print(f"{'command':<16}{'median':>9}{'floor':>9}{'target':>9}  within")
        for name, argv in commands.items():
            runs, floors = [], []
            for _ in range(n):
                floors.append(timed([PY, "-c", FLOORS[name]]))
                runs.append(timed(argv))
            median, floor = statistics.median(runs), statistics.median(floors)
            target = 1.3 * floor + 0.15
            print(f"{name:<16}{median:>8.3f}s{floor:>8.3f}s{target:>8.3f}s  {'yes' if median <= target else 'NO'}")
        for name in ("--version", "--help"):
            print(f"{name:<16}{statistics.median(timed(msgdesk(name)) for _ in range(n)):>8.3f}s")

        sizes = {db.name: db.stat().st_size / 1e6 for db in (small, big)}
        print(f"\nopening: small.db {sizes['small.db']:.1f} MB, big.db {sizes['big.db']:.1f} MB (101 rounds)")
        steady = {}
        for db in (small, big):
            timed(msgdesk("list", "--db", str(db)))
            samples = []
            for _ in range(n):
                samples.append(timed(msgdesk("list", "--db", str(db))))
            steady[db.name] = statistics.median(samples)
        ratio = steady["big.db"] / steady["small.db"]
        print(f"  list, unchanged since last opened: small {steady['small.db']:.3f}s, big {steady['big.db']:.3f}s, "
              f"ratio {ratio:.2f} (target 1.2): {'yes' if ratio <= 1.2 else 'NO'}")
        changed = {}
        for db in (small, big):
            samples = []
            for i in range(max(3, n // 3)):
                con = __import__("sqlite3").connect(db)
                con.execute("UPDATE response SET evidence = evidence || ? WHERE id = 1", (str(i),))
                con.commit()
                con.close()
                samples.append(timed(msgdesk("list", "--db", str(db))))
            changed[db.name] = statistics.median(samples)
        print(f"  list, first opening after a change (integrity check + backup): small {changed['small.db']:.3f}s, "
              f"big {changed['big.db']:.3f}s")
        backups = Path(folder) / "backups"
        total = sum(p.stat().st_size for p in backups.iterdir()) / 1e6
        print(f"  backups folder: {len(list(backups.iterdir()))} files, {total:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
