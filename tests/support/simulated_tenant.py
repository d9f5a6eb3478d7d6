"""A simulated tenant who answers in words, for the conversation suite (tests/conversations).

Each conversation (written from how tenants talk, by someone who never saw the bot's questions)
gives what the tenant says first, whatever they are asked (`says`), and how they would answer
each kind of question (`answers`), in their own words. The tenant sends `says` in order, then
reads each reply, works out what it asks about, and answers from `answers`, or "not sure". An
answer may be a list: the first for the first asking, the next for the next. Once nothing more
is asked, each line of `later` is said in turn ("can I change my appointment"), and the
questions that follow answered the same way.

Nothing here knows the bot's exact wording: a question is recognised by what it is about.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import yaml

SUITE = Path(__file__).resolve().parent.parent / "conversations"
MAX_TURNS = 14
REFERENCE = re.compile(r"\b(REP|ASB|CMP|ENQ)-\d{4}-[A-Z0-9]{6,8}\b")

# What a reply asks about, first match wins: the read-back quotes the answers, so it comes first.
TOPICS: Sequence[Tuple[str, "re.Pattern[str]"]] = [
    (
        "confirm",
        re.compile(
            r"shall i log|is (that|this) right|have i got (that|this) right|here'?s what i have|is everything right|correct\?",
            re.I,
        ),
    ),
    (
        "safe_contact",
        re.compile(r"safe(ly)? (way|time|to contact|for us to)|contact you safely|safe to (call|text|contact)", re.I),
    ),
    # Before "choice" and "access": "which of these times suits you?" asks for the visit's time.
    ("visit", re.compile(r"when can we come|which (of these times )?suits you|times? suits? you", re.I)),
    (
        "choice",
        re.compile(
            r"is (it|this) about|which of these|what is it about|what would you like to do|pick one|choose", re.I
        ),
    ),
    (
        "complain",
        re.compile(
            r"(like|want) to (make|raise) a complaint|make (it|this) a complaint|log a complaint\b|make a formal complaint",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"(speak|talk) (to|with) (a person|someone|one of)|call you back\?|callback\?|(like|want) a call", re.I
        ),
    ),
    (
        "water_stop",
        re.compile(r"(stop|turn off|turned off|switch off).{0,30}(water|leak)|water.{0,20}(stop|off)\?", re.I),
    ),
    ("danger", re.compile(r"at risk|in danger|dangerous|anyone (hurt|injured)|damaging your home", re.I)),
    # Before the vulnerability question: "targeted you because of ... disability" asks about threats.
    ("threats", re.compile(r"threat|violen|hate|who you are|criminal damage|hurt you", re.I)),
    (
        "vulnerable",
        re.compile(r"disabilit|health condition|over 75|extra (care|help|support)|vulnerab|pregnan|young child", re.I),
    ),
    (
        "outcome",
        re.compile(
            r"put (this|it|things) right|outcome|what would you like (us )?to (do|happen)|what do you want", re.I
        ),
    ),
    ("reference", re.compile(r"reference", re.I)),
    ("where", re.compile(r"where (in|is|about)|which room|what room|where'?s the", re.I)),
    (
        "access",
        re.compile(
            r"get in|access|let (us|someone|the engineer) in|when (are you|is it) (in|home|best)|times? (suit|work)",
            re.I,
        ),
    ),
    ("phone", re.compile(r"phone number|number (to|we can|for)|mobile|contact number|ring you", re.I)),
    ("postcode", re.compile(r"postcode|address", re.I)),
    ("when", re.compile(r"when did|how long (has|have)|since when", re.I)),
    ("how", re.compile(r"how did (it|this|that) happen", re.I)),
    (
        "what",
        re.compile(
            r"what('s| is| has)? (wrong|happened|the problem)|tell me (more|what|about)|describe|what'?s going on", re.I
        ),
    ),
    ("anything_else", re.compile(r"anything else", re.I)),
]


def question_topic(reply: str) -> Optional[str]:
    """What the bot's reply asks about, or None when it asks nothing (the conversation is over)."""
    sentences = [line for line in re.split(r"(?<=[.?!])\s+|\n", reply or "") if line.strip()]
    asked = [i for i, line in enumerate(sentences) if "?" in line]
    if not asked:
        return None
    last = asked[-1]
    # The questions themselves first; "Would you like me to?" is read with the sentence before it.
    for text in (" ".join(sentences[i] for i in asked[-2:]), " ".join(sentences[max(last - 1, 0) : last + 1])):
        topic = next((topic for topic, pattern in TOPICS if pattern.search(text)), None)
        if topic:
            return topic
    return "unknown"


