"""What a tenant is told when a report is logged: one table per kind of report."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.charter import AsbRisk, RepairPriority
from bot.intake import log_asb_report, log_complaint, log_repair

LONDON = ZoneInfo("Europe/London")
FRIDAY_AFTERNOON = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)
BEFORE_CHRISTMAS = datetime(2026, 12, 23, 11, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    "priority, now, due",
    [
        (RepairPriority.EMERGENCY, FRIDAY_AFTERNOON, datetime(2026, 11, 27, 20, 0, tzinfo=LONDON)),
        (RepairPriority.EMERGENCY, BEFORE_CHRISTMAS, datetime(2026, 12, 23, 15, 0, tzinfo=LONDON)),
        (RepairPriority.ROUTINE, FRIDAY_AFTERNOON, date(2026, 12, 14)),
        (RepairPriority.ROUTINE, BEFORE_CHRISTMAS, date(2027, 1, 9)),
    ],
)
def test_a_repair_is_logged_with_its_charter_deadline(desk, priority, now, due):
    receipt = log_repair(desk, priority, "water through the ceiling", "tenant-1", now)
    assert receipt.reference.startswith("REP-2026-")
    assert receipt.deadlines["repair"].due == due
    case = desk.cases.find(receipt.reference)
    assert case.category == priority.value
    assert case.conversation_id == "tenant-1"


@pytest.mark.parametrize(
    "risk, now, respond, action_plan",
    [
        # 1 working day, then an action plan 2 working days after that contact.
        (AsbRisk.HIGH, FRIDAY_AFTERNOON, date(2026, 11, 30), date(2026, 12, 2)),
        (AsbRisk.HIGH, BEFORE_CHRISTMAS, date(2026, 12, 24), date(2026, 12, 30)),
        # 3 working days; Christmas Day and the Boxing Day substitute (Mon 28th) are skipped.
        (AsbRisk.LOW, FRIDAY_AFTERNOON, date(2026, 12, 2), None),
        (AsbRisk.LOW, BEFORE_CHRISTMAS, date(2026, 12, 30), None),
    ],
)
def test_an_asb_report_is_logged_with_its_response_dates(desk, risk, now, respond, action_plan):
    receipt = log_asb_report(desk, risk, "threats on the stairs", "tenant-2", now)
    assert receipt.reference.startswith("ASB-2026-")
    assert receipt.deadlines["respond"].due == respond
    planned = receipt.deadlines.get("action_plan")
    assert (planned.due if planned else None) == action_plan


@pytest.mark.parametrize(
    "now, manager_contact, acknowledgement, response",
    [
        (FRIDAY_AFTERNOON, date(2026, 12, 2), date(2026, 12, 4), date(2026, 12, 18)),
        # Across Christmas and New Year's Day 2027 (a Friday).
        (BEFORE_CHRISTMAS, date(2026, 12, 30), date(2027, 1, 4), date(2027, 1, 18)),
    ],
)
def test_a_complaint_is_logged_at_stage_one_with_every_date(desk, now, manager_contact, acknowledgement, response):
    receipt = log_complaint(desk, "nobody came to fix the door", "tenant-3", now)
    assert receipt.reference.startswith("CMP-2026-")
    assert receipt.deadlines["manager_contact"].due == manager_contact
    assert receipt.deadlines["acknowledgement"].due == acknowledgement
    assert receipt.deadlines["response"].due == response
    assert desk.cases.find(receipt.reference).category == "stage_one"


def test_a_day_deadline_is_stored_as_the_end_of_that_day(desk):
    receipt = log_asb_report(desk, AsbRisk.LOW, "noise", "tenant-4", FRIDAY_AFTERNOON)
    stored = desk.cases.find(receipt.reference).first_due_at.astimezone(LONDON)
    assert (stored.date(), stored.hour, stored.minute) == (date(2026, 12, 2), 23, 59)


@pytest.mark.parametrize(
    "log, whole_day",
    [
        # The first date is the earliest deadline: a promise in days is a whole day, in hours not.
        (lambda desk, now: log_repair(desk, RepairPriority.EMERGENCY, "sparks", "t-1", now), False),  # 4 hours
        (lambda desk, now: log_repair(desk, RepairPriority.ROUTINE, "tap", "t-1", now), True),  # 17 days
        (lambda desk, now: log_repair(desk, RepairPriority.DAMP_MOULD, "mould", "t-1", now), True),
        (lambda desk, now: log_asb_report(desk, AsbRisk.LOW, "noise", "t-1", now), True),
        (lambda desk, now: log_complaint(desk, "rude engineer", "t-1", now), True),  # manager contact
    ],
)
@pytest.mark.parametrize("now", [FRIDAY_AFTERNOON, datetime(2026, 11, 27, 19, 59, tzinfo=LONDON)])
def test_a_case_records_whether_its_first_date_is_a_whole_day(desk, log, whole_day, now):
    # At 19:59 an emergency's 4 hours run out at 23:59: still a moment, not a day.
    receipt = log(desk, now)
    assert desk.cases.find(receipt.reference).first_due_whole_day is whole_day
    assert receipt.case.first_due_whole_day is whole_day


def test_the_event_log_records_the_classification_and_each_deadline_with_its_source(desk):
    classified = {"intent": "report_asb_high_risk", "confidence": 0.93, "rules": ["asb_high_risk"]}
    receipt = log_asb_report(desk, AsbRisk.HIGH, "threats", "tenant-5", FRIDAY_AFTERNOON, classified=classified)
    [opened] = desk.cases.events(receipt.reference)
    assert opened.detail["classified"] == classified
    assert opened.detail["deadlines"]["respond"] == {
        "due": "2026-11-30",
        "promise": "asb.high_risk.respond",
        "source": "003",
    }
    assert opened.detail["deadlines"]["action_plan"]["due"] == "2026-12-02"


# --- the clocks that follow a report ------------------------------------------------------

from dataclasses import replace  # noqa: E402
from datetime import timedelta  # noqa: E402

from bot.cases import CaseKind, CaseStatus, ChannelIdentity  # noqa: E402
from bot.charter import ExclusionReason, Timescale, Unit  # noqa: E402
from bot.intake import (  # noqa: E402
    Desk,
    ExtensionRefused,
    Reporter,
    acknowledge_complaint,
    asb_case_review_reached,
    escalate_complaint,
    extend_complaint,
    log_callback,
    log_domestic_abuse,
    log_securing_after_abuse,
    record_complaint_response,
)


def test_damp_and_mould_carries_every_awaabs_law_clock(desk):
    # Investigation 10 working days; summary 3 and safety work 5 working days after it.
    receipt = log_repair(desk, RepairPriority.DAMP_MOULD, "black mould in the bedroom", "tenant-6", BEFORE_CHRISTMAS)
    due = {name: deadline.due for name, deadline in receipt.deadlines.items()}
    assert due == {
        "repair": date(2027, 1, 11),
        "written_summary": date(2027, 1, 14),
        "safety_work_start": date(2027, 1, 18),
    }
    stored = {d.name: d.due_at.astimezone(LONDON).date() for d in desk.cases.deadlines(receipt.reference)}
    assert stored == due


@pytest.mark.parametrize(
    "now, contact, acknowledgement, response",
    [
        # Stage 2: contact within 3 (calendar) days, acknowledgement 5 working days,
        # response 20 working days from the acknowledgement.
        (FRIDAY_AFTERNOON, date(2026, 11, 30), date(2026, 12, 4), date(2027, 1, 6)),
        (BEFORE_CHRISTMAS, date(2026, 12, 26), date(2027, 1, 4), date(2027, 2, 1)),
    ],
)
def test_a_complaint_goes_to_stage_two_by_its_reference_with_every_date(desk, now, contact, acknowledgement, response):
    reference = log_complaint(desk, "the repair was never done", "tenant-7", now).reference
    receipt = escalate_complaint(desk, reference, now)
    assert {name: d.due for name, d in receipt.deadlines.items()} == {
        "review_contact": contact,
        "acknowledgement": acknowledgement,
        "response": response,
    }
    assert [s.stage for s in desk.cases.complaint_stages(reference)] == [1, 2]
    assert desk.cases.find(reference).category == "stage_two"
    # Asking again quotes the same dates and opens nothing new.
    again = escalate_complaint(desk, reference, now.replace(day=now.day + 1))
    assert {name: d.due for name, d in again.deadlines.items()} == {
        name: d.due for name, d in receipt.deadlines.items()
    }
    assert len(desk.cases.complaint_stages(reference)) == 2


def _with_contact_in(charter, unit, stage):
    """The charter with one stage's contact clock counted in `unit` instead."""
    field = "complaint_stage_one" if stage == 1 else "complaint_stage_two"
    clocks = getattr(charter, field)
    contact = replace(clocks.contact, within=Timescale(clocks.contact.within.amount, unit))
    return replace(charter, **{field: replace(clocks, contact=contact)})


