"""The bundled Unicode font family for the printed reports, and what it can draw.

DejaVu Sans (``resources/fonts/``, licence in ``LICENSE-DejaVu.txt``) covers Gaelic and
other accented Latin letters, curly quotes, dashes, ticks (✓) and markers (○ ●), so a
report prints the same on any machine: typst is given this folder only
(:mod:`msgdesk.reports.typeset`), never the system's fonts.

A character no bundled face has would print as an empty box (typst's "tofu") with only
a warning; :func:`printable` replaces it beforehand, in Python, with an equivalent the
font has or with "�", so a reader sees that something was there.  The faces' character
maps are read straight from the TrueType files (the ``cmap`` table, formats 4 and 12),
once per process, and their advance widths (``hmtx``) for tests and sweeps that need to
know how much text fills a line.
"""

from __future__ import annotations

import struct
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from msgdesk.paths import resource_path

FAMILY = "DejaVu Sans"

_FILES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
}

#: Shown for a character no bundled font can draw: visible, never a silent gap.
REPLACEMENT = "\ufffd"


class FontError(RuntimeError):
    """The bundled fonts are missing or unreadable (a broken installation)."""


@dataclass(frozen=True)
class Fonts:
    """The bundled faces, by the names :func:`coverage` and :func:`text_width` take."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


@dataclass(frozen=True)
class _Face:
    units_per_em: int
    glyph_of: dict[int, int]  # code point -> glyph id
    advances: tuple[int, ...]  # glyph id -> advance width in font units
    covered: frozenset[int]  # glyph_of's code points, for a check of a whole string at C speed


_lock = threading.Lock()
_faces: dict[str, _Face] = {}
_printable_cache: dict[tuple[str, str], str] = {}


def font_folder() -> Path:
    """The folder of the bundled fonts (the only one typst is given)."""
    return resource_path("fonts")


def register_fonts() -> Fonts:
    """The bundled faces' names (checks that their files can be read)."""
    for name in _FILES:
        _face(name)
    return Fonts(family=FAMILY, regular="DejaVuSans", bold="DejaVuSans-Bold", italic="DejaVuSans-Oblique",
                 bold_italic="DejaVuSans-Bold")


def coverage(font_name: str = "DejaVuSans") -> frozenset[int]:
    """The code points ``font_name`` has glyphs for."""
    return frozenset(_face(font_name).glyph_of)


def text_width(text: str, font_name: str, size: float) -> float:
    """The width of ``text`` on one line in points (no kerning: an upper bound in practice)."""
    face = _face(font_name)
    units = sum(face.advances[min(face.glyph_of.get(ord(c), 0), len(face.advances) - 1)] for c in text)
    return units * size / face.units_per_em


def wrap(text: str, font_name: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines of at most ``width`` points, between words (a word wider
    than a line is broken where it must be): an estimate of what typst prints."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, font_name, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, font_name, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], font_name, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _is_invisible(char: str) -> bool:
    """Format characters with no glyph of their own (joiners, variation selectors, tag
    characters, direction marks, zero-width spaces): nothing is lost by not drawing them."""
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


def printable(text: str, font_name: str = "DejaVuSans") -> str:
    """``text`` with every character ``font_name`` cannot draw replaced by one it can.

    A character the font lacks is drawn as its compatibility equivalent when the font has
    that (fullwidth "＝" as "=", "ℌ" as "H"), else as U+FFFD "�".  Invisible format
    characters (joiners, variation selectors, emoji tag sequences) are left out.  Text is
    composed first (NFC), so a letter typed with a separate accent prints as one letter.
    """
    face = _face(font_name)
    if face.covered.issuperset(map(ord, text)):  # nearly every string: a third of prepare's time as a loop
        return text
    covered = face.glyph_of
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


# --- reading the TrueType files ---------------------------------------------------------------


def _face(name: str) -> _Face:
    face = _faces.get(name)
    if face is not None:
        return face
    with _lock:
        if name not in _faces:
            if name not in _FILES:
                raise FontError(f"no bundled font named {name!r}")
            path = font_folder() / _FILES[name]
            try:
                _faces[name] = _read_face(path.read_bytes())
            except (OSError, struct.error, KeyError, ValueError) as exc:
                raise FontError(f"cannot load the report font {path}: {exc}") from exc
        return _faces[name]


def _read_face(data: bytes) -> _Face:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = (offset, length)
    head = tables["head"][0]
    units_per_em = struct.unpack_from(">H", data, head + 18)[0]
    hhea = tables["hhea"][0]
    metrics = struct.unpack_from(">H", data, hhea + 34)[0]
    hmtx = tables["hmtx"][0]
    advances = tuple(struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metrics))
    glyph_of = _read_cmap(data, tables["cmap"][0])
    return _Face(units_per_em, glyph_of, advances, frozenset(glyph_of))


def _read_cmap(data: bytes, cmap: int) -> dict[int, int]:
    """The Unicode subtable: format 12 (whole Unicode) if the font has one, else format 4."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            subtables[12] = cmap + offset
        elif (platform, encoding) in ((3, 1), (0, 3)) and fmt == 4:
            subtables.setdefault(4, cmap + offset)
    glyphs: dict[int, int] = {}
    if 12 in subtables:
        at = subtables[12]
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            for code in range(start, end + 1):
                glyphs[code] = glyph + code - start
        return glyphs
    at = subtables[4]
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for s in range(segments):
        for code in range(starts[s], ends[s] + 1):
            if code == 0xFFFF:
                continue
            if offsets[s] == 0:
                glyph = (code + deltas[s]) & 0xFFFF
            else:
                where = range_at + 2 * s + offsets[s] + 2 * (code - starts[s])
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs
