"""A reply to the survey is its answer, when the connector says a survey awaits one, nothing
else is going on, it is the first message since (or answers the question for a score), and it
is no danger or new report: bot/rasa/survey_policy.py."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.survey_policy import SURVEY_ANSWER, SurveyPolicy, takes_survey_answer
from bot.updates.surveys import AwaitedSurvey, as_metadata

ROOT = Path(__file__).resolve().parents[3]
ASKED = datetime(2026, 12, 7, 11, 0, tzinfo=timezone.utc)
BEFORE, AFTER = ASKED - timedelta(hours=3), ASKED + timedelta(minutes=20)


def _survey(number_asked=False):
    return as_metadata(AwaitedSurvey("REP-2026-ABCD2345", ASKED, ASKED + timedelta(days=3), number_asked))


def said(text, intent="inform", confidence=0.9, findings=(), at=AFTER, survey=True, number_asked=False):
    parse = {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
        "text": text,
        "triage": {"rules": list(findings)},
    }
    return UserUttered(
        text,
        parse["intent"],
        [],
        parse,
        timestamp=at.timestamp(),
        metadata=_survey(number_asked) if survey else {},
    )


def listen(at=AFTER):
    return ActionExecuted(ACTION_LISTEN_NAME, timestamp=at.timestamp())


def ran(action, at=AFTER):
    return ActionExecuted(action, timestamp=at.timestamp())


def tracker_of(*events):
    tracker = DialogueStateTracker("+447700900123", [])
    tracker.update(listen(BEFORE - timedelta(minutes=1)))
    for event in events:
        tracker.update(event)
    return tracker


LATER = AFTER + timedelta(minutes=2)

CONVERSATIONS = [
    # The first message since the survey, with a score or a comment: the answer.
    ("a score", [said("5")], True),
    ("a score and a comment", [said("4 - quick and tidy", "give_feedback")], True),
    ("still leaking", [said("1. still leaking", "report_repair_routine", 0.9, ["water_leak", "dissatisfied"])], True),
    ("a comment", [said("it was good thanks", "thank")], True),
    ("no thanks", [said("no thanks", "deny")], True),
    # After a greeting, still the first.
    ("hello first", [said("hi", "greet"), ran("utter_greet"), listen(), said("5", at=LATER)], True),
    # A conversation from before the survey does not count against it.
    (
        "talked before",
        [said("my tap drips", "report_repair_routine", at=BEFORE), ran("utter_x", BEFORE), listen(BEFORE), said("4")],
        True,
    ),
    # Asked for a score, the next message is the answer too...
    (
        "asked for a score",
        [
            said("it was good thanks", "thank"),
            ran(SURVEY_ANSWER),
            BotUttered("how would you score it?"),
            listen(),
            said("4", at=LATER, number_asked=True),
        ],
        True,
    ),
    # ...but not once the conversation has gone on to something else.
    (
        "gone on to a question",
        [
            said("when is my gas check", "ask_gas_safety_check"),
            ran("utter_ask_gas_safety_check"),
            listen(),
            said("5", at=LATER),
        ],
        False,
    ),
    (
        "gone on after the score was asked",
        [
            said("it was good thanks", "thank"),
            ran(SURVEY_ANSWER),
            listen(),
            said("how do i pay rent", "ask_rent_payment", at=LATER, number_asked=True),
            ran("utter_ask_rent_payment"),
            listen(),
            said("4", at=LATER + timedelta(minutes=1), number_asked=True),
        ],
        False,
    ),
    # No survey awaited (the connector said none): nothing to answer.
    ("no survey", [said("5", survey=False)], False),
    # Safety first: a danger or a new repair needing someone today is not swallowed.
    ("gas", [said("1 i can smell gas again", "report_gas_leak", 0.95, ["gas"])], False),
    ("urgent", [said("1 leaking water everywhere", "report_repair_urgent", 0.8, ["urgent_repair"])], False),
    ("a new repair", [said("my back door wont lock", "report_repair_routine", 0.9)], False),
    ("a question", [said("when are you coming to do the fence?", "ask_case_status", 0.8)], False),
    ("a person", [said("can i speak to someone", "request_human", 0.95)], False),
    # A form waiting for its answer owns the message.
    ("a form", [ActiveLoop("repair_form"), said("5")], False),
]


@pytest.mark.parametrize("name, events, taken", CONVERSATIONS, ids=[c[0] for c in CONVERSATIONS])
def test_a_message_is_the_survey_answer_only_when_it_is_one(name, events, taken):
    assert takes_survey_answer(tracker_of(*events)) is taken


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain"))


def _predicted(domain, tracker):
    context = ExecutionContext(GraphSchema({}), "test")
    policy = SurveyPolicy.load({}, LocalModelStorage(ROOT / "models"), Resource("survey_policy"), context)
    prediction = policy.predict_action_probabilities(tracker, domain)
    best = max(range(len(prediction.probabilities)), key=prediction.probabilities.__getitem__)
    if prediction.probabilities[best] == 0:
        return None, prediction
    return domain.action_names_or_texts[best], prediction


def test_the_policy_sends_the_answer_to_the_action_over_every_other_policy(domain):
    action, prediction = _predicted(domain, tracker_of(said("4 - quick and tidy", "give_feedback")))
    assert action == SURVEY_ANSWER
    assert prediction.is_no_user_prediction and prediction.policy_priority == 6


def test_after_the_action_the_assistant_listens(domain):
    tracker = tracker_of(said("5"), ran(SURVEY_ANSWER), BotUttered("Thank you"))
    assert _predicted(domain, tracker)[0] == ACTION_LISTEN_NAME


def test_otherwise_the_policy_predicts_nothing(domain):
    tracker = tracker_of(said("my back door wont lock", "report_repair_routine", survey=False))
    assert _predicted(domain, tracker)[0] is None
