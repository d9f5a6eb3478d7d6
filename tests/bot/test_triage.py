import pytest

from bot.triage import RepairAnswers, description_to_keep, says_what_happened
from bot.triage import RepairQuestion as Q


@pytest.mark.parametrize(
    "message, says_enough",
    [
        ("I need to report a repair", False),
        ("can i report a repair please", False),
        ("i want to make a complaint", False),
        ("I want to report anti social behaviour", False),
        ("hi i need something fixing", False),
        ("my boiler has stopped working", True),
        ("boiler", True),
        ("the repair man never turned up", True),
        ("neighbours playing music till 3am", True),
        ("", False),
        ("!!!", False),
    ],
)
def test_a_bare_request_does_not_say_what_happened(message, says_enough):
    assert says_what_happened(message) is says_enough


@pytest.mark.parametrize(
    "message, already_asked, kept",
    [
        ("I need to report a repair", False, None),
        ("I need to report a repair", True, "I need to report a repair"),
        ("  tap dripping in the kitchen  ", False, "tap dripping in the kitchen"),
        ("   ", True, None),
        (None, True, None),
        (42, False, None),
    ],
)
def test_the_form_asks_once_then_keeps_whatever_the_tenant_says(message, already_asked, kept):
    assert description_to_keep(message, already_asked) == kept


from bot.rules import Finding, shared_rules  # noqa: E402
from bot.triage import triage  # noqa: E402


@pytest.mark.parametrize(
    "model_intent, text, intent, category, priority, asb_risk, safety",
    [
        # The model is trusted when the rules see nothing more.
        ("report_repair_routine", "dripping tap", "report_repair_routine", "repair", "routine", None, None),
        ("report_asb_low_risk", "loud music", "report_asb_low_risk", "asb", None, "low", None),
        ("ask_rent_payment", "how do i pay rent", "ask_rent_payment", "enquiry", None, None, None),
        # Rules raise a repair's priority, never lower it.
        (
            "report_repair_routine",
            "water dripping onto the light switch",
            "report_repair_emergency",
            "repair",
            "emergency",
            None,
            None,
        ),
        ("report_repair_external", "no heating since monday", "report_repair_urgent", "repair", "urgent", None, None),
        ("report_repair_major", "mould all over the kitchen", "report_damp_mould", "repair", "damp_mould", None, None),
        (
            "report_repair_emergency",
            "black mould and water on the sockets",
            "report_repair_emergency",
            "repair",
            "emergency",
            None,
            None,
        ),
        # Low-risk ASB with a threat or hate is high risk.
        ("report_asb_low_risk", "they threatened me on the stairs", "report_asb_high_risk", "asb", None, "high", None),
        (
            "complain_about_neighbour",
            "racist comments from next door",
            "report_asb_high_risk",
            "asb",
            None,
            "high",
            None,
        ),
        # Safety comes first, whatever the model said.
        ("ask_gas_safety_check", "i can smell gas", "report_gas_leak", "repair", "urgent", None, "gas"),
        ("greet", "my kitchen is on fire", "report_fire", "repair", "emergency", None, "fire_or_danger"),
        (
            "report_asb_high_risk",
            "he has a knife and is outside my door",
            "report_danger_to_life",
            "asb",
            None,
            "high",
            "fire_or_danger",
        ),
        ("report_asb_high_risk", "my partner hit me", "report_domestic_abuse", "other", None, None, "domestic_abuse"),
        # The home the abuser left open keeps its emergency repair, logged with the disclosure.
        (
            "report_domestic_abuse",
            "my ex kicked the front door in last night and i cant lock it",
            "report_domestic_abuse",
            "repair",
            "emergency",
            None,
            "domestic_abuse",
        ),
        ("out_of_scope", "i want to end it all", "express_self_harm", "other", None, None, "self_harm"),
        ("nlu_fallback", "cant go on anymore", "express_self_harm", "other", None, None, "self_harm"),
        # The model alone can raise a safety signal too.
        ("report_gas_leak", "funny smell from the hob", "report_gas_leak", "repair", "urgent", None, "gas"),
    ],
)
def test_triage_raises_what_the_model_said_and_puts_safety_first(
    model_intent, text, intent, category, priority, asb_risk, safety
):
    result = triage(model_intent, 0.8, shared_rules().find(text)).as_dict()
    assert (result["intent"], result["category"], result["priority"], result["asb_risk"], result["safety"]) == (
        intent,
        category,
        priority,
        asb_risk,
        safety,
    )
    assert result["model_intent"] == model_intent


