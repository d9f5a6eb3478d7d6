"""A conversation's past states carried on from the last turn are the states Rasa's replay from
the first event gives: at every point of every story we train on, for every way a policy asks."""

import logging
from pathlib import Path
from typing import List

import pytest
from rasa.shared.core import constants
from rasa.shared.core.domain import Domain
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import ActionExecuted, ActionReverted, UserUttered, UserUtteranceReverted
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from bot.rasa import past_states
from bot.rasa.server import apply_patches

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def stories():
    """Our domain and the event lists of every story, rule and test conversation."""
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"),
        str(ROOT / "domain"),
        [str(ROOT / "data" / "stories"), str(ROOT / "data" / "rules"), str(ROOT / "tests" / "stories")],
    )
    domain = importer.get_domain()
    generated = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate_story_trackers()
    conversations = [list(tracker.events) for tracker in generated if len(tracker.events) > 3]
    # and one long conversation: every story after another, as a tenant reporting all day; and
    # it again with turns a rule predicted (hidden from TED's states), as a served tracker has
    long = [event for events in conversations for event in events]
    return domain, conversations + [long, [_hidden_if_a_rules(event, at) for at, event in enumerate(long)]]


def _hidden_if_a_rules(event, at: int):
    if not isinstance(event, ActionExecuted) or event.action_name == constants.ACTION_LISTEN_NAME or at % 3:
        return event
    return ActionExecuted(event.action_name, action_text=event.action_text, hide_rule_turn=True)


def ways_of_asking(domain: Domain):
    """What the policies pass: plain (RulePolicy, memoization), and ignoring rule-only turns with
    and without rule-only slots and forms (TED)."""
    rule_only = {
        constants.RULE_ONLY_SLOTS: [slot.name for slot in domain.slots[:3]],
        constants.RULE_ONLY_LOOPS: list(domain.form_names[:1]),
    }
    return [
        dict(omit_unset_slots=False, ignore_rule_only_turns=False, rule_only_data=None),
        dict(omit_unset_slots=True, ignore_rule_only_turns=False, rule_only_data=None),
        dict(omit_unset_slots=False, ignore_rule_only_turns=True, rule_only_data=None),
        dict(omit_unset_slots=False, ignore_rule_only_turns=True, rule_only_data=rule_only),
    ]


def _grown(domain: Domain, events: List, sender: str):
    """One tracker growing event by event, as a conversation's tracker does between turns."""
    tracker = DialogueStateTracker(sender, domain.slots)
    for event in events:
        tracker.update(event)
        yield tracker


def test_the_server_entry_point_applies_it():
    apply_patches()
    assert Domain.states_for_tracker_history is past_states.states_for_tracker_history
    assert DialogueStateTracker.applied_events is past_states.applied_events
    assert RulePolicy.format_tracker_states is past_states.format_tracker_states


def test_every_point_of_every_story_gives_rasas_states(stories):
    domain, conversations = stories
    assert len(conversations) > 15, "the stories were not read"
    compared = 0
    for number, events in enumerate(conversations):
        for tracker in _grown(domain, events, f"story-{number}"):
            for asking in ways_of_asking(domain):
                assert past_states.states_for_tracker_history(domain, tracker, **asking) == (
                    past_states.ORIGINAL_STATES(domain, tracker, **asking)
                ), (number, len(tracker.events), asking)
                compared += 1
    assert compared > 2000


def test_a_rewound_turn_is_replayed_from_the_start(stories):
    """A reverted message removes applied events: the kept replay no longer fits."""
    domain, conversations = stories
    events = max(conversations, key=len)
    tracker = DialogueStateTracker("rewound", domain.slots)
    for event in events:
        tracker.update(event)
    before = past_states.states_for_tracker_history(domain, tracker)
    tracker.update(UserUtteranceReverted())
    after = past_states.states_for_tracker_history(domain, tracker)
    assert after == past_states.ORIGINAL_STATES(domain, tracker)
    assert after != before
    tracker.update(UserUttered("again", {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    assert past_states.states_for_tracker_history(domain, tracker) == past_states.ORIGINAL_STATES(domain, tracker)


def test_an_earlier_point_of_the_conversation_leaves_the_replay_where_it_was(stories):
    """A policy looking back (a tracker of the conversation's first events) is answered by
    Rasa's replay, and the next turn still carries on from the kept one."""
    domain, conversations = stories
    events = max(conversations, key=len)
    tracker = DialogueStateTracker.from_events("looking-back", events, domain.slots)
    past_states.states_for_tracker_history(domain, tracker)
    applied = past_states.ORIGINAL_APPLIED_EVENTS(tracker)
    # A point about half way whose applied events are the start of the whole conversation's:
    # mid-form, Rasa folds a form's later runs into its earlier ones, and such a point is not
    # an earlier point of the same replay (it is replayed afresh, which another test checks).
    earlier = next(
        candidate
        for cut in range(len(events) // 2, 0, -1)
        for candidate in [DialogueStateTracker.from_events("looking-back", list(tracker.events)[:cut], domain.slots)]
        if past_states._begins_with(applied, past_states.ORIGINAL_APPLIED_EVENTS(candidate))
    )
    assert past_states.states_for_tracker_history(domain, earlier) == past_states.ORIGINAL_STATES(domain, earlier)
    kept = past_states._replays[next(reversed(past_states._replays))]
    assert len(kept.events) == len(tracker.applied_events())


def test_callers_editing_the_states_change_nothing_kept(stories):
    """Rasa's featurizers delete parts of the last state in place."""
    domain, conversations = stories
    tracker = DialogueStateTracker.from_events("edited", max(conversations, key=len), domain.slots)
    first = past_states.states_for_tracker_history(domain, tracker)
    for state in first:
        state.clear()
    assert past_states.states_for_tracker_history(domain, tracker) == past_states.ORIGINAL_STATES(domain, tracker)


def _with_rewinds(events: List):
    """The story with a tenant's message taken back, and an action undone, now and then."""
    for at, event in enumerate(events):
        yield event
        if at % 11 == 5:
            yield UserUtteranceReverted()
        elif at % 13 == 7:
            yield ActionReverted()


def test_applied_events_are_rasas_after_each_new_event(stories):
    domain, conversations = stories
    for number, events in enumerate(conversations):
        for variant in (events, list(_with_rewinds(events))):
            for tracker in _grown(domain, variant, f"applied-{number}"):
                assert past_states.applied_events(tracker) == past_states.ORIGINAL_APPLIED_EVENTS(tracker)
                assert past_states.states_for_tracker_history(domain, tracker) == past_states.ORIGINAL_STATES(
                    domain, tracker
                )


def test_rule_policys_debug_line_is_written_only_for_a_debug_log():
    states = [{"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}]
    logger = logging.getLogger(RulePolicy.__module__)
    level = logger.level
    try:
        logger.setLevel(logging.INFO)
        assert past_states.format_tracker_states(states) == ""
        logger.setLevel(logging.DEBUG)
        assert "greet" in past_states.format_tracker_states(states)
    finally:
        logger.setLevel(level)
