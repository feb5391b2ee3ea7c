"""The schema revisions this msgdesk knows, with no imports, so that the
window's fast start-up path can check a file without loading SQLAlchemy.

``tests/test_storage.py`` checks these against alembic's migrations."""

#: The newest revision: a file at this revision needs no migration.
SCHEMA_HEAD = "0008"
#: Every revision this msgdesk can migrate from; anything else is newer.
KNOWN_REVISIONS = ("0001", "0002", "0004", "0005", "0006", "0007", "0008")
#: ``PRAGMA application_id`` of an msgdesk SQLite file ("MSGD"); files from schema 0001
#: predate it and are recognised by their tables.
APPLICATION_ID = 0x4D534744
#: The tables of schema 0001, by which a file from before APPLICATION_ID is recognised.
TABLES_0001 = frozenset({"partnership", "evaluation_round", "response", "action", "action_update", "round_event"})
