"""First real conversations, through the running Rasa and action servers."""

import re
from datetime import datetime, timezone

import pytest

from bot.cases import CaseStore
from bot.charter import AsbRisk, RepairPriority, load_charter
from bot.working_days import WorkingCalendar, describe_due
from tests.e2e.conftest import say

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"\b(REP|ASB|CMP)-\d{4}-\d{6}\b")


@pytest.fixture(scope="module")
def charter():
    return load_charter()


def _quoted_date(charter, promise_within, start=None):
    """The date phrase the bot should quote for a clock started now."""
    calendar = WorkingCalendar.from_charter(charter)
    now = datetime.now(timezone.utc).astimezone(calendar.tz)
    return describe_due(calendar.due(start or now, promise_within), now)


def _case(stack, reply):
    found = REFERENCE.search(reply)
    assert found, f"no case reference in: {reply}"
    store = CaseStore.from_url(f"sqlite:///{stack.state_dir / 'cases.db'}")
    case = store.find(found.group(0))
    assert case is not None, f"{found.group(0)} is not in the case database"
    return case


def test_a_greeting_is_answered(stack):
    assert "tenant assistant" in say(stack, "greeter", "hello")


def test_a_routine_repair_ends_with_a_reference_a_timescale_and_a_date(stack, charter):
    question = say(stack, "repair-routine", "the kitchen tap has been dripping for a week")
    assert "at risk of harm" in question
    assert "disability or a health condition" in say(stack, "repair-routine", "/deny")
    reply = say(stack, "repair-routine", "/deny")
    routine = charter.repair(RepairPriority.ROUTINE)
    assert f"within {routine.within}" in reply
    assert _quoted_date(charter, routine.within) in reply
    case = _case(stack, reply)
    assert case.category == "routine"
    assert "dripping" in case.description


def test_an_emergency_repair_is_logged_at_once_without_a_risk_question(stack, charter):
    reply = say(stack, "repair-emergency", "water is pouring through the light fitting in my bathroom")
    assert f"within {charter.repair(RepairPriority.EMERGENCY).within} to make it safe" in reply
    calendar = WorkingCalendar.from_charter(charter)
    if calendar.is_out_of_hours(datetime.now(timezone.utc)):
        assert "out-of-hours repairs service" in reply
    assert _case(stack, reply).category == "emergency"


def test_a_routine_repair_that_puts_someone_at_risk_becomes_an_emergency(stack, charter):
    say(stack, "repair-risk", "the bannister on the stairs has come loose")
    say(stack, "repair-risk", "/affirm")
    reply = say(stack, "repair-risk", "/affirm")
    assert "extra care" in reply
    assert f"within {charter.repair(RepairPriority.EMERGENCY).within}" in reply
    assert _case(stack, reply).category == "emergency"


def test_a_leak_the_tenant_cannot_stop_is_an_urgent_repair(stack, charter):
    assert "stop the water" in say(stack, "leak", "the pipe under the kitchen sink is leaking")
    assert "at risk of harm" in say(stack, "leak", "/deny")
    say(stack, "leak", "/deny")
    reply = say(stack, "leak", "/deny")
    assert f"within {charter.repair(RepairPriority.URGENT).within}" in reply
    assert _case(stack, reply).category == "urgent"


def test_damp_and_mould_follow_awaabs_law(stack, charter):
    say(stack, "damp", "black mould all over my sons bedroom wall, hes got asthma")
    reply = say(stack, "damp", "/deny")  # asthma was mentioned: no vulnerability question
    investigation = charter.repair(RepairPriority.DAMP_MOULD)
    assert f"investigate within {investigation.within}, {_quoted_date(charter, investigation.within)}" in reply
    assert _case(stack, reply).category == "damp_mould"


def test_a_bare_repair_request_is_asked_what_is_wrong(stack):
    assert "What needs repairing" in say(stack, "repair-bare", "i need to report a repair")
    assert "at risk of harm" in say(stack, "repair-bare", "the front door lock is broken")


def test_an_asb_report_ends_with_a_reference_and_the_response_date(stack, charter):
    question = say(stack, "asb", "my neighbour plays loud music every night until 3am")
    assert "threatened" in question
    reply = say(stack, "asb", "/deny")
    low = charter.asb(AsbRisk.LOW).respond
    assert f"within {low.within}, {_quoted_date(charter, low.within)}" in reply
    assert _case(stack, reply).category == "low_risk"


def test_a_complaint_ends_with_a_reference_and_every_stage_one_date(stack, charter):
    assert "what went wrong" in say(stack, "complaint", "i want to make a complaint")
    reply = say(stack, "complaint", "the contractor left my kitchen in a mess and nobody called me back")
    stage = charter.complaint_stage_one
    assert f"within {stage.contact.within}, {_quoted_date(charter, stage.contact.within)}" in reply
    assert _quoted_date(charter, stage.acknowledgement.within) in reply
    assert charter.emergency_numbers.housing_ombudsman.number in reply
    assert _case(stack, reply).category == "stage_one"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("how do i pay my rent", "website"),
        ("what is your phone number", "email"),
        ("when are you open", "Monday to Friday"),
        ("can i swap my flat with someone", "mutual exchange"),
    ],
)
def test_general_questions_are_answered_with_the_charter_contact_details(stack, charter, question, expected):
    reply = say(stack, "questions", question)
    assert charter.contact.phone in reply
    assert expected in reply


def test_something_out_of_scope_is_declined_politely(stack):
    assert "can't help with that" in say(stack, "off-topic", "who won the football last night")


def test_thanks_and_goodbye(stack):
    assert "You're welcome" in say(stack, "polite", "thanks very much")
    assert "Goodbye" in say(stack, "polite", "bye")


def test_someone_asking_about_another_tenants_reference_learns_nothing(stack):
    say(stack, "owner", "the kitchen cupboard door has fallen off")
    say(stack, "owner", "/deny")
    reference = REFERENCE.search(say(stack, "owner", "/deny")).group(0)
    assert f"Your case {reference} is open" in say(stack, "owner", f"any update on {reference}")
    stranger = say(stack, "stranger", f"any update on {reference}")
    assert reference not in stranger and "can't find a case" in stranger
    assert stranger == say(stack, "stranger-2", "any update on REP-2026-999999")
