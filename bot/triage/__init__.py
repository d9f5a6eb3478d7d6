"""Triage: what a message needs, how urgently, and whether it says enough.

The model's intent is read through the taxonomy, then raised (never lowered) by the
deterministic rules, and any safety signal sends the dialogue down its safety route whatever
the model said. Apart from that reading, the forms need to know whether a message says what
happened, and a message that tells two things needs one of them taken first.

The package is split so that each part can be read on its own (about 430 lines were one module):

- `reading`: the triage itself: the model's intent, its thresholds, the safety signals and how
  the rules raise the category, priority and risk;
- `told_enough`: whether an opening message says enough, and which of the repair form's
  questions the report has already answered;
- `first_things_first`: a timescale question answered as asked, a gas leak the model read where
  nothing tells one, and which of two reports
  is taken first;
- `urgency`: the order of repair priorities and which are attended the same day, which all
  three share.

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.triage.first_things_first import gas_never_told, question_taken_as_asked, report_taken_first
from bot.triage.reading import (
    SAME_DAY_EVIDENCE,
    SURE_ENOUGH_OF_DANGER,
    THREAT_FINDINGS,
    UNSURE,
    UNSURE_BELOW,
    SafetySignal,
    Triage,
    numbers_to_give,
    safety_of_intent,
    threat_in_any,
    triage,
)
from bot.triage.told_enough import (
    RepairQuestion,
    RepairAnswers,
    description_to_keep,
    says_what_happened,
    triage_questions_answered,
)
from bot.triage.urgency import SAME_DAY_PRIORITIES, URGENCY, more_urgent

__all__ = [
    "SAME_DAY_EVIDENCE",
    "SAME_DAY_PRIORITIES",
    "SURE_ENOUGH_OF_DANGER",
    "THREAT_FINDINGS",
    "UNSURE",
    "UNSURE_BELOW",
    "URGENCY",
    "RepairAnswers",
    "SafetySignal",
    "Triage",
    "description_to_keep",
    "more_urgent",
    "question_taken_as_asked",
    "gas_never_told",
    "report_taken_first",
    "numbers_to_give",
    "safety_of_intent",
    "says_what_happened",
    "threat_in_any",
    "triage",
    "triage_questions_answered",
    "RepairQuestion",
]
