"""Reading tenants' answers: one table per kind of answer."""

from datetime import datetime

import pytest

from bot.answers import (
    asks_to_be_rung,
    location_in,
    only_contact_details,
    outcome_wanted,
    phone_of_sender,
    possible_exclusions,
    no_safe_way,
    only_yes,
    says_nothing,
    uk_phone_number,
)
from bot.charter import ExclusionReason as Ex

NOW = datetime(2026, 11, 22, 12, 0)


@pytest.mark.parametrize(
    "answer, place",
    [
        ("kitchen", "kitchen"),
        ("its in the back bedroom", "back bedroom"),
        ("by the back door", "back door"),
        ("next to the boiler", "next to the boiler"),
        ("upstairs", "upstairs"),
        ("outside, front of the house above the door", "outside"),
        # Not a place: asked again, and kept with the report either way.
        ("i cant find the stopcock", None),
        ("should i turn the lights off?", None),
        ("no idea", None),
        ("dont know", None),
        ("thanks", None),
        ("ok cheers", None),
        ("the hall", "hall"),
        ("Yes!", None),
        ("x" * 70, None),
    ],
)
def test_the_answer_to_where_in_the_home(answer, place):
    from bot.answers import place_named

    assert place_named(answer) == place


@pytest.mark.parametrize(
    "report, where",
    [
        ("water coming through the back bedroom ceiling", "back bedroom"),
        ("my kitchen tap drips", "kitchen"),
        ("mould in my sons bedroom", "sons bedroom"),
        ("the downstairs toilet wont flush", "downstairs toilet"),
        ("LIVING ROOM window stuck", "LIVING ROOM"),
        ("fence blown down", None),
        ("my toilet won't flush", None),
        ("", None),
    ],
)
def test_where_in_the_home(report, where):
    assert location_in(report) == where


@pytest.mark.parametrize(
    "typed, number",
    [
        ("07700 900123", "07700 900123"),
        ("my number is 07700900123 thanks", "07700 900123"),
        ("+44 7700 900123", "07700 900123"),
        ("0044 7700 900123", "07700 900123"),
        ("(01632) 960-123", "01632 960123"),
        ("0770090012", None),  # a digit short
        ("999", None),
        ("call me on my mobile", None),
        ("\x00\x01" * 50, None),
    ],
)
def test_uk_phone_numbers(typed, number):
    assert uk_phone_number(typed) == number


@pytest.mark.parametrize(
    "channel, sender, number",
    [
        ("twilio", "+447700900123", "07700 900123"),
        ("twilio", "whatsapp:+447700900123", "07700 900123"),
        ("rest", "+447700900123", None),
        ("facebook", "1234567890123", None),
    ],
)
def test_a_text_message_tells_us_the_number(channel, sender, number):
    assert phone_of_sender(channel, sender) == number


@pytest.mark.parametrize(
    "said, nothing",
    [
        ("no", True),
        ("None.", True),
        ("don't know", True),
        ("n/a", True),
        ("no, not Tuesdays", False),
        ("nobody home till 3", False),
        ("", False),
    ],
)
def test_saying_there_is_nothing_to_add(said, nothing):
    assert says_nothing(said) is nothing


@pytest.mark.parametrize(
    "said, none",
    [
        ("no", True),
        ("no theres no safe way", True),
        ("there is no safe way to contact me", True),
        ("dont contact me", True),
        ("no safe time really", True),
        ("just seeing if it works, nothing wrong", True),
        ("what? im fine", True),
        ("text only after 6pm", False),
        ("no calls, text only", False),
        ("not before 6pm, text only", False),
        ("call my sister, no texts", False),
    ],
)
def test_saying_there_is_no_safe_way_to_make_contact(said, none):
    assert no_safe_way(said) is none


@pytest.mark.parametrize(
    "said, nothing_more",
    [
        ("yes", True),
        ("yeah there is", True),
        ("yes please", True),
        ("yep", True),
        ("yes theres a dog", False),
        ("sure, key safe by the door", False),
        ("no", False),
    ],
)
def test_a_yes_that_tells_nothing_more(said, nothing_more):
    assert only_yes(said) is nothing_more


