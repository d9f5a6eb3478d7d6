"""Which database holds the cases, and bringing it to the newest schema with Alembic.

Apart from the store because it runs once, as a store opens, before any case is read: which
database (`DATABASE_URL`, else a SQLite file), the migrations in bot/migrations, and the lock
that lets several servers starting together migrate it once. bot/migrations/env.py uses it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.cases.records import Base, CaseEventRecord
from bot.settings import REPO_ROOT, setting


def default_database_url() -> str:
    """`DATABASE_URL` if set, else a SQLite file under var/ that is created on first use."""
    url = setting("DATABASE_URL")
    if url:
        return url
    folder = REPO_ROOT / "var"
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{folder / 'cases.db'}"


MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any fixed number, the same in every process: PostgreSQL's advisory lock for migrating.
MIGRATION_LOCK = 7_426_100


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic, on the store's own connection.

    A database made before the store had migrations (it has `cases` but no Alembic version)
    is brought level and stamped, so no developer has to delete theirs.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several action servers may start at once: one migrates, the others wait for it.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        tables = set(inspect(connection).get_table_names())
        config.attributes["connection"] = connection
        if "cases" in tables and "alembic_version" not in tables:
            _bring_level_before_migrations(connection)
            command.stamp(config, "0001")
        command.upgrade(config, "head")


def _bring_level_before_migrations(connection: Any) -> None:
    present = {column["name"] for column in inspect(connection).get_columns("cases")}
    if "vulnerable_household" not in present:
        connection.execute(text("ALTER TABLE cases ADD COLUMN vulnerable_household BOOLEAN"))
    Base.metadata.create_all(connection, tables=[CaseEventRecord.__table__])
