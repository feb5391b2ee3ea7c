"""Draw msgdesk's icon (a return sheet with a tick) and write it as .png, .ico and .icns.

Run once when the design changes; the results are kept in ``resources/icons``:

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 1024  # drawn large, scaled down with antialiasing
BLUE = (0, 94, 133, 255)  # deep teal-blue, readable on light and dark task bars
SHEET = (255, 255, 255, 255)
LINE = (160, 186, 198, 255)
TICK = (0, 133, 86, 255)


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = SIZE / 32  # a 32-unit grid
    d.rounded_rectangle((1 * u, 1 * u, 31 * u, 31 * u), radius=6 * u, fill=BLUE)
    d.rounded_rectangle((8 * u, 5 * u, 24 * u, 27 * u), radius=1.5 * u, fill=SHEET)
    for row in (10, 14, 18):
        d.rounded_rectangle((11 * u, row * u, 21 * u, (row + 1.4) * u), radius=0.7 * u, fill=LINE)
    d.line([(15 * u, 22 * u), (18 * u, 25 * u), (27 * u, 14 * u)], fill=TICK, width=int(3 * u), joint="curve")
    for x, y in ((15 * u, 22 * u), (27 * u, 14 * u)):  # round the ends of the tick
        r = 1.5 * u
        d.ellipse((x - r, y - r, x + r, y + r), fill=TICK)
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((512, 512), Image.LANCZOS).save(ICONS / "msgdesk.png")
    big.resize((256, 256), Image.LANCZOS).save(
        ICONS / "msgdesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )
    big.save(ICONS / "msgdesk.icns")
    print(f"Wrote msgdesk.png, msgdesk.ico and msgdesk.icns in {ICONS}")


if __name__ == "__main__":
    main()
