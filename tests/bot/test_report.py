"""The complaint handling and TSM report: each figure from cases made through the real intake.

Most tables report on November 2026 (GMT throughout). Due dates, worked out by the charter's
calendar for a complaint made at 10:00 on Monday 2 November 2026: response by the end of
Monday 23 November, or of Monday 7 December with a 10 working day extension. For one made
at 10:00 on Tuesday 20 October: response by 10 November, extended by 24 November.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cases import CaseStatus, CaseStore
from bot.charter import AsbRisk, ExclusionReason, RepairPriority
from bot.intake import (
    Desk,
    acknowledge_complaint,
    escalate_complaint,
    extend_complaint,
    log_asb_report,
    log_complaint,
    log_repair,
    record_complaint_response,
)
from bot.report import Share, build_report, format_report, main
from bot.working_days import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def at(month, day, hour=10, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def november(desk, homes=None, now=None):
    return build_report(desk.cases, *NOVEMBER, LONDON, homes, now=now)


def complete(desk, reference, when):
    desk.cases.set_status(reference, CaseStatus.COMPLETED, when, "staff:test")


# --- RP02: repairs completed within target ------------------------------------------------


@pytest.mark.parametrize(
    "priority, hazard, opened, completed, emergency, non_emergency",
    [
        # Emergency: make safe within 4 hours of 10:00.
        (RepairPriority.EMERGENCY, False, at(11, 2), at(11, 2, 13, 59), (1, 1), (0, 0)),
        (RepairPriority.EMERGENCY, False, at(11, 2), at(11, 2, 14, 1), (0, 1), (0, 0)),
        # An Awaab's Law emergency hazard (24 hours) is an emergency too.
        (RepairPriority.DAMP_MOULD, True, at(11, 2), at(11, 3, 9), (1, 1), (0, 0)),
        (RepairPriority.DAMP_MOULD, True, at(11, 2), at(11, 3, 11), (0, 1), (0, 0)),
        # Routine: 17 days, to the end of Thursday 19 November.
        (RepairPriority.ROUTINE, False, at(11, 2), at(11, 19, 23, 30), (0, 0), (1, 1)),
        (RepairPriority.ROUTINE, False, at(11, 2), at(11, 20, 9), (0, 0), (0, 1)),
        (RepairPriority.URGENT, False, at(11, 2), at(11, 2, 15), (0, 0), (1, 1)),
        # A significant damp and mould hazard is not an emergency: due 16 November.
        (RepairPriority.DAMP_MOULD, False, at(11, 2), at(11, 17), (0, 0), (0, 1)),
        # Counted in the month it was completed, not the month it was reported.
        (RepairPriority.ROUTINE, False, at(10, 20), at(11, 3), (0, 0), (1, 1)),
        (RepairPriority.ROUTINE, False, at(11, 2), at(12, 1), (0, 0), (0, 0)),
        (RepairPriority.EMERGENCY, False, at(10, 31, 21), at(10, 31, 23), (0, 0), (0, 0)),
        # Not completed at all: not in RP02.
        (RepairPriority.ROUTINE, False, at(11, 2), None, (0, 0), (0, 0)),
    ],
)
def test_rp02_counts_repairs_completed_in_the_period_against_their_target(
    desk, priority, hazard, opened, completed, emergency, non_emergency
):
    reference = log_repair(desk, priority, "a repair", "tenant-1", opened, emergency_hazard=hazard).reference
    if completed is not None:
        complete(desk, reference, completed)
    report = november(desk)
    assert report.repairs_emergency == Share(*emergency)
    assert report.repairs_non_emergency == Share(*non_emergency)


def test_rp02_adds_up_several_repairs(desk):
    on_time = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-1", at(11, 2)).reference
    late = log_repair(desk, RepairPriority.ROUTINE, "door", "tenant-2", at(11, 2)).reference
    external = log_repair(desk, RepairPriority.EXTERNAL, "fence", "tenant-3", at(11, 2)).reference
    complete(desk, on_time, at(11, 10))
    complete(desk, late, at(11, 25))
    complete(desk, external, at(11, 30, 23, 59))
    report = november(desk)
    assert report.repairs_non_emergency == Share(2, 3)
    assert "Non-emergency:" in format_report(report)
    assert "2 of 3 (66.7%)" in format_report(report)


# --- complaint stages, CH01 and CH02 ------------------------------------------------------


def run(desk, steps):
    """Play one complaint's history: ("log", when[, exclusions]) first, then changes to it."""
    reference = None
    for step in steps:
        action, *args = step
        if action == "log":
            when, *exclusions = args
            reference = log_complaint(
                desk, "a complaint", "tenant-1", when, exclusions=exclusions[0] if exclusions else ()
            ).reference
        elif action == "acknowledge":
            stage, when = args
            acknowledge_complaint(desk, reference, stage, when, "staff:test")
        elif action == "extend":
            stage, days, when = args
            extend_complaint(desk, reference, stage, days, "waiting for the contractor's report", when, "staff:test")
        elif action == "respond":
            stage, when = args
            record_complaint_response(desk, reference, stage, when, "staff:test")
        elif action == "escalate":
            (when,) = args
            escalate_complaint(desk, reference, when)
        else:  # pragma: no cover - a typo in the table
            raise ValueError(action)
    return reference


