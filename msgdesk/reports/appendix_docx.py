"""The committee appendix as a Word document (python-docx), for clerks.

Clerks assemble committee papers in Word; this is the appendix they paste into
their report template, and Word's own "Save as PDF" turns it into the tagged,
accessible PDF that reportlab cannot make.  It holds what the PDF appendix
holds, in the same order, built for screen readers and for pasting:

* the title and the cover table (partnership, contact, date of completion,
  round, status), the template's guidance and its Crown copyright / Open
  Government Licence attribution;
* the summary: a table whose header row repeats on every page, the chosen
  rating ticked *and* written in words ("✓ Established"), the previous round's
  marked "○ previous round";
* per key feature a Heading 1, per proposal a Heading 2 (so Word's navigation
  pane and a screen reader's heading list reach every proposal), the MSG
  timescale, the descriptor table with the chosen rating ticked and written,
  Evidence / Notes and the improvement actions, each a table whose header row
  repeats;
* document properties: title, subject, author (the partnership), keywords,
  language en-GB (also the language of every paragraph); A4 landscape like the
  PDF; "DRAFT – not yet approved by the Integration Joint Board" in the page
  header until the IJB approves the return; "Page X of Y" in the footer.

It prints what the officers wrote: a due date appears only when one was set by
hand, labelled so.  User text is plain text in Word runs (nothing in it is read
as markup or a field); characters XML cannot carry are left out, as in the PDF.

    from msgdesk.reports import appendix_docx
    appendix_docx.export(data, "appendix.docx", label="Appendix 1")
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ROUND_STATUS_LABELS, ResponseData, ReturnData
from msgdesk.domain.template import NATIONAL_NOTE, Proposal, Template, load_template
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.appendix_pdf import (
    ATTRIBUTION_SHORT,
    MSG_TITLE,
    PREVIOUS,
    TICK,
    is_approved,
    pdf_info,
    rating_counts,
)
from msgdesk.reports.text import clean, long_date

LANGUAGE = "en-GB"
FONT = "Arial"
DRAFT_NOTE = "DRAFT – not yet approved by the Integration Joint Board"
SHADE = "D9DEE2"  # header rows and label columns, as in the PDF
SECTION = "B9C3CB"  # key feature rows
CHOSEN = "C6E0B4"  # the chosen rating
NATIONAL = "EEEEEE"
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
MUTED = RGBColor(0x55, 0x55, 0x55)

PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGIN_X = Mm(14)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LABEL_WIDTH = Mm(32)


def export(data: ReturnData, out_path, label: str = "Appendix 1", template: Template | None = None) -> Path:
    """Write the appendix for ``data`` to ``out_path`` (atomically); return the path."""
    return write_atomically(out_path, render(data, label=label, template=template))


def render(data: ReturnData, label: str = "Appendix 1", template: Template | None = None) -> bytes:
    """The appendix as .docx bytes."""
    template = template or load_template()
    document = _Builder(data, template, label).build()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- text ---------------------------------------------------------------------------------


def _lines(text: str | None) -> list[str]:
    """User text as paragraphs: one per line typed, blank lines kept as empty ones,
    characters XML cannot carry left out (python-docx refuses them)."""
    text = clean(text)
    return text.split("\n") if text else []


def _text(text: str | None) -> str:
    return " ".join(clean(text).split())


# --- low-level formatting -------------------------------------------------------------------


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row) -> None:
    """Mark a table row as a header row: Word repeats it at the top of every page the
    table runs on to, and screen readers announce its cells as column headers."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_language(document) -> None:
    """en-GB for the document's default run properties, every style and the theme fonts."""
    styles = document.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    settings = document.settings.element
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)


def _drop_thumbnail(document) -> None:
    """python-docx's blank document carries a thumbnail picture of itself; Explorer
    would show that for our file."""
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]


