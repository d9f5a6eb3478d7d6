"""A conversation's past states, carried on from the last turn instead of rebuilt from its first
event: a tenant's hundredth message costs what their first did.

Every policy, for every action it predicts, asks for the dialogue's states (`Domain.
states_for_tracker_history`), and Rasa answers by replaying the whole conversation into a new
tracker, one event at a time, and computing a state before every action. A profile of a 320
message conversation (bench/README.md) put three fifths of the Rasa server's time there, and
the turn's latency grew with the conversation: 38 ms at the start of a 200 message conversation,
130 ms at its end.

A state depends only on the events before it, so the states of a conversation's first events do
not change when events are added. Here, per conversation and per way of asking (the arguments
the policies pass), the replay is kept where it stopped: the replayed tracker, the states so far
and the two variables Rasa's loop carries. The next call replays only the events added since.
The kept replay is used only when the tracker's applied events begin with the very event objects
it replayed (a rewound or reverted turn, another model's domain or a conversation read afresh
from the database fails that and is replayed from the start, as Rasa does). Callers get copies
of the states: Rasa's featurizers edit the last one in place.

`DialogueStateTracker.applied_events` (which drops reverted and rewound events, and is asked for
by each policy too) is kept on the tracker and carried on as events are added; an event that may
change what went before (a restart, a reverted turn, a form's run) has it worked out afresh.
RulePolicy's debug line, every state of the conversation written out on every prediction, is
written only when debug logging is on. With these, in a 400 message conversation one tenant at
a time, the twentieth to fortieth messages took 9 to 10 ms and the last twenty 22 ms (p50).

Applied by our server entry point (bot.rasa.server.apply_patches); idempotent; on a Rasa other
than the one it was written for it does nothing (tests/bot/rasa/test_past_states.py fails).
"""

from __future__ import annotations

import itertools
import logging
import operator
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set, Text, Tuple

import rasa
from rasa.shared.core import constants
from rasa.shared.core.domain import Domain, State, SubState
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

WRITTEN_FOR = "3.6."
# Conversations whose replay is kept (each way of asking counts once); least recently used
# forgotten first. A replay holds references to the conversation's events and a state per turn.
REPLAYS_KEPT = 4000

ORIGINAL_STATES = Domain.states_for_tracker_history
ORIGINAL_APPLIED_EVENTS = DialogueStateTracker.applied_events


@dataclass
class _Replay:
    """Rasa's loop in `states_for_tracker_history`, stopped after `events` were applied to
    `tracker`: the states of every action among them, and the loop's two variables."""

    domain: "weakref.ref[Domain]"
    tracker: DialogueStateTracker
    events: List[Event] = field(default_factory=list)
    states: List[State] = field(default_factory=list)
    last_ml_action_sub_state: Optional[SubState] = None
    turn_was_hidden: bool = False

    def step(
        self, domain: Domain, hide_rule_turn: bool, omit_unset_slots: bool, rule_only_data: Optional[Dict[Text, Any]]
    ) -> None:
        """One pass of Rasa's loop, on the tracker as it is now (Rasa 3.6's own code, in order)."""
        tracker = self.tracker
        if rule_only_data is not _NOT_IGNORING:
            if not self.turn_was_hidden:
                self.last_ml_action_sub_state = domain._get_prev_action_sub_state(tracker)
            if not tracker.followup_action and not tracker.latest_action_name == tracker.active_loop_name:
                self.turn_was_hidden = hide_rule_turn
            if self.turn_was_hidden:
                return
        state = domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots)
        if rule_only_data is not _NOT_IGNORING:
            domain._remove_rule_only_features(state, rule_only_data)
            if self.states:
                domain._substitute_rule_only_user_input(state, self.states[-1])
            if self.last_ml_action_sub_state:
                state[constants.PREVIOUS_ACTION] = self.last_ml_action_sub_state
        self.states.append(domain._clean_state(state))

    def carry_on(
        self,
        domain: Domain,
        events: List[Event],
        omit_unset_slots: bool,
        rule_only_data: Optional[Dict[Text, Any]],
    ) -> None:
        for event in events[len(self.events) :]:
            if isinstance(event, ActionExecuted):
                self.step(domain, event.hide_rule_turn, omit_unset_slots, rule_only_data)
            self.tracker.update(event)
            self.events.append(event)

    def finished(
        self, domain: Domain, omit_unset_slots: bool, rule_only_data: Optional[Dict[Text, Any]]
    ) -> List[State]:
        """The states with the last one, after every event: computed on a copy of the loop's
        variables, since the next turn carries on from before it."""
        end = _Replay(
            self.domain,
            self.tracker,
            self.events,
            list(self.states),
            self.last_ml_action_sub_state,
            self.turn_was_hidden,
        )
        end.step(domain, False, omit_unset_slots, rule_only_data)
        return [_copy(state) for state in end.states]


