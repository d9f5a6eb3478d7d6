"""Each platform's rules for an update sent unasked: one row per rule."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import CaseKind
from bot.updates.kinds import UpdateKind
from bot.updates.routes import Way, never_messaged, route_for
from bot.updates.store import Contact

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)
RECENTLY = Contact(last_heard_at=NOW - timedelta(hours=23, minutes=59))
A_DAY_AGO = Contact(last_heard_at=NOW - timedelta(hours=24))
NEVER = Contact()
STOPPED = Contact(last_heard_at=NOW - timedelta(minutes=5), stopped_at=NOW - timedelta(minutes=1))
TEMPLATE = "HX0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    "kind, channel, address, contact, template, way, using",
    [
        # SMS: any time, however long ago the tenant wrote.
        (UpdateKind.COMPLETED, "twilio", "+447700900123", NEVER, None, Way.TEXT, None),
        # WhatsApp: free text within 24 hours of their last message...
        (UpdateKind.COMPLETED, "twilio", "whatsapp:+447700900123", RECENTLY, TEMPLATE, Way.TEXT, None),
        # ...after that, only the approved template...
        (
            UpdateKind.COMPLETED,
            "twilio",
            "whatsapp:+447700900123",
            A_DAY_AGO,
            TEMPLATE,
            Way.WHATSAPP_TEMPLATE,
            TEMPLATE,
        ),
        (UpdateKind.OVERDUE, "twilio", "whatsapp:+447700900123", NEVER, TEMPLATE, Way.WHATSAPP_TEMPLATE, TEMPLATE),
        # ...and without one, nothing.
        (UpdateKind.COMPLETED, "twilio", "whatsapp:+447700900123", A_DAY_AGO, None, Way.NONE, None),
        # Messenger: free text within 24 hours; after, only with the tag for that kind of news.
        (UpdateKind.VISIT_BOOKED, "facebook", "1234567890", RECENTLY, None, Way.TEXT, None),
        (
            UpdateKind.VISIT_BOOKED,
            "facebook",
            "1234567890",
            A_DAY_AGO,
            None,
            Way.MESSENGER_TAG,
            "CONFIRMED_EVENT_UPDATE",
        ),
        (UpdateKind.ON_THE_WAY, "facebook", "1234567890", A_DAY_AGO, None, Way.MESSENGER_TAG, "CONFIRMED_EVENT_UPDATE"),
        # A visit's reminder is news of the appointment the tenant agreed to.
        (
            UpdateKind.VISIT_REMINDER,
            "facebook",
            "1234567890",
            A_DAY_AGO,
            None,
            Way.MESSENGER_TAG,
            "CONFIRMED_EVENT_UPDATE",
        ),
        (UpdateKind.OVERDUE, "facebook", "1234567890", NEVER, None, Way.MESSENGER_TAG, "ACCOUNT_UPDATE"),
        (
            UpdateKind.COMPLAINT_RESPONSE_SENT,
            "facebook",
            "1234567890",
            NEVER,
            None,
            Way.MESSENGER_TAG,
            "ACCOUNT_UPDATE",
        ),
        # The web chat cannot be written to: the page shows it next time.
        (UpdateKind.COMPLETED, "rest", "web-abc", NEVER, None, Way.KEPT_IN_CHAT, None),
        # STOP, on any channel, whatever else allows it.
        (UpdateKind.COMPLETED, "twilio", "+447700900123", STOPPED, None, Way.NONE, None),
        (UpdateKind.COMPLETED, "twilio", "whatsapp:+447700900123", STOPPED, TEMPLATE, Way.NONE, None),
        (UpdateKind.COMPLETED, "facebook", "1234567890", STOPPED, None, Way.NONE, None),
        # A channel updates cannot use.
        (UpdateKind.COMPLETED, "unknown", "someone", NEVER, None, Way.NONE, None),
    ],
)
def test_an_update_goes_only_the_way_its_platform_allows(kind, channel, address, contact, template, way, using):
    route = route_for(kind, channel, address, contact, NOW, template)
    assert (route.way, route.using) == (way, using)
    assert (route.why_not is not None) == (way is Way.NONE)


@pytest.mark.parametrize("kind", [kind for kind in UpdateKind if kind is not UpdateKind.SURVEY])
def test_every_kind_of_news_may_go_by_messenger_outside_the_window_with_a_tag(kind):
    assert route_for(kind, "facebook", "1", NEVER, NOW).way is Way.MESSENGER_TAG


@pytest.mark.parametrize(
    "channel, address, contact, template, way",
    [
        # Meta allows no tag for a survey: outside the 24 hours, nothing, and the history says why.
        ("facebook", "1234567890", NEVER, None, Way.NONE),
        ("facebook", "1234567890", A_DAY_AGO, None, Way.NONE),
        # Within them, as any message.
        ("facebook", "1234567890", RECENTLY, None, Way.TEXT),
        # Elsewhere, as any update.
        ("twilio", "+447700900123", NEVER, None, Way.TEXT),
        ("twilio", "whatsapp:+447700900123", RECENTLY, TEMPLATE, Way.TEXT),
        ("twilio", "whatsapp:+447700900123", A_DAY_AGO, TEMPLATE, Way.WHATSAPP_TEMPLATE),
        ("rest", "web-abc", NEVER, None, Way.KEPT_IN_CHAT),
        ("twilio", "+447700900123", STOPPED, None, Way.NONE),
    ],
)
def test_the_survey_goes_as_updates_do_but_never_tagged_on_messenger(channel, address, contact, template, way):
    route = route_for(UpdateKind.SURVEY, channel, address, contact, NOW, template)
    assert route.way is way
    assert route.using != "ACCOUNT_UPDATE"
    if way is Way.NONE and channel == "facebook":
        assert "no tag allows survey" in (route.why_not or "")


@pytest.mark.parametrize(
    "kind, never",
    [(CaseKind.DOMESTIC_ABUSE, True)] + [(k, False) for k in CaseKind if k is not CaseKind.DOMESTIC_ABUSE],
)
def test_only_domestic_abuse_cases_are_never_messaged_unasked(kind, never):
    assert (never_messaged(kind) is not None) == never
