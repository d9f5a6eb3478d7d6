"""A typed view of Rasa's tracker events, read in one place.

Rasa hands the action server and the HTTP API its events as JSON dicts: `{"event": "user",
"text": ..., "parse_data": {"intent": {"name": ...}, "triage": {...}}}`. Everything that asks
what the tenant said during a report, what the assistant said last or what ran since the tenant
spoke reads them through `Event`, so the dict shapes (and the action names that mark a logged
report) are known here and nowhere else. It imports no Rasa: the events are plain JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Collection, Dict, List, Mapping, Optional, Sequence

from bot.taxonomy import Category

# The actions that log a report: what the tenant said before one belongs to that report.
SUBMIT_PREFIX = "action_submit_"
ASB_LOGGED = "action_submit_asb_report"
COMPLAINT_LOGGED = "action_submit_complaint"
# What Rasa runs around every turn, which says nothing about the conversation.
BOOKKEEPING = frozenset({"action_listen", "action_extract_slots"})

RawEvents = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class Event:
    """One tracker event: a tenant's message ("user"), the assistant's ("bot"), an action run
    ("action"), or anything else Rasa records (slots, pauses), with only the fields we read."""

    kind: str
    text: str = ""
    name: Optional[str] = None  # the action's name
    intent: Optional[str] = None
    triage: Mapping[str, Any] = field(default_factory=dict)
    metadata: Mapping[str, Any] = field(default_factory=dict)
    message_id: Optional[str] = None
    timestamp: float = 0.0

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> "Event":
        parsed = raw.get("parse_data") or {}
        text = raw.get("text")
        return cls(
            kind=str(raw.get("event") or ""),
            text=text if isinstance(text, str) else "",
            name=raw.get("name"),
            intent=(parsed.get("intent") or {}).get("name"),
            triage=parsed.get("triage") or {},
            metadata=raw.get("metadata") or {},
            message_id=raw.get("message_id"),
            timestamp=float(raw.get("timestamp") or 0),
        )

    @property
    def from_tenant(self) -> bool:
        return self.kind == "user"

    @property
    def typed_command(self) -> bool:
        """A button payload or Rasa command ("/affirm"), not words."""
        return self.text.startswith("/")

    def ran(self, *names: str) -> bool:
        return self.kind == "action" and self.name in names

    def logs_a_report(self) -> bool:
        return self.kind == "action" and str(self.name or "").startswith(SUBMIT_PREFIX)


def read(events: RawEvents) -> List[Event]:
    return [Event.of(raw) for raw in events]


def since_report_logged(events: RawEvents, logged_by: Optional[str] = None) -> List[Event]:
    """The tenant's messages since the last report was logged (by `logged_by` only, when named),
    oldest first: the messages of the report now in hand."""
    said: List[Event] = []
    for event in reversed(read(events)):
        if event.ran(logged_by) if logged_by else event.logs_a_report():
            break
        if event.from_tenant:
            said.append(event)
    return list(reversed(said))


def report_messages(events: RawEvents) -> List[str]:
    """Every message the tenant wrote during the report now being logged, in words, oldest
    first: kept with the case, so nothing said along the way (a threat added later, the outcome
    wanted, a note on getting in) is lost, whatever question it answered or did not."""
    return [m.text for m in since_report_logged(events) if m.text.strip() and not m.typed_command]


def classification_of_report(events: RawEvents, category: Category) -> Dict[str, Any]:
    """What the assistant made of the message that started a report, for the case's event log:
    the newest message whose triage put it in `category`, with the model that parsed it."""
    for event in reversed(read(events)):
        if event.from_tenant and event.triage.get("category") == category.value:
            return {**event.triage, "model_id": event.metadata.get("model_id"), "message_id": event.message_id}
    return {}


def bot_words_before_this_message(events: RawEvents) -> List[str]:
    """What the assistant said between the tenant's newest message and the one before it."""
    tenant_messages = 0
    said: List[str] = []
    for event in reversed(read(events)):
        if event.from_tenant:
            tenant_messages += 1
            if tenant_messages == 2:
                break
        elif tenant_messages == 1 and event.kind == "bot" and event.text:
            said.append(event.text)
    return said[::-1]


def last_bot_words(events: RawEvents) -> str:
    """What the assistant said last."""
    return next((e.text for e in reversed(read(events)) if e.kind == "bot"), "")


def latest_from_tenant(events: RawEvents, *intents: str, safety: Optional[str] = None) -> Optional[Event]:
    """The tenant's newest message read as one of `intents`, or flagged with the `safety` signal."""
    for event in reversed(read(events)):
        if event.from_tenant and (
            event.intent in intents or (safety and safety in (event.triage.get("all_safety") or []))
        ):
            return event
    return None


def ran_since_tenant_spoke(events: RawEvents, ignoring: Collection[str] = ()) -> Optional[bool]:
    """Whether an action other than `ignoring` (and Rasa's bookkeeping) has run since the
    tenant's latest message; None when the tenant has not spoken."""
    for event in reversed(read(events)):
        if event.from_tenant:
            return False
        if event.kind == "action" and event.name not in BOOKKEEPING and event.name not in ignoring:
            return True
    return None
