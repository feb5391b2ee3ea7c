"""The committee appendix: a completed return as a PDF, A4 landscape.

Laid out like the official self-evaluation template (and North Ayrshire's
Appendix 1 of May 2019), so a reader who knows the paper form is at home:

1. a cover block: partnership, contact, date of completion, round, status (and
   the IJB meeting date and minute reference once approved), the template's
   guidance and its attribution;
2. the summary table: key features as section rows, proposals as rows, four
   rating columns with a tick (✓, shaded) in the chosen one and a hollow marker
   (○) for the previous round's rating when there is one;
3. proposal by proposal: the key feature heading, the proposal's number, wording
   and MSG timescale, the descriptor table with the chosen rating marked,
   Evidence / Notes and the improvement actions table; the three national
   proposals say "NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE".

Every page has the partnership and label in its header and "Page X of Y" in its
footer; until the round is approved every page is marked DRAFT.  User text is
printed literally (:class:`~msgdesk.reports.textblock.TextBlock`, never markup) and
exactly as the officers wrote it: a due date is printed only when one was set by
hand, and says so.  Tables of user text are :class:`~msgdesk.reports.grid.TextGrid`
s: a long cell is cut at a line boundary and runs on over as many pages as it
needs, so the appendix prints whatever the length of the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from msgdesk.domain.return_values import (
    RATING_LABELS,
    RATINGS,
    ROUND_STATUS_LABELS,
    ActionData,
    ResponseData,
    ReturnData,
)
from msgdesk.domain.states import RoundStatus
from msgdesk.domain.template import NATIONAL_NOTE, Proposal, Template, load_template
from msgdesk.reports.fonts import REGULAR_FONT
from msgdesk.reports.grid import GridCell, GridRow, TextGrid
from msgdesk.reports.pages import (
    KeepRoom,
    PageSetup,
    PdfInfo,
    build_pdf,
    content_height,
    content_width,
    outline,
    running,
    step,
)
from msgdesk.reports.styles import CHOSEN, GRID, NATIONAL, SECTION, SHADE, styles
from msgdesk.reports.text import long_date, markup
from msgdesk.reports.textblock import TextBlock

TICK = "\u2713"  # ✓ the current rating
PREVIOUS = "\u25cb"  # ○ the previous round's rating
ATTRIBUTION_SHORT = "Template text © Crown copyright, reused under the Open Government Licence v3.0"
MSG_TITLE = "MINISTERIAL STRATEGIC GROUP FOR HEALTH AND COMMUNITY CARE (MSG)"

LABEL_WIDTH = 92.0  # the form's left label column, in points
USER_PARAGRAPH_GAP = 1.5  # points between the lines (paragraphs) a user typed
KEEP_WITH_FOLLOWING = 50.0  # room for the first lines of evidence below a descriptor table
KEEP_WHOLE_EVIDENCE = 130.0  # evidence up to this height stays on the page of its descriptors
#: An action row up to this tall (points, a third of a page) moves to the next page
#: whole; a taller one is cut at a line, its three cells in step.
TALL_ROW = 150.0
#: A cut leaves at least this many lines of a cell on the page before the break.
MIN_LINES = 2


def export(data: ReturnData, out_path, label: str = "Appendix 1", template: Template | None = None,
           progress: Callable[[int, int], None] | None = None, extra: Sequence[Flowable] = ()) -> Path:
    """Write the committee appendix for ``data`` to ``out_path`` (atomically); return the path.

    ``label`` is printed in every page header ("Appendix 1", "Appendix 2", ...).
    ``progress(done, total)``, if given, is called as the layout advances and
    once more with ``done == total`` when the file is complete.  ``extra`` flowables (the
    "Where we stand" page, ``msgdesk.reports.where_we_stand``) follow on a page of their own.
    """
    from msgdesk.rounds.return_file import write_atomically

    pdf = render(data, label=label, template=template, progress=progress, extra=extra)
    return write_atomically(out_path, pdf)


def render(data: ReturnData, label: str = "Appendix 1", template: Template | None = None,
           progress: Callable[[int, int], None] | None = None, extra: Sequence[Flowable] = ()) -> bytes:
    """The committee appendix as PDF bytes (see :func:`export`).

    Raises :class:`~msgdesk.reports.pages.ReportLayoutError` naming the proposal and
    field if some text cannot be laid out (a defect: the tables cut long text at line
    boundaries so that every length fits)."""
    template = template or load_template()
    story, steps = _Builder(data, template).story()
    if extra:
        story += [PageBreak(), *extra]
    return build_pdf(story, page_setup(data, label), pdf_info(data, label, template),
                     progress=progress, steps=steps, report="committee appendix (PDF)")


def page_setup(data: ReturnData, label: str) -> PageSetup:
    """Header, footer and DRAFT marking for ``data``'s pages."""
    return PageSetup(
        header_left=data.partnership,
        header_right=label,
        header_sub=f"MSG self-evaluation of progress with integration – {data.round}",
        footer_left=ATTRIBUTION_SHORT,
        draft=not is_approved(data),
    )


