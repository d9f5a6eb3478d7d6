"""Reading a message: the model's intent through the taxonomy, raised by the rules.

The model's intent is read through the taxonomy, then raised (never lowered) by the
deterministic rules: a routine repair that mentions water on the electrics becomes an
emergency, low-risk ASB with a threat becomes high risk, and any safety signal sends the
dialogue down its safety route whatever the model said. Where the model was unsure, the rules
decide whether its guess stands, falls back, or gives way to what they saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Optional, Tuple

from bot.charter import AsbRisk, RepairPriority
from bot.rules import Finding
from bot.taxonomy import CALLBACK_OFFERED, INTENTS, SAFETY_INTENTS, SIGNAL_OF_INTENT, Category, SafetySignal, meaning_of
from bot.triage.urgency import SAME_DAY_PRIORITIES, URGENCY, more_urgent


_SIGNAL_OF_FINDING: Dict[Finding, SafetySignal] = {
    Finding.GAS: SafetySignal.GAS,
    Finding.FIRE: SafetySignal.FIRE_OR_DANGER,
    Finding.DANGER_TO_LIFE: SafetySignal.FIRE_OR_DANGER,
    Finding.DOMESTIC_ABUSE: SafetySignal.DOMESTIC_ABUSE,
    Finding.SELF_HARM: SafetySignal.SELF_HARM,
}

_REPAIR_INTENT: Dict[RepairPriority, str] = {
    meaning.priority: intent
    for intent, meaning in INTENTS.items()
    if meaning.category is Category.REPAIR and intent.startswith(("report_repair_", "report_damp"))
}


@dataclass(frozen=True)
class Triage:
    """What the assistant makes of one message: the model's answer, raised by the rules.

    `intent` is what the dialogue acts on; `model_intent` is what the model said, kept so
    that staff and auditors can see when a rule overrode it.
    """

    intent: str
    model_intent: str
    confidence: float
    category: Category
    priority: Optional[RepairPriority]
    asb_risk: Optional[AsbRisk]
    safety: Tuple[SafetySignal, ...]
    hate_incident: bool
    findings: FrozenSet[Finding]

    def as_dict(self) -> Dict[str, object]:
        return {
            "intent": self.intent,
            "model_intent": self.model_intent,
            "confidence": self.confidence,
            "category": self.category.value,
            "priority": self.priority.value if self.priority else None,
            "asb_risk": "high" if self.asb_risk is AsbRisk.HIGH else "low" if self.asb_risk else None,
            "safety": self.safety[0].value if self.safety else None,
            "all_safety": [signal.value for signal in self.safety],
            "hate_incident": self.hate_incident,
            "rules": sorted(finding.value for finding in self.findings),
        }


def safety_of_intent(intent: Optional[str]) -> Optional[SafetySignal]:
    return SIGNAL_OF_INTENT.get(intent or "")


def numbers_to_give(triaged: Dict[str, object], reporting_a_neighbour: bool) -> Tuple[SafetySignal, ...]:
    """The dangers whose numbers the first reply gives, from a message's triage (`as_dict`). In
    the middle of a report about a neighbour, abuse that only the model saw is that neighbour's
    threat ("hes banging on my door right now saying hes going to kill me", about the lads
    upstairs): 999 is given, not the domestic abuse helpline and its safe-contact question."""
    signals = tuple(SafetySignal(s) for s in triaged.get("all_safety") or ())  # type: ignore[union-attr]
    seen_by_the_rules = Finding.DOMESTIC_ABUSE.value in (triaged.get("rules") or ())  # type: ignore[operator]
    if reporting_a_neighbour and not seen_by_the_rules and len(signals) > 1:
        return tuple(s for s in signals if s is not SafetySignal.DOMESTIC_ABUSE)
    return signals


def _safety_signals(model_intent: str, findings: FrozenSet[Finding]) -> Tuple[SafetySignal, ...]:
    found = {_SIGNAL_OF_FINDING[f] for f in findings if f in _SIGNAL_OF_FINDING}
    if model_intent in SIGNAL_OF_INTENT:
        found.add(SIGNAL_OF_INTENT[model_intent])
    return tuple(signal for signal in SafetySignal if signal in found)


def _repair_floor(findings: FrozenSet[Finding]) -> Optional[RepairPriority]:
    """The least urgent a repair can be, given what the rules saw."""
    if findings & {Finding.FIRE, Finding.EMERGENCY_REPAIR}:
        return RepairPriority.EMERGENCY
    if findings & {Finding.GAS, Finding.URGENT_REPAIR}:
        return RepairPriority.URGENT
    if Finding.DAMP_MOULD in findings:
        return RepairPriority.DAMP_MOULD
    return None


def _as_reassured(
    priority: RepairPriority, findings: FrozenSet[Finding], safety: Tuple[SafetySignal, ...]
) -> RepairPriority:
    """A same-day reading that only the model made gives way to the tenant's own word that the worst
    is not happening ("key's a bit stiff, still works though", "boiler bangs when it fires up,
    heating and hot water both working", "we had water through the ceiling last month, it's
    fixed"). Never when the rules saw a same-day repair or anyone is in danger: what the rules
    raise, every safety signal and a leak still leaking stand. The repair form still asks whether the leak is stopped
    and whether anyone is at risk, and raises the repair by the answers."""
    floor = _repair_floor(findings)
    if Finding.REASSURANCE not in findings or safety or priority not in SAME_DAY_PRIORITIES:
        return priority
    # A leak not put right is the charter's other urgent case, which no word about the heating or
    # the lock speaks for ("boiler's leaking all over the floor but it still works").
    if Finding.WATER_LEAK in findings:
        return priority
    if floor in SAME_DAY_PRIORITIES:
        return priority
    return floor or RepairPriority.ROUTINE


def _dialogue_intent(
    model_intent: str,
    findings: FrozenSet[Finding],
    safety: Tuple[SafetySignal, ...],
    category: Category,
    priority: Optional[RepairPriority],
    risk: Optional[AsbRisk],
) -> str:
    if safety:
        first = safety[0]
        if first is SafetySignal.FIRE_OR_DANGER:
            fire = Finding.FIRE in findings or model_intent == "report_fire"
            return "report_fire" if fire else "report_danger_to_life"
        return next(intent for intent, signal in SIGNAL_OF_INTENT.items() if signal is first)
    said = meaning_of(model_intent)
    if category is Category.REPAIR and priority is not said.priority:
        return _REPAIR_INTENT[priority]
    if category is Category.ASB and risk is AsbRisk.HIGH and said.asb_risk is not AsbRisk.HIGH:
        return "report_asb_high_risk"
    return model_intent


# What makes anti-social behaviour high risk under the charter: violence or threats of it,
# criminal damage, hate.
THREAT_FINDINGS = frozenset({Finding.ASB_HIGH_RISK, Finding.HATE_INCIDENT, Finding.DANGER_TO_LIFE})


def threat_in_any(findings_of_each_message: Iterable[Iterable[str]]) -> bool:
    """Whether any message of a report showed a threat, by the rules' finding names. One message
    is enough, even one that interrupted the report ("hes outside my door now kicking it")."""
    names = {finding.value for finding in THREAT_FINDINGS}
    return any(names & set(findings) for findings in findings_of_each_message)


# What the rules must have seen to back a guess the model was unsure of.
_CORROBORATES: Dict[Category, FrozenSet[Finding]] = {
    Category.REPAIR: frozenset(
        {
            Finding.EMERGENCY_REPAIR,
            Finding.URGENT_REPAIR,
            Finding.DAMP_MOULD,
            Finding.GAS,
            Finding.FIRE,
            Finding.WATER_LEAK,
        }
    ),
    # Trouble from the people next door: the model's guess of ASB stands when a neighbour is named.
    Category.ASB: THREAT_FINDINGS | {Finding.NEIGHBOUR},
}


SAME_DAY_EVIDENCE = frozenset({Finding.EMERGENCY_REPAIR, Finding.URGENT_REPAIR, Finding.GAS, Finding.FIRE})


def _threat_from_neighbours(findings: FrozenSet[Finding]) -> bool:
    return Finding.HATE_INCIDENT in findings or {Finding.ASB_HIGH_RISK, Finding.NEIGHBOUR} <= findings


# Below this, the model's answer gives way to strong evidence from the rules.
UNSURE = 0.5
# Below these, a guess is offered as the choice of areas instead. A formal complaint opens a
# case with its own clocks, so a bare guess at one ("total waste of time", at the threshold) is
# not enough. A question answered with the offer of a call back is where anything unclear lands
# (markup read as a request for large print at 0.35, a stray word as the catch-all question),
# and the offer then takes "can I speak to a person" as a yes to being rung.
UNSURE_BELOW = {
    "complain": 0.4,
    **{intent: 0.4 for intent in CALLBACK_OFFERED},
    # A report started on a bare guess asks a tenant who only said hello where in their home it is
    # ("hello is this the housing? my daughter put this on my phone" was a major repair at 0.33),
    # unless the rules back the guess.
    **{
        intent: 0.4
        for intent, meaning in INTENTS.items()
        if meaning.category in (Category.REPAIR, Category.ASB) and intent not in SAFETY_INTENTS
    },
}


# A danger to a person that the model put first, this sure, is acted on even though another
# intent came close enough to make it fall back: a number given to someone who did not need it
# costs little, one withheld from someone who did may cost a life.
SURE_ENOUGH_OF_DANGER = 0.3


# The model's best guess names the area from this sure, when it fell back only because its next
# guess came close (the fallback's ambiguity): below it, everything was about equally unlikely.
SURE_OF_THE_AREA = 0.3
# Areas whose report starts the same way whichever of its intents the model meant: the repair
# form, the neighbour form, the complaint form. Two close questions are not: each has its own
# answer, and the wrong one answered is worse than the choice of areas.
_ONE_REPORT = (Category.REPAIR, Category.ASB, Category.COMPLAINT)


def _torn_within_one_area(
    model_intent: str,
    runner_up: Optional[str],
    runner_up_confidence: float,
    second_guess: Optional[str],
    findings: FrozenSet[Finding],
) -> Optional[str]:
    """The model torn between two readings of one report ("lift making a grinding noise":
    an emergency repair at 0.49, a routine one at 0.44) knows it is that report: the tenant was
    offered the choice of areas, chose "a repair", and the report started routine anyway
    (`report_started_with`). The less pressing of the two is taken, same-day only when the rules
    saw something that cannot wait, and the rules, then the form's questions, raise it as they
    raise any report. A danger among the two is left to the steps that weigh dangers."""
    if model_intent != "nlu_fallback" or runner_up_confidence < SURE_OF_THE_AREA:
        return None
    if not runner_up or not second_guess or {runner_up, second_guess} & set(SAFETY_INTENTS):
        return None
    first, second = meaning_of(runner_up), meaning_of(second_guess)
    if first.category is not second.category or first.category not in _ONE_REPORT:
        return None
    if first.category is Category.REPAIR and first.priority and second.priority:
        calmer = runner_up if URGENCY.index(first.priority) >= URGENCY.index(second.priority) else second_guess
        same_day = meaning_of(calmer).priority in SAME_DAY_PRIORITIES
        return "report_repair_routine" if same_day and not findings & SAME_DAY_EVIDENCE else calmer
    if first.category is Category.ASB and first.asb_risk is AsbRisk.HIGH:
        return second_guess
    return runner_up


def _understood(
    model_intent: str,
    confidence: float,
    runner_up: Optional[str],
    findings: FrozenSet[Finding],
    runner_up_confidence: float = 0.0,
    second_guess: Optional[str] = None,
) -> str:
    """The model's intent, unless the model was unsure and the rules saw something clear.

    A repair that cannot wait, or threats and hate from the people next door, are acted on
    even when the model could not place the message. Below the fallback threshold the model's
    best guess is used only when the rules back it up, or when it is a danger to a person.
    """
    if model_intent != "nlu_fallback" and confidence >= UNSURE:
        return model_intent
    if model_intent == "nlu_fallback" and runner_up in SAFETY_INTENTS and runner_up_confidence >= SURE_ENOUGH_OF_DANGER:
        return runner_up
    if Finding.EMERGENCY_REPAIR in findings:
        return "report_repair_emergency"
    if Finding.URGENT_REPAIR in findings:
        return "report_repair_urgent"
    if _threat_from_neighbours(findings):
        return "report_asb_high_risk"
    if Finding.ASB_HIGH_RISK in findings and not findings & {Finding.DOMESTIC_ABUSE, Finding.SELF_HARM}:
        # "hes always threatening to kill my dog": a threat, from someone not named as family.
        return "report_asb_high_risk"
    torn = _torn_within_one_area(model_intent, runner_up, runner_up_confidence, second_guess, findings)
    if torn:
        return torn
    if confidence < UNSURE_BELOW.get(model_intent, 0.0):
        backed_by = _CORROBORATES.get(meaning_of(model_intent).category, frozenset())
        return model_intent if findings & backed_by else "nlu_fallback"
    if model_intent != "nlu_fallback" or not runner_up:
        return model_intent
    backed_by = _CORROBORATES.get(meaning_of(runner_up).category, frozenset())
    return runner_up if findings & backed_by else model_intent


# What the rules find when a person, not the building, is in danger.
_PERSON_IN_DANGER = ((Finding.SELF_HARM, "express_self_harm"), (Finding.DOMESTIC_ABUSE, "report_domestic_abuse"))


def _person_before_fabric(understood: str, findings: FrozenSet[Finding]) -> str:
    """A gas leak or a fire the model saw where the rules saw none, but saw a person in danger,
    is that person: "the noise from upstairs makes me want to end it all" once read as a gas
    leak at full confidence, and logged a gas repair in the tenant's words beside the
    Samaritans' number. A gas or fire the rules saw themselves always stands."""
    if understood not in ("report_gas_leak", "report_fire") or findings & {Finding.GAS, Finding.FIRE}:
        return understood
    return next((intent for finding, intent in _PERSON_IN_DANGER if finding in findings), understood)


def _radiator_not_a_person(understood: str, findings: FrozenSet[Finding]) -> str:
    """Self-harm that only the model saw, in a message about bleeding a radiator, is the radiator:
    "ive bled it and still nothing", sent in answer to a question about a cold radiator, got the
    Samaritans' number. Self-harm the rules saw always stands ("bled the rads and i want to end it")."""
    if understood == "express_self_harm" and Finding.RADIATOR_BLED in findings and Finding.SELF_HARM not in findings:
        return "report_repair_routine"
    return understood


def _apology_not_a_danger(understood: str, findings: FrozenSet[Finding]) -> str:
    """A danger that only the model saw, in a message that is nothing but an apology to the bot, is
    a greeting: "hi sorry to bother you" (self-harm at 0.57 to 1.00, by model) and "sorry for the
    capitals i was just so tired" got the Samaritans' number. A danger the rules saw always stands."""
    if understood in SIGNAL_OF_INTENT and Finding.APOLOGY in findings and not findings & set(_SIGNAL_OF_FINDING):
        return "greet"
    return understood


def _neighbour_not_family(understood: str, findings: FrozenSet[Finding]) -> str:
    """Domestic abuse the model saw, where the rules saw none but saw a threat from the people
    next door, is theirs: "him upstairs throws stuff at me off his balcony, a bottle nearly hit
    my head". The rules move their own finding the same way (bot.rules.after_matching)."""
    if (
        understood == "report_domestic_abuse"
        and Finding.DOMESTIC_ABUSE not in findings
        and _threat_from_neighbours(findings)
    ):
        return "report_asb_high_risk"
    return understood


def _moved_by_evidence(category: Category, understood: str, findings: FrozenSet[Finding]) -> Category:
    """Strong evidence moves a message into the category that acts fastest: a repair that
    cannot wait is handled as one even inside a complaint or a question, and threats or hate
    from the people next door are high-risk ASB whatever the model made of them. Each move
    below is one row or more of tests/bot/test_triage.py."""
    threat_next_door = _threat_from_neighbours(findings)
    # Threats from the people next door stay theirs even when they broke something doing it
    # ("neighbour is kicking my door in right now saying hes going to kill me").
    if (
        findings & SAME_DAY_EVIDENCE
        and category in (Category.OTHER, Category.ENQUIRY, Category.COMPLAINT)
        and not (threat_next_door and not findings & {Finding.GAS, Finding.FIRE})
    ):
        category = Category.REPAIR
    # A home left insecure by a break-in needs the emergency repair, whoever did the damage;
    # damage by the people next door stays anti-social behaviour.
    if (
        category is Category.ASB
        and Finding.EMERGENCY_REPAIR in findings
        and Finding.NEIGHBOUR not in findings
        and Finding.DANGER_TO_LIFE not in findings
        and understood != "report_danger_to_life"
    ):
        category = Category.REPAIR
    if threat_next_door and category in (Category.OTHER, Category.ENQUIRY):
        category = Category.ASB
    # Damage or threats by the people next door that the model alone read as a repair, with nothing
    # in the rules that cannot wait: "someone's been in the bin store and smashed all the motion
    # lights, now they hang round in the dark down there waiting for people".
    if threat_next_door and category is Category.REPAIR and not findings & SAME_DAY_EVIDENCE:
        category = Category.ASB
    # Hate or threats told with no word against us are not a complaint about our service, however
    # the model read them ("notes under my door saying we dont want your sort here").
    if threat_next_door and category is Category.COMPLAINT and Finding.DISSATISFIED not in findings:
        category = Category.ASB
    # A fire someone set on purpose ("someone's set fire to the front door of flat 2") is arson:
    # high-risk anti-social behaviour, after the 999 advice, not a repair, however the model read it:
    # as the danger to the people in it ("the people upstairs are trying to set light to the door of
    # the flat opposite right now"), or as the damage ("lit fag ends through our letterbox, the
    # doormat has got burn holes in it"). Every fire the rules saw beside a threat in the development
    # sets of 7 December was set by someone.
    arson = understood == "report_fire" or Finding.FIRE in findings
    if category is Category.REPAIR and arson and Finding.ASB_HIGH_RISK in findings:
        category = Category.ASB
    # Violence happening now, from a neighbour or a stranger, is high-risk ASB; a neighbour who
    # has collapsed or not been seen for days is a person in danger, and no one's behaviour.
    danger_now = Finding.DANGER_TO_LIFE in findings or understood == "report_danger_to_life"
    if category is Category.OTHER and danger_now and Finding.ASB_HIGH_RISK in findings:
        category = Category.ASB
    return category


def triage(
    model_intent: Optional[str],
    confidence: float,
    findings: FrozenSet[Finding],
    runner_up: Optional[str] = None,
    runner_up_confidence: float = 0.0,
    second_guess: Optional[str] = None,
) -> Triage:
    """Raise the model's answer where the rules saw more danger; never lower it.

    `runner_up` is the model's best real intent when it fell back for want of confidence,
    `runner_up_confidence` how sure it was of it, and `second_guess` the real intent after it.
    """
    model_intent = model_intent or "nlu_fallback"
    understood = _understood(model_intent, confidence, runner_up, findings, runner_up_confidence, second_guess)
    understood = _neighbour_not_family(_person_before_fabric(understood, findings), findings)
    understood = _radiator_not_a_person(understood, findings)
    understood = _apology_not_a_danger(understood, findings)
    said = meaning_of(understood)
    safety = _safety_signals(understood, findings)
    category = _moved_by_evidence(said.category, understood, findings)
    priority = None
    if category is Category.REPAIR:
        priority = more_urgent(said.priority, _repair_floor(findings)) or RepairPriority.ROUTINE
        priority = _as_reassured(priority, findings, safety)
    risk = None
    if category is Category.ASB:
        risk = AsbRisk.HIGH if findings & (THREAT_FINDINGS | {Finding.FIRE}) else said.asb_risk
    if SafetySignal.DOMESTIC_ABUSE in safety:
        # Handled under the domestic abuse policy, never as neighbour trouble. A home the
        # abuser left open ("he kicked the door in, i cant lock it") is an emergency repair,
        # logged with the disclosure once the safe way to contact the tenant is known, never
        # at this first message (actions/safety.py).
        securing = Finding.EMERGENCY_REPAIR in findings
        category, risk = (Category.REPAIR if securing else Category.OTHER), None
        priority = RepairPriority.EMERGENCY if securing else None
    if SafetySignal.SELF_HARM in safety and category is Category.ENQUIRY:
        # A person, not a question, whatever their words asked ("can i end my tenancy early, like
        # permanently, i mean i'm not going to need anywhere to live soon"). A complaint stays one:
        # "i want to put in a complaint ... i cant take it anymore" is both, and the complaint is kept.
        category = Category.OTHER
    return Triage(
        intent=_dialogue_intent(understood, findings, safety, category, priority, risk),
        model_intent=model_intent,
        confidence=confidence,
        category=category,
        priority=priority,
        asb_risk=risk,
        safety=safety,
        hate_incident=Finding.HATE_INCIDENT in findings,
        findings=findings,
    )
