"""Layout that cannot fail: every length of text prints, whole (issue 10).

reportlab's row splitting failed for some lengths and not others (a minimum
remainder, periodic with the page), so one length that happens to work proves
nothing; the typst reports (issue 18) are held to the same sweeps.
Each field is swept from empty to more than three pages in steps of one
line (the number of words that fill one line of that cell), and ``pdftotext``
must find every word of every length, in order, the last one included.

To keep the suite quick, one PDF carries 22 lengths: one per proposal (for the
appendix) or 120 or so actions in one progress report, each starting where the
last ended, so the sweep also moves through every starting position on a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData
from msgdesk.reports import appendix_pdf
from msgdesk.reports.fonts import register_fonts, wrap
from tests.pdftext import words as pdf_words


@dataclass(frozen=True)
class Style:
    """A cell's font, size and line height (points), as the templates set them."""

    fontName: str
    fontSize: float
    leading: float


def content_width() -> float:
    return appendix_pdf.CONTENT_WIDTH


def content_height() -> float:
    return 595.28 - (21 + 16) * 72 / 25.4  # A4 landscape less the top and bottom margins (page.typ)


CELL = Style("DejaVuSans", 9, 11.25)

PAGES = 3.2  # the longest text in each sweep, in pages of that cell


def _token(tag: str, length: int, i: int) -> str:
    return f"{tag}{length:04d}q{i:04d}"


def _text(tag: str, length: int, count: int) -> str:
    return " ".join(_token(tag, length, i) for i in range(count))


def words_per_line(width: float, style, tag: str = "e") -> int:
    """How many sweep words fit on one line of a cell ``width`` points wide (inner)."""
    lines = wrap(_text(tag, 9999, 400), style.fontName, style.fontSize, width)
    return len(lines[0].split())


def sweep(width: float, style, tag: str) -> list[int]:
    """Word counts from 0 to more than PAGES pages of the cell, one line apart."""
    step = words_per_line(width, style, tag)
    lines = int(PAGES * content_height() / style.leading) + 2
    return [k * step for k in range(lines + 1)]


def assert_all_printed(pdf: bytes, tag: str, counts: list[int]) -> None:
    """Every word of every swept text is in the PDF's text, in order; so is the last one."""
    tokens = [t for t in pdf_words(pdf) if re.match(rf"{re.escape(tag)}\d", t)]
    found: dict[int, list[int]] = {}
    pattern = re.compile(rf"{re.escape(tag)}(\d{{4}})q(\d{{4}})$")
    for token in tokens:
        match = pattern.match(token)
        assert match, f"a word was broken or joined: {token!r}"
        found.setdefault(int(match[1]), []).append(int(match[2]))
    for count in counts:
        assert found.get(count, []) == list(range(count)), f"{tag}: a text of {count} words is not printed whole"
        if count:
            assert _token(tag, count, count - 1) in tokens  # its last word


def _appendix_documents(counts: list[int], make) -> list[bytes]:
    """Appendices with one swept length per proposal (22 per document)."""
    from msgdesk.domain.template import load_template

    proposals = load_template().local_proposals
    pdfs = []
    for start in range(0, len(counts), len(proposals)):
        data = ReturnData("Sweep HSCP", "2021", completed_on=date(2021, 5, 3))
        for proposal, count in zip(proposals, counts[start:start + len(proposals)], strict=False):
            data.responses.append(make(proposal.id, count))
        pdfs.append(appendix_pdf.render(data))
    return pdfs


INNER = 8  # the grid's left and right padding


def _action_widths() -> list[float]:
    rest = content_width() - appendix_pdf.LABEL_WIDTH
    return [rest * 0.42 - INNER, rest * 0.36 - INNER, rest * 0.22 - INNER]


def test_evidence_of_every_length_prints_whole():
    register_fonts()
    counts = sweep(content_width() - appendix_pdf.LABEL_WIDTH - INNER, CELL, "e")
    assert len(counts) > 3 * content_height() / CELL.leading  # more than three pages of lines
    pdfs = _appendix_documents(counts, lambda pid, n: ResponseData(pid, "established", evidence=_text("e", n, n)))
    for pdf_index, pdf in enumerate(pdfs):
        assert_all_printed(pdf, "e", counts[pdf_index * 22:(pdf_index + 1) * 22])