@pytest.mark.parametrize(
    "complaint, reasons",
    [
        ("the engineer was rude to me yesterday", []),
        ("your contractor broke my fence two years ago", [Ex.OLDER_THAN_12_MONTHS]),
        ("this happened back in 2023", [Ex.OLDER_THAN_12_MONTHS]),
        ("this happened in 2025", []),  # possibly within the last 12 months: not flagged
        ("my neighbour plays music all night", [Ex.NEIGHBOUR_DISPUTE]),
        ("I reported my neighbour five times and you did nothing", []),  # how we handled it: a complaint
        ("your workman stole my ring", [Ex.CRIMINAL_ALLEGATION]),
        ("I already complained about this and got a response", [Ex.ALREADY_ANSWERED]),
        ("my solicitor has started court proceedings", [Ex.LEGAL_PROCEEDINGS]),
        # The landlord named by the charter's name: about us, not a neighbour dispute.
        ("Homes North never dealt with my neighbour's noise", []),
        ("my neighbour never deals with his noise", [Ex.NEIGHBOUR_DISPUTE]),
    ],
)
def test_complaints_that_may_fall_under_an_exclusion(complaint, reasons):
    assert possible_exclusions(complaint, NOW, 12, landlord="Homes North") == reasons


# --- how long ago a complaint's matter was, against the charter's time limit ----------------

from dataclasses import replace  # noqa: E402

from bot.answers import happened_by  # noqa: E402


@pytest.mark.parametrize(
    "said, latest",
    [
        # What is said, at its least: no later than this.
        ("it started 18 months ago", datetime(2025, 5, 22, 12, 0)),
        ("your contractor broke my fence two years ago", datetime(2024, 11, 22, 12, 0)),
        ("a year ago", datetime(2025, 11, 22, 12, 0)),
        ("over a year ago", datetime(2025, 11, 22, 12, 0)),
        ("more than 1 yr ago", datetime(2025, 11, 22, 12, 0)),
        ("a year and a half ago", datetime(2025, 5, 22, 12, 0)),
        ("nearly a year ago", datetime(2025, 12, 22, 12, 0)),  # eleven months at least
        ("almost two years ago", datetime(2024, 12, 22, 12, 0)),
        ("6 months ago", datetime(2026, 5, 22, 12, 0)),
        ("a few weeks ago", datetime(2026, 11, 8, 12, 0)),
        ("years ago", datetime(2024, 11, 22, 12, 0)),  # a plural is at least two
        ("a couple of yrs back", datetime(2024, 11, 22, 12, 0)),
        ("last year", datetime(2026, 1, 1)),  # by the end of 2025
        ("the year before last", datetime(2025, 1, 1)),
        ("this happened back in 2023", datetime(2024, 1, 1)),
        ("damp since march 2024", datetime(2024, 4, 1)),
        ("on December 1st, 2025", datetime(2026, 1, 1)),
        # The earliest of several: the matter goes back at least that far.
        ("it broke two years ago and again last week", datetime(2024, 11, 22, 12, 0)),
        # Nothing that dates it.
        ("less than a year ago", None),
        ("over the last year", None),
        ("a while ago", None),
        ("it has leaked for two years", None),
        ("I want £2000 compensation", None),
        ("the engineer was rude to me yesterday", None),
    ],
)
def test_how_long_ago_a_matter_was_is_read_from_what_is_said(said, latest):
    assert happened_by(said, NOW) == latest


def _with_time_limit(charter, months):
    return replace(charter, complaint_time_limit=replace(charter.complaint_time_limit, months=months))


OLD = [Ex.OLDER_THAN_12_MONTHS]


