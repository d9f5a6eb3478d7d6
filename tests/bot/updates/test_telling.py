"""What an update says, and when it may go: the domain's words, filled in with the case."""

from datetime import datetime, timedelta

import pytest

from bot.charter import RepairPriority
from bot.intake import log_domestic_abuse
from bot.updates import UpdateKind, UpdateStatus
from tests.bot.updates.conftest import LONDON, MONDAY_MORNING, a_repair


def test_an_update_names_the_case_and_what_happens_next(desk, teller):
    case = a_repair(desk, on="whatsapp")
    assert teller.tell(case, UpdateKind.VISIT_BOOKED, MONDAY_MORNING, {"visit": "Tuesday 8 December, 8am to 1pm"})
    [update] = teller.updates.for_case(case.reference)
    assert case.reference in update.text
    assert "Tuesday 8 December, 8am to 1pm" in update.text
    assert desk.charter.contact.phone in update.text  # how to change it
    assert "{" not in update.text


def test_the_same_update_is_decided_once(desk, teller):
    case = a_repair(desk)
    assert teller.tell(case, UpdateKind.ON_THE_WAY, MONDAY_MORNING, once="visit-1")
    assert not teller.tell(case, UpdateKind.ON_THE_WAY, MONDAY_MORNING, once="visit-1")
    assert teller.tell(case, UpdateKind.ON_THE_WAY, MONDAY_MORNING, once="visit-2")


@pytest.mark.parametrize("on, hint", [("sms", True), ("whatsapp", False), ("messenger", False), ("web", False)])
def test_only_an_sms_says_how_to_stop_updates(desk, teller, on, hint):
    case = a_repair(desk, on=on)
    teller.tell(case, UpdateKind.COMPLETED, MONDAY_MORNING)
    assert ("Reply STOP" in teller.updates.for_case(case.reference)[0].text) == hint


def test_a_domestic_abuse_case_is_never_messaged_and_its_history_says_why(desk, teller):
    receipt = log_domestic_abuse(desk, "my partner hurts me", "text only", "web-1", MONDAY_MORNING)
    case = desk.cases.find(receipt.reference)
    teller.tell(case, UpdateKind.OVERDUE, MONDAY_MORNING)
    [update] = teller.updates.for_case(case.reference)
    assert update.status is UpdateStatus.NOT_SENT
    assert teller.updates.claim(MONDAY_MORNING + timedelta(days=1), "w") == []
    assert desk.cases.events(case.reference)[-1].kind == "update_not_sent"


@pytest.mark.parametrize(
    "hour, waits_until",
    [
        (7, datetime(2026, 12, 7, 8, 0, tzinfo=LONDON)),
        (10, None),
        (19, None),
        (20, datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)),
        (23, datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)),
    ],
)
def test_an_update_by_the_clock_waits_for_the_day(desk, teller, hour, waits_until):
    now = datetime(2026, 12, 7, hour, 30, tzinfo=LONDON)
    case = a_repair(desk, priority=RepairPriority.EMERGENCY)
    teller.tell(case, UpdateKind.OVERDUE, now)
    if waits_until is None:
        assert teller.updates.claim(now, "w")
    else:
        assert teller.updates.claim(now, "w") == []
        assert teller.updates.claim(waits_until - timedelta(seconds=1), "w") == []
        assert teller.updates.claim(waits_until, "w")


def test_staff_news_goes_at_once_even_at_night(desk, teller):
    night = datetime(2026, 12, 7, 22, 0, tzinfo=LONDON)
    case = a_repair(desk, priority=RepairPriority.EMERGENCY, at=night)
    teller.tell(case, UpdateKind.ON_THE_WAY, night)
    assert teller.updates.claim(night, "w")


def test_an_overdue_apology_quotes_the_promise_and_offers_a_person_and_a_complaint(desk, teller):
    case = a_repair(desk)
    later = case.first_due_at + timedelta(hours=10)
    teller.tell(case, UpdateKind.OVERDUE, later)
    text = teller.updates.for_case(case.reference)[0].text
    assert "sorry" in text
    assert desk.charter.repair(RepairPriority.ROUTINE).we_will in text
    assert "Thursday 24 December" in text
    assert '"person"' in text and '"complain"' in text


@pytest.mark.parametrize("stage, says", [(1, "stage 2"), (2, "Housing Ombudsman")])
def test_a_complaint_response_says_what_the_tenant_can_do_next(desk, teller, stage, says):
    case = a_repair(desk)
    teller.tell(case, UpdateKind.COMPLAINT_RESPONSE_SENT, MONDAY_MORNING, teller.complaint_next_step(case, stage))
    assert says in teller.updates.for_case(case.reference)[0].text
