"""Contribution packs as files: writing a pack (JSON for a contributor with msgdesk, a
workbook for one without), and reading a reply of either kind back (which proposals a
pack holds is :mod:`msgdesk.contributions.proposals`).  Qt-free; the database side is ``msgdesk.store.contributions``.
"""

from __future__ import annotations

import os
from pathlib import Path

from msgdesk.domain.errors import ForeignPackError
from msgdesk.domain.return_values import ReturnData
from msgdesk.domain.template import Template
from msgdesk.rounds.return_file import read_return_file, write_return_file


def write_pack(data: ReturnData, json_path: str | os.PathLike[str] | None = None,
               xlsx_path: str | os.PathLike[str] | None = None, template: Template | None = None) -> list[Path]:
    """Write the pack as a return file and/or a workbook; returns the paths written."""
    written = []
    if json_path:
        written.append(write_return_file(json_path, data, template))
    if xlsx_path:
        from msgdesk.contributions import pack_workbook  # openpyxl loads only when a workbook is used

        written.append(pack_workbook.export(data, xlsx_path, template))
    return written


def is_workbook(path: Path) -> bool:
    """A reply in a workbook (a zip file), whatever its name says."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_reply(path: str | os.PathLike[str], template: Template) -> ReturnData:
    """A contributor's reply (or any pack) from a return file or a workbook; refused with
    every problem's place (ReturnFileError) or as not a pack at all (ForeignPackError)."""
    path = Path(path)
    if is_workbook(path):
        from msgdesk.contributions import pack_workbook  # openpyxl loads only when a workbook is used

        data = pack_workbook.read_reply(path, template)
    else:
        data = read_return_file(path, template)
    if data.pack is None:
        raise ForeignPackError(f"{path}: this is a whole return file, not a reply to a contribution pack "
                               "(it has no \"pack\"); import a return with msgdesk import")
    return data