@pytest.mark.parametrize(
    "complaint, six_months, twelve_months, twenty_four_months",
    [
        ("the engineer was rude to me 8 months ago", OLD, [], []),
        ("the engineer was rude to me 6 months ago", OLD, [], []),  # as old as the limit: a person decides
        ("your contractor broke my fence a year ago", OLD, OLD, []),
        ("your contractor broke my fence over a year ago", OLD, OLD, []),
        ("nearly a year ago your contractor broke my fence", OLD, [], []),
        ("it was 18 months ago", OLD, OLD, []),
        ("your contractor broke my fence two years ago", OLD, OLD, OLD),
        ("you broke it last year", OLD, [], []),
        ("this happened in 2024", OLD, OLD, []),
        ("this happened back in 2023", OLD, OLD, OLD),
        ("damp since march 2025 and nobody came", OLD, OLD, []),
        ("the engineer was rude to me a few weeks ago", [], [], []),
        ("less than a year ago your contractor broke my fence", [], [], []),
        ("the engineer was rude to me yesterday", [], [], []),
    ],
)
def test_a_complaint_is_old_by_the_charters_time_limit(
    charter, complaint, six_months, twelve_months, twenty_four_months
):
    for months, reasons in ((6, six_months), (12, twelve_months), (24, twenty_four_months)):
        limit = _with_time_limit(charter, months).complaint_time_limit.months
        assert possible_exclusions(complaint, NOW, limit) == reasons, f"under a {months}-month limit"


@pytest.mark.parametrize(
    "text, unhappy",
    [
        ("my boiler is broken", False),
        ("third time i've reported this and nobody came", True),
        ("still not fixed after 3 months", True),
        ("the engineer never turned up", True),
        ("my service charge went up with no explanation", True),
        ("the stairs are hardly ever cleaned", True),
        ("is the bin store cleaned weekly", False),
    ],
)
def test_a_tenant_who_sounds_unhappy_with_us(text, unhappy):
    from bot.answers import unhappy_with_us

    assert unhappy_with_us(text) is unhappy


@pytest.mark.parametrize(
    "text, answer",
    [
        ("yes", True),
        ("Yeah", True),
        ("yep go on", True),
        ("yh", True),
        ("aye", True),
        ("i think so, hes asthmatic", True),
        ("yes please", True),
        ("ok", True),
        ("sort of, a little", True),
        ("no", False),
        ("nope", False),
        ("nah", False),
        ("not really", False),
        ("no its not dangerous, just annoying", False),
        ("no, just me and my husband", False),
        ("nobody has been threatened or hurt", False),
        ("i dont think so", False),
        ("its not dangerous", False),
        ("no thanks", False),
        ("kitchen", None),
        ("my number is 07700 900123", None),
        ("", None),
        ("nothing much", False),
        ("notice it more at night", None),
        ("yesterday he said hes going to smash my windows", None),
    ],
)
def test_yes_and_no_are_read_however_they_are_said(text, answer):
    from bot.answers import yes_or_no

    assert yes_or_no(text) is answer


@pytest.mark.parametrize(
    "text, area",
    [
        ("a repair", "repair"),
        ("its a repair", "repair"),
        ("something's broken", "repair"),
        ("my neighbour", "neighbour"),
        ("the people next door", "neighbour"),
        ("i want to complain", "complaint"),
        ("just a question", "question"),
        ("something else", "something_else"),
        ("none of those", "something_else"),
        ("my boiler has stopped working and the kitchen floor is soaked through from the leak under it", None),
        ("", None),
    ],
)
def test_a_choice_of_area_is_read_in_words(text, area):
    from bot.answers import area_chosen

    assert area_chosen(text) == area


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("my boilers broken and the neighbours dog barks all night", "repair", "the neighbours dog barks all night"),
        (
            "the kitchen tap drips. also next door play loud music every night",
            "repair",
            "next door play loud music every night",
        ),
        ("next door keep shouting at me and my front door lock is broken", "asb", "my front door lock is broken"),
        ("my boiler is broken and i have no hot water", "repair", None),
        ("people coming and going all night and slamming doors", "asb", None),
        ("the neighbours dog barks all night", "asb", None),
        ("my boilers broken and the neighbours dog barks all night", "asb", "my boilers broken"),
        ("someone has sprayed racist stuff on my front door and on the wall of our block", "asb", None),
    ],
)
def test_a_second_problem_in_one_message_is_found(text, first, second):
    from bot.answers import second_problem

    assert second_problem(text, first) == second