@dataclass
class Conversation:
    id: str
    about: str
    channel: str
    says: List[str]
    answers: Dict[str, Any]
    expect: Dict[str, Any]
    later: List[str] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, item: Dict[str, Any]) -> "Conversation":
        return cls(
            item["id"],
            item.get("about", ""),
            item.get("channel", "web"),
            list(item["says"]),
            dict(item.get("answers") or {}),
            dict(item.get("expect") or {}),
            list(item.get("later") or []),
        )

    def answer(self, topic: str, asked_before: int) -> Optional[str]:
        """The answer to the `asked_before`+1-th asking of a topic (a list's last one after that)."""
        given = self.answers.get(topic)
        if isinstance(given, list):
            return given[min(asked_before, len(given) - 1)] if given else None
        return given


def load_suite(folder: Path = SUITE) -> List[Conversation]:
    conversations: List[Conversation] = []
    for path in sorted(folder.glob("*.yml")):
        conversations += [Conversation.from_yaml(item) for item in yaml.safe_load(path.read_text())]
    return conversations


@dataclass
class Transcript:
    conversation: Conversation
    sender: str
    turns: List[Tuple[str, str]] = field(default_factory=list)  # (tenant, bot)

    @property
    def replies(self) -> List[str]:
        return [bot for _, bot in self.turns]

    @property
    def references(self) -> List[str]:
        return [m.group(0) for reply in self.replies for m in REFERENCE.finditer(reply)]

    def asked(self) -> List[str]:
        return [topic for topic in (question_topic(reply) for reply in self.replies) if topic]

    def loops(self) -> List[str]:
        """Topics asked three times or more: the trap the suite must never find."""
        asked = self.asked()
        return sorted({topic for topic in asked if topic != "unknown" and asked.count(topic) >= 3})

    def render(self) -> str:
        lines = [f"# {self.conversation.id} ({self.conversation.channel}): {self.conversation.about}"]
        for tenant, bot in self.turns:
            lines += [f"  tenant: {tenant}", *[f"  bot:    {line}" for line in (bot or "(nothing)").splitlines()]]
        return "\n".join(lines)


Send = Callable[[str, str], str]  # (sender, text) -> the bot's replies, joined


# Each phone conversation of a run has a number of its own: drawn at random, two conversations
# once shared one (a leading slice of a UUID's digits is far from uniform), and the second was
# read back the first one's postcode, which the bot keeps for the same tenant.
_NUMBERS_GIVEN = itertools.count(random.randrange(100_000))


def sender_for(conversation: Conversation) -> str:
    if conversation.channel in ("sms", "whatsapp"):
        number = "+4477009" + f"{next(_NUMBERS_GIVEN) % 100_000:05d}"
        return ("whatsapp:" if conversation.channel == "whatsapp" else "") + number
    return f"conv-{conversation.id[:40]}-{uuid.uuid4().hex[:8]}"


# Offered a choice of areas, a tenant picks the one their problem is in, in their own words.
_CHOICE_WORDS = {
    "repair": "its a repair",
    "asb": "its about my neighbour",
    "complaint": "a complaint",
    "enquiry": "its a question",
}


def _choice_for(conversation: Conversation, topic: Optional[str]) -> Optional[str]:
    return _CHOICE_WORDS.get(conversation.expect.get("route") or "") if topic == "choice" else None


def converse(conversation: Conversation, send: Send) -> Transcript:
    """Play the tenant: the opening lines whatever is asked, then an answer to each question;
    then each later line, and the answers to what it brings."""
    transcript = Transcript(conversation, sender_for(conversation))
    for line in conversation.says:
        transcript.turns.append((line, send(transcript.sender, line)))
    asked: Dict[str, int] = {}
    _answer_questions(conversation, send, transcript, asked)
    for line in conversation.later:
        transcript.turns.append((line, send(transcript.sender, line)))
        _answer_questions(conversation, send, transcript, asked)
    return transcript


def _answer_questions(conversation: Conversation, send: Send, transcript: Transcript, asked: Dict[str, int]) -> None:
    while len(transcript.turns) < MAX_TURNS:
        topic = question_topic(transcript.replies[-1])
        if topic is None:
            break
        answer = conversation.answer(topic, asked.get(topic, 0)) or _choice_for(conversation, topic) or "not sure"
        asked[topic] = asked.get(topic, 0) + 1
        if topic == "anything_else" and any(said == answer for said, _ in transcript.turns):
            answer = "no thats everything thanks"  # asked again after their one other thing
        transcript.turns.append((answer, send(transcript.sender, answer)))


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


SAFETY_NUMBERS = {
    "gas": "0800 111 999",
    "fire_or_danger": "999",
    "domestic_abuse": "0808 2000 247",
    "self_harm": "116 123",
}
REPORT_PREFIX = {"repair": "REP", "asb": "ASB", "complaint": "CMP"}
# Numbers for a person in danger, which no one should be given unasked: 999 is in every
# emergency repair's advice, and the gas line in any gas advice, so those two are not counted.
PERSONAL_DANGER = ("self_harm", "domestic_abuse")


