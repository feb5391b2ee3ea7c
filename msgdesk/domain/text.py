"""The rules for text msgdesk stores and writes back, whatever the field and wherever it came from.

One rule for the window, the store's writers and every exchange file (return, directions,
pack workbook): what is accepted anywhere can be written to a file and read back.
"""

from __future__ import annotations

import re

MAX_TEXT = 1_000_000  # characters in one field
MAX_NAME = 200

#: Control characters no database or file keeps (newline, carriage return and tab are allowed).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = re.compile(r"[\r\n\t]")
#: Half of a character (a lone surrogate, e.g. from "\ud800" in JSON): UTF-8 cannot hold it.
SURROGATE = re.compile(r"[\ud800-\udfff]")

#: Limits of a return's text fields, shared by the reader and the store's writers.
TEXT_LIMITS: dict[str, tuple[int, bool]] = {  # field -> (characters, single line)
    "partnership": (MAX_NAME, True),
    "round": (40, True),
    "contact": (1000, False),
    "evidence": (MAX_TEXT, False),
    "action": (MAX_TEXT, False),
    "delivery": (MAX_TEXT, False),
    "timescale": (1000, False),
    "lead": (MAX_NAME, True),
    "author": (MAX_NAME, True),  # who changed a response or an action; whom a pack is for
}


def text_problems(value: str, *, limit: int = MAX_TEXT, single_line: bool = False) -> list[str]:
    """Why ``value`` cannot be a text field of a return file (empty when it can).

    The one rule for text msgdesk can store and write back: at most ``limit``
    characters, no control characters but newline, carriage return and tab (none
    of those either when ``single_line``), no lone surrogates.
    """
    problems = []
    if len(value) > limit:
        problems.append(f"too long ({len(value):,} characters; at most {limit:,})")
    bad = CONTROL.search(value)
    if bad:
        problems.append(f"contains a control character (U+{ord(bad.group()):04X}) at position {bad.start()}")
    elif single_line and (bad := LINE_BREAK.search(value)):
        problems.append(f"must be one line: contains a line break or tab (U+{ord(bad.group()):04X}) "
                        f"at position {bad.start()}")
    lone = SURROGATE.search(value)
    if lone:
        problems.append(f"contains a lone surrogate escape (\\u{ord(lone.group()):04x}) at position "
                        f"{lone.start()}: half of a character, which cannot be stored")
    return problems


def clean_text(value: str, *, single_line: bool = False) -> str:
    """``value`` made storable as typed or pasted: Word's manual line break (U+000B) and page
    break become new lines, other control characters go, half characters (lone surrogates)
    become U+FFFD; for a one-line field, line breaks and tabs become spaces."""
    value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    value = CONTROL.sub("", value)
    value = SURROGATE.sub("\ufffd", value)
    if single_line:
        value = re.sub(r"[\r\n\t]+", " ", value)
    return value
