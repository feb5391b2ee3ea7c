"""Write each printed output for the examples and PNGs of its first pages into docs/,
to look at as a clerk would (issue 18):

    .venv/bin/python scripts/print_samples.py [--out docs]

Needs poppler's pdftoppm (Debian: poppler-utils).  The PNGs are 60 dpi: enough to see the
layout, small enough to keep in the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: output name -> the pages shown (first, last)
PAGES = {"appendix": (1, 4), "where-we-stand": (1, 1), "progress-report": (1, 2), "directions-log": (1, 2),
         "collation": (1, 3)}


def samples(folder: Path) -> dict[str, bytes]:
    from msgdesk.collation.collate import collation_for, standing_for
    from msgdesk.directions.file import read_directions_file
    from msgdesk.directions.log import read_log
    from msgdesk.domain.template import load_template
    from msgdesk.reports import appendix_pdf, collation_pdf, directions_log_pdf, progress_pdf, where_we_stand
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace
    from msgdesk.tracker.report import build_report
    from tests.collation_data import ISLANDS, PREVIOUS, ROUND, add_returns

    template = load_template()
    example = read_return_file(ROOT / "resources" / "examples" / "north-ayrshire-2019.json", template)
    out = {"appendix": appendix_pdf.render(example)}
    with Workspace.open(folder / "tracker.db") as ws:
        info = ws.rounds.import_return(example)
        rows = ws.tracking.rows(info.id)
        ws.tracking.set_due_date(rows[0].action_id, date(2019, 12, 31), "Agreed at PAC", on_date=date(2019, 6, 1),
                                 today=date(2020, 1, 15))
        ws.tracking.record_progress(rows[1].action_id, "Draft circulated to the partners", status="on_track",
                                    on_date=date(2019, 8, 1), today=date(2020, 1, 15))
        out["progress-report"] = progress_pdf.render(build_report(ws, info.id, date(2020, 1, 15)))
    with Workspace.open(folder / "directions.db") as ws:
        day = date(2026, 12, 1)
        ws.directions.import_file(read_directions_file(ROOT / "resources" / "examples" / "directions-example.json",
                                                       today=day))
        ws.directions.set_bodies("North Ayrshire Health and Social Care Partnership",
                                 health_board="NHS Ayrshire & Arran", local_authority="North Ayrshire Council")
        out["directions-log"] = directions_log_pdf.render(
            read_log(ws, "North Ayrshire Health and Social Care Partnership", day))
    with Workspace.open(folder / "collation.db") as ws:
        add_returns(ws, template)
        out["collation"] = collation_pdf.render(collation_for(ws, ROUND, PREVIOUS, as_at=date(2021, 12, 1)))
        ws.groups.set_group("Island authorities", list(ISLANDS))
        data = ws.rounds.load_round_by_id(ws.rounds.find_round(ISLANDS[0], ROUND).id)
        standing = standing_for(ws, ISLANDS[0], ROUND, "Island authorities")
        out["where-we-stand"] = appendix_pdf.render(data, extra=where_we_stand.flowables(standing))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for name, pdf in samples(Path(scratch)).items():
            path = Path(scratch) / f"{name}.pdf"
            path.write_bytes(pdf)
            first, last = PAGES[name]
            if name == "where-we-stand":  # its last page
                count = int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
                            .stdout.split("Pages:")[1].split()[0])
                first = last = count
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last), str(path),
                            str(args.out / f"pdf-{name}")], check=True)
            print(f"{name}: pages {first}–{last} -> {args.out}/pdf-{name}-*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
