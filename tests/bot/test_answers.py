"""Reading tenants' answers: one table per kind of answer."""

from datetime import datetime

import pytest

from bot.answers import (
    dissatisfaction_shown,
    location_in,
    phone_of_sender,
    possible_exclusions,
    says_nothing,
    uk_phone_number,
)
from bot.charter import ExclusionReason as Ex

NOW = datetime(2026, 11, 22, 12, 0)


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
        ("0770090012", None),         # a digit short
        ("999", None),
        ("call me on my mobile", None),
        ("\x00\x01" * 50, None),
    ],
)
def test_uk_phone_numbers(typed, number):
    assert uk_phone_number(typed) == number


@pytest.mark.parametrize(
    "channel, sender, number",
    [("twilio", "+447700900123", "07700 900123"), ("twilio", "whatsapp:+447700900123", "07700 900123"),
     ("rest", "+447700900123", None), ("facebook", "1234567890123", None)],
)
def test_a_text_message_tells_us_the_number(channel, sender, number):
    assert phone_of_sender(channel, sender) == number


@pytest.mark.parametrize("said, nothing", [("no", True), ("None.", True), ("don't know", True), ("n/a", True),
                                           ("no, not Tuesdays", False), ("nobody home till 3", False), ("", False)])
def test_saying_there_is_nothing_to_add(said, nothing):
    assert says_nothing(said) is nothing


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
    ],
)
def test_complaints_that_may_fall_under_an_exclusion(complaint, reasons):
    assert possible_exclusions(complaint, NOW, 12) == reasons


def _user(text):
    return {"event": "user", "text": text}


@pytest.mark.parametrize(
    "events, unhappy",
    [
        ([_user("my boiler is broken")], False),
        ([_user("third time i've reported this and nobody came")], True),
        ([_user("still not fixed after 3 months"), _user("kitchen")], True),
        ([_user("the engineer never turned up")], True),
        # Unhappiness about an earlier report was offered its complaint then.
        ([_user("fed up, nobody came"), {"event": "action", "name": "action_submit_repair"}, _user("my tap drips")], False),
    ],
)
def test_a_tenant_who_sounds_unhappy(events, unhappy):
    assert dissatisfaction_shown(events) is unhappy