@pytest.mark.parametrize(
    "messages, damage",
    [
        (
            ["the lad next door put my front window through last night", "need it boarding up"],
            "the lad next door put my front window through last night",
        ),
        (["they kicked my door in and now it wont shut"], "they kicked my door in"),
        (["someone has smashed the glass in my back door"], "someone has smashed the glass in my back door"),
        # Trouble with no damage to the home, and damage to what is not ours to mend.
        (["next door play loud music every night"], None),
        (["he keeps threatening me when i walk past"], None),
        (["they keyed my car"], None),
        (["my neighbour smashed my car window last night"], None),
    ],
)
def test_damage_to_the_home_in_an_asb_report_is_a_repair_of_its_own(messages, damage):
    from bot.answers import damage_to_make_safe

    assert damage_to_make_safe(messages) == damage


@pytest.mark.parametrize(
    "text, first",
    [
        ("my boilers broken and the neighbours dog barks all night", "repair"),
        ("next door keep shouting at me and my front door lock is broken", "asb"),
        ("the neighbours dog barks all night", None),
        ("my boiler is broken and i have no hot water", None),
        ("someone has sprayed racist stuff on my front door and on the wall of our block", None),
        # A noise a thing makes is no neighbour's: one repair, told in two clauses.
        ("the lift keeps making a grinding noise and the doors dont shut first time", None),
    ],
)
def test_of_two_problems_told_together_the_first_told_is_known(text, first):
    from bot.answers import first_problem

    assert first_problem(text) == first


@pytest.mark.parametrize(
    "text, intent, confidence, findings, leaves",
    [
        # Answers, whatever the model made of them.
        ("no, just me and my husband", "report_domestic_abuse", 0.97, [], False),
        ("no its not dangerous at all, just annoying", "report_danger_to_life", 0.6, [], False),
        # A no that opens a disclosure is not a plain no.
        ("no point fixing my heating. wont need it after this weekend", "express_self_harm", 0.7, [], True),
        ("no, my wife is scared, her brothers keep her passport", "report_domestic_abuse", 0.7, [], True),
        ("yesterday he said hes going to smash my windows", "report_asb_high_risk", 0.99, ["asb_high_risk"], False),
        ("i want someone to come and fix it and i want compensation", "complain", 0.9, ["dissatisfied"], False),
        ("/affirm", "affirm", 1.0, [], False),
        # What may leave a report.
        ("i can smell gas now as well", "report_gas_leak", 0.9, ["gas"], True),
        ("he just hit me again", "inform", 0.4, ["domestic_abuse"], True),
        (
            "my partner has been hurting me for months and i am scared to go home",
            "report_domestic_abuse",
            0.99,
            [],
            True,
        ),
        ("how long will it take?", "ask_timescales", 0.9, [], True),
        ("whats your phone number", "ask_contact_details", 0.9, [], True),
        ("any weekday after 2", "ask_contact_details", 0.8, [], False),
        ("can i talk to a real person", "request_human", 0.95, [], True),
        ("my number is 07700 900205 if someone actually wants to call me", "request_human", 0.9, [], False),
        ("/restart", "restart", 1.0, [], True),
        (
            "im so tired of everything, ive been thinking about ending it",
            "express_self_harm",
            0.99,
            ["self_harm"],
            True,
        ),
        # A model reading of danger that the rules back up leaves at a lower confidence.
        (
            "he kicked them in when he was drunk, im scared hes coming back",
            "report_domestic_abuse",
            0.5,
            ["asb_high_risk"],
            True,
        ),
        ("he kicked them in when he was drunk", "report_domestic_abuse", 0.5, [], False),
        ("ive bled it and still nothing", "express_self_harm", 0.53, ["dissatisfied"], False),
    ],
)
def test_what_interrupts_a_report(text, intent, confidence, findings, leaves):
    from bot.answers import leaves_the_report

    assert leaves_the_report(text, intent, confidence, findings) is leaves


