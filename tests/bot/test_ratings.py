"""The survey's answer in the tenant's words: the score and the comment, and whether a message
is the answer or something else (bot.answers.ratings)."""

import pytest

from bot.answers import Rating, answers_the_survey, declines_survey, read_rating


@pytest.mark.parametrize(
    "text, score, comment",
    [
        # A number alone, however it is dressed.
        ("5", 5, ""),
        ("1", 1, ""),
        (" 4 ", 4, ""),
        ("5!!!", 5, ""),
        ("2.", 2, ""),
        ("(4)", 4, ""),
        ("3)", 3, ""),
        # A number, then what they thought.
        ("4 - quick and tidy", 4, "quick and tidy"),
        ("3 they were late", 3, "they were late"),
        ("1. still leaking", 1, "still leaking"),
        ("1 - terrible", 1, "terrible"),
        ("3 - ok but left a mess", 3, "ok but left a mess"),
        ("4: good job", 4, "good job"),
        ("5 thanks", 5, "thanks"),
        ("4 thanks, the lad was lovely", 4, "thanks, the lad was lovely"),
        ("1 they never turned up", 1, "they never turned up"),
        # In words, and in stars.
        ("five stars", 5, ""),
        ("Five", 5, ""),
        ("four!", 4, ""),
        ("two - rubbish", 2, "rubbish"),
        ("4 stars", 4, ""),
        ("4 stars - good job", 4, "good job"),
        ("rated 5 stars", 5, ""),
        ("3*", 3, ""),
        ("⭐⭐⭐⭐", 4, ""),
        ("⭐⭐⭐ ok", 3, ""),
        ("full marks", 5, ""),
        # Out of 5, and out of 10 halved.
        ("4/5", 4, ""),
        ("5 out of 5", 5, ""),
        ("4 out of five", 4, ""),
        ("4 of 5", 4, ""),
        ("5/5 brilliant", 5, "brilliant"),
        ("10/10", 5, ""),
        ("8/10", 4, ""),
        ("1/10", 1, ""),
        # Given in a sentence: the sentence is the comment.
        ("i'd give them a 4", 4, ""),
        ("I would rate it 5", 5, ""),
        ("Score: 4", 4, ""),
        ("rating 4", 4, ""),
        ("I'd say 3", 3, ""),
        ("a solid 4", 4, ""),
        ("easily a 5", 5, ""),
        ("its a 4 from me", 4, ""),
        ("thats a 5.", 5, ""),
        ("I give it 3 out of 5 not bad", 3, "I give it 3 out of 5 not bad"),
        ("ok i'll give you a 2 they were late", 2, "ok i'll give you a 2 they were late"),
        # No number: the words are the comment, and the tenant is asked once for a score.
        ("it was good thanks", None, "it was good thanks"),
        ("brilliant, thank you", None, "brilliant, thank you"),
        ("excellent", None, "excellent"),
        # Counts, times and amounts are not scores.
        ("2 weeks late", None, "2 weeks late"),
        ("3 windows are still broken", None, "3 windows are still broken"),
        ("2 bedroom flat", None, "2 bedroom flat"),
        ("4pm is fine", None, "4pm is fine"),
        ("3:30", None, "3:30"),
        ("they came 3 times before it was fixed", None, "they came 3 times before it was fixed"),
        ("they say 2 weeks", None, "they say 2 weeks"),
        ("we waited 2.", None, "we waited 2."),
        ("give it 10 minutes", None, "give it 10 minutes"),
        ("one of the tiles fell off", None, "one of the tiles fell off"),
        # Unclear: a range, two scores, a half, or out of 1 to 5. Asked again, never guessed.
        ("3 or 4", None, "3 or 4"),
        ("4-5", None, "4-5"),
        ("between 3 and 4", None, "between 3 and 4"),
        ("3 - 4 days late", None, "3 - 4 days late"),
        ("4.5", None, "4.5"),
        ("0", None, "0"),
        ("7", None, "7"),
        ("10", None, "10"),
        ("6/5", None, "6/5"),
        ("", None, ""),
    ],
)
def test_a_score_and_a_comment_are_read_from_the_tenants_words(text, score, comment):
    assert read_rating(text) == Rating(score, comment)


