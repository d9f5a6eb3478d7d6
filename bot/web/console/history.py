"""A case's history as a housing officer reads it: when, who, what, in the landlord's words.

The event log keeps what happened as data (kinds, actors like "staff:alice", the charter's
dotted keys, ISO dates), because it is evidence for the Ombudsman and reports read it. The
page shows each event as a line of words instead of its JSON; an event kind this module does
not know yet still shows, with its details as "name: value".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.cases import CaseEvent
from bot.charter import Charter
from bot.updates import UpdateKind
from bot.web.console.queue import SIGNAL_LABELS

# What each update told the tenant, in a housing officer's words.
UPDATE_LABELS = {
    UpdateKind.VISIT_BOOKED: "Visit booked",
    UpdateKind.ON_THE_WAY: "Operative on the way",
    UpdateKind.COMPLETED: "Completed",
    UpdateKind.COMPLAINT_ACKNOWLEDGED: "Complaint acknowledged",
    UpdateKind.COMPLAINT_EXTENDED: "More time to respond",
    UpdateKind.COMPLAINT_RESPONSE_SENT: "Complaint response sent",
    UpdateKind.COMPLAINT_STAGE_MOVED: "Complaint at stage 2",
    UpdateKind.DUE_TOMORROW: "Reminder: due tomorrow",
    UpdateKind.OVERDUE: "Apology: date missed",
    UpdateKind.SURVEY: "How did we do? (survey)",
    UpdateKind.VISIT_REMINDER: "Reminder: visit tomorrow",
}
STATUS_WORDS = {"open": "open", "awaiting_decision": "awaiting a decision", "completed": "completed"}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    what: str
    notes: Tuple[str, ...] = ()


def who(actor: str) -> str:
    """ "staff:alice" as "alice (staff)"; the assistant and the tenant by name."""
    if actor.startswith("staff:"):
        return f"{actor[len('staff:') :]} (staff)"
    return {"assistant": "Assistant", "tenant": "Tenant"}.get(actor, actor)


def promise_name(charter: Charter, key: str) -> str:
    """A charter promise by its words ("Investigate and make safe"), not its key
    (awaabs_law.emergency_hazard); a key the charter no longer has stays as it was."""
    try:
        words = charter.promise(key).we_will
    except KeyError:
        return key
    return words[:1].upper() + words[1:]


def source_name(charter: Charter, source: str) -> str:
    """The document a promise comes from, by its title."""
    found = charter.sources.get(source)
    return found.title if found else source


def when_text(value: Any, tz: tzinfo) -> str:
    """A stored date: a day ("2026-12-08", a whole-day promise) as "end of Tue 08 Dec 2026",
    a moment in the landlord's zone to the minute; anything else as it is."""
    text = str(value)
    try:
        if len(text) == 10:
            return date.fromisoformat(text).strftime("end of %a %d %b %Y")
        return datetime.fromisoformat(text).astimezone(tz).strftime("%a %d %b %Y, %H:%M")
    except ValueError:
        return text


