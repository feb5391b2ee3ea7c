"""The directions log as a tagged, accessible PDF (PDF/UA-1) for the IJB and its committee:
A4 landscape, the partnership and the date in every page header, "Page X of Y" in the
footer, no DRAFT marking (the log records what was issued).

Laid out by ``resources/typst/directions.typ``; this module prepares the data.

Contents: the summary (directions by status, what is overdue, the resource committed by
the directions in force per delivery partner and basis); every overdue milestone, most
overdue first; then every direction with the guidance's minimum fields (function(s)
covered, log reference, date of issue, delivery partner(s), delivery issues, resource
committed) and its status with the reason, IJB decision, what is to be delivered,
outcomes, timescale and review date, its milestones with due dates and RAG on the day,
its delivery issues and its progress updates.

User text is data, never markup; table rows break across pages, so the log lays out
whatever the length of what was typed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgdesk.directions.log import TITLE, DirectionsLog, LogItem
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.status import DueAt
from msgdesk.directions.values import ResourceBasis
from msgdesk.domain.dates import long_date
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.typeset import PageSetup, PdfInfo, compile_pdf, paragraphs
from msgdesk.tracker.rag import RAG_COLOURS

FOOTER = "Directions under sections 26 to 28 of the Public Bodies (Joint Working) (Scotland) Act 2014"
GUIDANCE = ("\u201cA direction will remain in place until it is varied, revoked or superseded by a later direction "
            "in respect of the same functions.\u201d Statutory guidance, Directions from Integration Authorities to "
            "Health Boards and Local Authorities (Scottish Government, 2020), para 5.2; \u00a9 Crown copyright, "
            "reused under the Open Government Licence v3.0.")
RAG_NOTE = ("RAG of milestones on the day: red = overdue; amber = due within 30 days; needs a date = no due date and "
            "not ongoing; green = on course; complete = met. Nothing is due under a direction no longer in force.")

TEMPLATE = "directions.typ"

#: A cell: its text and whether it is bold.
Cell = tuple[str, bool]


def grid(widths: Sequence[float | None], header: Sequence[str], rows: Sequence[Sequence[Cell]], *,
         label_column: bool = False, bars: Sequence[str | None] = ()) -> dict[str, Any]:
    """A ruled table of plain-text cells (directions.typ's ``ruled``): a width of None takes
    the rest of the line; with ``label_column`` the first column is shaded; ``bars``: a RAG
    colour per row for a bar at its left."""
    return {
        "widths": list(widths), "header": list(header), "label_column": label_column,
        "rows": [{"cells": [{"lines": paragraphs(text) or [""], "bold": bold} for text, bold in row],
                  "bar": bars[n] if n < len(bars) else None} for n, row in enumerate(rows)],
    }


# --- content -----------------------------------------------------------------------------------


def _due(m: DueAt) -> str:
    if m.due is None:
        return "needs a date" if m.rag is not None and m.rag.needs_date else "\u2013"
    return long_date(m.due) + (" (set by hand)" if m.due_set_by_hand else "")


def _rag(m: DueAt) -> str:
    if m.achieved_on is not None:
        return f"Complete (met {long_date(m.achieved_on)})"
    if m.rag is None:
        return "Closed with the direction"
    return m.rag.label + (f", {m.days_overdue} days overdue" if m.overdue else "")


def _overall(m: DueAt) -> str:
    if m.due is not None:
        return f"due {long_date(m.due)}: {_rag(m)}"
    if m.timescale_kind in (TimescaleKind.ONGOING, TimescaleKind.IN_PLACE):
        return "ongoing: no due date"
    return "no due date read from it" + ("" if m.rag is None else f": {m.rag.label.lower()}")


def _bar(m: DueAt) -> str | None:
    return RAG_COLOURS[m.rag.rag] if m.rag is not None else None


def _totals(log: DirectionsLog) -> dict[str, Any]:
    bases = list(ResourceBasis)
    header = ["Delivery partner", "Directions in force", *(b.label for b in bases), "Total committed"]
    rows = []
    for total in [*log.totals, log.total]:
        bold = total is log.total
        count = str(total.count) + (f" ({total.without_amount} with no amount)" if total.without_amount else "")
        rows.append([(total.label, bold), (count, bold), *((pounds_shown(total.by_basis[b]), bold) for b in bases),
                     (pounds_shown(total.pence), True)])
    return grid([250.0, *([None] * (len(header) - 1))], header, rows)


def _overdue(log: DirectionsLog) -> dict[str, Any]:
    rows, bars = [], []
    for item, m in log.overdue_milestones:
        rows.append([(item.reference, True), (item.record.data.title, False), (m.text, False),
                     (m.timescale, False), (_due(m), False), (str(m.days_overdue), False)])
        bars.append(_bar(m))
    return grid([84, 190, None, 110, 92, 72], ["Reference", "Direction", "Milestone", "Timescale", "Due date",
                                                "Days overdue"], rows, bars=bars)


def _issued(day: date | None) -> str:
    return f" (issued {long_date(day)})" if day else ""


def _fields(item: LogItem) -> dict[str, Any]:
    data = item.record.data
    decision = "; ".join(part for part in (
        f"meeting of {long_date(data.ijb_meeting)}" if data.ijb_meeting else "",
        f"report: {data.ijb_report}" if data.ijb_report else "",
        f"minute: {data.minute_reference}" if data.minute_reference else "",
    ) if part) or "\u2013"
    if data.resource_pence is not None and data.resource_basis is not None:
        resource = f"{pounds_shown(data.resource_pence)} \u2013 {data.resource_basis.label.lower()}"
    else:
        resource = "No amount given"
    status = item.status.describe()
    if item.rag is not None and item.in_force:
        status += f" \u2013 RAG {item.rag.label}"
    chain = []
    if item.record.supersedes is not None:
        link = item.record.supersedes
        chain.append(f"Supersedes {link.reference}{_issued(link.issued_on)}")
    if item.record.superseded_by is not None and item.superseded_by_text:
        link = item.record.superseded_by
        chain.append(f"Superseded by {link.reference}{_issued(link.issued_on)}")
    timescale = data.timescale or "\u2013"
    if item.overall is not None:
        timescale += f"\n({_overall(item.overall)})"
    rows = [
        ("Status", status),
        ("Function(s) covered", "\n".join(data.functions)),
        ("Issued to", item.issued_to),
        ("Date of issue", long_date(data.issued_on) if data.issued_on else "\u2013"),
        ("IJB decision", decision),
        ("Resource committed", resource),
        *((("Varies", "\n".join(chain)),) if chain else ()),
        ("What is to be delivered", data.instruction),
        ("Outcomes", data.outcomes or "\u2013"),
        ("Timescale", timescale),
        ("Review date", long_date(data.review_date) if data.review_date else "\u2013"),
    ]
    return grid([150.0, None], ["Log reference", item.reference],
                [[(name, True), (value, False)] for name, value in rows], label_column=True)


def _milestones(item: LogItem) -> dict[str, Any]:
    rows = [[(m.text, False), (m.timescale or "\u2013", False), (_due(m), False), (_rag(m), False)]
            for m in item.milestones]
    return grid([None, 150, 130, 170], ["Milestone", "Timescale", "Due date", "RAG on the day"], rows,
                bars=[_bar(m) for m in item.milestones])


def _entries(item: LogItem, updates: bool) -> dict[str, Any]:
    if updates:
        rows = [[(long_date(e.on_date), False), (e.author or "\u2013", False), (e.text, False)] for e in item.updates]
        return grid([100, 120, None], ["Date", "Recorded by", "Progress update"], rows)
    rows = [[(long_date(e.on_date), False), (e.text, False)] for e in item.delivery_issues]
    return grid([100, None], ["Date", "Delivery issue"], rows)


def _direction(item: LogItem) -> dict[str, Any]:
    return {
        "heading": f"{item.reference} \u2013 {item.record.data.title}", "reference": item.reference,
        "fields": _fields(item),
        "milestones": _milestones(item) if item.milestones else None,
        "issues": _entries(item, updates=False) if item.delivery_issues else None,
        "updates": _entries(item, updates=True) if item.updates else None,
    }


def document(log: DirectionsLog) -> dict[str, Any]:
    """Everything directions.typ prints, as plain data."""
    from msgdesk import __version__  # importlib.metadata, read when a PDF is written

    names = log.bodies.names(tuple(t.partners[0] for t in log.totals[:2]))
    info = PdfInfo(
        title=f"{TITLE} \u2013 {log.partnership}, as at {long_date(log.as_at)}",
        author=log.partnership,
        subject="Directions from the Integration Joint Board to the Health Board and the Local Authority",
        keywords=("directions", "integration joint board", "directions log"),
        creator=f"msgdesk {__version__}",
    )
    return {
        "meta": info.as_data(), "page": page_setup(log).as_data(),
        "title": TITLE, "partnership": log.partnership,
        "intro": f"Directions issued by the Integration Joint Board to {names}.",
        "as_at": f"As at {long_date(log.as_at)}", "summary": log.summary_sentence(),
        "guidance": GUIDANCE, "rag_note": RAG_NOTE,
        "totals": _totals(log),
        "overdue_heading": f"Overdue milestones ({len(log.overdue_milestones)})",
        "overdue": _overdue(log) if log.overdue_milestones else None,
        "nothing_overdue": f"Nothing is overdue as at {long_date(log.as_at)}.",
        "directions_heading": f"The directions ({len(log.items)})",
        "no_directions": f"No direction had been issued by {long_date(log.as_at)}.",
        "order_note": "Directions with overdue milestones first (most overdue first), then those in force, "
                      "then those no longer in force; each by date of issue.",
        "directions": [_direction(item) for item in log.items],
    }


def page_setup(log: DirectionsLog) -> PageSetup:
    return PageSetup(header_left=log.partnership, header_right=TITLE, header_sub=f"As at {long_date(log.as_at)}",
                     footer_left=FOOTER, draft=False)


def render(log: DirectionsLog) -> bytes:
    return compile_pdf(TEMPLATE, document(log), report="directions log (PDF)")


def write_pdf(log: DirectionsLog, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically (a half-written file never replaces a good one)."""
    return write_atomically(path, render(log))