@pytest.mark.parametrize(
    "confidence, text, intent",
    [
        (0.3, "total waste of time", "nlu_fallback"),  # a bare guess at a complaint: offered as a choice
        (0.45, "you never came to fix the fence", "complain"),
        (0.9, "i want to make a complaint", "complain"),
    ],
)
def test_a_complaint_is_opened_only_when_the_model_is_fairly_sure(confidence, text, intent):
    assert triage("complain", confidence, shared_rules().find(text)).intent == intent


@pytest.mark.parametrize(
    "model_intent, confidence, text, intent",
    [
        ("ask_other_housing_question", 0.37, '<a href="javascript:alert(0)">x</a>', "nlu_fallback"),  # markup
        ("ask_other_housing_question", 0.45, "who cuts the grass on the estate", "ask_other_housing_question"),
        ("ask_accessible_formats", 0.35, "<img src=x onerror=alert('sms')>", "nlu_fallback"),
        ("ask_accessible_formats", 0.45, "can i have my letters in large print", "ask_accessible_formats"),
        # An answer with no call back offered is given on a guess, as before.
        ("ask_rent_payment", 0.35, "how do i pay", "ask_rent_payment"),
    ],
)
def test_a_question_answered_with_a_call_back_is_answered_only_when_the_model_is_fairly_sure(
    model_intent, confidence, text, intent
):
    assert triage(model_intent, confidence, shared_rules().find(text)).intent == intent


def test_a_hate_incident_is_flagged():
    assert triage("report_asb_high_risk", 0.9, shared_rules().find("homophobic abuse shouted at me")).hate_incident


@pytest.mark.parametrize(
    "runner_up, text, intent, category",
    [
        # The rules back the unsure guess: act on it.
        ("report_asb_low_risk", "wrote horrible stuff about muslims on our wall", "report_asb_high_risk", "asb"),
        ("report_repair_routine", "water dripping near the fuse box", "report_repair_emergency", "repair"),
        # Nothing backs it: the bot says it did not understand.
        ("report_asb_low_risk", "kids kicking a ball about", "nlu_fallback", "other"),
        # A neighbour named backs a guess of neighbour trouble.
        ("report_asb_low_risk", "the dog at number 12 barks till 2 every night", "report_asb_low_risk", "asb"),
        ("ask_pets", "my mum is poorly", "nlu_fallback", "other"),
        # A repair that cannot wait is acted on whatever the guess.
        ("ask_pets", "water dripping near the fuse box", "report_repair_emergency", "repair"),
        (None, "no heating at all", "report_repair_urgent", "repair"),
    ],
)
def test_an_unsure_guess_is_acted_on_only_when_the_rules_back_it(runner_up, text, intent, category):
    result = triage("nlu_fallback", 0.3, shared_rules().find(text), runner_up=runner_up)
    assert (result.intent, result.category.value) == (intent, category)


