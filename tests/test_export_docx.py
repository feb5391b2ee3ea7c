"""The committee appendix in Word (python-docx), reopened with python-docx."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ActionData
from msgdesk.reports import appendix_docx
from tests.returns import FORMULA_LIKE, GAELIC, MARKUP, hostile_return, long_return

TICK, PREVIOUS = "\u2713", "\u25cb"


def reopen(content: bytes):
    return docx.Document(io.BytesIO(content))


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def all_text(document) -> str:
    """Every paragraph of the body, its tables, the headers and footers."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:  # a merged cell is listed once per column it covers
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    parts.append(cell_text(cell))
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


@pytest.fixture(scope="module")
def example():
    from tests.test_export_pdf import _example

    data = _example()
    data.responses[0].actions[0].due_date = date(2022, 1, 5)  # one due date set by hand
    return data


@pytest.fixture(scope="module")
def document(example):
    return reopen(appendix_docx.render(example))


def test_key_features_and_proposals_are_real_headings(document, template):
    found = headings(document)
    assert found[0][0] == "Title" and "MINISTERIAL STRATEGIC GROUP" in found[0][1]
    assert ("Heading 1", "Summary") in found
    for kf in template.key_features:
        assert ("Heading 1", f"Key Feature {kf.number}: {kf.title}") in found
        for proposal in kf.proposals:
            assert ("Heading 2", f"Proposal {proposal.id}: {proposal.text}") in found
    # in the template's order: each key feature, then its proposals
    order = [text for style, text in found if style in ("Heading 1", "Heading 2")][1:]
    expected = []
    for kf in template.key_features:
        expected.append(f"Key Feature {kf.number}: {kf.title}")
        expected += [f"Proposal {p.id}: {p.text}" for p in kf.proposals]
    assert order == expected


def test_every_table_has_a_header_row_that_repeats(document):
    assert len(document.tables) == 1 + 1 + 3 * 22  # cover, summary; per proposal descriptors, evidence, actions
    for table in document.tables[1:]:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert header.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
        for row in table.rows[1:]:  # only the first row is a header
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
    summary = document.tables[1]
    header = ["Feature supporting integration"] + [RATING_LABELS[r] for r in RATINGS]
    assert [c.text for c in summary.rows[0].cells] == header


def test_summary_says_each_rating_in_words(example, document, template):
    summary = document.tables[1]
    rows = {}
    for row in summary.rows[1:]:
        first = cell_text(row.cells[0])
        match = re.match(r"(\d\.\d): ", first)
        if match:
            rows[match[1]] = [cell_text(c) for c in row.cells[1:]]
    assert set(rows) == {p.id for p in template.proposals}
    for response in example.responses:
        column = RATINGS.index(response.rating)
        assert rows[response.proposal][column] == f"{TICK} {RATING_LABELS[response.rating]}"
        assert [i for i, text in enumerate(rows[response.proposal]) if text] == [column]
    for proposal in template.proposals:
        if not proposal.local:
            assert rows[proposal.id][0] == "NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE"
    # and in the proposal's own descriptor table
    first = document.tables[2]
    assert cell_text(first.rows[2].cells[0]) == "Our Rating"
    assert f"{TICK} {RATING_LABELS[example.responses[0].rating]}" in [cell_text(c) for c in first.rows[2].cells]


def test_every_word_the_officers_wrote_is_there_and_no_interpreted_due_date(example, document):
    text = all_text(document)
    tokens = set(text.split())
    for response in example.responses:
        for field in [response.evidence] + [v for a in response.actions for v in (a.action, a.delivery, a.timescale,
                                                                                  a.lead)]:
            for word in field.split():
                assert word in tokens, word
    assert "Due:" not in text  # nobody wrote the interpreted dates
    assert "31 December 2021" not in text  # "December 2021" read as a date
    assert text.count("Due date set by hand:") == 1 and "Due date set by hand: 5 January 2022" in text


