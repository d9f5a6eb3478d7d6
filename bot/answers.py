"""Reading tenants' answers to the forms' questions: where in the home, how to reach them,
their postcode, and what a complaint might run into.

Plain functions over text, so the form validations in actions/ stay one line each and a test
can check every answer without a model.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import List, Optional, Sequence, Tuple

from bot.cases import POSTCODE, postcodes_in
from bot.charter import ExclusionReason
from bot.rules import Finding, shared_rules
from bot.taxonomy import SAFETY_INTENTS
from bot.triage import THREAT_FINDINGS, says_what_happened

# What a tenant says when they have nothing to add or do not know.
_NOTHING = re.compile(
    r"^\s*(no+|nope|nah|none|nothing|not really|n/?a|no thanks?( you)?|no thank you|"
    r"i don'?t know|dont know|don'?t know|dunno|not sure|i'?m not sure|no phone|i don'?t have (one|a phone))\W*$",
    re.IGNORECASE,
)

_ROOM = re.compile(
    r"\b(?:(?:front|back|main|second|spare|kids'?|children'?s|small|big|master|upstairs|downstairs|"
    r"communal|my|our|the|son'?s|daughter'?s|baby'?s)\s+)?"
    r"(kitchen|bathroom|bedroom|living ?room|lounge|sitting room|front room|dining room|hall(?:way)?|"
    r"landing|stair(?:s|case|well)|loft|attic|garden|shower room|utility(?: room)?|porch|"
    r"balcony|garage|shed|front door|back door|roof|conservatory|box ?room|en-?suite|downstairs toilet|"
    r"airing cupboard|cupboard|cellar|basement|bin store|lift|driveway|path|yard|outside|"
    r"(?:front|back|side) of the (?:house|flat|building|block))\b",
    re.IGNORECASE,
)

_OWNER = re.compile(r"^(my|our|the)\s+", re.IGNORECASE)
_PHONE_CHARACTERS = re.compile(r"[\s().-]")
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)(\d{9,10})$")
# Something typed that may be a phone number, before it is checked.
_PHONE_CANDIDATE = re.compile(r"[+\d][\d\s().-]{8,}\d")


def says_nothing(text: Optional[str]) -> bool:
    """A "no", "none" or "don't know": an answer, not a refusal to answer."""
    return bool(text) and bool(_NOTHING.match(text))


def place_named(text: Optional[str]) -> Optional[str]:
    """The answer to "where in your home is it?": a room, or a short answer in other words
    ("by the back door"); a long message is something else, to be kept, not a place."""
    found = location_in(text)
    if found:
        return found
    words = (text or "").strip()
    if _TOLD_NOT_A_PLACE.search(words):
        return None  # "i cant find the stopcock": kept with the report, and the question comes again
    return words if 0 < len(words) <= 60 and not says_nothing(words) else None


# A short answer that is a sentence about something else, not a place.
_TOLD_NOT_A_PLACE = re.compile(
    r"\?|\b(i|i'?m|im|we|we'?re|can'?t|cant|don'?t|dont|won'?t|wont|didn'?t|didnt|no idea|should)\b", re.IGNORECASE
)


def location_in(text: Optional[str]) -> Optional[str]:
    """Where in the home a report says the problem is ("the back bedroom"), if it says."""
    found = _ROOM.search(text or "")
    return _OWNER.sub("", found.group(0)).strip() if found else None


def uk_phone_number(text: Optional[str]) -> Optional[str]:
    """A UK phone number written the usual way ("07700 900123"), from however it was typed.

    Mobiles and landlines, with +44, 0044 or 0, with spaces, dots, dashes or brackets.
    """
    for candidate in _PHONE_CANDIDATE.findall(text or ""):
        compact = _PHONE_CHARACTERS.sub("", candidate)
        match = _UK_PHONE.match(compact)
        if match:
            national = "0" + match.group(1)
            if len(national) == 11:
                return f"{national[:5]} {national[5:]}"
    return None


def phone_of_sender(channel: Optional[str], sender_id: str) -> Optional[str]:
    """A tenant who texts or WhatsApps us has already told us their number."""
    if channel not in ("twilio", "whatsapp", "sms"):
        return None
    return uk_phone_number(sender_id.replace("whatsapp:", ""))


def postcode_in(text: Optional[str]) -> Optional[str]:
    found = postcodes_in(text or "")
    return found[0] if found else None


def only_contact_details(text: Optional[str]) -> bool:
    """ "SY7 9BW" or "07700 900123, SY7 9BW": a phone number or postcode and nothing else, given
    when something else was asked. Kept as the detail it is, never as the answer to "what would
    put this right?" or "when can we get in?"."""
    text = text or ""
    rest = _PHONE_CANDIDATE.sub(lambda found: " " if uk_phone_number(found.group(0)) else found.group(0), text)
    rest = POSTCODE.sub(" ", rest)
    return rest != text and not re.search(r"[^\W_]", rest)


