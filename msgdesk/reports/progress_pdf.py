"""The committee progress report as a tagged, accessible PDF (PDF/UA-1), A4 landscape.

Laid out by ``resources/typst/progress.typ``; this module prepares the data.  A header
names the partnership, round and date, the footer says "Page X of Y", user text prints
literally (it is data, never markup).

Contents: the round and the report date; counts by RAG and by status per key feature
with a stacked bar chart of RAG by key feature (an artifact for screen readers: the
table above it says the same); the overdue actions (most overdue first); then every
action, by key feature and proposal, with how it will be delivered and its latest update.
An action's row breaks across pages only when it is too tall to move whole, so the
report prints for any length of text.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgdesk.domain.dates import long_date, short_date
from msgdesk.domain.states import RoundStatus
from msgdesk.exchange.atomic import write_atomically
from msgdesk.reports.fonts import text_width
from msgdesk.reports.typeset import PageSetup, PdfInfo, compile_pdf, paragraphs
from msgdesk.tracker.rag import RAG_COLOURS, RAG_LABELS, status_label
from msgdesk.tracker.report import TITLE, ProgressReport, ReportItem

ATTRIBUTION_SHORT = "Template text \u00a9 Crown copyright, reused under the Open Government Licence v3.0"
TEMPLATE = "progress.typ"
CONTENT_WIDTH = 841.89 - 2 * 14 * 72 / 25.4  # A4 landscape less the side margins (page.typ)

#: (title, width in points; None: the rest of the page width).  A reference ("2021/22-1.2-12")
#: cannot break (no break inside numbers), so its column fits the longest one.
ITEM_COLUMNS = (("Reference", 70), ("Action", 154), ("How we will deliver", 150), ("Lead", 60),
                ("Due date", 70), ("Status", 52), ("RAG", 56), ("Latest update", None))
#: An action whose cells hold up to this many lines (8 pt) moves to the next page whole;
#: a taller one breaks across pages, its cells in step.
WHOLE_ROW_LINES = 8
FONT_SIZE = 8.0
LEADING = FONT_SIZE * 1.3


def _widths() -> list[float]:
    fixed = sum(w for _, w in ITEM_COLUMNS if w)
    return [w or (CONTENT_WIDTH - fixed) for _, w in ITEM_COLUMNS]


def _update_text(item: ReportItem) -> str:
    update = item.row.last_update
    if update is None:
        return ""
    by = f" ({update.author})" if update.author else ""
    return f"{short_date(update.on_date)}{by}: {update.describe()}"


def _lines(texts: list[str], width: float) -> int:
    return sum(1 + int(text_width(t, "DejaVuSans", FONT_SIZE) // max(width - 6, 1.0)) for t in texts)


def _item(item: ReportItem, with_days: bool, widths: list[float]) -> dict[str, Any]:
    row = item.row
    notes = []
    if row.carried_from:
        notes.append(f"from round {row.carried_from.round_label}")
    notes += [f"carried to round {link.round_label}" for link in row.carried_to]
    due_notes = []
    if row.due_date and row.due_set_by_hand:
        due_notes.append("set by hand")
    if with_days and item.rag.days_left is not None:
        due_notes.append(f"{-item.rag.days_left} days overdue")
    action, delivery, update = paragraphs(row.text), paragraphs(row.delivery), paragraphs(_update_text(item))
    tallest = max(_lines(action, widths[1]) + (1 if row.timescale.strip() else 0), _lines(delivery, widths[2]),
                  _lines(update, widths[7]), _lines([row.lead], widths[3]))
    return {
        "reference": row.reference, "reference_notes": notes,
        "action": action, "timescale": " ".join(row.timescale.split()),
        "delivery": delivery, "lead": " ".join(row.lead.split()),
        "due": short_date(row.due_date) if row.due_date else ("\u2013" if not item.rag.needs_date else "needs a date"),
        "due_notes": due_notes, "status": status_label(row.status),
        "rag": item.rag.label, "rag_colour": RAG_COLOURS[item.rag.rag], "update": update,
        "whole": tallest <= WHOLE_ROW_LINES,
    }


def _counts(report: ProgressReport, keys, values, titles, colours=None) -> dict[str, Any]:
    return {
        "columns": [{"title": t, "colour": colours[k] if colours else None} for k, t in zip(keys, titles, strict=True)],
        "rows": [{"title": c.short_title, "count": c.total, "total": c.number == 0,
                  "values": [values(c).get(k, 0) for k in keys]} for c in [*report.by_key_feature, report.total]],
    }


def _chart(report: ProgressReport) -> dict[str, Any]:
    rags = report.rags_shown
    top = max([c.total for c in report.by_key_feature] or [0])
    step = max(1, -(-top // 6))
    return {
        "max": max(step, -(-top // step) * step), "step": step,
        "bars": [{"label": f"KF {c.number}",
                  "parts": [{"value": c.by_rag.get(r, 0), "colour": RAG_COLOURS[r]} for r in rags if c.by_rag.get(r)]}
                 for c in report.by_key_feature],
        "legend": [{"label": RAG_LABELS[r], "colour": RAG_COLOURS[r]} for r in rags],
    }


def document(report: ProgressReport) -> dict[str, Any]:
    """Everything progress.typ prints, as plain data."""
    from msgdesk import __version__  # importlib.metadata, read when a PDF is written

    widths = _widths()
    key_features = []
    by_feature: dict[int, list[ReportItem]] = {}
    for item in report.items:
        by_feature.setdefault(item.row.key_feature, []).append(item)
    for counts in report.by_key_feature:
        items = by_feature.get(counts.number)
        if items:
            key_features.append({"title": counts.short_title, "items": [_item(i, False, widths) for i in items]})
    statuses = list(report.total.by_status)
    info = PdfInfo(
        title=f"{TITLE} \u2013 {report.partnership}, round {report.round_label}",
        author=report.partnership,
        subject=f"Improvement actions of the MSG self-evaluation, as at {report.as_at.isoformat()}",
        keywords=("MSG self-evaluation", "improvement actions", "progress report"),
        creator=f"msgdesk {__version__}",
    )
    return {
        "meta": info.as_data(), "page": page_setup(report).as_data(),
        "title": TITLE, "partnership": report.partnership,
        "round_line": f"Self-evaluation of progress with integration, round {report.round_label} "
                      f"\u2013 {report.round_status_text()}",
        "as_at_lead": f"As at {long_date(report.as_at)}.", "summary": report.summary_sentence(),
        "rag_note": "RAG: red = overdue or off track; amber = at risk or due within 30 days; needs a date = "
                    "no due date and not ongoing; green = on course; complete = complete or in place.",
        "by_rag": _counts(report, report.rags_shown, lambda c: c.by_rag, [RAG_LABELS[r] for r in report.rags_shown],
                          RAG_COLOURS),
        "by_status": _counts(report, statuses, lambda c: c.by_status, [status_label(k) for k in statuses]),
        "chart": _chart(report),
        "columns": [title for title, _ in ITEM_COLUMNS], "widths": [w for _, w in ITEM_COLUMNS],
        "overdue_heading": f"Overdue actions ({len(report.overdue)})",
        "overdue": [_item(i, True, widths) for i in report.overdue],
        "no_overdue": f"No action is overdue as at {long_date(report.as_at)}.",
        "all_heading": f"All actions ({len(report.items)})",
        "key_features": key_features,
        "attribution": report.attribution,
    }


def page_setup(report: ProgressReport) -> PageSetup:
    return PageSetup(
        header_left=f"{report.partnership} \u2013 round {report.round_label}",
        header_right=f"Progress as at {short_date(report.as_at)}",
        footer_left=ATTRIBUTION_SHORT,
        draft=report.round.status != RoundStatus.APPROVED,
    )


def render(report: ProgressReport) -> bytes:
    return compile_pdf(TEMPLATE, document(report), report="progress report (PDF)")


def write_pdf(report: ProgressReport, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically (a half-written file never replaces a good one)."""
    return write_atomically(path, render(report))
