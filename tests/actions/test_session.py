import pytest
from rasa_sdk.events import SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart
import re

import yaml

from bot.settings import REPO_ROOT
from tests.actions.conftest import session_slots, tracker


async def test_a_session_starts_with_the_charter_facts_in_its_slots(desk, domain):
    events = await ActionSessionStart().run(CollectingDispatcher(), tracker(), domain)
    assert events[0] == SessionStarted()
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["landlord_phone"] == desk.charter.contact.phone
    assert slots["ombudsman_phone"] == desk.charter.emergency_numbers.housing_ombudsman.number
    assert set(slots) <= set(domain["slots"]), "every fact needs a slot in domain/"


def test_every_variable_in_a_response_said_by_a_rule_is_a_session_fact(desk, domain):
    """Responses that rules say directly get their figures from the session's slots only."""
    said_by_rules = set()
    for path in (REPO_ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            said_by_rules |= {
                step["action"] for step in rule["steps"] if str(step.get("action", "")).startswith("utter_")
            }
    assert "utter_ask_contact_details" in said_by_rules
    facts = session_slots(desk)
    for name in sorted(said_by_rules):
        for variable in re.findall(r"{(\w+)}", domain["responses"][name][0]["text"]):
            assert variable in facts, f"{name} quotes {{{variable}}}, which no session fact fills"


# --- small answers, choices, a second problem --------------------------------------------------

from rasa_sdk.executor import CollectingDispatcher as _Dispatcher  # noqa: E402

from actions.session import ActionSmallAnswer, ActionTakeArea  # noqa: E402
from tests.actions.conftest import tracker as _tracker  # noqa: E402


def _asked(text):
    return [{"event": "bot", "text": text}]


@pytest.mark.parametrize(
    "text, intent, asked, said",
    [
        ("no thanks", "thank", "All right. Is there anything else I can help with?", "utter_goodbye"),
        ("nope", "deny", "You're welcome. Is there anything else I can help with?", "utter_goodbye"),
        ("yes please", "affirm", "All right. Is there anything else I can help with?", "utter_what_else"),
        ("thanks", "thank", "Your case REP-2026-KX7Q4MTD is open.", "utter_you_are_welcome"),
        ("yes", "affirm", "Hello", "utter_anything_else"),
    ],
)
async def test_no_to_anything_else_ends_politely(domain, text, intent, asked, said):
    dispatcher = _Dispatcher()
    await ActionSmallAnswer().run(dispatcher, _tracker(text=text, intent=intent, events=_asked(asked)), domain)
    assert [m["response"] for m in dispatcher.messages] == [said]


@pytest.mark.parametrize(
    "choice, form, slot, value",
    [
        ("its a repair", "repair_form", "repair_description", "water coming out the light thing"),
        ("my neighbour", "asb_form", "asb_description", "water coming out the light thing"),
        ("a complaint", "complaint_form", "complaint_description", "water coming out the light thing"),
    ],
)
async def test_the_area_chosen_starts_its_report_with_the_words_already_written(domain, choice, form, slot, value):
    t = _tracker({"unclear_message": "water coming out the light thing", "choice_offered": 1}, text=choice)
    events = await ActionTakeArea().run(_Dispatcher(), t, domain)
    assert {"event": "followup", "timestamp": None, "name": form} in events
    assert {"event": "slot", "timestamp": None, "name": slot, "value": value} in events


async def test_yes_to_the_second_problem_starts_its_report(domain):
    t = _tracker(
        {"second_problem": "the neighbours dog barks all night", "second_problem_kind": "asb"},
        text="yes",
        intent="affirm",
    )
    events = await ActionSmallAnswer().run(_Dispatcher(), t, domain)
    assert {"event": "followup", "timestamp": None, "name": "asb_form"} in events
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "asb_description",
        "value": "the neighbours dog barks all night",
    } in events


async def test_a_dropped_report_is_left_unlogged_with_nothing_of_it_kept_but_how_to_reach_the_tenant(domain):
    from actions.session import ActionLeaveReport

    t = tracker(
        {
            "repair_description": "my kitchen tap is leaking again",
            "repair_location": "kitchen",
            "contact_phone": "07700 900417",
            "reasked": "repair_leak_stopped",
        },
        requested_slot="repair_leak_stopped",
        text="actually forget the repair, i want to complain",
    )
    t.active_loop = {"name": "repair_form"}
    dispatcher = CollectingDispatcher()
    events = await ActionLeaveReport().run(dispatcher, t, domain)
    cleared = {e["name"] for e in events if e["event"] == "slot" and e["value"] is None}
    assert events[0] == {"event": "active_loop", "name": None, "timestamp": None}
    assert {"repair_description", "repair_location", "reasked", "requested_slot"} <= cleared
    assert "contact_phone" not in cleared and "home_postcode" not in cleared
    assert [m["response"] for m in dispatcher.messages] == ["utter_report_left"]


async def test_not_knowing_which_area_brings_a_person_not_another_choice(desk, domain):
    t = _tracker({"unclear_message": "the thingy by the door", "choice_offered": 1}, text="not sure", intent="deny")
    dispatcher = _Dispatcher()
    events = await ActionTakeArea().run(dispatcher, t, domain)
    assert not any(e.get("event") == "followup" for e in events)
    assert {"event": "pause", "timestamp": None} in events or any(e.get("name") == "handoff_id" for e in events)