_EXCLUSION_FINDINGS = {
    Finding.OLD_MATTER: ExclusionReason.OLDER_THAN_12_MONTHS,
    Finding.LEGAL_PROCEEDINGS: ExclusionReason.LEGAL_PROCEEDINGS,
    Finding.CRIMINAL_ALLEGATION: ExclusionReason.CRIMINAL_ALLEGATION,
    Finding.ALREADY_ANSWERED: ExclusionReason.ALREADY_ANSWERED,
    Finding.NEIGHBOUR: ExclusionReason.NEIGHBOUR_DISPUTE,
}
# Words that point the complaint at us, so a neighbour in it does not make it a neighbour dispute.
_ABOUT_US = re.compile(
    r"\b(you|your|yous|officers?|staff|team|landlord|housing|ignored|nothing (?:has been|was|is being|gets?) done)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def possible_exclusions(
    description: str, now: datetime, time_limit_months: int, landlord: str = ""
) -> List[ExclusionReason]:
    """The charter's exclusions a complaint may fall under, for a person to decide. `landlord` is
    the charter's name for us: a complaint naming it is about us.

    A year named outright counts as old only when the whole of it is outside the time limit,
    so "in 2025" said in 2026 is not flagged but "in 2023" is.
    """
    findings = shared_rules().find(description)
    reasons = [reason for finding, reason in _EXCLUSION_FINDINGS.items() if finding in findings]
    about_us = _ABOUT_US.search(description or "") or (landlord and landlord.lower() in (description or "").lower())
    if ExclusionReason.NEIGHBOUR_DISPUTE in reasons and about_us:
        # How we handled a neighbour problem is a complaint about us, which the Code lets in.
        reasons.remove(ExclusionReason.NEIGHBOUR_DISPUTE)
    limit_years = (time_limit_months + 11) // 12
    if any(int(year) < now.year - limit_years for year in _YEAR.findall(description or "")):
        if ExclusionReason.OLDER_THAN_12_MONTHS not in reasons:
            reasons.insert(0, ExclusionReason.OLDER_THAN_12_MONTHS)
    return [reason for reason in ExclusionReason if reason in reasons]


def unhappy_with_us(text: Optional[str]) -> bool:
    """Whether a message sounds unhappy with our service: a complaint, under the Code, whatever
    words it uses."""
    return Finding.DISSATISFIED in shared_rules().find(text or "")


def complaint_told(messages: Sequence[Tuple[str, Optional[str]]]) -> Optional[str]:
    """What the tenant has already said is wrong, for a complaint that starts after they said
    it (a yes to the complaint offered after a repair, or "forget the repair, I want to
    complain"): of `messages` (text and intent, oldest first, since the last complaint), those
    unhappy with us or asking to complain with more than the request; None when there are
    none, and the form asks."""
    told = [
        text.strip()
        for text, intent in messages
        if text.strip()
        and not text.startswith("/")
        and (unhappy_with_us(text) or (intent == "complain" and says_what_happened(text)))
    ]
    return "\n".join(told)[:2000] or None


# --- yes and no, however they are said --------------------------------------------------------

