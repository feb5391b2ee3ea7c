"""The print preview's pages, drawn by Qt's SVG renderer from typst's SVG, against typst's own
PNGs of the same pages at the same resolution: every page of the committee appendix of North
Ayrshire (a draft round), of the same round approved with previous ratings, and of a return
of hostile text (markup-looking text, right-to-left script, emoji, Gaelic, a 20,000-character
word).  The appendix is the one document the preview shows (msgdesk.ui.dialogs.print_preview
is opened by File → Print preview… only).

How pages are compared: each picture is averaged over a sliding 5 x 5 pixel window (a box
blur of radius 2, under 4 points at 96 ppi: a letter's stem and its edges) and the largest
difference in any window and channel is the page's difference.  Pixel by pixel the two
renderers differ at every glyph's edge (anti-aliasing and positions rounded differently, up
to a quarter of a pixel: up to a twentieth of a dense page's pixels differ by more than a
quarter of the range on pages that look the same); an average over a few pixels cancels
that, since a shifted edge moves ink without adding or losing any, and keeps what the eye
sees.  Measured (2026-12, typst 0.15.2, Qt 6.11, 72 to 192 ppi): the worst good page differs
by 33 (of 255); the watermark drawn black by 248, a word of four letters left out by 76
or more (``test_the_comparison_sees_...``).  The bound, 48, is half as much again as the
worst good page.  A single full stop of 7.5-point text left out (a dozen grey pixels) is
below what any such comparison separates from anti-aliasing; Qt draws every glyph the same
way (a ``<use>`` of the glyph's outline), so a glyph it could not draw would be every glyph.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter
from PySide6.QtGui import QImage

from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.reports import appendix_pdf
from msgdesk.rounds.return_file import read_return_file
from msgdesk.ui.dialogs.print_preview import PageImages, PageSource, PrintPreview, drawable
from tests.returns import EMOJI, GAELIC, MARKUP, hostile_return

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "north-ayrshire-2019.json"
#: The window pictures are averaged over (a box blur's radius: 5 x 5 pixels).
WINDOW = 2
#: The largest difference allowed between Qt's and typst's averages, anywhere on a page.
MOST = 48
RTL = "مرحبا بالعالم — שלום עולם"


def _north_ayrshire() -> ReturnData:
    return read_return_file(EXAMPLE)


def _approved() -> ReturnData:
    data = _north_ayrshire()
    responses = [r.replace(previous_rating=RATINGS[i % 4]) for i, r in enumerate(data.responses)]
    return data.replace(status="approved", ijb_meeting_date=date(2019, 5, 16),
                               minute_reference="IJB 16/05/2019 item 9", responses=responses)


def _hostile() -> ReturnData:
    data = hostile_return()
    data.responses.append(ResponseData("2.1", "established", evidence="\n".join([RTL, GAELIC, EMOJI] + MARKUP),
                                       actions=[ActionData(RTL, GAELIC + " " + EMOJI, "<b>Q4</b>", lead=RTL)]))
    return data


DOCUMENTS = {"north-ayrshire (draft)": _north_ayrshire, "approved": _approved, "hostile": _hostile}


def picture(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombytes("RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
                           image.bytesPerLine())


def difference(qt: Image.Image, typst: Image.Image) -> int:
    """The largest difference (0-255, any channel) between the pictures averaged over WINDOW."""
    assert qt.size == typst.size
    blur = ImageFilter.BoxBlur(WINDOW)
    return max(high for _low, high in ImageChops.difference(qt.filter(blur), typst.filter(blur)).getextrema())


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    return {name: appendix_pdf.document(make(), label="Appendix 1") for name, make in DOCUMENTS.items()}


def _differences(qapp, document, ppi: int, svg: list[bytes] | None = None) -> list[int]:
    svg = svg if svg is not None else appendix_pdf.pages_svg(document)
    png = appendix_pdf.pages_png(document, ppi=ppi)
    pages = PageImages(lambda _dpi: png, lambda: svg)
    assert len(pages) == len(png)
    found = []
    for index, page in enumerate(png):
        found.append(difference(picture(pages.render(index, ppi)), Image.open(io.BytesIO(page)).convert("RGB")))
    return found


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_page_qt_draws_from_svg_is_the_page_typst_draws(qapp, documents, name):
    svg = appendix_pdf.pages_svg(documents[name])
    assert all(drawable(page) for page in svg)  # so the preview shows these, not typst's PNGs
    pages = PageImages(lambda _dpi: [], lambda: svg)
    assert pages.source is PageSource.SVG and pages.check_all()
    differences = _differences(qapp, documents[name], 96, svg)
    assert max(differences) <= MOST, [(n + 1, d) for n, d in enumerate(differences) if d > MOST]


@pytest.mark.parametrize("ppi", [72, 144, 192])  # zoomed out; 150% and 200% screens
def test_every_page_at_other_resolutions(qapp, documents, ppi):
    differences = _differences(qapp, documents["north-ayrshire (draft)"], ppi)
    assert max(differences) <= MOST, [(n + 1, d) for n, d in enumerate(differences) if d > MOST]


def _translucent(page: bytes) -> bytes:
    """The watermark as page.typ drew it before: draft red at 9%, which Qt draws black."""
    return page.replace(b'fill="#f8e8eb"', b'fill="#b0002017"')


def test_the_comparison_sees_the_watermark_drawn_black(qapp, documents):
    document = documents["north-ayrshire (draft)"]
    svg = [_translucent(page) for page in appendix_pdf.pages_svg(document)]
    assert not any(drawable(page) for page in svg)
    # drawn anyway (the check bypassed): every page is far off typst's
    pages = PageImages(lambda _dpi: [], lambda: svg)
    first = picture(pages._from_svg(0, 96))
    typst = Image.open(io.BytesIO(appendix_pdf.pages_png(document, ppi=96)[0])).convert("RGB")
    assert difference(first, typst) > 200


def test_the_comparison_sees_one_missing_word(qapp, documents):
    document = documents["north-ayrshire (draft)"]
    for number in (0, 5, 12):
        page = appendix_pdf.pages_svg(document)[number]
        typst = Image.open(io.BytesIO(appendix_pdf.pages_png(document, ppi=96)[number])).convert("RGB")
        uses = [m.start() for m in re.finditer(rb"<use ", page)]
        for at in range(0, len(uses) - 4, len(uses) // 7):
            # four glyphs of one line of text left out
            cut = page[:uses[at]] + page[page.index(b"/>", uses[at + 3]) + 2:]
            pages = PageImages(lambda _dpi: [], lambda cut=cut: [cut])
            assert difference(picture(pages.render(0, 96)), typst) > MOST, (number, at)


@pytest.mark.parametrize("feature", [
    b'<image width="10" height="10" xlink:href="data:image/png;base64,AAAA"/>', b"<text>x</text>",
    b'<linearGradient id="g"/>', b'<g clip-path="url(#c)"></g>', b'<path fill="url(#g)" d="M 0 0h 1"/>',
    b'<path opacity="0.5" d="M 0 0h 1"/>', b'<path fill-opacity="0.5" d="M 0 0h 1"/>',
    b'<path stroke="#00000080" d="M 0 0h 1"/>', b'<g style="fill: red"></g>', b"<mask id='m'/>",
])
def test_what_qt_may_draw_wrong_is_not_drawn_from_svg(qapp, documents, feature):
    page = appendix_pdf.pages_svg(documents["approved"])[0]
    assert drawable(page)
    assert not drawable(page.replace(b"</svg>", feature + b"</svg>"))


def test_a_page_qt_cannot_draw_turns_the_whole_preview_to_typsts_pngs(qtbot, documents):
    """The bad page far down: page 1 is shown from SVG, then the check of the other pages
    turns the preview to typst's PNGs, and the page shown is drawn again from them."""
    document = documents["north-ayrshire (draft)"]
    svg = appendix_pdf.pages_svg(document)
    svg[-1] = _translucent(svg[-1]) if b"#f8e8eb" in svg[-1] else svg[-1].replace(b"</svg>", b"<text>x</text></svg>")
    asked: list[int] = []

    def draw(ppi: int) -> list[bytes]:
        asked.append(ppi)
        return appendix_pdf.pages_png(document, ppi=ppi)

    preview = PrintPreview(PageImages(draw, lambda: svg), "fallback")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.pages.source is PageSource.PNG, timeout=5000)
    qtbot.waitUntil(lambda: preview.labels[0].pixmap() is not None and not preview.labels[0].pixmap().isNull(),
                    timeout=5000)
    assert asked  # typst's PNGs were drawn
    shown = picture(preview.labels[0].pixmap().toImage())
    expected = picture(preview.pages.print_image(0, preview._dpi() * preview.devicePixelRatioF()))
    assert ImageChops.difference(shown, expected).getbbox() is None  # the PNG, not the SVG, on screen
    preview.close()


def test_a_bad_first_page_is_never_shown_from_svg(qtbot, documents):
    document = documents["approved"]
    svg = appendix_pdf.pages_svg(document)
    svg[0] = svg[0].replace(b"</svg>", b'<path opacity="0.5" d="M 0 0h 1"/></svg>')
    preview = PrintPreview(PageImages(lambda ppi: appendix_pdf.pages_png(document, ppi=ppi), lambda: svg), "first")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.labels[0].pixmap() is not None and not preview.labels[0].pixmap().isNull(),
                    timeout=5000)
    assert preview.pages.source is PageSource.PNG
    shown = picture(preview.labels[0].pixmap().toImage())
    expected = picture(preview.pages.print_image(0, preview._dpi() * preview.devicePixelRatioF()))
    assert ImageChops.difference(shown, expected).getbbox() is None
    preview.close()