@pytest.mark.parametrize(
    "stage, unit, whole_day",
    [
        (1, Unit.WORKING_DAYS, True),  # the charter's own
        (1, Unit.DAYS, True),
        (1, Unit.HOURS, False),
        (2, Unit.DAYS, True),  # the charter's own
        (2, Unit.WORKING_DAYS, True),
        (2, Unit.HOURS, False),
    ],
)
def test_a_complaint_stages_first_date_is_a_whole_day_when_its_clock_counts_days(desk, stage, unit, whole_day):
    desk = Desk(_with_contact_in(desk.charter, unit, stage), desk.calendar, desk.cases)
    reference = log_complaint(desk, "the repair was never done", "tenant-7", FRIDAY_AFTERNOON).reference
    if stage == 2:
        escalate_complaint(desk, reference, FRIDAY_AFTERNOON + timedelta(days=3))
    case = desk.cases.find(reference)
    [current] = [s for s in desk.cases.complaint_stages(reference) if s.stage == stage]
    assert (case.first_due_at, case.first_due_whole_day) == (current.contact_due_at, whole_day)


def test_only_a_complaint_can_go_to_stage_two(desk):
    repair = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-8", FRIDAY_AFTERNOON).reference
    assert escalate_complaint(desk, repair, FRIDAY_AFTERNOON) is None
    assert escalate_complaint(desk, "CMP-2026-999999", FRIDAY_AFTERNOON) is None