@pytest.mark.parametrize("cell", ["action", "delivery", "timescale"])
def test_each_action_cell_of_every_length_prints_whole(cell):
    register_fonts()
    column = ("action", "delivery", "timescale").index(cell)
    tag = cell[0]
    counts = sweep(_action_widths()[column], CELL, tag)

    def response(pid: str, n: int) -> ResponseData:
        values = {"action": "Short action", "delivery": "Short delivery", "timescale": "December 2022"}
        values[cell] = _text(tag, n, n)
        return ResponseData(pid, "established", evidence="Evidence.", actions=[
            ActionData("First action", timescale="Ongoing"),
            ActionData(values["action"], values["delivery"], values["timescale"], lead="Head of Service"),
            ActionData("Last action", "Its delivery", "March 2023")])

    for pdf_index, pdf in enumerate(_appendix_documents(counts, response)):
        assert_all_printed(pdf, tag, counts[pdf_index * 22:(pdf_index + 1) * 22])
        assert pdf_words(pdf).count("Last") == min(22, len(counts) - pdf_index * 22)  # the action after it too


def test_three_long_action_cells_cut_in_step_print_whole():
    """All three cells of one action long at once, of different lengths."""
    register_fonts()
    widths = _action_widths()
    counts = sweep(widths[0], CELL, "a")

    def response(pid: str, n: int) -> ResponseData:
        return ResponseData(pid, "established", actions=[
            ActionData(_text("a", n, n), _text("d", n, n * 3 // 4), _text("t", n, n // 3), lead=_text("l", n, 5))])

    pdfs = _appendix_documents(counts, response)
    for pdf_index, pdf in enumerate(pdfs):
        batch = counts[pdf_index * 22:(pdf_index + 1) * 22]
        printed = pdf_words(pdf)
        for tag in "adt":
            tokens = [re.fullmatch(rf"{tag}(\d{{4}})q(\d{{4}})", t) for t in printed]
            for n in batch:
                got = [int(m[2]) for m in tokens if m and int(m[1]) == n]
                assert got == list(range(n * 3 // 4 if tag == "d" else n // 3 if tag == "t" else n)), (tag, n)


# --- the progress report ------------------------------------------------------------------


def _report_pdf(workspace, actions: list[ActionData], updates: dict[int, str] | None = None) -> bytes:
    from msgdesk.domain.template import load_template
    from msgdesk.reports.progress_pdf import render
    from msgdesk.tracker.report import build_report

    proposals = load_template().local_proposals
    data = ReturnData("Sweep HSCP", "2021", completed_on=date(2021, 5, 3))
    for index, proposal in enumerate(proposals):
        data.responses.append(ResponseData(proposal.id, "established", actions=actions[index::len(proposals)]))
    info = workspace.rounds.import_return(data)
    if updates:
        rows = {r.text: r for r in workspace.tracking.rows(info.id)}
        for number, text in updates.items():
            workspace.tracking.record_progress(rows[f"Action {number}"].action_id, text, on_date=date(2021, 6, 1),
                                    today=date(2021, 6, 1))
    return render(build_report(workspace, info.id, date(2021, 7, 1)))


def _report_widths() -> dict[str, float]:
    from msgdesk.reports.progress_pdf import ITEM_COLUMNS, _widths

    return {title: width - 6 for (title, _), width in zip(ITEM_COLUMNS, _widths(), strict=False)}


def _report_style():
    from msgdesk.reports.progress_pdf import FONT_SIZE, LEADING

    return Style("DejaVuSans", FONT_SIZE, LEADING)


@pytest.mark.parametrize("cell", ["Action", "How we will deliver"])
def test_progress_report_prints_every_length_whole(workspace, cell):
    register_fonts()
    tag = "a" if cell == "Action" else "d"
    counts = sweep(_report_widths()[cell], _report_style(), tag)
    actions = [ActionData(_text(tag, n, n) if tag == "a" else f"Action {n}",
                          _text(tag, n, n) if tag == "d" else "Short delivery", "December 2022")
               for n in counts]
    assert_all_printed(_report_pdf(workspace, actions), tag, counts)


def test_progress_report_prints_every_length_of_latest_update_whole(workspace):
    register_fonts()
    counts = sweep(_report_widths()["Latest update"], _report_style(), "u")
    actions = [ActionData(f"Action {n}", "", "December 2022") for n in counts]
    pdf = _report_pdf(workspace, actions, {n: _text("u", n, n) for n in counts if n})
    assert_all_printed(pdf, "u", [n for n in counts if n])


def test_cover_and_summary_text_of_any_length_print_whole():
    """The contact (a cover cell) and the partnership's name (in the summary heading)
    are user text too."""
    register_fonts()
    contact = _text("c", 2500, 2500)
    name = "Long Partnership " + _text("p", 1, 400)
    pdf = appendix_pdf.render(ReturnData(name, "2021", contact=contact))
    assert_all_printed(pdf, "c", [2500])
    printed = set(pdf_words(pdf))
    for i in range(400):
        assert _token("p", 1, i) in printed  # on the cover
        assert _token("p", 1, i).upper() in printed  # and in the summary's heading, in capitals
