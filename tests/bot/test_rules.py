"""The deterministic rules, one table per finding: what must fire, and what must not."""

import pytest

from bot.rules import Finding, shared_rules


def found(text):
    return shared_rules().find(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.GAS, "I can smell gas in the kitchen"),
        (Finding.GAS, "smelt a bit of gas when i came in"),
        (Finding.GAS, "think theres a gas leak"),
        (Finding.GAS, "the CO alarm keeps beeping"),
        (Finding.GAS, "carbon monoxide detector going off"),
        (Finding.GAS, "hissing gas pipe behind the cooker"),
        (Finding.FIRE, "my flat is on fire"),
        (Finding.FIRE, "there's a fire in the bin store"),
        (Finding.FIRE, "smoke coming out of the socket"),
        (Finding.FIRE, "the kitchen is burning"),
        (Finding.DANGER_TO_LIFE, "a man with a knife is outside my door"),
        (Finding.DANGER_TO_LIFE, "someone is trying to break in right now"),
        (Finding.DANGER_TO_LIFE, "he's gonna kill me"),
        (Finding.DANGER_TO_LIFE, "my neighbour isnt breathing"),
        (Finding.DOMESTIC_ABUSE, "my partner hit me last night"),
        (Finding.DOMESTIC_ABUSE, "my husband won't let me leave the house"),
        (Finding.DOMESTIC_ABUSE, "i'm scared of my ex"),
        (Finding.DOMESTIC_ABUSE, "i'm being hit by my boyfriend"),
        (Finding.SELF_HARM, "i want to kill myself"),
        (Finding.SELF_HARM, "i cant go on anymore"),
        (Finding.SELF_HARM, "i want to end it all"),
        (Finding.SELF_HARM, "i dont want to be here anymore"),
        (Finding.SELF_HARM, "feeling suicidal tonight"),
        (Finding.SELF_HARM, "ive been cutting my wrists"),
        (Finding.SELF_HARM, "i want to go to sleep and not wake up"),
        (Finding.SELF_HARM, "thinking of taking all my tablets"),
        (Finding.SELF_HARM, "everyone would be better off without me"),
        (Finding.EMERGENCY_REPAIR, "water coming through the light fitting"),
        (Finding.EMERGENCY_REPAIR, "the socket is sparking"),
        (Finding.EMERGENCY_REPAIR, "bathroom ceiling is bulging and about to collapse"),
        (Finding.EMERGENCY_REPAIR, "front door wont lock after the break in"),
        (Finding.EMERGENCY_REPAIR, "no electricity at all in the flat"),
        (Finding.URGENT_REPAIR, "no heating and no hot water"),
        (Finding.URGENT_REPAIR, "boiler has packed up"),
        (Finding.URGENT_REPAIR, "burst pipe in the loft"),
        (Finding.URGENT_REPAIR, "cant turn the water off"),
        (Finding.DAMP_MOULD, "black mould in the bedroom"),
        (Finding.DAMP_MOULD, "walls are damp"),
        (Finding.ASB_HIGH_RISK, "they threatened to stab me"),
        (Finding.ASB_HIGH_RISK, "someone smashed my car window on purpose"),
        (Finding.ASB_HIGH_RISK, "racist abuse from next door"),
        (Finding.HATE_INCIDENT, "homophobic comments shouted at me"),
        (Finding.HATE_INCIDENT, "they pick on me because i'm muslim"),
    ],
)
def test_each_rule_fires_on_what_tenants_write(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.GAS, "when is my annual gas safety check"),
        (Finding.GAS, "how do i top up my gas meter"),
        (Finding.FIRE, "the fire door on the landing wont close"),
        (Finding.FIRE, "fire alarm needs a new battery"),
        (Finding.DOMESTIC_ABUSE, "my son is scared of the dark since the light broke"),
        (Finding.SELF_HARM, "i cant go on like this with the damp"),
        (Finding.EMERGENCY_REPAIR, "the kitchen door won't close properly"),
        (Finding.EMERGENCY_REPAIR, "dripping tap in the bathroom"),
        (Finding.URGENT_REPAIR, "one radiator is a bit cold"),
        (Finding.ASB_HIGH_RISK, "loud music every night"),
    ],
)
def test_rules_stay_quiet_on_everyday_messages(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "🔥" * 500, "a" * 100_000, "مرحبا", "<script>alert(1)</script>"])
def test_odd_input_is_handled_without_error(text):
    assert isinstance(found(text), frozenset)


def test_a_lone_surrogate_is_read_past_and_the_rules_still_fire():
    """Valid JSON can carry "\\ud800"; it is no character, and must not stop the rules."""
    assert Finding.GAS in found("i can smell gas \ud800 in the kitchen\udfff")


@pytest.mark.parametrize("text", ["🏠" * 50_000, "'s" * 25_000, "$" * 50_000, "(a" * 25_000, "_" * 50_000])
def test_a_long_unbroken_string_is_read_in_linear_time(text):
    """spaCy splits such a string in time that grows with the square of its length: these took
    minutes each, and the Rasa server, whose one thread runs the rules, answered nobody else."""
    import time

    started = time.monotonic()
    found(text)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("text", ["i can smell gas " + "🔥" * 5000, "🔥" * 5000 + " i can smell gas",
                                  "smell gas" + "!" * 5000, "'s" * 200 + " there is a smell of gas"])
def test_the_rules_still_fire_beside_a_long_unbroken_string(text):
    assert Finding.GAS in found(text)