@pytest.mark.parametrize(
    "asked, text, findings, leaves",
    [
        # Abuse only the model saw, in an answer about the neighbour being reported: the answer.
        ("asb_is_high_risk", "i asked him to move once and he just swore and laughed, didnt threaten me", [], False),
        ("asb_description", "he keeps parking his van across my drive and laughs at me", [], False),
        # Asked anything else, or the rules saw abuse: the report is left for the numbers.
        ("repair_location", "he keeps checking my phone and wont let me go out", [], True),
        ("asb_is_high_risk", "yes and my partner hits me too", ["domestic_abuse"], True),
    ],
)
def test_abuse_only_the_model_saw_in_an_answer_about_a_neighbour_is_the_neighbours(asked, text, findings, leaves):
    from bot.answers import leaves_the_report

    assert leaves_the_report(text, "report_domestic_abuse", 0.99, findings, asked=asked) is leaves


@pytest.mark.parametrize(
    "text, intent, findings, leaves",
    [
        (
            "he told me hes going to stab me if i park outside his house again",
            "report_domestic_abuse",
            ["danger_to_life", "asb_high_risk"],
            False,
        ),
        ("yes and my partner hits me too", "report_domestic_abuse", ["domestic_abuse"], True),
        ("i can smell gas", "report_gas_leak", ["gas"], True),
        # Violence going on as they write is not an answer: the safety numbers, at once.
        (
            "oh god hes outside my door now kicking it and screaming hes going to kill me",
            "report_danger_to_life",
            ["asb_high_risk", "danger_to_life"],
            True,
        ),
    ],
)
def test_a_threat_told_when_asked_about_threats_is_the_answer(text, intent, findings, leaves):
    from bot.answers import leaves_the_report

    assert leaves_the_report(text, intent, 0.9, findings, asked="asb_is_high_risk") is leaves


@pytest.mark.parametrize(
    "text, intent, findings, leaves",
    [
        ("someone to ring me today", "request_human", [], False),
        ("i want the carpet paid for", "ask_timescales", [], False),
        # A question of their own is answered, then the question comes back.
        ("how long will it take", "ask_timescales", [], True),
        ("how long have you got to get back to me", "ask_timescales", [], True),
        ("i want to kill myself", "express_self_harm", ["self_harm"], True),
    ],
)
def test_what_would_put_it_right_is_the_answer_to_that_question(text, intent, findings, leaves):
    from bot.answers import leaves_the_report

    assert leaves_the_report(text, intent, 0.9, findings, asked="complaint_outcome") is leaves


@pytest.mark.parametrize(
    "text, drops",
    [
        ("actually forget that, I want to make a complaint", True),
        ("actually forget the repair, i want to make a complaint, your lot keep bodging it", True),
        ("actually forget that, its sorted itself out. can you tell me how to pay my rent instead", True),
        ("never mind, scrap that", True),
        ("cancel the report please", True),
        ("actually its in the kitchen", False),
        ("ok dont worry ill just do it on here", False),
        ("i'd rather you text than ring", False),
        ("i forgot to say the dog is friendly", False),
    ],
)
def test_a_tenant_can_drop_the_report_in_hand(text, drops):
    from bot.answers import abandons

    assert abandons(text) is drops


