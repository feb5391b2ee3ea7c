"""Qt's values for the code that runs before the window's first paint, without PySide6's ``Qt``.

PySide6 builds a binding class when it is first used, and with it every one of its enums as a
Python enum.  ``Qt`` (the namespace: alignment, focus policy, item roles, keys...) has 93 of
them: building it cost ~130 M instructions of the first frame (issue 22), and any use of it
builds it: ``from PySide6.QtCore import Qt``, a default argument ``role=Qt.ItemDataRole...``,
a setter given ``Qt.TextFormat.PlainText``, even a call whose overloads C++ tells apart by a
``Qt`` enum (``QSplitter(parent)``: its first overload takes a ``Qt.Orientation``).

So the code that runs before the first paint uses the two ways below, and code that runs
later (a key press, a dialog) imports ``Qt`` inside its function, saying why.
- An item model's ``data()`` is called with the role as a plain int: :class:`Role` names them.
- An enum-valued property is set by its name and its key's name through Qt's own property
  system (:func:`set_enum_property`), which reads the key from the class's meta-object in C++
  and refuses a name it does not know.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject


class Role(IntEnum):
    """``Qt.ItemDataRole``'s values (tests/test_qt_values.py checks each against Qt's own)."""

    DISPLAY = 0
    EDIT = 2
    TOOL_TIP = 3
    FOREGROUND = 9
    ACCESSIBLE_TEXT = 11
    USER = 256


def set_enum_property(target: QObject, name: str, keys: str) -> None:
    """Set ``target``'s enum or flags property ``name`` to ``keys`` (``"AlignTop|AlignLeft"``).

    Qt answers False for a property the class does not have or a key its enum does not know;
    that is a mistake in msgdesk, said at once rather than leaving the widget as it was.

    Told apart without ``target.metaObject()``: PySide6 ties the wrapper it returns to
    ``target``, and the class's shared ``staticMetaObject`` with it, which is dead for the rest
    of the process once ``target`` is deleted ("Internal C++ object already deleted"; a CI run
    of the forms' compiler met it).  Qt keeps a name the class does not have as a dynamic
    property instead: that one is taken away again."""
    dynamic = set(target.dynamicPropertyNames())
    if target.setProperty(name, keys):
        return
    if set(target.dynamicPropertyNames()) != dynamic:  # not the class's: Qt added it as dynamic
        target.setProperty(name, None)
        raise AttributeError(f"{type(target).__name__} has no property {name!r}")
    raise ValueError(f"{type(target).__name__}.{name} does not take {keys!r}")
