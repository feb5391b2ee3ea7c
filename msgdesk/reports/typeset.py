"""Every printed report comes from one engine: typst, with PDF/UA-1 (accessible, tagged PDF).

Layout lives in typst templates under ``resources/typst/`` (readable without knowing
Python); Python prepares plain data and passes it as one JSON document in
``sys.inputs.data``, which a template reads with ``json(bytes(sys.inputs.data))``.  User
text is therefore data, never markup: a partnership named ``#read("/etc/passwd")`` prints
those characters and reads no file.  The compiler's root is the templates' folder, so a
template cannot read outside it either, and it is given the bundled DejaVu fonts only
(not the system's, nor typst's own), so a report prints the same on every machine.

Before the data is handed over, every string is cleaned (:func:`msgdesk.reports.text.clean`:
control characters dropped, newlines normalised) and made printable
(:func:`msgdesk.reports.fonts.printable`: a character the fonts lack becomes an
equivalent or "�", never an empty box).

    pdf = compile_pdf("appendix.typ", {"meta": ..., "page": ..., ...}, report="committee appendix")
    pages = compile_png("appendix.typ", data, ppi=96)   # the print preview's page images
"""

from __future__ import annotations

import json
import re
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgdesk.domain.errors import MsgdeskError
from msgdesk.paths import resource_path
from msgdesk.reports.fonts import font_folder, printable, register_fonts, text_width
from msgdesk.reports.text import clean

Progress = Callable[[int, int], None]

#: A4 landscape less the side margins (page.typ), in points.
CONTENT_WIDTH = 841.89 - 2 * 14 * 72 / 25.4

#: What every page shows around the content unless a report says otherwise.
DRAFT_NOTE = "DRAFT \u2013 not yet approved by the Integration Joint Board"


@dataclass(frozen=True)
class PageSetup:
    """What every page shows around the content."""

    header_left: str
    header_right: str = ""
    header_sub: str = ""
    footer_left: str = ""
    draft: bool = False
    draft_note: str = DRAFT_NOTE

    def as_data(self) -> dict[str, Any]:
        # Each running line is one line, shortened with "…" to its share of the width (as
        # page.typ sets them): a header that wrapped would push the page's text down and
        # put the section's name on a third line.
        span = CONTENT_WIDTH
        return {"header_left": fit(self.header_left, "DejaVuSans-Bold", 9.5, span * 0.65),
                "header_right": fit(self.header_right, "DejaVuSans-Bold", 10, span * 0.3),
                "header_sub": fit(self.header_sub, "DejaVuSans", 8, span * 0.4),
                "footer_left": fit(self.footer_left, "DejaVuSans", 7, span * 0.42),
                "draft": self.draft, "draft_note": fit(self.draft_note, "DejaVuSans-Bold", 7.5, span * 0.36)}


@dataclass(frozen=True)
class PdfInfo:
    """PDF document properties (the title is shown in a reader's window title)."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    creator: str = "msgdesk"

    def as_data(self) -> dict[str, Any]:
        return {"title": _one_line(self.title), "author": _one_line(self.author),
                "subject": _one_line(self.subject), "keywords": [_one_line(k) for k in self.keywords]}


class ReportLayoutError(MsgdeskError):
    """typst could not lay out a report (a defect in a template, not in the user's text:
    user text is data, and every length of it lays out)."""

    def __init__(self, report: str, detail: str = "") -> None:
        super().__init__(f"The {report} could not be laid out, so nothing was written"
                         + (f" ({detail})" if detail else ""))
        self.report = report
        self.where = ""


def templates_folder() -> Path:
    """The folder of the typst templates: the compiler's root (nothing outside it is readable)."""
    return resource_path("typst")


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _fonts() -> Any:
    """The bundled fonts, parsed once per process (typst's font book)."""
    import typst

    register_fonts()  # a clear FontError if a file is missing
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_folder())])