NOTHING = (0, (0, 0), (0, 0), 0, 0)


@pytest.mark.parametrize(
    "steps, stage_one, stage_two, awaiting_decision",
    [
        # (received, within timescale (of, responses), extended (of, responses), awaiting, overdue)
        pytest.param(
            [("log", at(11, 2)), ("respond", 1, at(11, 20))],
            (1, (1, 1), (0, 1), 0, 0),
            NOTHING,
            0,
            id="answered in time",
        ),
        pytest.param(
            [("log", at(11, 2)), ("respond", 1, at(11, 25))], (1, (0, 1), (0, 1), 0, 0), NOTHING, 0, id="answered late"
        ),
        pytest.param(
            [("log", at(11, 2)), ("respond", 1, at(11, 23, 23, 59))],
            (1, (1, 1), (0, 1), 0, 0),
            NOTHING,
            0,
            id="answered on the last evening",
        ),
        pytest.param(
            [("log", at(11, 2)), ("extend", 1, 10, at(11, 16)), ("respond", 1, at(11, 26))],
            (1, (1, 1), (1, 1), 0, 0),
            NOTHING,
            0,
            id="extended and answered before the new date",
        ),
        pytest.param(
            [("log", at(10, 20)), ("extend", 1, 10, at(11, 3)), ("respond", 1, at(11, 25))],
            (0, (0, 1), (1, 1), 0, 0),
            NOTHING,
            0,
            id="extended and still late",
        ),
        pytest.param(
            [("log", at(10, 20)), ("respond", 1, at(11, 3))],
            (0, (1, 1), (0, 1), 0, 0),
            NOTHING,
            0,
            id="received before, answered in the period",
        ),
        pytest.param([("log", at(11, 2))], (1, (0, 0), (0, 0), 1, 1), NOTHING, 0, id="unanswered and overdue"),
        pytest.param([("log", at(11, 25))], (1, (0, 0), (0, 0), 1, 0), NOTHING, 0, id="unanswered, not due yet"),
        pytest.param(
            [("log", at(11, 2)), ("respond", 1, at(12, 1))],
            (1, (0, 0), (0, 0), 1, 1),
            NOTHING,
            0,
            id="answered only after the period",
        ),
        pytest.param([("log", at(10, 1)), ("respond", 1, at(10, 14))], NOTHING, NOTHING, 0, id="all before the period"),
        pytest.param([("log", at(12, 1))], NOTHING, NOTHING, 0, id="received after the period"),
        # Acknowledged late on 13 November: 10 working days from then is 27 November.
        pytest.param(
            [("log", at(11, 2)), ("acknowledge", 1, at(11, 13)), ("respond", 1, at(11, 26))],
            (1, (1, 1), (0, 1), 0, 0),
            NOTHING,
            0,
            id="clock runs from the acknowledgement",
        ),
        pytest.param(
            [("log", at(10, 20)), ("respond", 1, at(11, 3)), ("escalate", at(11, 5)), ("respond", 2, at(11, 30))],
            (0, (1, 1), (0, 1), 0, 0),
            (1, (1, 1), (0, 1), 0, 0),
            0,
            id="review answered",
        ),
        pytest.param(
            [("log", at(11, 2)), ("respond", 1, at(11, 4)), ("escalate", at(11, 9))],
            (1, (1, 1), (0, 1), 0, 0),
            (1, (0, 0), (0, 0), 1, 0),
            0,
            id="review awaited",
        ),
        pytest.param(
            [("log", at(11, 2), [ExclusionReason.OLDER_THAN_12_MONTHS])],
            (1, (0, 0), (0, 0), 1, 1),
            NOTHING,
            1,
            id="possible exclusion",
        ),
    ],
)
def test_complaint_figures_per_stage(desk, steps, stage_one, stage_two, awaiting_decision):
    run(desk, steps)
    report = november(desk)
    for figures, expected in zip(report.stages, (stage_one, stage_two)):
        received, within, extended, awaiting, overdue = expected
        assert (
            figures.received,
            figures.within_timescale,
            figures.extended,
            figures.awaiting_response,
            figures.awaiting_overdue,
        ) == (received, Share(*within), Share(*extended), awaiting, overdue), f"stage {figures.stage}"
    assert report.awaiting_decision == awaiting_decision