@pytest.mark.parametrize(
    "description, asked",
    [
        ("front door broken, the frame's split", True),
        ("my back door wont lock, its been kicked in", True),
        ("the patio door glass is smashed", True),
        ("front door hanging off its hinges, wont close", True),
        ("been burgled, they smashed the kitchen window", False),
        ("the storm last night and now the shed door wont shut", False),
        ("key snapped in the lock and the door wont lock", False),
        # Who did it is for the safety rules, which take such a message out of the repair form.
        ("my ex kicked the door in", True),
        ("kitchen tap dripping", False),
        ("the bedroom door wont close properly", False),  # a room's door keeps no one out
        ("", False),
    ],
)
def test_a_home_left_open_without_saying_how_is_asked_how(description, asked):
    from bot.answers import asks_how_it_happened

    assert asks_how_it_happened(description) is asked


@pytest.mark.parametrize(
    "text, asked_after",
    [
        ("never mind the leak, its mum", True),
        ("forget it its my dad", True),
        ("scrap that, the baby", True),
        ("never mind shes not right", True),
        ("never mind, my son will sort it", False),
        ("forget it my husband fixed it", False),
        ("never mind, its fine now", False),
        ("never mind the leak", False),
        ("forget it", False),
        ("its mum", False),  # nothing dropped: an answer
        ("", False),
    ],
)
def test_a_report_dropped_for_someone_close_asks_after_them(text, asked_after):
    from bot.answers import leaves_for_someone

    assert leaves_for_someone(text) is asked_after


@pytest.mark.parametrize(
    "messages, told",
    [
        # The repair it is about is kept with it, and the answers to the form's questions are not.
        (
            [("my tap leaks", "report_repair_routine"), ("this is the third time ive reported it", "inform")],
            "my tap leaks\nthis is the third time ive reported it",
        ),
        (
            [
                ("the fitters left plaster dust everywhere", "report_repair_major"),
                ("no, the windows are fine", "deny"),
                ("07700 900593", "inform"),
                ("yes i do, they should have put sheets down", "affirm"),
            ],
            "the fitters left plaster dust everywhere",
        ),
        # A disclosure of abuse stays with its own case.
        (
            [("my husband hits me and broke the door", "report_domestic_abuse"), ("you never came", "inform")],
            "you never came",
        ),
        (
            [("actually forget the repair, i want to make a complaint, your lot keep bodging it", "complain")],
            "actually forget the repair, i want to make a complaint, your lot keep bodging it",
        ),
        # A bare request says nothing, and a button press is no words: the form asks.
        ([("i want to make a complaint", "complain"), ("/complain", "complain")], None),
    ],
)
def test_a_complaint_that_follows_what_the_tenant_said_is_not_asked_again(messages, told):
    from bot.answers import complaint_told

    assert complaint_told(messages) == told


@pytest.mark.parametrize(
    "answer, at_risk",
    [
        ("yes its right by the sockets", True),
        ("its dripping near the light", True),
        ("i dont feel safe with it not locking", True),
        ("its not safe", True),  # starts like a no
        ("its not dangerous but my son has asthma and the mould is making him cough", True),
        # A danger denied is no danger: the fence stays an outside repair, not a 4-hour emergency.
        ("not dangerous as such but the dog could get out onto the road", False),
        ("the lounge one doesnt shut properly so its draughty but its not dangerous", False),
        ("no its not dangerous at all, just annoying", False),
        ("no, nobody has been threatened or hurt", False),
        ("nope not really", False),
        ("ive got a dog so he can get out now", None),  # neither: asked again
    ],
)
def test_is_anyone_at_risk_read_in_words(answer, at_risk):
    from bot.answers import someone_at_risk

    assert someone_at_risk(answer) is at_risk


@pytest.mark.parametrize(
    "message, outcome",
    [
        ("i would like an apology", "i would like an apology"),
        ("i want compensation for my carpet", "i want compensation for my carpet"),
        ("just get it fixed properly this time", "just get it fixed properly this time"),
        ("I want to complain, and I want my money back", "I want to complain, and I want my money back"),
        # Asking to complain says what is wrong next, not what would put it right.
        ("i want to make a complaint", None),
        ("I would like to raise a formal complaint", None),
        ("i need to complain about the contractor", None),
        ("id like to speak to someone about my complaint", None),
        ("the contractor was rude to my mum", None),
        ("", None),
    ],
)
def test_what_would_put_a_complaint_right(message, outcome):
    assert outcome_wanted(message) == outcome


