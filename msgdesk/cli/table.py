"""Plain-text tables for the command line that fit the terminal.

A command's table is printed with its columns two spaces apart.  When it is wider than
the terminal (100 columns where there is none, as under a pipe, unless ``COLUMNS`` says
otherwise), the columns named flexible give up width, the one with most to spare first,
each down to a floor; a cell longer than its column wraps onto the lines below it, at
spaces, so nothing is lost (a revocation's reason, a long list of partners).
No line ends in spaces.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping, Sequence

#: The width assumed without a terminal, and the narrowest a flexible column becomes.
DEFAULT_WIDTH, MIN_COLUMN = 100, 8
GAP = "  "


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def column_widths(rows: Sequence[Sequence[str]], flexible: Mapping[int, int], width: int) -> list[int]:
    """Each column's width: its longest cell, less what the flexible columns give up, the
    one with most to spare first, a character at a time: down to the width asked for it,
    then, on a narrower terminal, down to its header and its longest word (words are not
    broken)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    least = {i: max([MIN_COLUMN, len(rows[0][i])] + [len(w) for row in rows[1:] for w in row[i].split()])
             for i in flexible}
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    for floors in ({i: max(asked, least[i]) for i, asked in flexible.items()}, least):
        while excess > 0:
            shrinkable = [i for i in floors if widths[i] > floors[i]]
            if not shrinkable:
                break  # as narrow as they go at this stage
            widths[max(shrinkable, key=lambda i: widths[i] - floors[i])] -= 1
            excess -= 1
    return widths


def fit_table(rows: Sequence[Sequence[str]], flexible: Mapping[int, int], width: int | None = None) -> list[str]:
    """The lines of ``rows`` (the first is the header), at most ``width`` characters each
    (the terminal's by default) as long as the fixed columns fit; the columns in
    ``flexible`` (index -> the narrowest it may become) narrow, and their cells wrap."""
    widths = column_widths(rows, flexible, terminal_width() if width is None else width)
    lines = []
    for row in rows:
        cells = [textwrap.wrap(cell, widths[i]) or [""] if len(cell) > widths[i] else [cell]
                 for i, cell in enumerate(row)]
        for n in range(max(len(c) for c in cells)):
            parts = [(c[n] if n < len(c) else "").ljust(widths[i]) for i, c in enumerate(cells)]
            lines.append(GAP.join(parts).rstrip())
    return lines
