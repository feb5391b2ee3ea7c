"""Partnerships' names as officers type them: compared and sorted without regard to case
and spacing, and a name given in part matched to the one known name that contains it.

Plain functions, apart from the store (``msgdesk.store.groups`` uses them for comparator
groups, every command for its ``--partnership``), so a reading command matches a name
without loading the store's libraries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgdesk.domain.core_errors import AmbiguousNameError, NotFoundError  # not errors' 22 others (export)


def name_key(name: str) -> str:
    """How names are compared and sorted: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def sort_names(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda n: (name_key(n), n))


def match_names(given: Sequence[str], known: Sequence[str]) -> list[str]:
    """The known partnership each of ``given`` names, in the order given, each once.

    A name matches itself (ignoring case and spacing), else the one known name that
    contains it; more than one is AmbiguousNameError, none is NotFoundError with the
    nearest names."""
    by_key = {name_key(k): k for k in known}
    found: list[str] = []
    for text in given:
        key = name_key(text)
        if not key:
            continue
        match = by_key.get(key)
        if match is None:
            within = sort_names(k for k in known if key in name_key(k))
            if len(within) > 1:
                raise AmbiguousNameError(text, within)
            if not within:
                near = _near(key, list(by_key))
                hint = f"; did you mean {' or '.join(repr(by_key[n]) for n in near)}?" if near else (
                    "; msgdesk knows a partnership once one of its returns is imported (msgdesk list shows them)")
                raise NotFoundError(f"there is no partnership {text!r}{hint}")
            match = within[0]
        if match not in found:
            found.append(match)
    return found


def _near(key: str, keys: list[str]) -> list[str]:
    """Up to three known names like ``key`` (a typo in a whole name or in its start)."""
    # why: difflib (and heapq) only for a name not found: export -p finds the name it is given
    import difflib

    def likeness(known: str) -> float:
        return max(difflib.SequenceMatcher(None, key, known).ratio(),
                   difflib.SequenceMatcher(None, key, known[:len(key)]).ratio())

    scored = sorted(((likeness(k), k) for k in keys), reverse=True)
    return [k for score, k in scored[:3] if score >= 0.75]
