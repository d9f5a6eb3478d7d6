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
    assert slots == asked


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
    assert result == {"repair_description": kept}


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
