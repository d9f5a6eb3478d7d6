from rasa_sdk.executor import CollectingDispatcher

from actions.complaints import ActionSubmitComplaint, ValidateComplaintForm
from tests.actions.conftest import rendered, session_slots, tracker


async def test_a_complaint_is_logged_at_stage_one_with_every_date(desk, domain):
    dispatcher = CollectingDispatcher()
    await ActionSubmitComplaint().run(dispatcher, tracker({"complaint_description": "the contractor was rude"}), domain)
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.reference.startswith("CMP-") and case.reference in text
    for promised in (
        "within 3 working days, by Wednesday 2 December",
        "within 5 working days, by Friday 4 December",
        "within 10 working days of that acknowledgement",
        desk.charter.emergency_numbers.housing_ombudsman.number,
    ):
        assert promised in text


def test_the_complaint_form_asks_for_detail_after_a_bare_request(domain):
    result = ValidateComplaintForm().validate_complaint_description(
        "i want to make a complaint", CollectingDispatcher(), tracker(), domain
    )
    assert result == {"complaint_description": None}


import pytest  # noqa: E402

from actions.complaints import ActionEscalateComplaint, ValidateEscalationForm  # noqa: E402
from bot.cases import CaseKind, CaseStatus  # noqa: E402
from bot.intake import log_complaint, log_repair  # noqa: E402
from tests.actions.conftest import NOW  # noqa: E402


@pytest.mark.parametrize(
    "description, explained, referred",
    [
        ("your contractor broke my window back in 2021", "more than a year ago", None),
        ("your workman stole my ring when he fixed the sink", "belong with the police", "the police or the courts"),
        ("I've already complained about this and got a response", "already answered", None),
        ("my solicitor has started a disrepair claim", "court claim", None),
    ],
)
async def test_a_complaint_that_may_be_excluded_is_logged_explained_and_left_to_a_manager(
    desk, domain, description, explained, referred
):
    dispatcher = CollectingDispatcher()
    await ActionSubmitComplaint().run(dispatcher, tracker({"complaint_description": description}), domain)
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.COMPLAINT and case.status == CaseStatus.AWAITING_DECISION.value
    assert case.reference in text and explained in text
    assert "A manager will look at it" in text and "by Wednesday 2 December" in text
    assert "Housing Ombudsman" in text and desk.charter.emergency_numbers.housing_ombudsman.number in text
    assert (referred in text) if referred else ("may also need to go to" not in text)


