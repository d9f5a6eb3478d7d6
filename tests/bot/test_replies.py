"""The replies that quote a case: which response, and the values it fills in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cases import CaseKind, CaseStatus, CaseSummary
from bot.replies import case_status

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)
END_OF_MONDAY = datetime(2026, 11, 30, 23, 59, 59, tzinfo=LONDON)
END_OF_LAST_MONDAY = END_OF_MONDAY - timedelta(days=7)


@pytest.fixture(scope="module")
def calendar():
    from bot.charter import load_charter
    from bot.working_days import WorkingCalendar

    return WorkingCalendar.from_charter(load_charter())


def _case(first_due_at, whole_day, status=CaseStatus.OPEN):
    return CaseSummary(
        reference="REP-2026-KX7Q4MTD",
        kind=CaseKind.REPAIR,
        category="routine",
        description="tap",
        conversation_id="tenant-1",
        status=status.value,
        opened_at=NOW - timedelta(days=3),
        first_due_at=first_due_at,
        first_due_whole_day=whole_day,
        vulnerable_household=None,
    )


@pytest.mark.parametrize(
    "first_due_at, whole_day, status, response, due",
    [
        # A promise in days is quoted as its day, whatever time it is stored at...
        (END_OF_MONDAY, True, CaseStatus.OPEN, "utter_case_status", "by Monday 30 November"),
        (
            NOW.replace(hour=23, minute=59, second=59),
            True,
            CaseStatus.OPEN,
            "utter_case_status",
            "by the end of today, Friday 27 November",
        ),
        # ...and one in hours to the minute, even one that falls due at 23:59.
        (
            NOW.replace(hour=23, minute=59),
            False,
            CaseStatus.OPEN,
            "utter_case_status",
            "by 23:59 today, Friday 27 November",
        ),
        (NOW + timedelta(hours=4), False, CaseStatus.OPEN, "utter_case_status", "by 20:00 today, Friday 27 November"),
        # A date that has passed is owned up to, unless the case is done.
        (
            NOW - timedelta(hours=1),
            False,
            CaseStatus.OPEN,
            "utter_case_status_overdue",
            "by 15:00 today, Friday 27 November",
        ),
        (END_OF_LAST_MONDAY, True, CaseStatus.OPEN, "utter_case_status_overdue", "by Monday 23 November"),
        (
            NOW - timedelta(hours=1),
            False,
            CaseStatus.COMPLETED,
            "utter_case_status",
            "by 15:00 today, Friday 27 November",
        ),
    ],
)
def test_a_case_status_quotes_its_next_date_as_it_was_promised(
    calendar, first_due_at, whole_day, status, response, due
):
    reply = case_status(_case(first_due_at, whole_day, status), calendar, NOW)
    assert (reply.response, reply.values["due"]) == (response, due)


# A paragraph a tenant can take in at a glance on a phone: about four lines of the chat's bubble.
LONGEST_PARAGRAPH = 280


def test_every_reply_comes_in_short_paragraphs():
    """A long reply (a logged complaint and all its dates) is split into paragraphs, one promise
    or piece of advice each, rather than one block of 450 characters."""
    from tests.support.domain import load_domain

    too_long = {
        name: len(paragraph)
        for name, variants in load_domain()["responses"].items()
        for variant in variants
        for paragraph in (variant.get("text") or "").split("\n\n")
        if len(paragraph) > LONGEST_PARAGRAPH
    }
    assert too_long == {}
