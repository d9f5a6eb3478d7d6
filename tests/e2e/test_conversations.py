"""Real conversations through the running Rasa and action servers, on both case databases.

Each report ends with a reference, the charter's timescale and a concrete date, and the case
is then read back from the database the servers wrote it to, with its due dates.
"""

import re
from datetime import datetime, timezone

import pytest

from bot.cases import CaseKind, CaseStatus, CaseStore
from bot.charter import AsbRisk, RepairPriority, load_charter
from bot.working_days import WorkingCalendar, describe_due
from tests.e2e.conftest import say
from tests.support.simulated_tenant import Conversation, converse

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"\b(REP|ASB|CMP|ENQ)-\d{4}-[A-Z0-9]{8}\b")
PHONE, POSTCODE = "07700 900123", "SY7 9BW"


@pytest.fixture(scope="module")
def charter():
    return load_charter()


def _quoted_date(charter, promise_within, start=None):
    """The date phrase the bot should quote for a clock started now."""
    calendar = WorkingCalendar.from_charter(charter)
    now = datetime.now(timezone.utc).astimezone(calendar.tz)
    return describe_due(calendar.due(start or now, promise_within), now)


def _store(stack):
    return CaseStore.from_url(stack.database_url)


def _case(stack, reply):
    """The case a reply names, read back from the database, with its promised dates."""
    found = REFERENCE.search(reply)
    assert found, f"no case reference in: {reply}"
    store = _store(stack)
    case = store.find(found.group(0))
    assert case is not None, f"{found.group(0)} is not in the case database"
    assert store.deadlines(case.reference), f"{case.reference} has no due dates"
    return case


def _give_details(stack, sender, answers):
    """Answer the form's remaining questions in order; returns the last reply."""
    reply = ""
    for answer in answers:
        reply = say(stack, sender, answer)
    return reply


def test_a_greeting_is_answered(stack):
    assert "tenant assistant" in say(stack, "greeter", "hello")


def test_a_routine_repair_is_read_back_then_ends_with_a_reference_a_timescale_and_a_date(any_stack, charter):
    stack, sender = any_stack, "repair-routine"
    # Answered with the chat's Yes and No buttons; the other conversations answer in words.
    assert "at risk of harm" in say(stack, sender, "the kitchen tap has been dripping for a week")
    assert "disability or a health condition" in say(stack, sender, "/deny")
    assert "to get in" in say(stack, sender, "/deny")
    assert "phone number" in say(stack, sender, "the dog will be in the garden")
    assert "postcode" in say(stack, sender, PHONE)
    summary = say(stack, sender, POSTCODE.lower())
    assert "Here's what I have" in summary and "Where: kitchen" in summary and PHONE in summary and POSTCODE in summary
    reply = say(stack, sender, "/affirm")
    routine = charter.repair(RepairPriority.ROUTINE)
    assert f"within {routine.within}" in reply and _quoted_date(charter, routine.within) in reply
    case = _case(stack, reply)
    assert (case.category, case.location, case.contact_phone, case.postcode) == ("routine", "kitchen", PHONE, POSTCODE)
    assert "dripping" in case.description and case.access == "the dog will be in the garden"


def test_an_emergency_repair_asks_only_how_to_reach_the_tenant(any_stack, charter):
    stack, sender = any_stack, "repair-emergency"
    assert "phone number" in say(stack, sender, "water is pouring through the light fitting in my bathroom")
    reply = _give_details(stack, sender, [PHONE, POSTCODE, "yes thats all right"])
    assert f"within {charter.repair(RepairPriority.EMERGENCY).within} to make it safe" in reply
    if WorkingCalendar.from_charter(charter).is_out_of_hours(datetime.now(timezone.utc)):
        assert "out-of-hours repairs service" in reply
    case = _case(stack, reply)
    assert (case.category, case.location) == ("emergency", "bathroom")


def test_a_report_the_tenant_says_is_wrong_is_not_logged_and_is_taken_again(stack, charter):
    sender = "repair-corrected"
    assert "Where in your home" in say(stack, sender, "my fence has blown down")
    _give_details(stack, sender, ["back garden", "no its not dangerous", "no just me", "no", PHONE, POSTCODE])
    assert "What needs repairing" in say(stack, sender, "no thats not right")
    assert _store(stack).for_conversation(sender) == []
    assert "Where in your home" in say(stack, sender, "two fence panels have blown down")
    summary = _give_details(stack, sender, ["side of the house", "no"])
    assert "two fence panels" in summary and "side of the house" in summary
    case = _case(stack, say(stack, sender, "yep"))
    assert case.location == "side of the house" and case.description == "two fence panels have blown down"


