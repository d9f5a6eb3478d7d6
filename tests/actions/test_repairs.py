from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.repairs import ActionSubmitRepair, ValidateRepairForm
from bot import services
from tests.actions.conftest import rendered, session_slots, tracker

LONDON = ZoneInfo("Europe/London")
SUNDAY_NIGHT = datetime(2026, 11, 29, 23, 30, tzinfo=LONDON)


@pytest.mark.parametrize(
    "priority, at_risk, category, promised",
    [
        ("emergency", None, "emergency", "We will attend within 4 hours to make it safe, by 20:00 today."),
        ("urgent", None, "urgent", "We will attend within 6 hours, by 22:00 today"),
        ("routine", False, "routine", "We complete routine repairs within 17 days, so by Monday 14 December."),
        ("routine", True, "emergency", "We will attend within 4 hours to make it safe"),
        ("external", False, "external", "within 30 days, so by Sunday 27 December."),
        ("major", False, "major", "within 60 days, so by Tuesday 26 January 2027."),
        ("damp_mould", False, "damp_mould", "Under Awaab's Law we will investigate within 10 working days, by Friday 11 December"),
        ("damp_mould", True, "damp_mould_emergency_hazard", "we will investigate and make it safe within 24 hours, by 16:00 tomorrow"),
    ],
)
async def test_a_repair_is_logged_and_the_tenant_told_when(desk, domain, priority, at_risk, category, promised):
    dispatcher = CollectingDispatcher()
    slots = {"repair_description": "ceiling leaking", "repair_priority": priority, "repair_is_emergency": at_risk}
    events = await ActionSubmitRepair().run(dispatcher, tracker(slots), domain)
    text = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.category == category
    assert case.reference in text
    assert promised in text
    assert SlotSet("repair_priority", None) in events


@pytest.mark.parametrize(
    "priority, says",
    [
        ("emergency", "sent this straight to our out-of-hours repairs service as an emergency"),
        ("urgent", "sent this straight to our out-of-hours repairs service"),
        ("routine", "the team will pick this up when we open, at 08:30 tomorrow"),
    ],
)
async def test_out_of_hours_an_emergency_goes_straight_to_the_out_of_hours_service(desk, domain, priority, says):
    services.use(desk, clock=lambda: SUNDAY_NIGHT)
    dispatcher = CollectingDispatcher()
    await ActionSubmitRepair().run(dispatcher, tracker({"repair_description": "x", "repair_priority": priority}), domain)
    assert says in " ".join(rendered(dispatcher, domain, session_slots(desk)))


@pytest.mark.parametrize(
    "priority, description, asked",
    [
        ("emergency", "water through the light", ["repair_description"]),
        ("routine", "cupboard door hanging off", ["repair_description", "repair_is_emergency", "household_vulnerable"]),
        ("routine", "pipe leaking under the sink", ["repair_description", "repair_leak_stopped", "repair_is_emergency", "household_vulnerable"]),
        ("damp_mould", "mould on the walls, my son has asthma", ["repair_description", "repair_is_emergency"]),
        (None, "", ["repair_description", "repair_is_emergency", "household_vulnerable"]),
    ],
)
async def test_triage_questions_are_only_asked_when_the_answer_could_change_anything(domain, priority, description, asked):
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"], CollectingDispatcher(),
        tracker({"repair_priority": priority, "repair_description": description}), domain,
    )
    assert [slot for slot in slots if slot in TRIAGE_QUESTIONS] == asked


TRIAGE_QUESTIONS = ("repair_description", "repair_leak_stopped", "repair_is_emergency", "household_vulnerable")


