"""Run every benchmark unattended and print one table: figure, floor, ratio, target, PASS/MISS.

    .venv/bin/python benchmarks/run_all.py [--only startup spelling ...] [--quick]

Each ``benchmarks/bench_*.py`` runs in its own process (offscreen Qt, no dialogs), one
after the other, so that they do not compete for the two cores.  A benchmark reports
each of its targets as a ``RESULT`` line (``benchmarks/_result.py``); one that prints
none is listed by its exit status (0: every target met).  ``--quick`` passes fewer runs
to the benchmarks that take a count (for a smoke test; the figures are then rougher).
The exit status is 0 when every row is PASS (or SKIP: the frozen app, when it is not built).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Every benchmark, with the arguments of a full run and of a quick one (None: the defaults).
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "startup": ([], ["-n", "3"]),
    "spelling": ([], ["--keys", "80"]),
    "exports": ([], ["--runs", "3"]),
    "commands": ([], ["-n", "3"]),
    "collation": ([], ["-n", "1"]),
    "tracker": ([], []),
    "directions": ([], ["--sizes", "14", "280"]),
    "progress_report": ([], ["--sizes", "70", "880"]),
    "print_preview": ([], ["--runs", "2"]),
    "word_diff": ([], ["--runs", "3"]),
    # the built app (dist/msgdesk/, scripts/build_app.py): a "not built" row when it is missing
    "frozen": (["--frozen-only"], ["--frozen-only", "-n", "3"]),
}
#: benchmarks that are another script run with other arguments
SCRIPTS = {"frozen": "startup"}
TIMEOUT_S = 1800


@dataclass
class Row:
    benchmark: str
    measure: str
    figure: str
    floor: str
    unit: str
    target: str
    verdict: str

    @property
    def ratio(self) -> str:
        try:
            return f"{float(self.figure) / float(self.floor):.2f}"
        except (ValueError, ZeroDivisionError):
            return ""


def run(name: str, args: list[str]) -> tuple[list[Row], float]:
    script = HERE / f"bench_{SCRIPTS.get(name, name)}.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=env,
                              cwd=str(ROOT), timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [Row(name, "(whole benchmark)", "", "", "", f"done within {TIMEOUT_S} s", "MISS")], TIMEOUT_S
    elapsed = time.perf_counter() - started
    rows = []
    for line in done.stdout.splitlines():
        if line.startswith("RESULT\t"):
            _tag, measure, figure, floor, unit, target, verdict = (line.split("\t") + [""] * 7)[:7]
            rows.append(Row(name, measure, figure, floor, unit, target, verdict))
    if not rows:  # a benchmark that reports only its exit status
        verdict = "PASS" if done.returncode == 0 else "MISS"
        last = [line for line in done.stdout.splitlines() if line.strip()][-1:] or done.stderr.splitlines()[-1:]
        rows.append(Row(name, "(its own targets; see its output)", "", "", "", (last[0] if last else "")[:60],
                        verdict))
    elif done.returncode not in (0, 1):
        rows.append(Row(name, "(the benchmark failed)", "", "", "", done.stderr.strip()[-60:], "MISS"))
    return rows, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--quick", action="store_true", help="fewer runs each (rougher figures)")
    options = parser.parse_args(argv)
    rows: list[Row] = []
    for name in options.only or BENCHMARKS:
        full, quick = BENCHMARKS[name]
        found, elapsed = run(name, quick if options.quick else full)
        print(f"{name}: {elapsed:.0f} s, {sum(r.verdict == 'PASS' for r in found)} of {len(found)} PASS",
              file=sys.stderr, flush=True)
        rows += found
    header = ("benchmark", "measure", "figure", "floor", "ratio", "target", "")
    table = [header] + [(r.benchmark, r.measure, f"{r.figure} {r.unit}".strip(), f"{r.floor} {r.unit}".strip()
                         if r.floor else "", r.ratio, r.target, r.verdict) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
    # SKIP: measured only when there is something to measure (the frozen app, when built)
    missed = sum(r.verdict not in ("PASS", "SKIP") for r in rows)
    skipped = sum(r.verdict == "SKIP" for r in rows)
    print(f"\n{len(rows) - missed - skipped} of {len(rows)} PASS" + (f", {missed} MISS" if missed else "")
          + (f", {skipped} SKIP" if skipped else ""))
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
