"""One rating descriptor shown as a large selectable card with its full text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from msgdesk.ui.widgets.qt_values import set_enum_property

#: QWIDGETSIZE_MAX: a label's size is freed with it before it is measured again
_ANY_SIZE = (1 << 24) - 1

CARD_STYLE = """
RatingCard { border: 1px solid #9a9a9a; border-radius: 6px; background: palette(base); }
RatingCard[chosen="true"] { border: 3px solid #0f6cbd; background: #dbeafe; }
RatingCard[previous="true"] { border-style: dashed; border-color: #b45f06; }
RatingCard[chosen="true"][previous="true"] { border-style: solid; border-color: #0f6cbd; }
RatingCard:focus { border: 3px dotted #1b1b1b; }
RatingCard[chosen="true"]:focus { border: 3px dotted #1b1b1b; background: #dbeafe; }
QLabel#cardTitle { font-weight: bold; }
QLabel#cardMark { color: #0f6cbd; font-weight: bold; }
QLabel#cardPrevious { color: #8a4500; font-style: italic; }
"""


class RatingCard(QFrame):
    """Click, Space or Enter chooses it; keys 1-4 and the arrows are handled by the page."""

    chosen = Signal(int)

    def __init__(self, index: int, title: str, parent=None):
        super().__init__(parent)
        self.index = index
        self.title = title
        set_enum_property(self, "focusPolicy", "StrongFocus")
        # the pointing hand and the texts' transparency to clicks are set when the mouse first
        # comes over the card (``enterEvent``): they need the Qt namespace, not built before
        # the window's first paint (ui/widgets/qt_values.py)
        self._pointer_ready = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        #: the page's handler for other keys: on_key(card index, key) -> handled
        self.on_key: Callable[[int, int], bool] | None = None
        self.setProperty("chosen", False)
        self.setProperty("previous", False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        self.title_label = QLabel(f"{index + 1}  {title}", self)
        self.title_label.setObjectName("cardTitle")
        #: the font the title's fixed size was measured in (``_show_title``)
        self._title_font_key: str | None = None
        self.mark_label = QLabel(self.tr("✔ Our rating"), self)
        self.mark_label.setObjectName("cardMark")
        self.previous_label = QLabel("", self)
        self.previous_label.setObjectName("cardPrevious")
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        set_enum_property(self.text_label, "alignment", "AlignTop|AlignLeft")
        set_enum_property(self.text_label, "textFormat", "PlainText")
        # the descriptors are the template's reference text: a touch smaller than the page's
        # own, so all four fit beside each other and the actions stay in view at 1280x720
        small = self.text_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.92)
        self.text_label.setFont(small)
        # the title is held at its leading edge when fixed at its size (the right in a
        # right-to-left layout) by a stretch beside it
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.title_label)
        title_row.addStretch(1)
        layout.addLayout(title_row)
        for label in (self.mark_label, self.previous_label, self.text_label):
            layout.addWidget(label)
        layout.addStretch(1)
        self.mark_label.hide()
        self.previous_label.hide()
        # The title's fixed size measured now, in the font the style sheet gives it (its bold:
        # the page sets the cards' style sheet before making them), not at the first show:
        # there it changed the title's size after the page had been laid out for the show, and
        # the page's layout was asked again (2.4 M instructions of the first frame, issue 22).
        # Polished here rather than when shown: the same rules, read once.
        self.title_label.ensurePolished()
        self._fix_title_size()

    def set_content(self, descriptor: str, chosen: bool, previous_label: str | None) -> None:
        self.text_label.setText(descriptor)
        self.mark_label.setVisible(chosen)
        self.previous_label.setVisible(bool(previous_label))
        self.previous_label.setText(previous_label or "")
        changed = self.property("chosen") != chosen or self.property("previous") != bool(previous_label)
        self.setProperty("chosen", chosen)
        self.setProperty("previous", bool(previous_label))
        if changed:
            # the style sheet's [chosen]/[previous] rules read again: setting the card's own
            # (empty) style sheet again has Qt re-polish it from its parent's, in C++.  Not
            # self.style().unpolish/polish: style() hands Python the style sheet's QStyle, whose
            # type PySide6 then discovers, building QStyle and QCommonStyle and their enums
            # (~11 ms) before the first paint; and style().polish(self) builds the Qt namespace
            # to rule out its QPalette overload (ui/widgets/qt_values.py)
            self.setStyleSheet(self.styleSheet())
        state = self.tr("chosen") if chosen else self.tr("not chosen")
        extra = f", {previous_label}" if previous_label else ""
        self.setAccessibleName(self.tr("Rating {n}: {title}, {state}").format(n=self.index + 1, title=self.title,
                                                                               state=state) + extra)
        self.setAccessibleDescription(descriptor)

    def focusInEvent(self, event):
        # focus is said in words as well as by the dotted frame, so it never reads as a choice
        self._show_title(focused=True)
        super().focusInEvent(event)

    def focusOutEvent(self, event):
        self._show_title(focused=False)
        super().focusOutEvent(event)

    def _show_title(self, focused: bool) -> None:
        """The title with the focus mark (▸) or without, in a label of one fixed size.

        Every page turn moves the keyboard to the new page's rating card, so two titles change
        per turn.  A label whose text changes asks its parent's layout to be done again, and that
        request climbed to the scroll area, which measured every word-wrapped label of the page
        again (heightForWidth: the whole text laid out, per label, per turn).  A widget whose
        least and greatest sizes are the same asks nothing of its parent, so the title is fixed
        at the size of its wider text, measured again only when its font changes (the style
        sheet's bold, another scale)."""
        self._fix_title_size()
        text = f"{self.index + 1}  {self.title}"
        self.title_label.setText(f"▸ {text}" if focused else text)

    def _fix_title_size(self) -> None:
        label = self.title_label
        font_key = label.font().key()
        if font_key == self._title_font_key:
            return
        self._title_font_key = font_key
        shown = label.text()
        label.setMinimumSize(0, 0)
        label.setMaximumSize(_ANY_SIZE, _ANY_SIZE)
        label.setText(f"▸ {self.index + 1}  {self.title}")
        label.setFixedSize(label.sizeHint())
        label.setText(shown)

    def showEvent(self, event):
        # the style sheet's bold is the title's font from the first show: fixed then, while the
        # page is laid out for that show anyway, so the first focus change costs no layout either
        self._fix_title_size()
        super().showEvent(event)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fix_title_size()  # another font (another scale): the fixed size measured again

    def enterEvent(self, event):
        if not self._pointer_ready:
            self._pointer_ready = True
            # the Qt namespace once the window is up (ui/widgets/qt_values.py)
            from PySide6.QtCore import Qt

            self.setCursor(Qt.CursorShape.PointingHandCursor)
            for label in (self.title_label, self.mark_label, self.previous_label, self.text_label):
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        super().enterEvent(event)

    def mousePressEvent(self, event):
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.chosen.emit(self.index)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event):
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit(self.index)
            event.accept()
            return
        if self.on_key is not None and self.on_key(self.index, event.key()):
            event.accept()
            return
        super().keyPressEvent(event)
