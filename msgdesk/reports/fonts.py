"""The bundled Unicode font family for PDF reports.

DejaVu Sans (``resources/fonts/``, licence in ``LICENSE-DejaVu.txt``) covers
Gaelic and other accented Latin letters, curly quotes, dashes, ticks (✓) and
markers (○ ●), so a report prints the same on any machine.

Usage::

    from msgdesk.reports.fonts import register_fonts
    fonts = register_fonts()          # cheap after the first call
    style = ParagraphStyle("x", fontName=fonts.regular)
    # <b>…</b> and <i>…</i> in Paragraph markup pick fonts.bold / fonts.italic

Fonts are parsed once per process on first use (about 0.1 s), never at import.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from msgdesk.paths import resource_path

FAMILY = "DejaVuSans"

_FILES = {
    "regular": ("DejaVuSans", "DejaVuSans.ttf"),
    "bold": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
}


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


#: The regular face's registered name (valid once :func:`register_fonts` has run).
REGULAR_FONT = _FILES["regular"][0]

_lock = threading.Lock()
_fonts: Fonts | None = None


class FontError(RuntimeError):
    """The bundled fonts are missing or unreadable (a broken installation)."""


def register_fonts() -> Fonts:
    """Register DejaVu Sans regular, bold and oblique as one family; return the names.

    Thread-safe and idempotent: the TTF files are read only on the first call.
    Bold oblique is mapped to bold (not shipped).
    """
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is not None:
            return _fonts
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.values():
            if name in registered:
                continue
            path = resource_path("fonts", filename)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # missing file, truncated file, ...
                raise FontError(f"cannot load the report font {path}: {exc}") from exc
        _fix_to_unicode()
        regular, bold, italic = (_FILES[k][0] for k in ("regular", "bold", "italic"))
        pdfmetrics.registerFontFamily(FAMILY, normal=regular, bold=bold, italic=italic, boldItalic=bold)
        _fonts = Fonts(family=FAMILY, regular=regular, bold=bold, italic=italic, bold_italic=bold)
        return _fonts


def _fix_to_unicode() -> None:
    """Make text extraction and screen readers get characters beyond U+FFFF right.

    A PDF's ToUnicode map gives each glyph its text as UTF-16BE; reportlab writes the
    code point in hex, so "😀" (U+1F600, which DejaVu Sans draws) would read back as
    "ὠ0".  This writes the surrogate pair instead, for every font reportlab embeds.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_msgdesk_utf16", False):
        return

    def make_to_unicode_cmap(fontname, subset):
        cmap = original(fontname, subset)
        for index, value in enumerate(subset):
            if value > 0xFFFF:
                utf16 = chr(value).encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{index:02X}> <{value:04X}>", f"<{index:02X}> <{utf16}>", 1)
        return cmap

    make_to_unicode_cmap._msgdesk_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


# --- characters the fonts lack ------------------------------------------------------------

#: Shown for a character no bundled font can draw: visible, never a silent gap.
REPLACEMENT = "\ufffd"

_coverage: dict[str, frozenset[int]] = {}
_printable_cache: dict[tuple[str, str], str] = {}


def coverage(font_name: str) -> frozenset[int]:
    """The code points ``font_name`` (a registered TrueType font) has glyphs for."""
    found = _coverage.get(font_name)
    if found is None:
        from reportlab.pdfbase.pdfmetrics import getFont

        face = getattr(getFont(font_name), "face", None)
        found = frozenset(getattr(face, "charToGlyph", None) or range(32, 256))
        _coverage[font_name] = found
    return found


def _is_invisible(char: str) -> bool:
    """Format characters with no glyph of their own (joiners, variation selectors, tag
    characters, direction marks, zero-width spaces): nothing is lost by not drawing them."""
    import unicodedata

    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


def printable(text: str, font_name: str) -> str:
    """``text`` with every character ``font_name`` cannot draw replaced by one it can.

    A character the font lacks is drawn as its compatibility equivalent when the
    font has that (fullwidth "＝" as "=", "ℌ" as "H"), else as U+FFFD "�", so a reader
    sees that something was there.  Invisible format characters (joiners, variation
    selectors, emoji tag sequences) are left out.  Text is composed first (NFC), so a
    letter typed with a separate accent prints as the accented letter.
    """
    import unicodedata

    covered = coverage(font_name)
    if all(ord(c) in covered for c in text):
        return text
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for char in text:
        if ord(char) in covered or char in "\n\t":
            out.append(char)
            continue
        key = (char, font_name)
        replacement = _printable_cache.get(key)
        if replacement is None:
            if _is_invisible(char):
                replacement = ""
            else:
                equivalent = unicodedata.normalize("NFKC", char)
                if equivalent != char and equivalent.strip() and all(ord(c) in covered for c in equivalent):
                    replacement = equivalent
                else:
                    replacement = REPLACEMENT if ord(REPLACEMENT) in covered else "?"
            _printable_cache[key] = replacement
        out.append(replacement)
    return "".join(out)
