"""The console's own queries, on both databases the store supports (tests/bot/conftest.py's `store`)."""

from datetime import date, timedelta

import pytest

from bot.cases import CaseKind, CaseStatus
from bot.charter import RepairPriority
from bot.web.console.accounts import AccountError, StaffAccounts
from bot.web.console.records import (
    PROGRESS_NOTED,
    TargetFigures,
    group_by_deadline,
    open_cases,
    record_progress,
    target_figures,
)
from bot.intake import Desk, log_repair
from bot.working_days import WorkingCalendar
from tests.bot.web.console.conftest import LONDON, NOW


@pytest.fixture
def any_desk(charter, store):
    return Desk(charter, WorkingCalendar.from_charter(charter), store)


def test_progress_groups_and_figures(any_desk):
    store = any_desk.cases
    late = log_repair(any_desk, RepairPriority.EMERGENCY, "lights", "t1", NOW - timedelta(days=1)).reference
    soon = log_repair(any_desk, RepairPriority.ROUTINE, "tap", "t2", NOW).reference
    record_progress(store, late, NOW, "staff:alice", "called the contractor")
    assert store.events(late)[-1].kind == PROGRESS_NOTED
    with pytest.raises(LookupError):
        record_progress(store, "REP-2026-999999", NOW, "staff:alice", "nothing")
    groups = group_by_deadline(open_cases(store), NOW, LONDON)
    assert [c.reference for c in groups.overdue] == [late]
    assert [c.reference for c in groups.upcoming] == [soon]
    store.set_status(late, CaseStatus.COMPLETED, NOW, "staff:alice")
    figures = target_figures(store, date(2026, 11, 1), date(2026, 11, 30), LONDON, NOW)
    assert figures[0] == TargetFigures(CaseKind.REPAIR, 0, 1, 0)


def test_accounts_on_each_database(store):
    accounts = StaffAccounts(store.engine)
    accounts.create("alice", "a long enough passphrase")
    with pytest.raises(AccountError):
        accounts.create("ALICE", "a long enough passphrase")
    assert accounts.is_active("Alice")


def test_each_group_puts_the_most_urgent_first_then_vulnerable_households_then_the_date(any_desk):
    """An emergency two hours late in a vulnerable household leads a backlog weeks late."""

    def repair(priority, days_ago, vulnerable=None):
        return log_repair(
            any_desk, priority, "words", "t", NOW - timedelta(days=days_ago), vulnerable_household=vulnerable
        ).reference

    backlog = repair(RepairPriority.ROUTINE, 40)
    backlog_vulnerable = repair(RepairPriority.ROUTINE, 30, vulnerable=True)
    damp = repair(RepairPriority.DAMP_MOULD, 35)
    emergency = repair(RepairPriority.EMERGENCY, 0.5)
    emergency_vulnerable = repair(RepairPriority.EMERGENCY, 0.25, vulnerable=True)
    upcoming_routine = repair(RepairPriority.ROUTINE, 0)
    groups = group_by_deadline(open_cases(any_desk.cases), NOW, LONDON)
    assert [c.reference for c in groups.overdue] == [emergency_vulnerable, emergency, damp, backlog_vulnerable, backlog]
    assert [c.reference for c in groups.upcoming] == [upcoming_routine]
