"""The check before IJB: what is missing or doubtful before the return goes to the IJB.

Qt-free, so that the window and the command line (`msgdesk ready`) show the same list.

What is checked, proposal by proposal in template order:

- no rating; no evidence (an Exemplary rating without evidence is its own, stronger,
  finding: the committee will ask what shows it);
- every improvement action: empty, no timescale, a timescale that is not recognised
  (unless a due date was set by hand), a due date before the round's date of
  completion (a typing slip, or an action that was already late when the return was
  written), and an action carried forward from an earlier round whose due date has
  passed (it needs a new date, or closing, before the IJB sees it);
- for the round: no date of completion yet (relative timescales count from it);
- contributions: every merge conflict still waiting for someone to choose (under its
  proposal), and every contribution pack sent but not merged yet (for the round).

An approved return has nothing left to check: it is the record.  ``group_problems``
puts the list under its key features and proposals, with their titles.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgdesk.domain.core_states import CLOSED_ACTION_STATUSES, RoundStatus  # not states' other enums
from msgdesk.domain.dates import long_date
from msgdesk.domain.record import NamedTuple, Record
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import Rating, TimescaleKind

if TYPE_CHECKING:  # for the annotations only: the check reads what it is given
    from msgdesk.domain.template import Template
    from msgdesk.store.snapshot import RoundSnapshot


class Problem(NamedTuple):
    """One thing to check.  (A NamedTuple, and the lists below ``Record``s, not dataclasses:
    this module loads for the window's first paint, and a dataclass is compiled at import.)"""

    proposal: str  # "" for the round as a whole
    text: str  # one line, with the proposal: "1.2: no evidence"
    action_row: int = -1  # which action, when the problem is about one
    kind: str = ""  # one of KINDS
    #: the problem without the proposal's number ("no evidence"), for a list grouped by proposal
    detail: str = ""
    #: the values ``detail`` is made of, for a translated wording: (name, value) pairs
    params: tuple[tuple[str, str], ...] = ()


#: Each kind of problem, with the words for "N of them" (singular, plural).
KINDS = {
    "no_completion_date": ("round without a date of completion", "rounds without a date of completion"),
    "no_rating": ("proposal without a rating", "proposals without a rating"),
    "no_evidence": ("proposal without evidence", "proposals without evidence"),
    "exemplary_no_evidence": ("Exemplary rating without evidence", "Exemplary ratings without evidence"),
    "empty_action": ("empty action", "empty actions"),
    "no_timescale": ("action without a timescale", "actions without a timescale"),
    "unrecognised": ("action whose timescale is not recognised", "actions whose timescale is not recognised"),
    "due_before_completion": ("action due before the date of completion",
                              "actions due before the date of completion"),
    "carried_overdue": ("carried-forward action already overdue", "carried-forward actions already overdue"),
    "merge_conflict": ("merge conflict waiting", "merge conflicts waiting"),
    "pack_not_merged": ("contribution pack not merged yet", "contribution packs not merged yet"),
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


def _day(value: date) -> str:
    return long_date(value)


def carried_from_round(reference: str, proposal_id: str, round_label: str) -> str | None:
    """The round an action was carried forward from, read from its reference, or None.

    A reference is "<round>-<proposal>-<number>" and stays with an action carried into a
    later round ("2019-2.3-1" in round 2021 came from 2019).  Round labels may hold "-"
    themselves ("2021-22"), so the round is what stands before "-<proposal>-<number>"."""
    marker = f"-{proposal_id}-"
    at = reference.rfind(marker)
    if at <= 0 or not reference[at + len(marker):].isdigit():
        return None
    origin = reference[:at]
    return origin if origin != round_label else None


def _problem(proposal: str, kind: str, detail: str, row: int = -1, **params: object) -> Problem:
    text = f"{proposal}: {detail}" if row < 0 else f"{proposal}, {detail}"
    if not proposal:
        text = detail
    return Problem(proposal, text, row, kind, detail, tuple((k, str(v)) for k, v in params.items()))


def find_problems(template: Template, snap: RoundSnapshot, today: date | None = None) -> list[Problem]:
    """Problems in template order (see the module's docstring); none once approved.

    ``today`` (default: the real today) decides which carried-forward actions are overdue."""
    if snap.status == RoundStatus.APPROVED:
        return []
    today = today or date.today()
    completed = snap.completed_on
    found: list[Problem] = []
    if completed is None:
        found.append(_problem("", "no_completion_date",
                              "the round has no date of completion yet: timescales such as “6 months” count from it"))
    for pack in getattr(snap, "packs_out", ()):
        # a pack's proposals as text, for a pack not merged yet (the window's first frame needs none)
        from msgdesk.contributions.proposals import proposals_text

        shown = proposals_text(pack.proposals, template)
        found.append(_problem("", "pack_not_merged",
                              f"the contribution pack for {pack.for_whom} (proposals {shown}, sent "
                              f"{_day(pack.created_at)}) has not been merged yet: merge the reply, or withdraw "
                              "the pack (msgdesk packs --withdraw)",
                              name=pack.for_whom, proposals=shown, sent=_day(pack.created_at)))
    conflicts: dict[str, list] = {}
    for conflict in getattr(snap, "open_conflicts", ()):
        conflicts.setdefault(conflict.proposal, []).append(conflict)
    for proposal in template.local_proposals:
        pid = proposal.id
        for conflict in conflicts.get(pid, ()):
            found.append(_problem(pid, "merge_conflict",
                                  f"{conflict.place}: {conflict.contributor}'s reply and the return differ — "
                                  "choose in Round → Resolve merge conflicts",
                                  place=conflict.place, name=conflict.contributor))
        response = snap.response(pid)
        if not response.rating:
            found.append(_problem(pid, "no_rating", "no rating"))
        if not response.evidence.strip():
            if response.rating == Rating.EXEMPLARY:
                found.append(_problem(pid, "exemplary_no_evidence",
                                      "rated Exemplary without evidence: say what shows it"))
            else:
                found.append(_problem(pid, "no_evidence", "no evidence"))
        for row, (_aid, action) in enumerate(response.actions):
            number = row + 1
            name = f"action {number}"
            short = _short(action.action)
            if action.action.strip():
                name += f" (“{short}”)"
            else:
                found.append(_problem(pid, "empty_action", f"action {number}: the action is empty", row, n=number))
            origin = carried_from_round(action.reference, pid, snap.label)
            due = action.due(completed)
            if origin is not None and due is not None and due < today and action.status not in CLOSED:
                found.append(_problem(pid, "carried_overdue",
                                      f"{name}: carried forward from {origin}, due {_day(due)} — overdue; "
                                      "set a new date or close it", row,
                                      n=number, action=short, due=_day(due), origin=origin))
            elif completed is not None and due is not None and due < completed:
                found.append(_problem(pid, "due_before_completion",
                                      f"{name}: due {_day(due)}, before the date of completion ({_day(completed)})",
                                      row, n=number, action=short, due=_day(due), completed=_day(completed)))
            if action.due_date is not None:
                continue
            if not action.timescale.strip():
                found.append(_problem(pid, "no_timescale", f"{name}: no timescale", row, n=number, action=short))
            elif interpret(action.timescale, completed).kind is TimescaleKind.UNRECOGNISED:
                found.append(_problem(pid, "unrecognised",
                                      f"{name}: timescale “{_short(action.timescale, 30)}” not recognised — "
                                      "set a due date", row,
                                      n=number, action=short, timescale=_short(action.timescale, 30)))
    return found


#: Statuses of an action that is finished with (never overdue).
CLOSED = CLOSED_ACTION_STATUSES


class ProposalProblems(Record):
    __slots__ = ("proposal", "title", "problems")

    def __init__(self, proposal: str, title: str, problems: list[Problem] | None = None) -> None:
        self.proposal = proposal
        self.title = title
        self.problems: list[Problem] = [] if problems is None else problems


class KeyFeatureProblems(Record):
    __slots__ = ("number", "title", "proposals")

    def __init__(self, number: int, title: str, proposals: list[ProposalProblems] | None = None) -> None:
        self.number = number  # 0: the round as a whole
        self.title = title
        self.proposals: list[ProposalProblems] = [] if proposals is None else proposals

    def count(self) -> int:
        return sum(len(p.problems) for p in self.proposals)


def group_problems(template: Template, problems: list[Problem]) -> list[KeyFeatureProblems]:
    """The problems under their key features and proposals, with titles, in template order."""
    groups: list[KeyFeatureProblems] = []
    round_level = [p for p in problems if not p.proposal]
    if round_level:
        groups.append(KeyFeatureProblems(0, "The round", [ProposalProblems("", "Round details", round_level)]))
    by_proposal: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.proposal:
            by_proposal.setdefault(problem.proposal, []).append(problem)
    for kf in template.key_features:
        group = KeyFeatureProblems(kf.number, kf.title)
        for proposal in template.proposals:
            if proposal.key_feature == kf.number and proposal.id in by_proposal:
                group.proposals.append(ProposalProblems(proposal.id, proposal.text, by_proposal[proposal.id]))
        if group.proposals:
            groups.append(group)
    return groups
