"""TED gives, from memory, exactly what its network gives for the same dialogue states."""

import pytest
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa import ted_policy
from bot.rasa.ted_policy import RememberingTEDPolicy

DOMAIN = Domain.from_yaml(
    """
intents: [greet, report_repair, affirm]
responses:
  utter_greet: [{text: "Hello"}]
  utter_ask_location: [{text: "Which room?"}]
  utter_thanks: [{text: "Thanks"}]
"""
)
LISTEN = "action_listen"


def _turns(*turns):
    events = [ActionExecuted(LISTEN)]
    for intent, action in turns:
        events += [UserUttered(intent, {"name": intent}), ActionExecuted(action), ActionExecuted(LISTEN)]
    return events


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("ted"))
    made = RememberingTEDPolicy.create(
        {**RememberingTEDPolicy.get_default_config(), "epochs": 2, "random_seed": 1},
        storage,
        Resource("ted"),
        ExecutionContext(GraphSchema({}), "ted"),
    )
    stories = [
        _turns(("greet", "utter_greet"), ("report_repair", "utter_ask_location")),
        _turns(("report_repair", "utter_ask_location"), ("affirm", "utter_thanks")),
    ]
    made.train(
        [TrackerWithCachedStates.from_events(f"story-{i}", e, domain=DOMAIN) for i, e in enumerate(stories)], DOMAIN
    )
    return made


def _after(*intents):
    events = [ActionExecuted(LISTEN)]
    for intent in intents:
        events += [UserUttered(intent, {"name": intent}), ActionExecuted("utter_greet"), ActionExecuted(LISTEN)]
    return DialogueStateTracker.from_events("tenant", events[:-2], slots=DOMAIN.slots)


@pytest.mark.parametrize("intents", [("greet",), ("report_repair",), ("greet", "affirm"), ("greet", "report_repair")])
def test_a_remembered_prediction_is_what_the_network_gives(policy, intents):
    first = policy.predict_action_probabilities(_after(*intents), DOMAIN)
    again = policy.predict_action_probabilities(_after(*intents), DOMAIN)
    network = TEDPolicy.predict_action_probabilities(policy, _after(*intents), DOMAIN)
    assert first.probabilities == again.probabilities == network.probabilities
    assert again.policy_name == network.policy_name


def test_each_distinct_dialogue_is_remembered_once_and_the_oldest_forgotten(policy, monkeypatch):
    monkeypatch.setattr(ted_policy, "PREDICTIONS_REMEMBERED", 2)
    policy._remembered.clear()
    for intents in [("greet",), ("greet",), ("report_repair",), ("affirm",)]:
        policy.predict_action_probabilities(_after(*intents), DOMAIN)
    assert len(policy._remembered) == 2
    assert all("greet" not in key for key in policy._remembered)