def test_a_complaint_that_may_be_excluded_waits_for_a_person_with_every_date(desk):
    receipt = log_complaint(
        desk,
        "this happened two years ago",
        "tenant-9",
        FRIDAY_AFTERNOON,
        exclusions=[ExclusionReason.OLDER_THAN_12_MONTHS],
    )
    case = desk.cases.find(receipt.reference)
    assert case.status == CaseStatus.AWAITING_DECISION.value
    assert receipt.deadlines["manager_contact"].due == date(2026, 12, 2)
    assert desk.cases.events(receipt.reference)[0].detail["classified"]["possible_exclusions"] == [
        "older_than_12_months"
    ]


def test_the_response_clock_runs_from_the_acknowledgement_actually_sent(desk):
    reference = log_complaint(desk, "rude engineer", "tenant-10", FRIDAY_AFTERNOON).reference
    # Acknowledged on Monday 30 November: 10 working days later is Monday 14 December.
    stage = acknowledge_complaint(desk, reference, 1, datetime(2026, 11, 30, 9, 0, tzinfo=LONDON), "staff:amina")
    assert stage.response_due_at.astimezone(LONDON).date() == date(2026, 12, 14)


@pytest.mark.parametrize("stage_number, allowed", [(1, 10), (2, 20)])
def test_an_extension_is_explained_and_never_longer_than_the_charter_allows(desk, stage_number, allowed):
    reference = log_complaint(desk, "rude engineer", "tenant-11", FRIDAY_AFTERNOON).reference
    if stage_number == 2:
        escalate_complaint(desk, reference, FRIDAY_AFTERNOON)
    with pytest.raises(ExtensionRefused):
        extend_complaint(
            desk, reference, stage_number, allowed + 1, "contractor report awaited", FRIDAY_AFTERNOON, "staff"
        )
    with pytest.raises(ExtensionRefused):
        extend_complaint(desk, reference, stage_number, allowed, "  ", FRIDAY_AFTERNOON, "staff")
    stage = extend_complaint(
        desk, reference, stage_number, allowed, "contractor report awaited", FRIDAY_AFTERNOON, "staff"
    )
    assert stage.extended_to > stage.response_due_at
    assert stage.answer_due_at == stage.extended_to
    answered = record_complaint_response(desk, reference, stage_number, FRIDAY_AFTERNOON, "staff")
    assert answered.responded_at == FRIDAY_AFTERNOON