@lru_cache(maxsize=4)
def _compiler(root: str) -> Any:
    """A typst compiler for the templates in ``root``, one per process: it keeps the world
    (the font book, the parsed templates) from one report to the next, where
    ``typst.compile`` built a new one each time.  typst evicts what it memoised by age, so
    memory stays flat over hundreds of reports (tests/test_typeset_compiler.py).  Keyed by
    the folder: tests point :func:`templates_folder` elsewhere."""
    import typst

    return typst.Compiler(root=root, font_paths=_fonts(), ignore_system_fonts=True)


#: A run of more than this many characters with nowhere to break a line (no space, "/" or
#: "-") gets break opportunities (U+200B, which prints as nothing) every BREAK_EVERY
#: characters: typst never breaks inside a word by itself, and a 20,000-character "word"
#: would run off the page.  Only such runs: U+200B would sit inside an ordinary word or a
#: web address when a reader searches or copies it.
LONG_WORD = 30
BREAK_EVERY = 10
_LONG_WORD = re.compile(rf"[^\s/\-]{{{LONG_WORD + 1},}}")


def _breakable(match: re.Match[str]) -> str:
    word = match.group(0)
    return "\u200b".join(word[i:i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY))


def prepare(value: Any) -> Any:
    """``value`` (dicts, lists, strings, numbers, None) with every string cleaned, made
    printable in the bundled fonts and breakable: what the templates receive."""
    # Exact types first: a log of 1,400 directions is a million values, and the abstract
    # Mapping check on each of them cost more than cleaning every string.
    kind = type(value)
    if kind is str:
        return _printable_text(value)
    if kind is dict:
        return {str(k): prepare(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [prepare(v) for v in value]
    if value is None or kind is bool or kind is int or kind is float:
        return value
    if isinstance(value, str):
        return _printable_text(value)
    if isinstance(value, Mapping):
        return {str(k): prepare(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [prepare(v) for v in value]
    return value


def _printable_text(text: str) -> str:
    return _LONG_WORD.sub(_breakable, printable(clean(text)))


def _compile(template: str, data: Mapping[str, Any], report: str, **options: Any) -> Any:
    payload = json.dumps(prepare(data), ensure_ascii=False)
    root = templates_folder()
    try:
        with warnings.catch_warnings():
            # typst warns of nothing we print on purpose; a warning is not a failure
            warnings.simplefilter("ignore")
            # One compile at a time: the compiler object is shared (it keeps the parsed
            # templates and fonts), and the window may export from a worker thread while
            # previewing.
            with _lock:
                return _compiler(str(root)).compile(input=str(root / template), sys_inputs={"data": payload},
                                                    **options)
    except RuntimeError as exc:  # typst.TypstError
        raise ReportLayoutError(report, str(getattr(exc, "message", exc))[:300]) from exc


def compile_pdf(template: str, data: Mapping[str, Any], *, report: str = "report") -> bytes:
    """The PDF (PDF/UA-1, tagged) of ``template`` filled with ``data``."""
    pdf = _compile(template, data, report, format="pdf", pdf_standards=["ua-1"])
    assert isinstance(pdf, bytes)
    return pdf


def compile_png(template: str, data: Mapping[str, Any], *, ppi: float = 96, report: str = "report") -> list[bytes]:
    """Each page of ``template`` filled with ``data`` as a PNG at ``ppi`` (the print preview)."""
    pages = _compile(template, data, report, format="png", ppi=ppi)
    return [pages] if isinstance(pages, bytes) else list(pages)


def compile_svg(template: str, data: Mapping[str, Any], *, report: str = "report") -> list[bytes]:
    """Each page of ``template`` filled with ``data`` as SVG (the print preview draws them at
    any zoom; typst writes all pages as SVG in a fraction of the time their PNGs take)."""
    pages = _compile(template, data, report, format="svg")
    return [pages] if isinstance(pages, bytes) else list(pages)


def paragraphs(text: str | None) -> list[str]:
    """User text as its non-blank lines, for a template's ``lines(...)``."""
    return [line.rstrip() for line in clean(text).split("\n") if line.strip()]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis to ``width`` points."""
    text = printable(_one_line(text))
    if text_width(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.3))]  # no glyph is narrower than 0.3 em
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())
