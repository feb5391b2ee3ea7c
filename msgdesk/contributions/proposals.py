"""Which proposals a contribution pack holds: read from ``--proposals 2.1-2.6,4.4`` and
written back shortened ("2.1–2.6, 4.4") for messages, sheets and the review."""

from __future__ import annotations

import re

from msgdesk.domain.errors import InputError
from msgdesk.domain.template import Template

_ONE = re.compile(r"([0-9]+)\.([0-9]+)\Z")
_RANGE = re.compile(r"([0-9]+)\.([0-9]+)\s*-\s*(?:([0-9]+)\.)?([0-9]+)\Z")
_FEATURE = re.compile(r"([0-9]+)\Z")


def parse_proposals(spec: str, template: Template) -> list[str]:
    """"2.1-2.6,4.4" (or "2" for all of key feature 2) as proposal ids in template order.

    A range takes the proposals for local completion within it; naming a proposal that is
    not for local completion on its own is refused, like one the template does not have."""
    chosen: list[str] = []
    local = [p.id for p in template.local_proposals]
    parts = [part.strip() for part in (spec or "").split(",")]
    if not any(parts):
        raise InputError("--proposals: say which proposals, e.g. 2.1-2.6,4.4")
    for part in parts:
        if not part:
            continue
        if (one := _ONE.match(part)) is not None:
            pid = f"{int(one[1])}.{int(one[2])}"
            if not template.has_proposal(pid):
                raise InputError(f"--proposals: there is no proposal {pid} in the template")
            if pid not in local:
                raise InputError(f"--proposals: proposal {pid} is not for local completion (national bodies "
                                 "responsible)")
            chosen.append(pid)
        elif (span := _RANGE.match(part)) is not None:
            start = (int(span[1]), int(span[2]))
            end = (int(span[3] or span[1]), int(span[4]))
            for pid in (f"{start[0]}.{start[1]}", f"{end[0]}.{end[1]}"):
                if not template.has_proposal(pid):
                    raise InputError(f"--proposals: there is no proposal {pid} in the template (in {part!r})")
            if end < start:
                raise InputError(f"--proposals: {part!r} runs backwards")
            chosen += [pid for pid in local if start <= _key(pid) <= end]
        elif (feature := _FEATURE.match(part)) is not None:
            number = int(feature[1])
            if not any(kf.number == number for kf in template.key_features):
                raise InputError(f"--proposals: there is no key feature {number} in the template")
            chosen += [p.id for p in template.local_proposals if p.key_feature == number]
        else:
            raise InputError(f"--proposals: {part!r} is not a proposal (2.3), a range (2.1-2.6) or a key feature (2)")
    seen: list[str] = []
    for pid in chosen:
        if pid not in seen:
            seen.append(pid)
    return sorted(seen, key=template.order)


def _key(pid: str) -> tuple[int, int]:
    a, b = pid.split(".")
    return int(a), int(b)


def proposals_text(proposals: tuple[str, ...] | list[str], template: Template) -> str:
    """"2.1–2.6, 4.4": runs of neighbouring proposals shortened, for messages and sheets."""
    local = [p.id for p in template.local_proposals]
    runs: list[list[str]] = []
    for pid in sorted(proposals, key=template.order):
        follows = runs and local.index(pid) == local.index(runs[-1][-1]) + 1
        if follows and pid.split(".")[0] == runs[-1][0].split(".")[0]:
            runs[-1].append(pid)
        else:
            runs.append([pid])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
