"""Yes and no, however they are said, and the forms' yes-or-no questions answered in words:
"can you stop the water?", "is anyone at risk?", "does anyone need extra care?", "has anyone
threatened you?", and a call back offered.

Apart from the other readers because a tenant rarely answers these with a plain yes or no:
"no its not dangerous, just annoying" is a no, "my son has asthma" a yes, and each question
has its own words for either.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.rules import Finding, shared_rules
from bot.triage import THREAT_FINDINGS

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


# Words that can follow a yes and still tell nothing: "yes there is", "yeah i think so".
_FILLER = frozenset({"there", "is", "are", "please", "actually", "i", "think", "so", "we", "do", "have", "yes", "yeah"})


def only_yes(text: Optional[str]) -> bool:
    """A yes and nothing more ("yes", "yeah there is"): an answer to "is there anything we should
    know?" that leaves the thing itself still to ask."""
    if yes_or_no(text) is not True:
        return False
    return all(word in _FILLER for word in re.findall(r"[a-z]+", _YES.sub("", (text or "").strip(), count=1).lower()))


def threat_described(text: Optional[str]) -> bool:
    """Threats, violence, damage or hate, in what the tenant wrote: high-risk ASB."""
    return bool(shared_rules().find(text or "") & THREAT_FINDINGS)


_THREAT_DENIED = re.compile(
    r"\b(didn'?t|did not|never|hasn'?t|has not|haven'?t|have not|wasn'?t|was not|no ?one|nobody)\b"
    r"(\W+\w+){0,2}?\W+(threat\w*|hit|hurt|touch\w*|violent|attack\w*)\b",
    re.IGNORECASE,
)


def threat_answer(text: Optional[str]) -> Optional[bool]:
    """The answer to "has anyone threatened you?" told rather than said: "he just swore and
    laughed, didnt threaten me or nothing" is a no, however it opens; a plain yes or no as
    anywhere else. A threat told is found by `threat_described` first."""
    said = yes_or_no(text)
    if said is None and _THREAT_DENIED.search(text or ""):
        return False
    return said


# Offered a call back, "yes ring me" or "can someone phone me" takes it; "can i speak to a real
# person" asks for a person now.
_BE_RUNG = re.compile(
    r"\b(yes|yeah|yep|yh|ok|okay)\b|\b(call|ring|phone|bell)\w*\s+(me|us|back|my)\b|\bcall ?back\b",
    re.IGNORECASE,
)


def asks_to_be_rung(text: Optional[str]) -> bool:
    """Whether a request for a person, made when a call back was offered, takes the call back."""
    return bool(_BE_RUNG.search(text or ""))


_CANT_STOP = re.compile(
    r"\b(can'?t|cannot|cant|won'?t|not able to|unable to)\b.{0,20}\b(stop|turn|get to|find)\b", re.IGNORECASE
)


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
    said = text or ""
    told = _ELDERLY.search(said) or _YOUNG_CHILDREN.search(said) or names_a_condition(said)
    return Finding.VULNERABLE in shared_rules().find(said) or bool(told)


def names_a_condition(text: str) -> bool:
    """A long-term condition named ("i get migraines", "hes diabetic")."""
    return bool(_A_CONDITION.search(text or ""))


# Young children, told by their ages: "3 kids all under 8", "twins, 18 months old".
_YOUNG_CHILDREN = re.compile(
    r"\b(kids?|children|child|boys|girls|little ones?|twins)\b[^.!?]{0,20}\b(under|below|aged) "
    r"(\d|one|two|three|four|five|six|seven|eight|nine|ten)\b|\b\d{1,2} ?(months?|mths?|weeks?) old\b|"
    r"\b(toddlers?|newborn|new born)\b",
    re.IGNORECASE,
)
# A long-term condition, named: "im on my own, i get migraines".
_A_CONDITION = re.compile(
    r"\b(migraines?|epilep\w*|seizures?|diabet\w*|copd|asthma\w*|arthritis|fibromyalgia|chronic pain|"
    r"multiple sclerosis|parkinson\w*|crohn\w*|dementia|alzheimer\w*|autis\w*|adhd|ptsd|heart condition|"
    r"dialysis|chemo\w*|cancer|stroke)\b",
    re.IGNORECASE,
)
_ELDERLY = re.compile(
    r"\b(?:she'?s|he'?s|aged?|is)\s+(?:[7-9]\d|1[01]\d)\b|\b(?:[7-9]\d|1[01]\d)\s*(?:years old|yrs|yo)\b", re.IGNORECASE
)