@pytest.mark.parametrize(
    "runner_up, runner_up_confidence, second_guess, text, intent",
    [
        # Torn between two readings of one repair: a repair, the calmer of the two.
        (
            "report_repair_emergency",
            0.49,
            "report_repair_routine",
            "the lift makes a grinding noise",
            "report_repair_routine",
        ),
        ("report_repair_emergency", 0.42, "report_damp_mould", "the grout has gone black", "report_damp_mould"),
        # Both same-day, and the rules saw nothing that cannot wait: routine, as the form raises it.
        (
            "report_repair_emergency",
            0.41,
            "report_repair_urgent",
            "the bath tap drips all day",
            "report_repair_routine",
        ),
        # Neighbour trouble: low risk unless the rules saw a threat.
        (
            "report_asb_high_risk",
            0.45,
            "report_asb_low_risk",
            "number 7 leave their rubbish out",
            "report_asb_low_risk",
        ),
        ("report_asb_high_risk", 0.45, "report_asb_low_risk", "number 7 said theyd stab me", "report_asb_high_risk"),
        ("escalate_complaint", 0.46, "complain", "third time i have written about this", "escalate_complaint"),
        # Two questions each have their own answer: the choice of areas, not the wrong answer.
        ("ask_case_status", 0.45, "ask_planned_improvements", "when is the man coming", "nlu_fallback"),
        # Two areas, a danger among the two, or a guess too faint: not torn within one report.
        ("report_repair_routine", 0.45, "ask_pets", "my mum is poorly", "nlu_fallback"),
        ("report_repair_emergency", 0.45, "report_fire", "my mum is poorly", "nlu_fallback"),
        ("report_repair_routine", 0.25, "report_repair_external", "my mum is poorly", "nlu_fallback"),
    ],
)
def test_a_guess_torn_between_two_readings_of_one_report_is_that_report(
    runner_up, runner_up_confidence, second_guess, text, intent
):
    result = triage(
        "nlu_fallback",
        0.3,
        shared_rules().find(text),
        runner_up=runner_up,
        runner_up_confidence=runner_up_confidence,
        second_guess=second_guess,
    )
    assert result.intent == intent


@pytest.mark.parametrize(
    "runner_up, runner_up_confidence, text, intent",
    [
        # A danger to a person the model put first is acted on, though another intent came close.
        ("express_self_harm", 0.52, "nobody would miss me if i wasnt here", "express_self_harm"),
        ("report_domestic_abuse", 0.35, "he checks where i am every minute", "report_domestic_abuse"),
        # A faint guess is not: everything was equally unlikely.
        ("express_self_harm", 0.12, "wat", "nlu_fallback"),
        # Only a danger to a person: an unsure repair still needs the rules to back it.
        ("report_repair_routine", 0.52, "my mum is poorly", "nlu_fallback"),
    ],
)
def test_an_unsure_guess_at_a_danger_to_a_person_is_acted_on(runner_up, runner_up_confidence, text, intent):
    result = triage(
        "nlu_fallback", 0.3, shared_rules().find(text), runner_up=runner_up, runner_up_confidence=runner_up_confidence
    )
    assert result.intent == intent


@pytest.mark.parametrize(
    "model_intent, confidence, text, intent, category, asb_risk",
    [
        (
            "ask_planned_improvements",
            0.33,
            "they wrote horrible stuff about muslims on our wall",
            "report_asb_high_risk",
            "asb",
            "high",
        ),
        ("ask_planned_improvements", 0.9, "when is my new kitchen due", "ask_planned_improvements", "enquiry", None),
        (
            "report_danger_to_life",
            0.99,
            "my neighbour is attacking my husband right now",
            "report_danger_to_life",
            "asb",
            "high",
        ),
        ("report_danger_to_life", 0.99, "a man collapsed in the street", "report_danger_to_life", "other", None),
        # Praise asks nothing and reports nothing.
        ("give_feedback", 0.99, "the plumber was lovely, please thank him", "give_feedback", "other", None),
    ],
)
def test_clear_evidence_from_the_rules_outweighs_an_unsure_model(
    model_intent, confidence, text, intent, category, asb_risk
):
    result = triage(model_intent, confidence, shared_rules().find(text)).as_dict()
    assert (result["intent"], result["category"], result["asb_risk"]) == (intent, category, asb_risk)


