"""The patterns for trouble from other people: high-risk ASB (threats, violence, criminal
damage), hate incidents, and whether it is a neighbour.

Hate is high-risk ASB as well as a hate incident, so both findings share HATE_PATTERNS here.
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import FIRE_THROUGH_THE_DOOR, GAP, GOING_TO, Pattern, any_of, phrase

REFLEXIVE = ("himself", "herself", "themselves", "themself", "myself", "meself", "yourself")
THREAT = any_of(
    "threaten",
    "threat",
    "knife",
    "gun",
    "weapon",
    "machete",
    "bat",
    "stab",
    "attack",
    "assault",
    "punch",
    "beat",
    "intimidate",
    "intimidating",
    "smash",
    "vandalise",
    "vandalize",
    "arson",
)
HATE = any_of(
    "racist",
    "racism",
    "racial",
    "homophobic",
    "homophobia",
    "transphobic",
    "islamophobic",
    "antisemitic",
    "hate",
    "disablist",
    "xenophobic",
    "sectarian",
)

# Criminal damage: someone did something to property on purpose.
DAMAGE = any_of(
    "smash",
    "smashed",
    "slash",
    "slashed",
    "damage",
    "damaged",
    "vandalise",
    "vandalised",
    "vandalize",
    "scratch",
    "scratched",
    "graffiti",
    "spray",
    "sprayed",
    "paint",
    "pour",
    "poured",
    "egg",
    "egged",
    "brick",
    "bricked",
    "torch",
    "torched",
    "puncture",
)
PROPERTY = any_of(
    "car",
    "van",
    "bike",
    "motorbike",
    "windscreen",
    "window",
    "windows",
    "door",
    "tyre",
    "tyres",
    "property",
    "fence",
    "wall",
    "gate",
    "shed",
    "letterbox",
)
# Targeting someone for who they are: a protected characteristic near what was done or said.
PROTECTED = any_of(
    "muslim",
    "muslims",
    "jew",
    "jews",
    "jewish",
    "black",
    "asian",
    "polish",
    "foreign",
    "foreigner",
    "immigrant",
    "immigrants",
    "refugee",
    "gay",
    "lesbian",
    "trans",
    "disabled",
    "disability",
    "wheelchair",
    "autistic",
    "religion",
    "race",
    "colour",
    "color",
    "skin",
    "accent",
)
# ("because" and "about" are left out: "a walk in shower because of my disability" is a request.)
TARGETING = any_of(
    "call",
    "calling",
    "called",
    "shout",
    "shouting",
    "shouted",
    "abuse",
    "name",
    "names",
    "mock",
    "mocking",
    "copy",
    "copying",
    "write",
    "wrote",
    "written",
    "insult",
    "slur",
    "target",
    "pick",
)
HATE_PATTERNS: List[Pattern] = [
    [TARGETING, *GAP, *GAP, PROTECTED],
    [PROTECTED, *GAP, TARGETING],
    [{"TEXT": {"REGEX": r"^p\W?k[i1]s?$|^n\W*gg"}}],
    [any_of("swastika", "swastikas", "nazi", "nazis", "kkk", "sieg")],
    # Slurs, which say who is targeted without naming it: "they shout cripple at me from the balcony".
    # Not "fag" (a cigarette) or "crippled" (with pain).
    [
        {
            "LOWER": {
                "IN": [
                    "cripple",
                    "spaz",
                    "spacker",
                    "spastic",
                    "retard",
                    "mong",
                    "faggot",
                    "poof",
                    "poofter",
                    "tranny",
                    "chink",
                    "chinky",
                    "gypo",
                    "gyppo",
                    "pikey",
                    "wog",
                    "coon",
                    "darkie",
                    "kike",
                    "raghead",
                    "towelhead",
                ]
            }
        }
    ],
    # A slur named by its letter: "written the n word on the door", "called my son the p-word".
    [{"LOWER": {"IN": ["n", "p"]}}, {"LOWER": "-", "OP": "?"}, {"LOWER": {"IN": ["word", "words"]}}],
    [{"LOWER": {"IN": ["n-word", "p-word", "nword"]}}],
    phrase("go back to your own country"),
    phrase("go back to your country"),
    phrase("go back to where you came from"),
    phrase("go back where you came from"),
    phrase("go home to your country"),
    [any_of("monkey", "ape"), *GAP, any_of("noise", "noises", "chant", "chants", "shout", "call", "called")],
    [any_of("pork", "bacon", "pig", "pigs"), *GAP, any_of("door", "letterbox", "mosque", "window", "step", "doorstep")],
]


PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.ASB_HIGH_RISK: [
        # Arson, and being followed home: crimes against a person or a home.
        [any_of("set", "setting"), {"LOWER": {"IN": ["fire", "light"]}}, {"LOWER": "to"}],
        [any_of("keep", "keeps", "kept"), any_of("follow", "following")],
        [any_of("follow", "follows", "followed", "following"), {"OP": "?"}, {"OP": "?"}, {"LOWER": "home"}],
        [THREAT],
        # Criminal damage and trying to get in, told without naming them.
        [any_of("screw", "screws", "nail", "nails", "glass"), *GAP, any_of("tyre", "tyres", "tire", "tires")],
        [
            any_of("try", "trying", "tried", "rattle", "rattling"),
            {"LOWER": {"IN": ["my", "our", "the"]}},
            {"LOWER": {"IN": ["door", "front", "back"]}},
            {"LOWER": {"IN": ["handle", "handles", "door"]}},
        ],
        # A threat told as what they said they would do: "saying hes going to burn my flat down".
        [*GOING_TO, any_of("burn", "torch", "stab", "smash", "batter", "beat", "petrol", "knife", "bottle")],
        # Killing, unless of oneself: "he said hell kill me", not "hes going to kill himself"
        # (a danger to him, no threat to anyone else).
        [any_of("kill"), {"LOWER": {"NOT_IN": list(REFLEXIVE)}}],
        [
            *GOING_TO,
            any_of("get", "do", "hurt", "sort", "hit"),
            {"LOWER": {"IN": ["me", "us", "you", "her", "him", "them", "my", "our"]}},
        ],
        [
            any_of("attack", "attacked", "assault", "assaulted", "grab", "grabbed", "slap", "slapped", "bite", "bit"),
            {"LOWER": {"IN": ["me", "us", "my", "our", "him", "her", "them"]}},
        ],
        [
            any_of("throw", "throwing", "threw", "thrown", "chuck", "chucking", "chucked"),
            *GAP,
            any_of("stone", "stones", "brick", "bricks", "bottle", "bottles", "eggs", "rocks"),
        ],
        # Done to a person: "punched me", "hit my son", "spat at us" (not "kicking a ball at my wall").
        [
            any_of("hit", "hurt", "punch", "kick", "spit", "spat", "push", "shove", "headbutt"),
            {"OP": "?"},
            {"LOWER": {"IN": ["me", "us", "my", "our", "at", "him", "her", "them"]}},
            {
                "LOWER": {"NOT_IN": ["wall", "walls", "window", "windows", "door", "car", "fence", "house", "flat"]},
                "OP": "?",
            },
        ],
        [DAMAGE, *GAP, *GAP, PROPERTY],
        # Damage told by what it took: "sugar in the tank", "cut to ribbons", "my fence has been
        # kicked down again", "smashed up overnight".
        [
            {"LOWER": "sugar"},
            {"LOWER": "in"},
            {"LOWER": {"IN": ["the", "my", "his", "her"]}},
            {"OP": "?"},
            any_of("tank"),
        ],
        [any_of("cut", "slash", "slashed", "ripped"), {"LOWER": "to"}, any_of("ribbon", "ribbons", "shreds", "bits")],
        [
            any_of("fence", "fencing", "gate", "shed", "panel", "panels"),
            *GAP,
            any_of("kick", "kicked", "booted", "pushed", "pulled"),
            {"LOWER": {"IN": ["down", "in", "over", "off"]}},
        ],
        [
            any_of("smash", "smashed", "wreck", "wrecked", "trash", "trashed"),
            {"LOWER": "up", "OP": "?"},
            {"LOWER": {"IN": ["overnight", "again"]}},
        ],
        # "keyed my car": the word itself, since its lemma is the key that broke in the lock.
        [{"LOWER": {"IN": ["keyed", "keying"]}}, *GAP, *GAP, PROPERTY],
        [HATE],
        *HATE_PATTERNS,
        # Veiled threats: "you'd better keep your mouth shut", "if you know whats good for you".
        [
            any_of("keep", "shut"),
            {"LOWER": {"IN": ["my", "your", "her", "his", "their", "our"]}},
            any_of("mouth", "gob", "trap"),
        ],
        [
            {"LOWER": "know"},
            {"LOWER": {"IN": ["whats", "what's", "what"]}},
            {"LOWER": {"IN": ["is", "'s"]}, "OP": "?"},
            {"LOWER": "good"},
            {"LOWER": "for"},
        ],
        [any_of("watch"), {"LOWER": {"IN": ["my", "your", "her", "his", "their"]}}, {"LOWER": "back"}],
        # "he'd sort me out", "she'll get her sons to batter me", a car driven at someone, fire through the door.
        [
            {"LOWER": {"IN": ["'d", "d", "will", "'ll", "ll", "would", "na"]}},
            {"IS_PUNCT": True, "OP": "?"},
            {"LOWER": {"IN": ["sort", "sorted"]}},
            {"LOWER": {"IN": ["me", "you", "us", "him", "her", "them"]}},
            {"LOWER": "out"},
        ],
        [any_of("batter", "battered", "glassed"), {"LOWER": {"IN": ["me", "us", "him", "her", "them", "my"]}}],
        [
            any_of("drive", "drove", "driven", "reverse", "reversed", "ran", "run"),
            {"LOWER": "into"},
            {"LOWER": {"IN": ["me", "my", "us", "our"]}},
            *GAP,
            *GAP,
            {"LOWER": "on"},
            {"LOWER": "purpose"},
        ],
        [{"LOWER": "deliberately"}, any_of("drive", "drove", "reverse", "reversed", "ran"), {"LOWER": "into"}],
        FIRE_THROUGH_THE_DOOR,
        # Violence between people: "a massive fight in the corridor", "a brawl outside".
        [any_of("brawl", "brawling")],
        [{"LOWER": {"IN": ["massive", "big", "huge", "mass", "violent"]}}, any_of("fight", "punch-up")],
        phrase("punch up"),
    ],
    Finding.HATE_INCIDENT: [
        [HATE],
        *HATE_PATTERNS,
    ],
    # Trouble caused by people living nearby: what makes danger from a person ASB.
    Finding.NEIGHBOUR: [
        [any_of("neighbour", "neighbours", "neighbor", "neighbors", "nieghbour", "naighbour")],
        phrase("next door"),
        [{"LOWER": "next"}, {"LOWER": {"IN": ["doors", "door's", "doors'"]}}],
        [
            any_of(
                "man",
                "woman",
                "lad",
                "lads",
                "bloke",
                "guy",
                "family",
                "people",
                "kids",
                "girl",
                "boy",
                "couple",
                "lady",
                "fella",
            ),
            {"LOWER": {"IN": ["in", "at", "from"]}},
            {"LOWER": {"IN": ["flat", "number", "no"]}},
            {"LIKE_NUM": True},
        ],
        [{"LOWER": {"IN": ["upstairs", "downstairs"]}}],
        [{"LOWER": {"IN": ["flat", "house"]}}, {"LOWER": {"IN": ["above", "below", "opposite"]}}],
        [{"LOWER": {"IN": ["at", "from", "its", "thats"]}}, {"LOWER": "number"}, {"LIKE_NUM": True}],
        # "its the son from 3b": a flat named by its number and letter.
        [{"LOWER": {"IN": ["at", "from", "in", "of"]}}, {"LOWER": {"REGEX": r"^\d{1,3}[a-h]$"}}],
        [
            {"LOWER": "across"},
            {"LOWER": "the"},
            {"LOWER": {"IN": ["landing", "hall", "road", "street", "way", "corridor"]}},
        ],
        [{"LOWER": {"IN": ["opposite", "below", "above"]}}, {"LOWER": {"IN": ["me", "us"]}}],
    ],
}
