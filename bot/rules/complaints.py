"""The patterns for complaints: unhappiness with the service, and the signs that a complaint may
fall under one of the charter's exclusions (legal proceedings, a criminal allegation, a
complaint already answered), which a person then decides. Whether a matter is older than the
charter's time limit depends on that limit, so it is read in bot.answers.complaints instead.
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import GAP, Pattern, any_of, phrase

PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.DISSATISFIED: [
        # Paying for a service that is not done: "still paying service charge for it", "the cleaners
        # havent been in for 2 months".
        [{"LOWER": "still"}, any_of("pay", "paying", "charged", "charging")],
        [
            {"LEMMA": "not"},
            any_of("be", "been", "come", "came", "turn", "turned", "visit", "visited"),
            *GAP,
            {"LOWER": "for"},
            {"OP": "?"},
            any_of("week", "weeks", "month", "months", "ages", "year", "years"),
        ],
        [
            {"LOWER": "still"},
            {"OP": "?"},
            {"OP": "?"},
            any_of("not", "no", "waiting", "broken", "leaking", "nothing", "unfixed", "outstanding"),
        ],
        [
            any_of("nobody", "noone", "no-one"),
            *GAP,
            any_of(
                "come",
                "came",
                "turn",
                "turned",
                "show",
                "showed",
                "bother",
                "bothered",
                "call",
                "called",
                "ring",
                "rang",
                "reply",
                "replied",
                "respond",
                "responded",
                "answer",
            ),
        ],
        [
            {"LOWER": "no"},
            {"LOWER": "one"},
            *GAP,
            any_of("come", "came", "turn", "turned", "show", "showed", "call", "called", "reply", "replied"),
        ],
        [
            {"LOWER": {"IN": ["never", "didnt", "didn't"]}},
            {"OP": "?"},
            any_of("turn", "turned", "show", "showed", "come", "came", "call", "called", "bother"),
        ],
        [{"LOWER": "did"}, {"LEMMA": "not"}, any_of("turn", "show", "come", "call")],
        phrase("fed up"),
        phrase("sick of"),
        phrase("had enough"),
        phrase("let down"),
        phrase("let me down"),
        phrase("not good enough"),
        phrase("not happy"),
        phrase("a joke"),
        # Charged or left without a word, or a service that is seldom done.
        phrase("no explanation"),
        phrase("without explanation"),
        phrase("without any explanation"),
        [
            any_of("hardly", "rarely", "barely", "seldom"),
            {"LOWER": "ever", "OP": "?"},
            {"LOWER": "been", "OP": "?"},
            any_of(
                "clean", "cleaned", "done", "cut", "mowed", "emptied", "swept", "maintained", "serviced", "collected"
            ),
        ],
        [
            any_of(
                "disgusted",
                "disgusting",
                "disgraceful",
                "disgrace",
                "appalling",
                "shocking",
                "useless",
                "ridiculous",
                "unacceptable",
                "furious",
                "livid",
                "unhappy",
                "pathetic",
                "incompetent",
                "shambles",
            )
        ],
        [{"LOWER": {"IN": ["third", "fourth", "fifth", "3rd", "4th", "5th", "umpteenth", "tenth"]}}, {"LOWER": "time"}],
        [{"LIKE_NUM": True}, {"LOWER": "times"}],
        [
            any_of("keep", "kept"),
            any_of("report", "reporting", "ring", "ringing", "call", "calling", "chase", "chasing"),
        ],
        [any_of("missed", "cancelled", "canceled"), any_of("appointment", "appointments", "visit")],
        [
            any_of("waiting", "waited", "chasing", "chased"),
            {"OP": "?"},
            {"LOWER": {"IN": ["weeks", "months", "ages", "forever", "years"]}},
        ],
        [
            any_of("waiting", "waited"),
            {"LOWER": "for"},
            {"OP": "?"},
            {"LOWER": {"IN": ["weeks", "months", "ages", "years"]}},
        ],
        # Asking to be compensated is asking us to put something right: the Code's complaint.
        [any_of("compensation", "compensate", "compensated", "reimburse", "reimbursed")],
        [
            {"LOWER": {"IN": ["your", "the"]}},
            any_of("contractor", "contractors", "workman", "workmen", "operative", "plumber", "builders"),
            {"OP": "?"},
            {"OP": "?"},
            any_of("broke", "damaged", "ruined", "flooded", "left", "didnt", "didn't", "never", "messed"),
        ],
    ],
    Finding.LEGAL_PROCEEDINGS: [
        [any_of("solicitor", "solicitors", "lawyer", "lawyers", "barrister")],
        [any_of("court", "courts", "tribunal")],
        phrase("legal action"),
        phrase("legal proceedings"),
        phrase("disrepair claim"),
        [any_of("sue", "suing", "sued")],
    ],
    Finding.CRIMINAL_ALLEGATION: [
        [any_of("steal", "stole", "stolen", "theft", "thief", "thieving", "fraud", "fraudulent", "bribe")],
        [any_of("assault", "assaulted", "attack", "attacked", "hit", "punched"), {"LOWER": "me"}],
    ],
    Finding.ALREADY_ANSWERED: [
        [
            {"LOWER": "already"},
            any_of("complain", "complained", "answer", "answered", "respond", "responded", "reply", "replied"),
        ],
        [any_of("complain", "complained"), *GAP, {"LOWER": {"IN": ["before", "already", "previously"]}}],
        [{"LOWER": "same"}, any_of("complaint")],
        [
            any_of("had", "got", "received"),
            {"LOWER": {"IN": ["a", "your", "the"]}},
            {"OP": "?"},
            any_of("response", "reply", "answer", "outcome"),
        ],
    ],
}
