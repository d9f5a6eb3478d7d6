from rasa_sdk.events import SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart
import re

import yaml

from tests.actions.conftest import REPO_ROOT, session_slots, tracker


async def test_a_session_starts_with_the_charter_facts_in_its_slots(desk, domain):
    events = await ActionSessionStart().run(CollectingDispatcher(), tracker(), domain)
    assert events[0] == SessionStarted()
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["landlord_phone"] == desk.charter.contact.phone
    assert slots["ombudsman_phone"] == desk.charter.emergency_numbers.housing_ombudsman.number
    assert set(slots) <= set(domain["slots"]), "every fact needs a slot in domain.yml"


def test_every_variable_in_a_response_said_by_a_rule_is_a_session_fact(desk, domain):
    """Responses that rules say directly get their figures from the session's slots only."""
    said_by_rules = set()
    for path in (REPO_ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            said_by_rules |= {step["action"] for step in rule["steps"] if str(step.get("action", "")).startswith("utter_")}
    assert "utter_ask_contact_details" in said_by_rules
    facts = session_slots(desk)
    for name in sorted(said_by_rules):
        for variable in re.findall(r"{(\w+)}", domain["responses"][name][0]["text"]):
            assert variable in facts, f"{name} quotes {{{variable}}}, which no session fact fills"
