"""Who hears what about a case they ask after, and how often anyone may ask (bot.lookups)."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import CaseKind, CaseSummary, FoundCase
from bot.lookups import PER_CONVERSATION, PER_POSTCODE, LookupLimits, Purpose, may_disclose

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
OWNER, POSTCODE = True, False
TOLD, NOT = True, False


def _found(kind, by_owner):
    case = CaseSummary(
        reference="X",
        kind=kind,
        category="c",
        description="d",
        conversation_id="c",
        status="open",
        vulnerable_household=None,
        opened_at=NOW,
        first_due_at=NOW,
        first_due_whole_day=False,
    )
    return FoundCase(case, by_owner)


@pytest.mark.parametrize(
    "kind, by_owner, status, stage_two",
    [
        (CaseKind.REPAIR, OWNER, TOLD, TOLD),
        (CaseKind.REPAIR, POSTCODE, TOLD, NOT),
        (CaseKind.COMPLAINT, OWNER, TOLD, TOLD),
        (CaseKind.COMPLAINT, POSTCODE, TOLD, NOT),  # a stranger with the postcode cannot escalate
        (CaseKind.CALLBACK, POSTCODE, TOLD, NOT),
        (CaseKind.ANTI_SOCIAL_BEHAVIOUR, OWNER, TOLD, TOLD),
        (CaseKind.ANTI_SOCIAL_BEHAVIOUR, POSTCODE, NOT, NOT),  # the neighbour may live at the same postcode
        (CaseKind.DOMESTIC_ABUSE, OWNER, TOLD, TOLD),
        (CaseKind.DOMESTIC_ABUSE, POSTCODE, NOT, NOT),  # so may the person reported
    ],
)
def test_what_is_told_on_each_tie_to_a_case(kind, by_owner, status, stage_two):
    found = _found(kind, by_owner)
    assert (may_disclose(found, Purpose.STATUS), may_disclose(found, Purpose.STAGE_TWO)) == (status, stage_two)


@pytest.mark.parametrize("by_owner, changes", [(OWNER, TOLD), (POSTCODE, NOT)])
def test_only_the_tenant_who_reported_a_repair_may_change_its_visit(by_owner, changes):
    assert may_disclose(_found(CaseKind.REPAIR, by_owner), Purpose.VISIT) == changes


def test_nothing_is_told_about_a_case_not_found():
    assert not may_disclose(None, Purpose.STATUS)


@pytest.fixture
def limits(store):
    return LookupLimits(store.engine)


def test_a_conversation_may_look_up_so_many_cases_a_day(limits):
    for n in range(PER_CONVERSATION):
        assert limits.allowed("chat-1", None, NOW + timedelta(minutes=n))
        limits.record("chat-1", None, None, NOW + timedelta(minutes=n))
    assert not limits.allowed("chat-1", None, NOW + timedelta(hours=1))
    assert limits.allowed("chat-2", None, NOW + timedelta(hours=1))
    assert limits.allowed("chat-1", None, NOW + timedelta(days=1, minutes=1))


def test_a_postcode_may_be_tried_so_many_times_a_day_across_all_conversations(limits):
    for n in range(PER_POSTCODE):
        assert limits.allowed(f"fresh-chat-{n}", "SY7 9BW", NOW)
        limits.record(f"fresh-chat-{n}", "sy79bw", None, NOW)
    assert not limits.allowed("another-fresh-chat", "SY7 9BW", NOW)
    assert limits.allowed("another-fresh-chat", "SY2 5LN", NOW)


def test_the_tenant_asking_about_their_own_case_does_not_use_up_their_postcode(limits):
    mine = _found(CaseKind.REPAIR, OWNER)
    for n in range(PER_POSTCODE + 2):
        limits.record(f"chat-{n}", "SY7 9BW", mine, NOW)
    assert limits.allowed("someone", "SY7 9BW", NOW)
