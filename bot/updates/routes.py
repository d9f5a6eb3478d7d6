"""How an update may reach a tenant on the channel they used, by each platform's rules.

- SMS: any time, unless the tenant said STOP (Twilio, too, refuses a number that did).
- WhatsApp: free text only within 24 hours of the tenant's last message; after that, only a
  template WhatsApp has approved (its Content SID in TWILIO_WHATSAPP_UPDATE_TEMPLATE), else
  nothing, and the case's history says so for staff to phone instead.
- Messenger: free text within 24 hours; after that only with a message tag Meta allows for
  this kind of news (an appointment is CONFIRMED_EVENT_UPDATE, a change to their case
  ACCOUNT_UPDATE), else nothing. No tag allows a survey: outside the 24 hours it is not sent.
- The web chat cannot be written to: the update is kept for the page, which shows it the next
  time the tenant has it open.
- Never to a domestic abuse case: a message arriving unasked can be read by the person the
  tenant reported; they hear from a person, as they agreed with one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from bot.cases import CaseKind
from bot.providers.twilio import WHATSAPP
from bot.updates.kinds import UpdateKind
from bot.updates.store import Contact

# WhatsApp's and Messenger's customer-service window.
REPLY_WINDOW = timedelta(hours=24)
WEB_CHAT = "rest"
SMS_OR_WHATSAPP = "twilio"
MESSENGER = "facebook"

# Meta's tags for a message outside the window: the appointment a tenant agreed to, and
# changes to their case. A reminder that a date is near, or an apology that it passed, is
# news of their case too. Nothing else may go outside the window: not the survey after a
# repair, which asks for an opinion and tells nothing of the case (Meta forbids tagging that).
MESSENGER_TAGS = {
    UpdateKind.VISIT_BOOKED: "CONFIRMED_EVENT_UPDATE",
    UpdateKind.VISIT_REMINDER: "CONFIRMED_EVENT_UPDATE",
    UpdateKind.ON_THE_WAY: "CONFIRMED_EVENT_UPDATE",
    UpdateKind.COMPLETED: "ACCOUNT_UPDATE",
    UpdateKind.COMPLAINT_ACKNOWLEDGED: "ACCOUNT_UPDATE",
    UpdateKind.COMPLAINT_EXTENDED: "ACCOUNT_UPDATE",
    UpdateKind.COMPLAINT_RESPONSE_SENT: "ACCOUNT_UPDATE",
    UpdateKind.COMPLAINT_STAGE_MOVED: "ACCOUNT_UPDATE",
    UpdateKind.DUE_TOMORROW: "ACCOUNT_UPDATE",
    UpdateKind.OVERDUE: "ACCOUNT_UPDATE",
}


class Way(enum.Enum):
    TEXT = "text"
    WHATSAPP_TEMPLATE = "whatsapp_template"
    MESSENGER_TAG = "messenger_tag"
    KEPT_IN_CHAT = "kept_in_chat"
    NONE = "none"


@dataclass(frozen=True)
class Route:
    way: Way
    # The Messenger tag, or the WhatsApp template's Content SID.
    using: Optional[str] = None
    # For Way.NONE: why not, in words for the case's history.
    why_not: Optional[str] = None


def never_messaged(kind: CaseKind) -> Optional[str]:
    """Why a case of this kind is never sent updates unasked, or None."""
    if kind is CaseKind.DOMESTIC_ABUSE:
        return "domestic abuse cases are never messaged unasked; a person keeps in touch as agreed"
    return None


def route_for(
    kind: UpdateKind,
    channel: str,
    address: str,
    contact: Contact,
    now: datetime,
    whatsapp_template: Optional[str] = None,
) -> Route:
    """The way this update may go now, or Way.NONE with the reason."""
    if contact.stopped_at is not None:
        return Route(Way.NONE, why_not="the tenant asked us to stop (STOP); START would allow it again")
    if channel == WEB_CHAT:
        return Route(Way.KEPT_IN_CHAT)
    in_window = contact.last_heard_at is not None and now - contact.last_heard_at < REPLY_WINDOW
    if channel == SMS_OR_WHATSAPP and address.startswith(WHATSAPP):
        if in_window:
            return Route(Way.TEXT)
        if whatsapp_template:
            return Route(Way.WHATSAPP_TEMPLATE, using=whatsapp_template)
        return Route(
            Way.NONE,
            why_not="over 24 hours since the tenant last wrote on WhatsApp, and no approved template is set",
        )
    if channel == SMS_OR_WHATSAPP:
        return Route(Way.TEXT)
    if channel == MESSENGER:
        if in_window:
            return Route(Way.TEXT)
        tag = MESSENGER_TAGS.get(kind)
        if tag:
            return Route(Way.MESSENGER_TAG, using=tag)
        return Route(
            Way.NONE, why_not=f"over 24 hours since the tenant last wrote on Messenger, and no tag allows {kind.value}"
        )
    return Route(Way.NONE, why_not=f"updates cannot be sent on the {channel} channel")