def _opened(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    classified = detail.get("classified") or {}
    notes: List[str] = []
    signals = classified.get("all_safety") or ([classified["safety"]] if classified.get("safety") else [])
    if signals:
        notes.append("Safety alarm: " + ", ".join(SIGNAL_LABELS.get(s, s) for s in signals))
    if classified.get("hate_incident"):
        notes.append("Hate incident")
    for deadline in (detail.get("deadlines") or {}).values():
        if isinstance(deadline, Mapping) and deadline.get("promise"):
            promised = promise_name(charter, str(deadline["promise"]))
            notes.append(f"Promised: {promised}, by {when_text(deadline.get('due'), tz)}")
    return "Case opened", tuple(notes)


def _status(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    before = STATUS_WORDS.get(str(detail.get("from")), str(detail.get("from")))
    after = STATUS_WORDS.get(str(detail.get("to")), str(detail.get("to")))
    note = detail.get("note")
    return f"Status changed from {before} to {after}", ((f"Note: {note}",) if note else ())


def _progress(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    return "Progress noted", (str(detail.get("note") or ""),)


def _viewed(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    return ("Viewed a photo sent with the case" if detail.get("photo") else "Viewed the case"), ()


def _attachment(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    count = int(detail.get("count") or 0)
    return f"{count} photo{'s' if count != 1 else ''} or file{'s' if count != 1 else ''} added", ()


def _stage(detail: Mapping[str, Any], charter: Charter, tz: tzinfo, verb: str) -> Tuple[str, Tuple[str, ...]]:
    notes = tuple(
        f"{name.replace('_at', '').replace('_', ' ').capitalize()}: {when_text(value, tz) if name.endswith(('_at', '_to')) else value}"
        for name, value in detail.items()
        if name != "stage" and value is not None
    )
    return f"Complaint stage {detail.get('stage')} {verb}", notes


def update_label(kind: UpdateKind) -> str:
    return UPDATE_LABELS.get(kind, kind.value.replace("_", " ").capitalize())


def _update(verb: str) -> Describer:
    """An update to the tenant, sent or not, with what the provider or the rules said."""

    def describe(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
        try:
            what = update_label(UpdateKind(detail.get("update")))
        except ValueError:
            what = str(detail.get("update"))
        said = detail.get("result") or detail.get("why")
        return f"Update to the tenant {verb}: {what}", ((str(said),) if said else ())

    return describe


def _survey(detail: Mapping[str, Any], charter: Charter, tz: tzinfo) -> Tuple[str, Tuple[str, ...]]:
    score, comment = detail.get("score"), detail.get("comment")
    what = f"Survey answered: {score} out of 5" if score is not None else "Survey answered without a score"
    return what, ((f"Comment: {comment}",) if comment else ())


Describer = Callable[[Mapping[str, Any], Charter, tzinfo], Tuple[str, Tuple[str, ...]]]

DESCRIBERS: Dict[str, Describer] = {
    "opened": _opened,
    "status_changed": _status,
    "progress_noted": _progress,
    "viewed_by_staff": _viewed,
    "attachment_added": _attachment,
    "complaint_stage_opened": lambda d, c, tz: _stage(d, c, tz, "opened"),
    "complaint_stage_updated": lambda d, c, tz: _stage(d, c, tz, "updated"),
    "update_sent": _update("sent"),
    "update_not_sent": _update("not sent"),
    "update_not_delivered": _update("not delivered"),
    "survey_answered": _survey,
    "tenant_added": lambda d, c, tz: ("The tenant added", (str(d.get("words") or ""),)),
}


def _unknown(kind: str, detail: Mapping[str, Any]) -> Tuple[str, Tuple[str, ...]]:
    return kind.replace("_", " ").capitalize(), tuple(f"{key}: {value}" for key, value in sorted(detail.items()))


def history_lines(events: Sequence[CaseEvent], charter: Charter, tz: tzinfo) -> List[HistoryLine]:
    """Every event, oldest first, as a line of words."""
    lines = []
    for event in events:
        describe: Optional[Describer] = DESCRIBERS.get(event.kind)
        what, notes = describe(event.detail, charter, tz) if describe else _unknown(event.kind, event.detail)
        lines.append(HistoryLine(event.at, who(event.actor), what, tuple(n for n in notes if n)))
    return lines


def safety_of(events: Sequence[CaseEvent]) -> Tuple[str, ...]:
    """The safety alarms the message that opened the case raised, in words."""
    opened = next((e for e in events if e.kind == "opened"), None)
    classified = (opened.detail.get("classified") or {}) if opened else {}
    signals = classified.get("all_safety") or ([classified["safety"]] if classified.get("safety") else [])
    return tuple(SIGNAL_LABELS.get(s, s) for s in signals)
