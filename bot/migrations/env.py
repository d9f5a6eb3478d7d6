"""Alembic's entry point for the case store's migrations.

bot.cases.migrate() runs these on the store's own connection, so an in-memory SQLite test
database and a PostgreSQL server are migrated the same way. `alembic` on the command line
works too: `DATABASE_URL=... .venv/bin/alembic -c bot/migrations/alembic.ini upgrade head`.
"""

from alembic import context
from sqlalchemy import create_engine

from bot.cases import Base, default_database_url

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or default_database_url(), future=True)
    with engine.connect() as own_connection:
        context.configure(connection=own_connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