@pytest.mark.parametrize(
    "months, status",
    [
        (6, CaseStatus.AWAITING_DECISION),  # eight months is past a six-month limit: a manager decides
        (12, CaseStatus.OPEN),  # the charter's own
        (24, CaseStatus.OPEN),
    ],
)
async def test_how_old_a_complaint_may_be_is_the_charters_to_say(desk, domain, months, status):
    from dataclasses import replace

    from bot import services
    from bot.intake import Desk

    limit = replace(desk.charter.complaint_time_limit, months=months)
    desk = Desk(replace(desk.charter, complaint_time_limit=limit), desk.calendar, desk.cases)
    services.use(desk, clock=lambda: NOW)
    description = "your contractor broke my window 8 months ago"
    await ActionSubmitComplaint().run(CollectingDispatcher(), tracker({"complaint_description": description}), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.COMPLAINT and case.status == status.value


async def test_a_complaint_about_a_neighbour_goes_to_the_asb_team(desk, domain):
    dispatcher = CollectingDispatcher()
    await ActionSubmitComplaint().run(
        dispatcher, tracker({"complaint_description": "my neighbour plays loud music every night"}), domain
    )
    text = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.ANTI_SOCIAL_BEHAVIOUR
    assert "handled as anti-social behaviour" in text and case.reference in text


async def test_a_complaint_about_how_we_handled_a_neighbour_is_a_complaint(desk, domain):
    await ActionSubmitComplaint().run(
        CollectingDispatcher(),
        tracker({"complaint_description": "I reported my neighbour five times and you did nothing"}),
        domain,
    )
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.COMPLAINT and case.status == CaseStatus.OPEN.value


async def _escalate(desk, domain, reference, sender="tenant-1", text=""):
    dispatcher = CollectingDispatcher()
    await ActionEscalateComplaint().run(
        dispatcher, tracker({"complaint_reference": reference}, sender_id=sender, text=text), domain
    )
    return " ".join(rendered(dispatcher, domain, session_slots(desk)))


async def test_a_tenant_escalates_their_own_complaint_by_reference_without_being_asked_why(desk, domain):
    reference = log_complaint(desk, "rude engineer", "tenant-1", NOW).reference
    text = await _escalate(desk, domain, reference)
    assert f"review of your complaint {reference} (stage 2)" in text
    # Contact within 3 days; acknowledgement within 5 working days; response 20 working days after.
    for promised in (
        "within 3 days, by Monday 30 November",
        "within 5 working days, by Friday 4 December",
        "within 20 working days of that acknowledgement, by Wednesday 6 January 2027 at the latest",
    ):
        assert promised in text
    assert "why" not in text.replace("don't need to give a reason", "")
    assert [stage.stage for stage in desk.cases.complaint_stages(reference)] == [1, 2]


@pytest.mark.parametrize(
    "whose, said",
    [
        ("someone else's complaint", "can't find a complaint with that reference"),
        ("a repair", "can't find a complaint with that reference"),
        ("an unknown reference", "can't find a complaint with that reference"),
        # "not sure": no reference was given, so none is said to be unknown.
        ("none", "Without the reference I can't find your complaint from here"),
    ],
)
async def test_nobody_escalates_what_is_not_their_complaint_and_learns_nothing(desk, domain, whose, said):
    other = log_complaint(desk, "rude engineer", "tenant-2", NOW).reference
    repair = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-1", NOW).reference
    reference = {
        "someone else's complaint": other,
        "a repair": repair,
        "an unknown reference": "CMP-2026-999999",
        "none": "none",
    }[whose]
    text = await _escalate(desk, domain, reference)
    assert said in text and "CMP-" not in text and "ask for a review" in text.replace("ask for one", "ask for a review")
    assert [stage.stage for stage in desk.cases.complaint_stages(other)] == [1]


@pytest.mark.parametrize(
    "said, asked, kept",
    [
        ("please review CMP-2026-000004", None, "CMP-2026-000004"),
        ("I want stage 2", None, None),
        ("cmp 2026 000004", "complaint_reference", "CMP-2026-000004"),
        ("I don't have it", "complaint_reference", "none"),
    ],
)
def test_the_review_form_takes_a_reference_however_typed_and_asks_at_most_once(domain, said, asked, kept):
    result = ValidateEscalationForm().validate_complaint_reference(
        said, CollectingDispatcher(), tracker(requested_slot=asked), domain
    )
    assert result == {"complaint_reference": kept}


from bot.charter import RepairPriority  # noqa: E402


async def test_a_stranger_with_the_reference_and_the_postcode_cannot_escalate_and_the_log_says_who_did(desk, domain):
    from bot.cases import ChannelIdentity
    from bot.intake import Reporter

    owner = Reporter("web-owner", identity=ChannelIdentity("rest", "web-owner"), postcode="SY7 9BW")
    reference = log_complaint(desk, "rude engineer", owner, NOW).reference
    stranger = await _escalate(desk, domain, reference, sender="web-stranger", text=f"{reference} SY7 9BW")
    assert "can't find a complaint with that reference" in stranger
    assert [stage.stage for stage in desk.cases.complaint_stages(reference)] == [1]
    assert "stage 2" in await _escalate(desk, domain, reference, sender="web-owner")
    [moved] = [e for e in desk.cases.events(reference) if e.kind != "opened"]
    assert moved.actor == "tenant:rest:web-owner"


@pytest.mark.parametrize(
    "waiting, says, paused",
    [
        (None, "Is there anything else I can help with?", False),
        ("out_of_hours_emergency", "I won't log a complaint", True),
    ],
)
async def test_a_no_to_the_complaint_offered_hands_over_what_was_waiting(desk, domain, waiting, says, paused):
    from actions.complaints import ActionDeclineComplaint

    dispatcher = CollectingDispatcher()
    events = await ActionDeclineComplaint().run(dispatcher, tracker({"handover_after_complaint": waiting}), domain)
    assert says in " ".join(rendered(dispatcher, domain, session_slots(desk)))
    assert any(e.get("event") == "pause" for e in events) is paused
    assert not desk.cases.for_conversation("tenant-1")


async def test_a_complaint_made_after_an_out_of_hours_emergency_is_logged_then_handed_over(desk, domain):
    events = await ActionSubmitComplaint().run(
        CollectingDispatcher(),
        tracker(
            {
                "complaint_description": "your contractor flooded my flat",
                "handover_after_complaint": "out_of_hours_emergency",
            }
        ),
        domain,
    )
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.kind is CaseKind.COMPLAINT
    assert any(e.get("event") == "pause" for e in events)