_YES = re.compile(
    r"^\W*(y+e*s+|y+e+a+h*|yeh|yh|ya+h?|yep+|yup+|aye|sure|ok(ay)?|correct|right|that'?s right|"
    r"i think so|think so|i (do )?believe so|definitely|of course|please|yes please|go on|go ahead|absolutely|"
    r"it is|it does|they are|there is|there are|he is|she is|i am|we are|we do|i do|kind of|sort of|"
    r"a bit|a little|probably|possibly|maybe)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^\W*(n+o+|nope|nah+|na|not really|not at all|not that i know( of)?|nobody|no ?one|none|never|"
    r"nothing|negative|i don'?t think so|dont think so|don'?t think so|it'?s not|its not|it isn'?t|"
    r"it doesn'?t|they'?re not|there isn'?t|there'?s not|nothing like that|no way|not (right )?now|"
    r"not yet|not at the moment|not as far as i know)\b",
    re.IGNORECASE,
)


def yes_or_no(text: Optional[str]) -> Optional[bool]:
    """True for a yes, False for a no, in the ways people say them ("yeah", "nope", "i think
    so, hes asthmatic", "no its not dangerous, just annoying", "no, just me and my husband");
    None when the message is neither. Only its opening words count: what follows is detail."""
    text = (text or "").strip()
    if _NO.match(text):
        return False
    if _YES.match(text):
        return True
    return None


# --- the repair form's yes-or-no questions, answered in words ----------------------------------

_CANT_STOP = re.compile(
    r"\b(can'?t|cannot|cant|won'?t|not able to|unable to)\b.{0,20}\b(stop|turn|get to|find)\b", re.IGNORECASE
)


def threat_described(text: Optional[str]) -> bool:
    """Threats, violence, damage or hate, in what the tenant wrote: high-risk ASB."""
    return bool(shared_rules().find(text or "") & THREAT_FINDINGS)


_OUTCOME = re.compile(
    r"\b(i (want|would like|'d like|need|expect)|i'?d like|put (it|this|things) right|compensation|apolog|"
    r"refund|money back|reimburse|someone to come|get it fixed|fix it properly)\b",
    re.IGNORECASE,
)


# Asking to complain is not what would put it right: "i want to make a complaint" was kept as
# the outcome, so the question was never asked.
_ASKING_TO_COMPLAIN = re.compile(
    r"\bi\s*(?:want|would like|'?d like|need|wish)\s+to\s+(?:(?:make|raise|log|lodge|file|put in|submit|register)\s+)?"
    r"(?:(?:a|an|another|my)\s+)?(?:(?:formal|official|proper)\s+)?(?:complain\w*|report\w*|escalat\w*|speak|talk)\b",
    re.IGNORECASE,
)


# Offered a call back, "yes ring me" or "can someone phone me" takes it; "can i speak to a real
# person" asks for a person now.
_BE_RUNG = re.compile(
    r"\b(yes|yeah|yep|yh|ok|okay)\b|\b(call|ring|phone|bell)\w*\s+(me|us|back|my)\b|\bcall ?back\b",
    re.IGNORECASE,
)


def asks_to_be_rung(text: Optional[str]) -> bool:
    """Whether a request for a person, made when a call back was offered, takes the call back."""
    return bool(_BE_RUNG.search(text or ""))


def outcome_wanted(text: Optional[str]) -> Optional[str]:
    """What would put a complaint right, when the message says ("i want compensation")."""
    said = _ASKING_TO_COMPLAIN.sub(" ", text or "")
    return text.strip()[:500] if text and _OUTCOME.search(said) else None


def leak_stopped(text: Optional[str]) -> Optional[bool]:
    """ "Can you stop the water?": a yes or no, "I've turned it off", or "I can't get to it"."""
    if _CANT_STOP.search(text or ""):
        return False
    findings = shared_rules().find(text or "")
    if Finding.WATER_OFF in findings:
        return True
    return yes_or_no(text)


_HARM = re.compile(
    r"\b(ill|poorly|sick|cough\w*|chest|breath\w*|wheez\w*|asthma\w*|hurt|injur\w*|unsafe|not safe|"
    r"don'?t feel safe|scared|danger\w*|risk)\b",
    re.IGNORECASE,
)


