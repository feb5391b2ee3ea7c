"""Find in the return: every place a text occurs, proposal by proposal (no Qt here).

Searched: each proposal's own wording, its evidence, and every improvement action's
cells (action, how we will deliver, timescale, lead).  Case and accents are ignored
the way an officer expects of Word's Find ("Cafe" finds "Café").
"""

from __future__ import annotations

import unicodedata

from msgdesk.domain.record import NamedTuple

#: The places a hit can be, in the order they are listed within a proposal.
WORDING, EVIDENCE, ACTION = "wording", "evidence", "action"
ACTION_FIELDS = ("action", "delivery", "timescale", "lead")


class Hit(NamedTuple):
    """One place the text was found.  (A NamedTuple, not a frozen dataclass: this module is
    loaded with every proposal page, for its place names, and a dataclass is compiled at import.)"""

    proposal: str
    where: str  # WORDING, EVIDENCE or ACTION
    start: int  # position in the text (characters)
    length: int
    snippet: str  # a few words either side, on one line
    action_row: int = -1
    column: int = -1  # the actions table's column (ACTION_FIELDS order)


def _fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents, and for each folded character its position in ``text``."""
    folded: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        base = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in base if not unicodedata.combining(c)).casefold()
        for c in base or char:
            folded.append(c)
            where.append(index)
    return "".join(folded), where


def _snippet(text: str, start: int, length: int, width: int = 36) -> str:
    before = text[max(0, start - width):start]
    after = text[start + length:start + length + width]
    cut_before = "…" if start > width else ""
    cut_after = "…" if start + length + width < len(text) else ""
    return " ".join(f"{cut_before}{before}[{text[start:start + length]}]{after}{cut_after}".split())


def find_in_text(text: str, needle: str) -> list[tuple[int, int]]:
    """(start, length) of every occurrence of ``needle`` in ``text``, ignoring case and accents."""
    wanted, _ = _fold(needle.strip())
    if not wanted or not text:
        return []
    folded, where = _fold(text)
    found = []
    at = folded.find(wanted)
    while at >= 0:
        start = where[at]
        end = where[at + len(wanted) - 1] + 1
        found.append((start, end - start))
        at = folded.find(wanted, at + len(wanted))
    return found


def find_in_return(template, snap, needle: str) -> list[Hit]:
    """Every hit in template order: wording, evidence, then the actions row by row."""
    hits: list[Hit] = []
    if not needle.strip():
        return hits
    for proposal in template.proposals:
        for start, length in find_in_text(proposal.text, needle):
            hits.append(Hit(proposal.id, WORDING, start, length, _snippet(proposal.text, start, length)))
        if not proposal.local:
            continue
        response = snap.response(proposal.id)
        for start, length in find_in_text(response.evidence, needle):
            hits.append(Hit(proposal.id, EVIDENCE, start, length, _snippet(response.evidence, start, length)))
        for row, (_aid, action) in enumerate(response.actions):
            for column, name in enumerate(ACTION_FIELDS):
                value = getattr(action, name) or ""
                for start, length in find_in_text(value, needle):
                    hits.append(Hit(proposal.id, ACTION, start, length, _snippet(value, start, length), row, column))
    return hits
