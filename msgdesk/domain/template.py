"""The MSG self-evaluation template as data.

The template (key features, proposals, MSG timescales, rating descriptors and
guidance) lives in ``resources/template/msg-self-evaluation.json``; this module
reads it into immutable values.  Crown copyright, Open Government Licence v3.0.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from msgdesk.domain.core_states import Rating  # not vocabulary's other enums (issue 22)
from msgdesk.domain.record import TYPE_CHECKING, NamedTuple
from msgdesk.paths import resource_path

if TYPE_CHECKING:
    from typing import Any

TEMPLATE_FILE = ("template", "msg-self-evaluation.json")
NATIONAL_NOTE = "NOT FOR LOCAL COMPLETION – NATIONAL BODIES RESPONSIBLE"


# Proposal and KeyFeature are NamedTuples (read by their fields' names): a frozen dataclass
# costs every command half a millisecond to build at import, a NamedTuple a tenth of that.
# Template is a plain class: ``dataclasses`` alone (with inspect, ast, dis and tokenize) is
# about 11 ms of ``msgdesk list`` and ``export --json``, which read the template on every run.


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


class Template:
    """The template: immutable, equal to another with the same four fields (as the frozen
    dataclass it was), hashable."""

    __slots__ = ("title", "attribution", "guidance", "key_features", "proposals", "local_proposals", "_by_id")

    title: str
    attribution: str
    guidance: tuple[str, ...]
    key_features: tuple[KeyFeature, ...]
    # Worked out once per template (the fields are frozen): the tracker asks for each
    # action's proposal and its place, and a collation of 31 partnerships has 40,000
    # actions -- walking the key features each time cost 0.6 s of 'msgdesk collate'.
    proposals: tuple[Proposal, ...]
    local_proposals: tuple[Proposal, ...]
    #: Each proposal and its position in template order, by id (the first, if an id repeats).
    _by_id: dict[str, tuple[int, Proposal]]

    def __init__(self, title: str, attribution: str, guidance: tuple[str, ...],
                 key_features: tuple[KeyFeature, ...]) -> None:
        proposals = tuple(p for kf in key_features for p in kf.proposals)
        by_id: dict[str, tuple[int, Proposal]] = {}
        for position, p in enumerate(proposals):
            by_id.setdefault(p.id, (position, p))
        for name, value in (("title", title), ("attribution", attribution), ("guidance", guidance),
                            ("key_features", key_features), ("proposals", proposals),
                            ("local_proposals", tuple(p for p in proposals if p.local)), ("_by_id", by_id)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Template is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Template is immutable")

    def _fields(self) -> tuple[str, str, tuple[str, ...], tuple[KeyFeature, ...]]:
        return self.title, self.attribution, self.guidance, self.key_features

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Template)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Template(title={self.title!r}, attribution={self.attribution!r}, guidance={self.guidance!r}, "
                f"key_features={self.key_features!r})")

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
    # The ratings' values in column order, read from the enum once: iterating it and reading
    # each member's value (enum's descriptors, in Python) for each of 25 proposals was a fifth
    # of reading the template (0.5M of 2.5M instructions), which list and export do every run.
    ratings = [rating.value for rating in Rating]
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
                    descriptors=tuple((value, descriptors[value]) for value in ratings if value in descriptors),
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
