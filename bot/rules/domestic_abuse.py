"""The patterns for domestic abuse: violence, control, money taken, fear of someone at home.

Its own module because it is the longest safety finding after self-harm; a neighbour's violence
that these patterns also catch is moved to high-risk ASB after matching (bot.rules.after_matching).
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import CANT, GAP, RELATIVE, Pattern, any_of, phrase

ABUSE_VERB = any_of(
    "hit",
    "beat",
    "punch",
    "kick",
    "slap",
    "strangle",
    "choke",
    "throttle",
    "hurt",
    "abuse",
    "rape",
    "threaten",
    "push",
    "shove",
    "bite",
    "batter",
    "assault",
    "control",
    "attack",
    "violent",
)

FEAR = any_of("scared", "terrified", "frightened", "afraid", "scare", "terrify", "frighten")


PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.DOMESTIC_ABUSE: [
        phrase("domestic abuse"),
        phrase("domestic violence"),
        # Control told as a question about what is normal: "my husband makes me ask permission
        # to spend any money", "he decides what i eat", "he throws me about".
        [any_of("make", "makes", "made"), {"LOWER": "me"}, any_of("ask")],
        [{"LOWER": "ask"}, {"LOWER": {"IN": ["him", "her"]}}, {"LOWER": {"IN": ["permission", "before"]}}],
        [
            RELATIVE,
            *GAP,
            any_of("decide", "decides"),
            {"LOWER": {"IN": ["what", "when", "who", "where"]}},
            {"LOWER": "i"},
        ],
        [
            any_of("move", "moved", "moving", "flee", "fled", "left", "ran"),
            *GAP,
            {"LOWER": "get"},
            {"LOWER": "away"},
            {"LOWER": "from"},
            {"LOWER": {"IN": ["him", "her"]}},
        ],
        [
            RELATIVE,
            *GAP,
            *GAP,
            any_of("take", "taking", "took", "takes"),
            {"LOWER": "my"},
            any_of("pension", "benefits", "wages", "money"),
        ],
        [RELATIVE, *GAP, *GAP, ABUSE_VERB],
        # Violence a partner leaves marks with: "my girlfriend scratched my face again last night".
        [RELATIVE, *GAP, any_of("scratch", "claw"), {"LOWER": "me"}],
        [
            RELATIVE,
            *GAP,
            any_of("scratch", "claw"),
            {"LOWER": "my"},
            any_of("face", "neck", "arm", "arms", "back", "chest", "eye", "eyes"),
        ],
        # Money taken by family: "my brother keeps taking my pension off me".
        [
            RELATIVE,
            *GAP,
            *GAP,
            any_of("take", "taking", "took"),
            {"LOWER": {"IN": ["my", "all"]}},
            {"OP": "?"},
            any_of("pension", "money", "benefits", "wages", "card"),
            {"LOWER": {"IN": ["off", "from"]}},
        ],
        [
            RELATIVE,
            *GAP,
            *GAP,
            any_of("steal", "stealing", "stole", "stolen"),
            *GAP,
            any_of("pension", "money", "benefits"),
        ],
        [ABUSE_VERB, *GAP, {"LOWER": "by"}, *GAP, RELATIVE],
        [FEAR, {"LOWER": "of"}, {"OP": "?"}, {"OP": "?"}, RELATIVE],
        # Afraid he will come back after hurting them or breaking in: "im scared hes coming back".
        [
            any_of("scared", "terrified", "frightened", "petrified"),
            *GAP,
            {"LOWER": {"IN": ["he", "hes", "she", "shes"]}},
            *GAP,
            any_of("come", "coming", "back", "return"),
        ],
        [any_of("let"), {"LOWER": {"IN": ["me", "us"]}}, {"OP": "?"}, any_of("leave", "go", "out", "see")],
        phrase("coercive control"),
        phrase("controlling relationship"),
        # Control, stalking and strangulation, however they are described.
        [
            RELATIVE,
            *GAP,
            any_of(
                "control",
                "controls",
                "controlling",
                "check",
                "checks",
                "checking",
                "track",
                "tracks",
                "tracking",
                "follow",
                "follows",
                "following",
                "stalk",
                "stalking",
            ),
        ],
        [
            RELATIVE,
            *GAP,
            any_of("keep", "keeps"),
            *GAP,
            any_of("turn", "turning", "come", "coming", "text", "texting", "ring", "ringing"),
        ],
        # "my partner takes all my money", "he checks my phone", not "my daughter put this on my phone".
        [
            RELATIVE,
            *GAP,
            any_of(
                "take",
                "takes",
                "took",
                "taken",
                "taking",
                "check",
                "checks",
                "checked",
                "checking",
                "control",
                "controls",
                "controlled",
                "controlling",
                "keep",
                "keeps",
                "kept",
                "read",
                "reads",
                "smash",
                "smashed",
                "hide",
                "hides",
                "hid",
                "steal",
                "steals",
                "stole",
                "stop",
                "stops",
                "stopped",
                "block",
                "blocks",
                "through",
                "off",
                "withhold",
                "withholds",
                "withheld",
                "let",
                "away",
                "all",
            ),
            *GAP,
            any_of("money", "phone", "bank", "card", "friends", "passport"),
        ],
        [RELATIVE, *GAP, any_of("lock", "locked", "locks", "locking"), {"LOWER": {"IN": ["me", "us", "her", "the"]}}],
        [
            {"LOWER": {"IN": ["he", "hes", "she", "shes"]}},
            {"OP": "?"},
            {"OP": "?"},
            any_of("lock", "locked", "locks", "locking"),
            {"LOWER": {"IN": ["me", "us"]}},
            {"LOWER": "in"},
        ],
        # The relative did it: "my partner smashed the door", not "at my mums, theyve smashed".
        [
            RELATIVE,
            {"LOWER": {"IN": ["has", "just", "then", "had"]}, "OP": "?"},
            any_of("smashed", "wrecked", "trashed"),
        ],
        [any_of("hand", "hands", "grab", "grabbed"), *GAP, any_of("neck", "throat")],
        # Things thrown, doors broken to reach them: "he threw the kettle at me", "smashed the
        # window trying to get at me". A neighbour who did it is moved to ASB after matching.
        [
            {"LOWER": {"IN": ["he", "she"]}},
            {"OP": "?"},
            any_of("throw", "threw", "chuck", "chucked", "lob", "lobbed"),
            *GAP,
            {"LOWER": "at"},
            {"LOWER": {"IN": ["me", "us"]}},
        ],
        [{"LOWER": {"IN": ["to", "tryin"]}}, {"LOWER": "get"}, {"LOWER": "at"}, {"LOWER": {"IN": ["me", "us"]}}],
        [any_of("strangle", "strangled", "strangling", "choke", "choked", "choking", "throttle", "throttled")],
        [*CANT, {"OP": "?"}, any_of("leave", "go", "see", "escape"), *GAP, RELATIVE],
        # Silenced, or watched by an ex: "he said if i tell anyone hell kill me", "my ex is parked
        # across the road". A neighbour's threat of the same kind is moved to ASB after matching
        # (bot.rules.after_matching.revised).
        [
            {"LOWER": "if"},
            {"LOWER": {"IN": ["i", "you"]}},
            any_of("tell", "told", "say"),
            any_of("anyone", "anybody", "someone", "police"),
        ],
        [
            any_of(
                "ex",
                "expartner",
                "ex-partner",
                "exhusband",
                "ex-husband",
                "exboyfriend",
                "ex-boyfriend",
                "exwife",
                "ex-wife",
            ),
            *GAP,
            any_of(
                "climb",
                "climbed",
                "watch",
                "watching",
                "wait",
                "waiting",
                "sit",
                "sitting",
                "sleep",
                "sleeping",
                "park",
                "parked",
                "hang",
                "hanging",
                "bang",
                "banging",
                "knock",
                "knocking",
            ),
            *GAP,
            any_of("garden", "outside", "car", "window", "house", "flat", "road", "street", "door"),
        ],
    ],
}
