"""What the database holds for a comparison of partnerships, as plain values: what
``Workspace.groups`` reads and :mod:`msgdesk.collation.collate` works on.  Here, apart from
the collation, so that the store can build them without importing the collation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from msgdesk.domain.states import RoundStatus
from msgdesk.tracker.rows import TrackerRow


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    #: Partnership names, in alphabetical order.
    members: tuple[str, ...]


@dataclass(frozen=True)
class ReturnFacts:
    """One partnership's return for one round, as the collation needs it."""

    round_id: int
    partnership: str
    label: str
    status: RoundStatus
    completed_on: date | None
    #: Local proposal id -> rating slug, or None where the return gives no rating.
    ratings: dict[str, str | None]
    actions: int


@dataclass(frozen=True)
class ComparisonFacts:
    """What the database holds for a comparison of ``partnerships`` in one round."""

    round_label: str
    previous_label: str | None
    as_at: date | None
    #: The partnerships compared, in alphabetical order.
    partnerships: tuple[str, ...]
    #: Partnership -> its return for ``round_label`` (absent: no return).
    returns: dict[str, ReturnFacts]
    #: Partnership -> its return for ``previous_label``.
    previous: dict[str, ReturnFacts] = field(default_factory=dict)
    #: With ``as_at``: partnership -> the actions of its return as tracker rows as at
    #: that date (wording left out: the collation counts them, it does not print them).
    tracker: dict[str, list[TrackerRow]] | None = None
