"""Booking the visit for a repair that is not same-day: what is offered, what may be booked, and
each change on the case's history and told to the tenant."""

from datetime import date, datetime, time, timedelta

import pytest

from bot.cases import CaseStatus, ChannelIdentity
from bot.charter import RepairPriority
from bot.intake import Reporter, log_asb_report, log_repair
from bot.charter import AsbRisk
from bot.updates import UpdateKind
from bot.visits import HalfDay, NotBookable, SlotUnavailable, VisitCalendar, Visits, VisitStatus, WhyNot
from bot.visits import why_not_bookable
from tests.bot.updates.conftest import LONDON, MONDAY_MORNING, a_repair

# One visit a morning and two an afternoon, three working days ahead: small enough to fill.
SMALL = VisitCalendar(
    (HalfDay("morning", time(8), time(13), 1), HalfDay("afternoon", time(12), time(18), 2)),
    days_ahead=3,
)


@pytest.fixture
def visits(desk):
    return Visits(desk, SMALL)


def keys(slots):
    return [slot.key for slot in slots]


@pytest.mark.parametrize(
    "priority, hazard, why",
    [
        (RepairPriority.EMERGENCY, False, WhyNot.SAME_DAY),
        (RepairPriority.URGENT, False, WhyNot.SAME_DAY),
        (RepairPriority.DAMP_MOULD, True, WhyNot.SAME_DAY),  # an Awaab's Law emergency hazard
        (RepairPriority.ROUTINE, False, None),
        (RepairPriority.EXTERNAL, False, None),
        (RepairPriority.MAJOR, False, None),
        (RepairPriority.DAMP_MOULD, False, None),
    ],
)
def test_only_a_repair_that_is_not_same_day_has_a_visit_to_book(desk, priority, hazard, why):
    receipt = log_repair(desk, priority, "something to mend", "web-1", MONDAY_MORNING, emergency_hazard=hazard)
    case = desk.cases.find(receipt.reference)
    assert why_not_bookable(case) is why


def test_the_same_day_rule_is_the_triages(desk):
    """The rule reads the case (a promise in hours is attended the same day); it must agree with
    the triage's set of same-day priorities for every priority the charter has."""
    from bot.triage import SAME_DAY_PRIORITIES

    for priority in RepairPriority:
        case = desk.cases.find(log_repair(desk, priority, "x", "web-1", MONDAY_MORNING).reference)
        assert (why_not_bookable(case) is WhyNot.SAME_DAY) is (priority in SAME_DAY_PRIORITIES)


def test_a_completed_repair_or_another_kind_of_case_has_none(desk):
    case = a_repair(desk)
    desk.cases.set_status(case.reference, CaseStatus.COMPLETED, MONDAY_MORNING, "staff:amy")
    assert why_not_bookable(desk.cases.find(case.reference)) is WhyNot.COMPLETED
    asb = log_asb_report(desk, AsbRisk.LOW, "music all night", "web-1", MONDAY_MORNING)
    assert why_not_bookable(desk.cases.find(asb.reference)) is WhyNot.NOT_A_REPAIR


@pytest.mark.parametrize(
    "now, first_days",
    [
        # A Monday morning: from Tuesday, never the same day.
        (datetime(2026, 12, 7, 10, 0, tzinfo=LONDON), ["2026-12-08", "2026-12-09", "2026-12-10"]),
        # Before the office opens on a working day: still from the next working day.
        (datetime(2026, 12, 7, 6, 0, tzinfo=LONDON), ["2026-12-08", "2026-12-09", "2026-12-10"]),
        # A Friday afternoon and a Saturday: from Monday, no weekend.
        (datetime(2026, 12, 11, 16, 0, tzinfo=LONDON), ["2026-12-14", "2026-12-15", "2026-12-16"]),
        (datetime(2026, 12, 12, 11, 0, tzinfo=LONDON), ["2026-12-14", "2026-12-15", "2026-12-16"]),
        # Christmas: Friday 25, the weekend and Monday 28 (Boxing Day's substitute) are skipped.
        (datetime(2026, 12, 23, 9, 0, tzinfo=LONDON), ["2026-12-24", "2026-12-29", "2026-12-30"]),
    ],
)
def test_the_next_working_days_half_days_are_offered(desk, visits, now, first_days):
    case = a_repair(desk, at=now)
    offered = visits.offered(case, now)
    assert keys(offered) == [f"{day}:{half}" for day in first_days for half in ("morning", "afternoon")]


