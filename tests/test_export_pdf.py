"""The committee appendix (PDF): parsed back with pdfplumber."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData  # noqa: E402
from msgdesk.reports import appendix_pdf  # noqa: E402

TICK = appendix_pdf.TICK
PREVIOUS = appendix_pdf.PREVIOUS
TIMESCALES = ["December 2021", "Q4 20/21", "6 months", "Ongoing", "2021/22", "TBC"]


def _norm(text: str | None) -> str:
    # a line may end after a hyphen ("set-" / "aside"): read back as one word, as written
    return " ".join(re.sub(r"(?<=\w)-\n(?=\w)", "-", text or "").split())


#: The DRAFT watermark's wash: the DRAFT red (#b00020) at 9% on white, mixed in page.typ
#: (draft-wash) rather than drawn translucent.
DRAFT_WASH = (248 / 255, 232 / 255, 235 / 255)


def _is_draft_wash(colour) -> bool:
    """The DRAFT watermark's colour, whatever precision the PDF writes its components with."""
    return (isinstance(colour, tuple) and len(colour) == 3
            and all(abs(a - b) < 0.002 for a, b in zip(colour, DRAFT_WASH, strict=True)))


def _no_watermark(obj) -> bool:
    """Belt and braces: the DRAFT watermark is drawn as shapes, never as text, but
    big characters would spoil the tables if it ever were."""
    return not (obj.get("object_type") == "char" and obj.get("size", 0) > 40)


class Parsed:
    """A PDF read back: text per page (watermark left out), metadata, outline;
    tables on first use (the slow part)."""

    def __init__(self, pdf_bytes: bytes, only: slice = slice(None)) -> None:
        self.bytes = pdf_bytes
        self._tables = None
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            self.metadata = dict(pdf.metadata)
            self.outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
            self.pages = []
            self.fonts = set()
            self.images = 0
            self.big_chars = 0
            self.watermarks = 0  # pages with the red DRAFT shapes
            self.page_count = len(pdf.pages)
            for page in pdf.pages[only]:
                self.pages.append(page.filter(_no_watermark).extract_text() or "")
                self.fonts.update(c["fontname"] for c in page.chars)
                self.big_chars += sum(1 for c in page.chars if c["size"] > 40)
                red = [c for c in page.curves if c.get("fill") and _is_draft_wash(c.get("non_stroking_color"))]
                self.watermarks += len(red) >= 5
                self.images += len(page.images)
        self.text = "\n".join(self.pages)
        self.flat = _norm(self.text)

    @property
    def tables(self) -> list:
        """(page number, rows) of every ruled table, in document order."""
        if self._tables is None:
            self._tables = []
            with pdfplumber.open(io.BytesIO(self.bytes)) as pdf:
                for number, page in enumerate(pdf.pages, 1):
                    for table in page.filter(_no_watermark).find_tables():
                        self._tables.append((number, table.extract()))
        return self._tables

    def rows(self):
        for _page, rows in self.tables:
            for row in rows:
                yield [cell if cell is not None else None for cell in row]

    def summary_marks(self) -> dict[str, list[str]]:
        """Proposal id -> the four rating cells of its summary row."""
        marks = {}
        for row in self.rows():
            if len(row) == 5 and row[0] and re.match(r"\d\.\d: ", row[0]):
                marks[row[0].split(":")[0]] = [c or "" for c in row[1:]]
        return marks

    def detail(self):
        """Proposal id -> {"rating": cells, "previous": cells, "actions": [[action, delivery, timescale]]}."""
        result: dict[str, dict] = {}
        current = None
        for row in self.rows():
            first = _norm(row[0])
            match = re.fullmatch(r"Proposal (\d\.\d)", first)
            if match:
                current = result.setdefault(match.group(1), {"rating": None, "previous": None, "actions": [],
                                                             "wording": _norm(row[1])})
                continue
            match = re.fullmatch(r"Proposed improvement actions Proposal (\d\.\d)", first)
            if match:
                current = result[match.group(1)]
                continue
            if current is None:
                continue
            if first == "Our Rating":
                current["rating"] = [c or "" for c in row[1:]]
            elif first == "Previous rating":
                current["previous"] = [c or "" for c in row[1:]]
            elif len(row) == 4 and re.fullmatch(r"\d+\.", first):
                current["actions"].append([_norm(c) for c in row[1:]])
            elif len(row) == 4 and first == "" and current["actions"] and any(row[1:]):
                # the rest of a row split over a page break
                last = current["actions"][-1]
                for i, cell in enumerate(row[1:]):
                    last[i] = _norm(f"{last[i]} {cell or ''}")
        return result


