"""The survey after a repair: awaited from the tenant's address once it reaches them, and their
answer kept with the case by the rules in bot.updates.surveys."""

from datetime import timedelta

import pytest
from aiohttp import ClientSession

from bot.answers import read_rating
from bot.cases import CaseStatus
from bot.updates import UpdateKind, UpdateStatus, after_completion
from bot.updates.store import Outcome
from bot.updates.surveys import (
    ANSWER_WINDOW,
    Answered,
    Surveys,
    TakenAnswer,
    as_metadata,
    from_metadata,
    reply_to,
)
from bot.updates.worker import UpdatesWorker
from tests.bot.updates.conftest import ADDRESSES, MONDAY_MORNING, a_repair, providers_at

COMPLETED_AT = MONDAY_MORNING
SENT_AT = MONDAY_MORNING + timedelta(hours=1)


def surveyed(desk, teller, on="sms", what="the kitchen tap drips", at=COMPLETED_AT):
    """A repair completed and its survey decided (not yet sent)."""
    case = desk.cases.set_status(a_repair(desk, on=on, what=what).reference, CaseStatus.COMPLETED, at, "staff:amy")
    after_completion(teller, case, at)
    return case


def delivered(teller, at=SENT_AT, status=UpdateStatus.SENT):
    """The worker's part, by hand: every update due is recorded as `status`."""
    for update in teller.updates.claim(at, "w"):
        teller.updates.record(update.id, Outcome(status, "accepted"), at)


def answer(desk, case, text, at):
    channel, address = case.channel, case.conversation_id
    return Surveys(desk.cases.engine).take_answer(channel, address, read_rating(text), text, at)


def test_a_survey_is_awaited_only_once_it_has_reached_the_tenant(desk, teller):
    case = surveyed(desk, teller)
    surveys = Surveys(desk.cases.engine)
    assert surveys.awaited("twilio", case.conversation_id, SENT_AT) is None  # decided, not sent
    delivered(teller)
    awaited = surveys.awaited("twilio", case.conversation_id, SENT_AT)
    assert (awaited.reference, awaited.asked_at, awaited.number_asked) == (case.reference, SENT_AT, False)
    assert surveys.awaited("twilio", "+447700900999", SENT_AT) is None  # another tenant
    assert surveys.awaited("facebook", case.conversation_id, SENT_AT) is None  # another channel
    assert surveys.awaited("twilio", case.conversation_id, SENT_AT + ANSWER_WINDOW - timedelta(seconds=1))
    assert surveys.awaited("twilio", case.conversation_id, SENT_AT + ANSWER_WINDOW) is None  # too late


@pytest.mark.parametrize("status", [UpdateStatus.NOT_SENT, UpdateStatus.FAILED, UpdateStatus.PENDING])
def test_a_survey_that_did_not_reach_the_tenant_awaits_nothing(desk, teller, status):
    case = surveyed(desk, teller)
    delivered(teller, status=status)
    assert Surveys(desk.cases.engine).awaited("twilio", case.conversation_id, SENT_AT) is None


def test_on_the_web_chat_the_answer_is_awaited_from_when_the_page_shows_the_survey(desk, teller):
    case = surveyed(desk, teller, on="web")
    delivered(teller, status=UpdateStatus.IN_CHAT)
    surveys = Surveys(desk.cases.engine)
    assert surveys.awaited("rest", case.conversation_id, SENT_AT) is None  # kept, not yet seen
    shown_at = SENT_AT + timedelta(days=2)
    teller.updates.kept_in_chat(case.conversation_id, shown_at)
    assert surveys.awaited("rest", case.conversation_id, shown_at).asked_at == shown_at


