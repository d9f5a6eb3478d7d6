"""What the simulated people say: a tenant reporting a repair to our assistant, a person talking
to the stock moodbot, and what a tenant writes after their repair is logged.

How a tenant reporting a repair reads the bot's questions and answers them is not here: it is
the one tenant the fault tests play too (tests/support/repair_reporter.py). What is here is
what makes each of the benchmark's tenants their own: a repair worded one of many ways, their
own number and postcode. The assistant remembers how it read words it has read before
(bot/rasa/parse_memory.py), so tenants who all typed the same would flatter it.
"""

from __future__ import annotations

import random
from typing import Callable, List, Optional, Tuple

from tests.support.repair_reporter import RepairReporter

# What a tenant says after their repair is logged, round and round: thanks, a question answered
# from the charter, small talk.
AFTERWARDS = ["thanks", "how long does a routine repair take", "ok", "what is your phone number", "thank you"]

REPAIRS = [
    # (what the tenant first writes, the room they name if asked where). Each is understood
    # by the current model; phrasings it does not understand are a matter for the NLU
    # benchmark, not this one (a tenant who is not understood rephrases, see RepairReporter).
    ("the kitchen tap has been dripping for a week", "kitchen"),
    ("the bedroom window handle has snapped off", "bedroom"),
    ("my front door lock is stiff", "front door"),
    ("the bathroom extractor fan has stopped working", "bathroom"),
    ("the toilet keeps running after I flush it", "bathroom"),
    ("a kitchen cupboard door has come off its hinge", "kitchen"),
    ("the radiator in the back bedroom stays cold", "back bedroom"),
    ("the garden fence panel has blown down", "back garden"),
    ("the shower is leaking", "bathroom"),
    ("a floorboard in the bedroom is loose", "bedroom"),
    ("the back door doesn't close properly", "back door"),
    ("my radiator is not heating up", "living room"),
    ("the bath panel is broken", "bathroom"),
    ("the kitchen extractor fan is broken", "kitchen"),
    ("the gutter is overflowing", "front of the house"),
    ("the door bell doesn't work", "front door"),
]
# A report said with its own address and ending.
SINCE = ["", " since monday", " for a few days now", ", can someone come", " again", " - please help", "!!"]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class Conversation:
    """One person's conversation: the first message, then an answer to each set of replies."""

    max_messages = 15

    @property
    def rephrased(self) -> bool:
        """Whether they had to say it another way after the bot did not understand."""
        return False

    def opening(self) -> str:
        raise NotImplementedError

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        """("done", None) when the conversation reached its goal, else ("say", next message)."""
        raise NotImplementedError


PersonMaker = Callable[[random.Random], Conversation]


class RepairReport(Conversation):
    """A tenant reporting a repair to our assistant and answering its questions."""

    def __init__(self, rng: random.Random) -> None:
        problem, room = rng.choice(REPAIRS)
        flat = rng.randint(1, 120)
        problem += rng.choice(["", f" at flat {flat}", f" - {flat} Corve Street"]) + rng.choice(SINCE)
        phone = f"07700 900{rng.randrange(1000):03d}"  # Ofcom's range for drama: nobody's number
        postcode = (
            f"SY{rng.randint(1, 23)} {rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        )
        self.tenant = RepairReporter(problem=problem, room=room, phone=phone, postcode=postcode)

    @property
    def rephrased(self) -> bool:
        return self.tenant.rephrased

    def opening(self) -> str:
        return self.tenant.problem

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        said = self.tenant.answer(replies)
        return ("done", None) if said is None else ("say", said)


class MoodChat(Conversation):
    """The stock moodbot's own conversation: greet, say how you feel, answer its question."""

    max_messages = 6
    GREETINGS = ["hello", "hi", "hey there", "good morning", "hello there"]
    SAD = ["I am sad", "not very good", "my day was horrible", "I'm so sad", "unhappy"]
    YES = ["yes", "indeed", "of course", "yes it did"]

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def opening(self) -> str:
        return self.rng.choice(self.GREETINGS)

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        joined = " ".join(replies)
        if "Great, carry on" in joined:
            return "done", None
        if "Did that help you" in joined:
            return "say", self.rng.choice(self.YES)
        if "How are you" in joined:
            return "say", self.rng.choice(self.SAD)
        return "say", self.rng.choice(self.GREETINGS)