def pdf_info(data: ReturnData, label: str, template: Template) -> PdfInfo:
    from msgdesk import __version__

    return PdfInfo(
        title=f"{label}: MSG self-evaluation of progress with integration – {data.partnership} – {data.round}",
        author=data.partnership,
        subject="Ministerial Strategic Group for Health and Community Care: review of progress with "
                "integration of health and social care – self-evaluation",
        keywords=("MSG", "self-evaluation", "integration", data.partnership, data.round),
        creator=f"msgdesk {__version__}",
    )


def is_approved(data: ReturnData) -> bool:
    return data.status == RoundStatus.APPROVED


def rating_counts(data: ReturnData, template: Template) -> str:
    """"22 of 22 proposals for local completion rated – Partly established: 5, …"."""
    local = template.local_proposals
    responses = {r.proposal: r for r in data.responses}
    rated = [responses[p.id].rating for p in local if p.id in responses and responses[p.id].rating]
    parts = [f"{RATING_LABELS[r]}: {rated.count(r)}" for r in RATINGS if rated.count(r)]
    text = f"{len(rated)} of {len(local)} proposals for local completion rated"
    return text + (" – " + ", ".join(parts) + "." if parts else ".")


# --- the story -------------------------------------------------------------------------


def _p(text: str, style) -> Paragraph:
    """A Paragraph of trusted markup (callers escape user text with ``markup``)."""
    return Paragraph(text, style)


def _t(text: str | None, style=None, **kwargs) -> TextBlock:
    """Plain text (user or template): printed literally, wrapped, splittable."""
    return TextBlock(text, style or styles().cell, **kwargs)


def _user_text(text: str | None, empty: str = "") -> list:
    """User text for a table cell, as a list of blocks; ``empty`` (muted) when there is none."""
    if text and text.strip():
        return [_t(text, paragraph_gap=USER_PARAGRAPH_GAP)]
    return [_t(empty, styles().cell_muted)] if empty else []


