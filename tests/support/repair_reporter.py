"""A tenant reporting a repair and answering the bot's questions until it gives a reference.

One tenant for the fault tests (tests/e2e/tenant.py, which adds the resending) and the load
benchmark (bench/conversations.py, which adds many wordings and details): before, each had its
own list of the bot's questions and its own answers, and they had drifted (one answered "yes"
to "can you stop the water?", the other "no"; one said it another way when not understood,
the other did not).

A question is recognised by what it is about, with the conversation suite's reader
(`simulated_tenant.question_topic`), not by the bot's exact words: the suite's tenant and
this one read the bot's questions one way. tests/support/test_repair_reporter.py checks it
against each question of the repair form, in the domain's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Optional, Sequence

from tests.support.simulated_tenant import question_topic

# A logged repair's reference, as the bot gives it: "Your reference is REP-2026-KX7Q4MTD." Not
# any reference in a reply: "a reference looks like REP-2026-KX7Q4MTD" logs nothing.
REFERENCE = re.compile(r"reference is (REP-\d{4}-[A-Z0-9]{8})\b")
# "Sorry, I didn't understand that. Could you say it another way?": a person says plainly what
# they want, once, and then describes it when asked.
NOT_UNDERSTOOD = re.compile(r"didn't understand", re.I)
SAID_PLAINLY = "I need to report a repair"
# The answer to anything else: nothing more to add, no one at risk, nothing needed to get in.
OTHERWISE = "no"


def reference_in(replies: Sequence[str]) -> Optional[str]:
    """The repair's reference, when one of the bot's replies gives it."""
    found = REFERENCE.search("\n".join(replies))
    return found.group(1) if found else None


@dataclass
class RepairReporter:
    """What one tenant says: their problem first, then an answer to each question about it."""

    problem: str
    room: str = "kitchen"
    phone: str = "07700 900123"  # Ofcom's range for drama: nobody's number
    postcode: str = "SY7 9BW"
    rephrased: bool = False  # said it another way after the bot did not understand

    def answers(self) -> Dict[str, str]:
        """The answer to each kind of question (simulated_tenant.TOPICS) this tenant is asked."""
        return {
            "confirm": "/affirm",  # the read-back: "Shall I log it?", the button's payload
            "choice": "its a repair",  # not understood, offered the areas: they pick theirs
            "water_stop": "yes",
            "danger": "no",
            "vulnerable": "no",
            "access": "no",
            "where": self.room,
            "phone": self.phone,
            "postcode": self.postcode,
            "what": self.problem,
        }

    def answer(self, replies: Sequence[str]) -> Optional[str]:
        """What the tenant says next to the bot's replies to their last message, or None once
        the repair has its reference."""
        if reference_in(replies):
            return None
        said = "\n".join(replies)
        if NOT_UNDERSTOOD.search(said) and not self.rephrased:
            self.rephrased = True
            return SAID_PLAINLY
        return self.answers().get(question_topic(said) or "", OTHERWISE)