@pytest.mark.parametrize(
    "text, declines",
    [
        ("no thanks", True),
        ("No thank you.", True),
        ("nah", True),
        ("not interested", True),
        ("rather not", True),
        ("no comment", True),
        ("no it wasnt fixed", False),
        ("5", False),
        ("it was good thanks", False),
    ],
)
def test_a_tenant_may_decline_the_survey(text, declines):
    assert declines_survey(text) is declines


@pytest.mark.parametrize(
    "text, intent, confidence, findings, answers",
    [
        # A score is the answer, whatever the model made of the words around it.
        ("5", "inform", 0.4, [], True),
        ("4 - quick and tidy", "give_feedback", 0.8, [], True),
        ("1. still leaking", "report_repair_routine", 0.9, ["water_leak", "dissatisfied"], True),
        ("3 they were late", "complain", 0.7, ["dissatisfied"], True),
        # Safety first: a danger, or a repair needing someone today, is never filed as a score.
        ("1 - i can smell gas again", "report_gas_leak", 0.9, ["gas"], False),
        (
            "2 theres water pouring through the ceiling onto the lights",
            "report_repair_emergency",
            0.9,
            ["water_leak", "urgent_repair", "emergency_repair"],
            False,
        ),
        ("1 still leaking water everywhere", "report_repair_urgent", 0.8, ["water_leak", "urgent_repair"], False),
        ("1 they were awful and i want to end it all", "express_self_harm", 0.7, ["self_harm"], False),
        ("5 but my partner hit me last night", "report_domestic_abuse", 0.8, ["domestic_abuse"], False),
        ("4 he said hes going to stab me", "report_asb_high_risk", 0.8, ["asb_high_risk"], False),
        ("2 theres a fire in the kitchen", "report_fire", 0.95, [], False),
        # No score: a comment is the answer...
        ("it was good thanks", "thank", 0.9, [], True),
        ("brilliant job by the lads", "give_feedback", 0.7, [], True),
        ("yes all sorted", "affirm", 0.9, [], True),
        ("no thanks", "deny", 0.9, [], True),
        ("meh", "nlu_fallback", 0.2, [], True),
        ("they left mud on the carpet", "complain", 0.45, ["dissatisfied"], True),
        # Unhappiness the model reads as a complaint is the comment, unless they ask to complain.
        ("took too long", "complain", 0.9, [], True),
        ("still not fixed", "complain", 0.84, ["dissatisfied"], True),
        ("not happy they didnt finish", "complain", 0.97, ["dissatisfied"], True),
        ("good", "greet", 0.43, [], True),
        ("rubbish", "nlu_fallback", 0.3, [], True),
        # ...but not a question, a greeting or a new report the model is sure of.
        ("when are you coming to do the fence?", "ask_case_status", 0.8, [], False),
        ("how do i pay my rent", "ask_rent_payment", 0.9, [], False),
        ("hello", "greet", 0.99, [], False),
        ("my back door wont lock", "report_repair_routine", 0.9, [], False),
        ("yes and i need another repair, the bedroom window wont shut", "report_repair_routine", 0.85, [], False),
        ("the neighbours are playing loud music every night", "report_asb_low_risk", 0.9, ["neighbour"], False),
        ("I want to make a complaint about the repairs team", "complain", 0.9, ["dissatisfied"], False),
        ("can I speak to a person", "request_human", 0.95, [], False),
    ],
)
def test_a_message_that_may_answer_the_survey_does_unless_it_is_clearly_something_else(
    text, intent, confidence, findings, answers
):
    assert answers_the_survey(text, intent, confidence, findings) is answers
