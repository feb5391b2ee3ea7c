"""File menu: import/export a return file, export the PDF appendix and the Excel workbook."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")


def default_name(session, suffix: str) -> str:
    words = session.snap.partnership.split()
    short = words[0] if words else "return"
    if len(words) > 1 and words[1] not in ("Health", "and"):
        short = f"{words[0]}-{words[1]}"
    return f"{_safe_name(short.lower())}-{_safe_name(session.snap.label)}{suffix}"


def offer_to_open(parent, path: Path) -> None:
    answer = QMessageBox.question(parent, "Export finished", f"Wrote {path}.\n\nOpen it now?",
                                  QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _round_data(session):
    return session.workspace.rounds.load_round_by_id(session.round_id)


def export_return_file(parent, session) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export return file", default_name(session, ".json"),
                                          "Return files (*.json)")
    if not name:
        return None
    from msgdesk.returnfile import write_return_file

    write_return_file(name, _round_data(session))
    QMessageBox.information(parent, "Exported", f"Wrote {name}")
    return Path(name)


def choose_return_file(parent) -> str | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import a return file", "", "Return files (*.json);;All files (*)")
    return name or None


def import_return_file(parent, workspace, path: str):
    """Import ``path``; asks before replacing a round.  Returns the RoundInfo or None."""
    from msgdesk.errors import DuplicateRoundError
    from msgdesk.returnfile import read_return_file

    if _is_the_database(workspace, Path(path)):
        from msgdesk.errors import InputError

        # Reading it here would open and close the live file in this process, dropping
        # SQLite's locks on it (STYLE.md); and it is not a return file anyway.
        raise InputError(f"{path} is msgdesk's own database, not a return file: choose a .json return file")
    data = read_return_file(path, workspace.template)
    try:
        return workspace.rounds.import_return(data)
    except DuplicateRoundError:
        pass
    answer = QMessageBox.question(
        parent, "Replace the round?",
        f"{data.partnership} already has a round {data.round}.\n\nReplace it with the file's contents?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return workspace.rounds.import_return(data, replace=True)


def _is_the_database(workspace, chosen: Path) -> bool:
    if workspace.path is None:
        return False
    for suffix in ("", "-wal", "-shm", "-journal"):
        own = Path(str(workspace.path) + suffix)
        try:
            if own.exists() and os.path.samefile(own, chosen):
                return True
        except OSError:
            continue
    return False


def _report(kind: str):
    if kind == "pdf":
        from msgdesk.reports import pdf_appendix

        return pdf_appendix
    from msgdesk.reports import xlsx_workbook

    return xlsx_workbook


def export_report(parent, session, kind: str) -> Path | None:
    """File → Export PDF… / Export Excel…, with a progress dialog."""
    module = _report(kind)
    label = "PDF" if kind == "pdf" else "Excel"
    suffix, pattern = (".pdf", "PDF files (*.pdf)") if kind == "pdf" else (".xlsx", "Excel workbooks (*.xlsx)")
    name, _ = QFileDialog.getSaveFileName(parent, f"Export {label}", default_name(session, suffix), pattern)
    if not name:
        return None
    progress = QProgressDialog(f"Writing the {label} file…", "", 0, 100, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def callback(*args):
        if len(args) >= 2 and args[1]:
            value = int(100 * args[0] / args[1])
        elif args:
            value = int(args[0] * 100) if isinstance(args[0], float) and args[0] <= 1 else int(args[0])
        else:
            value = progress.value() + 1
        progress.setValue(max(0, min(99, value)))
        QCoreApplication.processEvents()

    data = _round_data(session)
    try:
        if kind == "pdf":
            module.export(data, name, label="Appendix 1", progress=callback)
        else:
            module.export(data, name)
    finally:
        progress.setValue(100)
        progress.close()
    offer_to_open(parent, Path(name))
    return Path(name)
