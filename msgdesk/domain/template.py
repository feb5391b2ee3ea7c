"""The MSG self-evaluation template as data.

The template (key features, proposals, MSG timescales, rating descriptors and
guidance) lives in ``resources/template/msg-self-evaluation.json``; this module
reads it into immutable values.  Crown copyright, Open Government Licence v3.0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from msgdesk.domain.vocabulary import Rating
from msgdesk.paths import resource_path

TEMPLATE_FILE = ("template", "msg-self-evaluation.json")
NATIONAL_NOTE = "NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE"


# Proposal and KeyFeature are NamedTuples (read by their fields' names): a frozen dataclass
# costs every command half a millisecond to build at import, a NamedTuple a tenth of that.
# Template keeps its cached properties.


class Proposal(NamedTuple):
    """One proposal of the template, as the MSG report words it."""

    id: str  # "2.3"
    key_feature: int  # 2
    text: str
    timescale: str  # the MSG report's timescale, as written
    local: bool  # False for 3.2, 3.3 and 5.3 (national bodies responsible)
    descriptors: tuple[tuple[str, str], ...]  # ((rating slug, text), ...) in column order; () if national

    def descriptor(self, rating: str) -> str:
        return dict(self.descriptors).get(rating, "")


class KeyFeature(NamedTuple):
    """One of the template's key features and its proposals."""

    number: int
    title: str
    proposals: tuple[Proposal, ...]


@dataclass(frozen=True)
class Template:
    title: str
    attribution: str
    guidance: tuple[str, ...]
    key_features: tuple[KeyFeature, ...]

    # Worked out once per template (the fields are frozen): the tracker asks for each
    # action's proposal and its place, and a collation of 31 partnerships has 40,000
    # actions -- walking the key features each time cost 0.6 s of 'msgdesk collate'.
    @cached_property
    def proposals(self) -> tuple[Proposal, ...]:
        return tuple(p for kf in self.key_features for p in kf.proposals)

    @cached_property
    def local_proposals(self) -> tuple[Proposal, ...]:
        return tuple(p for p in self.proposals if p.local)

    @cached_property
    def _by_id(self) -> dict[str, tuple[int, Proposal]]:
        """Each proposal and its position in template order, by id (the first, if an id repeats)."""
        index: dict[str, tuple[int, Proposal]] = {}
        for position, p in enumerate(self.proposals):
            index.setdefault(p.id, (position, p))
        return index

    def proposal(self, proposal_id: str) -> Proposal:
        found = self._by_id.get(proposal_id)
        if found is None:
            raise KeyError(proposal_id)
        return found[1]

    def has_proposal(self, proposal_id: str) -> bool:
        return proposal_id in self._by_id

    def key_feature(self, number: int) -> KeyFeature:
        for kf in self.key_features:
            if kf.number == number:
                return kf
        raise KeyError(number)

    def order(self, proposal_id: str) -> int:
        """Position of a proposal in template order (for sorting)."""
        found = self._by_id.get(proposal_id)
        return len(self.proposals) if found is None else found[0]


def _parse(data: dict[str, Any]) -> Template:  # Any: the template file's JSON
    key_features = []
    for kf in data["key_features"]:
        proposals = []
        for p in kf["proposals"]:
            descriptors = p.get("descriptors") or {}
            proposals.append(
                Proposal(
                    id=p["id"],
                    key_feature=int(kf["number"]),
                    text=p["text"],
                    timescale=p["timescale"],
                    local=bool(p["local"]),
                    descriptors=tuple((r.value, descriptors[r]) for r in Rating if r in descriptors),
                )
            )
        key_features.append(KeyFeature(int(kf["number"]), kf["title"], tuple(proposals)))
    return Template(
        title=data["title"],
        attribution=data["attribution"],
        guidance=tuple(data.get("guidance", ())),
        key_features=tuple(key_features),
    )


def load_template(path: Path | None = None) -> Template:
    """Read the template from ``path`` (default: the bundled one)."""
    if path is None:
        return _bundled_template()
    with open(path, encoding="utf-8") as fh:
        return _parse(json.load(fh))


@lru_cache(maxsize=1)
def _bundled_template() -> Template:
    with open(resource_path(*TEMPLATE_FILE), encoding="utf-8") as fh:
        return _parse(json.load(fh))