def parse(data: ReturnData, only: slice = slice(None), **kwargs) -> Parsed:
    return Parsed(appendix_pdf.render(data, **kwargs), only)


def _column(rating: str | None) -> int | None:
    return RATINGS.index(rating) if rating else None


EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "north-ayrshire-2019.json"


def _example() -> ReturnData:
    """The North Ayrshire example with a delivery text, timescale and lead on every action
    (the example itself has none)."""
    from msgdesk.rounds.return_file import read_return_file

    data = read_return_file(EXAMPLE)
    n = 0
    for response in data.responses:
        for action in response.actions:
            action.timescale = TIMESCALES[n % len(TIMESCALES)]
            action.delivery = f"Delivered through the Strategic Planning Group, milestone {n}"
            action.lead = f"Officer {n}"
            n += 1
    return data


@pytest.fixture(scope="module")
def example() -> ReturnData:
    return _example()


@pytest.fixture(scope="module")
def parsed_example(example) -> Parsed:
    return parse(example, label="Appendix 1")


# --- the North Ayrshire example ----------------------------------------------------------


def test_every_proposal_rating_and_action_of_the_example(example, parsed_example, template):
    data, parsed = example, parsed_example

    summary = parsed.summary_marks()
    detail = parsed.detail()
    for proposal in template.proposals:
        assert proposal.id in summary, proposal.id
        assert proposal.id in detail, proposal.id
        assert detail[proposal.id]["wording"].startswith(_norm(proposal.text))
        assert f"MSG timescale: {_norm(proposal.timescale)}" in detail[proposal.id]["wording"]
        if not proposal.local:
            assert "NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE" in _norm(" ".join(summary[proposal.id]))
    assert parsed.flat.count("NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE") == 6  # summary + detail

    for response in data.responses:
        column = _column(response.rating)
        marks = summary[response.proposal]
        assert [i for i, cell in enumerate(marks) if TICK in cell] == [column], response.proposal
        rating_row = detail[response.proposal]["rating"]
        assert [i for i, cell in enumerate(rating_row) if TICK in cell] == [column], response.proposal

        actions = detail[response.proposal]["actions"]
        assert len(actions) == len(response.actions), response.proposal
        for printed, action in zip(actions, response.actions, strict=False):
            assert printed[0] == _norm(action.action)
            assert printed[1] == _norm(f"{action.delivery} Lead: {action.lead}")
            # what the officers wrote, and nothing else
            assert printed[2] == _norm(action.timescale)
    assert sum(len(d["actions"]) for d in detail.values()) == 52
    # no due date nobody wrote: "December 2021", "Q4 20/21", "6 months" are not turned into dates
    assert "Due:" not in parsed.flat and "Due date" not in parsed.flat
    for interpreted in ("31 December 2021", "31 March 2021", "18 October 2019"):
        assert interpreted not in parsed.flat


def test_a_due_date_set_by_hand_is_printed_and_says_so(example, template):
    responses = [r.replace(actions=list(r.actions)) for r in example.responses]
    responses[0].actions[1] = responses[0].actions[1].replace(due_date=date(2022, 1, 5))
    responses[1].actions[0] = responses[1].actions[0].replace(timescale="", due_date=date(2021, 9, 30))
    data = example.replace(responses=responses)
    detail = parse(data, template=template).detail()
    first, second = detail[responses[0].proposal]["actions"], detail[responses[1].proposal]["actions"]
    assert first[1][2] == f"{_norm(responses[0].actions[1].timescale)} Due date set by hand: 5 January 2022"
    assert second[0][2] == "Due date set by hand: 30 September 2021"
    assert first[0][2] == _norm(responses[0].actions[0].timescale)  # the others as written


def test_already_in_place_prints_as_written_without_a_deadline(template):
    """Defect 4: "Last reviewed Q4 20/21" printed as "Due: 31 March 2021", a deadline the
    IJB would approve though no officer set one."""
    text = "Already in place and under regular review. Last reviewed Q4 20/21"
    data = ReturnData("N HSCP", "2021", completed_on=date(2021, 5, 3), responses=[
        ResponseData("1.1", "established", actions=[ActionData("Keep the forum", timescale=text),
                                                    ActionData("Publish", timescale="March 2020 In place")])])
    parsed = parse(data, template=template)
    actions = parsed.detail()["1.1"]["actions"]
    assert [a[2] for a in actions] == [text, "March 2020 In place"]
    assert "31 March 2021" not in parsed.flat and "Due" not in parsed.flat


