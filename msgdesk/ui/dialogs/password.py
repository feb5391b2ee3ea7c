"""Asking for the shared database's password in the window.

The password is kept in memory for this session only (on the workspace's target), never
written to settings or anywhere else; PGPASSWORD and a pgpass file are read before asking.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from msgdesk.domain.errors import PasswordRequiredError
from msgdesk.store.target import PostgresTarget
from msgdesk.store.workspace import Workspace

#: Tries before giving up (the server may lock an account after a few wrong ones).
ATTEMPTS = 3


def open_shared(workspace: Workspace, parent=None) -> None:
    """Open ``workspace`` (a PostgreSQL one), asking for the password while the server wants
    one.  Raises PasswordRequiredError when the officer cancels or runs out of tries."""
    for attempt in range(ATTEMPTS + 1):
        try:
            workspace.ensure_open()
            return
        except PasswordRequiredError as exc:
            target = workspace.target
            if attempt == ATTEMPTS or not isinstance(target, PostgresTarget):
                raise
            password, ok = QInputDialog.getText(
                parent, QApplication.translate("Password", "msgdesk: database password"),
                QApplication.translate("Password", "{problem}\n\nPassword for {user}:").format(
                    problem=str(exc), user=target.user),
                QLineEdit.EchoMode.Password)
            if not ok:
                raise
            workspace.target = target.replace(password=password)
