"""The patterns for the other repair findings: urgent repairs (no heating or hot water, water
that will not stop), damp and mould, and what answers the repair form's questions before they are
asked (a leak and whether it is turned off, someone vulnerable in the home).
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import CANT, GAP, Pattern, any_of, near, phrase

BOILER = any_of(
    "boiler", "combi", "worcester", "bosch", "baxi", "vaillant", "ideal", "potterton", "glowworm", "viessmann"
)


# Up to three words, none of them a comma or a full stop: "no heat in the bedroom", not "not
# working properly, heating comes on when it wants".
_ONE_CLAUSE = [{"IS_PUNCT": False, "OP": "?"}] * 3
# Words between a thing and "fine" or "working" that still say it of that thing:
# "heating and hot water both working", "the others are all fine".
_SAID_OF_IT = {
    "LOWER": {"IN": ["is", "are", "'s", "s", "both", "all", "still", "seem", "seems", "and", "the", "hot", "water"]},
    "OP": "*",
}
_FINE = any_of("fine", "ok", "okay", "working", "work", "grand")

PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.URGENT_REPAIR: [
        [any_of("no", "not", "without"), *_ONE_CLAUSE, any_of("heating", "heat", "hot")],
        near(
            any_of("heating", "boiler"),
            any_of("break", "broken", "broke", "stop", "stopped", "pack", "packed", "die", "died", "fail"),
        ),
        # Not working, or off: "the heating isnt working", "boiler's gone off"; not "the rest of
        # the heating works" or "the heating controller knob fell off".
        [any_of("heating", "boiler"), *GAP, {"LEMMA": {"IN": ["not", "never"]}}, any_of("work", "working", "come")],
        [
            any_of("heating", "boiler"),
            {"LOWER": {"IN": ["is", "'s", "has", "keeps", "keep", "went", "gone", "goes", "cut", "cuts", "cutting"]}},
            {"LOWER": {"IN": ["gone", "going", "cut", "cutting"]}, "OP": "?"},
            {"LOWER": {"IN": ["off", "out"]}},
        ],
        # No hot water, said of the hot water: "the hot water isnt working", "hot waters gone".
        [
            {"LOWER": "hot"},
            any_of("water", "waters"),
            *_ONE_CLAUSE,
            {"LEMMA": {"IN": ["not", "never"]}},
            any_of("work", "working", "come"),
        ],
        # "heating works but the hot water doesnt".
        [
            {"LOWER": "hot"},
            any_of("water", "waters"),
            {"LOWER": {"IN": ["does", "do", "is", "has", "wo", "will", "ca", "can"]}},
            {"LEMMA": "not"},
        ],
        [
            {"LOWER": "hot"},
            any_of("water", "waters"),
            {"LOWER": {"IN": ["is", "'s", "s", "has", "have", "went", "keeps", "keep"]}, "OP": "?"},
            {"LOWER": {"IN": ["gone", "stopped", "off", "out", "packed", "died", "broken", "broke"]}},
        ],
        near(any_of("burst", "bust"), any_of("pipe", "pipes", "main", "tank")),
        # The home's only heat or hot water other than a boiler: storage heaters, the immersion.
        [
            any_of("storage", "immersion"),
            *[{"LOWER": {"NOT_IN": ["timer", "switch", "clock", "dial", "thermostat", "cover", "knob"]}, "OP": "?"}]
            * 6,
            any_of("break", "broken", "broke", "stop", "stopped", "pack", "packed", "die", "died", "fail", "failed"),
        ],
        # "the hot taps just run cold": no hot water, said the other way round.
        [
            {"LOWER": "hot"},
            any_of("tap", "taps", "water"),
            *GAP,
            *GAP,
            {"LOWER": {"IN": ["run", "runs", "running", "come", "comes", "coming", "goes", "going", "stone", "only"]}},
            any_of("cold", "freezing"),
        ],
        [*CANT, {"OP": "?"}, any_of("stop", "turn"), *GAP, any_of("water", "leak", "stopcock", "tap")],
        near(any_of("stopcock", "stop-cock"), any_of("stuck", "work", "working", "turn", "seize", "seized")),
        # A leak whose valve will not turn off: "radiator leaking, dripping fast and the valves wont turn".
        [
            any_of("leak", "leaking", "drip", "dripping", "pour", "pouring", "spray", "spraying"),
            *GAP,
            *GAP,
            *GAP,
            any_of("valve", "valves", "isolator", "isolation"),
            {"OP": "?"},
            *CANT,
            {"OP": "?"},
            any_of("turn", "budge", "move", "shift", "close", "shut"),
        ],
        near(
            any_of("water"), any_of("everywhere", "gush", "gushing", "spray", "spraying", "pour", "pouring", "pissing")
        ),
        [any_of("uncontrollable")],
        # Water out of control without the word "water": "the pipe has split and its spraying everywhere".
        [
            any_of("spray", "spraying", "gush", "gushing", "pour", "pouring", "pissing", "squirting"),
            {"OP": "?"},
            {"LOWER": "everywhere"},
        ],
        [
            {"LOWER": "stop"},
            {"LOWER": "tap"},
            *GAP,
            any_of("stuck", "seized", "seize", "turn", "work", "working", "budge", "move", "shift"),
        ],
        # "the baxi has gone off with E133".
        [
            BOILER,
            *GAP,
            *GAP,
            {"LOWER": "with"},
            {"LOWER": {"IN": ["an", "a", "the", "error", "fault", "code"]}, "OP": "?"},
            {"LOWER": {"REGEX": r"^[a-z]{0,3}\d{1,3}[a-z]?$"}},
        ],
        # A boiler showing a fault code has stopped: "worcester bosch is flashing EA 227 and wont light".
        [
            BOILER,
            *GAP,
            *GAP,
            any_of("flash", "flashing", "show", "showing", "display", "displaying", "say", "saying", "error", "fault"),
            {"LOWER": {"IN": ["an", "a", "up", "the", "error", "fault", "code"]}, "OP": "?"},
            {"LOWER": {"REGEX": r"^[a-z]{0,3}\d{1,3}[a-z]?$"}},
        ],
        [
            BOILER,
            *GAP,
            *GAP,
            any_of("flash", "flashing", "show", "showing", "display", "displaying", "say", "saying"),
            {"LOWER": {"REGEX": r"^[a-z]{1,2}$"}},
            {"LOWER": {"REGEX": r"^\d{1,3}$"}},
        ],
        [BOILER, *GAP, *GAP, any_of("error", "fault"), any_of("code", "codes", "light")],
        [BOILER, *GAP, *GAP, any_of("lockout", "lockouts")],
    ],
    Finding.REASSURANCE: [
        # "still works though", "boiler still works". Not "still lights but then goes out". A lock
        # that still locks is no reassurance: two writers of outside sets called a broken main lock
        # urgent though the door still locked with another; whether a faulty lock can wait is left
        # to the model and the rules.
        [{"LOWER": "still"}, any_of("work", "works", "working")],
        # "we've got another one upstairs", "theres a second loo": not the only toilet.
        [
            any_of("got", "have", "there", "theres"),
            {"LOWER": {"IN": ["is", "'s", "s"]}, "OP": "?"},
            {"LOWER": "another"},
            any_of("one", "toilet", "loo", "bathroom", "wc"),
        ],
        [
            any_of("got", "have", "there", "theres"),
            {"LOWER": {"IN": ["is", "'s", "s"]}, "OP": "?"},
            {"LOWER": "a"},
            {"LOWER": {"IN": ["second", "spare"]}},
            any_of("toilet", "loo", "bathroom", "wc"),
        ],
        phrase("not the end of the world"),
        # "heating and hot water both working", "hot water is fine", "the others are fine".
        [any_of("heating", "boiler", "others", "rest"), _SAID_OF_IT, _FINE],
        [{"LOWER": "hot"}, {"LOWER": "water"}, _SAID_OF_IT, _FINE],
        # "we do get hot water eventually", "we still have heating"; not "we still get water coming in".
        [
            {"LOWER": {"IN": ["we", "i"]}},
            {"LOWER": {"IN": ["do", "still"]}},
            {"LOWER": {"IN": ["get", "have", "got"]}},
            {"LOWER": "hot"},
            any_of("water"),
        ],
        [
            {"LOWER": {"IN": ["we", "i"]}},
            {"LOWER": {"IN": ["do", "still"]}},
            {"LOWER": {"IN": ["get", "have", "got"]}},
            {"LOWER": "heating"},
        ],
        # "bangs when it fires up, then its fine". Not "it was fine again for a day": what is fine
        # again or after may have stopped since.
        [
            {"LOWER": "then"},
            {"LOWER": {"IN": ["it", "its", "it's"]}, "OP": "?"},
            {"LOWER": {"IN": ["'s", "is"]}, "OP": "?"},
            _FINE,
        ],
        # "no sparks or anything", "no smell", "no fault codes", "no black marks on it".
        [{"LOWER": "no"}, any_of("smell", "sparks", "spark", "fault", "burning", "black", "scorch", "scorching")],
        [
            {"LOWER": {"IN": ["not", "isnt", "nothing", "non"]}},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            any_of("urgent", "emergency", "dangerous"),
        ],
        [
            {"LOWER": {"IN": ["is", "'s", "s", "its"]}},
            {"LEMMA": "not"},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            any_of("urgent", "emergency", "dangerous"),
        ],
        [{"LOWER": "no"}, {"LOWER": {"IN": ["rush", "hurry"]}}],
    ],
    Finding.RADIATOR_BLED: [
        [{"LOWER": {"IN": ["bled", "bleed", "bleeded"]}}, {"LOWER": {"IN": ["it", "them"]}}],
        [
            {"LOWER": {"IN": ["bled", "bleed", "bleeded", "bleeding"]}},
            {"LOWER": {"IN": ["the", "my", "all", "both", "each", "every", "our"]}, "OP": "?"},
            {"LOWER": {"IN": ["the", "of"]}, "OP": "?"},
            {"LOWER": {"IN": ["radiator", "radiators", "rad", "rads", "heating", "system"]}},
        ],
    ],
    Finding.HOUSEHOLD: [
        [any_of("live", "lives", "living"), {"LOWER": {"IN": ["alone", "on", "by", "with"]}}],
        [{"LOWER": {"IN": ["m", "'m", "am", "be", "home", "all"]}}, {"LOWER": "alone"}],
        phrase("on my own"),
        phrase("on me own"),
        phrase("by myself"),
        [{"LOWER": {"IN": ["just", "only"]}}, {"LOWER": "me"}],
        # "me and my two kids, 10 and 6", "me and the wife".
        [
            {"LOWER": "me"},
            {"LOWER": "and"},
            {"LOWER": {"IN": ["my", "the", "our"]}},
            {"OP": "?"},
            any_of(
                "kid",
                "kids",
                "child",
                "children",
                "son",
                "sons",
                "daughter",
                "daughters",
                "husband",
                "wife",
                "partner",
                "mum",
                "mam",
                "dad",
                "baby",
                "boy",
                "boys",
                "girl",
                "girls",
                "grandson",
                "granddaughter",
                "missus",
                "fella",
                "boyfriend",
                "girlfriend",
            ),
        ],
        [
            {"LOWER": {"IN": ["no", "nobody", "noone"]}},
            {"LOWER": {"IN": ["one", "else"]}, "OP": "?"},
            {"LOWER": "else"},
        ],
        [{"LOWER": {"IN": ["m", "'m", "am", "aged", "age"]}}, {"LIKE_NUM": True, "LENGTH": 2}],
        [
            {"LOWER": {"IN": ["he", "she", "dad", "mum", "mam", "nan", "gran", "husband", "wife", "partner"]}},
            {"LOWER": {"IN": ["is", "s", "'s"]}},
            {"LIKE_NUM": True, "LENGTH": 2},
        ],
    ],
    Finding.DAMP_MOULD: [
        [any_of("mould", "mold", "mouldy", "moldy", "damp", "dampness", "condensation", "mildew", "moudl", "muold")],
        # Fungus grows only where it is damp: "a mushroom growing out the skirting board".
        [any_of("mushroom", "mushrooms", "fungus", "fungi", "toadstool")],
        # Mould told by how it looks: "white furry stuff on all the clothes in our wardrobe".
        [any_of("furry", "fuzzy", "hairy"), any_of("stuff", "spots", "patches", "bits", "growth", "mark", "marks")],
    ],
    # A leak, and whether the tenant has already stopped it: what decides the leak question.
    Finding.WATER_LEAK: [
        [
            any_of(
                "leak",
                "leaking",
                "leaks",
                "leek",
                "burst",
                "overflow",
                "overflowing",
                "flood",
                "flooding",
                "gushing",
                "spraying",
            )
        ],
        near(
            any_of("water"),
            any_of("come", "coming", "pour", "pouring", "run", "running", "through", "everywhere", "out"),
        ),
    ],
    Finding.WATER_OFF: [
        [any_of("turn", "turned", "switch", "switched", "shut"), *GAP, {"LOWER": "off"}],
        [
            any_of("turn", "turned", "switch", "switched", "shut"),
            {"LOWER": "off"},
            *GAP,
            any_of("water", "stopcock", "mains", "valve"),
        ],
    ],
    # Someone in the home who may need extra care: what makes the vulnerability question moot.
    Finding.VULNERABLE: [
        [
            any_of(
                "baby",
                "babies",
                "newborn",
                "toddler",
                "infant",
                "pregnant",
                "elderly",
                "pensioner",
                "disabled",
                "disability",
                "wheelchair",
                "oxygen",
                "dementia",
                "alzheimers",
                "asthma",
                "asthmatic",
                "copd",
                "cancer",
                "chemo",
                "chemotherapy",
                "terminal",
                "vulnerable",
                "autistic",
                "autism",
                "frail",
                "bedbound",
                "housebound",
                "poorly",
            )
        ],
        # "ill", not "ill just do it" (I'll, typed without the apostrophe).
        [
            {
                "LOWER": {
                    "IN": [
                        "is",
                        "am",
                        "im",
                        "are",
                        "been",
                        "very",
                        "so",
                        "seriously",
                        "terminally",
                        "mentally",
                        "chronically",
                        "really",
                        "feeling",
                        "quite",
                        "gets",
                        "got",
                        "fell",
                        "being",
                    ]
                }
            },
            {"LOWER": "ill"},
        ],
        [{"LOWER": {"IN": ["my", "our"]}}, any_of("nan", "nana", "gran", "granny", "grandad")],
        [{"LIKE_NUM": True}, any_of("month", "months", "week", "weeks"), {"LOWER": "old"}],
    ],
}
