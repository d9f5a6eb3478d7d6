"""What the console reads from and writes to the case database beyond `CaseStore`'s own methods.

Kept here, not in bot.cases, so the console can grow without every change touching the store
the assistant depends on. Times are stored as naive UTC, as bot.cases does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.cases import CaseEventRecord, CaseKind, CaseRecord, CaseStatus, CaseStore, from_stored, stored_utc
from bot.handoff import Handoff, HandoffRecord, Handoffs
from bot.report import period_bounds

PROGRESS_NOTED = "progress_noted"
VIEWED = "viewed_by_staff"
MAX_NOTE_CHARS = 4000
# A complaint's extension reason is sent to the tenant in the update: an SMS's length, not a note's.
MAX_REASON_CHARS = 300

KIND_LABELS: Dict[CaseKind, str] = {
    CaseKind.REPAIR: "Repairs",
    CaseKind.ANTI_SOCIAL_BEHAVIOUR: "Anti-social behaviour",
    CaseKind.COMPLAINT: "Complaints",
    CaseKind.CALLBACK: "Enquiries (callbacks)",
    CaseKind.DOMESTIC_ABUSE: "Domestic abuse",
}


def record_progress(store: CaseStore, reference: str, at: datetime, actor: str, note: str) -> None:
    """Add a `progress_noted` event to a case's log: what staff did, by whom and when.

    The log is append-only evidence for the Ombudsman, so a note is never edited; a correction
    is another note. LookupError for an unknown reference.
    """
    _append_event(store, reference, at, PROGRESS_NOTED, actor, {"note": note})


def record_view(store: CaseStore, reference: str, at: datetime, actor: str, photo: bool = False) -> None:
    """Note that a member of staff was shown the case, or a photo sent with it (domestic abuse
    cases: every showing is evidence of who has read where a victim can be reached)."""
    _append_event(store, reference, at, VIEWED, actor, {"photo": True} if photo else {})


def _append_event(store: CaseStore, reference: str, at: datetime, kind: str, actor: str, detail: Dict) -> None:
    with Session(store.engine, future=True) as session, session.begin():
        case_id = session.execute(select(CaseRecord.id).where(CaseRecord.reference == reference)).scalar_one_or_none()
        if case_id is None:
            raise LookupError(reference)
        session.add(CaseEventRecord(case_id=case_id, at=stored_utc(at), kind=kind, actor=actor, detail=detail))


# --- cases by deadline ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCase:
    """One line of the deadline list."""

    reference: str
    kind: CaseKind
    category: str
    status: str
    opened_at: datetime
    due_at: datetime
    description: str
    # A promise in days runs to the end of its day: shown as the date, not 23:59.
    due_whole_day: bool = False
    vulnerable_household: Optional[bool] = None
    hate_incident: Optional[bool] = None


@dataclass(frozen=True)
class CaseFilters:
    """What the case list is narrowed to, from its GET form (so a filtered list is a URL that
    can be shared): one team's kind of case, one priority or risk, vulnerable households only."""

    kind: Optional[CaseKind] = None
    category: Optional[str] = None
    vulnerable_only: bool = False

    def admits(self, case: "OpenCase") -> bool:
        return (
            (self.kind is None or case.kind is self.kind)
            and (self.category is None or case.category == self.category)
            and (not self.vulnerable_only or case.vulnerable_household is True)
        )


def filtered(cases: Iterable["OpenCase"], filters: CaseFilters) -> List["OpenCase"]:
    return [case for case in cases if filters.admits(case)]


# What comes first within each group of the deadline list: danger to someone or to the home (an
# emergency repair, an Awaab's Law emergency hazard, high-risk anti-social behaviour, domestic
# abuse), then the repairs on a same-day or Awaab's Law clock, then the rest; within each, a
# vulnerable household first; then the promised date. By date alone, an emergency two hours late
# in a vulnerable household sat under a backlog of routine repairs weeks late, off the first screen.
URGENCY_TIERS: Tuple[FrozenSet[str], ...] = (
    frozenset({"emergency", "damp_mould_emergency_hazard", "high_risk", "domestic_abuse"}),
    frozenset({"urgent", "damp_mould"}),
)
EMERGENCY_CATEGORIES = URGENCY_TIERS[0]


def most_urgent_first(case: "OpenCase") -> Tuple[int, bool, datetime]:
    """The deadline list's order, as a sort key."""
    tier = next((n for n, tier in enumerate(URGENCY_TIERS) if case.category in tier), len(URGENCY_TIERS))
    return tier, case.vulnerable_household is not True, case.due_at


@dataclass(frozen=True)
class DeadlineGroups:
    """Open cases split by their next promised date, each group most urgent first (most_urgent_first)."""

    overdue: Tuple[OpenCase, ...]
    due_today: Tuple[OpenCase, ...]
    upcoming: Tuple[OpenCase, ...]


def open_cases(store: CaseStore, kinds: Optional[Iterable[CaseKind]] = None) -> List[OpenCase]:
    """Every case not completed (open or awaiting a decision), by next promised date; only of
    `kinds` when given."""
    with Session(store.engine, future=True) as session:
        rows = session.execute(
            select(
                CaseRecord.reference,
                CaseRecord.kind,
                CaseRecord.category,
                CaseRecord.status,
                CaseRecord.opened_at,
                CaseRecord.first_due_at,
                CaseRecord.description,
                CaseRecord.first_due_whole_day,
                CaseRecord.vulnerable_household,
                CaseRecord.hate_incident,
            )
            .where(
                CaseRecord.status != CaseStatus.COMPLETED.value,
                *([CaseRecord.kind.in_([kind.value for kind in kinds])] if kinds is not None else []),
            )
            .order_by(CaseRecord.first_due_at, CaseRecord.id)
        ).all()
    return [
        OpenCase(
            row.reference,
            CaseKind(row.kind),
            row.category,
            row.status,
            from_stored(row.opened_at),
            from_stored(row.first_due_at),
            row.description,
            bool(row.first_due_whole_day),
            row.vulnerable_household,
            row.hate_incident,
        )
        for row in rows
    ]


