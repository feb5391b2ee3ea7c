"""Benchmark the exports: a full return (22 rated proposals, 70 actions).

Targets (in-process, on a 2-core machine): committee appendix PDF <= 0.6 s,
Word appendix <= 0.6 s, collation workbook <= 0.3 s.  Run from the project root:

    .venv/bin/python benchmarks/bench_exports.py [--runs 9] [--keep DIR]

Prints the first (cold) run and the median of the warm runs for each export.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _result import result  # benchmarks/_result.py, beside this script

from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.domain.template import load_template

PDF_TARGET = 0.6
DOCX_TARGET = 0.6
XLSX_TARGET = 0.3

EVIDENCE_LINES = [
    "• Joint Inspection (Adults) of strategic planning published in March 2019 graded leadership as ‘good’",
    "• Senior Partnership Operational Group supports a collaborative approach across the three partnerships",
    "• Locality forums and links with Community Planning Partnership localities, with a pilot on Arran",
    "• Integrated budget management report presented to the IJB and shared with both Directors of Finance",
    "• Representation of the third and independent sectors at the IJB, the Strategic Planning Group and "
    "on the Locality Planning Forums, with financial support provided to partnership enablers",
    "• Consistent attendance from a range of partners and stakeholders at the SPG and the IJB",
    "- Comhairle nan Eilean Siar and NHS Western Isles colleagues shared learning on Slàinte Mhath sessions",
    "• Established network of social care provider forums to share information and gain feedback",
]
TIMESCALES = ["December 2021", "Q4 20/21", "6 months", "2021/22", "Ongoing", "31/03/2022", "By end March 2020",
              "TBC", "In place", "within 12 months"]


def full_return() -> ReturnData:
    template = load_template()
    data = ReturnData(
        partnership="North Ayrshire Health and Social Care Partnership",
        round="2020",
        contact="Caroline Whyte, carolinewhyte@north-ayrshire.gov.uk",
        completed_on=date(2020, 4, 16),
        status="approved",
        ijb_meeting_date=date(2020, 5, 14),
        minute_reference="IJB 14/05/2020, item 7",
    )
    local = template.local_proposals
    count = 0
    for index, proposal in enumerate(local):
        n_actions = 4 if index < 70 - 3 * len(local) else 3  # 70 actions over 22 proposals
        actions = []
        for _number in range(n_actions):
            count += 1
            actions.append(ActionData(
                action=f"Action {count}: review the arrangements for {proposal.text.lower()[:80]} "
                       "and agree an improvement plan with statutory partners",
                delivery="Through the Strategic Planning Group, with quarterly reports to the Performance "
                         "and Audit Committee; lead officers identified in the delivery plan",
                timescale=TIMESCALES[count % len(TIMESCALES)],
                lead="Head of Service (Health and Community Care)",
                status="on_track",
            ))
        data.responses.append(ResponseData(
            proposal=proposal.id,
            rating=RATINGS[1 + index % 3],
            previous_rating=RATINGS[index % 3],
            evidence="\n".join(EVIDENCE_LINES[(index + k) % len(EVIDENCE_LINES)] for k in range(7)),
            actions=actions,
        ))
    assert count == 70, count
    return data


def timed(function, runs: int) -> tuple[float, float]:
    start = time.perf_counter()
    function()
    cold = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return cold, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", metavar="DIR", help="keep the exported files in DIR")
    args = parser.parse_args(argv)

    from msgdesk.reports import appendix_docx, appendix_pdf, return_xlsx

    data = full_return()
    template = load_template()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="msgdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pdf_path, docx_path, xlsx_path = folder / "appendix.pdf", folder / "appendix.docx", folder / "workbook.xlsx"

    pdf_cold, pdf_median = timed(lambda: appendix_pdf.export(data, pdf_path, template=template), args.runs)
    docx_cold, docx_median = timed(lambda: appendix_docx.export(data, docx_path, template=template), args.runs)
    xlsx_cold, xlsx_median = timed(lambda: return_xlsx.export(data, xlsx_path, template=template), args.runs)

    actions = sum(len(r.actions) for r in data.responses)
    print(f"return: {len(data.responses)} proposals rated, {actions} actions; {args.runs} warm runs each")
    print(f"PDF appendix : median {pdf_median:.3f} s (first run {pdf_cold:.3f} s incl. font loading), "
          f"target {PDF_TARGET} s, {pdf_path.stat().st_size / 1024:.0f} KiB "
          f"-> {'OK' if pdf_median <= PDF_TARGET else 'SLOW'}")
    print(f"Word appendix: median {docx_median:.3f} s (first run {docx_cold:.3f} s), "
          f"target {DOCX_TARGET} s, {docx_path.stat().st_size / 1024:.0f} KiB "
          f"-> {'OK' if docx_median <= DOCX_TARGET else 'SLOW'}")
    print(f"Excel workbook: median {xlsx_median:.3f} s (first run {xlsx_cold:.3f} s), "
          f"target {XLSX_TARGET} s, {xlsx_path.stat().st_size / 1024:.0f} KiB "
          f"-> {'OK' if xlsx_median <= XLSX_TARGET else 'SLOW'}")
    result("appendix PDF, in-process", pdf_median, "s", f"<= {PDF_TARGET} s", pdf_median <= PDF_TARGET)
    result("appendix Word, in-process", docx_median, "s", f"<= {DOCX_TARGET} s", docx_median <= DOCX_TARGET)
    result("return workbook, in-process", xlsx_median, "s", f"<= {XLSX_TARGET} s", xlsx_median <= XLSX_TARGET)
    if args.keep:
        print(f"files kept in {folder}")
    return 0 if pdf_median <= PDF_TARGET and docx_median <= DOCX_TARGET and xlsx_median <= XLSX_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