@pytest.mark.parametrize(
    "model_intent, text, category, priority, asb_risk",
    [
        ("complain", "leccy gone completely, no power at all and a baby here", "repair", "emergency", None),
        ("ask_case_status", "still no heating, when is someone coming", "repair", "urgent", None),
        ("out_of_scope", "bloke at number 9 smashed my car windscreen with a hammer", "asb", None, "high"),
        ("ask_planned_improvements", "someone wrote horrible stuff about muslims on our wall", "asb", None, "high"),
        ("complain", "your contractor was rude to me", "complaint", None, None),
        (
            "report_asb_high_risk",
            "someone broke in last night and smashed the lock on my back door",
            "repair",
            "emergency",
            None,
        ),
        ("report_asb_high_risk", "the lad next door smashed my front door in, it wont lock now", "asb", None, "high"),
        ("report_danger_to_life", "man across the landing waves a knife at me", "asb", None, "high"),
        # A neighbour's threat stays theirs though it broke the door: the police and the ASB team act.
        (
            "report_danger_to_life",
            "neighbour is kicking my door in RIGHT NOW screaming he's going to kill me",
            "asb",
            None,
            "high",
        ),
        (
            "report_danger_to_life",
            "theres a massive fight in the corridor right now, someones bleeding",
            "asb",
            None,
            "high",
        ),
        # Hate with no word against us is no complaint, however the model read it.
        (
            "complain",
            "notes pushed under my door saying we dont want your sort here and to get out",
            "asb",
            None,
            "high",
        ),
        ("complain", "i reported racist abuse three times and you've done nothing", "complaint", None, None),
        # Arson is anti-social behaviour, after the 999 advice; a fire in the home is a repair.
        ("report_fire", "someone's set fire to the front door of flat 2, I can see the flames", "asb", None, "high"),
        ("report_fire", "my kitchen is on fire", "repair", "emergency", None),
        (
            "report_danger_to_life",
            "the people upstairs are trying to set light to the door of the flat opposite right now",
            "asb",
            None,
            "high",
        ),
        ("report_danger_to_life", "the kitchen's on fire and my dad is still upstairs", "repair", "emergency", None),
        (
            "report_repair_emergency",
            "they keep pushing dog poo and lit fag ends through our letterbox, the doormat has got burn holes in it",
            "asb",
            None,
            "high",
        ),
        # A person in danger who asked a question is a person, not an enquiry; a complaint stays one.
        ("end_tenancy", "can i end my tenancy, i wont be around much longer", "other", None, None),
        (
            "complain",
            "i want to complain, 2 years of mould and i dont want to be here anymore",
            "complaint",
            None,
            None,
        ),
        # Damage by the people next door that the model alone read as a repair; and damage that
        # leaves a home open, which stays the emergency repair.
        (
            "report_repair_emergency",
            "someone's been in the bin store and smashed all the motion lights, now they hang round waiting",
            "asb",
            None,
            "high",
        ),
        (
            "report_repair_emergency",
            "the lads on the landing smashed my front door in, it wont lock now",
            "repair",
            "emergency",
            None,
        ),
        # A neighbour in danger is not anti-social behaviour: no one behaved badly.
        ("report_danger_to_life", "my neighbour has collapsed in the hallway and isnt responding", "other", None, None),
        (
            "report_danger_to_life",
            "havent seen the old man next door for 4 days, milk on the step",
            "other",
            None,
            None,
        ),
    ],
)
def test_strong_rule_evidence_moves_a_message_to_the_category_that_acts_fastest(
    model_intent, text, category, priority, asb_risk
):
    result = triage(model_intent, 0.9, shared_rules().find(text)).as_dict()
    assert (result["category"], result["priority"], result["asb_risk"]) == (category, priority, asb_risk)


@pytest.mark.parametrize(
    "priority, description, not_asked",
    [
        (
            "emergency",
            "water through the light",
            {Q.LEAK_STOPPED, Q.IS_EMERGENCY, Q.HOUSEHOLD_VULNERABLE},
        ),
        ("urgent", "no heating", {Q.LEAK_STOPPED, Q.IS_EMERGENCY, Q.HOUSEHOLD_VULNERABLE}),
        ("routine", "pipe under the sink is leaking", set()),
        ("routine", "pipe under the sink is leaking but ive turned the water off", {Q.LEAK_STOPPED}),
        ("routine", "kitchen tap dripping", {Q.LEAK_STOPPED}),
        ("damp_mould", "mould in the bathroom", {Q.LEAK_STOPPED}),
        (
            "damp_mould",
            "mould in the bedroom and my baby is 3 months old",
            {Q.LEAK_STOPPED, Q.HOUSEHOLD_VULNERABLE},
        ),
        ("routine", "stair rail loose and my mum is in a wheelchair", {Q.LEAK_STOPPED, Q.HOUSEHOLD_VULNERABLE}),
    ],
)
def test_the_repair_form_never_asks_what_the_tenant_already_said(priority, description, not_asked):
    from bot.triage import triage_questions_answered

    assert triage_questions_answered(priority, description) == not_asked


