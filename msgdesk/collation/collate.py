"""The national picture as plain values: many partnerships' returns for one round, side by
side, compared with an earlier round and with a comparator group.  Qt-free and
database-free: it works on what ``Workspace.groups.comparison`` read, and the workbook,
the PDF, the window and "Where we stand" all print these same values.

* ``collate(facts, template)`` -> ``Collation``: a cell per local proposal and partnership
  (the rating, 1-4, or "No return"), per proposal how many partnerships chose each rating
  and the median, with an earlier round the change per cell (up, down, same, new) and how
  many moved, per partnership what its return holds (proposals rated, actions and, as at
  a date, how many are overdue, completed, on track), and who has no return.
* ``where_we_stand(facts, partnership, group, template)`` -> ``Standing``: one
  partnership's ratings beside the distribution of the rest of its comparator group.

Ratings are scored 1 (Not yet established) to 4 (Exemplary), the template's column order.
The median is over the partnerships that rated the proposal; it may fall half-way
between two ratings ("2.5").  Colours are for the heat map and always go with the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from msgdesk.collation.facts import ComparisonFacts, GroupInfo, ReturnFacts
from msgdesk.domain.errors import InputError, NotFoundError
from msgdesk.domain.return_values import RATING_LABELS, RATINGS
from msgdesk.domain.states import RatingChange, RoundStatus, Standing
from msgdesk.domain.template import KeyFeature, Proposal, Template
from msgdesk.domain.vocabulary import RagState, Rating
from msgdesk.tracker.rag import COMPLETE, GREEN, RAGS

if TYPE_CHECKING:
    from msgdesk.store.workspace import Workspace

# --- the collation -------------------------------------------------------------------------------

#: A rating's score: 1 Not yet established ... 4 Exemplary.
SCORES: dict[str, int] = {rating: number for number, rating in enumerate(RATINGS, 1)}

#: The heat map's colours (ColorBrewer RdBu, light tones: black text reads on each, and
#: red-blue stays apart for the common colour-blindnesses).  Never shown without the word.
RATING_COLOURS: dict[str, str] = {
    Rating.NOT_YET_ESTABLISHED: "#ef8a62",
    Rating.PARTLY_ESTABLISHED: "#fddbc7",
    Rating.ESTABLISHED: "#d1e5f0",
    Rating.EXEMPLARY: "#67a9cf",
}
NO_RETURN_COLOUR = "#d9d9d9"
NOT_RATED_COLOUR = "#ffffff"
CHANGE_COLOURS: dict[RatingChange, str] = {
    RatingChange.UP: "#92c5de",
    RatingChange.DOWN: "#f4a582",
    RatingChange.SAME: "#f2f2f2",
    RatingChange.NEW: "#e6dcc3",
}
NO_RETURN = "No return"
NOT_RATED = "Not rated"


def score(rating: str | None) -> int | None:
    return SCORES.get(rating) if rating else None


def rating_text(rating: str | None) -> str:
    """"3 Established"; "" without a rating."""
    return f"{SCORES[rating]} {RATING_LABELS[rating]}" if rating in SCORES else ""


def median_text(median: float | None) -> str:
    """"3 Established", "2.5 between Partly established and Established"; "" for none."""
    if median is None:
        return ""
    if median == int(median):
        return rating_text(RATINGS[int(median) - 1])
    low, high = RATINGS[int(median) - 1], RATINGS[int(median)]
    return f"{median:g} between {RATING_LABELS[low]} and {RATING_LABELS[high]}"


def change_between(previous: str | None, current: str | None) -> RatingChange | None:
    """How a rating moved: only a proposal rated now has a change."""
    if current not in SCORES:
        return None
    if previous not in SCORES:
        return RatingChange.NEW
    delta = SCORES[current] - SCORES[previous]
    return RatingChange.UP if delta > 0 else RatingChange.DOWN if delta < 0 else RatingChange.SAME


def _median(ratings: Iterable[str | None]) -> float | None:
    # Worked out here rather than by statistics.median: that module (with fractions and
    # decimal) is otherwise imported by collate alone, and compiling it is part of the
    # benchmark's run with no cached bytecode (bench_collation.py).
    scores = sorted(SCORES[r] for r in ratings if r in SCORES)
    if not scores:
        return None
    middle = len(scores) // 2
    return float(scores[middle]) if len(scores) % 2 else (scores[middle - 1] + scores[middle]) / 2


@dataclass(frozen=True)
class Cell:
    """One partnership's answer to one proposal in the round collated."""

    partnership: str
    proposal: str
    returned: bool
    rating: str | None = None
    #: With an earlier round: whether there was a return then, and its rating.
    previous_returned: bool = False
    previous: str | None = None
    change: RatingChange | None = None

    @property
    def score(self) -> int | None:
        return score(self.rating)

    @property
    def text(self) -> str:
        """What the cell says: "3 Established", "Not rated" or "No return"."""
        if not self.returned:
            return NO_RETURN
        return rating_text(self.rating) or NOT_RATED

    @property
    def colour(self) -> str:
        if not self.returned:
            return NO_RETURN_COLOUR
        return RATING_COLOURS.get(self.rating or "", NOT_RATED_COLOUR)

    @property
    def change_text(self) -> str:
        """"↑ Up" (2 Partly established → 3 Established) and so on; "" for no change."""
        return f"{self.change.symbol} {self.change.label}" if self.change else ""


