"""PySide6 for the window, without the import hook it puts in when it loads.

PySide6 replaces ``builtins.__import__`` with a hook for its opt-in ``from __feature__ import
snake_case``, which msgdesk does not use (tests/test_startup_imports.py checks that no module
asks for it).  The hook runs Python on every import statement and reads the whole source file
of every module imported after PySide6 to see whether it mentions PySide6: ~30 ms of CPU before
the window's first paint (msgdesk's modules) and ~30 ms of opening the store (SQLAlchemy's 190
modules).  Without it a module's Qt classes behave as under the hook with no feature chosen.

The one module of the window that does something when imported: ``msgdesk.ui.app`` imports it
first, right after PySide6 and before any module of msgdesk's, so that none of them pays the
hook.
"""

from __future__ import annotations

import builtins

import PySide6  # noqa: F401  (it puts the hook in)


def drop_feature_import_hook() -> None:
    """Put back the import PySide6 wrapped.  Changes nothing when the hook is not (or no longer)
    there."""
    hook = getattr(builtins, "__feature_import__", None)
    wrapped = getattr(builtins, "__orig_import__", None)
    if hook is not None and wrapped is not None and builtins.__import__ is hook:
        builtins.__import__ = wrapped


drop_feature_import_hook()