_UNSAFE = re.compile(r"\b(not safe|unsafe|don'?t feel safe|do not feel safe)\b", re.IGNORECASE)
_DANGER_DENIED = re.compile(
    r"\b(?:not|isn'?t|is not|nothing|no|never|wouldn'?t say (?:its|it'?s))\s+(?:really\s+|that\s+|at all\s+|too\s+)?"
    r"(?:dangerous|a danger|in danger|unsafe|at risk|a risk|risky|harmful)(?:\s+as such|\s+really|\s+at all)?",
    re.IGNORECASE,
)


def someone_at_risk(text: Optional[str]) -> Optional[bool]:
    """ "Is anyone at risk, or is it damaging your home?": a yes or no, or a danger or harm to
    someone described ("its dripping near the light", "my wife has copd, its not good for her
    chest", "i dont feel safe with it not locking")."""
    danger = {Finding.EMERGENCY_REPAIR, Finding.FIRE, Finding.GAS, Finding.DANGER_TO_LIFE, Finding.VULNERABLE}

    def harm_in(words: str) -> bool:
        return bool(shared_rules().find(words) & danger or _HARM.search(words))

    if _UNSAFE.search(text or ""):
        return True  # "its not safe" starts like a no, and is a yes
    said = yes_or_no(text)
    # "its draughty but its not dangerous": the danger denied is no danger described.
    rest = _DANGER_DENIED.sub(" ", text or "")
    if said is False:
        # "no its not dangerous at all, just annoying": the no is the answer, unless what follows
        # a "but" describes harm ("its not dangerous but my son has asthma and it makes him cough").
        _, but, after = rest.partition(" but ")
        return bool(but) and harm_in(after)
    if harm_in(rest):
        return True
    return False if rest != (text or "") else said


def needs_extra_care(text: Optional[str]) -> Optional[bool]:
    """ "Does anyone at home need extra care?": a yes or no, or someone described ("my son is
    asthmatic", "my mum lives with me, she's 81"); a description counts even after a no."""
    return True if describes_extra_care(text) else yes_or_no(text)


def describes_extra_care(text: Optional[str]) -> bool:
    """Someone at home described as needing extra care ("my son is asthmatic", "she's 81"):
    heard whatever was asked, unlike a plain yes, which answers only the question asked."""
    return Finding.VULNERABLE in shared_rules().find(text or "") or bool(_ELDERLY.search(text or ""))


_ELDERLY = re.compile(
    r"\b(?:she'?s|he'?s|aged?|is)\s+(?:[7-9]\d|1[01]\d)\b|\b(?:[7-9]\d|1[01]\d)\s*(?:years old|yrs|yo)\b", re.IGNORECASE
)


# --- what may take a tenant out of a report ----------------------------------------------------

# Dropping the report in hand, said outright: not "actually its in the kitchen".
_ABANDON = re.compile(
    r"\b(forget (that|it|this|about (it|that|this)|the (repair|report|complaint|whole thing))|never ?mind( that| it)?|"
    r"scrap (that|it|this)|change of plan|cancel (that|it|this|the (repair|report|complaint)))\b",
    re.IGNORECASE,
)
_SAFETY_FINDINGS = frozenset(
    {Finding.GAS, Finding.FIRE, Finding.DANGER_TO_LIFE, Finding.DOMESTIC_ABUSE, Finding.SELF_HARM}
)
# Questions answered in the middle of a report, when the message is a question: "any weekday
# after 2" answers "when can we get in", whatever the model made of it.
_ANSWERED_BESIDE = frozenset({"ask_timescales", "ask_contact_details", "ask_rent_payment"})


def asks_something(text: Optional[str]) -> bool:
    """ "should i turn it off??": a question, not an answer."""
    return bool(_QUESTION.search(text or ""))


