from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.repairs import REPORT_SLOTS, ActionSubmitRepair, ValidateRepairForm
from bot import services
from bot.answers import postcode_in, uk_phone_number
from tests.actions.conftest import rendered, session_slots, tracker

LONDON = ZoneInfo("Europe/London")
SUNDAY_NIGHT = datetime(2026, 11, 29, 23, 30, tzinfo=LONDON)


@pytest.mark.parametrize(
    "priority, at_risk, category, promised",
    [
        (
            "emergency",
            None,
            "emergency",
            "We will attend within 4 hours to make it safe, by 20:00 today, Friday 27 November.",
        ),
        ("urgent", None, "urgent", "We will attend within 6 hours, by 22:00 today, Friday 27 November"),
        ("routine", False, "routine", "We complete routine repairs within 17 days, so by Monday 14 December."),
        ("routine", True, "emergency", "We will attend within 4 hours to make it safe"),
        ("external", False, "external", "within 30 days, so by Sunday 27 December."),
        ("major", False, "major", "within 60 days, so by Tuesday 26 January 2027."),
        (
            "damp_mould",
            False,
            "damp_mould",
            "Under Awaab's Law we will investigate within 10 working days, by Friday 11 December",
        ),
        (
            "damp_mould",
            True,
            "damp_mould_emergency_hazard",
            "we will investigate and make it safe within 24 hours, by 16:00 tomorrow, Saturday 28 November",
        ),
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
        ("routine", "the team will pick this up when we open, at 08:30 tomorrow, Monday 30 November"),
    ],
)
async def test_out_of_hours_an_emergency_goes_straight_to_the_out_of_hours_service(desk, domain, priority, says):
    services.use(desk, clock=lambda: SUNDAY_NIGHT)
    dispatcher = CollectingDispatcher()
    await ActionSubmitRepair().run(
        dispatcher, tracker({"repair_description": "x", "repair_priority": priority}), domain
    )
    assert says in " ".join(rendered(dispatcher, domain, session_slots(desk)))


@pytest.mark.parametrize(
    "priority, description, asked",
    [
        ("emergency", "water through the light", ["repair_description"]),
        ("routine", "cupboard door hanging off", ["repair_description", "repair_is_emergency", "household_vulnerable"]),
        (
            "routine",
            "pipe leaking under the sink",
            ["repair_description", "repair_leak_stopped", "repair_is_emergency", "household_vulnerable"],
        ),
        ("damp_mould", "mould on the walls, my son has asthma", ["repair_description", "repair_is_emergency"]),
        (None, "", ["repair_description", "repair_is_emergency", "household_vulnerable"]),
    ],
)
async def test_triage_questions_are_only_asked_when_the_answer_could_change_anything(
    domain, priority, description, asked
):
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"],
        CollectingDispatcher(),
        tracker({"repair_priority": priority, "repair_description": description}),
        domain,
    )
    assert [slot for slot in slots if slot in TRIAGE_QUESTIONS] == asked


TRIAGE_QUESTIONS = ("repair_description", "repair_leak_stopped", "repair_is_emergency", "household_vulnerable")


@pytest.mark.parametrize(
    "description, asked",
    [
        ("front door broken, the frame is split and it wont lock", True),
        ("back door was kicked in last night, i cant secure it", True),
        ("we got burgled, they smashed the back door and it wont lock", False),
        ("the wind blew the back door and now it wont shut", False),
        ("cupboard door hanging off", False),
    ],
)
async def test_a_home_left_open_is_asked_how_it_happened_unless_the_report_says(domain, description, asked):
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"],
        CollectingDispatcher(),
        tracker({"repair_priority": "emergency", "repair_description": description}),
        domain,
    )
    assert ("repair_cause" in slots) is asked


