"""File menu: import/export a return file, export the PDF appendix and the Excel workbook.

Every save dialog here goes through ``ask_save_path``: it opens in the folder last
saved to (else the user's Documents folder, never the program's working folder),
checks that the name ends as the kind of file does (a PDF saved as "minutes.xlsx" is
refused, with a suggestion), and never creates a missing folder behind the user's back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from msgdesk.domain.errors import DuplicateRoundError, FileInUseError, InputError, MsgdeskError
from msgdesk.reports.exporters import ExportKind, ExportOptions, export_round
from msgdesk.rounds.import_many import import_one, is_database_file, summary
from msgdesk.rounds.return_file import read_return_file
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP
from msgdesk.ui.settings import open_settings

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

#: kind -> (suffix, the file dialog's filter); the names are translated when shown
KINDS = {
    "pdf": (".pdf", QT_TRANSLATE_NOOP("Exports", "PDF files (*.pdf)")),
    "xlsx": (".xlsx", QT_TRANSLATE_NOOP("Exports", "Excel workbooks (*.xlsx)")),
    "json": (".json", QT_TRANSLATE_NOOP("Exports", "Return files (*.json)")),
    "docx": (".docx", QT_TRANSLATE_NOOP("Exports", "Word documents (*.docx)")),
}
KIND_NAMES = {"pdf": "PDF", "xlsx": QT_TRANSLATE_NOOP("Exports", "Excel"),
              "json": QT_TRANSLATE_NOOP("Exports", "return"), "docx": QT_TRANSLATE_NOOP("Exports", "Word")}
FOLDER_KEY = "exports/folder"


def _tr(text: str) -> str:
    return translate("Exports", text)


def _settings(settings):
    if settings is not None:
        return settings

    return open_settings()


def start_folder(settings=None) -> Path:
    """Where a save or open dialog starts: the last folder used, else Documents, else home."""
    remembered = _settings(settings).value(FOLDER_KEY)
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(path: str | Path, settings=None) -> None:
    store = _settings(settings)
    store.setValue(FOLDER_KEY, str(Path(path).parent))
    store.sync()


def check_save_path(path: str, kind: str) -> tuple[str | None, str]:
    """(the path to write, "") or (None, why not) for a name typed in a save dialog.

    A name without a suffix gets the kind's; a name ending in another known suffix is
    refused, as is a folder that does not exist (it is not created)."""
    suffix, _ = KINDS[kind]
    target = Path(path)
    ending = target.suffix.lower()
    if ending != suffix:
        other = next((k for k, (s, _f) in KINDS.items() if s == ending), None)
        if other is not None or ending in (".xls", ".doc", ".csv", ".txt", ".odt", ".ods"):
            return None, translate("Exports",
                                   "“{name}” ends in {ending}, but this is a {kind} file: it must end in {suffix}. "
                             "Choose the name again (for example “{fixed}”).").format(
                name=target.name, ending=ending, kind=_tr(KIND_NAMES[kind]), suffix=suffix,
                fixed=target.with_suffix(suffix).name)
        target = target.with_name(target.name + suffix)
    if not target.parent.is_dir():
        return None, translate("Exports", "The folder {folder} does not exist. Choose a folder that exists; "
                         "msgdesk does not create folders for you.").format(folder=target.parent)
    return str(target), ""


def ask_save_path(parent, title: str, suggested: str, kind: str, settings=None) -> str | None:
    """Ask where to save a file of ``kind``; None if cancelled."""
    _suffix, pattern = KINDS[kind]
    start = start_folder(settings) / suggested
    while True:
        name, _selected = QFileDialog.getSaveFileName(parent, title, str(start), _tr(pattern))
        if not name:
            return None
        path, problem = check_save_path(name, kind)
        if path is not None:
            remember_folder(path, settings)
            return path
        QMessageBox.warning(parent, title, problem)
        start = Path(name)


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")


def default_name(session, suffix: str) -> str:
    """A short file name such as "north-ayrshire-2019.pdf"."""
    words = session.snap.partnership.split()
    short = words[0] if words else "return"
    if len(words) > 1 and words[1] not in ("Health", "and"):
        short = f"{words[0]}-{words[1]}"
    return f"{_safe_name(short.lower())}-{_safe_name(session.snap.label)}{suffix}"


def offer_to_open(parent, path: Path) -> None:
    answer = QMessageBox.question(parent, translate("Exports", "Export finished"),
                                  translate("Exports", "Wrote {path}.\n\nOpen it now?").format(path=path),
                                  QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _round_data(session):
    return session.workspace.rounds.load_round_by_id(session.round_id)


def export_return_file(parent, session, settings=None) -> Path | None:
    name = ask_save_path(parent, translate("Exports", "Export return file"), default_name(session, ".json"), "json",
                         settings)
    if not name:
        return None
    export_round(ExportKind.RETURN_JSON, _round_data(session), name)
    QMessageBox.information(parent, translate("Exports", "Exported"),
                            translate("Exports", "Wrote {path}").format(path=name))
    return Path(name)


def choose_return_files(parent, settings=None) -> list[str]:
    """File → Import: one return file or several (Ctrl+click, Shift+click, Ctrl+A)."""
    names, _ = QFileDialog.getOpenFileNames(parent, translate("Exports", "Import return files"),
                                            str(start_folder(settings)),
                                            translate("Exports", "Return files (*.json);;All files (*)"))
    if names:
        remember_folder(names[0], settings)
    return list(names)


def import_return_files(parent, workspace, paths: list[str]):
    """Import several files, each all or nothing, with a progress bar that can stop between
    files; then one line per file.  Rounds that exist already are skipped, never replaced."""
    progress = QProgressDialog(translate("Exports", "Importing return files…"), translate("Exports", "&Stop"), 0,
                               len(paths), parent)
    progress.setWindowTitle(translate("Exports", "Import return files"))
    progress.setAccessibleName(translate("Exports", "Import progress"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    results = []
    for done, path in enumerate(paths):
        if progress.wasCanceled():
            break
        progress.setLabelText(translate("Exports", "Importing {name} ({n} of {total})…").format(
            name=Path(path).name, n=done + 1, total=len(paths)))
        progress.setValue(done)
        QCoreApplication.processEvents()
        results.append(import_one(workspace, Path(path)))
    progress.setValue(len(paths))
    progress.close()
    text = summary(results)
    if len(results) < len(paths):
        text += " " + translate("Exports", "Stopped: {n} files were not looked at.").format(n=len(paths) - len(results))
    box = QMessageBox(QMessageBox.Icon.Information if all(r.outcome != "refused" for r in results)
                      else QMessageBox.Icon.Warning, translate("Exports", "Import return files"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText("\n".join(f"{r.outcome.value}: {Path(r.path).name}: {r.message}" for r in results))
    box.exec()
    return results


def import_return_file(parent, workspace, path: str):
    """Import ``path``; asks before replacing a round.  Returns the RoundInfo or None."""
    if is_database_file(workspace, Path(path)):
        # Reading it here would open and close the live file in this process, dropping
        # SQLite's locks on it (STYLE.md); and it is not a return file anyway.
        raise InputError(f"{path} is msgdesk's own database, not a return file: choose a .json return file")
    data = read_return_file(path, workspace.template)
    try:
        return workspace.rounds.import_return(data)
    except DuplicateRoundError:
        pass
    answer = QMessageBox.question(
        parent, translate("Exports", "Replace the round?"),
        translate("Exports",
                  "{partnership} already has a round {round}.\n\nReplace it with the file's contents?").format(
            partnership=data.partnership, round=data.round),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return workspace.rounds.import_return(data, replace=True)


def export_docx(parent, session, settings=None) -> Path | None:
    """File → Export Word…: the committee appendix as a Word document."""
    return export_report(parent, session, "docx", settings)


def export_report(parent, session, kind: str, settings=None) -> Path | None:
    """File → Export PDF… / Export Word… / Export Excel…, with a progress dialog."""
    label = _tr(KIND_NAMES[kind]) if kind != "pdf" else "PDF"
    title = translate("Exports", "Export {kind}").format(kind=label)
    name = ask_save_path(parent, title, default_name(session, KINDS[kind][0]), kind, settings)
    if not name:
        return None
    progress = QProgressDialog(translate("Exports", "Writing the {kind} file…").format(kind=label), "", 0, 100, parent)
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
    while True:
        try:
            export_round(ExportKind(kind), data, name, ExportOptions(label="Appendix 1", progress=callback))
        except FileInUseError as exc:  # Windows: the old copy is open in a reader
            progress.close()
            if not offer_other_name(parent, title, exc):
                return None
            name = str(exc.suggestion)
            continue
        except (MsgdeskError, OSError) as exc:  # e.g. a layout failure naming the proposal and field
            progress.close()
            QMessageBox.warning(parent, title, translate(
                "Exports", "The {kind} file was not written:\n\n{error}").format(kind=label, error=exc))
            return None
        finally:
            progress.setValue(100)
            progress.close()
        break
    offer_to_open(parent, Path(name))
    return Path(name)


def offer_other_name(parent, title: str, error) -> bool:
    """Windows refused to replace a file open in another program: say which, and offer the
    free name beside it (``appendix (2).pdf``).  True if the user takes it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), QMessageBox.StandardButton.NoButton, parent)
    other = box.addButton(translate("Exports", "Save as {name}").format(name=error.suggestion.name),
                          QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(other)
    box.exec()
    return box.clickedButton() is other
