"""The words msgdesk's values are made of, as enums: ratings, RAG, timescale kinds.

The states things move through (round status, action status, packs, conflicts) are in
``msgdesk.domain.states``; these are the other vocabularies.  String enums, so that the
database, the return files and the workbooks keep their readable values
(``Rating("established") == "established"``), and a member is written wherever a string
was.  Standard library only.
"""

from __future__ import annotations

from enum import StrEnum

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True):
#: ``msgdesk list`` and ``export --json`` load no typing (issue 22).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, TypeVar

    E = TypeVar("E", bound=StrEnum)


class Rating(StrEnum):
    """A proposal's self-evaluation rating, in the order of the template's columns."""

    NOT_YET_ESTABLISHED = "not_yet_established"
    PARTLY_ESTABLISHED = "partly_established"
    ESTABLISHED = "established"
    EXEMPLARY = "exemplary"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]


RATING_LABELS: dict[Rating, str] = {
    Rating.NOT_YET_ESTABLISHED: "Not yet established",
    Rating.PARTLY_ESTABLISHED: "Partly established",
    Rating.ESTABLISHED: "Established",
    Rating.EXEMPLARY: "Exemplary",
}


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


def member(enum: type[E], value: Any) -> Any:
    """``value`` as a member of ``enum`` when it is one of its values; anything else as it
    came, so that the reader that validates it (a return file, a damaged row) reports it in
    its own words rather than a ValueError here."""
    if isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        return value
