"""The survey's whole path in one process, with the providers faked and the model's reading of
each message given: a repair completed, the worker sending the survey, the tenant's answer in
words arriving through the connector's check, taken by the policy and the action, kept with the
case and counted in the report. tests/e2e/test_survey.py plays the same through the running
assistant and its trained model."""

from datetime import date, timedelta

import pytest
from aiohttp import ClientSession
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.executor import CollectingDispatcher

from actions.survey import ActionSurveyAnswer
from bot import services
from bot.cases import CaseStatus, CaseStore
from bot.charter import RepairPriority, load_charter
from bot.intake import Desk
from bot.report import build_report, format_report
from bot.rasa.channels.common import survey_awaited
from bot.rasa.survey_policy import takes_survey_answer
from bot.rules import shared_rules
from bot.updates import Teller, after_completion
from bot.updates.surveys import Surveys
from bot.updates.worker import UpdatesWorker
from bot.working_days import WorkingCalendar
from tests.actions.conftest import tracker as action_tracker
from tests.bot.updates.conftest import LONDON, MONDAY_MORNING, a_repair, providers_at
from tests.support.domain import load_domain


@pytest.fixture
def desk(tmp_path):
    """A case database in a file: the connector reads it from a thread, as in the Rasa server."""
    charter = load_charter()
    desk = Desk(charter, WorkingCalendar.from_charter(charter), CaseStore.from_url(f"sqlite:///{tmp_path / 'c.db'}"))
    yield desk
    services.use()


def _message(text, intent, confidence, metadata, at):
    """The tenant's message as the Rasa server logs it: the model's reading given, the rules' run."""
    findings = [finding.value for finding in shared_rules().find(text)]
    intent_data = {"name": intent, "confidence": confidence}
    parse = {"intent": intent_data, "entities": [], "text": text, "triage": {"rules": findings}}
    return UserUttered(text, intent_data, [], parse, timestamp=at.timestamp(), metadata=metadata)


@pytest.mark.parametrize(
    "on, answer, intent, score, comment",
    [
        ("sms", "4 - quick and tidy", "give_feedback", 4, "quick and tidy"),
        ("whatsapp", "five stars", "give_feedback", 5, ""),
        ("messenger", "3 they were late", "complain", 3, "they were late"),
        ("sms", "1. still leaking", "report_repair_routine", 1, "still leaking"),
    ],
)
async def test_a_completed_repair_is_surveyed_answered_in_words_kept_and_counted(
    desk, provider, on, answer, intent, score, comment
):
    teller = Teller(desk)
    case = a_repair(desk, on=on, priority=RepairPriority.URGENT)
    # The console completes it, at 10:00 on Monday 7 December, and calls into the domain.
    completed = desk.cases.set_status(case.reference, CaseStatus.COMPLETED, MONDAY_MORNING, "staff:amy")
    after_completion(teller, completed, MONDAY_MORNING)
    if on != "sms":  # the tenant wrote in the last 24 hours: WhatsApp and Messenger allow text
        teller.updates.heard_from(case.channel, case.conversation_id, MONDAY_MORNING - timedelta(hours=1))
    # The worker: the news at once, the survey an hour later.
    twilio, messenger = providers_at(provider)
    worker = UpdatesWorker(teller, twilio, messenger, name="w")
    async with ClientSession() as http:
        await worker.run_once(http, MONDAY_MORNING)
        await worker.run_once(http, MONDAY_MORNING + timedelta(hours=1))
    survey = provider.received[-1]
    sent = survey["form"].get("Body") or survey["json"]["message"]["text"]
    assert case.reference in sent and "from 1 (very poor) to 5 (very good)" in sent
    # The tenant answers twenty minutes later, in words, as an ordinary message.
    answered_at = MONDAY_MORNING + timedelta(hours=1, minutes=20)
    services.use(desk, clock=lambda: answered_at)
    metadata = await survey_awaited(case.channel, case.conversation_id)
    conversation = DialogueStateTracker(case.conversation_id, [])
    conversation.update(ActionExecuted(ACTION_LISTEN_NAME))
    conversation.update(_message(answer, intent, 0.8, metadata, answered_at))
    assert takes_survey_answer(conversation)
    dispatcher = CollectingDispatcher()
    sdk_tracker = action_tracker(sender_id=case.conversation_id, text=answer, intent=intent, channel=case.channel)
    await ActionSurveyAnswer().run(dispatcher, sdk_tracker, load_domain())
    [reply] = dispatcher.messages
    assert reply["response"] == ("utter_survey_sorry" if score <= 2 else "utter_survey_thanks")
    # Kept with the case, and on its history...
    kept = Surveys(desk.cases.engine).for_case(case.reference)
    assert (kept.score, kept.comment or "") == (score, comment)
    assert desk.cases.events(case.reference)[-1].kind == "survey_answered"
    # ...and counted in the report.
    report = build_report(desk.cases, date(2026, 12, 1), date(2026, 12, 31), LONDON)
    [urgent, every] = report.repair_satisfaction
    assert (urgent.label, urgent.answers, urgent.mean) == ("Urgent repair", 1, float(score))
    assert every.label == "All repairs"
    assert "Urgent repair:" in format_report(report)
    # Answered: the next message is an ordinary one again.
    assert await survey_awaited(case.channel, case.conversation_id) == {}


async def test_a_danger_told_in_reply_to_the_survey_is_not_taken_as_its_answer(desk, provider):
    teller = Teller(desk)
    case = a_repair(desk, on="sms")
    completed = desk.cases.set_status(case.reference, CaseStatus.COMPLETED, MONDAY_MORNING, "staff:amy")
    after_completion(teller, completed, MONDAY_MORNING)
    twilio, messenger = providers_at(provider)
    async with ClientSession() as http:
        await UpdatesWorker(teller, twilio, messenger, name="w").run_once(http, MONDAY_MORNING + timedelta(hours=1))
    answered_at = MONDAY_MORNING + timedelta(hours=2)
    services.use(desk, clock=lambda: answered_at)
    metadata = await survey_awaited(case.channel, case.conversation_id)
    assert metadata["survey"]["reference"] == case.reference
    conversation = DialogueStateTracker(case.conversation_id, [])
    conversation.update(ActionExecuted(ACTION_LISTEN_NAME))
    conversation.update(_message("1 - i can smell gas in the kitchen", "report_gas_leak", 0.95, metadata, answered_at))
    assert not takes_survey_answer(conversation)
    assert Surveys(desk.cases.engine).for_case(case.reference).score is None