# Stands for "not ignoring rule-only turns" in `step`, where None is a valid rule_only_data.
_NOT_IGNORING: Dict[Text, Any] = {}
_replays: "OrderedDict[Tuple[Any, ...], _Replay]" = OrderedDict()


def _copy(state: State) -> State:
    """What callers may change: Rasa's featurizers delete from a state's user part in place
    (`_choose_last_user_input`, `_remove_user_text_if_intent`), and nothing else of a state."""
    copied = dict(state)
    if constants.USER in copied:
        copied[constants.USER] = dict(copied[constants.USER])  # type: ignore[arg-type]
    return copied


def _begins_with(events: List[Event], prefix: List[Event]) -> bool:
    return len(events) >= len(prefix) and all(map(operator.is_, prefix, events))


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[Text, Any]] = None,
) -> List[State]:
    rule_only = rule_only_data if ignore_rule_only_turns else _NOT_IGNORING
    key = (id(self), tracker.sender_id, omit_unset_slots, ignore_rule_only_turns, repr(rule_only_data))
    events = tracker.applied_events()
    replay = _replays.get(key)
    if replay is not None and replay.domain() is not self:
        replay = None  # a model loaded since, whose domain has the address of the old one
    if replay is not None and not _begins_with(events, replay.events):
        if _begins_with(replay.events, events):
            # An earlier point of the same conversation (a policy looking back): the kept replay
            # is further on, and stays for the turn's next question.
            return ORIGINAL_STATES(self, tracker, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        replay = None
    if replay is None:
        replay = _Replay(weakref.ref(self), tracker.init_copy())
    _replays[key] = replay
    _replays.move_to_end(key)
    while len(_replays) > REPLAYS_KEPT:
        _replays.popitem(last=False)
    replay.carry_on(self, events, omit_unset_slots, rule_only)
    return replay.finished(self, omit_unset_slots, rule_only)


@dataclass
class _Applied:
    """A tracker's applied events when it had `count` events, the first and last of them, and
    the names of the forms it had run (which decide how a later run of a form is applied)."""

    count: int
    first: Optional[Event]
    last: Optional[Event]
    events: List[Event]
    loop_names: Set[str]


# Events that change what went before them in Rasa's `applied_events`: after one of these the
# applied events are worked out from the start again.
_REWINDING = (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted, ActiveLoop)


def _applied_from_start(tracker: DialogueStateTracker) -> _Applied:
    events = tracker.events
    loop_names = {event.name for event in events if isinstance(event, ActiveLoop) and event.name}
    return _Applied(
        len(events),
        events[0] if events else None,
        events[-1] if events else None,
        ORIGINAL_APPLIED_EVENTS(tracker),
        loop_names,
    )


def _carried_on(kept: _Applied, tracker: DialogueStateTracker) -> Optional[_Applied]:
    """The kept applied events with the events added since, when those events only add: none
    rewinds, and none is a run of a form (which Rasa may fold into the form's earlier runs)."""
    events = tracker.events
    if len(events) < kept.count or kept.count == 0 or events[0] is not kept.first:
        return None
    if events[kept.count - 1] is not kept.last:
        return None
    added = list(itertools.islice(events, kept.count, None))
    for event in added:
        if isinstance(event, _REWINDING) or (
            isinstance(event, ActionExecuted) and event.action_name in kept.loop_names
        ):
            return None
    return _Applied(len(events), kept.first, events[-1] if events else None, kept.events + added, kept.loop_names)


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Rasa's applied events, carried on from the last time they were asked for while events
    are only added (bounded trackers, whose first events are dropped, are worked out afresh)."""
    kept = self.__dict__.get("_applied_events_kept")
    if kept is None or kept.count != len(self.events) or (self.events and self.events[-1] is not kept.last):
        carried = _carried_on(kept, self) if kept is not None else None
        kept = carried if carried is not None else _applied_from_start(self)
        self.__dict__["_applied_events_kept"] = kept
    return list(kept.events)


def format_tracker_states(states: List[Dict]) -> Text:
    """RulePolicy writes out every state of the conversation for its debug log on every
    prediction, whether or not debug logging is on: only when it is, here."""
    if logging.getLogger(RulePolicy.__module__).isEnabledFor(logging.DEBUG):
        return Policy.format_tracker_states(states)
    return ""


def apply() -> None:
    if not rasa.__version__.startswith(WRITTEN_FOR):
        return
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[assignment]
    DialogueStateTracker.applied_events = applied_events  # type: ignore[assignment]
    RulePolicy.format_tracker_states = staticmethod(format_tracker_states)  # type: ignore[assignment]