def test_pages_header_footer_and_draft(parsed_example):
    parsed = parsed_example
    total = len(parsed.pages)
    assert total > 20
    for number, text in enumerate(parsed.pages, 1):
        lines = text.splitlines()
        assert f"Page {number} of {total}" in text
        assert lines[0].startswith("North Ayrshire Health and Social Care Partnership")
        assert lines[0].endswith("Appendix 1")
        assert "DRAFT" in text
        assert "DRAFT – not yet approved by the Integration Joint Board" in text
    # the status once, not "Draft – DRAFT" (a clerk's finding)
    assert "Status Draft: not yet approved by the Integration Joint Board" in parsed.flat
    assert "Draft – DRAFT" not in parsed.flat
    assert "Caroline Whyte, carolinewhyte@north-ayrshire.gov.uk" in parsed.flat
    assert "Date of completion 18 April 2019" in parsed.flat
    # the template's attribution on the cover and a short one in every footer
    assert "Crown copyright" in parsed.pages[0] and "Open Government Licence v3.0" in parsed.pages[0]
    assert all("© Crown copyright" in page for page in parsed.pages)
    # the bundled Unicode font, embedded
    assert parsed.fonts and all("DejaVuSans" in f for f in parsed.fonts)


def test_header_rows_repeat_after_a_page_break(parsed_example):
    parsed = parsed_example
    repeated = [rows[0][:2] for _page, rows in parsed.tables
                if rows and rows[0][0] and rows[0][0].startswith("Proposed\nimprovement")]
    # 22 actions tables, some of them continued on a second page with their header
    assert len(repeated) > 22
    summary_headers = [rows[0][0] for _page,
                       rows in parsed.tables if rows and rows[0][0] == "Feature supporting integration"]
    assert len(summary_headers) == 2  # the summary runs over two pages


def test_approved_round_shows_the_ijb_decision_and_no_draft(example, parsed_example, template):
    data = example.replace(status="approved", ijb_meeting_date=date(2019, 5, 16),
                               minute_reference="IJB 16/05/2019 item 9")
    parsed = parse(data, template=template)
    assert "DRAFT" not in parsed.text
    assert parsed.watermarks == 0  # not even the watermark
    assert parsed_example.watermarks == len(parsed_example.pages)
    # the watermark is drawn as shapes: nothing of it reaches the extracted text
    assert parsed_example.big_chars == 0
    assert "IJB meeting date 16 May 2019" in parsed.flat
    assert "Minute reference IJB 16/05/2019 item 9" in parsed.flat
    assert "Status Approved by IJB" in parsed.flat
    assert len(parsed.pages) == len(parsed_example.pages)


def test_previous_round_is_shown_with_a_hollow_marker_and_legend(example, parsed_example, template):
    responses = []
    for i, r in enumerate(example.responses):
        responses.append(r.replace(previous_rating=RATINGS[i % 4]))
    data = example.replace(responses=responses)
    parsed = parse(data, template=template)
    summary, detail = parsed.summary_marks(), parsed.detail()
    for r in responses:
        assert [i for i, cell in enumerate(summary[r.proposal]) if PREVIOUS in cell] == [_column(r.previous_rating)]
        assert [i for i, cell in enumerate(summary[r.proposal]) if TICK in cell] == [_column(r.rating)]
        assert [i for i,
                c in enumerate(detail[r.proposal]["previous"]) if PREVIOUS in c] == [_column(r.previous_rating)]
    assert f"{PREVIOUS}: the rating in the previous self-evaluation" in parsed.flat
    # without a previous round there is no legend for it
    assert "previous self-evaluation" not in parsed_example.flat


def test_metadata_and_outline(parsed_example, template):
    parsed = parsed_example
    assert parsed.metadata["Title"].startswith("Appendix 1: MSG self-evaluation")
    assert "North Ayrshire Health and Social Care Partnership" in parsed.metadata["Title"]
    assert parsed.metadata["Author"] == "North Ayrshire Health and Social Care Partnership"
    assert "self-evaluation" in parsed.metadata["Subject"]
    titles = [title for _level, title in parsed.outline]
    assert titles[:2] == ["Cover", "Summary"]
    for kf in template.key_features:
        assert (1, f"{kf.number}. {kf.title}") in parsed.outline
        for p in kf.proposals:
            assert (2, f"Proposal {p.id}: {p.text}") in parsed.outline


