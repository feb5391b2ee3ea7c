"""Importing many return files at once (``msgdesk import FILE... | FOLDER``, the window's
File → Import with several files).

Each file is still all or nothing (one transaction, ``Workspace.rounds.import_return``);
one file refused does not stop the others.  A folder stands for the return files
(``*.json``) directly inside it, in name order.  The database is opened once for the
whole batch, so many files cost the sum of their own work and little more.

msgdesk's own database file is never opened as a return file: reading and closing it in
the process that holds it would drop SQLite's locks on it (STYLE.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from msgdesk.domain.errors import DuplicateRoundError, InputError, NotFoundError
from msgdesk.domain.states import ImportOutcome
from msgdesk.rounds.return_file import ReturnFileError, read_return_file

if TYPE_CHECKING:
    from msgdesk.store.rounds import RoundInfo
    from msgdesk.store.workspace import Workspace

RETURN_SUFFIX = ".json"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: ImportOutcome
    #: What was imported ("Angus, round 2021: 22 proposals rated, 431 actions"), or why not
    #: (the first located problem).
    message: str
    round: RoundInfo | None = None


@dataclass(frozen=True)
class Batch:
    """The files a batch stands for, and what else the folders held."""

    files: tuple[Path, ...]
    #: Folders that hold no return file.
    empty_folders: tuple[Path, ...] = ()
    #: Files in the folders that are not return files (not .json), left alone.
    others: int = 0


def is_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder; False for anything that cannot even be looked at (the
    reader then says what is wrong with it, as for any file)."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):  # a name too long, a NUL in it
        return False


def collect(paths: Iterable[str | os.PathLike[str]]) -> Batch:
    """The files ``paths`` name: a folder stands for the ``*.json`` files directly in it."""
    files: list[Path] = []
    empty: list[Path] = []
    others = 0
    for given in paths:
        path = Path(given)
        if not is_folder(path):
            files.append(path)
            continue
        inside = sorted((p for p in path.iterdir() if p.is_file()), key=lambda p: p.name.casefold())
        found = [p for p in inside if p.suffix.lower() == RETURN_SUFFIX]
        others += len(inside) - len(found)
        files += found
        if not found:
            empty.append(path)
    return Batch(tuple(files), tuple(empty), others)


def is_database_file(workspace: Workspace, chosen: Path) -> bool:
    """Whether ``chosen`` is the workspace's SQLite file (or its journal), by ``stat`` only."""
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


def first_problem(exc: InputError) -> str:
    """The first located problem of a refused file, and how many more there are."""
    if isinstance(exc, ReturnFileError) and exc.problems:
        more = len(exc.problems) - 1
        return exc.problems[0] + (f" (and {more:,} more problem{'s' if more != 1 else ''})" if more else "")
    return str(exc)


def import_one(workspace: Workspace, path: Path, *, replace: bool = False) -> FileResult:
    """Read, check and store one file; refused input comes back as a REFUSED result
    (a database that cannot be written raises, as for any command)."""
    if is_database_file(workspace, path):
        return FileResult(path, ImportOutcome.REFUSED, "this is msgdesk's own database, not a return file")
    try:
        data = read_return_file(path, workspace.template)
        existed = replace and _exists(workspace, data.partnership, data.round)
        info = workspace.rounds.import_return(data, replace=replace)
    except DuplicateRoundError as exc:
        return FileResult(path, ImportOutcome.SKIPPED,
                          f"{exc.partnership} already has round {exc.label} (--replace replaces it)")
    except InputError as exc:
        return FileResult(path, ImportOutcome.REFUSED, first_problem(exc))
    rated = sum(1 for r in data.responses if r.rating)
    actions = sum(len(r.actions) for r in data.responses)
    return FileResult(path, ImportOutcome.REPLACED if existed else ImportOutcome.IMPORTED,
                      f"{info.partnership}, round {info.label}: {rated} proposals rated, {actions} actions", info)


def _exists(workspace: Workspace, partnership: str, label: str) -> bool:
    try:
        workspace.rounds.find_round(partnership, label)
    except NotFoundError:
        return False
    return True


def import_files(workspace: Workspace, files: Sequence[Path], *, replace: bool = False,
                 progress: Callable[[int, int, Path], None] | None = None) -> list[FileResult]:
    """Import each of ``files`` on its own; ``progress(done, total, path)`` after each."""
    results = []
    for done, path in enumerate(files, 1):
        results.append(import_one(workspace, path, replace=replace))
        if progress is not None:
            progress(done, len(files), path)
    return results


def summary(results: Sequence[FileResult], batch: Batch | None = None) -> str:
    """"93 files: 90 imported, 1 replaced, 1 skipped, 1 refused." and what was left alone."""
    counts = {outcome: sum(1 for r in results if r.outcome is outcome) for outcome in ImportOutcome}
    parts = [f"{n} {outcome.value}" for outcome, n in counts.items() if n or outcome is ImportOutcome.IMPORTED]
    text = f"{len(results)} file{'s' if len(results) != 1 else ''}: {', '.join(parts)}."
    if batch is not None and batch.others:
        text += f" {batch.others} other file{'s' if batch.others != 1 else ''} (not .json) left alone."
    return text
