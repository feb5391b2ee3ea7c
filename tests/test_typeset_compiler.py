"""typst's compiler is kept for the whole process (msgdesk.reports.typeset): one report
never shows another's data, the same report comes out the same bytes again, memory stays
flat over hundreds of reports, and the directions log's running titles, numbered by the
log itself rather than by a counter read in context, name the right direction on every
page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from msgdesk.directions.file import read_directions_file
from msgdesk.directions.log import read_log
from msgdesk.reports import typeset
from msgdesk.reports.directions_log_pdf import TEMPLATE, document, render
from tests.conftest import ROOT
from tests.pdftext import pdf_text

EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"
P = "North Ayrshire Health and Social Care Partnership"
DAY = date(2026, 12, 1)
WHEN = 1_700_000_000  # a fixed creation time: otherwise every PDF carries the second it was written


@pytest.fixture
def example_log(workspace):
    workspace.directions.import_file(read_directions_file(EXAMPLE, today=DAY))
    return read_log(workspace, P, DAY)


def _pdf(data: dict) -> bytes:
    pdf = typeset._compile(TEMPLATE, data, "directions log", format="pdf", pdf_standards=["ua-1"], timestamp=WHEN)
    assert isinstance(pdf, bytes)
    return pdf


def _renamed(data: dict, name: str) -> dict:
    return {**data, "partnership": name, "page": {**data["page"], "header_left": name}}


def test_one_compiler_serves_every_report_and_each_comes_out_the_same_again(example_log):
    """A, then B, then A again: the second A is the first byte for byte (nothing of B is
    left in the compiler), and B names only its own partnership."""
    data = document(example_log)
    first = _pdf(_renamed(data, "Alpha Partnership"))
    other = _pdf(_renamed(data, "Bravo Partnership"))
    again = _pdf(_renamed(data, "Alpha Partnership"))
    assert first == again
    assert first != other
    text = pdf_text(other)
    assert "Bravo Partnership" in text and "Alpha Partnership" not in text
    root = str(typeset.templates_folder())
    assert typeset._compiler(root) is typeset._compiler(root)


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/statm"), reason="reads Linux's /proc")
def test_memory_stays_flat_over_200_reports_of_different_data(example_log):
    """typst memoises layout between compiles and evicts it by age: 200 logs, each with
    other text on every page, leave the process no bigger after the 200th than after the
    50th (give or take what the allocator keeps)."""
    data = document(example_log)
    data = {**data, "directions": data["directions"][:1], "overdue": None}
    sizes = []
    for n in range(200):
        heading = f"Log {n} " + "x" * (n % 40)
        typeset.compile_pdf(TEMPLATE, _renamed(data, heading), report="directions log")
        if n in (49, 199):
            sizes.append(_rss_mb())
    assert sizes[1] - sizes[0] < 16, f"resident memory grew from {sizes[0]:.0f} MB to {sizes[1]:.0f} MB"


def _pages(pdf: bytes) -> list[str]:
    pages = pdf_text(pdf, layout=True).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@pytest.mark.parametrize("words", [5, 400, 1500])
def test_the_running_title_names_the_direction_each_page_starts_or_continues(example_log, words):
    """Swept over the length of every direction's text (one to several pages each): the
    header's right-hand second line is the first direction that starts on the page, else
    the one it continues, "(continued)"."""
    data = document(example_log)
    filler = " ".join(f"w{n % 89}" for n in range(words))
    for d in data["directions"]:
        for row in d["fields"]["rows"]:
            if row["cells"][0]["lines"] == ["What is to be delivered"]:
                row["cells"][1]["lines"] = [filler]
    pages = _pages(_pdf(data))
    refs = [d["reference"] for d in data["directions"]]
    heading = re.compile(r"^\s*(" + "|".join(re.escape(r) for r in refs) + r") \u2013 ", re.M)
    current = None
    checked = 0
    for number, page in enumerate(pages, 1):
        header = page.split("\n")[:3]
        started = heading.findall(page)
        if number == 1:  # the log's title starts page 1, and its running title is empty
            current = started[-1] if started else None
            continue
        if started:
            expected = started[0]
        elif current is not None:
            expected = f"{current} (continued)"
        else:
            continue
        assert any(line.rstrip().endswith(expected) for line in header), (number, expected, header)
        current = started[-1] if started else current
        checked += 1
    assert checked >= len(pages) - 2  # every page but the title's (and the summary's, if it has no direction)


def test_the_log_prints_as_before_at_every_size(example_log):
    """Nought, one and all of the example's directions lay out (the numbering of running
    titles starts at the title and follows the directions, whatever their count)."""
    data = document(example_log)
    for count in (0, 1, len(data["directions"])):
        pdf = render_of(data, count)
        assert pdf.startswith(b"%PDF")
        text = " ".join(pdf_text(pdf).split())
        for d in data["directions"][:count]:
            assert d["heading"] in text


def render_of(data: dict, count: int) -> bytes:
    return _pdf({**data, "directions": data["directions"][:count]})


def test_render_is_the_compiled_document(example_log):
    """render() goes through the same compiler: its PDF has the log's pages."""
    assert len(_pages(render(example_log))) == len(_pages(_pdf(document(example_log))))