# --- the document ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, data: ReturnData, template: Template, label: str) -> None:
        self.data = data
        self.template = template
        self.label = label
        self.responses = {r.proposal: r for r in data.responses}
        self.has_previous = data.has_previous_round
        self.doc = Document()

    def build(self):
        doc = self.doc
        _drop_thumbnail(doc)
        self.styles()
        self.page()
        self.properties()
        self.cover()
        self.summary()
        for kf in self.template.key_features:
            doc.add_heading(f"Key Feature {kf.number}: {kf.title}", level=1)
            for proposal in kf.proposals:
                self.proposal(proposal)
        return doc

    # set-up --------------------------------------------------------------------------------

    def styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(3)
        for name in ("Header", "Footer"):  # one right-aligned stop at the text's right edge
            tab_stops = styles[name].paragraph_format.tab_stops
            tab_stops.clear_all()
            tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        for name, size in (("Title", 16), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # not Calibri Light
                style.element.rPr.rFonts.attrib.pop(qn(attribute), None)
        _set_language(self.doc)

    def page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN_X
        section.top_margin, section.bottom_margin = Mm(22), Mm(17)
        section.header_distance, section.footer_distance = Mm(8), Mm(7)
        data = self.data
        header = section.header.paragraphs[0]
        header.add_run(_text(data.partnership)).bold = True
        header.add_run("\t")
        header.add_run(_text(self.label)).bold = True
        sub = section.header.add_paragraph()
        sub.add_run(_text(f"MSG self-evaluation of progress with integration – {data.round}")).font.size = Pt(8)
        if not is_approved(data):
            note = section.header.add_paragraph()
            run = note.add_run(DRAFT_NOTE)
            run.bold = True
            run.font.color.rgb = DRAFT_RED
        footer = section.footer.paragraphs[0]
        small = footer.add_run(ATTRIBUTION_SHORT)
        small.font.size = Pt(7)
        small.font.color.rgb = MUTED
        footer.add_run("\tPage ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")

    def properties(self) -> None:
        info = pdf_info(self.data, self.label, self.template)
        props = self.doc.core_properties
        props.title = _text(info.title)[:255]
        props.subject = _text(info.subject)[:255]
        props.author = _text(info.author)[:255]
        props.keywords = _text(", ".join(info.keywords))[:255]
        props.language = LANGUAGE
        props.comments = f"Made by {info.creator}. {self.template.attribution}"[:255]
        props.last_modified_by = "msgdesk"

    # building blocks -----------------------------------------------------------------------

    def table(self, widths: list, header: list[str] | None = None):
        """A ruled table with fixed column widths; ``header`` becomes a repeating header row."""
        widths = [Emu(int(w)) for w in widths]
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        table._widths = widths
        for column, width in zip(table.columns, widths, strict=False):
            column.width = width  # the table grid, which LibreOffice lays out by
        if header is not None:
            row = self.row(table, header, bold=True, fill=SHADE)
            _repeat_header(row)
        return table

    def row(self, table, values: list, *, bold: bool = False, fill: str | None = None, span_from: int | None = None):
        """A row of ``values``; with ``span_from`` the cells from that column on are one
        cell holding ``values[span_from]`` (merged before filling, so no empty lines)."""
        row = table.add_row()
        cells = list(row.cells)
        for cell, width in zip(cells, table._widths, strict=False):
            cell.width = width
        if span_from is not None:
            merged = cells[span_from].merge(cells[-1])
            cells = cells[:span_from] + [merged]
            values = values[:span_from + 1]
        for cell, value in zip(cells, values, strict=False):
            self.fill(cell, value, bold=bold)
            if fill:
                _shade(cell, fill)
        return row

    def fill(self, cell, value, *, bold: bool = False) -> None:
        """Put ``value`` (text, or a list of (text, options) paragraphs) into ``cell``."""
        paragraphs: Iterable = value if isinstance(value, list) else [(value, {})]
        first = True
        for text, options in paragraphs:
            for line in _lines(text) or [""]:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                paragraph.paragraph_format.space_after = Pt(1)
                if options.get("centre"):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                lead = options.get("lead")
                if lead:
                    paragraph.add_run(f"{lead} ").bold = True
                    options = {k: v for k, v in options.items() if k != "lead"}
                run = paragraph.add_run(line)
                run.bold = bold or options.get("bold", False)
                if options.get("muted"):
                    run.italic = True
                    run.font.color.rgb = MUTED
                if options.get("small"):
                    run.font.size = Pt(8)

    def marks(self, rating: str, current: str | None, previous: str | None) -> list:
        """A rating cell: the tick and/or hollow marker with the rating in words."""
        parts = []
        if rating == current:
            parts.append((f"{TICK} {RATING_LABELS[rating]}", {"bold": True, "centre": True}))
        if rating == previous:
            parts.append((f"{PREVIOUS} previous round", {"centre": True, "small": True}))
        return parts

    # cover -------------------------------------------------------------------------------

    def cover(self) -> None:
        doc, data = self.doc, self.data
        doc.add_heading(f"{MSG_TITLE}\n{self.template.title}", level=0)
        table = self.table([Mm(60), TEXT_WIDTH - Mm(60)])
        rows = [
            ("Name of Partnership", data.partnership),
            ("Contact name and email address", data.contact or [("Not recorded", {"muted": True})]),
            ("Date of completion", long_date(data.completed_on) or [("Not recorded", {"muted": True})]),
            ("Round", data.round),
        ]
        status = ROUND_STATUS_LABELS.get(data.status, data.status)
        if is_approved(data):
            rows += [("Status", status),
                     ("IJB meeting date", long_date(data.ijb_meeting_date) or [("Not recorded", {"muted": True})]),
                     ("Minute reference", data.minute_reference or [("Not recorded", {"muted": True})])]
        else:
            rows.append(("Status", f"{status} – DRAFT: not yet approved by the Integration Joint Board"))
        for key, value in rows:
            row = self.row(table, [key, value])
            row.cells[0].paragraphs[0].runs[0].bold = True
            _shade(row.cells[0], SHADE)
        doc.add_paragraph()
        for text in self.template.guidance:
            paragraph = doc.add_paragraph(_text(text))
            paragraph.runs[0].font.size = Pt(9)
        attribution = doc.add_paragraph(_text(self.template.attribution))
        attribution.runs[0].font.size = Pt(8)
        attribution.runs[0].font.color.rgb = MUTED

    # summary ----------------------------------------------------------------------------

    def summary(self) -> None:
        doc, data = self.doc, self.data
        doc.add_page_break()
        doc.add_heading("Summary", level=1)
        doc.add_paragraph(_text(f"{data.partnership} – MSG Integration Review Leadership Group self evaluation "
                                "summary"))
        mark = Mm(32)
        table = self.table([TEXT_WIDTH - 4 * mark] + [mark] * 4,
                           ["Feature supporting integration"] + [RATING_LABELS[r] for r in RATINGS])
        for kf in self.template.key_features:
            self.row(table, [f"{kf.number}. {kf.title}"], bold=True, fill=SECTION, span_from=0)
            for proposal in kf.proposals:
                text = [(proposal.text, {"lead": f"{proposal.id}:"})]
                if not proposal.local:
                    row = self.row(table, [text, [(NATIONAL_NOTE, {"muted": True})]], span_from=1)
                    _shade(row.cells[1], NATIONAL)
                    continue
                response = self.responses.get(proposal.id)
                current = response.rating if response else None
                previous = response.previous_rating if response else None
                row = self.row(table, [text] + [self.marks(r, current, previous) for r in RATINGS])
                if current in RATINGS:
                    _shade(row.cells[RATINGS.index(current) + 1], CHOSEN)
        legend = f"{TICK}: the rating in this self-evaluation ({data.round}), also shaded."
        if self.has_previous:
            legend += f" {PREVIOUS}: the rating in the previous self-evaluation."
        doc.add_paragraph(legend).runs[0].font.size = Pt(8)
        doc.add_paragraph(rating_counts(data, self.template)).runs[0].font.size = Pt(8)


    # proposals ----------------------------------------------------------------------------

    def proposal(self, proposal: Proposal) -> None:
        doc = self.doc
        doc.add_heading(f"Proposal {proposal.id}: {proposal.text}", level=2)
        timescale = doc.add_paragraph()
        timescale.paragraph_format.keep_with_next = True
        timescale.add_run("MSG timescale: ").bold = True
        timescale.add_run(_text(proposal.timescale))
        if not proposal.local:
            doc.add_paragraph(NATIONAL_NOTE).runs[0].bold = True
            return
        response = self.responses.get(proposal.id) or ResponseData(proposal.id)
        rating_width = (TEXT_WIDTH - LABEL_WIDTH) / 4
        table = self.table([LABEL_WIDTH] + [rating_width] * 4,
                           ["Rating Descriptor"] + [RATING_LABELS[r] for r in RATINGS])
        row = self.row(table, ["Indicator"] + [[(proposal.descriptor(r), {"small": True})] for r in RATINGS])
        self.label_cell(row)
        chosen = RATINGS.index(response.rating) + 1 if response.rating in RATINGS else None
        if chosen:
            _shade(row.cells[chosen], CHOSEN)
            row = self.row(table, ["Our Rating"] + [self.marks(r, response.rating, None) for r in RATINGS])
            _shade(row.cells[chosen], CHOSEN)
        else:
            row = self.row(table, ["Our Rating", [("Not rated", {"muted": True})]], span_from=1)
        self.label_cell(row)
        if self.has_previous:
            if response.previous_rating in RATINGS:
                row = self.row(table, ["Previous rating"] + [self.marks(r, None, response.previous_rating)
                                                             for r in RATINGS])
            else:
                row = self.row(table, ["Previous rating", [("None recorded", {"muted": True})]], span_from=1)
            self.label_cell(row)
        # the descriptor table stays in one piece, with its heading (Word's "keep with next")
        for table_row in table.rows:
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        doc.add_paragraph()

        evidence = self.table([TEXT_WIDTH], ["Evidence / Notes"])
        self.row(evidence, [response.evidence if response.evidence.strip()
                            else [("No evidence recorded.", {"muted": True})]])
        doc.add_paragraph()
        self.actions(proposal, response)
        doc.add_paragraph()

    def label_cell(self, row) -> None:
        for paragraph in row.cells[0].paragraphs:
            for run in paragraph.runs:
                run.bold = True
        _shade(row.cells[0], SHADE)

    def actions(self, proposal: Proposal, response: ResponseData) -> None:
        rest = TEXT_WIDTH - Mm(12)
        table = self.table([Mm(12), rest * 0.42, rest * 0.36, rest * 0.22],
                           ["No.", "Improvement Action", "Comment / How we will Deliver", "Timescale for Delivery"])
        if not response.actions:
            self.row(table, ["", [("No improvement actions recorded.", {"muted": True})]], span_from=1)
            return
        for number, action in enumerate(response.actions, 1):
            delivery: list[tuple[str, dict]] = [(action.delivery, {})] if action.delivery.strip() else []
            if action.lead.strip():
                delivery.append((action.lead, {"lead": "Lead:"}))
            timescale: list[tuple[str, dict]] = [(action.timescale, {})] if action.timescale.strip() else []
            if action.due_date is not None:
                timescale.append((long_date(action.due_date), {"lead": "Due date set by hand:", "small": True}))
            self.row(table, [[(f"{number}.", {"centre": True})], [(action.action, {})], delivery or "",
                             timescale or ""])
