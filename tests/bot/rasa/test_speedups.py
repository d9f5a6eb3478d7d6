"""The faster check of action-server replies gives Rasa's verdict, and Rasa's error when it fails."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.rasa import speedups as rasa_speedups
from bot.rasa.server import apply_patches


@pytest.fixture
def action():
    rasa_speedups.apply()
    return RemoteAction("action_submit_repair", None)


def test_the_server_entry_point_applies_the_faster_check():
    apply_patches()
    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result


@pytest.mark.parametrize(
    "result",
    [
        {"events": [], "responses": []},
        {
            "events": [{"event": "slot", "name": "repair_location", "value": "kitchen"}],
            "responses": [{"response": "utter_ask_repair_location"}],
        },
        {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "utter_offer_complaint"}]},
        {
            "events": [
                {"event": "bot", "text": "Which room?", "data": {}, "timestamp": None, "metadata": {}},
                {"event": "user", "text": "kitchen", "parse_data": {"intent": {"name": "inform", "confidence": 0.9}}},
                {"event": "action", "name": "repair_form", "policy": None, "confidence": 1.0},
                {"event": "reset_slots"},
                {"event": "session_started", "timestamp": 1796538911.5},
            ]
        },
        {},
    ],
)
def test_a_valid_reply_passes_as_it_does_in_rasa(action, result):
    assert rasa_speedups.ORIGINAL(action, result) is True
    assert action._validate_action_result(result) is True


@pytest.mark.parametrize(
    "result",
    [
        {"events": [{"name": "no event type"}]},
        {"events": "not a list"},
        {"events": [{"event": "slot", "name": 7}], "responses": "nope"},
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"event": "slot", "name": "repair_location", "timestamp": "yesterday"}]},
        {"events": [{"event": "action", "name": 3}]},
        {"events": [{"event": "user", "text": "hi", "parse_data": {"entities": "none"}}]},
        {"events": [{"event": "slot", "name": "a"}, "not an event"]},
        {"responses": [["not", "an", "object"]]},
        [],
    ],
)
def test_an_invalid_reply_fails_with_rasas_own_error(action, result):
    with pytest.raises(ValidationError) as ours:
        action._validate_action_result(result)
    with pytest.raises(ValidationError) as rasas:
        rasa_speedups.ORIGINAL(action, result)
    assert (
        ours.value.message == rasas.value.message and "Failed to validate Action server response" in ours.value.message
    )