_QUESTION = re.compile(
    r"\?|^\W*(how|what|whats|what's|when|where|who|why|which|can|could|do|does|is|are|will|would|should)\b",
    re.IGNORECASE,
)
# Asking for a person, and Rasa's own commands, whenever they come.
_ALWAYS_BESIDE = frozenset({"request_human", "restart", "session_start"})
# A danger the model alone saw leaves a report from this confidence on, unless the message is a
# plain yes or no: a missed disclosure costs far more than a question asked again.
SURE = 0.6
# ...and from this one when the rules saw violence or danger in it too ("he kicked them in,
# im scared hes coming back"): two readings that agree are worth more than either alone.
SURE_WITH_A_FINDING = 0.4
_CORROBORATING = frozenset({Finding.ASB_HIGH_RISK.value, Finding.HATE_INCIDENT.value})
# Dangers that no answer about a neighbour's threats covers.
_NOT_AN_ANSWER = frozenset(
    {Finding.GAS.value, Finding.FIRE.value, Finding.DOMESTIC_ABUSE.value, Finding.SELF_HARM.value}
)


_NOW = re.compile(
    r"\b(right now|now|at the moment|as we speak|outside my (front |back )?door|at my (front |back )?door|"
    r"in my (house|flat|home)|trying to (get|break) in|banging on|kicking (it|the door|my door)|hes here|he'?s here|"
    r"they'?re here|theyre here|still here|happening)\b",
    re.IGNORECASE,
)


def happening_now(text: Optional[str]) -> bool:
    """Danger going on as the tenant writes ("hes outside my door now"), not a threat reported."""
    return bool(_NOW.search(text or ""))


def abandons(text: Optional[str]) -> bool:
    """ "Actually forget that, I want to make a complaint": the tenant drops the report in hand."""
    return bool(_ABANDON.search(text or ""))


def leaves_the_report(
    text: str, intent: Optional[str], confidence: float, findings: Sequence[str], asked: Optional[str] = None
) -> bool:
    """Whether a message sent while a question waits interrupts the report: a danger the
    deterministic rules found (one the model alone saw when it is fairly sure and the message is
    not a plain yes or no), a question answered beside the report, or asking for a person. The
    report carries on afterwards; dropping it is `abandons`. Everything else is the answer, or
    more detail."""
    asked_beside = intent in _ANSWERED_BESIDE and asks_something(text)
    if (
        asked == "complaint_outcome"
        and intent not in SAFETY_INTENTS
        and not set(findings) & _NOT_AN_ANSWER
        and not asked_beside
    ):
        # "What would put this right?" "someone to ring me today": the outcome, not a request now.
        # "how long have you got to get back to me?" is a question, answered before the form goes on.
        return False
    if (
        asked == "asb_is_high_risk"
        and threat_described(text)
        and not set(findings) & _NOT_AN_ANSWER
        and not happening_now(text)
    ):
        # "Has anyone threatened you?" "he said hes going to stab me": the answer, a high risk one.
        # "hes outside my door now kicking it" is not an answer: it is 999, at once.
        return False
    if {f.value for f in _SAFETY_FINDINGS} & set(findings):
        return True
    enough = SURE_WITH_A_FINDING if set(findings) & _CORROBORATING else SURE
    if intent in SAFETY_INTENTS and confidence >= enough and yes_or_no(text) is None:
        return True
    if asked_beside:
        return True
    if intent == "request_human" and (uk_phone_number(text) or postcodes_in(text)):
        # "my number is 07700 900205 if someone actually wants to call me": a detail given, to keep.
        return False
    return intent in _ALWAYS_BESIDE or (text.startswith("/") and intent not in ("affirm", "deny"))


# --- choosing what a message is about, when the assistant could not tell ---------------------

AREAS = ("repair", "neighbour", "complaint", "question", "something_else")
_AREA_WORDS = (
    ("something_else", re.compile(r"\b(something else|none of (these|them|those)|other|neither)\b", re.IGNORECASE)),
    ("complaint", re.compile(r"\b(complain\w*|complaint)\b", re.IGNORECASE)),
    ("neighbour", re.compile(r"\b(neighbou?rs?|next door|anti.?social|asb|noise|people)\b", re.IGNORECASE)),
    ("repair", re.compile(r"\b(repairs?|fix|broken|something broken|fault)\b", re.IGNORECASE)),
    ("question", re.compile(r"\b(question|ask|enquiry|query|information|info)\b", re.IGNORECASE)),
)


