"""Handing a conversation to a person, and keeping the bot quiet until it is handed back.

Tenants hate bots that trap them. When a person is needed, the conversation is recorded here
and paused in Rasa; this record, not Rasa's pause flag, is the truth, because Rasa clears its
flag when a session expires or the tenant types /restart. The actions that start a session or
restart one read it and pause the conversation again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.cases import Base, from_stored, stored_utc


class HandoffReason(enum.Enum):
    """Why a person is needed; the value orders the queue (lower is more urgent)."""

    SAFETY = "safety"
    DOMESTIC_ABUSE = "domestic_abuse"
    OUT_OF_HOURS_EMERGENCY = "out_of_hours_emergency"
    OLD_COMPLAINT = "old_complaint"
    NOT_UNDERSTOOD = "not_understood"
    ASKED = "asked"

    @property
    def urgency(self) -> int:
        return list(HandoffReason).index(self)


class HandoffStatus(enum.Enum):
    WAITING = "waiting"  # in the queue; the bot is silent
    WITH_STAFF = "with_staff"  # a person is replying; the bot is silent
    HANDED_BACK = "handed_back"  # the bot answers again
    CLOSED = "closed"


ACTIVE = (HandoffStatus.WAITING.value, HandoffStatus.WITH_STAFF.value)


class HandoffRecord(Base):
    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    reason = Column(String(32), nullable=False)
    urgency = Column(Integer, nullable=False)
    requested_at = Column(DateTime, nullable=False)
    status = Column(String(16), nullable=False, index=True)
    staff = Column(String(64), nullable=True)
    ended_at = Column(DateTime, nullable=True)


class HandoffMessageRecord(Base):
    __tablename__ = "handoff_messages"

    id = Column(Integer, primary_key=True)
    handoff_id = Column(Integer, ForeignKey("handoffs.id"), nullable=False)
    conversation_id = Column(String(255), nullable=False, index=True)
    author = Column(String(64), nullable=True)  # the member of staff; None for the assistant
    text = Column(Text, nullable=False)
    sent_at = Column(DateTime, nullable=False)


@dataclass(frozen=True)
class Handoff:
    id: int
    conversation_id: str
    channel: str
    reason: HandoffReason
    requested_at: datetime
    status: HandoffStatus
    staff: Optional[str]

    @property
    def active(self) -> bool:
        return self.status.value in ACTIVE


@dataclass(frozen=True)
class HandoffMessage:
    """A message sent to the tenant from outside a bot turn: by staff, or the assistant's
    notice that the conversation was handed back or closed."""

    id: int
    conversation_id: str
    author: Optional[str]
    text: str
    sent_at: datetime


def _handoff(record: HandoffRecord) -> Handoff:
    return Handoff(
        id=record.id,
        conversation_id=record.conversation_id,
        channel=record.channel,
        reason=HandoffReason(record.reason),
        requested_at=from_stored(record.requested_at),
        status=HandoffStatus(record.status),
        staff=record.staff,
    )


class Handoffs:
    """The handoff queue, on the case store's database (and its migrations)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        """The case database the queue is in, where the web chat's kept updates are too."""
        return self._engine

    def request(self, conversation_id: str, channel: str, reason: HandoffReason, at: datetime) -> Handoff:
        """Put the conversation in the queue; asking again while it waits changes nothing,
        except that a more urgent reason moves it up."""
        with Session(self._engine, future=True) as session, session.begin():
            record = self._active(session, conversation_id)
            if record is None:
                record = HandoffRecord(
                    conversation_id=conversation_id,
                    channel=channel,
                    reason=reason.value,
                    urgency=reason.urgency,
                    requested_at=stored_utc(at),
                    status=HandoffStatus.WAITING.value,
                )
                session.add(record)
            elif reason.urgency < record.urgency:
                record.reason, record.urgency = reason.value, reason.urgency
            session.flush()
            return _handoff(record)

    def active(self, conversation_id: str) -> Optional[Handoff]:
        """The handoff that keeps the bot quiet in this conversation, if there is one."""
        with Session(self._engine, future=True) as session:
            record = self._active(session, conversation_id)
            return _handoff(record) if record else None

    def get(self, handoff_id: int) -> Optional[Handoff]:
        with Session(self._engine, future=True) as session:
            record = session.get(HandoffRecord, handoff_id)
            return _handoff(record) if record else None

    def queue(self) -> List[Handoff]:
        """Waiting and taken conversations, most urgent first, then longest waiting."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(HandoffRecord)
                .where(HandoffRecord.status.in_(ACTIVE))
                .order_by(HandoffRecord.urgency, HandoffRecord.requested_at, HandoffRecord.id)
            ).scalars()
            return [_handoff(row) for row in rows]

    def take(self, conversation_id: str, staff: str) -> Optional[Handoff]:
        return self._move(conversation_id, HandoffStatus.WITH_STAFF, None, staff=staff)

    def release(self, conversation_id: str) -> Optional[Handoff]:
        """Back in the queue, for anyone to take: the one who had it handed it over."""
        with Session(self._engine, future=True) as session, session.begin():
            record = self._active(session, conversation_id)
            if record is None:
                return None
            record.status, record.staff = HandoffStatus.WAITING.value, None
            session.flush()
            return _handoff(record)

    def hand_back(self, conversation_id: str, at: datetime) -> Optional[Handoff]:
        return self._move(conversation_id, HandoffStatus.HANDED_BACK, at)

    def close(self, conversation_id: str, at: datetime) -> Optional[Handoff]:
        return self._move(conversation_id, HandoffStatus.CLOSED, at)

    def restore(self, handoff: Handoff) -> None:
        """Put a handoff back as it was (handing back failed half way)."""
        with Session(self._engine, future=True) as session, session.begin():
            record = session.get(HandoffRecord, handoff.id)
            record.status, record.staff, record.ended_at = handoff.status.value, handoff.staff, None

    def _move(
        self, conversation_id: str, status: HandoffStatus, at: Optional[datetime], staff: Optional[str] = None
    ) -> Optional[Handoff]:
        with Session(self._engine, future=True) as session, session.begin():
            record = self._active(session, conversation_id)
            if record is None:
                return None
            record.status = status.value
            if staff is not None:
                record.staff = staff
            if at is not None:
                record.ended_at = stored_utc(at)
            session.flush()
            return _handoff(record)

    @staticmethod
    def _active(session: Session, conversation_id: str) -> Optional[HandoffRecord]:
        return session.execute(
            select(HandoffRecord)
            .where(HandoffRecord.conversation_id == conversation_id, HandoffRecord.status.in_(ACTIVE))
            .order_by(HandoffRecord.id.desc())
            .limit(1)
        ).scalar_one_or_none()

    def record_message(self, handoff: Handoff, author: Optional[str], text: str, at: datetime) -> HandoffMessage:
        """Keep what was sent to the tenant during (or at the end of) this handoff."""
        with Session(self._engine, future=True) as session, session.begin():
            record = HandoffMessageRecord(
                handoff_id=handoff.id,
                conversation_id=handoff.conversation_id,
                author=author,
                text=text,
                sent_at=stored_utc(at),
            )
            session.add(record)
            session.flush()
            return _message(record)

    def messages_after(self, conversation_id: str, after_id: int = 0) -> List[HandoffMessage]:
        """Messages for this conversation newer than `after_id`, oldest first: the web chat's
        outbox, read by polling."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(HandoffMessageRecord)
                .where(HandoffMessageRecord.conversation_id == conversation_id, HandoffMessageRecord.id > after_id)
                .order_by(HandoffMessageRecord.id)
            ).scalars()
            return [_message(row) for row in rows]


def _message(record: HandoffMessageRecord) -> HandoffMessage:
    return HandoffMessage(
        id=record.id,
        conversation_id=record.conversation_id,
        author=record.author,
        text=record.text,
        sent_at=from_stored(record.sent_at),
    )