@dataclass(frozen=True)
class ProposalLine:
    """One proposal across the partnerships compared."""

    proposal: Proposal
    counts: dict[str, int]
    rated: int
    not_rated: int
    no_return: int
    median: float | None
    #: With an earlier round: how many moved up, down, stayed, were new.
    changes: dict[RatingChange, int] = field(default_factory=dict)

    @property
    def median_text(self) -> str:
        return median_text(self.median)


@dataclass(frozen=True)
class PartnershipLine:
    """What one partnership's return for the round holds."""

    partnership: str
    returned: bool
    status: RoundStatus | None = None
    completed_on: date | None = None
    rated: int = 0
    actions: int = 0
    previous_returned: bool = False
    changes: dict[RatingChange, int] = field(default_factory=dict)
    #: As at a date: the return's actions by RAG (the tracker's), and the overdue ones.
    by_rag: dict[RagState, int] | None = None
    overdue: int | None = None

    @property
    def completed(self) -> int | None:
        return None if self.by_rag is None else self.by_rag[COMPLETE]

    @property
    def on_track(self) -> int | None:
        """Green in the tracker: open, dated, not due within 30 days, not at risk."""
        return None if self.by_rag is None else self.by_rag[GREEN]


@dataclass(frozen=True)
class Collation:
    round_label: str
    previous_label: str | None
    as_at: date | None
    #: The comparator group collated, if one was named.
    group: str | None
    partnerships: tuple[str, ...]
    key_features: tuple[KeyFeature, ...]
    proposals: tuple[Proposal, ...]
    cells: dict[tuple[str, str], Cell]
    by_proposal: tuple[ProposalLine, ...]
    by_partnership: tuple[PartnershipLine, ...]
    attribution: str = ""

    def cell(self, partnership: str, proposal: str) -> Cell:
        return self.cells[(partnership, proposal)]

    @property
    def with_return(self) -> tuple[str, ...]:
        return tuple(p.partnership for p in self.by_partnership if p.returned)

    @property
    def no_return(self) -> tuple[str, ...]:
        return tuple(p.partnership for p in self.by_partnership if not p.returned)

    @property
    def scope_text(self) -> str:
        """"Island authorities (3 partnerships)" / "All 31 partnerships"."""
        count = len(self.partnerships)
        noun = "partnership" if count == 1 else "partnerships"
        if self.group:
            return f"{self.group} ({count} {noun})"
        return f"All {count} {noun}"

    def local_key_features(self) -> list[tuple[KeyFeature, list[ProposalLine]]]:
        """The proposal lines under their key features, in template order."""
        lines = {line.proposal.id: line for line in self.by_proposal}
        return [(kf, [lines[p.id] for p in kf.proposals if p.id in lines]) for kf in self.key_features
                if any(p.id in lines for p in kf.proposals)]


def collate(facts: ComparisonFacts, template: Template, group: str | None = None) -> Collation:
    """The collation of ``facts`` (see the module documentation)."""
    proposals = template.local_proposals
    with_previous = facts.previous_label is not None
    cells: dict[tuple[str, str], Cell] = {}
    for name in facts.partnerships:
        now = facts.returns.get(name)
        before = facts.previous.get(name)
        for proposal in proposals:
            rating = now.ratings.get(proposal.id) if now else None
            previous = before.ratings.get(proposal.id) if before else None
            cells[(name, proposal.id)] = Cell(
                name, proposal.id, now is not None, rating, before is not None, previous,
                change_between(previous, rating) if with_previous and now is not None else None)
    by_proposal = tuple(_proposal_line(p, [cells[(n, p.id)] for n in facts.partnerships], with_previous)
                        for p in proposals)
    by_partnership = tuple(
        _partnership_line(name, facts.returns.get(name), facts.previous.get(name),
                          [cells[(name, p.id)] for p in proposals], facts, with_previous)
        for name in facts.partnerships)
    return Collation(facts.round_label, facts.previous_label, facts.as_at, group, facts.partnerships,
                     template.key_features, proposals, cells, by_proposal, by_partnership, template.attribution)


def _changes(cells: Sequence[Cell]) -> dict[RatingChange, int]:
    counts = dict.fromkeys(RatingChange, 0)
    for cell in cells:
        if cell.change is not None:
            counts[cell.change] += 1
    return counts


def _proposal_line(proposal: Proposal, cells: Sequence[Cell], with_previous: bool) -> ProposalLine:
    returned = [c for c in cells if c.returned]
    counts = {rating: sum(1 for c in returned if c.rating == rating) for rating in RATINGS}
    rated = sum(counts.values())
    return ProposalLine(proposal, counts, rated, len(returned) - rated, len(cells) - len(returned),
                        _median(c.rating for c in returned), _changes(cells) if with_previous else {})


