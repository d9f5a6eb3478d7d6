"""What a rule can find: the one name every other module of bot.rules and its callers share."""

from __future__ import annotations

import enum


class Finding(enum.Enum):
    """What a rule can find. Fire and danger to life are told apart because a fire is also an
    emergency repair, while violence happening now is also high-risk ASB; both get 999."""

    GAS = "gas"
    FIRE = "fire"
    DANGER_TO_LIFE = "danger_to_life"
    DOMESTIC_ABUSE = "domestic_abuse"
    SELF_HARM = "self_harm"
    EMERGENCY_REPAIR = "emergency_repair"
    URGENT_REPAIR = "urgent_repair"
    DAMP_MOULD = "damp_mould"
    ASB_HIGH_RISK = "asb_high_risk"
    HATE_INCIDENT = "hate_incident"
    NEIGHBOUR = "neighbour"
    WATER_LEAK = "water_leak"
    WATER_OFF = "water_off"
    VULNERABLE = "vulnerable"
    # Unhappiness with the service: the tenant is offered the choice to complain.
    DISSATISFIED = "dissatisfied"
    # Signs a complaint may fall under one of the charter's exclusions; a person decides.
    LEGAL_PROCEEDINGS = "legal_proceedings"
    CRIMINAL_ALLEGATION = "criminal_allegation"
    ALREADY_ANSWERED = "already_answered"
    # The tenant says the worst is not happening: it still works, still locks, the heating and hot
    # water are fine, nothing is smoking, or it was put right. The model's same-day reading gives
    # way to it when nothing else says the repair cannot wait (bot.triage.reading).
    REASSURANCE = "reassurance"
    # A radiator bled ("ive bled it and still nothing"): air let out of the heating, which the
    # model once read as self-harm at 0.97 in the middle of a report of a cold radiator.
    RADIATOR_BLED = "radiator_bled"
    # Who lives in the home, told: "i live alone", "just me, im 81", "no one else lives here". The
    # model read such answers to the household question as self-harm at up to 1.00.
    HOUSEHOLD = "household"
    # Nothing but an apology to the bot: "hi sorry to bother you", "sorry for the capitals i was just
    # so tired". Models read both as self-harm (0.57 and more), and sent the Samaritans' number to a
    # tenant about to report a barking dog (bot.rules.apologies).
    APOLOGY = "apology"