def test_the_pdf_reads_aloud(example, parsed_example, template):
    """What a screen reader (or pdftotext) says: each summary row's proposal, then its
    rating in words; the title as the window title; no font that is not embedded."""
    from tests.pdftext import pdf_text, pdftotext_available

    text = _norm(pdf_text(parsed_example.bytes, raw=True))
    for response in example.responses:
        proposal = template.proposal(response.proposal)
        said = f"{proposal.id}: {_norm(proposal.text)} {TICK} {appendix_pdf.RATING_LABELS[response.rating]}"
        assert said in text, said
    # the proposal pages read in the template's order
    positions = [text.index(f"Proposal {p.id} {_norm(p.text)}") for p in template.proposals]
    assert positions == sorted(positions)
    raw = parsed_example.bytes
    with pdfplumber.open(io.BytesIO(raw)) as pdf:  # the catalog may sit in a compressed object stream
        from pdfminer.pdftypes import resolve1

        catalog = pdf.doc.catalog
        assert resolve1(catalog["ViewerPreferences"])["DisplayDocTitle"] is True
        assert resolve1(catalog["Lang"]) == b"en-GB"
    assert b"/Helvetica" not in raw  # every font referred to is embedded
    if pdftotext_available():
        import subprocess

        listing = subprocess.run(["pdffonts", "-"], input=raw, capture_output=True, check=True).stdout.decode()
        fonts = listing.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # "emb" column


def test_characters_the_font_lacks_are_never_dropped_silently(template):
    """Fullwidth ＝＋－＠ print as = + - @ (their compatibility forms); a character with no
    equivalent prints as U+FFFD; invisible joiners and emoji tag characters are left out."""
    evidence = ("\uff1d1+1 \uff0bcmd \uff0d2 \uff20home | \u4e2d\u6587 | "
                "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f | \u24b6 | 😀 \U0001d54f")
    data = ReturnData("\uff1dHSCP", "2020", responses=[ResponseData("1.1", "established", evidence=evidence)])
    parsed = parse(data, template=template)
    # (the font has 😀 and 𝕏: they print as themselves, and read back as themselves)
    assert "=1+1 +cmd -2 @home | \ufffd\ufffd | \ufffd | A | 😀 \U0001d54f" in parsed.flat
    assert "=HSCP" in parsed.pages[0]
    from msgdesk.reports.fonts import coverage, printable, register_fonts

    fonts = register_fonts()
    for font in (fonts.regular, fonts.bold, fonts.italic):
        shown = printable(evidence, font)
        assert all(ord(c) in coverage(font) for c in shown if c not in "\n\t")
        assert len(shown.split()) == len(evidence.split())  # nothing vanished


def test_unrated_and_empty_proposals(template):
    data = ReturnData("Empty HSCP", "2020")
    parsed = parse(data, template=template)
    assert parsed.flat.count("Not rated") == 22
    assert parsed.flat.count("No evidence recorded.") == 22
    assert parsed.flat.count("No improvement actions recorded.") == 22
    assert TICK not in "".join("".join(m) for m in parsed.summary_marks().values())
    assert "0 of 22 proposals for local completion rated." in parsed.flat
    assert "Date of completion Not recorded" in parsed.flat


# --- hostile text --------------------------------------------------------------------------

from tests.returns import MARKUP  # noqa: E402
from tests.returns import hostile_return as _hostile_return  # noqa: E402


@pytest.fixture(scope="module")
def parsed_hostile() -> Parsed:
    return parse(_hostile_return(), label="Appendix <1> & more")


def test_hostile_text_prints_literally_and_nothing_is_cut(parsed_hostile):
    parsed = parsed_hostile
    flat = parsed.flat
    for fragment in MARKUP + ["=SUM(A1)", "<b>Lead</b> & co", "=cmd|' /C calc'!A0"]:
        assert fragment in flat, fragment
    assert parsed.images == 0  # <img> never loaded anything
    assert "Comhairle nan Eilean Siar <b>&amp;</b> “Slàinte” – ✓" in parsed.text  # header, literally
    assert "Appendix <1> & more" in parsed.pages[0]
    assert "Màiri Nic a’ Phì <mairi@cne-siar.gov.uk>" in flat
    assert "Slàinte Mhath – “curly” ‘quotes’ ✓" in flat
    tokens = set(flat.split())
    # 5,000 words of evidence over several pages, 1,000-word action cells: every word printed
    assert all(f"w{i:04d}" in tokens for i in range(5000))
    assert all(f"a{i:04d}" in tokens for i in range(1000))
    assert all(f"d{i:04d}" in tokens for i in range(1000))
    assert all(f"t{i:03d}" in tokens for i in range(300))
    # a 20,000-character word is broken over lines, not cut
    assert parsed.text.count("x") >= 20000