def _partnership_line(name: str, now: ReturnFacts | None, before: ReturnFacts | None, cells: Sequence[Cell],
                      facts: ComparisonFacts, with_previous: bool) -> PartnershipLine:
    if now is None:
        return PartnershipLine(name, False, previous_returned=before is not None)
    by_rag = overdue = None
    if facts.tracker is not None and facts.as_at is not None:
        by_rag = dict.fromkeys(RAGS, 0)
        overdue = 0
        for row in facts.tracker.get(name, ()):
            rag = row.rag(facts.as_at)
            by_rag[rag.rag] += 1
            overdue += rag.overdue
    return PartnershipLine(
        name, True, now.status, now.completed_on, sum(1 for c in cells if c.score is not None), now.actions,
        before is not None, _changes(cells) if with_previous else {}, by_rag, overdue)


# --- where we stand ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandingLine:
    proposal: Proposal
    rating: str | None
    #: The rest of the group's ratings of this proposal.
    counts: dict[str, int]
    rated: int
    median: float | None
    standing: Standing | None

    @property
    def median_text(self) -> str:
        return median_text(self.median)


@dataclass(frozen=True)
class StandingReport:
    """One partnership's ratings beside the distribution of the rest of a comparator group."""

    partnership: str
    round_label: str
    group: str
    #: The other members with a return for the round (whose ratings are counted) and without.
    compared: tuple[str, ...]
    without_return: tuple[str, ...]
    in_group: bool
    lines: tuple[StandingLine, ...]
    key_features: tuple[KeyFeature, ...]
    attribution: str = ""

    def summary(self) -> dict[Standing, int]:
        counts = dict.fromkeys(Standing, 0)
        for line in self.lines:
            if line.standing is not None:
                counts[line.standing] += 1
        return counts

    def basis_text(self) -> str:
        """Whose ratings the distribution counts, in a sentence."""
        count = len(self.compared)
        others = "member" if count == 1 else "members"
        text = (f"The distribution counts the ratings of the {count} other {others} of {self.group} with a "
                f"return for {self.round_label}" if self.in_group else
                f"The distribution counts the ratings of the {count} {others} of {self.group} with a return for "
                f"{self.round_label} ({self.partnership} is not one of them)")
        if self.without_return:
            text += f"; no return from {', '.join(self.without_return)}"
        return text + "."


def where_we_stand(facts: ComparisonFacts, partnership: str, group: GroupInfo, template: Template) -> StandingReport:
    """``partnership``'s return for ``facts.round_label`` beside the rest of ``group``.
    ``facts`` must cover the partnership and the group's members."""
    own = facts.returns.get(partnership)
    if own is None:
        raise NotFoundError(f"{partnership} has no return for round {facts.round_label}")
    others = [m for m in group.members if m != partnership]
    compared = tuple(m for m in others if m in facts.returns)
    without = tuple(m for m in others if m not in facts.returns)
    lines = []
    for proposal in template.local_proposals:
        theirs = [facts.returns[m].ratings.get(proposal.id) for m in compared]
        counts = {rating: theirs.count(rating) for rating in RATINGS}
        median = _median(theirs)
        ours = score(own.ratings.get(proposal.id))
        standing = None
        if ours is not None and median is not None:
            standing = Standing.ABOVE if ours > median else Standing.BELOW if ours < median else Standing.LEVEL
        lines.append(StandingLine(proposal, own.ratings.get(proposal.id), counts, sum(counts.values()), median,
                                  standing))
    return StandingReport(partnership, facts.round_label, group.name, compared, without,
                          partnership in group.members, tuple(lines), template.key_features, template.attribution)


# --- read through a workspace ---------------------------------------------------------------------


def collation_for(workspace: Workspace, round_label: str, previous_label: str | None = None, *,
                  partnerships: Sequence[str] | None = None, group: str | None = None,
                  as_at: date | None = None) -> Collation:
    """The collation of ``round_label`` for the named ``partnerships`` (names or parts of
    names), or a comparator ``group``, or every partnership."""
    groups = workspace.comparisons
    labels = groups.round_labels()
    for label in (round_label, previous_label):
        if label is not None and label not in labels:
            held = ", ".join(labels) or "none yet"
            raise NotFoundError(f"no partnership has a round {label!r}; the rounds are: {held}")
    if previous_label == round_label:
        raise InputError(f"compare round {round_label} with another round, not with itself")
    group_name = None
    names: list[str] | None = None
    if group is not None:
        info = groups.group(group)
        group_name, names = info.name, list(info.members)
    elif partnerships is not None:
        names = groups.resolve(partnerships)
        if not names:
            raise InputError("say which partnerships to collate (--partnerships NAME ...)")
    facts = groups.comparison(round_label, previous_label, partnerships=names, as_at=as_at)
    return collate(facts, workspace.template, group_name)


def standing_for(workspace: Workspace, partnership: str, round_label: str, group: str) -> StandingReport:
    """"Where we stand": ``partnership``'s return for ``round_label`` beside ``group``."""
    comparisons = workspace.comparisons
    info = comparisons.group(group)
    names = sorted({partnership, *info.members})
    facts = comparisons.comparison(round_label, partnerships=names)
    return where_we_stand(facts, partnership, info, workspace.template)
