import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionSafetyFirst
from bot import services
from bot.cases import CaseKind
from bot.rules import shared_rules
from bot.triage import triage
from tests.actions.conftest import rendered, session_slots, tracker


def _said(text, model_intent):
    return {
        "text": text,
        "intent": {"name": model_intent, "confidence": 0.9},
        "triage": triage(model_intent, 0.9, shared_rules().find(text)).as_dict(),
    }


@pytest.mark.parametrize(
    "text, model_intent, first_response, logged",
    [
        ("i can smell gas", "report_gas_leak", "utter_safety_gas", "urgent"),
        ("my kitchen is on fire", "report_fire", "utter_safety_fire_or_danger", "emergency"),
        # Violence from a neighbour, happening now, is high-risk ASB too: its clock starts at once.
        ("he has a knife and is outside my door", "report_asb_high_risk", "utter_safety_fire_or_danger", "high_risk"),
        (
            "the bloke upstairs is kicking my door screaming hes going to kill me",
            "report_danger_to_life",
            "utter_safety_fire_or_danger",
            "high_risk",
        ),
        ("someone is bleeding badly in the stairwell", "report_danger_to_life", "utter_safety_fire_or_danger", None),
        ("my partner hit me", "report_domestic_abuse", "utter_safety_domestic_abuse", None),
        # A repair, but the securing repair waits for the safe way to contact them: nothing yet.
        (
            "my ex kicked the front door in last night and i cant lock it",
            "report_domestic_abuse",
            "utter_safety_domestic_abuse",
            None,
        ),
        ("i want to end it all", "out_of_scope", "utter_safety_self_harm", None),
    ],
)
async def test_the_safety_reply_comes_first_and_a_repair_or_asb_report_is_logged_when_there_is_one(
    desk, domain, text, model_intent, first_response, logged
):
    dispatcher = CollectingDispatcher()
    t = tracker()
    t.latest_message = _said(text, model_intent)
    events = await ActionSafetyFirst().run(dispatcher, t, domain)
    texts = rendered(dispatcher, domain, session_slots(desk))
    assert dispatcher.messages[0]["response"] == first_response
    cases = desk.cases.for_conversation("tenant-1")
    assert [c.category for c in cases] == ([logged] if logged else [])
    if logged:
        assert any(cases[0].reference in text for text in texts)
    # A person takes over, and the tenant is told; domestic abuse first asks how to make safe contact.
    handed_over = first_response != "utter_safety_domestic_abuse"
    assert (services.handoffs().active("tenant-1") is not None) is handed_over
    assert ({"event": "pause", "timestamp": None} in events) is handed_over
    assert ("passed you to our team" in texts[-1]) is handed_over


