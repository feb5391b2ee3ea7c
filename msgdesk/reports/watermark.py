"""A diagonal watermark ("DRAFT") drawn as vector shapes, not as text.

A watermark written with ``drawString`` is text: text extraction (pdftotext,
pdfplumber, copy and paste, screen readers) would mix its letters into the lines
it crosses ("arrangementRs").  Here the letters are the outlines of the bundled
DejaVu Sans Bold glyphs, read from the TrueType ``glyf`` table once and filled
as paths, so the watermark is seen but never read.

    draw_watermark(canvas, "DRAFT", x, y, size=150, angle=28, color=DRAFT_RED, alpha=0.07)
"""

from __future__ import annotations

import struct
import threading
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from msgdesk.paths import resource_path

FONT_FILE = "DejaVuSans-Bold.ttf"

#: A contour: points (x, y, on_curve) in font units.
Contour = tuple[tuple[int, int, bool], ...]

_lock = threading.Lock()


def draw_watermark(canvas: Canvas, text: str, x: float, y: float, *, size: float, angle: float,
                   color, alpha: float) -> None:
    """Fill ``text`` centred on (``x``, ``y``), rotated by ``angle`` degrees.
    Characters without a simple outline in the font are left as gaps."""
    glyphs, advance, units, cap_height = _shapes(text)
    if not glyphs:
        return
    scale = size / units
    canvas.saveState()
    canvas.setFillColor(color, alpha=alpha)
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.scale(scale, scale)
    canvas.translate(-advance / 2, -cap_height / 2)
    path = canvas.beginPath()
    for offset, contours in glyphs:
        for contour in contours:
            _trace(path, contour, offset)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=1)  # non-zero winding, as TrueType
    canvas.restoreState()


@lru_cache(maxsize=8)
def _shapes(text: str) -> tuple[tuple[tuple[int, tuple[Contour, ...]], ...], int, int, int]:
    """((x offset, contours) per character, total advance, units per em, cap height)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    with _lock:
        font = TTFontFile(str(resource_path("fonts", FONT_FILE)))
        glyf = font.get_table("glyf")
    glyphs = []
    x = 0
    cap_height = 0
    for char in text:
        glyph = font.charToGlyph.get(ord(char))
        if glyph is None:
            continue
        start, end = font.glyphPos[glyph], font.glyphPos[glyph + 1]
        contours = _contours(glyf[start:end]) if end > start else ()
        glyphs.append((x, contours))
        if contours:
            cap_height = max(cap_height, max(p[1] for c in contours for p in c))
        x += font.hmetrics[glyph][0]
    return tuple(glyphs), x, font.unitsPerEm, cap_height


def _contours(data: bytes) -> tuple[Contour, ...]:
    """Decode one simple TrueType glyph (composite glyphs give no contours)."""
    (count,) = struct.unpack(">h", data[:2])
    if count <= 0:
        return ()
    ends = struct.unpack(f">{count}H", data[10:10 + 2 * count])
    pos = 10 + 2 * count
    (instructions,) = struct.unpack(">H", data[pos:pos + 2])
    pos += 2 + instructions
    total = ends[-1] + 1
    flags: list[int] = []
    while len(flags) < total:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & 8:  # repeat
            flags.extend([flag] * data[pos])
            pos += 1
    flags = flags[:total]

    def coordinates(short: int, same: int) -> list[int]:
        nonlocal pos
        values, value = [], 0
        for flag in flags:
            if flag & short:
                delta = data[pos]
                pos += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                (delta,) = struct.unpack(">h", data[pos:pos + 2])
                pos += 2
                value += delta
            values.append(value)
        return values

    xs = coordinates(2, 16)
    ys = coordinates(4, 32)
    contours = []
    first = 0
    for end in ends:
        contours.append(tuple((xs[i], ys[i], bool(flags[i] & 1)) for i in range(first, end + 1)))
        first = end + 1
    return tuple(contours)


def _trace(path, contour: Contour, dx: int) -> None:
    """Add a contour of quadratic B-splines to ``path`` as lines and cubic curves."""
    # float: a midpoint between two off-curve points falls between font units
    points: list[tuple[float, float, bool]] = [(x + dx, y, on) for x, y, on in contour]
    if not points:
        return
    # start on an on-curve point (or the midpoint of two off-curve ones)
    start = next((i for i, p in enumerate(points) if p[2]), None)
    if start is None:
        a, b = points[0], points[1 % len(points)]
        points.insert(0, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True))
        start = 0
    points = points[start:] + points[:start]
    current = points[0]
    path.moveTo(current[0], current[1])
    control = None
    for point in points[1:] + [points[0]]:
        if point[2]:
            if control is None:
                path.lineTo(point[0], point[1])
            else:
                _quad(path, current, control, point)
                control = None
            current = point
        elif control is None:
            control = point
        else:  # two off-curve points: an implied on-curve point between them
            middle = ((control[0] + point[0]) / 2, (control[1] + point[1]) / 2, True)
            _quad(path, current, control, middle)
            current, control = middle, point
    path.close()


def _quad(path, p0, q, p1) -> None:
    c1 = (p0[0] + 2 * (q[0] - p0[0]) / 3, p0[1] + 2 * (q[1] - p0[1]) / 3)
    c2 = (p1[0] + 2 * (q[0] - p1[0]) / 3, p1[1] + 2 * (q[1] - p1[1]) / 3)
    path.curveTo(c1[0], c1[1], c2[0], c2[1], p1[0], p1[1])
