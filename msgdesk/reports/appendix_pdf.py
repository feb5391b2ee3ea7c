"""The committee appendix: a completed return as a tagged, accessible PDF (PDF/UA-1), A4 landscape.

Laid out like the official self-evaluation template (and North Ayrshire's Appendix 1 of
May 2019) by the typst template ``resources/typst/appendix.typ``; this module only
prepares the data:

1. a cover block: partnership, contact, date of completion, round, status (and the IJB
   meeting date and minute reference once approved), the template's guidance and its
   attribution;
2. the summary table: key features as section rows, proposals as rows, four rating
   columns with a tick (✓, shaded) and the rating in words in the chosen one and a hollow
   marker (○) for the previous round's rating when there is one;
3. proposal by proposal: the key feature heading, the proposal's number, wording and MSG
   timescale, the descriptor table with the chosen rating marked, Evidence / Notes and the
   improvement actions table; the three national proposals say "NOT FOR LOCAL COMPLETION –
   NATIONAL BODIES RESPONSIBLE".

Every page has the partnership and label in its header and "Page X of Y" in its footer;
until the round is approved every page is marked DRAFT.  User text reaches the template
as data (never markup) and prints exactly as the officers wrote it: a due date is printed
only when one was set by hand, and says so.  Table rows break across pages, so the
appendix prints whatever the length of the text.  Headings are real headings (key
feature, then proposal) with bookmarks; table headers repeat on each page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

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
from msgdesk.domain.vocabulary import Rating
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.fonts import text_width
from msgdesk.reports.text import long_date
from msgdesk.reports.typeset import PageSetup, PdfInfo, compile_pdf, compile_png, compile_svg, paragraphs

TICK = "\u2713"  # ✓ the current rating
PREVIOUS = "\u25cb"  # ○ the previous round's rating
ATTRIBUTION_SHORT = "Template text © Crown copyright, reused under the Open Government Licence v3.0"
MSG_TITLE = "MINISTERIAL STRATEGIC GROUP FOR HEALTH AND COMMUNITY CARE (MSG)"
TEMPLATE = "appendix.typ"

LABEL_WIDTH = 92.0  # the form's left label column, in points (appendix.typ's label-width)
CONTENT_WIDTH = 841.89 - 2 * 14 * 72 / 25.4  # A4 landscape less the side margins (page.typ)
#: An action row whose cells hold up to this many lines moves to the next page whole
#: (about a third of a page); a longer one breaks across pages, its cells in step.
WHOLE_ROW_LINES = 12


def build_pdf(data: Mapping[str, Any], report: str = "committee appendix (PDF)") -> bytes:
    """The appendix's PDF from its prepared data (the one call into typst)."""
    return compile_pdf(TEMPLATE, data, report=report)


def export(data: ReturnData, out_path, label: str = "Appendix 1", template: Template | None = None,
           progress: Callable[[int, int], None] | None = None, extra: Sequence[Mapping[str, Any]] = ()) -> Path:
    """Write the committee appendix for ``data`` to ``out_path`` (atomically); return the path.

    ``label`` is printed in every page header ("Appendix 1", "Appendix 2", ...).
    ``progress(done, total)``, if given, is called as the layout advances and
    once more with ``done == total`` when the file is complete.  ``extra``: the "Where we
    stand" page's data (``msgdesk.reports.where_we_stand.flowables``), printed last.
    """
    pdf = render(data, label=label, template=template, progress=progress, extra=extra)
    return write_atomically(out_path, pdf)


def render(data: ReturnData, label: str = "Appendix 1", template: Template | None = None,
           progress: Callable[[int, int], None] | None = None, extra: Sequence[Mapping[str, Any]] = ()) -> bytes:
    """The committee appendix as PDF bytes (see :func:`export`)."""
    prepared = document(data, label, template, progress)
    if extra:
        prepared["where_we_stand"] = dict(extra[0])
    pdf = build_pdf(prepared)
    if progress:
        progress(STEPS, STEPS)
    return pdf


