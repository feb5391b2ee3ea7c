"""The "Where we stand" page: one partnership's ratings beside the distribution of the
rest of a comparator group, proposal by proposal.  Its flowables go at the end of the
committee appendix (``msgdesk export ... --pdf OUT --benchmark GROUP``):

    from msgdesk.reports import where_we_stand
    from msgdesk.reports import appendix_pdf
    appendix_pdf.export(data, out, extra=where_we_stand.flowables(standing))

For each local proposal: our rating (number and word, on its heat-map colour), how many
of the other members chose each rating (our rating's column marked "●" as well as
shaded), the group's median and whether we are above, at or below it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from msgdesk.collation.collate import NOT_RATED, RATING_COLOURS, StandingReport, rating_text
from msgdesk.domain.return_values import RATING_LABELS, RATINGS
from msgdesk.domain.states import Standing
from msgdesk.reports.collation_pdf import GRID_STYLE, heat_colour, pdf_styles, text, words_width
from msgdesk.reports.pages import content_width, outline, running
from msgdesk.reports.styles import SECTION
from msgdesk.reports.textblock import TextBlock

OURS = "\u25cf"  # ● the column of our own rating
TITLE = "Where we stand"


def flowables(report: StandingReport) -> list[Flowable]:
    s = pdf_styles()
    heading = TextBlock(f"{TITLE}: {report.partnership} beside {report.group}, round {report.round_label}", s.title)
    running(outline(heading, TITLE, 0), TITLE)
    counts = report.summary()
    compared = sum(counts.values())
    summary = (f"Against the group's median: above on {counts[Standing.ABOVE]}, at it on {counts[Standing.LEVEL]}, "
               f"below on {counts[Standing.BELOW]} of the {len(report.lines)} proposals for local completion")
    if compared < len(report.lines):
        summary += f" ({len(report.lines) - compared} not compared: no rating on one side)"
    titles = ["Our rating"] + [RATING_LABELS[r] for r in RATINGS] + ["Rated", "Group median", "Where we stand"]
    widths = [max(40.0, words_width(t, s.head)) for t in titles]
    widths[0], widths[-2], widths[-1] = 96.0, 100.0, 84.0
    header = [text("Proposal", s.head_left)] + [text(t, s.head) for t in titles]
    rows: list[list] = [header]
    commands = list(GRID_STYLE) + [("BACKGROUND", (i, 0), (i, 0), heat_colour(RATING_COLOURS[r]))
                              for i, r in enumerate(RATINGS, 2)]
    lines = {line.proposal.id: line for line in report.lines}
    for kf in report.key_features:
        ours = [lines[p.id] for p in kf.proposals if p.id in lines]
        if not ours:
            continue
        r = len(rows)
        rows.append([text(f"{kf.number}. {kf.title}", s.section)] + [""] * (len(header) - 1))
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION),
                     ("NOSPLIT", (0, r), (-1, r + 1))]
        for line in ours:
            r = len(rows)
            row: list = [[TextBlock(line.proposal.text, s.cell_left, lead=f"{line.proposal.id}:")]]
            row.append(text(rating_text(line.rating) or NOT_RATED, s.cell if line.rating else s.muted))
            if line.rating in RATING_COLOURS:
                commands.append(("BACKGROUND", (1, r), (1, r), heat_colour(RATING_COLOURS[line.rating])))
            for column, rating in enumerate(RATINGS, 2):
                mine = rating == line.rating
                row.append(text(f"{line.counts[rating]} {OURS}" if mine else str(line.counts[rating]),
                                s.head if mine else s.cell))
                if mine:
                    commands.append(("BACKGROUND", (column, r), (column, r), heat_colour(RATING_COLOURS[rating])))
            row.append(text(str(line.rated), s.cell))
            row.append(text(line.median_text or "–", s.cell))
            row.append(text(line.standing.label if line.standing else "Not compared",
                            s.head if line.standing and line.standing is not Standing.LEVEL else s.cell))
            rows.append(row)
    table = Table(rows, colWidths=[content_width() - sum(widths)] + widths, repeatRows=1,
                  style=TableStyle(commands + [("VALIGN", (0, 1), (0, -1), "TOP")]))
    legend = (f"The four rating columns count the other members' ratings; {OURS} and shading mark the column of our "
              "own rating. The median is over the members that rated the proposal.")
    return [heading, Spacer(0, 3), TextBlock(report.basis_text(), s.body), TextBlock(summary + ".", s.body),
            Spacer(0, 4), table, Spacer(0, 4), TextBlock(legend, s.small)]
