"""The ring on the control that has the keyboard (msgdesk.ui.widgets.look.FocusRing), drawn
in real widgets and read back from their pixels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msgdesk.ui.widgets.date_edit import DateEdit
from msgdesk.ui.widgets.look import FOCUS_COLOUR, FocusRing, install_focus_ring

RINGED = [
    lambda: QPushButton("Save"), lambda: QCheckBox("Share"), lambda: QRadioButton("Yes"),
    lambda: QComboBox(), lambda: QSpinBox(), lambda: QDoubleSpinBox(), lambda: DateEdit(),
]


def accent_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixel(x, y)) == FOCUS_COLOUR)


@pytest.fixture
def host(qtbot):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_focus_ring(app)
    install_focus_ring(app)  # twice changes nothing: one ring follows the keyboard
    assert len(app.findChildren(FocusRing)) == 1
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    controls = [make() for make in RINGED]
    editable = QComboBox()
    editable.setEditable(True)
    controls.append(editable)
    for control in controls:
        layout.addWidget(control)
    text = QLineEdit()
    layout.addWidget(text)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget, controls, text


def test_each_kind_of_control_has_the_ring_while_it_has_the_keyboard_and_only_then(host, qtbot):
    _widget, controls, text = host
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    bare = [accent_pixels(control) for control in controls]
    assert accent_pixels(text) == 0  # a text box shows its own caret and frame, no ring
    for n, control in enumerate(controls):
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        QApplication.processEvents()
        assert accent_pixels(control) - bare[n] >= 2 * (control.width() + control.height()) - 8, control
        for m, other in enumerate(controls):
            if m != n:  # the ring left the one before
                assert accent_pixels(other) == bare[m], (control, other)


def test_the_ring_survives_its_control_being_deleted(host, qtbot):
    _widget, controls, text = host
    button = controls[0]
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    button.deleteLater()
    qtbot.waitUntil(lambda: not any(w is button for w in QApplication.allWidgets()))
    check = controls[1]
    check.setFocus()
    qtbot.waitUntil(check.hasFocus)
    QApplication.processEvents()
    assert accent_pixels(check) >= 2 * (check.width() + check.height()) - 8