@pytest.mark.parametrize(
    "message, rung",
    [
        ("yes please", True),
        ("yeah ring me", True),
        ("can someone phone me tomorrow", True),
        ("a call back would be good", True),
        ("can i speak to a real person please", False),
        ("i want to talk to a human", False),
        ("", False),
    ],
)
def test_offered_a_call_back_whether_a_request_for_a_person_takes_it(message, rung):
    assert asks_to_be_rung(message) is rung


@pytest.mark.parametrize(
    "message, only_details",
    [
        ("SY7 9BW", True),
        ("sy79bw", True),
        ("07700 900123, SY7 9BW", True),
        ("+44 7700 900123", True),
        ("SY7 9BW and an apology", False),
        ("weekday mornings after 9", False),
        ("an apology", False),
        ("", False),
    ],
)
def test_a_phone_number_or_postcode_alone_answers_no_other_question(message, only_details):
    assert only_contact_details(message) is only_details


@pytest.mark.parametrize(
    "said, answers",
    [
        # The read-back's buttons, as sent.
        ("change the problem", ("problem",)),
        ("change where", ("where",)),
        ("change getting in", ("getting in",)),
        ("change the phone", ("phone",)),
        ("change the postcode", ("postcode",)),
        # The same in a tenant's words.
        ("the postcode is wrong", ("postcode",)),
        ("wrong room, its the bathroom", ("where",)),
        ("can i change my number", ("phone",)),
        ("thats the wrong address", ("postcode",)),
        ("the house number is wrong", ("postcode",)),
        ("oops typo in the description", ("problem",)),
        ("change the phone number and the postcode", ("phone", "postcode")),
        # Nothing to change, or nothing named.
        ("yes log it", ()),
        ("yes the address is correct", ()),
        ("no thats wrong", ()),
        ("change it", ()),
        ("where will you send someone from?", ()),
    ],
)
def test_which_answer_of_the_read_back_to_change(said, answers):
    from bot.answers import answers_to_change

    assert answers_to_change(said) == answers


@pytest.mark.parametrize(
    "text, answer",
    [
        ("no", False),
        ("yeah he said hed smash my windows", True),
        # A threat denied in words is a no, however the sentence opens.
        ("i asked him to move once and he just swore and laughed, didnt threaten me or nothing", False),
        ("nobody has threatened me as such, its just the noise", False),
        ("he never actually hit anyone", False),
        # Neither: asked again.
        ("its been going on for months", None),
        ("he threatens everyone", None),
    ],
)
def test_has_anyone_threatened_you_answered_in_words(text, answer):
    from bot.answers import threat_answer

    assert threat_answer(text) is answer


@pytest.mark.parametrize(
    "text, intent, leaves",
    [
        # Read as a person in danger by the model alone, told as who lives here or how the home
        # is left: the answer to the question asked.
        ("just me, im 81", "express_self_harm", False),
        ("im pregnant, due in march", "express_self_harm", False),
        ("no one else lives here", "report_danger_to_life", False),
        ("i cant leave the house open tonight", "express_self_harm", False),
        # The same, with words of the tenant's own state or of someone at risk: the numbers first.
        ("im on my own and i cant cope anymore", "express_self_harm", True),
        ("im not safe on my own tonight", "express_self_harm", True),
        ("i live alone and ive been saving my tablets", "express_self_harm", True),
        (
            "Im 81, I live on my own, I have a heart condition and my tablets have to be kept in the fridge",
            "express_self_harm",
            False,
        ),
        ("im 81 and i took all my tablets for my heart at once", "express_self_harm", True),
        ("my toddler is climbing on the balcony rail and nobody else is here", "report_danger_to_life", True),
        # A household told, read as a gas leak: the answer, unless it tells the signs of gas.
        ("my husband has asthma", "report_gas_leak", False),
        ("my wife is pregnant and keeps feeling dizzy", "report_gas_leak", True),
        ("just me, and i can smell gas in the hall", "report_gas_leak", True),
        ("me and my two kids, 10 and 6", "express_self_harm", False),
        ("me and my 3 kids, youngest is 4 and always got a cough", "report_gas_leak", False),
        # A household told, read as domestic abuse: the answer, unless it tells of abuse or fear.
        ("im at work til 4 mon to fri, my son is in though, hes 19", "report_domestic_abuse", False),
        ("my son lives with me, hes 30 and i'm scared of him", "report_domestic_abuse", True),
        ("me and my husband, hes 60 and he checks my phone", "report_domestic_abuse", True),
    ],
)
def test_who_lives_in_the_home_or_how_it_is_left_is_the_answer_not_a_danger(text, intent, leaves):
    from bot.answers import leaves_the_report
    from bot.rules import shared_rules

    findings = [finding.value for finding in shared_rules().find(text)]
    assert leaves_the_report(text, intent, 0.95, findings, asked="household_vulnerable") is leaves


