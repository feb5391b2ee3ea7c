"""Returns with known ratings, for the collation's tests: who rated what is a formula of
the partnership, the proposal and the round, so a test can say what every cell must show
without reading the database."""

from __future__ import annotations

from datetime import date

from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData

#: Partnership names: ordinary, long, and ones a spreadsheet would take for a formula.
PARTNERSHIPS = (
    "Angus",
    "=HYPERLINK(\"http://x\",\"Orkney\")",
    "Orkney Health and Care",
    "Shetland",
    "Western Isles (Comhairle nan Eilean Siar) Health and Social Care Partnership",
    "+Midlothian",
)
ROUND, PREVIOUS = "2021", "2019"
#: (partnership, round) with no return.
MISSING = {("Shetland", ROUND), ("Angus", PREVIOUS), ("+Midlothian", PREVIOUS)}
ISLANDS = ("Orkney Health and Care", "Shetland", "Western Isles (Comhairle nan Eilean Siar) Health and Social Care "
           "Partnership")


def rating(partnership: str, proposal_index: int, label: str) -> str | None:
    """The known rating; None (not rated) now and then."""
    p = PARTNERSHIPS.index(partnership)
    r = 0 if label == PREVIOUS else 1
    if (p * 7 + proposal_index * 3 + r) % 11 == 0:
        return None
    return RATINGS[(p + proposal_index * (r + 1) + r * (proposal_index % 3)) % 4]


def actions_of(partnership: str, proposal_index: int) -> list[ActionData]:
    p = PARTNERSHIPS.index(partnership)
    timescales = ("December 2020", "March 2021", "Ongoing", "December 2030", "TBC")
    return [ActionData(f"Action {n}", timescale=timescales[(p + proposal_index + n) % len(timescales)])
            for n in range((p + proposal_index) % 3)]


def add_returns(workspace, template, partnerships=PARTNERSHIPS) -> None:
    for label in (PREVIOUS, ROUND):
        for name in partnerships:
            if (name, label) in MISSING:
                continue
            responses = [ResponseData(p.id, rating(name, i, label), actions=actions_of(name, i))
                         for i, p in enumerate(template.local_proposals)]
            workspace.rounds.import_return(ReturnData(name, label, completed_on=date(int(label), 4, 1),
                                                      responses=responses))


def expected_ratings(template, label: str) -> dict[tuple[str, str], str | None]:
    """(partnership, proposal) -> rating, for the partnerships with a return for ``label``."""
    return {(name, p.id): rating(name, i, label) for name in PARTNERSHIPS
            for i, p in enumerate(template.local_proposals) if (name, label) not in MISSING}
