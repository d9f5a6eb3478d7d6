"""The patterns for an emergency repair: water on the electrics, a home that cannot be secured,
a roof, a ceiling or a wall coming down, flooding and sewage, someone stuck in a lift.

Its own module because it is the longest table of all: one pattern per wording, and splitting it
would scatter one finding's wordings.
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import CANT, CANT_OR_WONT, GAP, UNDENIED_GAP, Pattern, any_of, near, phrase

WATER = any_of("water", "leak", "leaking", "drip", "dripping", "pour", "pouring", "flood", "wet", "soak")
ELECTRIC = any_of(
    "electric",
    "electrics",
    "electrical",
    "electricity",
    "socket",
    "plug",
    "wire",
    "wiring",
    "light",
    "fuse",
    "switch",
    "leccy",
    "lecky",
    "consumer",
    "fusebox",
    "meter",
)

# Up to three words, none of them "hot" or "cold".
_NOT_A_SUPPLY = [{"LOWER": {"NOT_IN": ["hot", "cold"]}, "OP": "?"}] * 3


PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.EMERGENCY_REPAIR: [
        [WATER, *GAP, *GAP, ELECTRIC],
        # Not "switch it on by hand, hot water is fine": hot and cold water are a supply, not a leak.
        [ELECTRIC, *_NOT_A_SUPPLY, *_NOT_A_SUPPLY, WATER],
        [any_of("spark", "sparking", "sparks", "arcing")],
        near(any_of("exposed", "live", "bare", "hanging"), any_of("wire", "wiring", "cable")),
        phrase("electric shock"),
        # "got a shock off the bathroom light switch", "the taps give you a tingle", "got a belt off
        # the light switch".
        [
            any_of("shock", "tingle", "jolt", "zap", "belt"),
            {"LOWER": {"IN": ["off", "from", "of", "when"]}},
            *GAP,
            any_of(
                "switch", "socket", "plug", "light", "tap", "taps", "cooker", "oven", "shower", "radiator", "fitting"
            ),
        ],
        [
            any_of("switch", "socket", "plug", "tap", "taps", "cooker", "shower", "radiator"),
            *GAP,
            any_of("give", "gives", "giving", "gave"),
            {"LOWER": {"IN": ["you", "me", "us", "him", "her", "them"]}},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            any_of("shock", "tingle", "jolt", "zap"),
        ],
        # A roof that has given way: "the bathroom roof has caved in".
        [any_of("roof"), *GAP, any_of("cave", "caved", "collapse", "collapsed"), {"LOWER": "in", "OP": "?"}],
        # "the socket is smoking", not "the socket is not smoking or anything, just dead".
        [
            any_of("socket", "plug", "switch", "wire", "wiring"),
            *UNDENIED_GAP,
            any_of("smoke", "smoking", "melt", "melted", "melting", "burn", "burning", "scorch"),
        ],
        [any_of("socket", "plug", "switch", "wire", "wiring"), *GAP, *CANT_OR_WONT, any_of("stop"), any_of("smoking")],
        # "the ceiling is sagging", not "crack in the ceiling, its not sagging".
        [
            any_of("ceiling"),
            *UNDENIED_GAP,
            any_of(
                "collapse",
                "collapsed",
                "collapsing",
                "fall",
                "falling",
                "fell",
                "bulge",
                "bulging",
                "sag",
                "sagging",
                "saggin",
                "cave",
            ),
        ],
        # "part of the kitchen ceiling came down", "the ceiling round the loft hatch came down", "the
        # ceilings coming down": not "came down to look at the ceiling" (the ceiling comes first).
        [
            any_of("ceiling", "ceilings"),
            *UNDENIED_GAP,
            *UNDENIED_GAP[:2],
            any_of("come", "came", "coming", "comin"),
            {"LOWER": "down"},
        ],
        near(any_of("no"), any_of("electric", "electricity", "power", "leccy", "lecky")),
        [
            *CANT,
            {"OP": "?"},
            any_of("lock", "secure"),
            {"LOWER": {"IN": ["front", "the", "my", "door", "flat", "house", "home", "up"]}},
        ],
        [any_of("door"), {"OP": "?"}, *CANT, {"OP": "?"}, any_of("lock", "secure")],
        # "i wont be able to lock up tonight".
        [*CANT_OR_WONT, {"LOWER": "be"}, {"LOWER": "able"}, {"LOWER": "to"}, any_of("lock", "secure")],
        [{"LOWER": "never"}, {"LOWER": "be"}, {"LOWER": "able"}, {"LOWER": "to"}, any_of("lock", "secure")],
        # "i cant leave the house open tonight": a home that cannot be made secure.
        [
            *CANT,
            any_of("leave"),
            {"LOWER": {"IN": ["the", "my", "our", "me"]}, "OP": "?"},
            {"LOWER": {"IN": ["back", "front"]}, "OP": "?"},
            any_of("house", "flat", "home", "door", "place", "window"),
            {"LOWER": {"IN": ["open", "unlocked", "insecure", "unsecured", "unsecure", "wide"]}},
        ],
        phrase("broken into"),
        phrase("broke in"),
        phrase("broken in"),
        phrase("break in"),
        # A lock smashed or snapped: the home cannot be secured.
        near(any_of("smash", "smashed", "snap", "snapped", "bust", "busted", "forced", "force"), any_of("lock")),
        near(any_of("lock"), any_of("smashed", "snapped", "bust", "busted", "forced")),
        phrase("break-in"),
        [any_of("burgle", "burgled", "burglary")],
        near(any_of("door"), any_of("kick", "kicked", "smash", "smashed", "boot", "booted")) + [{"LOWER": "in"}],
        near(any_of("kick", "kicked", "smash", "smashed", "boot", "booted"), any_of("door")) + [{"LOWER": "in"}],
        # What is left of a door someone forced: "lock is hanging off", "front door off its hinges".
        [any_of("lock"), *GAP, any_of("hang", "hanging"), {"LOWER": "off"}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "balcony"]}},
            any_of("door"),
            *GAP,
            {"LOWER": "off"},
            {"LOWER": {"IN": ["the", "its", "it's", "it"]}, "OP": "?"},
            any_of("hinge", "hinges"),
        ],
        # Something thrown through a window or door, or a window waiting to be boarded up.
        [
            any_of("put", "threw", "thrown", "throw", "chucked", "chuck", "lobbed"),
            {"LOWER": {"IN": ["a", "the", "some"]}},
            any_of("brick", "rock", "stone", "bottle", "slab"),
            {"LOWER": {"IN": ["through", "thru", "in", "into"]}},
        ],
        [any_of("window", "windows"), *GAP, {"LOWER": {"IN": ["boarding", "boarded"]}}, {"LOWER": "up"}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "balcony"]}},
            any_of("door"),
            *GAP,
            {"LOWER": {"IN": ["boarding", "boarded"]}},
            {"LOWER": "up"},
        ],
        near(
            any_of("flood", "flooded", "flooding"),
            any_of("flat", "house", "home", "kitchen", "floor", "room", "bathroom"),
        ),
        near(any_of("toilet", "loo"), any_of("overflow", "overflowing")),
        # A home anyone could get into, or a window that could fall.
        [any_of("anyone", "anybody", "someone", "somebody"), any_of("could", "can"), *GAP, any_of("in", "through")],
        # "you could just climb through the hole".
        [any_of("climb", "climbing", "crawl", "crawling"), {"LOWER": {"IN": ["in", "through", "inside"]}}],
        near(any_of("open"), any_of("garden", "street", "elements", "outside")),
        # A window or an outside door that could fall, or leaves the home open; not a cupboard door.
        [any_of("window", "windows"), *GAP, any_of("hang", "hanging"), {"LOWER": {"IN": ["out", "off"]}}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "outside", "balcony"]}},
            any_of("door"),
            *GAP,
            any_of("hang", "hanging"),
            {"LOWER": {"IN": ["out", "off"]}},
        ],
        [any_of("rain", "raining"), *GAP, *GAP, ELECTRIC],
        # A home that cannot be secured: forced open, no way to lock it, an outside door that
        # will not close, a pane gone, something through the window or roof.
        [any_of("jimmied", "jemmied", "jimmy", "jemmy", "prised", "pried")],
        [{"LOWER": "no"}, {"LOWER": "way"}, {"LOWER": "of"}, any_of("lock", "locking", "secure", "securing")],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "balcony"]}},
            any_of("door"),
            *GAP,
            *GAP,
            *CANT,
            {"OP": "?"},
            any_of("close", "shut", "lock", "latch", "secure"),
        ],
        [any_of("pane", "window"), *GAP, any_of("fell", "fallen", "fall", "falling", "come", "came"), {"LOWER": "out"}],
        [
            any_of("glass"),
            *GAP,
            any_of("fell", "fallen", "falling"),
            {"LOWER": "out"},
            {"LOWER": "of"},
            *GAP,
            any_of("window"),
        ],
        [
            any_of("branch", "tree", "brick", "rock", "stone", "slate", "chimney"),
            {"OP": "?"},
            any_of("come", "came", "fell", "fall", "fallen", "crash", "crashed", "smash", "smashed", "go", "went"),
            {"LOWER": {"IN": ["down", "in"]}, "OP": "?"},
            {"LOWER": {"IN": ["through", "thru", "into", "onto", "on"]}},
            *GAP,
            any_of("window", "roof", "ceiling", "house", "flat", "home", "bedroom"),
        ],
        [any_of("hole"), {"LOWER": "in"}, {"LOWER": {"IN": ["the", "my", "our"]}}, any_of("roof")],
        # "tree from the communal bit has come down on my roof".
        [
            any_of("tree", "branch"),
            *GAP,
            *GAP,
            any_of("come", "came", "fell", "fallen", "crash", "crashed"),
            {"LOWER": {"IN": ["down", "in"]}, "OP": "?"},
            {"LOWER": {"IN": ["through", "thru", "into", "onto", "on"]}},
            {"OP": "?"},
            any_of("roof", "house", "flat", "window", "conservatory", "bedroom"),
        ],
        # An open drop where people walk: a manhole cover gone, "cracked in half and theres an open drop"
        # (a cover cracked but in place is outside works, as two writers had it).
        [
            any_of("manhole", "drain", "inspection"),
            {"LOWER": {"IN": ["cover", "lid"]}},
            *GAP,
            *GAP,
            any_of("missing", "gone", "collapsed", "collapse"),
        ],
        [{"LOWER": "open"}, any_of("drop", "hole", "shaft", "manhole", "drain")],
        # Part of the building coming down: "the wind has ripped part of the roof off", "tiles
        # coming down into the road", "the garden wall is leaning right over onto the pavement".
        [any_of("roof"), *GAP, any_of("rip", "ripped", "blow", "blown", "blew", "torn", "tore"), {"LOWER": "off"}],
        [any_of("rip", "ripped", "blow", "blown", "blew", "torn", "tore"), *GAP, any_of("roof"), {"LOWER": "off"}],
        [
            any_of("tile", "tiles", "slate", "slates"),
            {"LOWER": {"IN": ["are", "is", "keep", "keeps"]}, "OP": "?"},
            any_of("come", "coming", "fall", "falling", "fly", "flying", "drop", "dropping"),
            {"LOWER": {"IN": ["off", "down"]}},
            *GAP,
            any_of("roof", "road", "street", "path", "pavement", "car", "garden", "people"),
        ],
        [
            any_of("wall"),
            *GAP,
            {"OP": "?"},
            {"LOWER": {"IN": ["is", "has", "'s"]}, "OP": "?"},
            any_of("lean", "leaning", "collapsing", "bow", "bowing", "topple", "toppling"),
        ],
        [
            any_of("rain", "rainwater"),
            *GAP,
            any_of("pour", "pouring", "gush", "gushing", "stream", "streaming", "flood", "flooding"),
            {"LOWER": {"IN": ["into", "in", "through", "thru"]}},
        ],
        # Water going into the home below, sewage coming up, falling masonry, someone stuck in a lift.
        [
            {"LOWER": {"IN": ["through", "thru", "into", "down"]}},
            {"LOWER": "to", "OP": "?"},
            {"LOWER": {"IN": ["the", "next"]}},
            {"LOWER": {"IN": ["flat", "house", "home"]}},
            {"LOWER": {"IN": ["below", "downstairs", "underneath", "beneath"]}},
        ],
        near(
            any_of("sewage", "sewerage"),
            any_of("overflow", "overflowing", "come", "coming", "backing", "flood", "flooding", "everywhere", "up"),
        ),
        [any_of("overflow", "overflowing"), {"LOWER": "with"}, *GAP, any_of("poo", "sewage", "faeces", "excrement")],
        # Sewage told without the word: "dirty water ... coming up through our downstairs loo".
        [
            {"LOWER": {"IN": ["coming", "come", "came", "comes", "bubbling", "backing", "pushing"]}},
            {"LOWER": "up"},
            {"LOWER": {"IN": ["through", "thru", "out", "in", "into", "from"]}},
            {"OP": "?"},
            {"OP": "?"},
            any_of("loo", "toilet", "toilets", "bath", "shower", "plughole", "plugholes"),
        ],
        # Words, not lemmas: "backing" has the lemma "back", and "drain round the back" is no flood.
        near(
            any_of("drain", "drains", "manhole"),
            {"LOWER": {"IN": ["overflow", "overflows", "overflowing", "overflowed", "backing", "backed"]}},
        ),
        [
            any_of("brick", "bricks", "brickwork", "masonry", "chimney", "lintel"),
            *GAP,
            any_of("fall", "falling", "fell", "drop", "dropping", "dropped", "bow", "bowing", "collapse", "collapsing"),
        ],
        # A structure about to come down where people walk: "the garden wall is leaning right over
        # the path", "scaffolding swaying in the wind", "the balcony above is coming away".
        [
            any_of("lean", "leaning", "lent"),
            {"OP": "?"},
            {"LOWER": {"IN": ["over", "onto", "into", "out"]}},
            *GAP,
            any_of("path", "pavement", "road", "street", "car", "cars", "people", "kids", "children", "playground"),
        ],
        [
            any_of("scaffold", "scaffolding"),
            *GAP,
            any_of("sway", "swaying", "collapse", "collapsing", "collapsed", "fall", "falling", "fell", "wobbling"),
        ],
        [any_of("balcony"), *GAP, any_of("come", "coming", "came", "pull", "pulling"), {"LOWER": "away"}],
        # An open lift shaft: "the lift doors opened with no lift there".
        [{"LOWER": "no"}, any_of("lift", "elevator"), {"LOWER": {"IN": ["there", "behind", "inside"]}}],
        [any_of("stuck", "trapped"), {"LOWER": "in"}, {"OP": "?"}, any_of("lift", "elevator")],
        # Someone inside a lift that has stopped: "lift stuck between floors 3 and 4 with a man inside".
        [
            any_of("lift", "elevator"),
            *GAP,
            {"OP": "?"},
            any_of("stuck", "stopped", "jammed"),
            *GAP,
            *GAP,
            *GAP,
            any_of(
                "inside",
                "person",
                "people",
                "man",
                "woman",
                "gentleman",
                "lady",
                "child",
                "kid",
                "kids",
                "mum",
                "dad",
                "son",
                "daughter",
                "baby",
                "neighbour",
            ),
        ],
        # The only toilet blocked: "loo is blocked n wont flush, its the only 1 we got".
        [
            any_of("toilet", "loo", "wc"),
            *GAP,
            any_of("block", "blocked", "overflow", "overflowing"),
            *GAP,
            *GAP,
            *GAP,
            {"LOWER": "only"},
            {"LOWER": {"IN": ["1", "one", "toilet", "loo"]}},
        ],
        [
            {"LOWER": "only"},
            {"OP": "?"},
            any_of("toilet", "loo", "wc"),
            *GAP,
            any_of("block", "blocked", "overflow", "overflowing", "flush", "broken", "unusable"),
        ],
        # Told the other way round: "cant flush it at all. its our only one", "we have no other toilet".
        [*CANT, any_of("flush"), *GAP, *GAP, {"LOWER": "only"}, {"LOWER": {"IN": ["1", "one", "toilet", "loo"]}}],
        [{"LOWER": "no"}, {"LOWER": {"IN": ["other", "second", "2nd", "spare"]}}, any_of("toilet", "loo", "wc")],
        # "its our only toilet so we cant use it".
        [{"LOWER": "only"}, {"OP": "?"}, any_of("toilet", "loo", "wc"), *GAP, *CANT, any_of("use", "flush")],
        # The only toilet, named as such: "the cistern has cracked, its the only loo we have".
        [
            {"LOWER": "only"},
            any_of("toilet", "loo", "wc"),
            {"LOWER": {"IN": ["we", "i"]}},
            any_of("have", "'ve", "got"),
        ],
        # The power gone from the whole home: "whole flat's gone dark, nothing works not even the fridge".
        [
            {"LOWER": "whole"},
            any_of("flat", "house", "home", "place"),
            {"OP": "?"},
            any_of("go", "gone", "went"),
            any_of("dark"),
        ],
        [
            {"LOWER": "nothing"},
            any_of("work", "works", "working"),
            *GAP,
            any_of("fridge", "lights", "electric", "electrics", "power"),
        ],
        # Electrics about to catch: "sockets are buzzing and red hot", "scorch marks round the plug".
        near(any_of("socket", "plug", "switch", "fusebox"), any_of("buzz", "buzzing", "crackle", "crackling")),
        near(any_of("socket", "plug", "switch", "fusebox", "wire", "cable"), {"LOWER": "red"}) + [{"LOWER": "hot"}],
        [any_of("scorch", "scorched", "scorching"), {"LOWER": {"IN": ["mark", "marks", "marking", "markings"]}}],
        # A window that will not shut at all, or lock, leaves the home open.
        [
            any_of("window"),
            *GAP,
            *CANT,
            {"OP": "?"},
            any_of("close", "shut"),
            {"OP": "?"},
            {"LOWER": "at"},
            {"LOWER": "all"},
        ],
        [any_of("window"), *GAP, *CANT, {"OP": "?"}, any_of("lock")],
        [
            any_of("window"),
            *GAP,
            {"LOWER": "off"},
            {"LOWER": {"IN": ["the", "its", "it's", "it"]}, "OP": "?"},
            any_of("hinge", "hinges"),
        ],
        # A stair that gave way, a window out of its frame: a fall waiting to happen.
        [
            any_of("stair", "step", "tread"),
            {"OP": "?"},
            {"OP": "?"},
            any_of("snap", "snapped", "collapse", "collapsed", "split"),
        ],
        [any_of("window"), *GAP, *GAP, any_of("fall", "fell", "fallen"), {"LOWER": "out"}],
        # A way in stopped up with what came to hand: "its just got cardboard over it".
        [
            any_of("cardboard", "plastic", "binbag", "binbags", "bag", "bags", "sheeting", "towel", "towels"),
            {"OP": "?"},
            {"LOWER": "over"},
            {"LOWER": {"IN": ["it", "the", "them", "my"]}},
            {"LOWER": {"IN": ["window", "windows", "door", "glass", "pane", "hole", "gap"]}, "OP": "?"},
        ],
        # "the window frame has come away from the wall".
        [
            any_of("window"),
            {"LOWER": {"IN": ["frame", "pane"]}, "OP": "?"},
            {"LOWER": {"IN": ["has", "is", "'s"]}, "OP": "?"},
            any_of("come", "came", "coming"),
            {"LOWER": {"IN": ["away", "out"]}},
        ],
        # Water on its way to the electrics: "water all over the floor and its running towards the sockets".
        [
            WATER,
            *GAP,
            *GAP,
            *GAP,
            any_of("run", "running", "spread", "spreading", "head", "heading", "creep", "creeping", "go", "going"),
            {"LOWER": {"IN": ["towards", "toward", "near", "into", "onto"]}},
            {"OP": "?"},
            {"OP": "?"},
            ELECTRIC,
        ],
    ],
}
