"""The directions log as plain text (``msgdesk directions log`` without --pdf or --xlsx)."""

from __future__ import annotations

from msgdesk.directions.log import TITLE, DirectionsLog, LogItem
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.status import DueAt, long_date


def due_text(m: DueAt) -> str:
    due = long_date(m.due) if m.due else "no date"
    if m.achieved_on:
        state = f"met {long_date(m.achieved_on)}"
    elif m.rag is None:
        state = "closed with the direction"
    else:
        state = m.rag.label + (f", {m.days_overdue} days overdue" if m.overdue else "")
    return f"{m.text} – {m.timescale or 'no timescale'} – due {due} – {state}"


def _item(item: LogItem) -> list[str]:
    data = item.record.data
    lines = [f"{item.reference}  {data.title}",
             f"  Status: {item.status.describe()}" + (f" (RAG {item.rag.label})" if item.rag else ""),
             f"  Function(s): {'; '.join(data.functions)}",
             f"  Issued to: {item.issued_to}, on {long_date(data.issued_on) if data.issued_on else ''}"]
    if data.resource_pence is not None and data.resource_basis is not None:
        lines.append(f"  Resource: {pounds_shown(data.resource_pence)} ({data.resource_basis.label.lower()})")
    if data.supersedes:
        lines.append(f"  Supersedes: {data.supersedes}")
    for m in item.milestones:
        lines.append(f"  Milestone: {due_text(m)}")
    for e in item.delivery_issues:
        lines.append(f"  Delivery issue {long_date(e.on_date)}: {' '.join(e.text.split())}")
    return lines


def log_text(log: DirectionsLog) -> str:
    lines = [f"{TITLE}: {log.partnership}", f"As at {long_date(log.as_at)}. {log.summary_sentence()}", ""]
    lines.append("Resource committed by directions in force:")
    for total in [*log.totals, log.total]:
        lines.append(f"  {total.label}: {pounds_shown(total.pence)} ({total.count} in force)")
    lines.append("")
    for item in log.items:
        lines += _item(item)
        lines.append("")
    return "\n".join(lines)
