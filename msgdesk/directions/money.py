"""Pounds and pence, exact: integer pence in the store, a decimal string in files.

    parse_pounds("1250000.00") == 125_000_000      # pence
    pounds_text(125_000_000) == "1250000.00"       # the exchange file's form
    pounds_shown(125_000_000) == "£1,250,000.00"   # for people
    pounds_decimal(125_000_000) == Decimal("1250000.00")  # for a workbook cell

No float ever holds an amount: a float cannot hold most amounts in pence exactly
(0.1 + 0.2 != 0.3), and a committee paper must add up to the penny.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: The largest amount msgdesk keeps: under a trillion pounds (all of Scotland's integrated
#: budgets are about 9 billion), well inside a 64-bit integer of pence.
MAX_PENCE = 100_000_000_000_000 - 1  # £999,999,999,999.99

_AMOUNT = re.compile(r"(0|[1-9][0-9]{0,11})(?:\.([0-9]{1,2}))?\Z")


class AmountError(ValueError):
    """Text that is not an amount of money msgdesk can keep exactly."""


def parse_pounds(text: str) -> int:
    """The pence in ``text``: digits with at most two decimal places ("1250000", "1250000.5",
    "1250000.50"); no sign, no thousands separators, no pound sign, no spaces, no exponent."""
    found = _AMOUNT.match(text)
    if found is None:
        raise AmountError(_why_not(text))
    pounds, pence = found.group(1), (found.group(2) or "").ljust(2, "0")
    return int(pounds) * 100 + int(pence)


def _why_not(text: str) -> str:
    shown = repr(text[:30]) + ("…" if len(text) > 30 else "")
    if not text.strip():
        return "expected an amount such as \"1250000.00\", found empty text"
    if text.strip() != text:
        return f"expected an amount such as \"1250000.00\" without spaces, found {shown}"
    if text.startswith("-"):
        return f"an amount of resource cannot be negative (found {shown})"
    if re.fullmatch(r"[0-9]+\.[0-9]{3,}", text):
        return f"an amount has at most two decimal places (pence), found {shown}"
    if re.fullmatch(r"[0-9]{13,}(\.[0-9]{1,2})?", text.lstrip("0") or "0"):
        return f"too large ({shown}); at most 999999999999.99"
    if re.fullmatch(r"0[0-9]+(\.[0-9]{1,2})?", text):
        return f"an amount is written without leading zeros, found {shown}"
    return (f"expected an amount in pounds such as \"1250000.00\" (digits, at most two decimal places, "
            f"no £ sign, commas or spaces), found {shown}")


def pounds_text(pence: int) -> str:
    """"1250000.00": the canonical form, as the exchange file holds it."""
    if pence < 0:
        raise AmountError("an amount of resource cannot be negative")
    return f"{pence // 100}.{pence % 100:02d}"


def pounds_shown(pence: int | None) -> str:
    """"£1,250,000.00" ("" for no amount)."""
    if pence is None:
        return ""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def pounds_decimal(pence: int) -> Decimal:
    """The amount as an exact Decimal with two places (a workbook cell)."""
    return Decimal(pounds_text(pence))
