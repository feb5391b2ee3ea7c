"""The log file support asks for, and the database readable only by its owner."""

from __future__ import annotations

import logging
import os

import pytest

from msgdesk import logging_setup


@pytest.fixture
def logging_configured():
    yield logging_setup.configure_logging()
    logging_setup.reset_logging()


def test_the_log_goes_to_a_rotating_file_in_the_user_log_folder(logging_configured, tmp_path):
    from msgdesk.paths import user_log_dir

    path = logging_configured
    assert path == user_log_dir() / "msgdesk.log"
    logging.getLogger("msgdesk.test").warning("a line for support")
    for handler in logging.getLogger("msgdesk").handlers:
        handler.flush()
    assert "a line for support" in path.read_text()
    handler = next(h for h in logging.getLogger("msgdesk").handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 5
    if os.name == "posix":
        assert (path.stat().st_mode & 0o777) == 0o600
    assert logging_setup.configure_logging() == path  # twice adds nothing
    assert len([h for h in logging.getLogger("msgdesk").handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]) == 1


def test_backups_and_restores_are_logged(logging_configured, db_path, example_round, workspace):
    from msgdesk.store import backup

    workspace.close()
    info = backup.create_backup(db_path, "manual")
    backup.restore_backup(db_path, info.path)
    for handler in logging.getLogger("msgdesk").handlers:
        handler.flush()
    text = logging_configured.read_text()
    assert f"backup {info.path.name}" in text and "restored" in text
    assert "North Ayrshire" not in text  # names of files and events only, no return content


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_and_backups_are_readable_only_by_their_owner(db_path, example_round, workspace):
    from msgdesk.store import backup

    workspace.close()
    info = backup.create_backup(db_path, "manual")
    assert (db_path.stat().st_mode & 0o777) == 0o600
    assert (info.path.stat().st_mode & 0o777) == 0o600
