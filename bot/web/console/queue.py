"""What the handoff queue shows of each conversation, so an officer can pick the right one
without opening them all: what the tenant wrote first, which alarm went off and how urgent it
is, the postcode and vulnerability if known, how long they have waited, and the case if one was
opened.

The handoff record says only why a person was asked for ("safety"); which safety signal, what
the tenant wrote and the slots they filled are in Rasa's tracker, the one record of what was
said, and the case store has the cases the conversation opened. Both are read here; neither
is copied into the handoff, so nothing a tenant wrote is kept twice. When Rasa cannot be
reached the row still shows what the case store knows.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.cases import CaseStore, normalise_postcode
from bot.handoff import Handoff, HandoffReason
from bot.rasa import events as rasa_events
from bot.rasa.conversations import Conversations, ConversationsUnavailable
from bot.taxonomy import SIGNAL_OF_INTENT as TAXONOMY_SIGNAL_OF_INTENT
from bot.taxonomy import SafetySignal
from bot.web.console.records import ConversationCase, cases_of_conversations

# How far before a handoff a case still belongs to it: the report it came with, not an SMS
# number's repair of last spring.
CASES_BEFORE_HANDOFF = timedelta(days=1)

# The safety table's rows by the values a message's triage writes, in SafetySignal's order, and
# the intents a button payload carries for each (bot.taxonomy: no spaCy or TensorFlow in the
# web server, which importing bot.triage would load).
SIGNAL_LABELS: Dict[str, str] = {
    SafetySignal.GAS.value: "Gas or carbon monoxide",
    SafetySignal.FIRE_OR_DANGER.value: "Fire or danger to life",
    SafetySignal.DOMESTIC_ABUSE.value: "Domestic abuse",
    SafetySignal.SELF_HARM.value: "Suicide or self-harm",
}
SIGNAL_OF_INTENT: Dict[str, str] = {intent: signal.value for intent, signal in TAXONOMY_SIGNAL_OF_INTENT.items()}
DOMESTIC_ABUSE = SafetySignal.DOMESTIC_ABUSE.value

REASON_LABELS: Dict[HandoffReason, str] = {
    HandoffReason.SAFETY: "Safety alarm",
    HandoffReason.DOMESTIC_ABUSE: "Domestic abuse",
    HandoffReason.OUT_OF_HOURS_EMERGENCY: "Emergency repair out of hours",
    HandoffReason.OLD_COMPLAINT: "Old complaint: a manager decides",
    HandoffReason.NOT_UNDERSTOOD: "Assistant did not understand",
    HandoffReason.ASKED: "Asked for a person",
}

# The urgency an officer acts on, in words (and a tag class for the stylesheet): the queue's
# own order, HandoffReason.urgency, grouped as a person reads it.
URGENCY: Dict[HandoffReason, Tuple[str, str]] = {
    HandoffReason.SAFETY: ("Immediate", "urgent"),
    HandoffReason.DOMESTIC_ABUSE: ("Immediate", "urgent"),
    HandoffReason.OUT_OF_HOURS_EMERGENCY: ("Emergency", "urgent"),
    HandoffReason.OLD_COMPLAINT: ("Manager decision", "neutral"),
    HandoffReason.NOT_UNDERSTOOD: ("Routine", "neutral"),
    HandoffReason.ASKED: ("Routine", "neutral"),
}


@dataclass(frozen=True)
class ConversationStart:
    """What the tracker tells of the episode handed over: the tenant's first words, the safety
    signals any of their messages raised, and the postcode and vulnerability slots."""

    first_message: str = ""
    signals: Tuple[str, ...] = ()
    postcode: Optional[str] = None
    vulnerable: Optional[bool] = None


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, everything in it ready to show (the template escapes it)."""

    handoff: Handoff
    first_message: Optional[str]  # None: the transcript could not be read
    alarms: Tuple[str, ...]
    urgency: str
    urgency_tag: str
    postcode: Optional[str]
    vulnerable: Optional[bool]
    cases: Tuple[ConversationCase, ...]


def _episode(events: Sequence[rasa_events.Event], before: datetime) -> List[rasa_events.Event]:
    """The events of the session the handoff was asked for in: from the last session start
    before it. An SMS or WhatsApp conversation is a phone number that lasts for years."""
    cutoff = before.timestamp()
    starts = [i for i, e in enumerate(events) if e.kind == "session_started" and e.timestamp <= cutoff]
    return list(events[starts[-1] :]) if starts else list(events)


