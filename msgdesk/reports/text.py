"""User text cleaned for printing, and date wording.

:func:`clean` drops what no printer can show (control characters, lone surrogates) and
normalises line breaks; the typst reports (:mod:`msgdesk.reports.typeset`) receive user
text as data, so nothing needs escaping for them.
"""

from __future__ import annotations

import re

from msgdesk.domain.dates import long_date as long_date  # re-exported for the appendix writers

# C0 controls other than tab/newline/carriage return, DEL and C1 controls, lone
# surrogates and non-characters: nothing a printer can show.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")



def clean(text: str | None) -> str:
    """``text`` without unprintable control characters; newlines normalised to ``\\n``,
    tabs to spaces.  ``None`` gives ""."""
    if not text:
        return ""
    text = _NEWLINES.sub("\n", str(text))
    return _UNPRINTABLE.sub("", text).replace("\t", "    ")


def lines(text: str | None) -> list[str]:
    """The non-blank lines of user text, cleaned and right-stripped (not escaped)."""
    return [line.rstrip() for line in clean(text).split("\n") if line.strip()]


def chunks(text: str, size: int) -> list[str]:
    """Split ``text`` into pieces of at most ``size`` characters, at a space where
    possible, without losing or adding any character."""
    if len(text) <= size:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut + 1 if cut != -1 else start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


