"""Ids msgdesk gives to things that travel between copies of a return (actions, packs)."""

from __future__ import annotations

import re

#: An action's or a pack's id as a file may hold it: letters, digits, "-" and "_"
#: (msgdesk writes 32 hex digits; a contributor's tool may write others).
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


def new_action_id() -> str:
    """A fresh action id (32 hex digits)."""
    # uuid imports platform (~15 ms): only when an id is made, not for export --json
    import uuid

    return uuid.uuid4().hex
