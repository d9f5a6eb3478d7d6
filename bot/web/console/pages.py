"""The console's pages: the Jinja2 templates in templates/ and the words and dates they show.

Plain server-rendered HTML: it works with any browser a contact centre has, with a screen
reader and keyboard alone. The one script, on a conversation page, only refreshes the
transcript, and the page works without it (reload to see new messages). Every page has a skip
link, one h1, labelled form fields and tables with headers (templates/base.html and macros.html).

What a page shows is worked out here and handed to the templates as filters and names, so that
the templates hold markup only and the JSON the conversation page refreshes from says the same.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any, Mapping, Optional

from jinja2 import Environment

from bot.cases import CaseStatus
from bot.handoff import HandoffStatus
from bot.web.console.records import KIND_LABELS, MAX_NOTE_CHARS
from bot.rasa.conversations import TranscriptLine
from bot.web.templating import template_environment

CSRF_FIELD = "csrf_token"
MAX_REPLY_CHARS = 1600  # one SMS concatenation's worth; longer replies are split on SMS anyway
SUMMARY_CHARS = 120

CHANNEL_LABELS = {"rest": "Web chat", "twilio": "SMS or WhatsApp", "facebook": "Messenger"}
SPEAKERS = {"tenant": "Tenant", "assistant": "Assistant", "staff": "Staff"}
STATUS_LABELS = {
    HandoffStatus.WAITING: "Waiting for a person",
    HandoffStatus.WITH_STAFF: "With staff",
    HandoffStatus.HANDED_BACK: "Handed back to the assistant",
    HandoffStatus.CLOSED: "Closed",
}


def local_time(moment: Optional[datetime], tz: tzinfo) -> str:
    """A stored moment as the landlord's wall clock, e.g. "Fri 27 Nov 2026, 16:00"."""
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime("%a %d %b %Y, %H:%M")


def due_text(moment: datetime, tz: tzinfo, whole_day: bool = False) -> str:
    """A promised date: a whole-day promise runs to the end of its day, so it shows the day only."""
    if whole_day:
        return moment.astimezone(tz).strftime("%a %d %b %Y (end of day)")
    return local_time(moment, tz)


def yes_no(value: Optional[bool]) -> str:
    """None means nobody asked or the tenant did not say; that is not the same as "No"."""
    return "Not known" if value is None else ("Yes" if value else "No")


def summary(text: str) -> str:
    """The start of what the tenant wrote, enough to recognise a case in a list."""
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "\u2026"


def detail_text(value: Any) -> str:
    """One value of an event's detail: text as it is, anything nested as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def web_address(url: str) -> bool:
    """Only a web address becomes a link: a `javascript:` or `data:` URL sent by a tenant stays text."""
    return url.lower().startswith(("https://", "http://"))


def waiting_for(since: datetime, now: datetime) -> str:
    """How long ago, in the words a queue is read in."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours < 24 else f"{hours // 24} d {hours % 24} h"


def speaker(line: TranscriptLine) -> str:
    """Who wrote a transcript line, with the member of staff's name for staff."""
    return SPEAKERS[line.speaker] + (f" ({line.author})" if line.author else "")


def case_url(urls: Mapping[str, str], reference: str) -> str:
    return f"{urls['index']}cases/{reference}"


def handoff_url(urls: Mapping[str, str], handoff_id: int) -> str:
    return f"{urls['handoffs']}/{handoff_id}"


def console_templates(tz: tzinfo) -> Environment:
    """The console's templates, showing every moment in the landlord's zone `tz`."""
    templates = template_environment("bot.web.console")
    templates.filters.update(
        local_time=lambda moment: local_time(moment, tz),
        due_text=lambda moment, whole_day=False: due_text(moment, tz, whole_day),
        yes_no=yes_no,
        summary=summary,
        detail_text=detail_text,
        speaker=speaker,
        channel=lambda channel: CHANNEL_LABELS.get(channel, channel),
        handoff_status=STATUS_LABELS.__getitem__,
    )
    templates.tests["web_address"] = web_address
    templates.globals.update(
        CSRF_FIELD=CSRF_FIELD,
        MAX_NOTE_CHARS=MAX_NOTE_CHARS,
        MAX_REPLY_CHARS=MAX_REPLY_CHARS,
        KIND_LABELS=KIND_LABELS,
        CaseStatus=CaseStatus,
        HandoffStatus=HandoffStatus,
        case_url=case_url,
        handoff_url=handoff_url,
        waiting_for=waiting_for,
    )
    return templates
