"""The case store: every report a tenant makes becomes a case with a reference and a due date.

The landlord's own complaint report (seed 004) found complaints that were never logged when
first received; writing the case before the tenant is given a reference makes that impossible.
SQLite is the embedded default so a pilot needs no database server; `DATABASE_URL` points the
same code at PostgreSQL.
"""

from __future__ import annotations

import enum
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base

REPO_ROOT = Path(__file__).resolve().parent.parent

Base = declarative_base()


class CaseKind(enum.Enum):
    """What a case is about; the value is the prefix of its reference."""

    REPAIR = "REP"
    ANTI_SOCIAL_BEHAVIOUR = "ASB"
    COMPLAINT = "CMP"


class CaseRecord(Base):
    """One row per case. Times are stored in UTC so that reports do not depend on the server's zone."""

    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    reference = Column(String(32), unique=True, index=True)
    kind = Column(String(8), nullable=False)
    category = Column(String(32), nullable=False)
    description = Column(Text, nullable=False)
    conversation_id = Column(String(255), nullable=False, index=True)
    status = Column(String(32), nullable=False, default="open")
    opened_at = Column(DateTime, nullable=False)
    first_due_at = Column(DateTime, nullable=False)
    # None: not asked and not said.
    vulnerable_household = Column(Boolean, nullable=True)


class CaseEventRecord(Base):
    """The append-only history of a case: what the bot classified, every change, and who made it."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    kind = Column(String(32), nullable=False)
    actor = Column(String(64), nullable=False)
    detail = Column(JSON, nullable=False)


@dataclass(frozen=True)
class NewCase:
    """What the bot knows when it opens a case; `category` is the priority, risk or stage."""

    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    opened_at: datetime
    first_due_at: datetime
    vulnerable_household: Optional[bool] = None
    # What the assistant knew when it opened the case (intent, confidence, rules, deadlines):
    # the first entry of the case's event log.
    opened_because: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseEvent:
    at: datetime
    kind: str
    actor: str
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class CaseSummary:
    """A case as the rest of the assistant sees it, detached from any database session."""

    reference: str
    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    status: str
    opened_at: datetime
    first_due_at: datetime
    vulnerable_household: Optional[bool]


REFERENCE = re.compile(r"\b(REP|ASB|CMP)[\s-]?(\d{4})[\s-]?(\d{6})\b", re.IGNORECASE)


def references_in(message: str) -> List[str]:
    """Case references a tenant typed, however spaced or cased ("rep 2026 000123")."""
    return [f"{kind.upper()}-{year}-{number}" for kind, year, number in REFERENCE.findall(message or "")]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("case times must be timezone-aware")
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _summary(record: CaseRecord) -> CaseSummary:
    return CaseSummary(
        reference=record.reference,
        kind=CaseKind(record.kind),
        category=record.category,
        description=record.description,
        conversation_id=record.conversation_id,
        status=record.status,
        opened_at=record.opened_at.replace(tzinfo=timezone.utc),
        first_due_at=record.first_due_at.replace(tzinfo=timezone.utc),
        vulnerable_household=record.vulnerable_household,
    )


def default_database_url() -> str:
    """`DATABASE_URL` if set, else a SQLite file under var/ that is created on first use."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    folder = REPO_ROOT / "var"
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{folder / 'cases.db'}"


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic, on the store's own connection.

    A database made before the store had migrations (it has `cases` but no Alembic version)
    is brought level and stamped, so no developer has to delete theirs.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    tables = set(inspect(engine).get_table_names())
    with engine.begin() as connection:
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


class CaseStore:
    """Opens and reads cases. Built from an engine so tests can hand it an in-memory database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        migrate(engine)

    @classmethod
    def from_url(cls, url: str) -> "CaseStore":
        return cls(create_engine(url, future=True, pool_pre_ping=True))

    def open(self, case: NewCase) -> CaseSummary:
        """Write the case and give it its reference in one transaction, so no case lacks one."""
        with Session(self._engine, future=True) as session, session.begin():
            record = CaseRecord(
                kind=case.kind.value,
                category=case.category,
                description=case.description,
                conversation_id=case.conversation_id,
                status="open",
                opened_at=_utc(case.opened_at),
                first_due_at=_utc(case.first_due_at),
                vulnerable_household=case.vulnerable_household,
            )
            session.add(record)
            session.flush()
            record.reference = f"{case.kind.value}-{case.opened_at.year}-{record.id:06d}"
            session.add(CaseEventRecord(
                case_id=record.id, at=record.opened_at, kind="opened", actor="assistant",
                detail=dict(case.opened_because),
            ))
            session.flush()
            return _summary(record)

    def events(self, reference: str) -> List[CaseEvent]:
        """The case's history, oldest first; empty for an unknown reference."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(CaseEventRecord)
                .join(CaseRecord, CaseRecord.id == CaseEventRecord.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(CaseEventRecord.id)
            ).scalars()
            return [
                CaseEvent(at=row.at.replace(tzinfo=timezone.utc), kind=row.kind, actor=row.actor, detail=row.detail)
                for row in rows
            ]

    def find_for(self, reference: str, conversation_id: str) -> Optional[CaseSummary]:
        """The case, only if this conversation opened it; anyone else learns nothing, not even
        whether the reference exists."""
        case = self.find(reference)
        return case if case is not None and case.conversation_id == conversation_id else None

    def find(self, reference: str) -> Optional[CaseSummary]:
        with Session(self._engine, future=True) as session:
            record = session.execute(
                select(CaseRecord).where(CaseRecord.reference == reference)
            ).scalar_one_or_none()
            return _summary(record) if record else None

    def for_conversation(self, conversation_id: str) -> list[CaseSummary]:
        with Session(self._engine, future=True) as session:
            records = session.execute(
                select(CaseRecord)
                .where(CaseRecord.conversation_id == conversation_id)
                .order_by(CaseRecord.id)
            ).scalars()
            return [_summary(record) for record in records]
