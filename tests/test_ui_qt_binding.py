"""The Qt binding itself: calls of Qt methods returning void must not use up Python's None.

PySide6-Essentials 6.12.0 on Python 3.11 dropped one reference to None on each such call
(setVisible, setFormat, processEvents, ...); a window making a few thousand of them, as
spell checking a long evidence text does in a minute, then aborted the whole program
("Fatal Python error: none_dealloc").  pyproject.toml excludes that release."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(3000):
        widget.setVisible(False)
        QCoreApplication.processEvents()
    assert abs(sys.getrefcount(None) - before) < 100


def test_highlighting_keeps_the_reference_count_of_none(qtbot):
    fmt = QTextCharFormat()
    seen = []

    class Marker(QSyntaxHighlighter):
        def highlightBlock(self, text):
            before = sys.getrefcount(None)
            for start in range(len(text)):
                self.setFormat(start, 1, fmt)
            seen.append(sys.getrefcount(None) - before)

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    Marker(edit.document())
    edit.setPlainText("x" * 2000)
    assert seen and max(abs(d) for d in seen) < 50