#: For the reportlab Tables that hold template text only (summary, descriptors, bands).
_BASE_GRID = [
    ("FONT", (0, 0), (-1, -1), REGULAR_FONT, 9),  # for empty cells too: no Helvetica reference
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


class _Builder:
    def __init__(self, data: ReturnData, template: Template) -> None:
        self.data = data
        self.template = template
        self.st = styles()
        self.width = content_width()
        self.rating_width = (self.width - LABEL_WIDTH) / 4
        self.responses = {r.proposal: r for r in data.responses}
        self.has_previous = data.has_previous_round

    def story(self) -> tuple[list, int]:
        story: list = []
        story += self.cover()
        story.append(PageBreak())
        story += self.summary()
        story.append(PageBreak())
        number = 2
        for kf in self.template.key_features:
            band = self.key_feature_band(kf.number, kf.title)
            for index, proposal in enumerate(kf.proposals):
                number += 1
                parts = self.proposal(proposal)
                step(parts[0], number)
                head = [band, parts[0]] if index == 0 else [parts[0]]
                # the heading and the descriptor table stay with the evidence when it is
                # short, else with its first lines
                extra = KEEP_WITH_FOLLOWING
                if len(parts) > 2:
                    evidence = parts[1].wrap(self.width, content_height())[1]
                    extra = evidence if evidence <= KEEP_WHOLE_EVIDENCE else KEEP_WITH_FOLLOWING
                story.append(KeepRoom(head, extra=extra))
                story += head + parts[1:]
        return story, number + 1

    def label(self, text: str) -> TextBlock:
        return _t(text, self.st.cell_bold)

    def continued(self, text: str) -> TextBlock:
        """A label column's cell on the page a long row runs on to."""
        return _t(f"{text} (continued)", self.st.cell_muted)

    # cover ------------------------------------------------------------------------------

    def cover(self) -> list:
        st, data = self.st, self.data
        title = outline(_p(f"{MSG_TITLE}<br/>{markup(self.template.title)}", st.title), "Cover", 0)
        step(title, 1)
        running(title, "")
        rows = [
            ("Name of Partnership", [_t(data.partnership)]),
            ("Contact name and email address", _user_text(data.contact, "Not recorded")),
            ("Date of completion", _user_text(long_date(data.completed_on), "Not recorded")),
            ("Round", [_t(data.round)]),
        ]
        status = ROUND_STATUS_LABELS.get(data.status, data.status)
        if is_approved(data):
            rows.append(("Status", [_t(status)]))
            rows.append(("IJB meeting date", _user_text(long_date(data.ijb_meeting_date), "Not recorded")))
            rows.append(("Minute reference", _user_text(data.minute_reference, "Not recorded")))
        else:
            rows.append(("Status", [_t("not yet approved by the Integration Joint Board", st.draft,
                                       lead=f"{status} – DRAFT:")]))
        grid_rows = [GridRow([GridCell([self.label(k)], SHADE, continued=[self.continued(k)]), GridCell(v)],
                             where=f"the cover, {k}") for k, v in rows]
        table = TextGrid([170, self.width - 170], grid_rows, min_lines=MIN_LINES)
        story = [title, Spacer(0, 6), table, Spacer(0, 10)]
        story += [_t(text, st.small) for text in self.template.guidance]
        story += [Spacer(0, 6), _t(self.template.attribution, st.muted)]
        return story

    # summary ----------------------------------------------------------------------------

    def summary(self) -> list:
        st, data = self.st, self.data
        heading = outline(
            _t(f"{data.partnership.upper()} – MSG INTEGRATION REVIEW LEADERSHIP GROUP SELF EVALUATION SUMMARY",
               st.subtitle), "Summary", 0)
        step(heading, 2)
        running(heading, "Summary")
        mark_width = 86.0
        first = self.width - 4 * mark_width
        rows = [[self.label("Feature supporting integration")]
                + [_t(RATING_LABELS[r], st.cell_header) for r in RATINGS]]
        commands = list(_BASE_GRID) + [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ]
        for kf in self.template.key_features:
            r = len(rows)
            rows.append([self.label(f"{kf.number}. {kf.title}"), "", "", "", ""])
            commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION)]
            for proposal in kf.proposals:
                r = len(rows)
                text = _t(proposal.text, lead=f"{proposal.id}:")
                if not proposal.local:
                    rows.append([text, _t(NATIONAL_NOTE, st.cell_muted), "", "", ""])
                    commands += [("SPAN", (1, r), (-1, r)), ("BACKGROUND", (1, r), (-1, r), NATIONAL)]
                    continue
                response = self.responses.get(proposal.id)
                current = response.rating if response else None
                previous = response.previous_rating if response else None
                cells: list = []
                for c, rating in enumerate(RATINGS, 1):
                    cells.append(self.marks(rating, current, previous))
                    if rating == current:
                        commands.append(("BACKGROUND", (c, r), (c, r), CHOSEN))
                rows.append([text] + cells)
        table = Table(rows, colWidths=[first] + [mark_width] * 4, repeatRows=1, style=TableStyle(commands))
        legend = f"{TICK} on a shaded cell: the rating in this self-evaluation ({data.round})."
        if self.has_previous:
            legend += f"    {PREVIOUS}: the rating in the previous self-evaluation."
        return [heading, table, Spacer(0, 4), _t(legend, st.small), _t(self.counts(), st.small)]

    def marks(self, rating: str, current: str | None, previous: str | None) -> list | str:
        """A rating cell: the tick and/or hollow marker, and the rating in words below them,
        so that text extraction and screen readers say "1.1 … ✓ Established"."""
        st = self.st
        symbols = [m for m, on in ((TICK, rating == current), (PREVIOUS, rating == previous)) if on]
        if not symbols:
            return ""
        words = [w for w, on in ((RATING_LABELS[rating], rating == current), ("(previous round)", rating == previous))
                 if on]
        return [_t(" ".join(symbols), st.mark), _t(" ".join(words), st.mark_words)]

    def counts(self) -> str:
        return rating_counts(self.data, self.template)

    # proposals --------------------------------------------------------------------------

    def key_feature_band(self, number: int, title: str):
        band = Table([[[self.label(f"Key Feature {number}"), _t(title)]]], colWidths=[self.width],
                     style=TableStyle(_BASE_GRID + [("BACKGROUND", (0, 0), (-1, -1), SECTION)]))
        return running(outline(band, f"{number}. {title}", 0), f"Key Feature {number}")

    def proposal_row(self, proposal: Proposal) -> list:
        st = self.st
        wording = [_t(proposal.text, st.cell_bold), _t(f"MSG timescale: {proposal.timescale}", st.cell_small)]
        return [self.label(f"Proposal {proposal.id}"), wording, "", "", ""]

    def proposal(self, proposal: Proposal) -> list:
        st = self.st
        widths = [LABEL_WIDTH] + [self.rating_width] * 4
        rows = [self.proposal_row(proposal)]
        commands = list(_BASE_GRID) + [("SPAN", (1, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
        title = f"Proposal {proposal.id}: {proposal.text}"
        if not proposal.local:
            rows.append([_t(NATIONAL_NOTE, st.cell_header), "", "", "", ""])
            commands += [("SPAN", (0, 1), (-1, 1)), ("BACKGROUND", (0, 1), (-1, 1), NATIONAL),
                         ("TOPPADDING", (0, 1), (-1, 1), 8), ("BOTTOMPADDING", (0, 1), (-1, 1), 8)]
            table = Table(rows, colWidths=widths, style=TableStyle(commands))
            running(table, f"Key Feature {proposal.key_feature} – Proposal {proposal.id}")
            return [outline(table, title, 1), Spacer(0, 14)]

        response = self.responses.get(proposal.id) or ResponseData(proposal.id)
        rows.append([self.label("Rating Descriptor")] + [_t(RATING_LABELS[r], st.cell_header) for r in RATINGS])
        rows.append([self.label("Indicator")] + [_t(proposal.descriptor(r), st.descriptor) for r in RATINGS])
        commands += [("BACKGROUND", (0, 1), (-1, 1), SHADE), ("BACKGROUND", (0, 2), (0, -1), SHADE)]
        rating_row: list = [self.label("Our Rating")]
        if response.rating in RATINGS:
            c = RATINGS.index(response.rating) + 1
            rating_row += [self.marks(r, response.rating, None) for r in RATINGS]
            commands += [("BACKGROUND", (c, 2), (c, 3), CHOSEN)]
        else:
            rating_row += [_t("Not rated", st.cell_muted), "", "", ""]
            commands.append(("SPAN", (1, 3), (-1, 3)))
        rows.append(rating_row)
        if self.has_previous:
            previous_row: list = [self.label("Previous rating")]
            if response.previous_rating in RATINGS:
                previous_row += [self.marks(r, None, response.previous_rating) for r in RATINGS]
            else:
                previous_row += [_t("None recorded", st.cell_muted), "", "", ""]
                commands.append(("SPAN", (1, 4), (-1, 4)))
            rows.append(previous_row)
        commands += [("VALIGN", (1, 3), (-1, -1), "MIDDLE")]
        descriptors = outline(Table(rows, colWidths=widths, style=TableStyle(commands)), title, 1)
        running(descriptors, f"Key Feature {proposal.key_feature} – Proposal {proposal.id}")

        label = "Evidence / Notes"
        evidence = TextGrid(
            [LABEL_WIDTH, self.width - LABEL_WIDTH],
            [GridRow([GridCell([self.label(label)], SHADE, continued=[self.continued(label)]),
                      GridCell(_user_text(response.evidence, "No evidence recorded."))],
                     where=f"proposal {proposal.id}, {label}")],
            min_lines=MIN_LINES)
        return [descriptors, evidence, Spacer(0, 5), self.actions_table(proposal, response.actions),
                Spacer(0, 16)]

    def actions_table(self, proposal: Proposal, actions: list[ActionData]) -> TextGrid:
        """The template's three columns, what the officers wrote; a due date set by hand
        is printed, labelled as such (an interpreted one never is: nobody wrote it)."""
        st = self.st
        rest = self.width - LABEL_WIDTH
        widths = [LABEL_WIDTH, rest * 0.42, rest * 0.36, rest * 0.22]
        header = GridRow([GridCell([self.label("Proposed improvement actions"),
                                    _t(f"Proposal {proposal.id}", st.cell_small)], SHADE),
                          GridCell([self.label("Improvement Action")], SHADE),
                          GridCell([self.label("Comment / How we will Deliver")], SHADE),
                          GridCell([self.label("Timescale for Delivery")], SHADE)])
        rows = []
        for number, action in enumerate(actions, 1):
            delivery = _user_text(action.delivery)
            if action.lead.strip():
                delivery.append(_t(action.lead, lead="Lead:"))
            timescale = _user_text(action.timescale)
            if action.due_date is not None:
                timescale.append(_t(long_date(action.due_date), st.cell_small, lead="Due date set by hand:"))
            rows.append(GridRow([
                GridCell([_t(f"{number}.", st.cell_center)], SHADE,
                         continued=[_t(f"{number}. (continued)", st.cell_muted_center)]),
                GridCell(_user_text(action.action)), GridCell(delivery), GridCell(timescale),
            ], where=f"proposal {proposal.id}, improvement action {number}"))
        if not actions:
            rows.append(GridRow([GridCell((), SHADE),
                                 GridCell([_t("No improvement actions recorded.", st.cell_muted)], span=3)]))
        return TextGrid(widths, rows, [header], keep_whole=TALL_ROW, min_lines=MIN_LINES)