@pytest.mark.parametrize(
    "priority, leak_stopped, at_risk, result, hazard",
    [
        ("routine", None, False, "routine", False),
        ("routine", False, False, "urgent", False),
        ("routine", True, True, "emergency", False),
        ("external", False, True, "emergency", False),
        ("damp_mould", None, True, "damp_mould", True),
        ("damp_mould", None, False, "damp_mould", False),
        (None, None, None, "routine", False),
    ],
)
def test_the_tenants_answers_only_raise_a_repair(priority, leak_stopped, at_risk, result, hazard):
    from bot.triage import RepairAnswers

    answered = RepairAnswers(priority, leak_stopped=leak_stopped, at_risk=at_risk).priority_and_hazard()
    assert (answered[0].value, answered[1]) == (result, hazard)


@pytest.mark.parametrize(
    "answers, same_day",
    [
        (RepairAnswers("routine"), False),
        (RepairAnswers("urgent"), True),
        (RepairAnswers("routine", leak_stopped=False), True),  # a leak that cannot be stopped
        (RepairAnswers("routine", at_risk=True), True),  # someone at risk: an emergency
        (RepairAnswers("damp_mould"), False),
        (RepairAnswers("damp_mould", at_risk=True), True),  # an Awaab's Law emergency hazard
    ],
)
def test_a_repair_is_a_same_day_visit_when_the_answers_make_it_one(answers, same_day):
    assert answers.same_day() is same_day


@pytest.mark.parametrize(
    "model_intent, text, first_told, ranking, taken",
    [
        # A routine-sounding repair told before low-level ASB is taken first, as the model best reads it.
        (
            "report_asb_low_risk",
            "my boilers broken and the neighbours dog barks all night",
            "repair",
            ["report_asb_low_risk", "report_repair_urgent", "greet"],
            "report_repair_urgent",
        ),
        (
            "report_asb_low_risk",
            "my boilers broken and the neighbours dog barks all night",
            "repair",
            ["report_asb_low_risk", "greet"],
            "report_repair_routine",
        ),
        # Noise told before a routine repair: the noise first.
        (
            "report_repair_routine",
            "next door play music all night and my cupboard door is loose",
            "asb",
            ["report_repair_routine", "report_asb_low_risk"],
            "report_asb_low_risk",
        ),
        # What cannot wait stays first, whichever was told first.
        (
            "report_asb_high_risk",
            "my tap drips and next door said hes going to stab me",
            "repair",
            ["report_asb_high_risk", "report_repair_routine"],
            None,
        ),
        (
            "report_repair_emergency",
            "next door play music all night and water is pouring onto my fuse box",
            "asb",
            ["report_repair_emergency", "report_asb_low_risk"],
            None,
        ),
        ("report_asb_low_risk", "the neighbours dog barks all night", None, ["report_asb_low_risk"], None),
    ],
)
def test_of_two_problems_the_one_told_first_is_taken_unless_the_other_cannot_wait(
    model_intent, text, first_told, ranking, taken
):
    from bot.triage import report_taken_first

    result = triage(model_intent, 0.9, shared_rules().find(text))
    assert report_taken_first(result, first_told, ranking) == taken


