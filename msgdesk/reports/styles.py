"""Shared look of the PDF reports: paragraph styles and colours, built once.

``styles()`` returns the same :class:`Styles` object on every call (creating
ParagraphStyles per cell is slow), after registering the fonts.  Styles are
shared; never modify them — derive a new one with ``ParagraphStyle(name, parent=…)``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from msgdesk.reports.fonts import register_fonts

#: Table colours, close to the official template's grey shading.
GRID = colors.HexColor("#5f6b73")
SHADE = colors.HexColor("#d9dee2")  # header rows and label columns
SECTION = colors.HexColor("#b9c3cb")  # key feature section rows
CHOSEN = colors.HexColor("#c6e0b4")  # the chosen rating's column / cell
NATIONAL = colors.HexColor("#eeeeee")
MUTED = colors.HexColor("#555555")
DRAFT_RED = colors.HexColor("#b00020")

BODY_SIZE = 9


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_header: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_small: ParagraphStyle
    descriptor: ParagraphStyle
    mark: ParagraphStyle
    mark_words: ParagraphStyle
    cell_muted_center: ParagraphStyle
    draft: ParagraphStyle


_lock = threading.Lock()
_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is not None:
        return _styles
    with _lock:
        if _styles is None:
            _styles = _build()
        return _styles


def _build() -> Styles:
    f = register_fonts()
    body = ParagraphStyle("msg-body", fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.25,
                          alignment=TA_LEFT, spaceAfter=4, splitLongWords=1)
    cell = ParagraphStyle("msg-cell", parent=body, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("msg-title", parent=body, fontName=f.bold, fontSize=14, leading=18, spaceAfter=6),
        subtitle=ParagraphStyle("msg-subtitle", parent=body, fontName=f.bold, fontSize=11, leading=14, spaceAfter=6),
        heading=ParagraphStyle("msg-heading", parent=body, fontName=f.bold, fontSize=11, leading=14,
                               spaceBefore=6, spaceAfter=4, keepWithNext=1),
        body=body,
        small=ParagraphStyle("msg-small", parent=body, fontSize=7.5, leading=9.5),
        muted=ParagraphStyle("msg-muted", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("msg-cell-bold", parent=cell, fontName=f.bold),
        cell_center=ParagraphStyle("msg-cell-center", parent=cell, alignment=TA_CENTER),
        cell_header=ParagraphStyle("msg-cell-header", parent=cell, fontName=f.bold, alignment=TA_CENTER),
        cell_small=ParagraphStyle("msg-cell-small", parent=cell, fontSize=7.5, leading=9.5),
        cell_muted=ParagraphStyle("msg-cell-muted", parent=cell, fontName=f.italic, textColor=MUTED),
        descriptor=ParagraphStyle("msg-descriptor", parent=cell, fontSize=8.5, leading=10.5),
        mark=ParagraphStyle("msg-mark", parent=cell, fontName=f.bold, fontSize=12, leading=13, alignment=TA_CENTER),
        mark_words=ParagraphStyle("msg-mark-words", parent=cell, fontSize=7, leading=7.5, alignment=TA_CENTER),
        cell_muted_center=ParagraphStyle("msg-cell-muted-center", parent=cell, fontName=f.italic, textColor=MUTED,
                                         fontSize=7.5, leading=9.5, alignment=TA_CENTER),
        draft=ParagraphStyle("msg-draft", parent=cell, textColor=DRAFT_RED),
    )
