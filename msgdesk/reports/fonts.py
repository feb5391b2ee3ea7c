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
        regular, bold, italic = (_FILES[k][0] for k in ("regular", "bold", "italic"))
        pdfmetrics.registerFontFamily(FAMILY, normal=regular, bold=bold, italic=italic, boldItalic=bold)
        _fonts = Fonts(family=FAMILY, regular=regular, bold=bold, italic=italic, bold_italic=bold)
        return _fonts