def test_a_full_half_day_is_not_offered(desk, visits):
    first, second, third = (a_repair(desk, what=f"tap {n}") for n in range(3))
    visits.book(first.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    visits.book(second.reference, "2026-12-08:afternoon", MONDAY_MORNING, "tenant")
    offered = keys(visits.offered(third, MONDAY_MORNING))
    assert "2026-12-08:morning" not in offered  # its one place is taken
    assert "2026-12-08:afternoon" in offered  # one of two
    with pytest.raises(SlotUnavailable):
        visits.book(third.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")


def test_a_cancelled_or_moved_visit_frees_its_place(desk, visits):
    first, second = a_repair(desk, what="tap"), a_repair(desk, what="door")
    visits.book(first.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    visits.book(first.reference, "2026-12-09:morning", MONDAY_MORNING, "tenant")
    assert "2026-12-08:morning" in keys(visits.offered(second, MONDAY_MORNING))
    visits.cancel(first.reference, MONDAY_MORNING, "tenant")
    assert "2026-12-09:morning" in keys(visits.offered(second, MONDAY_MORNING))


def test_the_slot_a_repair_is_booked_in_is_not_offered_to_it_again(desk, visits):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-09:afternoon", MONDAY_MORNING, "tenant")
    assert "2026-12-09:afternoon" not in keys(visits.offered(case, MONDAY_MORNING))


def test_nothing_is_offered_after_the_date_promised_for_the_repair(desk):
    # Damp and mould is investigated within 10 working days: by Monday 21 December. (Mornings
    # only, so that the 12 slots offered at most reach that far.)
    far = VisitCalendar(SMALL.half_days[:1], days_ahead=20)
    case = desk.cases.find(log_repair(desk, RepairPriority.DAMP_MOULD, "mould", "web-1", MONDAY_MORNING).reference)
    days = {slot.day for slot in Visits(desk, far).offered(case, MONDAY_MORNING)}
    assert max(days) == date(2026, 12, 21)
    assert len(days) == 10


@pytest.mark.parametrize("priority", [RepairPriority.EMERGENCY, RepairPriority.URGENT])
def test_a_same_day_repair_is_offered_nothing_and_cannot_be_booked(desk, visits, priority):
    case = a_repair(desk, priority=priority)
    assert visits.offered(case, MONDAY_MORNING) == []
    with pytest.raises(NotBookable) as refused:
        visits.book(case.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    assert refused.value.why is WhyNot.SAME_DAY


@pytest.mark.parametrize("key", ["2026-12-07:morning", "2026-12-12:morning", "2026-12-08:evening", "nonsense"])
def test_a_slot_never_offered_cannot_be_booked(desk, visits, key):
    with pytest.raises(SlotUnavailable):
        visits.book(a_repair(desk).reference, key, MONDAY_MORNING, "tenant")


def test_booking_moving_and_cancelling_are_each_on_the_cases_history(desk, visits):
    case = a_repair(desk)
    booked = visits.book(case.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    assert booked.replaced is None
    moved = visits.book(case.reference, "2026-12-10:afternoon", MONDAY_MORNING, "staff:amy")
    assert moved.replaced.slot.key == "2026-12-08:morning"
    cancelled = visits.cancel(case.reference, MONDAY_MORNING, "tenant")
    assert cancelled.slot.key == "2026-12-10:afternoon"
    assert visits.cancel(case.reference, MONDAY_MORNING, "tenant") is None  # nothing left to cancel
    history = [(e.kind, e.actor, e.detail.get("visit"), e.detail.get("was")) for e in desk.cases.events(case.reference)]
    assert history[-3:] == [
        ("visit_booked", "tenant", "Tuesday 8 December, morning (8am to 1pm)", None),
        (
            "visit_moved",
            "staff:amy",
            "Thursday 10 December, afternoon (midday to 6pm)",
            "Tuesday 8 December, morning (8am to 1pm)",
        ),
        ("visit_cancelled", "tenant", "Thursday 10 December, afternoon (midday to 6pm)", None),
    ]
    assert visits.current(case.reference) is None


def test_a_case_has_one_booked_visit_at_a_time(desk, visits):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    visits.book(case.reference, "2026-12-09:morning", MONDAY_MORNING, "tenant")
    current = visits.current(case.reference)
    assert current.slot.key == "2026-12-09:morning" and current.status is VisitStatus.BOOKED


def test_each_booking_tells_the_tenant_once_with_the_slot_in_words(desk, visits):
    case = a_repair(desk, on="sms")
    visits.book(case.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    visits.book(case.reference, "2026-12-10:afternoon", MONDAY_MORNING + timedelta(hours=1), "tenant")
    told = visits.teller.updates.for_case(case.reference)
    assert [update.kind for update in told] == [UpdateKind.VISIT_BOOKED, UpdateKind.VISIT_BOOKED]
    assert "Tuesday 8 December, morning (8am to 1pm)" in told[0].text
    assert "Thursday 10 December, afternoon (midday to 6pm)" in told[1].text
    assert "change or cancel it, reply here" in told[0].text


def test_a_visit_keeps_the_hours_it_was_booked_with(desk, visits):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    later = Visits(desk, VisitCalendar((HalfDay("morning", time(9), time(12), 1),), days_ahead=3))
    assert later.current(case.reference).slot.words(date(2026, 12, 7)) == "Tuesday 8 December, morning (8am to 1pm)"


def test_no_more_than_messengers_quick_replies_are_offered(desk):
    many = VisitCalendar(SMALL.half_days, days_ahead=20)
    offered = Visits(desk, many).offered(a_repair(desk), MONDAY_MORNING)
    assert len(offered) == 12 and all(len(slot.title) <= 20 for slot in offered)


def test_the_last_place_goes_to_one_booking_only(desk, visits, monkeypatch):
    """Two tenants shown the last place at once: the second booking, checked against what it was
    shown, still finds the place taken when it books."""
    first, second = a_repair(desk, what="tap"), a_repair(desk, what="door")
    shown_to_second = visits.offered(second, MONDAY_MORNING)
    visits.book(first.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    monkeypatch.setattr(visits, "offered", lambda case, now: shown_to_second)
    with pytest.raises(SlotUnavailable):
        visits.book(second.reference, "2026-12-08:morning", MONDAY_MORNING, "tenant")
    assert [e.kind for e in desk.cases.events(second.reference)] == ["opened"]


@pytest.mark.parametrize(
    "same_place, same_case, refused",
    [(True, False, True), (False, True, True), (False, False, False)],
)
def test_the_database_itself_keeps_one_visit_a_place_and_one_booked_visit_a_case(desk, same_place, same_case, refused):
    from contextlib import nullcontext

    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm import Session

    from bot.cases import CaseRecord
    from bot.visits.records import CaseVisitRecord

    one, two = a_repair(desk, what="tap"), a_repair(desk, what="door")
    with Session(desk.cases.engine, future=True) as session:
        ids = dict(session.execute(select(CaseRecord.reference, CaseRecord.id)).all())

    def row(case_id, place):
        return CaseVisitRecord(
            case_id=case_id,
            day=date(2026, 12, 8),
            half_day="morning",
            starts=time(8),
            ends=time(13),
            status="booked",
            place=place,
            booked_case_id=case_id,
            booked_at=datetime(2026, 12, 7, 10),
            booked_by="tenant",
        )

    second_case = ids[one.reference] if same_case else ids[two.reference]
    with pytest.raises(IntegrityError) if refused else nullcontext():
        with Session(desk.cases.engine, future=True) as session, session.begin():
            session.add(row(ids[one.reference], 1))
            session.flush()
            session.add(row(second_case, 1 if same_place else 2))


def test_a_tenant_changes_only_their_own_repairs_visits(desk, visits):
    by_text = Reporter("+447700900123", identity=ChannelIdentity("twilio", "+447700900123"))
    mine = log_repair(desk, RepairPriority.ROUTINE, "tap", by_text, MONDAY_MORNING).reference
    theirs = log_repair(desk, RepairPriority.ROUTINE, "door", "web-someone-else", MONDAY_MORNING).reference
    done = log_repair(desk, RepairPriority.ROUTINE, "gate", by_text, MONDAY_MORNING).reference
    desk.cases.set_status(done, CaseStatus.COMPLETED, MONDAY_MORNING, "staff:amy")
    found = visits.repairs_of("another-conversation", ChannelIdentity("twilio", "+447700900123"))
    assert [case.reference for case in found] == [mine]
    assert visits.repairs_of("another-conversation") == []
    assert [case.reference for case in visits.repairs_of("web-someone-else")] == [theirs]


def test_no_time_suiting_the_tenant_is_on_the_history_for_the_team(desk, visits):
    case = a_repair(desk)
    visits.to_arrange(case.reference, MONDAY_MORNING, "tenant")
    assert desk.cases.events(case.reference)[-1].kind == "visit_to_arrange"
