"""A message that is nothing but an apology to the bot, for writing at all or for how it was written.

Its own module because it is no danger and no repair: it only lets the triage set aside a danger
that the model alone read into such a message (bot.triage.reading). "Sorry to bother you, I can't
go on" is more than an apology, and is never one.
"""

from __future__ import annotations

import re
from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import Pattern

# No token patterns: an apology is only one when it is the whole message, which the expression
# below reads after matching (bot.rules.after_matching).
PATTERNS: Dict[Finding, List[Pattern]] = {Finding.APOLOGY: []}

_GREETING = r"(?:(?:hi|hello|hiya|hey|evening|morning|afternoon|good (?:morning|afternoon|evening))\b\W*)?"
_SORRY = r"(?:i'?m |im |i am )?(?:so |really |very |terribly )?sorry\b\W*"
# What the apology is for: writing at all, or how.
_FOR = (
    r"(?:(?:to|for) (?:bother|bothering|trouble|troubling|disturb|disturbing|message|messaging|text|texting)"
    r"(?: you| u)?|to be a (?:pain|nuisance)|for shouting|"
    r"(?:for|about) (?:the|my|all the|all my) (?:capitals|caps|caps lock|shouting|late message|long message|essay|"
    r"rant|typos|spelling|language|swearing|messages|texts))"
)
_WHEN = r"(?: (?:at this (?:time|hour)|so late|so early|on a (?:sunday|saturday|weekend)|again|earlier|before))?"
# ...and why, at most: tired, stressed or cross. "Tired of everything" is more than that.
_WHY = (
    r"(?:\W+(?:i was|i'?m|im|i am|i was just|just|i just)? ?(?:so |really |very )?"
    r"(?:tired|stressed|frustrated|annoyed|angry|upset|fed up|wound up|panicking))?"
)
_ONLY_AN_APOLOGY = re.compile(rf"^\W*{_GREETING}{_SORRY}{_FOR}{_WHEN}{_WHY}\W*$")


def only_an_apology(text: str) -> bool:
    """Whether the lower-cased `text` is an apology to the bot and nothing else."""
    return bool(_ONLY_AN_APOLOGY.match(text.strip()))
