"""The rating card as built without PySide6's Qt namespace (issue 22): the same card.

Focus policy, alignment and text format are set by property name, the chosen/previous
style is read again through Qt's Polish event, the title held at its leading edge by a
stretch, and the pointing hand and the labels' click-through wait for the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from msgdesk.ui.round.rating_card import CARD_STYLE, RatingCard


@pytest.fixture
def page(qtbot):
    host = QWidget()
    host.setStyleSheet(CARD_STYLE)
    qtbot.addWidget(host)
    host.resize(400, 300)
    return host


def _card(page, qtbot, index=0, title="Established"):
    card = RatingCard(index, title, page)
    card.setGeometry(0, 0, 380, 200)
    card.set_content("We have a partnership agreement and it is reviewed every year.", False, None)
    page.show()
    qtbot.waitExposed(page)
    return card


def test_the_card_s_settings_are_qts_own(page, qtbot):
    card = _card(page, qtbot)
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert card.text_label.alignment() == Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
    assert card.text_label.textFormat() == Qt.TextFormat.PlainText
    card.set_content("<b>not bold</b> & <i>plain</i>", False, None)
    assert card.text_label.text() == "<b>not bold</b> & <i>plain</i>"  # shown as typed, never as markup


def _border_colour(card) -> str:
    # the style sheet's background for the card: palette(base) unchosen, #dbeafe chosen
    card.ensurePolished()
    return card.palette().color(QPalette.ColorRole.Window).name()


@pytest.mark.parametrize("steps", [
    [(True, None), (False, None), (True, None)],
    [(False, "2019: Established"), (True, "2019: Established"), (False, None)],
    [(True, None), (True, None), (False, None), (False, None), (True, "2019")],
])
def test_choosing_restyles_the_card_every_time(page, qtbot, steps):
    card = _card(page, qtbot)
    unchosen = _border_colour(card)
    for chosen, previous in steps:
        card.set_content("text", chosen, previous)
        assert card.property("chosen") is chosen
        assert card.property("previous") is bool(previous)
        assert (_border_colour(card) == "#dbeafe") is chosen, (chosen, previous)
        if not chosen:
            assert _border_colour(card) == unchosen
        assert card.mark_label.isVisibleTo(card) is chosen


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
@pytest.mark.parametrize("width", [200, 380, 700])
def test_the_title_sits_at_its_leading_edge(page, qtbot, direction, width):
    page.setLayoutDirection(direction)
    page.resize(width + 20, 300)
    card = _card(page, qtbot)
    card.setGeometry(0, 0, width, 200)
    qtbot.waitUntil(lambda: card.title_label.width() > 0)
    QApplication.processEvents()
    title = card.title_label.geometry()
    text = card.text_label.geometry()
    assert title.width() < text.width()  # fixed at its own size, narrower than the card
    if direction == Qt.LayoutDirection.LeftToRight:
        assert title.left() == text.left()
    else:
        assert title.right() == text.right()


def test_the_pointing_hand_and_click_through_come_with_the_mouse(page, qtbot):
    card = _card(page, qtbot)
    labels = (card.title_label, card.mark_label, card.previous_label, card.text_label)
    assert card.cursor().shape() == Qt.CursorShape.ArrowCursor  # nothing of the mouse before it comes
    point = QPointF(10, 10)
    QApplication.sendEvent(card, QEnterEvent(point, point, card.mapToGlobal(point)))
    assert card.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert all(label.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents) for label in labels)
    # a second visit changes nothing
    QApplication.sendEvent(card, QEvent(QEvent.Type.Leave))
    QApplication.sendEvent(card, QEnterEvent(point, point, card.mapToGlobal(point)))
    assert card.cursor().shape() == Qt.CursorShape.PointingHandCursor


def test_a_click_on_the_text_chooses_the_card(page, qtbot):
    card = _card(page, qtbot, index=2)
    chosen = []
    card.chosen.connect(chosen.append)
    point = QPointF(card.text_label.geometry().center())
    QApplication.sendEvent(card, QEnterEvent(point, point, card.mapToGlobal(point)))
    # the label lets the click through: the card under it takes it
    assert QApplication.widgetAt(card.mapToGlobal(point.toPoint())) in (card, None)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert chosen == [2]