def test_only_the_newest_survey_to_an_address_is_awaited(desk, teller):
    first = surveyed(desk, teller, what="the kitchen tap drips")
    delivered(teller)
    second = surveyed(desk, teller, what="the bedroom door sticks", at=SENT_AT + timedelta(hours=1))
    delivered(teller, at=SENT_AT + timedelta(hours=3))
    assert first.conversation_id == second.conversation_id
    taken = answer(desk, first, "5", SENT_AT + timedelta(hours=4))
    assert taken.reference == second.reference
    assert answer(desk, first, "4", SENT_AT + timedelta(hours=5)).answered is Answered.NOT_AWAITED


ANSWERS = [
    # (what the tenant writes, one message after another) -> what each does, and what is kept
    (["5"], [Answered.SCORED], 5, None),
    (["4 - quick and tidy"], [Answered.SCORED], 4, "quick and tidy"),
    (["1. still leaking"], [Answered.SCORED], 1, "still leaking"),
    # No score: asked once...
    (["it was good thanks", "4"], [Answered.NUMBER_ASKED, Answered.SCORED], 4, "it was good thanks"),
    (
        ["it was good thanks", "5 - lovely lad"],
        [Answered.NUMBER_ASKED, Answered.SCORED],
        5,
        "it was good thanks / lovely lad",
    ),
    # ...and the comment kept without one if none comes.
    (
        ["it was good thanks", "just good really"],
        [Answered.NUMBER_ASKED, Answered.COMMENT_ONLY],
        None,
        "it was good thanks / just good really",
    ),
    (["it was good thanks", "no thanks"], [Answered.NUMBER_ASKED, Answered.COMMENT_ONLY], None, "it was good thanks"),
    # Declined: nothing kept.
    (["no thanks"], [Answered.DECLINED], None, None),
    # Once answered, nothing more is taken as the answer.
    (["5", "4"], [Answered.SCORED, Answered.NOT_AWAITED], 5, None),
    (["no thanks", "5"], [Answered.DECLINED, Answered.NOT_AWAITED], None, None),
]


@pytest.mark.parametrize("messages, outcomes, score, comment", ANSWERS)
def test_the_tenants_answer_is_kept_with_the_case(desk, teller, messages, outcomes, score, comment):
    case = surveyed(desk, teller)
    delivered(teller)
    moment = SENT_AT + timedelta(minutes=30)
    taken = [answer(desk, case, text, moment + timedelta(minutes=n)).answered for n, text in enumerate(messages)]
    assert taken == outcomes
    kept = Surveys(desk.cases.engine).for_case(case.reference)
    assert (kept.score, kept.comment) == (score, comment)


def test_each_answer_kept_is_on_the_cases_history(desk, teller):
    case = surveyed(desk, teller)
    delivered(teller)
    answer(desk, case, "it was good thanks", SENT_AT + timedelta(minutes=30))
    answer(desk, case, "4", SENT_AT + timedelta(minutes=32))
    events = [e for e in desk.cases.events(case.reference) if e.kind == "survey_answered"]
    assert [(e.actor, e.detail) for e in events] == [
        ("tenant", {"score": None, "comment": "it was good thanks"}),
        ("tenant", {"score": 4, "comment": "it was good thanks"}),
    ]
    kept = Surveys(desk.cases.engine).for_case(case.reference)
    assert kept.answered_at == SENT_AT + timedelta(minutes=32)


def test_an_answer_after_the_days_run_out_is_not_taken(desk, teller):
    case = surveyed(desk, teller)
    delivered(teller)
    assert answer(desk, case, "5", SENT_AT + ANSWER_WINDOW).answered is Answered.NOT_AWAITED
    assert Surveys(desk.cases.engine).for_case(case.reference).score is None