@pytest.mark.parametrize(
    "priority, channel, sender, slots_asked",
    [
        (
            "routine",
            "rest",
            "web-1",
            ["repair_location", "repair_access", "contact_phone", "home_postcode", "repair_confirmed"],
        ),
        # Same day: no visit to plan, so no question about getting in.
        ("emergency", "rest", "web-1", ["repair_location", "contact_phone", "home_postcode", "repair_confirmed"]),
        # A tenant's answer can make it same-day too.
        ("routine-at-risk", "rest", "web-1", ["repair_location", "contact_phone", "home_postcode", "repair_confirmed"]),
        # A text message already tells us the number.
        (
            "routine",
            "twilio",
            "+447700900123",
            ["repair_location", "repair_access", "home_postcode", "repair_confirmed"],
        ),
        (
            "routine",
            "twilio",
            "whatsapp:+447700900123",
            ["repair_location", "repair_access", "home_postcode", "repair_confirmed"],
        ),
    ],
)
async def test_the_details_asked_depend_on_the_repair_and_the_channel(domain, priority, channel, sender, slots_asked):
    at_risk = priority.endswith("-at-risk") or None
    said = {
        "repair_priority": priority.replace("-at-risk", ""),
        "repair_description": "cupboard door hanging off",
        "repair_is_emergency": at_risk,
    }
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"],
        CollectingDispatcher(),
        tracker(said, sender_id=sender, channel=channel),
        domain,
    )
    assert [slot for slot in slots if slot not in TRIAGE_QUESTIONS] == slots_asked


