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
from typing import Any, Mapping, Optional, Tuple

from jinja2 import Environment

from bot.cases import CaseKind, CaseStatus
from bot.cases.labels import CATEGORY_LABELS, category_label  # noqa: F401 - the pages' names for them
from bot.handoff import HandoffStatus
from bot.updates import UpdateStatus
from bot.web.console.records import EMERGENCY_CATEGORIES, KIND_LABELS, MAX_NOTE_CHARS, MAX_REASON_CHARS
from bot.rasa.conversations import TranscriptLine
from bot.charter import Charter
from bot.report.text import format_rate, format_share
from bot.web.console.history import promise_name, source_name, update_label
from bot.web.console.queue import REASON_LABELS
from bot.web.photos import type_named
from bot.web.templating import template_environment

CSRF_FIELD = "csrf_token"
MAX_REPLY_CHARS = 1600  # one SMS concatenation's worth; longer replies are split on SMS anyway
SUMMARY_CHARS = 120

CHANNEL_LABELS = {"rest": "Web chat", "twilio": "SMS or WhatsApp", "facebook": "Messenger"}
# Where each update to the tenant stands, as a tag.
UPDATE_STATUS_TAGS = {
    UpdateStatus.PENDING: ("Waiting to send", "due"),
    UpdateStatus.SENT: ("Sent", "done"),
    UpdateStatus.IN_CHAT: ("Waiting in the web chat", "due"),
    UpdateStatus.SHOWN: ("Shown in the web chat", "done"),
    UpdateStatus.FAILED: ("Not delivered", "urgent"),
    UpdateStatus.NOT_SENT: ("Not sent", "warning"),
}
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
        return moment.astimezone(tz).strftime("by end of %a %d %b %Y")
    return local_time(moment, tz)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def short_date(moment: datetime, now: datetime) -> str:
    """ "9 Dec", with the year only when it is not this year's."""
    text = f"{moment.day} {moment:%b}"
    return text if moment.year == now.year else f"{text} {moment.year}"


def deadline_status(due_at: datetime, whole_day: bool, now: datetime, tz: tzinfo) -> Tuple[str, str]:
    """A case's next date as a status tag's words and kind, so overdue, due today and upcoming
    differ in words and not only in colour: "Overdue by 2 days", "Due today by 19:00", "Due 9 Dec".
    A whole-day promise is late from the day after its date, counted in days."""
    due, today = due_at.astimezone(tz), now.astimezone(tz)
    if due_at < now:
        late = now - due_at
        days = (today.date() - due.date()).days if whole_day else late.days
        if days >= 1:
            return f"Overdue by {_plural(days, 'day')}", "urgent"
        hours, minutes = divmod(int(late.total_seconds() // 60), 60)
        return (f"Overdue by {_plural(hours, 'hour')}" if hours else f"Overdue by {minutes} min"), "urgent"
    if due.date() == today.date():
        return ("Due today" if whole_day else f"Due today by {due:%H:%M}"), "due"
    return f"Due {short_date(due, today)}" + ("" if whole_day else f", {due:%H:%M}"), "neutral"


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


def photo_url(urls: Mapping[str, str], key: str) -> str:
    """Where a photo the case database keeps is shown (bot/web/console/photos.py)."""
    return f"{urls['index']}photos/{key}"


def photo_name(content_type: str) -> Optional[str]:
    """ "JPEG", "HEIC": a photo's format in words, or None for a type not taken as a photo."""
    found = type_named(content_type)
    return found.name if found else None


def shown_in_browsers(content_type: str) -> bool:
    """Whether the case page can show the photo itself, or only offer it to download (HEIC)."""
    found = type_named(content_type)
    return found is not None and found.shown_in_browsers


def console_templates(tz: tzinfo, charter: Optional[Charter] = None) -> Environment:
    """The console's templates, showing every moment in the landlord's zone `tz` and the
    charter's promises and sources by their words (by their keys without a charter)."""
    templates = template_environment("bot.web.console")
    templates.filters.update(
        local_time=lambda moment: local_time(moment, tz),
        due_text=lambda moment, whole_day=False: due_text(moment, tz, whole_day),
        yes_no=yes_no,
        share=format_share,
        per_thousand=format_rate,
        category=category_label,
        summary=summary,
        detail_text=detail_text,
        speaker=speaker,
        channel=lambda channel: CHANNEL_LABELS.get(channel, channel),
        promise_name=lambda key: promise_name(charter, key) if charter else key,
        source_name=lambda source: source_name(charter, source) if charter else source,
        handoff_status=STATUS_LABELS.__getitem__,
        update_label=update_label,
        update_status=UPDATE_STATUS_TAGS.__getitem__,
    )
    templates.tests["web_address"] = web_address
    templates.globals.update(
        CSRF_FIELD=CSRF_FIELD,
        MAX_NOTE_CHARS=MAX_NOTE_CHARS,
        MAX_REASON_CHARS=MAX_REASON_CHARS,
        MAX_REPLY_CHARS=MAX_REPLY_CHARS,
        KIND_LABELS=KIND_LABELS,
        EMERGENCY_CATEGORIES=EMERGENCY_CATEGORIES,
        REASON_LABELS=REASON_LABELS,
        CaseStatus=CaseStatus,
        CaseKind=CaseKind,
        HandoffStatus=HandoffStatus,
        case_url=case_url,
        handoff_url=handoff_url,
        photo_url=photo_url,
        photo_name=photo_name,
        shown_in_browsers=shown_in_browsers,
        waiting_for=waiting_for,
        deadline_status=lambda due, whole_day, now: deadline_status(due, whole_day, now, tz),
    )
    return templates