@pytest.mark.parametrize(
    "taken, reply",
    [
        (TakenAnswer(Answered.SCORED, "R", 5), "utter_survey_thanks"),
        (TakenAnswer(Answered.SCORED, "R", 4), "utter_survey_thanks"),
        (TakenAnswer(Answered.SCORED, "R", 3), "utter_survey_thanks"),
        # Let down: sorry, and a person or a complaint offered.
        (TakenAnswer(Answered.SCORED, "R", 2), "utter_survey_sorry"),
        (TakenAnswer(Answered.SCORED, "R", 1), "utter_survey_sorry"),
        (TakenAnswer(Answered.NUMBER_ASKED, "R"), "utter_survey_ask_number"),
        (TakenAnswer(Answered.COMMENT_ONLY, "R"), "utter_survey_thanks_comment"),
        (TakenAnswer(Answered.DECLINED, "R"), "utter_survey_declined"),
        (TakenAnswer(Answered.NOT_AWAITED), "utter_survey_not_awaited"),
    ],
)
def test_the_reply_to_each_answer(taken, reply):
    assert reply_to(taken) == reply


def test_the_metadata_a_connector_sends_reads_back_as_the_awaited_survey(desk, teller):
    case = surveyed(desk, teller)
    delivered(teller)
    awaited = Surveys(desk.cases.engine).awaited("twilio", case.conversation_id, SENT_AT)
    assert from_metadata(as_metadata(awaited)) == awaited
    assert from_metadata({}) is None
    assert from_metadata({"survey": {"reference": "R"}}) is None  # not readable: nothing awaited
    assert from_metadata({"survey": "yes"}) is None


async def _pass(teller, provider, now):
    twilio, messenger = providers_at(provider)
    async with ClientSession() as http:
        return await UpdatesWorker(teller, twilio, messenger, name="w").run_once(http, now)


async def test_the_worker_sends_the_survey_an_hour_after_completion_and_the_answer_is_awaited(desk, teller, provider):
    case = surveyed(desk, teller, on="sms")
    await _pass(teller, provider, COMPLETED_AT)
    assert len(provider.received) == 1  # the news that it is done
    await _pass(teller, provider, SENT_AT)
    [_, survey] = provider.received
    assert survey["form"]["To"] == ADDRESSES["sms"][1]
    assert case.reference in survey["form"]["Body"] and "Reply STOP" in survey["form"]["Body"]
    assert Surveys(desk.cases.engine).awaited("twilio", case.conversation_id, SENT_AT).reference == case.reference


async def test_messenger_outside_the_24_hours_sends_no_survey_and_awaits_no_answer(desk, teller, provider):
    case = surveyed(desk, teller, on="messenger")
    await _pass(teller, provider, SENT_AT)
    assert [r["json"]["tag"] for r in provider.received] == ["ACCOUNT_UPDATE"]  # only the news
    survey = [u for u in teller.updates.for_case(case.reference) if u.kind is UpdateKind.SURVEY][0]
    assert survey.status is UpdateStatus.NOT_SENT and "no tag allows survey" in survey.result
    assert Surveys(desk.cases.engine).awaited("facebook", case.conversation_id, SENT_AT) is None


async def test_messenger_within_the_24_hours_sends_the_survey(desk, teller, provider):
    case = surveyed(desk, teller, on="messenger")
    teller.updates.heard_from("facebook", case.conversation_id, SENT_AT - timedelta(hours=2))
    await _pass(teller, provider, SENT_AT)
    assert [r["json"]["messaging_type"] for r in provider.received] == ["RESPONSE", "RESPONSE"]
    assert Surveys(desk.cases.engine).awaited("facebook", case.conversation_id, SENT_AT)


async def test_a_case_reopened_before_its_survey_went_is_not_surveyed(desk, teller, provider):
    case = surveyed(desk, teller, on="sms")
    desk.cases.set_status(case.reference, CaseStatus.OPEN, COMPLETED_AT + timedelta(minutes=20), "staff:amy")
    await _pass(teller, provider, SENT_AT)
    assert len(provider.received) == 1  # the news it was done went at once; the survey not at all
    survey = [u for u in teller.updates.for_case(case.reference) if u.kind is UpdateKind.SURVEY][0]
    assert survey.status is UpdateStatus.NOT_SENT and "reopened" in survey.result