@pytest.mark.parametrize(
    "now, awaiting, overdue",
    [
        # A period still running is counted now: the complaint due on 23 November is not
        # overdue on the 20th, and one made on the 25th is not there at all yet.
        (at(11, 20), 1, 0),
        (at(11, 24, 9), 1, 1),
        (at(11, 26), 2, 1),
        # After the period has ended, the figures are those at its end.
        (at(12, 10), 2, 1),
    ],
)
def test_the_backlog_of_a_period_still_running_is_counted_now(desk, now, awaiting, overdue):
    run(desk, [("log", at(11, 2))])
    run(desk, [("log", at(11, 25))])
    [stage_one, _] = november(desk, now=now).stages
    assert (stage_one.awaiting_response, stage_one.awaiting_overdue) == (awaiting, overdue)


def test_ch01_gives_a_rate_per_thousand_homes_only_when_the_homes_are_known(desk):
    for day in (2, 3, 4):
        run(desk, [("log", at(11, day))])
    run(desk, [("log", at(11, 5)), ("escalate", at(11, 6))])
    without = november(desk)
    assert [stage.per_thousand_homes for stage in without.stages] == [None, None]
    hint = "  (per 1,000 homes figures need --homes)\n"
    assert hint in format_report(without)
    assert "per 1,000 homes" not in format_report(without).replace(hint, "")
    with_homes = november(desk, homes=2000)
    assert [stage.received for stage in with_homes.stages] == [4, 1]
    assert [stage.per_thousand_homes for stage in with_homes.stages] == [2.0, 0.5]
    assert "4 (2.00 per 1,000 homes)" in format_report(with_homes)


# --- NM01: anti-social behaviour ----------------------------------------------------------


def test_nm01_counts_asb_cases_opened_and_those_with_a_hate_incident(desk):
    log_asb_report(desk, AsbRisk.HIGH, "racist abuse", "tenant-1", at(11, 2), hate_incident=True)
    log_asb_report(desk, AsbRisk.LOW, "noise", "tenant-2", at(11, 3), hate_incident=False)
    log_asb_report(desk, AsbRisk.LOW, "litter", "tenant-3", at(11, 4))  # not asked: None
    log_asb_report(desk, AsbRisk.HIGH, "homophobic graffiti", "tenant-4", at(10, 30), hate_incident=True)
    log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-5", at(11, 5))
    report = november(desk, homes=2000)
    assert (report.asb_opened, report.asb_hate) == (3, 1)
    assert (report.asb_per_thousand_homes, report.asb_hate_per_thousand_homes) == (1.5, 0.5)


