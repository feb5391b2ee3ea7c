"""Benchmark the directions log: importing a directions file, reading the log as at a day,
and writing it as a PDF and a workbook, per direction.

Targets: an import at most 10 ms per direction (all of it in one checked transaction,
through the database's guards), and the PDF log at most 10 ms per direction at 280 and
1,400 directions; at 14 (the example) the PDF's target is 12 times its floor (below).
Run from the project root:

    .venv/bin/python benchmarks/bench_directions.py [--sizes 14 280 1400]

The log is the example's fourteen directions copied under new references (each copy with
its milestones, delivery issues and updates).  Beside each figure its floor, measured in
the same run: for the import, the same rows written with bare INSERTs into a database
without msgdesk's schema (no checks, no guards); for the PDF, the same text as plain paragraphs
on bare pages, by the same engine (typst) and font.  The ratio shows what msgdesk adds, whatever the
machine's load.  The first import and PDF in the process (loading SQLAlchemy's mappers,
typst's fonts) are timed and reported on their own, before the sizes.  Exits 1 if a
target is missed.

The PDF's figure and its floor are each the median of ``PDF_SAMPLES`` renders of the log,
each under new references (``variant``): typst's compiler keeps what it laid out from one
report to the next (reports/typeset.py), so the same log again would be served from that
and measure less than an officer waits for when a log has changed.  One render of 14
directions is ~0.1 s, so a single sample swung with whatever else the machine did then.

Why the example's 14 directions have a target relative to the floor (issue 22 allows it
where an absolute one was wrong): a log's fixed work (the title and summary tables, the
running headers' two layout passes, the PDF/UA tags and the embedded fonts) is shared by
only 14 directions, so its cost per direction sits right at 10 ms: 8.6 ms of CPU here
(median of 3 distinct logs; 5.5 ms a direction at 280), and two quiet runs of this
benchmark gave 6.7 and 11.0 ms, the VM's own swing (+-50%) either side of the line.  An
absolute target there measured the VM.  The floor is typst laying out the same text as
plain paragraphs, measured beside it, so it swings with the machine; measured
(2026-12-07, medians of 3 on a loaded 2-core VM): 14 directions 9.7x the floor in CPU time
(8.58 against 0.89 ms) and 8.8x wall-clock; 280 directions 7.2x and 6.7x.  Four runs of
this benchmark at a load of 1.5-2.4 gave 9.3-9.7x at 14 while the figure itself went from
6.2 to 11.2 ms (floors 0.66-1.15 ms): the ratio holds where the absolute figure swings.
The target is 12x: the measured ratio with a quarter's margin for the floor's own noise
(a compile of about 12 ms).
The larger logs keep the absolute 10 ms, which they meet with room (5.5 ms of CPU at
280).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _result import result  # noqa: E402  (benchmarks/_result.py, beside this script)

IMPORT_TARGET_MS = 10.0
PDF_TARGET_MS = 10.0
#: At most this many directions: the PDF's target is PDF_SMALL_RATIO x its floor (docstring).
PDF_SMALL_LOG = 14
PDF_SMALL_RATIO = 12.0
PDF_SAMPLES = 3
AS_AT = date(2026, 12, 1)
EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"


def log_of(size: int) -> str:
    """A directions file of ``size`` directions (rounded up to whole copies of the example)."""
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    directions = []
    for copy in range(-(-size // len(example["directions"]))):
        for d in example["directions"]:
            d = json.loads(json.dumps(d))
            d["reference"] = f"{d['reference']}-{copy}"
            if d["supersedes"]:
                d["supersedes"] = f"{d['supersedes']}-{copy}"
            directions.append(d)
    example["directions"] = directions
    return json.dumps(example)


def floor_import(text: str, path: Path) -> float:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, d INTEGER, body TEXT)")
    started = time.perf_counter()
    document = json.loads(text)
    with con:
        for d in document["directions"]:
            row = con.execute("INSERT INTO d (body) VALUES (?)", (json.dumps(d),)).lastrowid
            con.executemany("INSERT INTO m (d, body) VALUES (?, ?)",
                            [(row, json.dumps(m)) for m in [*d["milestones"], *d["delivery_issues"], *d["updates"]]])
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def floor_pdf(log) -> float:  # type: ignore[no-untyped-def]
    """The log's text as plain paragraphs on bare pages, by the same engine (typst) and font:
    no tables, no decoration, no tags."""
    import typst

    from msgdesk.reports.typeset import _fonts

    template = (b'#set page(paper: "a4", flipped: true)\n#set text(font: "DejaVu Sans", size: 9pt, fallback: false)\n'
                b"#for line in json(bytes(sys.inputs.data)) { par(line) }\n")
    _fonts()
    started = time.perf_counter()
    lines = []
    for item in log.items:
        data = item.record.data
        lines += [item.reference, data.title, *data.functions, data.instruction, data.outcomes,
                  *(m.milestone for m in data.milestones), *(e.text for e in data.delivery_issues),
                  *(e.text for e in data.updates)]
    typst.compile(template, font_paths=_fonts(), ignore_system_fonts=True, sys_inputs={"data": json.dumps(lines)},
                  format="pdf")
    return time.perf_counter() - started


def variant(log, n: int):  # type: ignore[no-untyped-def]
    """``log`` with every reference changed (``/n`` added): a log the compiler has not laid
    out before, whose text and layout are otherwise the same."""
    from dataclasses import replace

    return replace(log, items=[replace(item, record=replace(item.record, data=replace(
        item.record.data, reference=f"{item.reference}/{n}"))) for item in log.items])


def pdf_medians(log, render) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The seconds of msgdesk's render and of the floor, each the median of PDF_SAMPLES
    logs new to the compiler; returns (render, floor)."""
    import statistics

    renders, floors = [], []
    for n in range(PDF_SAMPLES):
        fresh = variant(log, n)
        started = time.perf_counter()
        render(fresh)
        renders.append(time.perf_counter() - started)
        floors.append(floor_pdf(fresh))
    return statistics.median(renders), statistics.median(floors)


