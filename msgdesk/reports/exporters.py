"""Every way a round leaves msgdesk as a file, in one table the command line and the window share.

``msgdesk export --pdf/--docx/--xlsx/--json`` and File → Export… both call
:func:`export_round` with an :class:`ExportKind`; the committee progress report is written
by :func:`write_progress_report` (``msgdesk report`` and the tracker tab).  Each writer's
module is imported when it is first used: typst, python-docx and openpyxl cost
start-up time that ``msgdesk --version`` and the window's first paint should not pay.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path

from msgdesk.domain.record import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # only types here: the command line imports this table on start
    from typing import Any

    from msgdesk.domain.return_values import ReturnData
    from msgdesk.domain.template import Template
    from msgdesk.store.workspace import Workspace

OutPath = str | os.PathLike[str]


class ExportKind(StrEnum):
    """A round's outputs, valued as the command line's options (``--pdf``) and in this order."""

    RETURN_JSON = "json"
    APPENDIX_PDF = "pdf"
    APPENDIX_DOCX = "docx"
    RETURN_XLSX = "xlsx"


class ExportOptions(NamedTuple):
    """What the outputs may take; each writer uses the options that apply to it."""

    template: Template | None = None
    label: str = "Appendix 1"  # the appendix's page header (PDF, Word)
    progress: Callable[[int, int], None] | None = None  # pages laid out of all (PDF)
    extra: Sequence[Mapping[str, Any]] = ()  # pages added to the PDF (the "Where we stand" page's data)


def _return_json(data: ReturnData, out: OutPath, options: ExportOptions) -> Path:
    from msgdesk.rounds.return_file_writer import write_return_file  # the file format, not needed to start

    return write_return_file(out, data, options.template)


def _appendix_pdf(data: ReturnData, out: OutPath, options: ExportOptions) -> Path:
    from msgdesk.reports import appendix_pdf  # typst: on the first export, not at start-up

    return appendix_pdf.export(data, out, label=options.label, template=options.template,
                               progress=options.progress, extra=options.extra)


def _appendix_docx(data: ReturnData, out: OutPath, options: ExportOptions) -> Path:
    from msgdesk.reports import appendix_docx  # python-docx: on the first export, not at start-up

    return appendix_docx.export(data, out, label=options.label, template=options.template)


def _return_xlsx(data: ReturnData, out: OutPath, options: ExportOptions) -> Path:
    from msgdesk.reports import return_xlsx  # openpyxl: on the first export, not at start-up

    return return_xlsx.export(data, out, template=options.template)


#: The writer of each kind.
EXPORTERS: dict[ExportKind, Callable[[ReturnData, OutPath, ExportOptions], Path]] = {
    ExportKind.RETURN_JSON: _return_json,
    ExportKind.APPENDIX_PDF: _appendix_pdf,
    ExportKind.APPENDIX_DOCX: _appendix_docx,
    ExportKind.RETURN_XLSX: _return_xlsx,
}


def export_round(kind: ExportKind, data: ReturnData, out: OutPath, options: ExportOptions | None = None) -> Path:
    """Write ``data`` as ``kind`` to ``out`` (atomically: no half file is ever left); return the path."""
    return EXPORTERS[kind](data, out, options or ExportOptions())


def write_progress_report(workspace: Workspace, partnership: str, round_label: str, as_at: date, *,
                          pdf: OutPath | None = None, xlsx: OutPath | None = None) -> list[Path]:
    """Build the committee progress report once and write the PDF and/or the workbook; returns
    the paths written."""
    from msgdesk.tracker.report import build_report  # the tracker's rows, only when a report is asked for

    report = build_report(workspace, workspace.rounds.find_round(partnership, round_label).id, as_at)
    written = []
    if pdf:
        from msgdesk.reports.progress_pdf import write_pdf  # typst: on use

        written.append(write_pdf(report, pdf))
    if xlsx:
        from msgdesk.reports.progress_xlsx import write_xlsx  # openpyxl: on use

        written.append(write_xlsx(report, xlsx))
    return written
