import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.asb import ActionSubmitAsbReport, ValidateAsbForm
from tests.actions.conftest import rendered, session_slots, tracker


@pytest.mark.parametrize(
    "risk, high_risk, category, promised",
    [
        (
            "high",
            None,
            "high_risk",
            "will contact you within 1 working day, by Monday 30 November, and agree "
            "an action plan with you within 2 working days of that contact",
        ),
        ("low", True, "high_risk", "within 1 working day"),
        ("low", False, "low_risk", "will respond within 3 working days, by Wednesday 2 December"),
    ],
)
async def test_an_asb_report_is_logged_with_the_response_for_its_risk(
    desk, domain, risk, high_risk, category, promised
):
    dispatcher = CollectingDispatcher()
    await ActionSubmitAsbReport().run(
        dispatcher,
        tracker({"asb_description": "shouting and threats", "asb_risk": risk, "asb_is_high_risk": high_risk}),
        domain,
    )
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.reference.startswith("ASB-") and case.reference in text
    assert case.category == category
    assert promised in text


def test_the_asb_form_keeps_a_description_that_says_what_happened(domain):
    result = ValidateAsbForm().validate_asb_description(
        "dealing drugs on the landing", CollectingDispatcher(), tracker(), domain
    )
    assert result == {"asb_description": "dealing drugs on the landing"}


from bot.cases import CaseKind  # noqa: E402
from bot.charter import AsbRisk  # noqa: E402
from bot.intake import log_asb_report, Reporter  # noqa: E402
from bot.cases import ChannelIdentity  # noqa: E402
from tests.actions.conftest import NOW  # noqa: E402
from datetime import timedelta  # noqa: E402


async def test_a_hate_incident_is_flagged_on_the_case(desk, domain):
    said = [
        {
            "event": "user",
            "text": "they shout racist abuse at me",
            "parse_data": {"intent": {"name": "report_asb_high_risk"}, "triage": {"hate_incident": True}},
        }
    ]
    dispatcher = CollectingDispatcher()
    await ActionSubmitAsbReport().run(
        dispatcher,
        tracker({"asb_description": "they shout racist abuse at me", "asb_risk": "high"}, events=said),
        domain,
    )
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.hate_incident is True
    assert "utter_hate_incident_noted" in [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize("earlier_reports, told", [(1, False), (2, True)])
async def test_the_third_report_in_six_months_is_told_about_the_case_review(desk, domain, earlier_reports, told):
    reporter = Reporter("web-1", identity=ChannelIdentity("rest", "web-1"))
    for months_ago in range(earlier_reports):
        log_asb_report(desk, AsbRisk.LOW, "noise", reporter, NOW - timedelta(days=30 * (months_ago + 1)))
    dispatcher = CollectingDispatcher()
    await ActionSubmitAsbReport().run(
        dispatcher, tracker({"asb_description": "noise again", "asb_risk": "low"}, sender_id="web-1"), domain
    )
    text = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    assert ("3 times in the last 6 months" in text and "ASB case review" in text) is told
    assert (
        len([c for c in desk.cases.for_conversation("web-1") if c.kind is CaseKind.ANTI_SOCIAL_BEHAVIOUR])
        == earlier_reports + 1
    )


async def test_violence_told_during_the_report_makes_it_high_risk(desk, domain):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.asb import ActionSubmitAsbReport
    from bot.charter import AsbRisk
    from tests.actions.conftest import tracker

    interrupted = {
        "event": "user",
        "text": "hes outside my door now kicking it and screaming hes going to kill me",
        "parse_data": {"intent": {"name": "report_danger_to_life"}, "triage": {"rules": ["danger_to_life"]}},
    }
    slots = {"asb_description": "people slamming doors all night", "asb_risk": "low"}
    await ActionSubmitAsbReport().run(CollectingDispatcher(), tracker(slots, events=[interrupted]), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.category == AsbRisk.HIGH.value
