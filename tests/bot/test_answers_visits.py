"""Which visit time a tenant chose, in their words or by a button: every row a way tenants write."""

from datetime import date

import pytest

from bot.answers.visits import CANCEL_VISIT, NONE_OF_THESE, asks_to_change_visit, visit_chosen, wants_cancelling

TODAY = date(2026, 12, 7)  # a Monday
# As shown: Wednesday's afternoon is full, so only its morning is offered.
OFFERED = [
    (date(2026, 12, 8), "morning"),
    (date(2026, 12, 8), "afternoon"),
    (date(2026, 12, 9), "morning"),
    (date(2026, 12, 10), "morning"),
    (date(2026, 12, 10), "afternoon"),
    (date(2026, 12, 11), "morning"),
    (date(2026, 12, 11), "afternoon"),
    (date(2026, 12, 14), "morning"),
    (date(2026, 12, 14), "afternoon"),
]
TUE_AM, TUE_PM, WED_AM, THU_AM, THU_PM, FRI_AM, FRI_PM, MON_AM, MON_PM = OFFERED


@pytest.mark.parametrize(
    "said, chosen",
    [
        ("tuesday morning", TUE_AM),
        ("Tuesday morning is fine", TUE_AM),
        ("thursday afternoon please", THU_PM),
        ("thurs pm", THU_PM),
        ("tue am", TUE_AM),
        ("Tue 8 Dec morning", TUE_AM),  # a button's title
        ("Tuesday 8 December, morning", TUE_AM),  # a button's words
        ("Monday 14 December, afternoon", MON_PM),
        ("the 10th in the afternoon", THU_PM),
        ("10th december morning", THU_AM),
        ("tomorrow morning", TUE_AM),
        ("tmrw after lunch", TUE_PM),
        ("friday after 2pm", FRI_PM),
        ("first thing friday", FRI_AM),
        ("wednesday", WED_AM),  # only its morning is free
        ("wednesday morning or thursday afternoon", WED_AM),  # the earliest of those named
        ("any morning", TUE_AM),
        ("mornings are best for me", TUE_AM),
        ("afternoon", TUE_PM),
        ("the first one", TUE_AM),
        ("first one please", TUE_AM),
        ("first", TUE_AM),
        ("the second option", TUE_PM),
        ("3", WED_AM),
        ("option 4", THU_AM),
        ("the last one", MON_PM),
        ("None of these", NONE_OF_THESE),  # the button
        ("none of those work", NONE_OF_THESE),
        ("none of them suit me sorry", NONE_OF_THESE),
        ("neither", NONE_OF_THESE),
        ("i cant do any of those, im at work", NONE_OF_THESE),
        ("nothing there works for me", NONE_OF_THESE),
        ("they're all no good", NONE_OF_THESE),
        ("actually can you cancel it", CANCEL_VISIT),
        ("cancel the visit for REP-2026-HT4MK9QA", CANCEL_VISIT),
        # Not an answer: asked again.
        ("tuesday", None),  # morning or afternoon?
        ("wednesday afternoon", None),  # full, not shown
        ("saturday morning", None),  # never offered
        ("the 25th", None),
        ("i am free whenever", None),  # "am" is a verb here
        ("option 12", None),
        ("yes", None),
        ("thanks", None),
        ("", None),
    ],
)
def test_the_time_chosen_is_read_from_the_tenants_words(said, chosen):
    assert visit_chosen(said, OFFERED, TODAY) == chosen


@pytest.mark.parametrize(
    "said, cancelling",
    [
        ("cancel the visit for REP-2026-HT4MK9QA", True),
        ("can you cancel my appointment", True),
        ("i want it cancelled", True),
        ("please call the visit off", True),
        ("don't cancel it, just move it", False),
        ("i dont want to cancel, can i change the day", False),
        ("can i change my appointment", False),
    ],
)
def test_cancelling_is_read_unless_it_is_said_not_to(said, cancelling):
    assert wants_cancelling(said) is cancelling