@pytest.mark.parametrize(
    "opened, counted",
    [
        # April 2026 is in British Summer Time: the period is local days, not UTC days.
        (datetime(2026, 3, 31, 23, 30, tzinfo=LONDON), False),
        (datetime(2026, 4, 1, 0, 30, tzinfo=LONDON), True),  # 23:30 on 31 March in UTC
        (datetime(2026, 4, 30, 23, 30, tzinfo=LONDON), True),  # 22:30 UTC
        (datetime(2026, 5, 1, 0, 30, tzinfo=LONDON), False),  # still 30 April in UTC
    ],
)
def test_the_period_is_the_landlords_local_dates(desk, opened, counted):
    log_asb_report(desk, AsbRisk.LOW, "noise", "tenant-1", opened)
    report = build_report(desk.cases, date(2026, 4, 1), date(2026, 4, 30), LONDON)
    assert report.asb_opened == int(counted)


# --- printing -----------------------------------------------------------------------------


def test_an_empty_period_prints_n_a_for_every_share_and_no_rates(desk):
    text = format_report(november(desk))
    for label in ("Responded to within timescale:", "Emergency:", "Non-emergency:"):
        [line] = [line for line in text.splitlines() if line.strip().startswith(label)][:1]
        assert line.split(":", 1)[1].strip() == "n/a (0 of 0)"
    ch02 = text.split("CH02", 1)[1].split("NM01", 1)[0]
    assert ch02.count("n/a") == 2
    assert "%" not in text
    assert "(per 1,000 homes figures need --homes)" in text


@pytest.mark.parametrize(
    "share, percent",
    [(Share(0, 0), None), (Share(0, 4), 0.0), (Share(3, 4), 75.0), (Share(4, 4), 100.0)],
)
def test_a_share_has_no_percentage_when_nothing_counted(share, percent):
    assert share.percent == percent


