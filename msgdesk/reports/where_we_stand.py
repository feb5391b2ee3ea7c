"""The "Where we stand" page: one partnership's ratings beside the distribution of the
rest of a comparator group, proposal by proposal.  It goes at the end of the committee
appendix (``msgdesk export ... --pdf OUT --benchmark GROUP``), laid out by
``resources/typst/where-we-stand.typ``:

    from msgdesk.reports import where_we_stand
    from msgdesk.reports import appendix_pdf
    appendix_pdf.export(data, out, extra=where_we_stand.flowables(standing))

For each local proposal: our rating (number and word, on its heat-map colour), how many
of the other members chose each rating (our rating's column marked "●" as well as
shaded), the group's median and whether we are above, at or below it.
"""

from __future__ import annotations

from typing import Any

from msgdesk.collation.collate import NOT_RATED, RATING_COLOURS, StandingReport, rating_text
from msgdesk.domain.return_values import RATING_LABELS, RATINGS
from msgdesk.domain.states import Standing
from msgdesk.reports.collation_pdf import MATRIX_FONT_SIZE, SECTION, SHADE, cell, words_width

OURS = "\u25cf"  # ● the column of our own rating
TITLE = "Where we stand"


def flowables(report: StandingReport) -> list[dict[str, Any]]:
    """The pages to add to the appendix: one, as data (``appendix_pdf.export(extra=...)``).
    (The name is kept from the reportlab days, so callers need no change.)"""
    return [page(report)]


def page(report: StandingReport) -> dict[str, Any]:
    """Everything where-we-stand.typ prints, as plain data."""
    counts = report.summary()
    compared = sum(counts.values())
    summary = (f"Against the group's median: above on {counts[Standing.ABOVE]}, at it on {counts[Standing.LEVEL]}, "
               f"below on {counts[Standing.BELOW]} of the {len(report.lines)} proposals for local completion")
    if compared < len(report.lines):
        summary += f" ({len(report.lines) - compared} not compared: no rating on one side)"
    titles = ["Our rating"] + [RATING_LABELS[r] for r in RATINGS] + ["Rated", "Group median", "Where we stand"]
    widths: list[float | None] = [max(40.0, words_width(t)) for t in titles]
    widths[0], widths[-2], widths[-1] = 96.0, 100.0, 84.0
    fills = [SHADE] + [RATING_COLOURS[r] for r in RATINGS] + [SHADE] * 3
    header = [cell("Proposal", bold=True, left=True, fill=SHADE)] + [
        cell(t, bold=True, fill=f) for t, f in zip(titles, fills, strict=True)]
    rows = []
    lines = {line.proposal.id: line for line in report.lines}
    for kf in report.key_features:
        ours = [lines[p.id] for p in kf.proposals if p.id in lines]
        if not ours:
            continue
        rows.append([cell(f"{kf.number}. {kf.title}", bold=True, left=True, fill=SECTION, colspan=len(header))])
        for line in ours:
            row = [cell(line.proposal.text, lead=f"{line.proposal.id}:", left=True),
                   cell(rating_text(line.rating) or NOT_RATED, muted=not line.rating,
                        fill=RATING_COLOURS.get(line.rating) if line.rating else None)]
            for rating in RATINGS:
                mine = rating == line.rating
                row.append(cell(f"{line.counts[rating]} {OURS}" if mine else str(line.counts[rating]), bold=mine,
                                fill=RATING_COLOURS[rating] if mine else None))
            row += [cell(str(line.rated)), cell(line.median_text or "–"),
                    cell(line.standing.label if line.standing else "Not compared",
                         bold=bool(line.standing and line.standing is not Standing.LEVEL))]
            rows.append(row)
    legend = (f"The four rating columns count the other members' ratings; {OURS} and shading mark the column of our "
              "own rating. The median is over the members that rated the proposal.")
    return {
        "heading": f"{TITLE}: {report.partnership} beside {report.group}, round {report.round_label}",
        "basis": report.basis_text(), "summary": summary + ".",
        "table": {"widths": [None, *widths], "header": header, "rows": rows, "size": MATRIX_FONT_SIZE + 0.5},
        "legend": legend,
    }
