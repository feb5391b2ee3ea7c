"""The descriptors' label keeps its laid-out text (ui/widgets/kept_text.py) and paints exactly
as QLabel does: held pixel for pixel against QLabel's own painting of the same label, over
every descriptor of the template, widths from a narrow card to a wide one, both layout
directions, 100% and 150%, and in the window on every card of every proposal page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from msgdesk.domain.template import load_template
from msgdesk.ui.widgets import kept_text
from msgdesk.ui.widgets.kept_text import KeptTextLabel


def _painted(label, ratio: float, kept: bool) -> QImage:
    """The label painted onto white, through its own paintEvent, kept or as QLabel."""
    before = kept_text._keeping
    kept_text._keeping = kept
    try:
        image = QImage(round(label.width() * ratio), round(label.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        label.render(painter, QPoint())
        painter.end()
        return image
    finally:
        kept_text._keeping = before


TEXTS = sorted({text for proposal in load_template().proposals for _rating, text in proposal.descriptors})
TEXTS += ["One line.", "Two paragraphs,\nthe second on its own line.", "Blank line\n\nbetween.",
          "a" * 120 + " unbroken"]


@pytest.mark.parametrize("ratio", [1.0, 1.5])
@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_kept_text_paints_as_qlabel_over_texts_widths_and_scales(qtbot, ratio, direction):
    label = KeptTextLabel()
    qtbot.addWidget(label)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setLayoutDirection(direction)
    label.show()
    compared = 0
    for text in TEXTS:
        label.setText(text)
        for width in range(60, 420, 45):
            label.resize(width, label.heightForWidth(width) + 6)
            QApplication.processEvents()
            kept = _painted(label, ratio, kept=True)
            assert kept == _painted(label, ratio, kept=False), (text[:40], width)
            assert kept == _painted(label, ratio, kept=True)  # and the same again from the kept layout
            compared += 1
    assert compared == len(TEXTS) * 8 and len(TEXTS) > 50


def test_text_written_right_to_left_and_rich_text_are_left_to_qlabel(qtbot):
    label = KeptTextLabel()
    qtbot.addWidget(label)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    kept_text._keeping, before = True, kept_text._keeping
    try:
        label.setText("Plain English, word-wrapped.")
        assert not label._painted_as_qlabel()
        label.setText("مرحبا بالعالم")
        assert label._painted_as_qlabel()
        label.setText("Plain again.")
        assert not label._painted_as_qlabel()
        label.setAlignment(Qt.AlignmentFlag.AlignVCenter)  # not held at the top
        assert label._painted_as_qlabel()
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        label.setTextFormat(Qt.TextFormat.RichText)
        assert label._painted_as_qlabel()
    finally:
        kept_text._keeping = before


def test_every_descriptor_on_every_page_paints_as_qlabel_and_reads_the_same(window, qtbot, example_round):
    window.open_round(example_round.id)
    for proposal in window.template.local_proposals:
        window.go_to(proposal.id)
        QApplication.processEvents()
        page = window.proposal_page
        for card, (_rating, descriptor) in zip(page.cards, proposal.descriptors, strict=True):
            label = card.text_label
            assert isinstance(label, KeptTextLabel) and label.text() == descriptor
            assert card.accessibleDescription() == descriptor  # what a screen reader is given
            kept = _painted(label, 1.0, kept=True)
            assert kept == _painted(label, 1.0, kept=False), (proposal.id, card.index)