def test_build_report_refuses_a_backwards_period(desk):
    with pytest.raises(ValueError):
        build_report(desk.cases, date(2026, 11, 30), date(2026, 11, 1), LONDON)


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def database_file(tmp_path, monkeypatch, charter):
    """A SQLite file named by DATABASE_URL, as the command finds it in production."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = CaseStore.from_url(url)
    yield Desk(charter, WorkingCalendar.from_charter(charter), store)
    store.engine.dispose()


def test_the_command_prints_the_figures_from_the_database_url(database_file, capsys):
    desk = database_file
    # October 2026, over before the tests' clock can reach it.
    on_time = log_repair(desk, RepairPriority.EMERGENCY, "gas smell", "tenant-1", at(10, 5)).reference
    late = log_repair(desk, RepairPriority.EMERGENCY, "sparking socket", "tenant-2", at(10, 6)).reference
    complete(desk, on_time, at(10, 5, 12))
    complete(desk, late, at(10, 6, 18))
    cmp = log_complaint(desk, "nobody came", "tenant-3", at(10, 1)).reference
    record_complaint_response(desk, cmp, 1, at(10, 9), "staff:test")
    log_complaint(desk, "rude", "tenant-4", at(10, 2))  # due 23 October, never answered
    log_asb_report(desk, AsbRisk.HIGH, "racist abuse", "tenant-5", at(10, 7), hate_incident=True)

    assert main(["--from", "2026-10-01", "--to", "2026-10-31", "--homes", "500"]) == 0
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert "Case report 2026-10-01 to 2026-10-31 (both inclusive, Europe/London)" in lines
    assert "Homes: 500" in lines
    assert "Emergency: 1 of 2 (50.0%)" in lines
    assert "Non-emergency: n/a (0 of 0)" in lines
    assert lines.count("Stage 1: 2 (4.00 per 1,000 homes)") == 1
    assert lines.count("Stage 1: 1 of 1 (100.0%)") == 1  # CH02
    assert "Stage 2: n/a (0 of 0)" in lines
    assert "Awaiting a response: 1" in lines
    assert "of which overdue: 1" in lines
    assert "All ASB cases: 1 (2.00 per 1,000 homes)" in lines
    assert "Involving hate incidents: 1 (2.00 per 1,000 homes)" in lines


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--from", "2026-13-01", "--to", "2026-12-31"], "'2026-13-01' is not a date in the form YYYY-MM-DD"),
        (["--from", "1/11/2026", "--to", "2026-11-30"], "'1/11/2026' is not a date"),
        (["--from", "2026-11-30", "--to", "2026-11-01"], "--from 2026-11-30 is after --to 2026-11-01"),
        (["--from", "2026-11-01", "--to", "2026-11-30", "--homes", "0"], "at least 1"),
        (["--from", "2026-11-01", "--to", "2026-11-30", "--homes", "many"], "'many' is not a whole number"),
        (["--to", "2026-11-30"], "--from"),
    ],
)
def test_bad_arguments_exit_with_status_2_and_say_why(database_file, capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_a_one_day_period_is_allowed(database_file, capsys):
    log_asb_report(database_file, AsbRisk.LOW, "noise", "tenant-1", at(10, 7, 23, 30))
    assert main(["--from", "2026-10-07", "--to", "2026-10-07"]) == 0
    assert "All ASB cases: 1" in [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]


# --- satisfaction with repairs: the survey after each one -------------------------------------


def _satisfaction(report):
    return [(row.month_name, row.label, row.answers, row.mean, row.satisfied) for row in report.repair_satisfaction]


def test_satisfaction_with_repairs_is_counted_by_month_and_priority(desk):
    from tests.bot.updates.conftest import answered_survey

    answered = [
        # (priority, the tenant's answer, completed)
        (RepairPriority.ROUTINE, "5", at(11, 2)),
        (RepairPriority.ROUTINE, "4 - quick and tidy", at(11, 9)),
        (RepairPriority.ROUTINE, "2 they were late", at(11, 16)),
        (RepairPriority.EMERGENCY, "five stars", at(11, 3)),
        (RepairPriority.DAMP_MOULD, "1. still mouldy", at(11, 10)),
        # No score: a comment, kept with the case but in no mean.
        (RepairPriority.ROUTINE, "it was good thanks", at(11, 11)),
        # Answered in December: December's, not November's.
        (RepairPriority.ROUTINE, "3", at(11, 30, 18)),
        (RepairPriority.URGENT, "10/10", at(12, 1)),
    ]
    for n, (priority, text, completed) in enumerate(answered):
        answered_survey(desk, priority, text, completed, what=f"repair {n}")
    report = build_report(desk.cases, date(2026, 11, 1), date(2026, 12, 31), LONDON)
    assert _satisfaction(report) == [
        ("November 2026", "Emergency repair", 1, 5.0, 1),
        ("November 2026", "Routine repair", 3, 11 / 3, 2),
        ("November 2026", "Damp and mould", 1, 1.0, 0),
        ("November 2026", "All repairs", 5, 17 / 5, 3),
        ("December 2026", "Urgent repair", 1, 5.0, 1),
        ("December 2026", "Routine repair", 1, 3.0, 0),
        ("December 2026", "All repairs", 2, 4.0, 1),
    ]
    text = format_report(report)
    assert "Satisfaction with repairs" in text
    assert "Routine repair:" in text and "3 answers, mean 3.7, 4 or 5: 2 of 3 (66.7%)" in text
    assert "All repairs:" in text and "5 answers, mean 3.4, 4 or 5: 3 of 5 (60.0%)" in text
    assert "December 2026" in text
    # A period is its own: November alone knows nothing of December's answers.
    assert [row[0] for row in _satisfaction(november(desk))] == ["November 2026"] * 4


def test_satisfaction_in_a_month_is_the_landlords_month(desk):
    from tests.bot.updates.conftest import answered_survey

    # 23:30 on 31 October in London is October's, although BST makes it 22:30 UTC.
    answered_survey(desk, RepairPriority.ROUTINE, "4", at(10, 30), answered_at=at(10, 31, 23, 30))
    # 00:30 on 1 November (GMT) is November's.
    answered_survey(desk, RepairPriority.ROUTINE, "2", at(10, 30), answered_at=at(11, 1, 0, 30), what="door")
    assert _satisfaction(november(desk)) == [
        ("November 2026", "Routine repair", 1, 2.0, 0),
        ("November 2026", "All repairs", 1, 2.0, 0),
    ]


def test_with_no_answers_the_report_says_so_and_invents_no_mean(desk):
    report = november(desk)
    assert report.repair_satisfaction == ()
    assert "No answers with a score in the period." in format_report(report)