@pytest.mark.parametrize(
    "priority, channel, sender, slots_asked",
    [
        ("routine", "rest", "web-1", ["repair_location", "repair_access", "contact_phone", "home_postcode", "repair_confirmed"]),
        # Same day: no visit to plan, so no question about getting in.
        ("emergency", "rest", "web-1", ["repair_location", "contact_phone", "home_postcode", "repair_confirmed"]),
        # A tenant's answer can make it same-day too.
        ("routine-at-risk", "rest", "web-1", ["repair_location", "contact_phone", "home_postcode", "repair_confirmed"]),
        # A text message already tells us the number.
        ("routine", "twilio", "+447700900123", ["repair_location", "repair_access", "home_postcode", "repair_confirmed"]),
        ("routine", "twilio", "whatsapp:+447700900123", ["repair_location", "repair_access", "home_postcode", "repair_confirmed"]),
    ],
)
async def test_the_details_asked_depend_on_the_repair_and_the_channel(domain, priority, channel, sender, slots_asked):
    at_risk = priority.endswith("-at-risk") or None
    said = {"repair_priority": priority.replace("-at-risk", ""), "repair_description": "cupboard door hanging off",
            "repair_is_emergency": at_risk}
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"], CollectingDispatcher(),
        tracker(said, sender_id=sender, channel=channel), domain,
    )
    assert [slot for slot in slots if slot not in TRIAGE_QUESTIONS] == slots_asked


@pytest.mark.parametrize(
    "said, location",
    [("water through the back bedroom ceiling", "back bedroom"), ("my kitchen tap drips", "kitchen"), ("fence blown down", None)],
)
def test_where_the_problem_is_is_read_from_the_report_when_it_says(domain, said, location):
    result = ValidateRepairForm().validate_repair_description(said, CollectingDispatcher(), tracker(), domain)
    assert result.get("repair_location") == location


@pytest.mark.parametrize(
    "method, answer, kept, complaint",
    [
        ("validate_contact_phone", "it's 07700 900123", "07700 900123", None),
        ("validate_contact_phone", "+44 (0)7700-900-123", None, "utter_invalid_contact_phone"),
        ("validate_contact_phone", "+447700900123", "07700 900123", None),
        ("validate_contact_phone", "call me", None, "utter_invalid_contact_phone"),
        ("validate_contact_phone", "no", "not_given", None),
        ("validate_home_postcode", "sy79bw", "SY7 9BW", None),
        ("validate_home_postcode", "flat 3", None, "utter_invalid_home_postcode"),
        ("validate_home_postcode", "don't know", "not_given", None),
        ("validate_repair_access", "key safe by the door, code from my son", "key safe by the door, code from my son", None),
        ("validate_repair_access", "nope", "not_given", None),
        ("validate_repair_location", "x" * 5000, "x" * 500, None),
    ],
)
def test_each_detail_is_kept_in_one_form_or_asked_again_with_why(domain, method, answer, kept, complaint):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateRepairForm(), method)(answer, dispatcher, tracker(), domain)
    assert list(result.values()) == [kept]
    assert [m["response"] for m in dispatcher.messages] == ([complaint] if complaint else [])


