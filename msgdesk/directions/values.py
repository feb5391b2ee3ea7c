"""A direction as plain values: what the exchange file reads and writes, what the store
keeps and what the log prints.  Standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Partner(StrEnum):
    """A delivery partner a direction is issued to (the exchange file's ``issued_to``)."""

    HEALTH_BOARD = "health_board"
    LOCAL_AUTHORITY = "local_authority"

    @property
    def label(self) -> str:
        return PARTNER_LABELS[self]


PARTNER_LABELS: dict[Partner, str] = {
    Partner.HEALTH_BOARD: "Health Board",
    Partner.LOCAL_AUTHORITY: "Local Authority",
}


class ResourceBasis(StrEnum):
    """How the resource is made available (guidance para 4.4): a payment, a sum set aside
    (large hospital services, para 4.6), or both."""

    PAYMENT = "payment"
    SET_ASIDE = "set_aside"
    PAYMENT_AND_SET_ASIDE = "payment_and_set_aside"

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]


BASIS_LABELS: dict[ResourceBasis, str] = {
    ResourceBasis.PAYMENT: "Payment",
    ResourceBasis.SET_ASIDE: "Sum set aside",
    ResourceBasis.PAYMENT_AND_SET_ASIDE: "Payment and sum set aside",
}


@dataclass(frozen=True)
class Bodies:
    """The names of a partnership's delivery partners ("NHS Ayrshire & Arran"); empty
    where none is kept, and then the log says "the Health Board"."""

    health_board: str = ""
    local_authority: str = ""

    def name(self, partner: Partner) -> str:
        given = self.health_board if partner is Partner.HEALTH_BOARD else self.local_authority
        return given or partner.label

    def names(self, partners: tuple[Partner, ...]) -> str:
        return " and ".join(self.name(p) for p in partners)


@dataclass
class Milestone:
    milestone: str
    timescale: str = ""
    #: A due date set by hand; otherwise the date read from the timescale.
    due_date: date | None = None
    #: When it was reached (recorded after issue, like a delivery issue).
    achieved_on: date | None = None


@dataclass
class Entry:
    """A dated delivery issue or progress update: only ever added to."""

    on_date: date
    text: str
    author: str = ""


@dataclass
class Direction:
    reference: str
    title: str
    functions: list[str]
    issued_to: tuple[Partner, ...]
    instruction: str
    issued_on: date | None = None  # None: a draft
    ijb_meeting: date | None = None
    ijb_report: str = ""
    minute_reference: str = ""
    outcomes: str = ""
    resource_pence: int | None = None
    resource_basis: ResourceBasis | None = None
    timescale: str = ""
    review_date: date | None = None
    milestones: list[Milestone] = field(default_factory=list)
    #: The reference of the earlier direction this one varies (and so supersedes).
    supersedes: str | None = None
    revoked_on: date | None = None
    revoked_reason: str = ""
    completed_on: date | None = None
    delivery_issues: list[Entry] = field(default_factory=list)
    updates: list[Entry] = field(default_factory=list)

    @property
    def is_issued(self) -> bool:
        return self.issued_on is not None


@dataclass
class DirectionsData:
    """A partnership's directions, as an exchange file holds them."""

    partnership: str
    directions: list[Direction] = field(default_factory=list)


def partners_in_order(partners: Iterable[str]) -> tuple[Partner, ...]:
    """``partners`` once each, the Health Board first (the order files and outputs use)."""
    chosen = {Partner(p) for p in partners}
    return tuple(p for p in Partner if p in chosen)


@dataclass(frozen=True)
class Link:
    """The other end of a supersession: an earlier or a later direction."""

    id: int
    reference: str
    issued_on: date | None


@dataclass(frozen=True)
class DirectionRecord:
    """A stored direction with where it sits in the chain of supersession."""

    id: int
    partnership: str
    data: Direction
    #: Row version, for optimistic concurrency on a shared database (drafts only change).
    version: int
    milestone_ids: tuple[int, ...] = ()
    #: The earlier direction this one supersedes.
    supersedes: Link | None = None
    #: The issued direction that supersedes this one.
    superseded_by: Link | None = None
    #: Drafts that would supersede this one once issued (a "Vary…" in progress).
    varied_by_drafts: tuple[Link, ...] = ()

    @property
    def reference(self) -> str:
        return self.data.reference


def next_reference(references: list[str], year: int) -> str:
    """A suggestion for the next log reference, following the log's own pattern
    ("NAIJB-2021-04" → "NAIJB-2021-05", or "NAIJB-2022-01" in a new year); "" if the
    log has no numbered reference to follow."""
    import re

    numbered = [m for m in (re.fullmatch(r"(.*?)(\d{4})([-/ ]?)(\d+)", r) for r in references) if m]
    if not numbered:
        return ""
    latest = max(numbered, key=lambda m: (int(m.group(2)), int(m.group(4))))
    prefix, _year, joiner, number = latest.groups()
    this_year = [int(m.group(4)) for m in numbered if m.group(1) == prefix and int(m.group(2)) == year]
    following = max(this_year) + 1 if this_year else 1
    return f"{prefix}{year}{joiner}{following:0{len(number)}d}"