def test_one_wrong_answer_at_the_read_back_is_changed_and_the_rest_kept(stack, charter):
    sender = "repair-one-answer-changed"
    assert "Where in your home" in say(stack, sender, "my fence has blown down")
    mistyped = "SY7 9BX"
    summary = _give_details(stack, sender, ["back garden", "no its not dangerous", "no just me", "no", PHONE, mistyped])
    assert f"Postcode: {mistyped}" in summary and "Shall I log it, or change an answer?" in summary
    # Said in words: that answer alone is asked again, then the whole report is read back.
    reply = say(stack, sender, "oh no the postcode is wrong")
    assert "Nothing is logged yet" in reply and "postcode of your home" in reply
    assert "What needs repairing" not in reply and _store(stack).for_conversation(sender) == []
    summary = say(stack, sender, POSTCODE)
    assert f"Postcode: {POSTCODE}" in summary and "Where: back garden" in summary and PHONE in summary
    # The "Change where" button sends its words, as if typed.
    assert "Where in your home" in say(stack, sender, "change where")
    summary = say(stack, sender, "by the side gate")
    assert "Where: by the side gate" in summary and f"Postcode: {POSTCODE}" in summary
    # A new number written out at the read-back is taken as it is, and read back again.
    summary = say(stack, sender, "my number is 07700 900999 now")
    assert "Phone: 07700 900999" in summary and "Shall I log it" in summary
    case = _case(stack, say(stack, sender, "yes thats right"))
    assert (case.description, case.location, case.contact_phone, case.postcode) == (
        "my fence has blown down",
        "by the side gate",
        "07700 900999",
        POSTCODE,
    )
    assert len(_store(stack).for_conversation(sender)) == 1


def test_a_routine_repair_that_puts_someone_at_risk_becomes_an_emergency(stack, charter):
    sender = "repair-risk"
    say(stack, sender, "the bannister on the stairs has come loose")
    say(stack, sender, "yes my mum nearly fell down them yesterday")
    assert "phone number" in say(stack, sender, "yes shes 82")  # no visit to plan: no access question
    reply = _give_details(stack, sender, [PHONE, POSTCODE, "yes please"])
    assert "extra care" in reply
    assert f"within {charter.repair(RepairPriority.EMERGENCY).within}" in reply
    case = _case(stack, reply)
    assert case.category == "emergency" and case.vulnerable_household is True


def test_a_leak_the_tenant_cannot_stop_is_an_urgent_repair(stack, charter):
    """A leak not said to be out of control is asked about, and the answer makes it urgent; the
    model may read the leak as urgent at once, and then there is nothing to ask."""
    tenant = Conversation(
        "leak",
        "a leak the tenant cannot stop",
        "web",
        ["the pipe under the kitchen sink is leaking"],
        {
            "water_stop": "no i cant turn it off",
            "danger": "no nobody is hurt",
            "vulnerable": "nope",
            "phone": PHONE,
            "postcode": POSTCODE,
            "confirm": "thats right",
            "anything_else": "no thanks",
        },
        {},
    )
    transcript = converse(tenant, lambda sender, text: say(stack, sender, text))
    urgent = f"within {charter.repair(RepairPriority.URGENT).within}"
    assert urgent in transcript.replies[0] or "water_stop" in transcript.asked(), transcript.render()
    reference = transcript.references[-1]
    assert _store(stack).find(reference).category == "urgent", transcript.render()
    assert any(urgent in reply for reply in transcript.replies), transcript.render()


def test_damp_and_mould_follow_awaabs_law(any_stack, charter):
    stack, sender = any_stack, "damp"
    say(stack, sender, "black mould all over my sons bedroom wall, hes got asthma")
    assert "to get in" in say(stack, sender, "not dangerous no")  # asthma was mentioned: no vulnerability question
    reply = _give_details(stack, sender, ["no", PHONE, POSTCODE, "yes"])
    investigation = charter.repair(RepairPriority.DAMP_MOULD)
    assert f"investigate within {investigation.within}, {_quoted_date(charter, investigation.within)}" in reply
    case = _case(stack, reply)
    assert case.category == "damp_mould"
    names = {deadline.name for deadline in _store(stack).deadlines(case.reference)}
    assert names == {"repair", "written_summary", "safety_work_start"}


def test_a_bare_repair_request_is_asked_what_is_wrong(stack):
    assert "What needs repairing" in say(stack, "repair-bare", "i need to report a repair")
    assert "at risk of harm" in say(stack, "repair-bare", "the front door lock is broken")


def test_an_asb_report_ends_with_a_reference_and_the_response_date(any_stack, charter):
    stack, sender = any_stack, "asb"
    assert "threatened" in say(stack, sender, "my neighbour plays loud music every night until 3am")
    assert "postcode" in say(stack, sender, "no nothing like that, its just the noise")
    reply = say(stack, sender, POSTCODE)
    low = charter.asb(AsbRisk.LOW).respond
    assert f"within {low.within}, {_quoted_date(charter, low.within)}" in reply
    case = _case(stack, reply)
    assert (case.category, case.postcode) == ("low_risk", POSTCODE)


