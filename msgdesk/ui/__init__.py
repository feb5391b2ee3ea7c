"""The window (PySide6).  It only calls the Qt-free core; nothing here runs at import time
(but ``msgdesk.ui.pyside_setup``, which takes PySide6's import hook out)."""
