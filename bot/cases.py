"""The case store: every report a tenant makes becomes a case with a reference and a due date.

The landlord's own complaint report (seed 004) found complaints that were never logged when
first received; writing the case before the tenant is given a reference makes that impossible.
SQLite is the embedded default so a pilot needs no database server; `DATABASE_URL` points the
same code at PostgreSQL.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text, create_engine, inspect, select, text
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


# Columns added after the first release of the table, with their SQL type. Until the case
# store has proper migrations, a database made by an older version gains them on start-up.
_LATER_COLUMNS = {"vulnerable_household": "BOOLEAN"}


def _add_columns_added_since(engine: Engine) -> None:
    present = {column["name"] for column in inspect(engine).get_columns(CaseRecord.__tablename__)}
    with engine.begin() as connection:
        for name, sql_type in _LATER_COLUMNS.items():
            if name not in present:
                connection.execute(text(f"ALTER TABLE {CaseRecord.__tablename__} ADD COLUMN {name} {sql_type}"))


class CaseStore:
    """Opens and reads cases. Built from an engine so tests can hand it an in-memory database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        Base.metadata.create_all(engine)
        _add_columns_added_since(engine)

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
            session.flush()
            return _summary(record)

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
