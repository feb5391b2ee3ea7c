"""The window (PySide6).  It only calls the Qt-free core; nothing here runs at import time."""