async def _extract(slot, text, requested=None, slots=None, intent="inform", events=None):
    """What the repair form takes from one message, and what it says about it."""
    dispatcher = CollectingDispatcher()
    t = tracker(slots, requested_slot=requested, text=text, intent=intent, events=events)
    result = await getattr(ValidateRepairForm(), f"extract_{slot}")(dispatcher, t, domain_of())
    return result, [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(
    "priority, description, asked",
    [
        ("urgent", "boiler keeps clicking but wont light, no heating", True),
        ("urgent", "no hot water since this morning", True),
        ("emergency", "the gas fire is making a popping noise", True),
        # Electric heating has no gas; a routine repair asks whether anyone is at risk instead.
        ("urgent", "all my storage heaters are dead", False),
        ("routine", "boiler pressure keeps dropping", False),
        ("emergency", "water coming through the light", False),
    ],
)
async def test_a_same_day_repair_to_the_heating_asks_about_gas(domain, priority, description, asked):
    slots = await ValidateRepairForm().required_slots(
        domain["forms"]["repair_form"]["required_slots"],
        CollectingDispatcher(),
        tracker({"repair_priority": priority, "repair_description": description}),
        domain,
    )
    assert ("repair_gas_checked" in slots) is asked


@pytest.mark.parametrize(
    "text, taken, warned",
    [
        ("yes", True, True),
        ("yeah a bit", True, True),
        ("no", False, False),
        ("not that i know of, its just freezing", False, False),
    ],
)
async def test_gas_said_yes_to_gets_the_gas_emergency_line(desk, text, taken, warned):
    services.use(desk)
    result, said = await _extract("repair_gas_checked", text, requested="repair_gas_checked")
    assert result.get("repair_gas_checked") is taken
    assert ("utter_safety_gas" in said) is warned


@pytest.mark.parametrize(
    "text, reasked, slots, taken",
    [
        ("my ex kicked it in on saturday", None, {}, "my ex kicked it in on saturday"),
        ("no idea, it was like it when i got up", None, {}, "no idea, it was like it when i got up"),
        # A request sent straight after the report crosses the question: how is asked once more...
        ("can someone come and fix it", "repair_cause", {}, None),
        # ...and the second time, whatever is said is kept.
        ("can someone come and fix it", None, {"reasked": "repair_cause"}, "can someone come and fix it"),
    ],
)
async def test_how_a_home_was_left_open_is_asked_once_more_when_a_request_crosses_it(text, reasked, slots, taken):
    result, _ = await _extract("repair_cause", text, requested="repair_cause", slots=slots)
    assert result.get("repair_cause") == taken
    assert result.get("reasked") == reasked


def domain_of():
    from tests.support.domain import load_domain

    return load_domain()


@pytest.mark.parametrize(
    "slot, text, requested, slots, found",
    [
        # A detail given whatever was asked ("its in the kitchen, number is 07700 900123").
        (
            "contact_phone",
            "its in the kitchen, number is 07700 900123",
            "repair_location",
            {},
            {"contact_phone": "07700 900123"},
        ),
        ("home_postcode", "its sy79bw and the dog is friendly", "repair_access", {}, {"home_postcode": "SY7 9BW"}),
        (
            "repair_location",
            "its in the kitchen, number is 07700 900123",
            "contact_phone",
            {},
            {"repair_location": "kitchen", "reasked": None},
        ),
        (
            "household_vulnerable",
            "any time, my son is asthmatic though",
            "repair_access",
            {},
            {"household_vulnerable": True},
        ),
        # The answer to the question asked, in words.
        (
            "repair_is_emergency",
            "no its not dangerous at all, just annoying",
            "repair_is_emergency",
            {},
            {"repair_is_emergency": False, "reasked": None},
        ),
        (
            "repair_is_emergency",
            "its dripping near the light",
            "repair_is_emergency",
            {},
            {"repair_is_emergency": True, "reasked": None},
        ),
        (
            "household_vulnerable",
            "no, just me and my husband",
            "household_vulnerable",
            {},
            {"household_vulnerable": False, "reasked": None},
        ),
        (
            "household_vulnerable",
            "i think so, hes asthmatic",
            "household_vulnerable",
            {},
            {"household_vulnerable": True, "reasked": None},
        ),
        (
            "repair_leak_stopped",
            "yeah ive turned it off at the stopcock",
            "repair_leak_stopped",
            {},
            {"repair_leak_stopped": True, "reasked": None},
        ),
        (
            "repair_leak_stopped",
            "no i cant get to it, its coming from upstairs",
            "repair_leak_stopped",
            {},
            {"repair_leak_stopped": False, "reasked": None},
        ),
        (
            "repair_access",
            "key safe by the door, code from my son",
            "repair_access",
            {},
            {"repair_access": "key safe by the door, code from my son", "reasked": None},
        ),
        ("repair_access", "nope", "repair_access", {}, {"repair_access": "not_given", "reasked": None}),
        # "yes" to "anything we should know to get in?": then what? Asked once, then kept as said.
        ("repair_access", "yeah there is", "repair_access", {}, {"reasked": "repair_access"}),
        (
            "repair_access",
            "yes",
            "repair_access",
            {"reasked": "repair_access"},
            {"repair_access": "yes", "reasked": None},
        ),
        (
            "repair_access",
            "yes theres a dog",
            "repair_access",
            {},
            {"repair_access": "yes theres a dog", "reasked": None},
        ),
        ("contact_phone", "no", "contact_phone", {}, {"contact_phone": "not_given", "reasked": None}),
        (
            "repair_location",
            "by the back door",
            "repair_location",
            {},
            {"repair_location": "back door", "reasked": None},
        ),
        ("repair_location", "x" * 5000, "repair_location", {}, {"reasked": "repair_location"}),  # no place: asked again
        # Not the question asked, and nothing to take: nothing changes.
        ("repair_is_emergency", "no", "repair_access", {}, {}),
        # A yes to "shall I log it?" says nothing about who lives there.
        ("household_vulnerable", "yes thats right", "repair_confirmed", {}, {}),
        (
            "household_vulnerable",
            "not sure",
            "household_vulnerable",
            {},
            {"household_vulnerable": "not_given", "reasked": None},
        ),
    ],
)
async def test_each_detail_is_read_from_the_tenants_words(slot, text, requested, slots, found):
    result, said = await _extract(slot, text, requested, slots)
    assert result == found and said == []


@pytest.mark.parametrize("slot", ["contact_phone", "home_postcode", "repair_is_emergency", "household_vulnerable"])
async def test_an_unreadable_answer_is_asked_again_once_with_a_hint_then_left(slot):
    from actions import tenant

    first, said = await _extract(slot, "yesterday he said hes going to smash my windows", slot)
    assert first == {"reasked": slot} and said == []
    asker = next(cls for cls in tenant.AskWithAHint.__subclasses__() if cls.slot == slot)()
    for reasked, question in ((None, f"utter_ask_{slot}"), (slot, f"utter_reask_{slot}")):
        dispatcher = CollectingDispatcher()
        await asker.run(dispatcher, tracker({"reasked": reasked}), domain_of())
        assert [m["response"] for m in dispatcher.messages] == [question]  # the hint instead of the question
    second, said = await _extract(slot, "the bloke at number 4", slot, {"reasked": slot})
    assert second == {slot: "not_given", "reasked": None} and said == []


READ_BACK_SAID = {
    "event": "bot",
    "text": "Here's what I have.\nThe problem: tap drips.\nWhere: kitchen.\nGetting in: not given.\n"
    "Phone: 07700 900123.\nPostcode: SY7 9BW.\n\nShall I log it, or change an answer?",
}
READ_BACK = {
    "repair_description": "tap drips",
    "repair_priority": "routine",
    "repair_location": "kitchen",
    "repair_access": "not_given",
    "contact_phone": "07700 900123",
    "home_postcode": "SY7 9BW",
}
ASKED_AGAIN = {"repair_confirmed": None, "reasked": None}


def _after_earlier_extractors(text):
    """The read-back's slots as the repair_confirmed extractor sees them: the form's extractors
    for the phone and postcode run before it, and take a number or postcode from any message."""
    found = {"contact_phone": uk_phone_number(text), "home_postcode": postcode_in(text)}
    return {**READ_BACK, **{slot: value for slot, value in found.items() if value}}


@pytest.mark.parametrize(
    "text, changed, says",
    [
        # A "Change ..." button, or the same in words: that answer alone is asked again.
        ("change where", {"repair_location": None}, ["utter_repair_change_answer"]),
        ("the postcode is wrong", {"home_postcode": None}, ["utter_repair_change_answer"]),
        ("can i change the phone number", {"contact_phone": None}, ["utter_repair_change_answer"]),
        ("change getting in", {"repair_access": None}, ["utter_repair_change_answer"]),
        ("change the problem", {"repair_description": None}, ["utter_repair_change_answer"]),
        (
            "change the phone and the postcode",
            {"contact_phone": None, "home_postcode": None},
            ["utter_repair_change_answer"],
        ),
        # The new answer written out: taken as it is, and the report read back again.
        ("the postcode should be SY7 8AA", {"home_postcode": "SY7 8AA"}, []),
        ("my number is 07700 900999 now", {"contact_phone": "07700 900999"}, []),
        ("no its in the bathroom", {"repair_location": "bathroom"}, []),
        ("change where, its the bathroom", {"repair_location": "bathroom"}, []),
    ],
)
async def test_one_answer_of_the_read_back_is_changed_without_starting_again(text, changed, says):
    slots = _after_earlier_extractors(text)
    result, said = await _extract("repair_confirmed", text, "repair_confirmed", slots, events=[READ_BACK_SAID])
    assert result == {**changed, **ASKED_AGAIN}
    assert said == says


@pytest.mark.parametrize(
    "text",
    [
        "yes thats right",
        "yes, under the kitchen sink",
        "yes my number is 07700 900123",
        # A change asked for that is already so, said again after it was made: it is right.
        "nearly, can you change where to the kitchen please",
    ],
)
async def test_a_yes_that_repeats_an_answer_changes_nothing(text):
    slots = _after_earlier_extractors(text)
    result, said = await _extract("repair_confirmed", text, "repair_confirmed", slots, events=[READ_BACK_SAID])
    assert result == {"repair_confirmed": True, "reasked": None} and said == []


async def test_a_changed_answer_is_asked_again_and_then_the_report_read_back(domain):
    """After "change where" the form's next question is where, and after it the read-back."""
    form = ValidateRepairForm()
    cleared = {**READ_BACK, "repair_leak_stopped": True, "repair_is_emergency": False}
    cleared.update({"household_vulnerable": False, "repair_location": None, "repair_confirmed": None})
    slots = await form.required_slots(
        domain["forms"]["repair_form"]["required_slots"], CollectingDispatcher(), tracker(cleared), domain
    )
    unanswered = [slot for slot in slots if cleared.get(slot) is None]
    assert unanswered == ["repair_location", "repair_confirmed"]
    # Asked again, the place is the answer, not the one the description names.
    result, _ = await _extract(
        "repair_location", "the upstairs loo", "repair_location", {**cleared, "repair_description": "kitchen tap drips"}
    )
    assert result == {"repair_location": "the upstairs loo", "reasked": None}


async def test_a_tenant_who_texts_can_change_the_number_to_call(domain):
    """A texter is not asked for a number, unless at the read-back they ask to change it."""
    texted = {**READ_BACK, "contact_phone": None}

    async def asked(text, requested):
        t = tracker(texted, sender_id="+447700900123", channel="twilio", requested_slot=requested, text=text)
        slots = await ValidateRepairForm().required_slots(
            domain["forms"]["repair_form"]["required_slots"], CollectingDispatcher(), t, domain
        )
        return "contact_phone" in slots

    assert not await asked("yes", "repair_confirmed")
    assert await asked("change the phone", "repair_confirmed")
    assert await asked("07700 900999", "contact_phone")


async def test_saying_no_to_the_summary_starts_the_report_again_without_logging_it():
    result, said = await _extract("repair_confirmed", "no thats wrong", "repair_confirmed")
    assert result == {slot: None for slot in REPORT_SLOTS}
    assert said == ["utter_repair_not_confirmed"]


@pytest.mark.parametrize(
    "text, intent, confirmed",
    [("yes thats right", "inform", True), ("/affirm", "affirm", True), ("yep log it", "affirm", True)],
)
async def test_the_summary_is_confirmed_in_words_or_by_the_button(text, intent, confirmed):
    result, _ = await _extract("repair_confirmed", text, "repair_confirmed", intent=intent)
    assert result["repair_confirmed"] is confirmed


@pytest.mark.parametrize(
    "slots, shown",
    [
        (
            READ_BACK,
            "The problem: tap drips.\nWhere: kitchen.\nGetting in: not given.\nPhone: 07700 900123.\nPostcode: SY7 9BW."
            "\n\nShall I log it, or change an answer?",
        ),
        (
            {
                "repair_description": "no heating",
                "repair_priority": "urgent",
                "repair_location": "lounge",
                "contact_phone": "not_given",
                "home_postcode": "SY7 9BW",
            },
            "The problem: no heating.\nWhere: lounge.\nPhone: not given.\nPostcode: SY7 9BW.\n\nShall I log it, or change an answer?",
        ),
    ],
)
async def test_the_report_is_read_back_before_it_is_logged(domain, slots, shown):
    from actions.repairs import ActionAskRepairConfirmed

    dispatcher = CollectingDispatcher()
    await ActionAskRepairConfirmed().run(dispatcher, tracker(slots), domain)
    assert shown in rendered(dispatcher, domain)[0]


async def test_the_case_keeps_where_how_to_get_in_and_how_to_reach_the_tenant(desk, domain):
    slots = {
        "repair_description": "tap drips",
        "repair_priority": "routine",
        "repair_location": "kitchen",
        "repair_access": "dog in the garden",
        "contact_phone": "07700 900123",
        "home_postcode": "SY7 9BW",
    }
    events = await ActionSubmitRepair().run(CollectingDispatcher(), tracker(slots, message_id="m-1"), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert (case.location, case.access, case.contact_phone, case.postcode, case.channel) == (
        "kitchen",
        "dog in the garden",
        "07700 900123",
        "SY7 9BW",
        "rest",
    )
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
        CollectingDispatcher(),
        tracker({"repair_description": earlier, "repair_priority": "urgent"}, events=said),
        domain,
    )
    assert any(e["event"] == "followup" and e["name"] == "utter_offer_complaint" for e in events) is offered
    assert len(desk.cases.for_conversation("tenant-1")) == 1


async def test_a_leak_the_tenant_cannot_stop_is_urgent(desk, domain):
    dispatcher = CollectingDispatcher()
    slots = {
        "repair_description": "pipe leaking under the sink",
        "repair_priority": "routine",
        "repair_leak_stopped": False,
        "repair_is_emergency": False,
    }
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
async def test_a_household_that_may_need_extra_care_is_recorded_on_the_case(
    desk, domain, description, answered, recorded
):
    dispatcher = CollectingDispatcher()
    slots = {"repair_description": description, "repair_priority": "routine", "household_vulnerable": answered}
    await ActionSubmitRepair().run(dispatcher, tracker(slots), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.vulnerable_household is recorded
    assert ("utter_vulnerability_noted" in [m["response"] for m in dispatcher.messages]) is bool(recorded)


@pytest.mark.parametrize(
    "text, intent, findings, interrupts",
    [
        ("im so tired of everything, ive been thinking about ending it", "express_self_harm", ["self_harm"], True),
        ("i can smell gas in the hall now", "report_gas_leak", ["gas"], True),
        ("how long will it take", "ask_timescales", [], True),
        ("its in the kitchen", "inform", [], False),
    ],
)
async def test_a_danger_or_a_question_mid_report_is_not_taken_as_the_answer(text, intent, findings, interrupts):
    """The form sets nothing for it, so Rasa rejects the form and the rules for what
    interrupts a report run: the safety numbers first, or the answer to the question."""
    t = tracker(
        {"repair_description": "my heating is off", "report_acknowledged": True},
        requested_slot="repair_location",
        text=text,
        intent=intent,
    )
    t.latest_message["triage"] = {"rules": findings}
    t.active_loop = {"name": "repair_form"}
    events = await ValidateRepairForm().run(CollectingDispatcher(), t, domain_of())
    assert (events == []) is interrupts


async def test_back_in_the_report_after_the_safety_numbers_the_next_question_comes():
    """Rasa runs the form again after the interruption, with the same message latest: this time
    it is not an interruption, and the form says what to ask next."""
    t = tracker(
        {
            "repair_description": "my heating is off",
            "report_acknowledged": True,
            "repair_priority": "urgent",
            "repair_gas_checked": False,  # asked before where it is
        },
        requested_slot="repair_location",
        text="ive been thinking about ending it",
        intent="express_self_harm",
        events=[],
    )
    t.events.append({"event": "action", "name": "action_safety_first"})
    t.latest_message["triage"] = {"rules": ["self_harm"]}
    t.active_loop = {"name": "repair_form"}
    events = await ValidateRepairForm().run(CollectingDispatcher(), t, domain_of())
    assert events == [
        {"event": "slot", "timestamp": None, "name": "reasked", "value": "repair_location"},
        {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "repair_location"},
    ]


@pytest.mark.parametrize(
    "unhappy, offered, paused",
    [
        # "...flooded my living room. i want compensation": the complaint first, then the handoff.
        (True, FollowupAction("utter_offer_complaint"), False),
        (False, None, True),
    ],
)
async def test_an_unhappy_tenant_is_offered_a_complaint_before_an_out_of_hours_emergency_is_handed_over(
    desk, domain, unhappy, offered, paused
):
    services.use(desk, clock=lambda: SUNDAY_NIGHT)
    said = (
        "your contractor flooded my living room, i want compensation" if unhappy else "water pouring through my ceiling"
    )
    events = await ActionSubmitRepair().run(
        CollectingDispatcher(), tracker({"repair_description": said, "repair_priority": "emergency"}, text=said), domain
    )
    assert (
        (offered in events)
        if offered
        else not any(isinstance(e, dict) and e.get("event") == "followup" for e in events)
    )
    assert any(e.get("event") == "pause" for e in events) is paused
    assert (SlotSet("handover_after_complaint", "out_of_hours_emergency") in events) is unhappy


@pytest.mark.parametrize(
    "description, said, said_first",
    [
        # Asked instead of answering, about the danger they face: the advice again, then the question.
        (
            "water coming through the ceiling next to the light",
            "the lights still on should i turn it off??",
            ["utter_advice_water_electrics"],
        ),
        (
            "water coming through the ceiling next to the light",
            "its a landline, is that ok?",
            ["utter_advice_water_electrics"],
        ),
        # Not a question: only the question with its hint.
        ("water coming through the ceiling next to the light", "the bloke at number 4", []),
        # A question with nothing to advise on is not ignored: it is kept with the report.
        # No hot water is a heating fault, not water on the electrics.
        (
            "no hot water since yesterday, its an electric immersion",
            "should i switch it off?",
            ["utter_question_kept_with_report"],
        ),
        (
            "my cupboard door is loose",
            "will they find out it was me that told you?",
            ["utter_question_kept_with_report"],
        ),
    ],
)
async def test_a_question_instead_of_an_answer_gets_advice_or_is_kept_for_a_person(desk, description, said, said_first):
    from actions.tenant import ActionAskContactPhone

    services.use(desk)
    dispatcher = CollectingDispatcher()
    slots = {"reasked": "contact_phone", "repair_description": description}
    await ActionAskContactPhone().run(dispatcher, tracker(slots, text=said), domain_of())
    assert [m["response"] for m in dispatcher.messages] == [*said_first, "utter_reask_contact_phone"]


async def test_a_new_number_given_by_text_replaces_the_one_they_wrote_from(domain):
    from actions.repairs import ValidateRepairForm

    t = tracker(
        {"repair_description": "bedroom door handle fell off", "repair_priority": "routine"},
        sender_id="+447700910740",
        requested_slot="repair_is_emergency",
        text="oh my number changed btw its 07700 900842 now not the old one",
        channel="twilio",
    )
    t.active_loop = {"name": "repair_form"}
    events = await ValidateRepairForm().run(CollectingDispatcher(), t, domain)
    assert SlotSet("contact_phone", "07700 900842") in events