@pytest.mark.parametrize(
    "asked, text, intent, leaves",
    [
        # A short answer in the words of the question asked, read as self-harm by the model alone.
        ("repair_access", "im in after 2 most days", "express_self_harm", False),
        ("repair_location", "back bedroom, by the window", "express_self_harm", False),
        # A longer answer about a part of the home, with no word of the tenant's own state.
        (
            "repair_is_emergency",
            "i dont think its going to go through, its only the bathroom floor. i just dont stand in that corner",
            "express_self_harm",
            False,
        ),
        ("repair_is_emergency", "the ceilings coming down and honestly i cant cope anymore", "express_self_harm", True),
        # The body's health, when asked who is at risk: the damp's harm, not the tenant's despair.
        ("repair_is_emergency", "i dont know, my chest has been bad", "express_self_harm", False),
        ("household_vulnerable", "my son has asthma and a cough that wont go", "express_self_harm", False),
        ("repair_is_emergency", "my chest has been bad and i dont want to be here anymore", "express_self_harm", True),
        # The same words with the tenant's own state, or a danger to life: the numbers first.
        ("repair_access", "im in all day, i dont go out anymore, whats the point", "express_self_harm", True),
        ("repair_location", "my wife has passed out on the bathroom floor", "report_danger_to_life", True),
        # Asked something else, the same words are no answer.
        ("contact_phone", "im in after 2 most days", "express_self_harm", True),
    ],
)
def test_a_short_answer_in_the_words_of_the_question_is_the_answer(asked, text, intent, leaves):
    from bot.answers import leaves_the_report
    from bot.rules import shared_rules

    findings = [finding.value for finding in shared_rules().find(text)]
    assert leaves_the_report(text, intent, 0.8, findings, asked=asked) is leaves


@pytest.mark.parametrize(
    "text, findings, closes",
    [
        ("no nothing thanks, just trying it", [], True),
        ("no thats all ta", [], True),
        # Not a no, danger the rules saw, or the tenant's own state: not a goodbye.
        ("thanks", [], False),
        ("no thanks, i just want to end it all", ["self_harm"], False),
        ("no thanks, nothing anyone can do, i cant cope", [], False),
    ],
)
def test_a_no_with_thanks_to_anything_else_closes_the_conversation(text, findings, closes):
    from bot.answers import closes_the_conversation

    assert closes_the_conversation(text, findings) is closes


@pytest.mark.parametrize(
    "text, needs",
    [
        ("3 kids all under 8", True),
        ("twins, 18 months old", True),
        ("a toddler and a newborn", True),
        ("im on my own, i get migraines", True),
        ("my husband is diabetic and had a stroke last year", True),
        ("no", False),
        ("my son is 14", None),
        ("the kids are at school all day", None),
    ],
)
def test_young_children_told_by_their_ages_need_extra_care(text, needs):
    from bot.answers.yes_no import needs_extra_care

    assert needs_extra_care(text) is needs
