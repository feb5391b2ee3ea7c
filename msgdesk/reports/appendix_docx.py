"""The committee appendix as a Word document (python-docx), for clerks.

Clerks assemble committee papers in Word; this is the appendix they paste into
their report template (the PDF appendix itself is tagged PDF/UA-1, from typst).  It holds what the PDF appendix
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
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

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
MUTED_HEX = "555555"

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


# --- the body, written as WordprocessingML ---------------------------------------------------
#
# python-docx builds every run, cell and property as its own lxml element, looking up the
# schema's child order each time: 12,000 such calls made the 22-proposal appendix take
# about a second.  The body is plain, regular markup (paragraphs, runs, tables), so it is
# written here as text, every piece of user text escaped, and parsed once; python-docx
# still makes the package, the styles, the header, the footer and the properties.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE_IDS = {0: "Title", 1: "Heading1", 2: "Heading2"}  # python-docx's default template's ids
TWIPS_PER_EMU = 1 / 635


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _twips(width) -> int:
    return int(round(int(width) * TWIPS_PER_EMU))


def _run(text: str, *, bold: bool = False, italic: bool = False, colour: str | None = None,
         half_points: int | None = None) -> str:
    """One run of plain text (``\\n`` becomes a line break); properties in the schema's order."""
    properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if colour:
        properties += f'<w:color w:val="{colour}"/>'
    if half_points:
        properties += f'<w:sz w:val="{half_points}"/>'
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{_escape(part)}</w:t>' for part in text.split("\n"))
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{body}</w:r>"


def _paragraph(runs: str = "", *, style: str | None = None, keep_next: bool = False, after_pt: float | None = None,
               centre: bool = False) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep_next:
        properties += "<w:keepNext/>"
    if after_pt is not None:
        properties += f'<w:spacing w:after="{int(after_pt * 20)}"/>'
    if centre:
        properties += '<w:jc w:val="center"/>'
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"


class _Table:
    """A ruled table with fixed column widths, written as markup row by row."""

    def __init__(self, widths: list) -> None:
        self.widths = [_twips(w) for w in widths]
        self.rows: list[str] = []

    def xml(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
                '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
                '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
                f'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(self.rows)}</w:tbl>')

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


#: A cell's content: text, or paragraphs as (text, options) with options among
#: bold, centre, lead (a bold word before the text), muted (grey italic), small.
Cell = str | list[tuple[str, dict]]