@pytest.mark.parametrize(
    "now, due",
    [
        # 2 full working days: a Friday request is answered by Tuesday.
        (FRIDAY_AFTERNOON, date(2026, 12, 1)),
        # Christmas Day and the Boxing Day substitute (Monday 28th) do not count.
        (BEFORE_CHRISTMAS, date(2026, 12, 29)),
    ],
)
def test_an_enquiry_passed_to_a_colleague_gets_a_callback_date(desk, now, due):
    receipt = log_callback(desk, "rent account question", Reporter("tenant-12", contact_phone="07700 900123"), now)
    assert receipt.reference.startswith("ENQ-2026-")
    assert receipt.deadlines["callback"].due == due
    assert desk.cases.find(receipt.reference).contact_phone == "07700 900123"


def test_domestic_abuse_is_its_own_case_with_the_safe_way_to_make_contact(desk):
    receipt = log_domestic_abuse(desk, "my partner hurts me", "text only, after 10am", "tenant-13", FRIDAY_AFTERNOON)
    case = desk.cases.find(receipt.reference)
    assert case.kind is CaseKind.DOMESTIC_ABUSE
    assert receipt.reference.startswith("ENQ-")
    assert "text only, after 10am" in case.access
    assert receipt.deadlines["contact"].due == date(2026, 11, 30)


def test_a_home_left_open_by_an_abuser_is_secured_as_an_emergency_reachable_only_safely(desk):
    tenant = Reporter("tenant-14", contact_phone="07700 900123", postcode="SY7 9BW")
    disclosure = log_domestic_abuse(desk, "my ex kicked the door in", "text only", tenant, FRIDAY_AFTERNOON)
    receipt = log_securing_after_abuse(desk, disclosure, "text only", tenant, FRIDAY_AFTERNOON)
    case = desk.cases.find(receipt.reference)
    assert (case.kind, case.category) == (CaseKind.REPAIR, RepairPriority.EMERGENCY.value)
    assert disclosure.reference in case.description and "ex" not in case.description.split()
    assert (case.contact_phone, case.postcode) == (None, None) and "text only" in case.access
    assert receipt.deadlines["repair"].promise == desk.charter.repair(RepairPriority.EMERGENCY)


def test_the_third_asb_report_in_six_months_reaches_the_case_review_threshold(desk):
    tenant = Reporter("web-1", identity=ChannelIdentity("rest", "web-1"))
    reached = [
        asb_case_review_reached(desk, log_asb_report(desk, AsbRisk.LOW, "noise", tenant, when), when)
        for when in (
            datetime(2026, 3, 1, 12, tzinfo=LONDON),
            datetime(2026, 6, 1, 12, tzinfo=LONDON),
            datetime(2026, 10, 1, 12, tzinfo=LONDON),
            datetime(2026, 11, 20, 12, tzinfo=LONDON),
        )
    ]
    # March falls out of the six months before October; June, October and November do not.
    assert reached == [False, False, False, True]


def test_one_delivery_opens_each_report_it_completes_once(desk):
    from bot.intake import Reporter, log_domestic_abuse

    def reporter(message_id):
        return Reporter("tenant-1", request_key=f"rest:tenant-1:{message_id}")

    now = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    # The answer "text me only" completes the abuse report and the broken door in hand.
    abuse = log_domestic_abuse(desk, "my ex kicked the door in", "text only", reporter("m1"), now)
    door = log_repair(desk, RepairPriority.EMERGENCY, "my front door wont lock", reporter("m1"), now)
    assert abuse.reference != door.reference
    # The same delivery again opens nothing new; a long message id is still one key.
    again = log_repair(desk, RepairPriority.EMERGENCY, "my front door wont lock", reporter("m1"), now)
    assert again.reference == door.reference
    long_id = "x" * 400
    first = log_repair(desk, RepairPriority.ROUTINE, "tap drips", reporter(long_id), now)
    assert log_repair(desk, RepairPriority.ROUTINE, "tap drips", reporter(long_id), now).reference == first.reference
