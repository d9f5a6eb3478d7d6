"""The queue's reading of how a conversation began, without a web server."""

from datetime import datetime, timezone

from bot.triage import SafetySignal, safety_of_intent
from bot.web.console.queue import SIGNAL_LABELS, SIGNAL_OF_INTENT, start_of


def test_the_signals_written_out_for_the_console_agree_with_the_triage():
    assert list(SIGNAL_LABELS) == [signal.value for signal in SafetySignal]
    for intent, value in SIGNAL_OF_INTENT.items():
        assert safety_of_intent(intent).value == value
    assert all(safety_of_intent(i) is None or i in SIGNAL_OF_INTENT for i in ("report_gas_leak", "greet", None))


def test_the_first_message_is_the_first_in_words_not_a_button_press():
    tracker = {
        "events": [
            {"event": "user", "text": "/greet", "timestamp": 1},
            {"event": "user", "text": "  the  boiler\nis out ", "timestamp": 2},
            {"event": "user", "text": "and the lights", "timestamp": 3},
        ]
    }
    start = start_of(tracker, datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert start.first_message == "the boiler is out"
    assert start.signals == () and start.postcode is None and start.vulnerable is None


def test_slots_that_are_not_answers_are_not_shown():
    tracker = {"events": [], "slots": {"home_postcode": "  ", "household_vulnerable": "not given"}}
    start = start_of(tracker, datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert start.postcode is None and start.vulnerable is None