# --- the document ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, data: ReturnData, template: Template, label: str) -> None:
        self.data = data
        self.template = template
        self.label = label
        self.responses = {r.proposal: r for r in data.responses}
        self.has_previous = data.has_previous_round
        self.doc = Document()
        self.body: list[str] = []  # the body's markup, in order

    def build(self):
        doc = self.doc
        _drop_thumbnail(doc)
        self.styles()
        self.page()
        self.properties()
        self.cover()
        self.summary()
        for kf in self.template.key_features:
            self.heading(f"Key Feature {kf.number}: {kf.title}", 1)
            for proposal in kf.proposals:
                self.proposal(proposal)
        body = doc.element.body
        end = body.sectPr
        for element in parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self.body)}</w:body>'):
            end.addprevious(element)
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

    def heading(self, text: str, level: int) -> None:
        """A paragraph in Word's Title / Heading 1 / Heading 2 style: the navigation pane
        and a screen reader's list of headings reach it."""
        self.body.append(_paragraph(_run(clean(text)), style=STYLE_IDS[level]))

    def paragraph(self, text: str = "", *, half_points: int | None = None, muted: bool = False,
                  bold: bool = False) -> None:
        runs = _run(_text(text), bold=bold, half_points=half_points, colour=MUTED_HEX if muted else None) \
            if text else ""
        self.body.append(_paragraph(runs))

    def page_break(self) -> None:
        self.body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def table(self, widths: list, header: list[str] | None = None, keep_next: bool = False) -> _Table:
        """A ruled table with fixed column widths; ``header`` becomes a repeating header row."""
        table = _Table(widths)
        if header is not None:
            self.row(table, list(header), bold=True, fill=SHADE, header=True, keep_next=keep_next)
        return table

    def end_table(self, table: _Table) -> None:
        self.body.append(table.xml())

    def row(self, table: _Table, values: list, *, bold: bool = False, fill: str | None = None,
            span_from: int | None = None, header: bool = False, fills: dict[int, str] | None = None,
            bold_first: bool = False, keep_next: bool = False) -> None:
        """A row of ``values``; with ``span_from`` the cells from that column on are one
        cell holding ``values[span_from]``.  ``header`` marks the row as the table's header
        row: Word repeats it at the top of every page the table runs on to, and screen
        readers announce its cells as column headers.  ``fills`` shades single cells."""
        widths = table.widths
        if span_from is not None:
            values = values[:span_from + 1]
            spans = [1] * span_from + [len(widths) - span_from]
        else:
            spans = [1] * len(widths)
        cells = []
        column = 0
        for index, (value, span) in enumerate(zip(values, spans, strict=False)):
            width = sum(widths[column:column + span])
            column += span
            properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if span > 1:
                properties += f'<w:gridSpan w:val="{span}"/>'
            shade = (fills or {}).get(index) or fill
            if shade:
                properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
            content = self.cell(value, bold=bold or (bold_first and index == 0), keep_next=keep_next)
            cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>")
        row_properties = '<w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="true"/></w:trPr>' if header else ""
        table.rows.append(f"<w:tr>{row_properties}{''.join(cells)}</w:tr>")

    def cell(self, value: Cell, *, bold: bool = False, keep_next: bool = False) -> str:
        """The paragraphs of a cell: ``value`` as text, or a list of (text, options)."""
        paragraphs = value if isinstance(value, list) else [(value, {})]
        out = []
        for text, options in paragraphs:
            lead = options.get("lead")
            for line in _lines(text) or [""]:
                runs = _run(f"{lead} ", bold=True) if lead else ""
                runs += _run(line, bold=bold or options.get("bold", False), italic=options.get("muted", False),
                             colour=MUTED_HEX if options.get("muted") else None,
                             half_points=16 if options.get("small") else None)
                out.append(_paragraph(runs, keep_next=keep_next, after_pt=1, centre=options.get("centre", False)))
        return "".join(out) or _paragraph(after_pt=1)

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
        data = self.data
        self.heading(f"{MSG_TITLE}\n{self.template.title}", 0)
        table = self.table([Mm(60), TEXT_WIDTH - Mm(60)])
        not_recorded = [("Not recorded", {"muted": True})]
        rows: list[tuple[str, Cell]] = [
            ("Name of Partnership", data.partnership),
            ("Contact name and email address", data.contact or not_recorded),
            ("Date of completion", long_date(data.completed_on) or not_recorded),
            ("Round", data.round),
        ]
        status = ROUND_STATUS_LABELS.get(data.status, data.status)
        if is_approved(data):
            rows += [("Status", status),
                     ("IJB meeting date", long_date(data.ijb_meeting_date) or not_recorded),
                     ("Minute reference", data.minute_reference or not_recorded)]
        else:
            rows.append(("Status", f"{status} – DRAFT: not yet approved by the Integration Joint Board"))
        for key, value in rows:
            self.row(table, [key, value], fills={0: SHADE}, bold_first=True)
        self.end_table(table)
        self.paragraph()
        for text in self.template.guidance:
            self.paragraph(text, half_points=18)
        self.paragraph(self.template.attribution, half_points=16, muted=True)

    # summary ----------------------------------------------------------------------------

    def summary(self) -> None:
        data = self.data
        self.page_break()
        self.heading("Summary", 1)
        self.paragraph(f"{data.partnership} – MSG Integration Review Leadership Group self evaluation summary")
        mark = Mm(32)
        table = self.table([TEXT_WIDTH - 4 * mark] + [mark] * 4,
                           ["Feature supporting integration"] + [RATING_LABELS[r] for r in RATINGS])
        for kf in self.template.key_features:
            self.row(table, [f"{kf.number}. {kf.title}"], bold=True, fill=SECTION, span_from=0)
            for proposal in kf.proposals:
                text = [(proposal.text, {"lead": f"{proposal.id}:"})]
                if not proposal.local:
                    self.row(table, [text, [(NATIONAL_NOTE, {"muted": True})]], span_from=1, fills={1: NATIONAL})
                    continue
                response = self.responses.get(proposal.id)
                current = response.rating if response else None
                previous = response.previous_rating if response else None
                fills = {RATINGS.index(current) + 1: CHOSEN} if current in RATINGS else None
                self.row(table, [text] + [self.marks(r, current, previous) for r in RATINGS], fills=fills)
        self.end_table(table)
        legend = f"{TICK}: the rating in this self-evaluation ({data.round}), also shaded."
        if self.has_previous:
            legend += f" {PREVIOUS}: the rating in the previous self-evaluation."
        self.paragraph(legend, half_points=16)
        self.paragraph(rating_counts(data, self.template), half_points=16)

    # proposals ----------------------------------------------------------------------------

    def proposal(self, proposal: Proposal) -> None:
        self.heading(f"Proposal {proposal.id}: {proposal.text}", 2)
        self.body.append(_paragraph(_run("MSG timescale: ", bold=True) + _run(_text(proposal.timescale)),
                                    keep_next=True))
        if not proposal.local:
            self.paragraph(NATIONAL_NOTE, bold=True)
            return
        response = self.responses.get(proposal.id) or ResponseData(proposal.id)
        rating_width = (TEXT_WIDTH - LABEL_WIDTH) / 4
        table = self.table([LABEL_WIDTH] + [rating_width] * 4,
                           ["Rating Descriptor"] + [RATING_LABELS[r] for r in RATINGS], keep_next=True)
        # the descriptor table stays in one piece, with its heading (Word's "keep with next")
        chosen = RATINGS.index(response.rating) + 1 if response.rating in RATINGS else None
        label = {0: SHADE}
        shaded = {0: SHADE, chosen: CHOSEN} if chosen else label
        self.row(table, ["Indicator"] + [[(proposal.descriptor(r), {"small": True})] for r in RATINGS],
                 fills=shaded, bold_first=True, keep_next=True)
        if chosen:
            self.row(table, ["Our Rating"] + [self.marks(r, response.rating, None) for r in RATINGS],
                     fills=shaded, bold_first=True, keep_next=True)
        else:
            self.row(table, ["Our Rating", [("Not rated", {"muted": True})]], span_from=1, fills=label,
                     bold_first=True, keep_next=True)
        if self.has_previous:
            if response.previous_rating in RATINGS:
                self.row(table, ["Previous rating"] + [self.marks(r, None, response.previous_rating)
                                                       for r in RATINGS], fills=label, bold_first=True,
                         keep_next=True)
            else:
                self.row(table, ["Previous rating", [("None recorded", {"muted": True})]], span_from=1,
                         fills=label, bold_first=True, keep_next=True)
        self.end_table(table)
        self.paragraph()

        evidence = self.table([TEXT_WIDTH], ["Evidence / Notes"])
        self.row(evidence, [response.evidence if response.evidence.strip()
                            else [("No evidence recorded.", {"muted": True})]])
        self.end_table(evidence)
        self.paragraph()
        self.actions(response)
        self.paragraph()

    def actions(self, response: ResponseData) -> None:
        rest = TEXT_WIDTH - Mm(12)
        table = self.table([Mm(12), rest * 0.42, rest * 0.36, rest * 0.22],
                           ["No.", "Improvement Action", "Comment / How we will Deliver", "Timescale for Delivery"])
        if not response.actions:
            self.row(table, ["", [("No improvement actions recorded.", {"muted": True})]], span_from=1)
        for number, action in enumerate(response.actions, 1):
            delivery: list[tuple[str, dict]] = [(action.delivery, {})] if action.delivery.strip() else []
            if action.lead.strip():
                delivery.append((action.lead, {"lead": "Lead:"}))
            timescale: list[tuple[str, dict]] = [(action.timescale, {})] if action.timescale.strip() else []
            if action.due_date is not None:
                timescale.append((long_date(action.due_date), {"lead": "Due date set by hand:", "small": True}))
            self.row(table, [[(f"{number}.", {"centre": True})], [(action.action, {})], delivery or "",
                             timescale or ""])
        self.end_table(table)