@pytest.mark.parametrize(
    "findings_of_each_message, high_risk",
    [
        # One message with a threat, violence or hate makes the whole report high risk.
        ([["neighbour"], ["asb_high_risk"]], True),
        ([["hate_incident"]], True),
        ([[], ["danger_to_life", "neighbour"]], True),
        ([["neighbour"], ["water_leak"]], False),
        ([], False),
    ],
)
def test_a_threat_in_any_message_of_a_report_makes_it_high_risk(findings_of_each_message, high_risk):
    from bot.triage import threat_in_any

    assert threat_in_any(findings_of_each_message) is high_risk


@pytest.mark.parametrize(
    "text, intent, findings, answered",
    [
        # A question about timescales is answered, whatever the rest of the message tells.
        (
            "how long do normal repairs take? i reported my kitchen cupboard door hanging off last week",
            "report_repair_routine",
            frozenset(),
            True,
        ),
        ("how quickly do you deal with noisy neighbours", "report_asb_low_risk", frozenset(), True),
        ("what are your timescales for a complaint", "complain", frozenset(), True),
        # Not when it cannot wait, and not a report that asks a question at its end.
        (
            "how long till someone comes, water is pouring through my light",
            "report_repair_emergency",
            frozenset(),
            False,
        ),
        ("how soon can you come, hes threatening to kill me", "report_asb_high_risk", frozenset(), False),
        ("my tap is dripping, how long will it take?", "report_repair_routine", frozenset(), False),
        # What would happen is asked about, not reported: after a timescale answer, "and what if...".
        ("and what about if my heating breaks", "report_repair_urgent", frozenset(), True),
        ("what happens if the boiler goes at the weekend?", "report_repair_urgent", frozenset(), True),
        ("what do i do if my heating has broken", "report_repair_urgent", frozenset(), False),
        ("what if its broken now and theres a baby", "report_repair_urgent", frozenset(), False),
        # The same question with its "if" inside, and the report that only asks when.
        ("how long would i be waiting if my boiler broke down in winter", "report_repair_urgent", frozenset(), True),
        (
            "what counts as an emergency repair? like if my ceiling was falling in would that be 4 hours?",
            "report_repair_emergency",
            frozenset(),
            True,
        ),
        (
            "if the police smash my door in at night who do i ring to get it boarded",
            "report_repair_emergency",
            frozenset(),
            True,
        ),
        ("my tap is dripping, how long would it take if you came friday", "report_repair_routine", frozenset(), False),
        (
            "how quick can you come if i leave a key with next door, toilet wont flush",
            "report_repair_emergency",
            frozenset(),
            False,
        ),
        ("how long will it take if the boiler has gone again", "report_repair_urgent", frozenset(), False),
        # A gas leak asked about, and said not to be happening; and one that is.
        (
            "how fast do you come out if theres a gas leak? not got one, just asking",
            "report_gas_leak",
            frozenset({Finding.GAS}),
            True,
        ),
        (
            "how fast do you come out for a gas leak, i can smell it now",
            "report_gas_leak",
            frozenset({Finding.GAS}),
            False,
        ),
        (
            "how long will you be, i can smell gas, not got one of those alarms",
            "report_gas_leak",
            frozenset({Finding.GAS}),
            False,
        ),
        # What would happen, asked: of gas (the answer gives its number) and of a repair the model
        # could not place; never a smell told now.
        ("what happens if my boiler leaks gas while im at work", "report_gas_leak", frozenset({Finding.GAS}), True),
        ("if the co alarm ever goes off what are we meant to do", "report_gas_leak", frozenset({Finding.GAS}), True),
        ("what do i do if theres a gas smell in the kitchen", "report_gas_leak", frozenset({Finding.GAS}), False),
        ("who should i ring if a pipe bursts at 3am", "nlu_fallback", frozenset(), True),
        ("hypothetically if the roof caved in would someone come out", "report_repair_emergency", frozenset(), True),
        ("my pipe has burst, who do i ring", "nlu_fallback", frozenset(), False),
        (
            "what am i meant to do if i ever smell gas? everything is fine now i just want to know",
            "report_gas_leak",
            frozenset({Finding.GAS}),
            True,
        ),
    ],
)
def test_a_timescale_question_is_answered_not_started_as_a_report(text, intent, findings, answered):
    from bot.triage import question_taken_as_asked

    assert question_taken_as_asked(triage(intent, 0.9, findings), text) is answered