@pytest.mark.parametrize(
    "said, intent, confidence, leaves",
    [
        # Something else, and the model is sure: the question is left, the message answered.
        ("thanks very much", "thank", 0.97, True),
        ("bye", "goodbye", 0.95, True),
        ("the bathroom light has stopped working too", "report_repair_routine", 0.9, True),
        ("how do i pay my rent", "ask_rent_payment", 0.9, True),
        # An answer, whatever the model made of it: the form reads it.
        ("tuesday morning", "ask_timescales", 0.9, False),
        ("can you do thursday afternoon?", "ask_timescales", 0.8, False),
        ("none of those work", "complain", 0.7, False),
        ("cancel it please", "complain", 0.7, False),
        ("no", "deny", 0.99, False),
        ("not sure", "ask_other_housing_question", 0.8, False),
        ("any update on REP-2026-HT4MK9QA", "ask_case_status", 0.9, True),
        ("whenever really", "inform", 0.9, False),
        ("can i change my appointment to another week", "ask_timescales", 0.9, False),
        # The model unsure: asked again rather than left.
        ("hmm let me think", "thank", 0.4, False),
    ],
)
def test_a_message_about_something_else_leaves_the_visit_question(said, intent, confidence, leaves):
    from bot.answers import leaves_the_visit_question

    assert leaves_the_visit_question(said, intent, confidence, OFFERED, TODAY, "visit_choice") is leaves


def test_asked_which_repair_a_reference_is_the_answer():
    from bot.answers import leaves_the_visit_question

    said = "its REP-2026-HT4MK9QA"
    assert not leaves_the_visit_question(said, "ask_case_status", 0.9, [], TODAY, "visit_case")
    assert leaves_the_visit_question(said, "ask_case_status", 0.9, OFFERED, TODAY, "visit_choice")


@pytest.mark.parametrize(
    "said, asks",
    [
        ("can I change my appointment", True),
        ("I need to rebook the visit", True),
        ("cancel the visit for REP-2026-HT4MK9QA", True),
        ("something's come up, can I change my appointment", True),
        ("can you cancel the visit please, my son fixed the drawer", True),
        ("change my visit", True),  # as the visit-booked update suggests
        ("cancel my visit", True),
        ("book a visit", True),  # as the chat suggests after "none of these"
        ("can i move my appointment to next week, im away thursday", True),
        ("i need to reschedule my repair appointment", True),
        ("chnage my apointment", True),
        ("cant make the appointment tomorrow", True),
        ("can my visit be earlier", True),
        ("can i change the day you're coming", True),
        ("can you come on a different day", True),
        ("rebook please", True),
        # A grievance, another appointment, or a new report: not a visit to change.
        ("you cancelled my repair appointment three times", False),
        ("why did you cancel my appointment", False),
        ("can i move my gas service appointment", False),
        ("gas servicing appointment change pls", False),
        ("is my repair appointment still on for tomorrow", False),
        ("I would like to book a repair appointment for a dripping tap please", False),
        ("I want to book a repair", False),
        ("can i change my phone number", False),
        ("cancel my direct debit", False),
        ("book me a doctors appointment", False),
        ("could you add evening appointments", False),
    ],
)
def test_asking_to_change_a_visit_is_read_from_the_words(said, asks):
    assert asks_to_change_visit(said) is asks


@pytest.mark.parametrize(
    "said, intent, confidence, findings, danger",
    [
        (
            "please cancel my repair appointment, ive put my affairs in order",
            "ask_case_status",
            0.5,
            ["self_harm"],
            True,
        ),
        ("cancel my visit, he said hes going to kill me", "express_self_harm", 0.8, [], True),
        ("cancel my visit please", "ask_case_status", 0.9, [], False),
    ],
)
def test_a_danger_told_beside_a_visit_comes_first(said, intent, confidence, findings, danger):
    from bot.answers import danger_told

    assert danger_told(said, intent, confidence, findings) is danger