def test_hostile_text_in_order_across_pages(parsed_hostile):
    """The 5,000-word evidence reads in order when its cell runs over several pages."""
    parsed = parsed_hostile
    found = [int(t[1:]) for t in parsed.flat.split() if re.fullmatch(r"w\d{4}", t)]
    assert found == list(range(5000))
    pages = {n for n, text in enumerate(parsed.pages) if "w2500" in text or "w0001" in text or "w4999" in text}
    assert len(pages) >= 2


def test_emoji_and_missing_glyphs_do_not_crash(template):
    data = ReturnData("😀 HSCP 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "2020", responses=[ResponseData("6.1", "established",
                                                                        evidence="😀" * 500 + " \u200b\ufeff\u202e")])
    parsed = parse(data, template=template)
    # every page laid out, to the last proposal (fewer pages than reportlab's 20-odd: a clerk's finding)
    assert parsed.page_count > 15 and f"Page {parsed.page_count} of {parsed.page_count}" in parsed.pages[-1]
    assert "Proposal 6.3" in parsed.flat and "😀" * 20 in parsed.flat.replace(" ", "")
    assert "HSCP" in parsed.pages[0]


def test_control_characters_are_dropped(template):
    data = ReturnData("Bad\x00 \x07HSCP\x1b", "2020", responses=[ResponseData("1.1", "established",
                                                                              evidence="a\x00b\x0cc\u0085d")])
    parsed = parse(data, only=slice(3, 4), template=template)  # the page of proposal 1.1
    assert "Bad HSCP" in parsed.pages[0]
    assert "Evidence / abc Notes d" in parsed.flat  # NUL and form feed dropped, NEL is a line break


# --- the export function ---------------------------------------------------------------------


def test_export_writes_the_file_atomically_and_reports_progress(example_data, tmp_path):
    out = tmp_path / "sub" / "appendix.pdf"
    calls = []
    result = appendix_pdf.export(example_data, out, progress=lambda done, total: calls.append((done, total)))
    assert result == out
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.parent.iterdir()] == ["appendix.pdf"]  # no temporary file left
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    assert total == 2 + 25 + 1
    assert all(t == total for _d, t in calls)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    assert len(calls) >= 20
    # an existing file is replaced
    out.write_bytes(b"old")
    appendix_pdf.export(example_data, out)
    assert out.read_bytes().startswith(b"%PDF-")


def test_export_failure_leaves_the_old_file(example_data, tmp_path, monkeypatch):
    out = tmp_path / "appendix.pdf"
    out.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(appendix_pdf, "build_pdf", broken)
    with pytest.raises(RuntimeError):
        appendix_pdf.export(example_data, out)
    assert out.read_bytes() == b"old"


def test_appendix_is_qt_free():
    import subprocess
    import sys

    code = ("import sys; from msgdesk.reports import appendix_pdf, return_xlsx; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- building blocks shared with the other reports -------------------------------------------


def test_user_text_reaches_typst_as_data_cleaned_printable_and_breakable():
    """What a template receives: control characters dropped, characters the font lacks
    replaced, break opportunities only inside runs that have none (a 20,000-character
    "word"), never inside an ordinary word or a web address."""
    from msgdesk.reports.typeset import BREAK_EVERY, LONG_WORD, prepare

    markup = '#read("/etc/passwd") <b>x</b> $x$ *b* _i_ @ref \\ #include "a.typ"'
    assert prepare({"a": [markup, None, 3]}) == {"a": [markup, None, 3]}
    assert prepare("a\x00b\r\nc \u4e2d") == "ab\nc \ufffd"
    address = "https://www.north-ayrshire.gov.uk/health-and-social-care/strategic-planning-group.aspx"
    assert prepare(address) == address
    for length in range(LONG_WORD - 2, 5 * LONG_WORD):
        shown = prepare("x" * length)
        assert shown.replace("\u200b", "") == "x" * length
        pieces = shown.split("\u200b")
        assert (len(pieces) == 1) == (length <= LONG_WORD)
        assert all(len(piece) <= max(BREAK_EVERY, LONG_WORD if len(pieces) == 1 else BREAK_EVERY) for piece in pieces)


@pytest.mark.parametrize("width", [30.0, 80.0, 250.0, 700.0])
def test_wrap_keeps_every_character_and_each_line_fits(width):
    import random

    from msgdesk.reports.fonts import text_width, wrap

    rnd = random.Random(width)
    vocabulary = ["a", "Slàinte", "“quoted”", "–", "✓", "x" * 120, "😀", "<b>", "&amp;", "• bullet", "- dash"]
    text = "\n".join(" ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(0, 40))) for _ in range(30))
    lines = wrap(text, "DejaVuSans", 9, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for line in lines:
        assert text_width(line, "DejaVuSans", 9) <= width or len(line) == 1  # only a single glyph may not fit
