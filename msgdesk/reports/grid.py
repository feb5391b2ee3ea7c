"""A ruled table of plain-text cells that can always be laid out.

:class:`TextGrid` is what the reports use for every table that holds user text
(the appendix's cover, evidence and actions tables; the progress report's lists
of actions).  Its rows are lists of :class:`GridCell`, each holding
:class:`~msgdesk.reports.textblock.TextBlock` paragraphs.

Why not reportlab's ``Table``: a Table row is placed whole, or split over a page
break only with ``splitInRow``, which is also a minimum remainder; a row whose
rest is taller than a frame by less than that cannot be placed, and the document
fails with LayoutError for some text lengths and not others.  Here a row that
does not fit is cut at a line boundary, all its cells in step: the part that fits
stays on this page with the grid closed below it, the rest continues on the next
page under the repeated header rows.  No piece is ever taller than a frame, so
layout cannot fail for any length of text: a fresh page always takes the header
rows and at least one line of the next row.

Rules: a row no taller than ``keep_whole`` points moves to the next page whole
rather than being cut; a cut leaves at least ``min_lines`` lines on the page.
Cells in a label column can say "(continued)" on the next page (``continued``).

    grid = TextGrid([92, 600], rows=[GridRow([GridCell([label], SHADE), GridCell(blocks)],
                                              where="proposal 2.3, Evidence / Notes")])

``where`` names the content of a row for error messages (``pages.ReportLayoutError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.platypus.flowables import Flowable

from msgdesk.reports.pages import content_height
from msgdesk.reports.styles import GRID
from msgdesk.reports.textblock import TextBlock

_EPS = 1e-6


@dataclass(frozen=True)
class GridStyle:
    """Lines and padding of a grid (points)."""

    line_width: float = 0.5
    line_colour: object = None  # a reportlab colour; None: GRID
    left: float = 4.0
    right: float = 4.0
    top: float = 3.0
    bottom: float = 4.0
    #: Width of the coloured bar drawn at the left edge of a cell with ``bar`` set.
    bar_width: float = 4.0


@dataclass
class GridCell:
    """One cell: paragraphs of text, an optional background and left bar colour; ``span``
    columns wide.  ``continued`` replaces the content on a page the row runs on to,
    for a cell whose own content stayed on the page before (e.g. "(continued)")."""

    blocks: Sequence[TextBlock] = ()
    background: object = None
    span: int = 1
    bar: object = None
    continued: Sequence[TextBlock] = ()


@dataclass
class GridRow:
    cells: Sequence[GridCell]
    #: What the row holds, for messages ("proposal 2.3, improvement action 4").
    where: str = ""
    background: object = None
    #: Set on the pieces of a row cut at a page break.
    continues: bool = False
    _height: float | None = field(default=None, repr=False)


class TextGrid(Flowable):
    """See the module documentation."""

    def __init__(self, widths: Sequence[float], rows: Sequence[GridRow], header: Sequence[GridRow] = (), *,
                 style: GridStyle | None = None, keep_whole: float = 0.0, min_lines: int = 2,
                 where: str = "", frame_height: float | None = None) -> None:
        super().__init__()
        self.widths = tuple(widths)
        self.rows = list(rows)
        self.header = list(header)
        self.grid_style = style or GridStyle()
        self.keep_whole = keep_whole
        self.min_lines = min_lines
        self.where = where
        self.frame_height = frame_height
        self.width = sum(self.widths)
        self.height = 0.0

    # what failed, for messages ---------------------------------------------------------

    @property
    def first_where(self) -> str:
        for row in self.rows:
            if row.where:
                return row.where
        return self.where

    # measuring --------------------------------------------------------------------------

    def _cell_width(self, column: int, span: int) -> float:
        s = self.grid_style
        return sum(self.widths[column:column + span]) - s.left - s.right

    def _cells(self, row: GridRow):
        """(column, cell, inner width) for each cell of ``row``."""
        column = 0
        bar = self.grid_style.bar_width
        for cell in row.cells:
            span = max(1, cell.span)
            yield column, cell, self._cell_width(column, span) - (bar if cell.bar is not None else 0.0)
            column += span

    @staticmethod
    def _content_height(blocks: Sequence[TextBlock], width: float) -> float:
        height = 0.0
        for index, block in enumerate(blocks):
            height += block.wrap(width, 1e9)[1]
            if index < len(blocks) - 1:
                height += block.getSpaceAfter()
        return height

    def row_height(self, row: GridRow) -> float:
        if row._height is None:
            s = self.grid_style
            content = max((self._content_height(cell.blocks, width) for _c, cell, width in self._cells(row)),
                          default=0.0)
            row._height = content + s.top + s.bottom
        return row._height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = sum(self.row_height(r) for r in self.header) + sum(self.row_height(r) for r in self.rows)
        return self.width, self.height

    # splitting --------------------------------------------------------------------------

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self.rows:
            return []
        used = sum(self.row_height(r) for r in self.header)
        count = 0
        for row in self.rows:
            height = self.row_height(row)
            if used + height > availHeight + _EPS:
                break
            used += height
            count += 1
        if count >= len(self.rows):
            return [self]
        row = self.rows[count]
        pieces = None
        # A short row moves to the next page whole, unless this is a whole page already.
        if self.row_height(row) > self.keep_whole or availHeight >= self._frame_height() - 1:
            pieces = self._cut(row, availHeight - used)
        if pieces is None and count == 0:
            return []
        head_rows = self.rows[:count] + ([pieces[0]] if pieces else [])
        tail_rows = ([pieces[1]] if pieces else [row]) + self.rows[count + 1:]
        head = self._part(head_rows)
        for name, value in self.__dict__.items():
            if name.startswith("_msg_"):  # outline, running title, progress marks (pages.py)
                setattr(head, name, value)
        return [head, self._part(tail_rows)]

    def _frame_height(self) -> float:
        if self.frame_height is None:
            self.frame_height = content_height()
        return self.frame_height

    def _part(self, rows: list[GridRow]) -> TextGrid:
        return TextGrid(self.widths, rows, self.header, style=self.grid_style, keep_whole=self.keep_whole,
                        min_lines=self.min_lines, where=self.where, frame_height=self.frame_height)

    def _cut(self, row: GridRow, height: float) -> tuple[GridRow, GridRow] | None:
        """``row`` cut so that its first piece is at most ``height`` tall, or None if
        not even ``min_lines`` lines (or the whole of a shorter row's text) fit."""
        s = self.grid_style
        room = height - s.top - s.bottom
        if room <= 0:
            return None
        heads: list[GridCell] = []
        tails: list[GridCell] = []
        enough = False
        for _column, cell, width in self._cells(row):
            head, tail = _split_blocks(cell.blocks, width, room)
            lines = sum(len(b._lines or ()) for b in head)
            total = lines + sum(len(b._lines or ()) for b in tail)
            if lines >= min(self.min_lines, total) and lines and tail:
                enough = True
            heads.append(GridCell(head, cell.background, cell.span, cell.bar))
            tails.append(GridCell(tail if tail else cell.continued if head else (), cell.background, cell.span,
                                  cell.bar, cell.continued))
        if not enough:
            return None
        return (GridRow(heads, row.where, row.background, True),
                GridRow(tails, row.where, row.background, True))

    # drawing ----------------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        s = self.grid_style
        rows = self.header + self.rows
        top = self.height
        edges: list[tuple[float, float, float, float]] = []
        columns = [0.0]
        for width in self.widths:
            columns.append(columns[-1] + width)
        for row in rows:
            height = self.row_height(row)
            bottom = top - height
            if row.background is not None:
                canvas.setFillColor(row.background)
                canvas.rect(0, bottom, self.width, height, stroke=0, fill=1)
            for column, cell, width in self._cells(row):
                x = columns[column]
                span_width = columns[column + max(1, cell.span)] - x
                if cell.background is not None:
                    canvas.setFillColor(cell.background)
                    canvas.rect(x, bottom, span_width, height, stroke=0, fill=1)
                if cell.bar is not None:
                    canvas.setFillColor(cell.bar)
                    canvas.rect(x, bottom, s.bar_width, height, stroke=0, fill=1)
                y = top - s.top
                left = x + s.left + (s.bar_width if cell.bar is not None else 0.0)
                for block in cell.blocks:
                    block.wrap(width, 1e9)
                    block.draw_at(canvas, left, y)
                    y -= block.height + block.getSpaceAfter()
                if column > 0:
                    edges.append((x, top, x, bottom))
            edges.append((0, top, self.width, top))
            top = bottom
        edges.append((0, top, self.width, top))
        edges.append((0, self.height, 0, top))
        edges.append((self.width, self.height, self.width, top))
        canvas.saveState()
        canvas.setStrokeColor(s.line_colour if s.line_colour is not None else GRID)
        canvas.setLineWidth(s.line_width)
        path = canvas.beginPath()
        for x1, y1, x2, y2 in edges:
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def _lines_in(blocks: Sequence[TextBlock]) -> int:
    return sum(len(b._lines or ()) for b in blocks)


def _split_blocks(blocks: Sequence[TextBlock], width: float, height: float) -> tuple[list[TextBlock], list[TextBlock]]:
    """The blocks (and part of one) that fit in ``height``, and the rest."""
    used = 0.0
    head: list[TextBlock] = []
    for index, block in enumerate(blocks):
        block_height = block.wrap(width, 1e9)[1]
        if used + block_height <= height + _EPS:
            head.append(block)
            used += block_height + block.getSpaceAfter()
            continue
        parts = block.split(width, height - used)
        if len(parts) == 2:
            head.append(parts[0])
            return head, [parts[1], *blocks[index + 1:]]
        return head, list(blocks[index:])
    return head, []
