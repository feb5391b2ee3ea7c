"""Qt's values without PySide6's Qt namespace (ui/widgets/qt_values.py), and the models that use them.

The roles and property names stand in for ``Qt``'s own enums in the code that runs before
the first paint, so each is checked against Qt itself here; the actions table keeps its
headings and editability in C++ items, checked through the same calls Qt's views make."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from msgdesk.ui.widgets.qt_values import Role, set_enum_property


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_qts_own(role):
    qt_name = {"USER": "UserRole"}.get(role.name) or "".join(part.title() for part in role.name.split("_")) + "Role"
    assert int(getattr(Qt.ItemDataRole, qt_name).value) == role.value


@pytest.mark.parametrize("name, keys, read, expected", [
    ("textFormat", "PlainText", "textFormat", Qt.TextFormat.PlainText),
    ("textFormat", "RichText", "textFormat", Qt.TextFormat.RichText),
    ("alignment", "AlignCenter", "alignment", Qt.AlignmentFlag.AlignCenter),
    ("alignment", "AlignTop|AlignLeft", "alignment", Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft),
    ("focusPolicy", "StrongFocus", "focusPolicy", Qt.FocusPolicy.StrongFocus),
    ("focusPolicy", "NoFocus", "focusPolicy", Qt.FocusPolicy.NoFocus),
    ("textInteractionFlags", "TextSelectableByMouse", "textInteractionFlags",
     Qt.TextInteractionFlag.TextSelectableByMouse),
])
def test_an_enum_property_is_set_by_its_keys_name(qtbot, name, keys, read, expected):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    set_enum_property(label, name, keys)
    assert getattr(label, read)() == expected


@pytest.mark.parametrize("name, keys, error", [
    ("textFormat", "PlainTxt", ValueError),  # a key the enum does not have
    ("alignment", "AlignCentre", ValueError),
    ("alignment", "AlignTop|AlignNowhere", ValueError),
    ("textFormt", "PlainText", AttributeError),  # a property the class does not have
    ("orientation", "Horizontal", AttributeError),  # a splitter's, not a label's
])
def test_a_wrong_name_is_refused_and_the_widget_left_as_it_was(qtbot, name, keys, error):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = (label.textFormat(), label.alignment(), label.dynamicPropertyNames())
    with pytest.raises(error, match="QLabel"):
        set_enum_property(label, name, keys)
    assert (label.textFormat(), label.alignment(), label.dynamicPropertyNames()) == before


# --- the actions table: headings and editability held in C++ -------------------------------

@pytest.fixture
def session(qtbot, workspace, example_round):
    from msgdesk.ui.session import RoundSession

    return RoundSession(workspace, workspace.quick_snapshot(example_round.id))


def _with_actions(session) -> list[str]:
    return [pid for pid in session.snap.responses if session.actions(pid)]


def test_the_headings_are_the_columns_titles_with_their_tooltips(qtbot, session):
    from msgdesk.ui.round.actions_model import COLUMNS, ActionsModel, column_title

    model = ActionsModel()
    model.set_proposal(session, _with_actions(session)[0])
    assert model.columnCount() == len(COLUMNS)
    for column, (_field, title) in enumerate(COLUMNS):
        assert column_title(column) == title  # no translation installed
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            assert model.headerData(column, Qt.Orientation.Horizontal, role) == title
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole) is None


def test_every_proposal_s_rows_are_numbered_editable_and_named_for_screen_readers(qtbot, session):
    from msgdesk.ui.round.actions_model import COLUMNS, ActionsModel

    model = ActionsModel()
    proposals = _with_actions(session)
    assert len(proposals) >= 10
    # every proposal in turn, then back (rows grow and shrink), as page turns do
    for pid in proposals + proposals[::-1] + [proposals[0]]:
        model.set_proposal(session, pid)
        actions = session.actions(pid)
        assert model.rowCount() == len(actions)
        assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
        for row, (_aid, action) in enumerate(actions):
            assert model.headerData(row, Qt.Orientation.Vertical) == str(row + 1)
            tip = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
            assert tip == f"Action {row + 1}, reference {action.reference or '—'}"
            assert model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.AccessibleTextRole) == tip
            for column in range(len(COLUMNS)):
                flags = model.flags(model.index(row, column))
                assert flags == (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                 | Qt.ItemFlag.ItemIsEditable), (pid, row, column)
    model.set_proposal(None, None)
    assert model.rowCount() == 0


def test_an_approved_round_s_cells_cannot_be_edited(qtbot, session):
    from msgdesk.ui.round.actions_model import COLUMNS, ActionsModel

    model = ActionsModel()
    pid = _with_actions(session)[0]
    model.set_proposal(session, pid)
    session.approve(date(2019, 6, 1), "IJB 1/2019", check_confirmed=True)
    assert session.read_only
    model.set_proposal(session, pid)  # the page loads the proposal again when its read-only state changes
    for row in range(model.rowCount()):
        for column in range(len(COLUMNS)):
            assert model.flags(model.index(row, column)) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(QModelIndex()) != model.flags(model.index(0, 0))


def test_a_carried_forward_row_says_so_in_its_heading_tooltip_and_colour(qtbot, workspace, example_round):
    from msgdesk.ui.round.actions_model import ActionsModel
    from msgdesk.ui.session import RoundSession

    new = workspace.rounds.create_round(example_round.partnership, "2021", completed_on=date(2021, 4, 30),
                                        previous_round_id=example_round.id, carry_forward=True)
    session = RoundSession(workspace, workspace.quick_snapshot(new.id))
    model = ActionsModel()
    pid = _with_actions(session)[0]
    model.set_proposal(session, pid)
    assert model.rowCount() >= 1
    for row in range(model.rowCount()):
        assert model.headerData(row, Qt.Orientation.Vertical) == f"{row + 1}\nfrom 2019"
        assert "Carried forward from round 2019" in model.headerData(row, Qt.Orientation.Vertical,
                                                                     Qt.ItemDataRole.ToolTipRole)
        assert model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole).name() == "#8a4500"


def test_items_taken_back_never_come_back_as_widgets(qtbot, session):
    """PySide6 kept a deleted item's wrapper and handed a later widget to Python as that item
    (a style's polish was given a QStandardItem): every reset takes its items back first.
    Widgets made by Qt itself (a table's headers, viewport, bars) come to Python by address."""
    from PySide6.QtWidgets import QApplication, QTableView, QTabWidget, QWidget

    from msgdesk.ui.round.actions_model import ActionsModel

    model = ActionsModel()
    proposals = _with_actions(session)
    wrong: set[str] = set()
    for turn in range(30):
        model.set_proposal(session, proposals[turn % len(proposals)])
        model.set_proposal(session, None)  # every row's items (and headings) go
        made = [QTableView(), QTabWidget()]
        made[0].setModel(model)
        wrong |= {type(widget).__name__ for widget in QApplication.allWidgets() if not isinstance(widget, QWidget)}
        for widget in made:
            widget.deleteLater()
        qtbot.wait(0)
    assert wrong == set()


def test_setting_a_property_leaves_the_class_s_meta_object_usable_after_the_widget_goes(qtbot):
    # PySide6 ties the wrapper of ``widget.metaObject()`` to the widget, and QLabel's shared
    # staticMetaObject with it: once the widget was deleted, the forms' compiler (which reads
    # staticMetaObject) failed with "Internal C++ object already deleted" in the same process
    import gc

    from PySide6.QtWidgets import QLabel, QWidget

    for _ in range(3):
        parent = QWidget()
        label = QLabel(parent)
        set_enum_property(label, "textFormat", "PlainText")
        assert QLabel.staticMetaObject.indexOfProperty("textFormat") >= 0  # read while the label lives
        del parent, label
        gc.collect()
        assert QLabel.staticMetaObject.indexOfProperty("textFormat") >= 0
