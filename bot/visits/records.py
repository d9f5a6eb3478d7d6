"""The table booked visits are kept in. Times are stored as naive UTC, as cases'.

Two rules are the database's to keep, so that neither two tenants nor a tenant and a member of
staff booking at the same moment can break them:

- a half-day never holds more visits than it can take: a booked visit holds one of its numbered
  `place`s (1 to the half-day's `visits`), unique with the day and half-day, and lets it go
  (NULL) when it is moved or cancelled;
- a case has at most one booked visit: `booked_case_id` is the case's id while the visit is
  booked and NULL after, and unique.

NULLs are never equal to each other in a unique constraint, in SQLite and PostgreSQL alike, so
any number of moved and cancelled visits stay in the table as the case's history.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Time, UniqueConstraint

from bot.cases import Base


class CaseVisitRecord(Base):
    """One booking of a visit for a repair, from booked to moved or cancelled."""

    __tablename__ = "case_visits"
    __table_args__ = (
        UniqueConstraint("day", "half_day", "place", name="uq_case_visit_place"),
        UniqueConstraint("booked_case_id", name="uq_case_visit_booked"),
    )

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    day = Column(Date, nullable=False, index=True)
    half_day = Column(String(16), nullable=False)
    # The hours the visit was booked with, whatever visits.yml says later.
    starts = Column(Time, nullable=False)
    ends = Column(Time, nullable=False)
    status = Column(String(16), nullable=False)
    place = Column(Integer, nullable=True)
    booked_case_id = Column(Integer, nullable=True)
    booked_at = Column(DateTime, nullable=False)
    booked_by = Column(String(64), nullable=False)
    ended_at = Column(DateTime, nullable=True)
    ended_by = Column(String(64), nullable=True)