@pytest.mark.parametrize(
    "message", ["yes i do want to complain", "yes please, make a formal complaint", "ok log it", "yeah go ahead"]
)
def test_a_yes_to_making_a_complaint_says_nothing_of_what_went_wrong(message):
    assert not says_what_happened(message)


@pytest.mark.parametrize(
    "model_intent, text, intent, safety",
    [
        # The model's gas or fire, where the rules saw none but saw a person in danger, is that person.
        (
            "report_gas_leak",
            "the noise from that flat above is constant, its making me want to end it all",
            "express_self_harm",
            ["self_harm"],
        ),
        ("report_fire", "my husband takes all my money and wont let me see my friends", "report_domestic_abuse", None),
        # Domestic abuse the model saw, where the rules saw a neighbour's threat and no family, is theirs.
        (
            "report_domestic_abuse",
            "him upstairs throws stuff at me off his balcony, a glass bottle nearly hit my head today",
            "report_asb_high_risk",
            [],
        ),
        ("report_domestic_abuse", "my husband hit me and the neighbour heard it", "report_domestic_abuse", None),
        # A gas leak or fire the rules saw themselves always stands.
        ("report_gas_leak", "i can smell gas and honestly i want to end it all", "report_gas_leak", None),
        ("report_gas_leak", "the boiler keeps cutting out", "report_gas_leak", ["gas"]),
    ],
)
def test_a_person_in_danger_comes_before_a_building_the_rules_saw_no_danger_in(model_intent, text, intent, safety):
    result = triage(model_intent, 0.99, shared_rules().find(text)).as_dict()
    assert result["intent"] == intent
    if safety is not None:
        assert result["all_safety"] == safety


@pytest.mark.parametrize(
    "model_intent, text, priority",
    [
        # The model alone said same-day, and the tenant says the worst is not happening.
        ("report_repair_emergency", "key is getting stiff to turn, still works though", "routine"),
        (
            "report_repair_urgent",
            "boiler bangs when the heating comes on, heating and hot water both working",
            "routine",
        ),
        ("report_repair_urgent", "immersion takes 4 hours to heat up, we do get hot water eventually", "routine"),
        ("report_repair_emergency", "no smell of gas or anything, one ring on the hob wont click", "routine"),
        (
            "report_repair_urgent",
            "boiler pressure drops, i top it up, heating still works, bit of mould too",
            "damp_mould",
        ),
        # What the rules raise stands whatever else is said.
        ("report_repair_routine", "hot water not working at all, heating is fine", "urgent"),
        ("report_repair_emergency", "water pouring through the light fitting, heating still works", "emergency"),
        ("report_repair_emergency", "door still locks but you could just climb through the hole", "emergency"),
        # A leak is the charter's other urgent case, which no word about the boiler speaks for.
        ("report_repair_urgent", "boilers leaking all over the floor but it still works", "urgent"),
        # No reassurance: the model's reading stands.
        ("report_repair_emergency", "handrail coming away from the wall on the stairs", "emergency"),
    ],
)
def test_a_same_day_reading_only_the_model_made_gives_way_to_the_tenants_reassurance(model_intent, text, priority):
    assert triage(model_intent, 0.9, shared_rules().find(text)).as_dict()["priority"] == priority


@pytest.mark.parametrize(
    "model_intent, text, priority, safety",
    [
        # Only the model saw the danger, and the message has a reassurance: the repair stays same-day.
        ("report_gas_leak", "funny smell by the boiler, heating still works", "urgent", "gas"),
        ("report_fire", "something in the kitchen is smoking, the boiler still works", "emergency", "fire_or_danger"),
        ("express_self_harm", "boiler still works but i dont want to be here anymore", None, "self_harm"),
    ],
)
def test_a_person_in_danger_is_never_reassured_away(model_intent, text, priority, safety):
    findings = shared_rules().find(text)
    assert Finding.REASSURANCE in findings
    result = triage(model_intent, 0.9, findings).as_dict()
    assert (result["priority"], result["safety"]) == (priority, safety)


