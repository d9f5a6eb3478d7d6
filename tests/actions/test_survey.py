"""action_survey_answer: the tenant's words kept with the case, and the reply each answer gets."""

from datetime import timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.survey import ActionSurveyAnswer
from bot.charter import RepairPriority
from bot.updates.surveys import Surveys
from tests.actions.conftest import NOW, rendered, tracker
from tests.bot.updates.conftest import delivered_survey


async def _answer(desk, domain, case, text, channel="twilio"):
    dispatcher = CollectingDispatcher()
    events = await ActionSurveyAnswer().run(
        dispatcher, tracker(sender_id=case.conversation_id, text=text, intent="inform", channel=channel), domain
    )
    return events, dispatcher


@pytest.mark.parametrize(
    "messages, replies, score, comment",
    [
        (["5"], ["Thank you for telling us how we did with your repair REP-"], 5, None),
        (["4 - quick and tidy"], ["Thank you for telling us how we did"], 4, "quick and tidy"),
        (["3 they were late"], ["Thank you for telling us how we did"], 3, "they were late"),
        # Let down: sorry, and a person or a complaint offered.
        (["1. still leaking"], ["I'm sorry we didn't do better"], 1, "still leaking"),
        (["2"], ["I'm sorry we didn't do better"], 2, None),
        # No score: asked once, then the comment is kept with or without one.
        (
            ["it was good thanks", "4"],
            ["how would you score your repair", "Thank you for telling us how we did"],
            4,
            "it was good thanks",
        ),
        (
            ["it was good thanks", "just good"],
            ["how would you score your repair", "we've kept what you told us"],
            None,
            "it was good thanks / just good",
        ),
        (["no thanks"], ["No problem."], None, None),
        # Answered already: said so, nothing changed.
        (["5", "1"], ["Thank you for telling us how we did", "We already have your answer"], 5, None),
    ],
)
async def test_the_answer_is_kept_and_the_tenant_thanked(desk, domain, messages, replies, score, comment):
    case, _ = delivered_survey(desk, completed_at=NOW - timedelta(hours=14))
    said = []
    for text in messages:
        events, dispatcher = await _answer(desk, domain, case, text)
        assert events == []
        said += rendered(dispatcher, domain)
    assert len(said) == len(replies)
    for reply, expected in zip(said, replies):
        assert expected in reply
    kept = Surveys(desk.cases.engine).for_case(case.reference)
    assert (kept.score, kept.comment) == (score, comment)


async def test_a_low_score_offers_a_person_and_a_complaint_as_buttons(desk, domain):
    case, _ = delivered_survey(desk, completed_at=NOW - timedelta(hours=14))
    _, dispatcher = await _answer(desk, domain, case, "1 nobody came back")
    [message] = dispatcher.messages
    buttons = domain["responses"][message["response"]][0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/request_human", "/complain"]


async def test_the_web_chats_answer_is_kept_too(desk, domain):
    case, _ = delivered_survey(desk, priority=RepairPriority.URGENT, completed_at=NOW - timedelta(hours=14), on="web")
    await _answer(desk, domain, case, "five stars", channel="rest")
    assert Surveys(desk.cases.engine).for_case(case.reference).score == 5
