"""The check before IJB: what is missing or doubtful before the return goes to the IJB.

Qt-free, so that the window and the command line (`msgdesk ready`) show the same list."""

from __future__ import annotations

from dataclasses import dataclass

from msgdesk.timescales import interpret


@dataclass(frozen=True)
class Problem:
    proposal: str
    text: str
    action_row: int = -1  # which action, when the problem is about one
    kind: str = ""  # one of KINDS


#: Each kind of problem, with the words for "N of them" (singular, plural).
KINDS = {
    "no_rating": ("proposal without a rating", "proposals without a rating"),
    "no_evidence": ("proposal without evidence", "proposals without evidence"),
    "empty_action": ("empty action", "empty actions"),
    "no_timescale": ("action without a timescale", "actions without a timescale"),
    "unrecognised": ("action whose timescale is not recognised", "actions whose timescale is not recognised"),
}


def summarise(problems: list[Problem]) -> str:
    """"3 proposals without a rating, 52 actions without a timescale": how many of each kind."""
    counts = {kind: 0 for kind in KINDS}
    for problem in problems:
        counts[problem.kind] = counts.get(problem.kind, 0) + 1
    parts = [f"{n} {KINDS[kind][0] if n == 1 else KINDS[kind][1]}" for kind, n in counts.items() if n and kind in KINDS]
    return ", ".join(parts)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_problems(template, snap) -> list[Problem]:
    """Problems in template order: no rating, no evidence, actions with no text,
    no timescale, or a timescale not recognised (unless a due date was set by hand)."""
    found: list[Problem] = []
    for proposal in template.local_proposals:
        response = snap.response(proposal.id)
        if not response.rating:
            found.append(Problem(proposal.id, f"{proposal.id}: no rating", kind="no_rating"))
        if not response.evidence.strip():
            found.append(Problem(proposal.id, f"{proposal.id}: no evidence", kind="no_evidence"))
        for row, (_aid, action) in enumerate(response.actions):
            name = f"{proposal.id}, action {row + 1}"
            if action.action.strip():
                name += f" (“{_short(action.action)}”)"
            else:
                found.append(Problem(proposal.id, f"{proposal.id}, action {row + 1}: the action is empty", row, "empty_action"))
            if action.due_date is not None:
                continue
            if not action.timescale.strip():
                found.append(Problem(proposal.id, f"{name}: no timescale", row, "no_timescale"))
            elif interpret(action.timescale, snap.completed_on).kind == "unrecognised":
                found.append(
                    Problem(proposal.id, f"{name}: timescale “{_short(action.timescale, 30)}” not recognised — set a due date",
                            row, "unrecognised")
                )
    return found