def test_saying_no_to_the_summary_starts_the_report_again_without_logging_it(domain):
    dispatcher = CollectingDispatcher()
    result = ValidateRepairForm().validate_repair_confirmed(False, dispatcher, tracker(), domain)
    assert result == {"repair_description": None, "repair_location": None, "repair_access": None, "repair_confirmed": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_repair_not_confirmed"]


@pytest.mark.parametrize(
    "slots, shown",
    [
        ({"repair_description": "tap drips", "repair_priority": "routine", "repair_location": "kitchen",
          "repair_access": "not_given", "contact_phone": "07700 900123", "home_postcode": "SY7 9BW"},
         "The problem: tap drips. Where: kitchen. Getting in: not given. Phone: 07700 900123. Postcode: SY7 9BW. Shall I log it?"),
        ({"repair_description": "no heating", "repair_priority": "urgent", "repair_location": "lounge",
          "contact_phone": "not_given", "home_postcode": "SY7 9BW"},
         "The problem: no heating. Where: lounge. Phone: not given. Postcode: SY7 9BW. Shall I log it?"),
    ],
)
async def test_the_report_is_read_back_before_it_is_logged(domain, slots, shown):
    from actions.repairs import ActionAskRepairConfirmed

    dispatcher = CollectingDispatcher()
    await ActionAskRepairConfirmed().run(dispatcher, tracker(slots), domain)
    assert shown in rendered(dispatcher, domain)[0]


async def test_the_case_keeps_where_how_to_get_in_and_how_to_reach_the_tenant(desk, domain):
    slots = {"repair_description": "tap drips", "repair_priority": "routine", "repair_location": "kitchen",
             "repair_access": "dog in the garden", "contact_phone": "07700 900123", "home_postcode": "SY7 9BW"}
    events = await ActionSubmitRepair().run(CollectingDispatcher(), tracker(slots, message_id="m-1"), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert (case.location, case.access, case.contact_phone, case.postcode, case.channel) == (
        "kitchen", "dog in the garden", "07700 900123", "SY7 9BW", "rest")
    # The phone and postcode stay for the rest of the session; the report's own details do not.
    cleared = {event["name"] for event in events if event.get("event") == "slot" and event["value"] is None}
    assert {"repair_location", "repair_access", "repair_confirmed"} <= cleared
    assert not {"contact_phone", "home_postcode"} & cleared


async def test_the_same_delivery_logged_twice_opens_one_case(desk, domain):
    slots = {"repair_description": "tap drips", "repair_priority": "routine"}
    first, second = CollectingDispatcher(), CollectingDispatcher()
    await ActionSubmitRepair().run(first, tracker(slots, message_id="m-7"), domain)
    await ActionSubmitRepair().run(second, tracker(slots, message_id="m-7"), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.reference in rendered(second, domain, session_slots(desk))[0]


@pytest.mark.parametrize(
    "earlier, offered",
    [("this is the third time I've reported the boiler and nobody came", True), ("my boiler is broken", False)],
)
async def test_a_tenant_who_sounds_unhappy_is_offered_the_choice_to_complain(desk, domain, earlier, offered):
    said = [{"event": "user", "text": earlier, "parse_data": {"intent": {"name": "report_repair_urgent"}}}]
    events = await ActionSubmitRepair().run(
        CollectingDispatcher(), tracker({"repair_description": earlier, "repair_priority": "urgent"}, events=said), domain)
    assert any(e["event"] == "followup" and e["name"] == "utter_offer_complaint" for e in events) is offered
    assert len(desk.cases.for_conversation("tenant-1")) == 1


async def test_a_leak_the_tenant_cannot_stop_is_urgent(desk, domain):
    dispatcher = CollectingDispatcher()
    slots = {"repair_description": "pipe leaking under the sink", "repair_priority": "routine",
             "repair_leak_stopped": False, "repair_is_emergency": False}
    await ActionSubmitRepair().run(dispatcher, tracker(slots), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.category == "urgent"


@pytest.mark.parametrize(
    "said, requested_slot, kept",
    [
        ("i need to report a repair", None, None),
        ("my toilet won't flush", None, "my toilet won't flush"),
        ("i need to report a repair", "repair_description", "i need to report a repair"),
    ],
)
def test_the_repair_form_asks_what_is_wrong_only_when_it_was_not_said(domain, said, requested_slot, kept):
    result = ValidateRepairForm().validate_repair_description(
        said, CollectingDispatcher(), tracker(requested_slot=requested_slot), domain
    )
    assert result["repair_description"] == kept


@pytest.mark.parametrize(
    "description, answered, recorded",
    [
        ("cupboard door hanging off", True, True),
        ("cupboard door hanging off", False, False),
        ("cupboard door hanging off", None, None),
        ("no heating and we have a newborn", None, True),
    ],
)
async def test_a_household_that_may_need_extra_care_is_recorded_on_the_case(desk, domain, description, answered, recorded):
    dispatcher = CollectingDispatcher()
    slots = {"repair_description": description, "repair_priority": "routine", "household_vulnerable": answered}
    await ActionSubmitRepair().run(dispatcher, tracker(slots), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.vulnerable_household is recorded
    assert ("utter_vulnerability_noted" in [m["response"] for m in dispatcher.messages]) is bool(recorded)
