"""Alembic environment: msgdesk runs migrations itself, on a connection it
opened (``msgdesk.store.database``); there is no alembic.ini."""

from alembic import context

from msgdesk.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