def test_title_language_attribution_and_draft(example, document, template):
    props = document.core_properties
    assert props.title.startswith("Appendix 1: MSG self-evaluation of progress with integration")
    assert example.partnership in props.title
    assert props.author == example.partnership
    assert props.language == "en-GB"
    styles_xml = document.styles.element.xml
    assert 'w:val="en-GB"' in styles_xml and 'w:val="en-US"' not in styles_xml
    text = all_text(document)
    assert "Crown copyright" in text and "Open Government Licence v3.0" in text
    section = document.sections[0]
    assert "DRAFT – not yet approved by the Integration Joint Board" in [p.text for p in section.header.paragraphs]
    assert section.page_width > section.page_height  # A4 landscape, like the PDF
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer

    approved = reopen(appendix_docx.render(
        example.replace(status="approved", ijb_meeting_date=date(2019, 5, 16), minute_reference="IJB item 9"),
        template=template))
    assert "DRAFT" not in all_text(approved)
    assert "IJB item 9" in all_text(approved) and "16 May 2019" in all_text(approved)


def test_hostile_text_is_written_literally(template):
    document = reopen(appendix_docx.render(hostile_return(), label="Appendix <1> & more", template=template))
    text = all_text(document)
    for fragment in MARKUP + FORMULA_LIKE + [GAELIC, "=cmd|' /C calc'!A0", "<b>Lead</b> & co", "😀",
                                             "Appendix <1> & more", "Comhairle nan Eilean Siar <b>&amp;</b>"]:
        assert fragment in text, fragment
    assert "bell and nul dropped" in text  # control characters XML cannot carry are left out
    tokens = set(text.split())
    assert all(f"w{i:04d}" in tokens for i in range(5000))
    assert all(f"a{i:04d}" in tokens and f"d{i:04d}" in tokens for i in range(1000))
    assert "x" * 20000 in text
    assert "Due date set by hand: 5 January 2022" in text


def test_a_long_return_is_written_whole(template):
    data = long_return(evidence_words=5000, action_chars=10_000, actions_per_proposal=2)
    document = reopen(appendix_docx.render(data, template=template))
    tokens = all_text(document).split()
    expected = []
    for response in data.responses:
        expected += response.evidence.split()
        for action in response.actions:
            expected += action.action.split() + action.delivery.split() + action.timescale.split()
    assert len(expected) > 22 * 5000
    assert set(expected) <= set(tokens)


def test_export_writes_the_file_atomically(example, tmp_path):
    out = tmp_path / "appendix.docx"
    out.write_bytes(b"old")
    assert appendix_docx.export(example, out) == out
    with zipfile.ZipFile(out) as package:
        assert "word/document.xml" in package.namelist()
        assert not any("thumbnail" in name for name in package.namelist())  # not python-docx's own picture
    assert [p.name for p in tmp_path.iterdir()] == ["appendix.docx"]


def test_unrated_and_empty_proposals(template):
    from msgdesk.domain.return_values import ReturnData

    text = all_text(reopen(appendix_docx.render(ReturnData("Empty HSCP", "2020"), template=template)))
    assert text.count("Not rated") == 22
    assert text.count("No evidence recorded.") == 22
    assert text.count("No improvement actions recorded.") == 22
    assert "0 of 22 proposals for local completion rated." in text


def test_no_action_due_date_is_invented(template):
    from msgdesk.domain.return_values import ResponseData, ReturnData

    data = ReturnData("N HSCP", "2021", completed_on=date(2021, 5, 3), responses=[ResponseData(
        "2.1", "established", actions=[ActionData("Review", timescale="6 months"),
                                       ActionData("Plan", timescale="Q4 21/22", due_date=date(2022, 2, 28))])])
    text = all_text(reopen(appendix_docx.render(data, template=template)))
    assert "6 months" in text and "3 November 2021" not in text
    assert "Due date set by hand: 28 February 2022" in text