def group_by_deadline(cases: List[OpenCase], now: datetime, tz: tzinfo) -> DeadlineGroups:
    """Overdue: the promised moment has passed. Due today: it is later today, in the landlord's
    zone. Upcoming: after today. A whole-day promise runs to the end of its day
    (bot.intake.opening.end_of), so it stays "due today" all of that day. Each group is most
    urgent first (most_urgent_first)."""
    today = now.astimezone(tz).date()
    cases = sorted(cases, key=most_urgent_first)
    overdue = tuple(case for case in cases if case.due_at < now)
    due_today = tuple(case for case in cases if case.due_at >= now and case.due_at.astimezone(tz).date() == today)
    upcoming = tuple(case for case in cases if case.due_at.astimezone(tz).date() > today)
    return DeadlineGroups(overdue, due_today, upcoming)


# --- cases against their target ------------------------------------------------------------


@dataclass(frozen=True)
class TargetFigures:
    """For one kind of case and one period: how its cases stand against the first promised date."""

    kind: CaseKind
    completed_in_target: int  # completed in the period, by the promised date
    completed_late: int  # completed in the period, after it
    open_overdue: int  # not completed at the end of the period (or now), and past its date


def target_figures(store: CaseStore, start: date, end: date, tz: tzinfo, now: datetime) -> List[TargetFigures]:
    """Per kind, counted the way bot.report counts RP02 and its backlog: completions are those
    made in the period; "open and overdue" is the position at the end of the period, or now
    if the period has not ended, so re-running a past month gives the same chart."""
    lower, upper = period_bounds(start, end, tz)
    as_at = min(upper, stored_utc(now))
    completed = (
        CaseRecord.completed_at.is_not(None) & (CaseRecord.completed_at >= lower) & (CaseRecord.completed_at < upper)
    )
    on_time = CaseRecord.completed_at <= CaseRecord.first_due_at
    # At the end of a period, a completion at its closing midnight belongs to the next one;
    # "now", a completion made this instant is done.
    done_after = CaseRecord.completed_at >= upper if as_at == upper else CaseRecord.completed_at > as_at
    still_open = or_(CaseRecord.completed_at.is_(None), done_after)
    overdue = still_open & (CaseRecord.opened_at < as_at) & (CaseRecord.first_due_at < as_at)
    with store.engine.connect() as connection:
        counts = {
            name: dict(
                connection.execute(
                    select(CaseRecord.kind, func.count()).where(condition).group_by(CaseRecord.kind)
                ).all()
            )
            for name, condition in (
                ("in_target", completed & on_time),
                ("late", completed & ~on_time),
                ("overdue", overdue),
            )
        }
    return [
        TargetFigures(
            kind,
            counts["in_target"].get(kind.value, 0),
            counts["late"].get(kind.value, 0),
            counts["overdue"].get(kind.value, 0),
        )
        for kind in CaseKind
    ]


# --- the cases a conversation opened -------------------------------------------------------


@dataclass(frozen=True)
class ConversationCase:
    """A case opened in a conversation: what the handoff queue and page link to, and the facts
    about the household the tenant gave while it was opened."""

    reference: str
    kind: CaseKind
    conversation_id: str
    opened_at: datetime
    postcode: Optional[str]
    vulnerable_household: Optional[bool]


def cases_of_conversations(
    store: CaseStore, conversation_ids: Iterable[str], since: datetime
) -> Dict[str, List[ConversationCase]]:
    """The cases each conversation opened since `since`, newest first, in one query for a whole
    queue. An SMS conversation is a phone number that may have opened cases months ago; only
    those of the episode being handed over belong beside it, so the caller bounds them."""
    ids = sorted(set(conversation_ids))
    if not ids:
        return {}
    with Session(store.engine, future=True) as session:
        rows = session.execute(
            select(
                CaseRecord.reference,
                CaseRecord.kind,
                CaseRecord.conversation_id,
                CaseRecord.opened_at,
                CaseRecord.postcode,
                CaseRecord.vulnerable_household,
            )
            .where(CaseRecord.conversation_id.in_(ids), CaseRecord.opened_at >= stored_utc(since))
            .order_by(CaseRecord.opened_at.desc(), CaseRecord.id.desc())
        ).all()
    found: Dict[str, List[ConversationCase]] = {}
    for row in rows:
        found.setdefault(row.conversation_id, []).append(
            ConversationCase(
                row.reference,
                CaseKind(row.kind),
                row.conversation_id,
                from_stored(row.opened_at),
                row.postcode,
                row.vulnerable_household,
            )
        )
    return found


def handoffs_of_conversation(engine: Engine, conversation_id: str, start: datetime, end: datetime) -> List[Handoff]:
    """The handoffs of a conversation asked for between `start` and `end`, newest first: the
    conversation a case came from, for its page to link to (a phone number's handoff of another
    month is about something else)."""
    with Session(engine, future=True) as session:
        ids = (
            session.execute(
                select(HandoffRecord.id)
                .where(
                    HandoffRecord.conversation_id == conversation_id,
                    HandoffRecord.requested_at >= stored_utc(start),
                    HandoffRecord.requested_at <= stored_utc(end),
                )
                .order_by(HandoffRecord.id.desc())
            )
            .scalars()
            .all()
        )
    handoffs = Handoffs(engine)
    return [h for h in (handoffs.get(i) for i in ids) if h is not None]