def pages_png(prepared: Mapping[str, Any], ppi: float = 96) -> list[bytes]:
    """The appendix's pages as PNG images (the print preview), from the same template;
    ``prepared`` is :func:`document`'s data."""
    return compile_png(TEMPLATE, prepared, ppi=ppi, report="committee appendix (preview)")


def pages_svg(prepared: Mapping[str, Any]) -> list[bytes]:
    """The appendix's pages as SVG (what the print preview draws), from the same template;
    ``prepared`` is :func:`document`'s data."""
    return compile_svg(TEMPLATE, prepared, report="committee appendix (preview)")


#: Progress steps: the cover, the summary, 25 proposals, the file.
STEPS = 2 + 25 + 1


def document(data: ReturnData, label: str = "Appendix 1", template: Template | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Everything appendix.typ prints, as plain data."""
    template = template or load_template()
    builder = _Builder(data, template)
    steps = STEPS if len(template.proposals) == 25 else len(template.proposals) + 3

    def step(number: int) -> None:
        if progress:
            progress(min(number, steps - 1), steps)

    cover = builder.cover()
    step(1)
    summary = builder.summary()
    step(2)
    key_features = []
    number = 2
    for kf in template.key_features:
        proposals = []
        for proposal in kf.proposals:
            proposals.append(builder.proposal(proposal))
            number += 1
            step(number)
        key_features.append({"number": kf.number, "title": kf.title, "bookmark": f"{kf.number}. {kf.title}",
                             "proposals": proposals})
    return {"meta": pdf_info(data, label, template).as_data(), "page": page_setup(data, label).as_data(),
            "cover": cover, "summary": summary, "key_features": key_features, "where_we_stand": None}


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
    from msgdesk import __version__  # importlib.metadata, read when a PDF is written

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
    parts = [f"{RATING_LABELS[r]}: {rated.count(Rating(r))}" for r in RATINGS if rated.count(Rating(r))]
    text = f"{len(rated)} of {len(local)} proposals for local completion rated"
    return text + (" – " + ", ".join(parts) + "." if parts else ".")




# --- the data --------------------------------------------------------------------------------


class _Builder:
    def __init__(self, data: ReturnData, template: Template) -> None:
        self.data = data
        self.template = template
        self.responses = {r.proposal: r for r in data.responses}
        self.has_previous = data.has_previous_round
        rest = CONTENT_WIDTH - LABEL_WIDTH
        self.action_widths = [rest * 0.42 - 8, rest * 0.36 - 8, rest * 0.22 - 8]

    def cover(self) -> dict[str, Any]:
        data = self.data

        def row(label: str, text: str | None, empty: str = "") -> dict[str, Any]:
            lines = paragraphs(text)
            return {"label": label, "lines": lines or [empty], "muted": not lines, "draft": False, "lead": ""}

        rows = [
            row("Name of Partnership", data.partnership),
            row("Contact name and email address", data.contact, "Not recorded"),
            row("Date of completion", long_date(data.completed_on), "Not recorded"),
            row("Round", data.round),
        ]
        status = ROUND_STATUS_LABELS.get(data.status, data.status)
        if is_approved(data):
            rows.append(row("Status", status))
            rows.append(row("IJB meeting date", long_date(data.ijb_meeting_date), "Not recorded"))
            rows.append(row("Minute reference", data.minute_reference, "Not recorded"))
        else:
            # "Draft: not yet approved …", not "Draft – DRAFT: …" (a clerk's finding)
            rows.append({"label": "Status", "lines": ["not yet approved by the Integration Joint Board"],
                         "muted": False, "draft": True, "lead": f"{status}:"})
        return {"title_lines": [MSG_TITLE, self.template.title], "rows": rows,
                "guidance": list(self.template.guidance), "attribution": self.template.attribution}

    def marks(self, rating: str, current: str | None, previous: str | None) -> dict[str, Any]:
        """A rating cell: the tick and/or hollow marker, and the rating in words below them,
        so that text extraction and screen readers say "1.1 … ✓ Established"."""
        symbols = [m for m, on in ((TICK, rating == current), (PREVIOUS, rating == previous)) if on]
        words = [w for w, on in ((RATING_LABELS[rating], rating == current), ("(previous round)", rating == previous))
                 if on]
        return {"symbols": " ".join(symbols), "words": " ".join(words), "chosen": rating == current}

    def summary(self) -> dict[str, Any]:
        data = self.data
        key_features = []
        for kf in self.template.key_features:
            proposals = []
            for proposal in kf.proposals:
                response = self.responses.get(proposal.id)
                current = response.rating if response else None
                previous = response.previous_rating if response else None
                proposals.append({"id": proposal.id, "text": proposal.text, "national": not proposal.local,
                                  "marks": [self.marks(r, current, previous) for r in RATINGS]})
            key_features.append({"title": f"{kf.number}. {kf.title}", "proposals": proposals})
        legend = f"{TICK} on a shaded cell: the rating in this self-evaluation ({data.round})."
        if self.has_previous:
            legend += f"    {PREVIOUS}: the rating in the previous self-evaluation."
        return {"heading": f"{data.partnership.upper()} – MSG INTEGRATION REVIEW LEADERSHIP GROUP SELF EVALUATION "
                           "SUMMARY",
                "ratings": [RATING_LABELS[r] for r in RATINGS], "key_features": key_features,
                "national_note": NATIONAL_NOTE, "legend": legend, "counts": rating_counts(data, self.template)}

    def proposal(self, proposal: Proposal) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": proposal.id, "text": proposal.text, "timescale": proposal.timescale,
            "bookmark": f"Proposal {proposal.id}: {proposal.text}",
            "running": f"Key Feature {proposal.key_feature} – Proposal {proposal.id}",
            "national": not proposal.local, "national_note": NATIONAL_NOTE,
        }
        if not proposal.local:
            return item
        response = self.responses.get(proposal.id) or ResponseData(proposal.id)
        rated = response.rating in RATINGS
        item.update({
            "ratings": [RATING_LABELS[r] for r in RATINGS],
            "descriptors": [proposal.descriptor(r) for r in RATINGS],
            "rating": {"marks": [self.marks(r, response.rating, None) for r in RATINGS] if rated else None,
                       "empty": "Not rated"},
            "previous": None,
            "evidence": paragraphs(response.evidence),
            "actions": [self.action(a) for a in response.actions],
        })
        if self.has_previous:
            before = response.previous_rating in RATINGS
            item["previous"] = {
                "marks": [self.marks(r, None, response.previous_rating) for r in RATINGS] if before else None,
                "empty": "None recorded"}
        return item

    def action(self, action: ActionData) -> dict[str, Any]:
        """The template's three columns, what the officers wrote; a due date set by hand
        is printed, labelled as such (an interpreted one never is: nobody wrote it)."""
        cells = {"action": paragraphs(action.action), "delivery": paragraphs(action.delivery),
                 "timescale": paragraphs(action.timescale)}
        lead = " ".join(action.lead.split())
        due = long_date(action.due_date) if action.due_date is not None else ""
        tallest = max(_line_count(cells["action"], self.action_widths[0]),
                      _line_count(cells["delivery"] + ([f"Lead: {lead}"] if lead else []), self.action_widths[1]),
                      _line_count(cells["timescale"] + ([due] * 2 if due else []), self.action_widths[2]))
        return {**cells, "lead": lead, "due": due, "whole": tallest <= WHOLE_ROW_LINES}


def _line_count(paragraphs_: list[str], width: float) -> int:
    """About how many lines ``paragraphs_`` take in a cell ``width`` points wide (9 pt)."""
    return sum(1 + int(text_width(p, "DejaVuSans", 9) // max(width, 1.0)) for p in paragraphs_)
