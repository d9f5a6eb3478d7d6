"""Reading Rasa's events: which messages belong to the report in hand, and what was said last."""

import pytest

from bot.rasa import events as rasa_events
from bot.taxonomy import Category


def _user(text, intent="inform", **triage):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "triage": triage}}


def _ran(name):
    return {"event": "action", "name": name}


@pytest.mark.parametrize(
    "events, logged_by, texts",
    [
        # Everything since the last report was logged, oldest first.
        (
            [_user("fed up, nobody came"), _ran("action_submit_repair"), _user("my tap drips"), _user("kitchen")],
            None,
            ["my tap drips", "kitchen"],
        ),
        ([_user("a"), _ran("asb_form"), _user("b")], None, ["a", "b"]),
        # Only a report of the kind named ends it.
        (
            [_user("nobody came again"), _ran("action_submit_repair"), _user("i want to complain")],
            rasa_events.COMPLAINT_LOGGED,
            ["nobody came again", "i want to complain"],
        ),
        (
            [_user("nobody came again"), _ran("action_submit_complaint"), _user("i want to complain")],
            rasa_events.COMPLAINT_LOGGED,
            ["i want to complain"],
        ),
        ([], None, []),
    ],
)
def test_the_messages_of_the_report_in_hand(events, logged_by, texts):
    assert [m.text for m in rasa_events.since_report_logged(events, logged_by)] == texts


@pytest.mark.parametrize(
    "events, flagged",
    [
        ([_user("x", hate_incident=True), _ran("asb_form"), _user("y", hate_incident=False)], True),
        ([_user("x", hate_incident=False), _user("y", hate_incident=True)], True),
        ([_user("x", hate_incident=True), _ran("action_submit_asb_report"), _user("y", hate_incident=False)], False),
    ],
)
def test_a_flag_counts_for_the_report_it_was_part_of(events, flagged):
    since = rasa_events.since_report_logged(events, rasa_events.ASB_LOGGED)
    assert any(m.triage.get("hate_incident") for m in since) is flagged


def test_the_report_keeps_words_not_button_presses():
    events = [_user("my tap drips"), _user("/affirm", "affirm"), _user("  "), _user("kitchen")]
    assert rasa_events.report_messages(events) == ["my tap drips", "kitchen"]


def test_the_classification_is_the_newest_message_read_as_that_category():
    events = [
        {
            **_user("boiler broken", category="repair", intent="report_repair_urgent"),
            "message_id": "m1",
            "metadata": {"model_id": "abc"},
        },
        _user("kitchen", category="other"),
    ]
    found = rasa_events.classification_of_report(events, Category.REPAIR)
    assert found["model_id"] == "abc" and found["message_id"] == "m1" and found["category"] == "repair"
    assert rasa_events.classification_of_report(events, Category.ASB) == {}


@pytest.mark.parametrize(
    "events, ignoring, ran",
    [
        ([_user("hi"), _ran("action_listen"), _ran("action_extract_slots")], (), False),
        ([_user("hi"), _ran("action_safety_first")], (), True),
        ([_user("hi"), _ran("repair_form")], ("repair_form",), False),
        ([_ran("action_listen")], (), None),
    ],
)
def test_what_ran_since_the_tenant_spoke(events, ignoring, ran):
    assert rasa_events.ran_since_tenant_spoke(events, ignoring) is ran


def test_the_last_words_and_the_latest_message_of_a_kind():
    events = [
        {"event": "bot", "text": "Is there anything else?"},
        _user("my ex hit me", "report_domestic_abuse"),
        {"event": "bot", "text": "Call 0808 2000 247"},
        _user("no", "deny"),
    ]
    assert rasa_events.last_bot_words(events) == "Call 0808 2000 247"
    assert rasa_events.latest_from_tenant(events, "report_domestic_abuse").text == "my ex hit me"
    assert rasa_events.latest_from_tenant(events, "greet") is None


def test_what_was_said_between_the_tenants_last_two_messages():
    events = [
        _user("tap dripping"),
        {"event": "bot", "text": "Where is it?"},
        _user("kitchen"),
        {"event": "bot", "text": "I've logged your repair. Your reference is REP-2026-KX7Q4MTD."},
        {"event": "bot", "text": "When can we come?"},
        _ran("action_listen"),
        _user("will they ring first"),
        _ran("action_extract_slots"),
    ]
    assert rasa_events.bot_words_before_this_message(events) == [
        "I've logged your repair. Your reference is REP-2026-KX7Q4MTD.",
        "When can we come?",
    ]
    assert rasa_events.bot_words_before_this_message([_user("hello")]) == []
