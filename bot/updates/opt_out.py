"""STOP and START: a tenant's word for no more updates, and for updates again.

On SMS the words are Twilio's, because Twilio acts on them itself (it blocks messages to a
number that sent STOP, and answers it): ours must agree, or we would go on deciding updates
Twilio then refuses. On WhatsApp and Messenger nobody else acts on them, and only the plain
words count, so "cancel" there stays an answer to the assistant's question.

"YES" re-subscribes on Twilio too, but it is also how tenants answer questions: it is not taken
as START here. A tenant who said STOP and then YES hears nothing from us until START, which
errs on the side of not messaging someone who asked us to stop.
"""

from __future__ import annotations

import enum
import re
from typing import Optional


class OptOut(enum.Enum):
    STOP = "stop"
    START = "start"


SMS_STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
SMS_START_WORDS = frozenset({"start", "unstop"})
STOP_WORDS = frozenset({"stop"})
START_WORDS = frozenset({"start"})


def opt_out_word(text: str, sms: bool) -> Optional[OptOut]:
    """STOP or START when the whole message is one of those words (any case, with a full stop
    or an exclamation mark), else None: "stop texting me about the boiler" is a message."""
    word = re.sub(r"[\s.!]+$", "", (text or "").strip()).lower()
    if word in (SMS_STOP_WORDS if sms else STOP_WORDS):
        return OptOut.STOP
    if word in (SMS_START_WORDS if sms else START_WORDS):
        return OptOut.START
    return None
