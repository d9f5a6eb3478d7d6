"""Completing a case: the tenant told it is done, and for a repair, an hour later, the survey."""

from datetime import datetime, timedelta

import pytest

from bot.cases import CaseStatus
from bot.intake import log_asb_report, log_domestic_abuse
from bot.charter import AsbRisk
from bot.updates import UpdateKind, UpdateStatus, after_completion
from tests.bot.updates.conftest import LONDON, MONDAY_MORNING, a_repair


def completed(desk, case, at):
    return desk.cases.set_status(case.reference, CaseStatus.COMPLETED, at, "staff:amy")


def _kinds(teller, case):
    return [u.kind for u in teller.updates.for_case(case.reference)]


def test_a_completed_repair_is_told_so_and_surveyed_once(desk, teller):
    case = completed(desk, a_repair(desk), MONDAY_MORNING)
    assert after_completion(teller, case, MONDAY_MORNING) == [UpdateKind.COMPLETED, UpdateKind.SURVEY]
    assert after_completion(teller, case, MONDAY_MORNING + timedelta(seconds=2)) == []  # pressed twice
    assert _kinds(teller, case) == [UpdateKind.COMPLETED, UpdateKind.SURVEY]
    [_, survey] = teller.updates.for_case(case.reference)
    assert case.reference in survey.text
    assert "1 (very poor) to 5 (very good)" in survey.text and "anything you'd like to tell us" in survey.text


def test_reopened_and_completed_again_the_tenant_is_told_again_but_not_surveyed_again(desk, teller):
    case = a_repair(desk)
    after_completion(teller, completed(desk, case, MONDAY_MORNING), MONDAY_MORNING)
    desk.cases.set_status(case.reference, CaseStatus.OPEN, MONDAY_MORNING + timedelta(days=1), "staff:amy")
    again = completed(desk, case, MONDAY_MORNING + timedelta(days=2))
    assert after_completion(teller, again, MONDAY_MORNING + timedelta(days=2)) == [UpdateKind.COMPLETED]
    assert _kinds(teller, case) == [UpdateKind.COMPLETED, UpdateKind.SURVEY, UpdateKind.COMPLETED]


def test_a_case_not_completed_is_told_nothing(desk, teller):
    case = a_repair(desk)
    assert after_completion(teller, case, MONDAY_MORNING) == []
    assert _kinds(teller, case) == []


def test_only_repairs_are_surveyed(desk, teller):
    receipt = log_asb_report(desk, AsbRisk.LOW, "loud music every night", "web-1", MONDAY_MORNING)
    case = completed(desk, desk.cases.find(receipt.reference), MONDAY_MORNING)
    assert after_completion(teller, case, MONDAY_MORNING) == [UpdateKind.COMPLETED]


def test_a_domestic_abuse_case_is_never_messaged_on_completion(desk, teller):
    receipt = log_domestic_abuse(desk, "my partner hurts me", "text only", "web-1", MONDAY_MORNING)
    case = completed(desk, desk.cases.find(receipt.reference), MONDAY_MORNING)
    after_completion(teller, case, MONDAY_MORNING)
    assert [u.status for u in teller.updates.for_case(case.reference)] == [UpdateStatus.NOT_SENT]
    assert UpdateKind.SURVEY not in _kinds(teller, case)


@pytest.mark.parametrize(
    "completed_at, survey_goes",
    [
        # An hour after the completion, in the day...
        (datetime(2026, 12, 7, 10, 0, tzinfo=LONDON), datetime(2026, 12, 7, 11, 0, tzinfo=LONDON)),
        (datetime(2026, 12, 7, 18, 59, tzinfo=LONDON), datetime(2026, 12, 7, 19, 59, tzinfo=LONDON)),
        # ...or, if that is at night, the next morning at 8.
        (datetime(2026, 12, 7, 19, 30, tzinfo=LONDON), datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)),
        (datetime(2026, 12, 8, 2, 0, tzinfo=LONDON), datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)),
        (datetime(2026, 12, 8, 7, 30, tzinfo=LONDON), datetime(2026, 12, 8, 8, 30, tzinfo=LONDON)),
    ],
)
def test_the_survey_goes_an_hour_later_and_never_at_night(desk, teller, completed_at, survey_goes):
    case = completed(desk, a_repair(desk), completed_at)
    after_completion(teller, case, completed_at)
    claimed = [u.kind for u in teller.updates.claim(survey_goes - timedelta(seconds=1), "w")]
    assert claimed == [UpdateKind.COMPLETED]  # the news at once, the survey not yet
    assert [u.kind for u in teller.updates.claim(survey_goes, "w2")] == [UpdateKind.SURVEY]
