"""The schema revisions this msgdesk knows, with no imports, so that the
window's fast start-up path can check a file without loading SQLAlchemy.

``tests/test_storage.py`` checks these against alembic's migrations."""

#: The newest revision: a file at this revision needs no migration.
SCHEMA_HEAD = "0001"
#: Every revision this msgdesk can migrate from; anything else is newer.
KNOWN_REVISIONS = ("0001",)