def warm_up() -> dict:
    """The first import and the first PDF in a process, timed on their own: they load what
    every later one reuses (SQLAlchemy's mappers and compiled statements, typst's fonts and
    templates).  That is once per session, not per direction, so the sizes below are timed
    after it (as bench_progress_report.py does) and this is reported beside them."""
    from msgdesk.directions.file import parse_directions
    from msgdesk.directions.log import read_log
    from msgdesk.reports.directions_log_pdf import render
    from msgdesk.store.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="msgdesk-bench-directions-warm-"))
    with Workspace.open(folder / "msgdesk.db", backup_on_open=False) as ws:
        started = time.perf_counter()
        data = parse_directions(EXAMPLE.read_text(encoding="utf-8"), today=AS_AT)
        ws.directions.import_file(data)
        import_seconds = time.perf_counter() - started
        log = read_log(ws, data.partnership, AS_AT)
    started = time.perf_counter()
    render(log)
    return {"directions": len(log.items), "import_s": import_seconds, "pdf_s": time.perf_counter() - started}


def _pages(pdf: bytes) -> int:
    import re

    found = re.search(rb"/Type\s*/Pages\s*/Count\s+(\d+)", pdf)
    return int(found[1]) if found else 0


def run(size: int) -> dict:
    from msgdesk.directions.file import parse_directions
    from msgdesk.directions.log import read_log
    from msgdesk.reports.directions_log_pdf import render
    from msgdesk.reports.directions_log_xlsx import build_workbook
    from msgdesk.store.workspace import Workspace

    text = log_of(size)
    folder = Path(tempfile.mkdtemp(prefix="msgdesk-bench-directions-"))
    with Workspace.open(folder / "msgdesk.db", backup_on_open=False) as ws:
        started = time.perf_counter()
        data = parse_directions(text, today=AS_AT)
        ws.directions.import_file(data)
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        log = read_log(ws, data.partnership, AS_AT)
        read_seconds = time.perf_counter() - started
    count = len(log.items)
    pdf = render(log)  # its pages, for the table (untimed: the samples below are timed)
    pdf_seconds, pdf_floor_seconds = pdf_medians(log, render)
    started = time.perf_counter()
    build_workbook(log).save(folder / "log.xlsx")
    xlsx_seconds = time.perf_counter() - started
    return {
        "directions": count, "import_ms": 1000 * import_seconds / count,
        "import_floor_ms": 1000 * floor_import(text, folder / "floor.db") / count,
        "read_ms": 1000 * read_seconds / count, "pdf_ms": 1000 * pdf_seconds / count,
        "pdf_floor_ms": 1000 * pdf_floor_seconds / count, "xlsx_ms": 1000 * xlsx_seconds / count,
        "pages": _pages(pdf),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[14, 280, 1400])
    args = parser.parse_args(argv)
    failed = False
    first = warm_up()
    print(f"first use in a process ({first['directions']} directions, untimed below): import "
          f"{first['import_s'] * 1000:.0f} ms, PDF {first['pdf_s'] * 1000:.0f} ms")
    print(f"{'directions':>10} {'import ms':>10} {'(floor)':>8} {'read ms':>8} {'PDF ms':>8} {'(floor)':>8} "
          f"{'Excel ms':>9} {'pages':>6}   per direction")
    for size in args.sizes:
        r = run(size)
        print(f"{r['directions']:>10} {r['import_ms']:>10.2f} {r['import_floor_ms']:>8.2f} {r['read_ms']:>8.2f} "
              f"{r['pdf_ms']:>8.2f} {r['pdf_floor_ms']:>8.2f} {r['xlsx_ms']:>9.2f} {r['pages']:>6}")
        if r["directions"] <= PDF_SMALL_LOG:
            pdf_limit, pdf_target = PDF_SMALL_RATIO * r["pdf_floor_ms"], f"<= {PDF_SMALL_RATIO:g} x floor"
        else:
            pdf_limit, pdf_target = PDF_TARGET_MS, f"<= {PDF_TARGET_MS:g} ms"
        if r["import_ms"] > IMPORT_TARGET_MS or r["pdf_ms"] > pdf_limit:
            failed = True
        result(f"directions import, {r['directions']}", r["import_ms"], "ms/direction",
               f"<= {IMPORT_TARGET_MS:g} ms", r["import_ms"] <= IMPORT_TARGET_MS, r["import_floor_ms"])
        result(f"directions log PDF, {r['directions']}", r["pdf_ms"], "ms/direction",
               pdf_target, r["pdf_ms"] <= pdf_limit, r["pdf_floor_ms"])
    print(f"targets: import at most {IMPORT_TARGET_MS} ms, PDF at most {PDF_TARGET_MS} ms per direction "
          f"({PDF_SMALL_RATIO:g} x its floor for a log of at most {PDF_SMALL_LOG})"
          + (" — MISSED" if failed else " — met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
