"""Errors the core raises; the GUI and the command line turn them into messages."""

from __future__ import annotations


class MsgdeskError(Exception):
    """Base class: something msgdesk can explain to the user in plain words."""


class InputError(MsgdeskError):
    """The user's input (a file, an argument, a value) is wrong; nothing was written."""


class NotFoundError(InputError):
    """A partnership, round, proposal or action that does not exist."""


class RoundLockedError(InputError):
    """A change to a round the IJB has approved; approved rounds are read-only."""


class DatabaseError(MsgdeskError):
    """The database file cannot be used (not a database, damaged, too new)."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer msgdesk than this one."""