@dataclass
class Verdict:
    transcript: Transcript
    problems: List[str]
    lost: List[str]

    @property
    def completed(self) -> bool:
        return not self.problems


def judge(transcript: Transcript, stored: Callable[[str], Optional[str]]) -> Verdict:
    """Whether the conversation ended as the tenant expected. `stored(reference)` is everything the
    case database holds for a case (fields and history), as one text, or None."""
    expect = transcript.conversation.expect
    replies, problems, lost = transcript.replies, [], []
    everything = "\n".join(replies)
    route = expect.get("route")
    # Only cases that exist: "a reference looks like REP-2026-KX7Q4MTD" opens nothing.
    references = [r for r in transcript.references if stored(r) is not None]
    if route in SAFETY_NUMBERS and SAFETY_NUMBERS[route] not in everything:
        problems.append(f"no {SAFETY_NUMBERS[route]} for a {route} conversation")
    expected = set(expect.get("mentions") or []) | set(expect.get("first_reply_mentions") or [])
    for signal in PERSONAL_DANGER:
        number = SAFETY_NUMBERS[signal]
        if number in everything and route != signal and number not in expected:
            # "im 78 and on my own" given the Samaritans, a van across the drive the domestic abuse
            # helpline: what the tenant never said, answered as if they had.
            problems.append(f"gave {number} ({signal}) to a {route} conversation")
    for number in expect.get("first_reply_mentions") or []:
        if number not in replies[0]:
            problems.append(f"first reply lacks {number}")
    for words in expect.get("mentions") or []:
        if words not in everything:
            problems.append(f"never said {words}")
    for words in expect.get("never") or []:
        if words in everything:
            problems.append(f"said {words}")
    if route in REPORT_PREFIX:
        mine = [r for r in references if r.startswith(REPORT_PREFIX[route])]
        if not mine:
            problems.append(f"no {REPORT_PREFIX[route]} reference")
        else:
            record = stored(mine[0]) or ""
            if expect.get("priority") and f"category: {expect['priority']}" not in record:
                problems.append(f"not logged as {expect['priority']}")
            if expect.get("asb_risk") and f"category: {expect['asb_risk']}" not in record:
                problems.append(f"not logged as {expect['asb_risk']} risk")
            said = _squash(" ".join(tenant for tenant, _ in transcript.turns))
            # Only what the tenant said can be kept: a detail for a question never asked was not given.
            lost = [k for k in expect.get("kept") or [] if _squash(k) in said and _squash(k) not in _squash(record)]
            if lost:
                problems.append(f"lost: {lost}")
    if (
        expect.get("reference") is False
        and any(r[:3] in REPORT_PREFIX.values() for r in references)
        and route not in REPORT_PREFIX
    ):
        problems.append("opened a report it should not have")
    if route == "enquiry" and any(r[:3] in ("REP", "ASB", "CMP") for r in references):
        problems.append("a question started a report")
    if route == "chat" and references:
        problems.append("small talk opened a case")
    for topic in expect.get("never_asked") or []:
        if topic in transcript.asked():
            problems.append(f"asked for {topic}, already given")
    loops = transcript.loops()
    if loops:
        problems.append(f"asked {loops} three times")
    return Verdict(transcript, problems, lost)


@dataclass(frozen=True)
class Figures:
    conversations: int
    completed: int
    median_turns: float
    loops: int
    details_lost: int
    details_kept_of: int

    @property
    def completion_rate(self) -> float:
        return self.completed / self.conversations if self.conversations else 0.0

    def line(self) -> str:
        return (
            f"{self.completed} of {self.conversations} completed ({self.completion_rate:.0%}); median "
            f"{self.median_turns:g} turns; {self.loops} with a question asked three times; "
            f"{self.details_lost} of {self.details_kept_of} details lost"
        )


def _given(verdict: Verdict) -> int:
    said = _squash(" ".join(tenant for tenant, _ in verdict.transcript.turns))
    return sum(_squash(k) in said for k in verdict.transcript.conversation.expect.get("kept") or [])


def figures(verdicts: Sequence[Verdict]) -> Figures:
    kept_of = sum(_given(v) for v in verdicts if v.transcript.conversation.expect.get("route") in REPORT_PREFIX)
    return Figures(
        conversations=len(verdicts),
        completed=sum(v.completed for v in verdicts),
        median_turns=statistics.median(len(v.transcript.turns) for v in verdicts) if verdicts else 0,
        loops=sum(bool(v.transcript.loops()) for v in verdicts),
        details_lost=sum(len(v.lost) for v in verdicts),
        details_kept_of=kept_of,
    )