@pytest.mark.parametrize(
    "model_intent, text, intent, safety",
    [
        # Self-harm only the model saw, in a message about bleeding a radiator, is the radiator.
        ("express_self_harm", "ive bled it and still nothing", "report_repair_routine", None),
        ("express_self_harm", "bled the radiators this morning, still cold at the top", "report_repair_routine", None),
        # Self-harm the rules saw stands; bleeding that is not a radiator's is not this.
        ("express_self_harm", "bled the rads and i want to end it all", "express_self_harm", "self_harm"),
        ("express_self_harm", "cant stop the bleeding it wont stop", "express_self_harm", "self_harm"),
    ],
)
def test_a_radiator_bled_is_not_a_person_bleeding(model_intent, text, intent, safety):
    result = triage(model_intent, 0.97, shared_rules().find(text)).as_dict()
    assert (result["intent"], result["safety"]) == (intent, safety)


@pytest.mark.parametrize(
    "model_intent, text, intent, safety",
    [
        # A danger only the model saw, in nothing but an apology to the bot, is a greeting.
        ("express_self_harm", "hi sorry to bother you", "greet", None),
        ("express_self_harm", "sorry for the capitals i was just so tired", "greet", None),
        ("report_domestic_abuse", "Hello, sorry to bother you at this hour", "greet", None),
        # More than an apology, or a danger the rules saw: the danger stands.
        ("express_self_harm", "sorry to bother you, i cant go on", "express_self_harm", "self_harm"),
        ("express_self_harm", "sorry im so tired of everything", "express_self_harm", "self_harm"),
        ("express_self_harm", "sorry to bother you. i wont be bothering you again", "express_self_harm", "self_harm"),
    ],
)
def test_an_apology_to_the_bot_is_no_danger(model_intent, text, intent, safety):
    result = triage(model_intent, 0.9, shared_rules().find(text.lower())).as_dict()
    assert (result["intent"], result["safety"]) == (intent, safety)


@pytest.mark.parametrize(
    "model_intent, confidence, text, intent",
    [
        # A bare guess at a report, nothing in the rules behind it: the choice of areas.
        ("report_repair_major", 0.33, "hello is this the housing? my daughter put this on my phone", "nlu_fallback"),
        ("report_asb_low_risk", 0.35, "hiya just saying hello", "nlu_fallback"),
        # Backed by the rules, or sure enough: the report.
        ("report_repair_routine", 0.35, "the tap in the kitchen is leaking", "report_repair_routine"),
        (
            "report_repair_major",
            0.45,
            "hello is this the housing? my daughter put this on my phone",
            "report_repair_major",
        ),
        # A danger is never a bare guess to be asked about.
        ("report_gas_leak", 0.33, "funny smell in the kitchen", "report_gas_leak"),
    ],
)
def test_a_report_is_started_on_a_bare_guess_only_when_the_rules_back_it(model_intent, confidence, text, intent):
    assert triage(model_intent, confidence, shared_rules().find(text)).intent == intent


@pytest.mark.parametrize(
    "model_intent, text, findings, never_told",
    [
        # The model alone read a gas leak, and nothing in the message tells one.
        ("report_gas_leak", "EMERGENCY the bathroom fan is screaming like a jet engine", frozenset(), True),
        # Told by a smell, a symptom with the heating, or seen by the rules: it stands.
        ("report_gas_leak", "funny smell in the kitchen", frozenset(), False),
        ("report_gas_leak", "thumping head and stinging eyes every time the heating comes on", frozenset(), False),
        ("report_gas_leak", "the fan is screaming and i can smell gas", frozenset({Finding.GAS}), False),
        ("report_repair_routine", "the bathroom fan is screaming", frozenset(), False),
    ],
)
def test_a_gas_leak_only_the_model_read_in_words_that_never_tell_one_is_the_repair(
    model_intent, text, findings, never_told
):
    from bot.triage import gas_never_told

    assert gas_never_told(triage(model_intent, 1.0, findings), text) is never_told
