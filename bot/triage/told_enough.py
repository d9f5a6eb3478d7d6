"""Whether a tenant's message says enough, and what the repair form still needs to ask.

A tenant who writes "my boiler's broken" has told us the problem; one who writes "I need to
report a repair" has not. Asking the first what is wrong is the kind of question tenants hate,
so the forms only ask when the opening message carries nothing but the request itself. The
repair form likewise skips the questions the report has already answered, or made pointless.
"""

from __future__ import annotations

import enum

import re
from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple

from bot.charter import RepairPriority
from bot.rules import Finding, shared_rules
from bot.triage.urgency import SAME_DAY_PRIORITIES, more_urgent

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

# Words that make up a bare request ("can I report a repair please") and say nothing about
# what happened. Anything outside this list counts as detail.
_REQUEST_WORDS = frozenset(
    """
    a about an and any anti antisocial asb behavior behaviour can could complain complaint
    complaints do does fix fixing fixed for get got have hello help hey hi hiya how i i'd i'm
    id im is it job jobs like log make me my need needs of on please problem problems raise
    repair repairs report reporting social some someone something sort thanks the there this
    to up want wanna was we with would you your
    yes yeah yep yup ok okay sure go ahead formal lodge file put in that one
    """.split()
)


def says_what_happened(message: str) -> bool:
    """True when the message holds at least one word beyond a bare request."""
    words = _WORD.findall(message.lower())
    return any(word not in _REQUEST_WORDS for word in words)


class RepairQuestion(enum.Enum):
    """The repair form's triage questions, by what they ask (actions/ knows which slot asks each)."""

    LEAK_STOPPED = "leak_stopped"
    IS_EMERGENCY = "is_emergency"
    HOUSEHOLD_VULNERABLE = "household_vulnerable"


def triage_questions_answered(priority: Optional[str], description: str) -> FrozenSet[RepairQuestion]:
    """The repair form's questions that the report has already answered, or made pointless.

    A same-day repair is already as urgent as it gets; a report with no leak needs no
    question about stopping the water, one that says the water is off has answered it, and
    one that mentions a baby or a disability has answered the vulnerability question.
    """
    if priority in {p.value for p in SAME_DAY_PRIORITIES}:
        # Logged at once: the vulnerability of the household is read from what was said.
        return frozenset(RepairQuestion)
    findings = shared_rules().find(description)
    answered = set()
    if Finding.WATER_LEAK not in findings or Finding.WATER_OFF in findings:
        answered.add(RepairQuestion.LEAK_STOPPED)
    if Finding.VULNERABLE in findings:
        answered.add(RepairQuestion.HOUSEHOLD_VULNERABLE)
    return frozenset(answered)


@dataclass(frozen=True)
class RepairAnswers:
    """What the repair form learnt: the priority triage gave, and the tenant's answers."""

    priority: Optional[str]
    leak_stopped: Optional[bool] = None
    at_risk: Optional[bool] = None
    vulnerable: Optional[bool] = None

    def priority_and_hazard(self) -> Tuple[RepairPriority, bool]:
        """The priority the answers raise the repair to, and whether it is an Awaab's Law
        emergency hazard.

        A leak the tenant cannot stop is uncontrollable (urgent). Someone at risk makes a
        repair an emergency, except damp and mould, which become an emergency hazard.
        """
        said = RepairPriority(self.priority or RepairPriority.ROUTINE.value)
        if self.leak_stopped is False:
            said = more_urgent(said, RepairPriority.URGENT)
        if self.at_risk is not True:
            return said, False
        if said is RepairPriority.DAMP_MOULD:
            return said, True
        return more_urgent(said, RepairPriority.EMERGENCY), False

    def same_day(self) -> bool:
        """Whether what the tenant has said so far makes this a same-day visit."""
        priority, emergency_hazard = self.priority_and_hazard()
        return emergency_hazard or priority in SAME_DAY_PRIORITIES

    def household_vulnerable(self, description: str) -> Optional[bool]:
        """The answer to the question, or yes when the report itself said so."""
        return True if Finding.VULNERABLE in shared_rules().find(description) else self.vulnerable


def description_to_keep(message: object, already_asked: bool) -> Optional[str]:
    """The tenant's words to keep as the description, or None to ask for them.

    Once the form has asked, any non-empty answer is kept: asking the same question twice
    traps people in a loop.
    """
    text = message.strip() if isinstance(message, str) else ""
    if not text:
        return None
    return text if already_asked or says_what_happened(text) else None
