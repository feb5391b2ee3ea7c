"""A fast, markup-free block of wrapped text for report tables.

:class:`TextBlock` is a platypus flowable for plain text: every character
prints literally (nothing is read as markup, so user text needs no escaping),
each line of the source is a paragraph, lines starting with a bullet ("• ",
"- ", "– ", ...) get a hanging indent, words longer than the width are broken,
and the block splits between lines, so a table row holding a 5,000-word cell can
run over several pages (``Table(..., splitInRow=1)``).

It is much cheaper than :class:`~reportlab.platypus.Paragraph`: the wrapped
lines are computed once per width (and cached across documents for repeated
text such as the template's descriptors), where reportlab re-wraps a
Paragraph every time a table measures, splits or draws it.

Use a ParagraphStyle for the look (``fontName``, ``fontSize``, ``leading``,
``textColor``, ``alignment`` left/centre/right, ``spaceBefore``/``spaceAfter``
around the block, by default also between its source paragraphs)::

    TextBlock(evidence, styles().cell)
    TextBlock(proposal.text, styles().cell, lead="1.1:")   # bold "1.1:" first
    TextBlock(evidence, styles().cell, paragraph_gap=1.5)  # a little air between lines

Use :class:`~reportlab.platypus.Paragraph` with
:func:`msgdesk.reports.text.markup` when a cell needs mixed formatting.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from msgdesk.reports.fonts import printable, register_fonts
from msgdesk.reports.text import clean

BULLET_STARTS = ("• ", "- ", "– ", "— ", "* ", "· ", "o ", "▪ ", "◦ ", "‣ ", "> ")

#: A wrapped line: (gap above, ((x offset, text, font name), ...), width, starts a paragraph)
Line = tuple[float, tuple[tuple[float, str, str], ...], float, bool]


class TextBlock(Flowable):
    """Plain text wrapped to the available width; see the module documentation."""

    def __init__(self, text: str | None, style: ParagraphStyle, *, lead: str = "", lead_font: str | None = None,
                 paragraph_gap: float | None = None,
                 _lines: tuple[Line, ...] | None = None, _width: float | None = None) -> None:
        super().__init__()
        self.text = text or ""
        self.style = style
        self.paragraph_gap = style.spaceAfter if paragraph_gap is None else paragraph_gap
        self.lead = lead
        self.lead_font = lead_font or _bold_of(style.fontName)
        self._lines = _lines
        self._lines_width = _width
        self.width = 0.0
        self.height = 0.0

    # platypus protocol ---------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is None or (self._lines_width != availWidth and not self._fits(availWidth)):
            self._lines = wrap_lines(self.text, self.style.fontName, self.style.fontSize, availWidth,
                                     self.paragraph_gap, self.lead, self.lead_font)
            self._lines_width = availWidth
        self.width = availWidth
        self.height = self._height(self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # Keep the lines already wrapped for drawing: a Table asks to split at its
        # column width but draws inside the cell padding.
        if self._lines is None:
            self.wrap(availWidth, availHeight)
        lines = self._lines or ()
        used = 0.0
        count = 0
        for gap, _segments, _w, _new in lines:
            step = (gap if count else 0.0) + self.style.leading
            if used + step > availHeight + 1e-6:
                break
            used += step
            count += 1
        if count == 0:
            return []
        if count >= len(lines):
            return [self]
        head_lines = tuple(lines[:count])
        gap, segments, width, new = lines[count]
        tail_lines = ((0.0, segments, width, new),) + tuple(lines[count + 1:])
        head = TextBlock(_text_of(head_lines, self.lead), self.style, lead=self.lead, lead_font=self.lead_font,
                         paragraph_gap=self.paragraph_gap, _lines=head_lines, _width=self._lines_width)
        tail = TextBlock(_text_of(tail_lines, ""), self.style, paragraph_gap=self.paragraph_gap,
                         _lines=tail_lines, _width=self._lines_width)
        return [head, tail]

    def draw(self) -> None:
        self.draw_at(self.canv, 0.0, self.height)

    def draw_at(self, canvas, x: float, top: float) -> None:
        """Draw the wrapped lines with the block's top left corner at (``x``, ``top``),
        without a coordinate transformation (what a table of many cells wants)."""
        style = self.style
        size = style.fontSize
        leading = style.leading
        canvas.setFillColor(style.textColor)
        # baseline of the first line, so the descenders of the last one stay inside
        y = top - size
        current_font = None
        first = True
        for gap, segments, line_width, _new in self._lines or ():
            if not first:
                y -= gap + leading
            first = False
            if style.alignment == TA_CENTER:
                shift = (self.width - line_width) / 2
            elif style.alignment == TA_RIGHT:
                shift = self.width - line_width
            else:
                shift = 0.0
            for dx, text, font in segments:
                if font != current_font:
                    canvas.setFont(font, size)
                    current_font = font
                canvas.drawString(x + shift + dx, y, text)

    # helpers ----------------------------------------------------------------------------

    def _height(self, lines) -> float:
        if not lines:
            return 0.0
        return sum(line[0] for line in lines[1:]) + len(lines) * self.style.leading

    def _fits(self, width: float) -> bool:
        """Lines wrapped for another width can be kept if none is wider than ``width``."""
        return self._lines is not None and all(line[2] <= width + 1e-6 for line in self._lines)

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore


def _bold_of(font_name: str) -> str:
    fonts = register_fonts()
    return fonts.bold if font_name in (fonts.regular, fonts.bold) else font_name


CACHE_TEXT_LIMIT = 4000  # characters; longer (user) texts are not kept in the cache


def wrap_lines(text: str, font: str, size: float, width: float, paragraph_gap: float = 0.0,
               lead: str = "", lead_font: str = "") -> tuple[Line, ...]:
    """Wrap ``text`` (plain, one paragraph per source line) into lines no wider than ``width``.

    A blank source line adds half a line of space before the next paragraph.
    ``lead`` (in ``lead_font``) starts the first line.  Short texts (the
    template's descriptors, labels) are cached, so they are wrapped once per process.
    """
    if len(text) <= CACHE_TEXT_LIMIT:
        return _wrap_cached(text, font, size, width, paragraph_gap, lead, lead_font)
    return _wrap(text, font, size, width, paragraph_gap, lead, lead_font)


@lru_cache(maxsize=4096)
def _wrap_cached(*args) -> tuple[Line, ...]:
    return _wrap(*args)


def _wrap(text: str, font: str, size: float, width: float, paragraph_gap: float,
          lead: str, lead_font: str) -> tuple[Line, ...]:
    measure = getFont(font).stringWidth
    space = measure(" ", size)
    result: list[Line] = []
    pending_lead = bool(lead)
    blank_gap = 0.0
    lead = printable(clean(lead), lead_font) if lead else lead
    for source in printable(clean(text), font).split("\n"):
        stripped = source.strip()
        if not stripped:
            blank_gap = size * 0.6 if result else 0.0
            continue
        gap = (paragraph_gap + blank_gap) if result else 0.0
        blank_gap = 0.0
        indent = measure(stripped[:2], size) if stripped.startswith(BULLET_STARTS) else 0.0
        prefix: tuple = ()
        start = 0.0
        if pending_lead:
            # the space is drawn too, so that copied text reads "1.1: All …"
            prefix = ((0.0, lead + " ", lead_font),)
            start = getFont(lead_font).stringWidth(lead + " ", size)
            pending_lead = False
        words: list[str] = []
        used = start
        new = True

        def emit() -> None:
            nonlocal gap, prefix, start, words, used, new
            line = " ".join(words)
            segments = prefix + (((start, line, font),) if line else ())
            result.append((gap, segments, start + measure(line, size) if line else used, new))
            gap, prefix, start, words, used, new = 0.0, (), indent, [], indent, False  # noqa: B023 - called in this pass only

        for word in stripped.split():
            w = measure(word, size)
            if used + (space + w if words else w) <= width + 1e-6:
                used += space + w if words else w
                words.append(word)
                continue
            if words or prefix:
                emit()
            if indent + w <= width + 1e-6:
                words, used = [word], indent + w
                continue
            for piece in _break_word(word, measure, size, max(width - indent, size)):
                if words:
                    emit()
                words, used = [piece], indent + measure(piece, size)
        if words or prefix:
            emit()
    if pending_lead:
        result.append((0.0, ((0.0, lead, lead_font),), getFont(lead_font).stringWidth(lead, size), True))
    return tuple(result)


def _text_of(lines: tuple[Line, ...], lead: str) -> str:
    """The text of some wrapped lines (for a fragment that must be wrapped again)."""
    parts: list[str] = []
    for index, (_gap, segments, _w, new) in enumerate(lines):
        texts = [t.strip() for i, (_dx, t, _f) in enumerate(segments) if not (lead and index == 0 and i == 0)]
        if parts:
            parts.append("\n" if new else " ")
        parts.append(" ".join(texts))
    return "".join(parts)


def _break_word(word: str, measure, size: float, width: float) -> list[str]:
    pieces = []
    current = ""
    current_width = 0.0
    for char in word:
        w = measure(char, size)
        if current and current_width + w > width:
            pieces.append(current)
            current, current_width = "", 0.0
        current += char
        current_width += w
    if current:
        pieces.append(current)
    return pieces
