"""File menu: import/export a return file, export the PDF and Word appendix and the Excel workbook."""

from __future__ import annotations

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
    return session.store.repo.load_round_by_id(session.store.engine, session.round_id, session.template)


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


def import_return_file(parent, store, path: str, template):
    """Import ``path``; asks before replacing a round.  Returns the RoundInfo or None."""
    from msgdesk.errors import InputError
    from msgdesk.returnfile import read_return_file

    data = read_return_file(path, template)
    repo = store.repo
    try:
        return repo.import_return(store.engine, data, template=template)
    except InputError as exc:
        if "already has a round" not in str(exc):
            raise
    answer = QMessageBox.question(
        parent, "Replace the round?",
        f"{data.partnership} already has a round {data.round}.\n\nReplace it with the file's contents?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return repo.import_return(store.engine, data, replace=True, template=template)


#: kind -> (module, label, file suffix, file dialog filter)
_KINDS = {
    "pdf": ("msgdesk.reports.pdf_appendix", "PDF", ".pdf", "PDF files (*.pdf)"),
    "docx": ("msgdesk.reports.docx_appendix", "Word", ".docx", "Word documents (*.docx)"),
    "xlsx": ("msgdesk.reports.xlsx_workbook", "Excel", ".xlsx", "Excel workbooks (*.xlsx)"),
}


def _report(kind: str):
    module_name = _KINDS[kind][0]
    try:
        return __import__(module_name, fromlist=["export"])
    except ImportError:
        return None


def export_docx(parent, session) -> Path | None:
    """File → Export Word…: the committee appendix as a Word document."""
    return export_report(parent, session, "docx")


def export_report(parent, session, kind: str) -> Path | None:
    """File → Export PDF… / Export Word… / Export Excel…, with a progress dialog."""
    module = _report(kind)
    _module, label, suffix, pattern = _KINDS[kind]
    if module is None:
        QMessageBox.warning(parent, f"Export {label}", f"{label} export is not available in this build.")
        return None
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

    from msgdesk.errors import MsgdeskError

    data = _round_data(session)
    try:
        if kind == "pdf":
            module.export(data, name, label="Appendix 1", progress=callback)
        elif kind == "docx":
            module.export(data, name, label="Appendix 1")
        else:
            module.export(data, name)
    except (MsgdeskError, OSError) as exc:  # e.g. a layout failure naming the proposal and field
        progress.close()
        QMessageBox.warning(parent, f"Export {label}", f"The {label} file was not written:\n\n{exc}")
        return None
    finally:
        progress.setValue(100)
        progress.close()
    offer_to_open(parent, Path(name))
    return Path(name)