def _signals(messages: Sequence[rasa_events.Event]) -> Tuple[str, ...]:
    """Every safety signal the tenant's messages raised, in the safety table's order; a button
    payload ("/report_gas_leak") skips the rules, so its intent counts too."""
    found = set()
    for message in messages:
        found.update(message.triage.get("all_safety") or [])
        found.add(SIGNAL_OF_INTENT.get(message.intent or ""))
    return tuple(signal for signal in SIGNAL_LABELS if signal in found)


def start_of(tracker: Mapping[str, Any], requested_at: datetime) -> ConversationStart:
    """How the episode handed over at `requested_at` began, from a tracker as Rasa's API gives it."""
    episode = _episode(rasa_events.read(tracker.get("events") or []), requested_at)
    said = [e for e in episode if e.from_tenant]
    words = next((e.text for e in said if e.text.strip() and not e.typed_command), "")
    slots = tracker.get("slots") or {}
    postcode = slots.get("home_postcode")
    vulnerable = slots.get("household_vulnerable")
    return ConversationStart(
        first_message=" ".join(words.split()),
        signals=_signals(said),
        postcode=normalise_postcode(postcode) if isinstance(postcode, str) and postcode.strip() else None,
        vulnerable=vulnerable if isinstance(vulnerable, bool) else None,
    )


def alarms_of(handoff: Handoff, start: Optional[ConversationStart]) -> Tuple[str, ...]:
    """Which alarm, in words: the safety signals the tenant's messages raised, or the reason the
    conversation was handed over when none did (or the tracker could not be read)."""
    signals = list(start.signals) if start else []
    if handoff.reason is HandoffReason.DOMESTIC_ABUSE and DOMESTIC_ABUSE not in signals:
        signals.append(DOMESTIC_ABUSE)
    if signals:
        return tuple(SIGNAL_LABELS[signal] for signal in signals)
    return (REASON_LABELS[handoff.reason],)


def row_of(handoff: Handoff, start: Optional[ConversationStart], cases: Sequence[ConversationCase]) -> QueueRow:
    """One queue line from the handoff, what the tracker told (None: unreachable) and the cases
    the conversation opened, newest first; a case's postcode and vulnerability are what the
    tenant confirmed, so they come before the slots'."""
    urgency, tag = URGENCY[handoff.reason]
    postcode = next((c.postcode for c in cases if c.postcode), None) or (start.postcode if start else None)
    vulnerable = next((c.vulnerable_household for c in cases if c.vulnerable_household is not None), None)
    if vulnerable is None and start is not None:
        vulnerable = start.vulnerable
    return QueueRow(
        handoff=handoff,
        first_message=start.first_message if start else None,
        alarms=alarms_of(handoff, start),
        urgency=urgency,
        urgency_tag=tag,
        postcode=postcode,
        vulnerable=vulnerable,
        cases=tuple(cases),
    )


async def _start(conversations: Conversations, handoff: Handoff) -> Optional[ConversationStart]:
    try:
        return start_of(await conversations.tracker(handoff.conversation_id), handoff.requested_at)
    except ConversationsUnavailable:
        return None


async def queue_rows(
    handoffs: Sequence[Handoff], conversations: Conversations, store: CaseStore, visible_case: Any
) -> List[QueueRow]:
    """The rows of the queue, in the queue's order. The trackers are read at once, not one after
    another, so a queue of twenty waits for the slowest read, not for their sum. `visible_case`
    says whether this member of staff may see a case of a kind: another team's case is not
    linked (a safety handoff's domestic abuse case, for the contact centre)."""
    starts = await asyncio.gather(*(_start(conversations, h) for h in handoffs))
    since = min((h.requested_at for h in handoffs), default=None)
    found = (
        cases_of_conversations(store, (h.conversation_id for h in handoffs), since - CASES_BEFORE_HANDOFF)
        if since
        else {}
    )
    rows = []
    for handoff, start in zip(handoffs, starts):
        earliest = handoff.requested_at - CASES_BEFORE_HANDOFF
        cases = [c for c in found.get(handoff.conversation_id, []) if c.opened_at >= earliest and visible_case(c.kind)]
        rows.append(row_of(handoff, start, cases))
    return rows
