"""The words msgdesk's values are made of, as enums: ratings, RAG, timescale kinds.

The states things move through (round status, action status, packs, conflicts) are in
``msgdesk.domain.states``; these are the other vocabularies (the ratings defined in
``msgdesk.domain.core_states``, with the states the read-only commands use).  String enums, so that the
database, the return files and the workbooks keep their readable values
(``Rating("established") == "established"``), and a member is written wherever a string
was.  Standard library only.
"""

from __future__ import annotations

from enum import StrEnum

# The ratings and ``member``, on the read-only commands' path, are defined with the five states
# that path uses (see there why) and re-exported: the same objects, whichever module they come from.
from msgdesk.domain.core_states import RATING_LABELS as RATING_LABELS
from msgdesk.domain.core_states import Rating as Rating
from msgdesk.domain.core_states import member as member


class RagState(StrEnum):
    """An action's derived RAG rating (``msgdesk.tracker.rag.rag_for``), most urgent first."""

    RED = "red"
    AMBER = "amber"
    NEEDS_DATE = "needs_date"
    GREEN = "green"
    COMPLETE = "complete"
    SUPERSEDED = "superseded"
    CARRIED = "carried"

    @property
    def is_open(self) -> bool:
        """Whether the action is one a committee still follows."""
        return self in OPEN_RAG_STATES


OPEN_RAG_STATES: frozenset[RagState] = frozenset({RagState.RED, RagState.AMBER, RagState.NEEDS_DATE, RagState.GREEN})


class TimescaleKind(StrEnum):
    """What a free-text timescale says (``msgdesk.domain.timescales.interpret``)."""

    DATED = "dated"
    ONGOING = "ongoing"
    IN_PLACE = "in_place"
    TO_BE_AGREED = "to_be_agreed"
    UNRECOGNISED = "unrecognised"

    @property
    def needs_no_date(self) -> bool:
        """Ongoing or already in place: nothing to be due."""
        return self in (TimescaleKind.ONGOING, TimescaleKind.IN_PLACE)