def test_a_complaint_ends_with_a_reference_and_every_stage_one_date(any_stack, charter):
    stack, sender = any_stack, "complaint"
    assert "what went wrong" in say(stack, sender, "i want to make a complaint")
    # Asking to complain is not what would put it right: that is asked.
    assert "put this right" in say(stack, sender, "the contractor left my kitchen in a mess and nobody called me back")
    assert "postcode" in say(stack, sender, "an apology and the kitchen cleaned")
    reply = say(stack, sender, POSTCODE)
    stage = charter.complaint_stage_one
    assert f"within {stage.contact.within}, {_quoted_date(charter, stage.contact.within)}" in reply
    assert _quoted_date(charter, stage.acknowledgement.within) in reply
    assert charter.emergency_numbers.housing_ombudsman.number in reply
    case = _case(stack, reply)
    assert case.category == "stage_one"
    [stage_one] = _store(stack).complaint_stages(case.reference)
    assert stage_one.acknowledgement_due_at > case.opened_at

    # Stage 2 by the reference alone: no reason is asked.
    review = say(stack, sender, f"i want {case.reference} reviewed at stage 2 please")
    two = charter.complaint_stage_two
    assert f"review of your complaint {case.reference}" in review
    assert f"within {two.contact.within}, {_quoted_date(charter, two.contact.within)}" in review
    assert [s.stage for s in _store(stack).complaint_stages(case.reference)] == [1, 2]

    stranger = say(stack, "complaint-stranger", f"escalate {case.reference} to stage 2")
    assert case.reference not in stranger and "can't find a complaint" in stranger


def test_a_complaint_that_may_be_excluded_is_explained_and_left_to_a_manager(stack, charter):
    sender = "complaint-old"
    say(stack, sender, "i want to make a complaint")
    say(stack, sender, "your contractor smashed my greenhouse back in 2019 and never paid for it")
    say(stack, sender, "a new greenhouse")
    reply = say(stack, sender, POSTCODE)
    assert "more than a year ago" in reply and "A manager will look at it" in reply
    assert charter.emergency_numbers.housing_ombudsman.number in reply
    assert _case(stack, reply).status == CaseStatus.AWAITING_DECISION.value


def test_a_tenant_who_sounds_unhappy_is_offered_the_choice_to_complain(stack):
    sender = "unhappy"
    say(stack, sender, "my heating has stopped working again, third time i've reported it and nobody came")
    reply = _give_details(stack, sender, ["living room", PHONE, POSTCODE, "yes"])
    assert REFERENCE.search(reply) and "formal complaint" in reply
    # Said in words, the yes takes what they already told as the complaint: not asked again.
    assert "put this right" in say(stack, sender, "yes i do want to complain")
    logged = say(stack, sender, "an apology and the heating fixed for good")
    case = _case(stack, logged)
    assert case.kind is CaseKind.COMPLAINT  # the postcode was not asked twice
    assert "nobody came" in case.description and "an apology and the heating fixed for good" in case.description


def test_an_enquiry_that_needs_a_person_becomes_a_callback(any_stack, charter):
    stack, sender = any_stack, "callback"
    assert "call you back" in say(stack, sender, "how much rent do i owe")
    assert "phone number" in say(stack, sender, "yes please ring me")
    reply = say(stack, sender, PHONE)
    assert f"call you on {PHONE}" in reply
    assert f"within {charter.callback.within}, {_quoted_date(charter, charter.callback.within)}" in reply
    assert _case(stack, reply).kind is CaseKind.CALLBACK


def test_domestic_abuse_takes_its_own_safe_route(stack, charter):
    sender = "safe-route"
    first = say(stack, sender, "my partner hits me and i'm scared to go home")
    assert charter.emergency_numbers.domestic_abuse.number in first and "safe" in first
    reply = say(stack, sender, "text only, after 10am")
    assert "text only, after 10am" in reply
    case = _case(stack, reply)
    assert case.kind is CaseKind.DOMESTIC_ABUSE and case.reference.startswith("ENQ-")


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


def test_someone_asking_about_another_tenants_reference_learns_nothing(any_stack):
    stack, owner = any_stack, "owner"
    say(stack, owner, "the kitchen cupboard door has fallen off")
    reference = REFERENCE.search(
        _give_details(stack, owner, ["no", "nobody needs extra help", "no", PHONE, POSTCODE, "yes"])
    ).group(0)
    assert f"Your case {reference} is open" in say(stack, owner, f"any update on {reference}")
    stranger = say(stack, "stranger", f"any update on {reference}")
    assert reference not in stranger and "can't find a case" in stranger
    assert stranger == say(stack, "stranger-2", "any update on REP-2026-999999")
    # The tenant on another device, with the postcode on the case, is told.
    assert f"Your case {reference} is open" in say(stack, "owner-phone", f"any update on {reference} {POSTCODE}")