@pytest.mark.parametrize(
    "text, vulnerable",
    [
        ("i can smell gas, the baby is asleep upstairs", True),
        ("my kitchen is on fire, my mum is disabled and cant get down the stairs", True),
        ("i can smell gas in the kitchen", None),  # not said: not known, never "no"
    ],
)
async def test_a_household_told_of_beside_a_gas_leak_or_fire_is_logged_as_vulnerable(desk, domain, text, vulnerable):
    t = tracker()
    t.latest_message = _said(text, "report_fire" if "fire" in text else "report_gas_leak")
    await ActionSafetyFirst().run(CollectingDispatcher(), t, domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.vulnerable_household is vulnerable


@pytest.mark.parametrize(
    "in_hand, told, model_intent, logged, described",
    [
        # Gas told about the boiler being reported: one urgent repair, with the smell in it.
        (
            "boiler keeps clicking but wont light",
            "theres a smell like rotten eggs by it",
            "report_gas_leak",
            "urgent",
            True,
        ),
        # A fire told during a routine report: the one repair, raised to an emergency.
        ("the cooker hood light is broken", "the cooker is on fire", "report_fire", "emergency", True),
    ],
)
async def test_a_danger_to_the_repair_in_hand_is_one_case_not_two(
    desk, domain, in_hand, told, model_intent, logged, described
):
    t = tracker({"repair_description": in_hand, "repair_priority": "urgent" if "boiler" in in_hand else "routine"})
    t.latest_message = _said(told, model_intent)
    await ActionSafetyFirst().run(CollectingDispatcher(), t, domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.category == logged
    assert (told in case.description and in_hand in case.description) is described


async def test_every_signal_in_one_message_gets_its_number(desk, domain):
    dispatcher = CollectingDispatcher()
    t = tracker()
    t.latest_message = _said("my partner hit me then set fire to the flat and i want to kill myself", "report_fire")
    await ActionSafetyFirst().run(dispatcher, t, domain)
    text = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    numbers = desk.charter.emergency_numbers
    for number in (numbers.emergency_services.number, numbers.domestic_abuse.number, numbers.samaritans.number):
        assert number in text


@pytest.mark.parametrize(
    "reporting_a_neighbour, text, numbers_given",
    [
        # Told in the middle of a report about the lads upstairs, a "he" at the door is one of them.
        (True, "hes banging on my door right now saying hes going to kill me", ["emergency_services"]),
        (
            False,
            "hes banging on my door right now saying hes going to kill me",
            ["emergency_services", "domestic_abuse"],
        ),
        # Abuse the rules saw is abuse, whatever report was in hand.
        (True, "my partner hit me and hes outside now", ["emergency_services", "domestic_abuse"]),
    ],
)
async def test_abuse_only_the_model_saw_is_the_reported_neighbours_threat(
    desk, domain, reporting_a_neighbour, text, numbers_given
):
    dispatcher = CollectingDispatcher()
    slots = {"asb_description": "the lads upstairs have parties every night till 4"} if reporting_a_neighbour else {}
    t = tracker(slots=slots)
    t.latest_message = _said(text, "report_domestic_abuse")
    await ActionSafetyFirst().run(dispatcher, t, domain)
    said = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    numbers = desk.charter.emergency_numbers
    given = [name for name in ("emergency_services", "domestic_abuse") if getattr(numbers, name).number in said]
    assert given == numbers_given


async def test_a_button_payload_without_triage_still_gets_the_safety_reply(desk, domain):
    dispatcher = CollectingDispatcher()
    t = tracker()
    t.latest_message = {"text": "/report_gas_leak", "intent": {"name": "report_gas_leak"}}
    await ActionSafetyFirst().run(dispatcher, t, domain)
    assert dispatcher.messages[0]["response"] == "utter_safety_gas"


from actions.safety import ActionSubmitDomesticAbuse, ValidateDomesticAbuseForm  # noqa: E402

DISCLOSED = [
    {
        "event": "user",
        "text": "my partner hits me and I'm scared",
        "parse_data": {"intent": {"name": "report_domestic_abuse"}, "triage": {"all_safety": ["domestic_abuse"]}},
    }
]


@pytest.mark.parametrize(
    "answer, promised",
    [
        (
            "text only after 10am",
            "within 1 working day, by Monday 30 November, only in the way you told me: text only after 10am",
        ),
        ("no", "We won't contact you unless you ask"),
        ("no theres no safe way", "We won't contact you unless you ask"),
    ],
)
async def test_domestic_abuse_gets_its_own_case_and_contact_only_in_the_safe_way(desk, domain, answer, promised):
    slot = ValidateDomesticAbuseForm().validate_safe_contact(answer, CollectingDispatcher(), tracker(), domain)
    dispatcher = CollectingDispatcher()
    await ActionSubmitDomesticAbuse().run(dispatcher, tracker(slot, events=DISCLOSED), domain)
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.DOMESTIC_ABUSE and case.description == "my partner hits me and I'm scared"
    assert case.reference.startswith("ENQ-") and case.reference in text
    assert promised in text and "abuse" not in text.lower()


@pytest.mark.parametrize(
    "answer, promised",
    [
        ("text only after 10am", "will arrange it only in the way you told me is safe"),
        ("no", "We won't contact you about it"),
    ],
)
async def test_a_home_the_abuser_left_open_is_secured_beside_the_disclosure(desk, domain, answer, promised):
    said = _said(
        "my ex kicked the front door in last night, its hanging off and i cant lock it", "report_domestic_abuse"
    )
    events = [{"event": "user", "text": said["text"], "parse_data": said}]
    slot = ValidateDomesticAbuseForm().validate_safe_contact(answer, CollectingDispatcher(), tracker(), domain)
    dispatcher = CollectingDispatcher()
    await ActionSubmitDomesticAbuse().run(dispatcher, tracker(slot, events=events), domain)
    abuse, repair = sorted(desk.cases.for_conversation("tenant-1"), key=lambda case: case.kind.value)
    assert (abuse.kind, repair.kind, repair.category) == (CaseKind.DOMESTIC_ABUSE, CaseKind.REPAIR, "emergency")
    assert abuse.reference in repair.description and "kicked" not in repair.description
    told = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    assert repair.reference in told and promised in told and "abuse" not in told.lower()


async def test_a_disclosure_with_no_damage_logs_no_repair(desk, domain):
    said = _said("my partner hits me and takes my money", "report_domestic_abuse")
    events = [{"event": "user", "text": said["text"], "parse_data": said}]
    await ActionSubmitDomesticAbuse().run(
        CollectingDispatcher(), tracker({"safe_contact": "text"}, events=events), domain
    )
    assert [case.kind for case in desk.cases.for_conversation("tenant-1")] == [CaseKind.DOMESTIC_ABUSE]


@pytest.mark.parametrize(
    "slots, text, model_intent, kind",
    [
        # "the radiator is leaking", then "i cant cope anymore": the repair is kept, not lost.
        (
            {"repair_description": "the radiator in my bedroom is leaking", "repair_priority": "routine"},
            "i keep thinking about ending it all",
            "express_self_harm",
            CaseKind.REPAIR,
        ),
        (
            {"asb_description": "next door play music all night", "asb_risk": "low"},
            "theres a fire in the hallway",
            "report_fire",
            CaseKind.ANTI_SOCIAL_BEHAVIOUR,
        ),
        ({}, "i keep thinking about ending it all", "express_self_harm", None),
    ],
)
async def test_a_report_in_hand_is_logged_before_a_person_takes_over(desk, domain, slots, text, model_intent, kind):
    dispatcher = CollectingDispatcher()
    t = tracker(slots)
    t.latest_message = _said(text, model_intent)
    events = await ActionSafetyFirst().run(dispatcher, t, domain)
    logged = {c.kind for c in desk.cases.for_conversation("tenant-1")}
    assert (kind in logged) if kind else logged == set()
    assert any(e.get("event") == "pause" for e in events)
    said = [m["response"] for m in dispatcher.messages]
    assert said[0].startswith("utter_safety_")  # the numbers first, whatever else is said
