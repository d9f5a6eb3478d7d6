"""What a tenant may be told about a case they ask after, and how often anyone may ask.

Asking by reference is how tenants chase a case, and also how someone could try to find out
about a neighbour's. So:

- only one reference is looked up per message;
- the person who opened a case (the same conversation, or the same phone number, WhatsApp or
  Messenger account) hears its status, may take a complaint to stage 2 and may book, move or
  cancel a repair's visit;
- someone who gives the postcode on it hears the status of a repair, a complaint or a callback,
  but never of anti-social behaviour or domestic abuse (a neighbour, or the person reported,
  may live at the same postcode), and may neither escalate it nor change its visit; they hear
  the same words as for a reference that does not exist, with how to reach a person;
- each conversation may look up `PER_CONVERSATION` cases a day, and each postcode may be tried
  `PER_POSTCODE` times a day by people who did not open the case, across every conversation,
  so that neither a reference nor a postcode can be guessed at by trying.

The counts are kept in the case database (`case_lookups`), so every action server agrees.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import Boolean, Column, DateTime, Integer, String, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.cases import Base, CaseKind, FoundCase, normalise_postcode, stored_utc

PER_CONVERSATION = 10
PER_POSTCODE = 5
WINDOW = timedelta(days=1)
# Told by postcode alone: what a stranger at the same postcode may as well know.
TOLD_BY_POSTCODE = frozenset({CaseKind.REPAIR, CaseKind.COMPLAINT, CaseKind.CALLBACK})


class Purpose(enum.Enum):
    STATUS = "status"
    STAGE_TWO = "stage_two"
    VISIT = "visit"


def may_disclose(found: Optional[FoundCase], purpose: Purpose) -> bool:
    """Whether the asker may hear about (or act on) the case they were found to be tied to."""
    if found is None:
        return False
    if found.by_owner:
        return True
    return purpose is Purpose.STATUS and found.case.kind in TOLD_BY_POSTCODE


class CaseLookupRecord(Base):
    """One look-up: when, from which conversation, with which postcode, and whether it showed
    anything. Neither the reference nor what was shown is kept."""

    __tablename__ = "case_lookups"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    postcode = Column(String(16), nullable=True, index=True)
    by_owner = Column(Boolean, nullable=False)


@dataclass(frozen=True)
class LookupLimits:
    """The look-ups of the last day, from the case database."""

    engine: Engine

    def allowed(self, conversation_id: str, postcode: Optional[str], now: datetime) -> bool:
        since = stored_utc(now - WINDOW)
        with Session(self.engine, future=True) as session:
            mine = session.execute(
                select(func.count(CaseLookupRecord.id)).where(
                    CaseLookupRecord.conversation_id == conversation_id, CaseLookupRecord.at >= since
                )
            ).scalar_one()
            if mine >= PER_CONVERSATION:
                return False
            if not postcode:
                return True
            at_postcode = session.execute(
                select(func.count(CaseLookupRecord.id)).where(
                    CaseLookupRecord.postcode == normalise_postcode(postcode),
                    CaseLookupRecord.by_owner.is_(False),
                    CaseLookupRecord.at >= since,
                )
            ).scalar_one()
            return at_postcode < PER_POSTCODE

    def record(self, conversation_id: str, postcode: Optional[str], found: Optional[FoundCase], now: datetime) -> None:
        """Count a look-up. Only one by someone who did not open the case counts against its postcode."""
        by_owner = found is not None and found.by_owner
        with Session(self.engine, future=True) as session, session.begin():
            session.add(
                CaseLookupRecord(
                    at=stored_utc(now),
                    conversation_id=conversation_id[:255],
                    postcode=normalise_postcode(postcode)[:16] if postcode and not by_owner else None,
                    by_owner=by_owner,
                )
            )