def area_chosen(text: Optional[str]) -> Optional[str]:
    """Which area a tenant picked from the choice offered ("its a repair", "my neighbour",
    "a question"), or None when the message is not a choice but something new."""
    words = (text or "").strip()
    if not words or len(words) > 60:
        return None
    return next((area for area, pattern in _AREA_WORDS if pattern.search(words)), None)


# --- two problems in one message -------------------------------------------------------------

_CLAUSE = re.compile(r"\s*(?:[.;!?]+|,?\s+\band\b\s+(?:also\s+)?|\balso\b|\bplus\b)\s*", re.IGNORECASE)
_REPAIR_WORDS = re.compile(
    r"\b(broken|broke|leak\w*|boiler|heating|tap|toilet|sink|drain|blocked|damp|mou?ld|window|door|lock|"
    r"light|socket|roof|gutter|fence|radiator|shower|bath|ceiling|wall is cracked|not working|stopped working)"
    r"(?:s|'s)?\b",
    re.IGNORECASE,
)
_NEIGHBOUR_TROUBLE = re.compile(
    r"\b(neighbou?rs?|next door|upstairs|downstairs|bark\w*|dogs?|music|party|parties|noise|noisy|shout\w*|"
    r"threat\w*|harass\w*|drugs|dealing|fly.?tipp\w*)\b",
    re.IGNORECASE,
)


def _kind_of_clause(clause: str) -> Optional[str]:
    """ "repair" for a fault with nothing about the neighbours in it, "asb" for trouble from
    people with no fault in it, None for a clause that is neither or both."""
    fault = _REPAIR_WORDS.search(re.sub(r"next door|slam\w* (the )?doors?", "", clause, flags=re.IGNORECASE))
    trouble = _NEIGHBOUR_TROUBLE.search(clause)
    if fault and not trouble and not shared_rules().find(clause) & THREAT_FINDINGS:
        return "repair"  # not "someone sprayed racist stuff on my door", which is the ASB itself
    if trouble and not fault:
        return "asb"
    return None


def _clauses(text: Optional[str]) -> List[str]:
    return [c.strip() for c in _CLAUSE.split(text or "") if c and c.strip()]


def second_problem(text: Optional[str], first: str) -> Optional[str]:
    """The part of a message that is a second, different problem ("my boiler's broken and the
    neighbour's dog barks all night": the dog, when the boiler is taken first), or None.
    `first` is the category taken: "repair" or "asb"."""
    clauses = _clauses(text)
    if len(clauses) < 2:
        return None
    other = "asb" if first == "repair" else "repair"
    # The problem taken first may be told second.
    return next((clause for clause in clauses if _kind_of_clause(clause) == other), None)


_DAMAGE = r"(smash\w*|broke\w*|kick\w*|shatter\w*|put through|board\w*|cracked)"
_HOME_PART = r"(windows?|doors?|locks?|glass|panes?|frames?|letterbox)"
_HOME_DAMAGED = re.compile(
    rf"\b{_DAMAGE}\b.{{0,40}}\b{_HOME_PART}\b|\b{_HOME_PART}\b.{{0,40}}\b{_DAMAGE}|"
    rf"\bput\b.{{0,30}}\b{_HOME_PART}\s+(in|through)\b",
    re.IGNORECASE,
)


_VEHICLE = re.compile(r"\b(car|cars|van|vehicle|motor|bike|windscreen)\b", re.IGNORECASE)


def damage_to_make_safe(messages: Sequence[str]) -> Optional[str]:
    """The part of an anti-social behaviour report that is damage to the home ("he put my front
    window through, need it boarding up"), or None. The ASB report is the crime; the damage is a
    repair of its own, so the window is made safe and not left waiting for the ASB officer."""
    for message in messages:
        clause = next((c for c in _clauses(message) if _HOME_DAMAGED.search(c) and not _VEHICLE.search(c)), None)
        if clause:
            return clause
    return None


def first_problem(text: Optional[str]) -> Optional[str]:
    """Of a message telling a repair and trouble from the neighbours, which comes first
    ("repair" or "asb"); None when it tells only one kind. Tenants lead with what matters
    most to them, so that is the report taken first."""
    kinds = [kind for kind in map(_kind_of_clause, _clauses(text)) if kind]
    return kinds[0] if len(set(kinds)) == 2 else None
