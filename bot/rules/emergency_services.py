"""The findings that send the tenant to the emergency services now: gas, fire, danger to life.

A smell of gas goes to the gas emergency line, a fire or a life in danger to 999, before anything
else is asked. Their token sets (a smell, the word gas, carbon monoxide's signs) are used by no
other group.
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import (
    CANT,
    CANT_OR_WONT,
    FIRE_THROUGH_THE_DOOR,
    GAP,
    GOING_TO,
    UNDENIED_GAP,
    Pattern,
    any_of,
    near,
    phrase,
)

# A person, as someone who has found them would name them.
_SOMEONE = any_of(
    "he",
    "she",
    "someone",
    "somebody",
    "man",
    "woman",
    "lad",
    "girl",
    "boy",
    "mum",
    "mam",
    "dad",
    "nan",
    "gran",
    "grandad",
    "baby",
    "child",
    "kid",
    "son",
    "daughter",
    "husband",
    "wife",
    "partner",
    "neighbour",
    "friend",
    "brother",
    "sister",
)

SMELL = any_of("smell", "smel", "smelt", "smelling", "whiff", "stink", "stench", "reek", "odour", "odor", "sniff")
GAS_WORD = any_of("gas", "gass", "gaz")
LEAK = any_of("leak", "leaking", "leek", "escape", "escaping", "hiss", "hissing")
CO_ALARM = any_of("alarm", "detector", "monitor", "beep", "beeping", "going")

# Carbon monoxide's signs ("sick" and "tired" are left out: "sick of waiting for the boiler").
CO_SYMPTOM = any_of(
    "headache",
    "headaches",
    "dizzy",
    "dizziness",
    "drowsy",
    "drowsiness",
    "sleepy",
    "lethargic",
    "nauseous",
    "nausea",
    "faint",
    "fainting",
    "confused",
    "breathless",
    "dopey",
    "groggy",
)
HEATING_ON = any_of("heating", "boiler", "heater", "radiators", "gas")


# What gives off smoke when the electrics are burning.
_ELECTRICAL_THING = any_of(
    "fitting",
    "fan",
    "light",
    "socket",
    "plug",
    "cooker",
    "oven",
    "heater",
    "dryer",
    "telly",
    "tv",
    "meter",
    "fusebox",
    "fuseboard",
    "consumer",
)


PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.GAS: [
        near(SMELL, GAS_WORD),
        # "gas smell in the kitchen": the gas named first ("no gas smell" is denied before it).
        [GAS_WORD, any_of("smell", "smells", "smelly", "stink", "stinks", "whiff", "odour", "odor")],
        [GAS_WORD, *GAP, LEAK],
        # A gas pipe damaged: "the gas pipe in the cupboard got knocked", "gas hose has cracked".
        [
            GAS_WORD,
            any_of("pipe", "pipes", "hose", "supply", "meter"),
            *GAP,
            *GAP,
            any_of("knock", "knocked", "damage", "damaged", "bent", "crack", "cracked", "snapped", "split", "hit"),
        ],
        [LEAK, *GAP, GAS_WORD],
        phrase("carbon monoxide"),
        near(any_of("co", "monoxide", "carbon"), CO_ALARM),
        [{"LOWER": {"IN": ["gassy", "gasy"]}}],
        near(any_of("hob", "cooker", "oven", "meter"), any_of("hiss", "hissing", "hisses")),
        near(any_of("hiss", "hissing", "hisses"), any_of("hob", "cooker", "oven", "meter")),
        # Carbon monoxide by its signs alone: symptoms that come with the heating or the boiler,
        # soot or a lazy yellow flame on a gas appliance.
        [CO_SYMPTOM, *GAP, *GAP, *GAP, HEATING_ON],
        # Unwell at home and better away from it: the sign the gas safety advice names ("sick"
        # and "tired" are safe here, beside "fine when we go out").
        [
            any_of(
                "headache",
                "headaches",
                "dizzy",
                "drowsy",
                "sleepy",
                "nauseous",
                "sick",
                "tired",
                "yawn",
                "yawning",
            ),
            *GAP,
            *GAP,
            *GAP,
            any_of("fine", "better", "ok", "okay", "alright"),
            {"LOWER": {"IN": ["when", "once", "whenever"]}},
            {"LOWER": {"IN": ["we", "i", "they", "he", "she"]}},
            {"LOWER": {"IN": ["go", "get", "are", "'re", "am", "'m", "leave"]}},
            {"LOWER": {"IN": ["out", "outside", "away", "the"]}},
        ],
        [HEATING_ON, *GAP, *GAP, *GAP, CO_SYMPTOM],
        near(
            any_of("sooty", "soot", "black", "brown", "scorch", "scorched", "stain", "stains", "staining"),
            any_of("boiler", "fire", "heater", "cooker", "flue"),
        ),
        # "brown sooty stuff all round the bottom of the casing".
        [
            any_of("soot", "sooty", "sooting"),
            *GAP,
            *GAP,
            *GAP,
            any_of("boiler", "fire", "heater", "cooker", "flue", "casing", "burner"),
        ],
        near(any_of("yellow", "orange", "floppy", "lazy"), any_of("flame", "flames")),
        # What gas smells of, told without the word: "a smell like rotten eggs".
        [any_of("rotten", "rotting", "bad"), any_of("egg", "eggs")],
        [any_of("flame", "flames"), *GAP, *GAP, any_of("yellow", "orange")],
    ],
    Finding.FIRE: [
        phrase("on fire"),
        [{"LOWER": "there"}, {"OP": "?"}, {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, {"LOWER": "fire"}],
        phrase("set fire"),
        [{"LOWER": "fire"}, {"LOWER": {"IN": ["in", "upstairs", "downstairs", "next", "outside"]}}],
        near(
            any_of("smoke"),
            any_of("come", "coming", "pour", "pouring", "everywhere", "fill", "filling", "billow", "billowing"),
        ),
        near(
            any_of("flat", "house", "kitchen", "home", "room", "block", "building", "bin"),
            any_of("burn", "burning", "alight", "ablaze"),
        ),
        # Something electrical giving off smoke, or a home filling with it: "the fitting is smoking",
        # "the socket wont stop smoking", not "the telly is not smoking".
        [_ELECTRICAL_THING, *UNDENIED_GAP, *UNDENIED_GAP, any_of("smoking", "smouldering", "smoldering")],
        [_ELECTRICAL_THING, *GAP, *CANT_OR_WONT, any_of("stop"), any_of("smoking", "smouldering")],
        [{"LOWER": "full"}, {"LOWER": "of"}, {"LOWER": "smoke"}],
        [any_of("set", "setting"), {"LOWER": {"IN": ["light", "fire"]}}, {"LOWER": "to"}],
        # "i can smell burning", "a smell of burning and the smoke alarm going": a fire until known otherwise.
        [SMELL, {"LOWER": {"IN": ["of", "like"]}, "OP": "?"}, {"LOWER": "something", "OP": "?"}, any_of("burning")],
        [
            {"LOWER": "burning"},
            any_of("plastic", "electrical", "electric", "rubber", "wire", "wires"),
            {"OP": "?"},
            SMELL,
        ],
        [
            {"LOWER": "burning"},
            SMELL,
            *GAP,
            any_of("heater", "socket", "sockets", "plug", "fuse", "fusebox", "wires", "wiring", "electrics", "meter"),
        ],
        # Electrics sparking now, or hot enough to melt: "sparks coming out the fuse box".
        [any_of("spark", "sparks"), any_of("come", "coming", "fly", "flying", "shoot", "shooting")],
        [
            any_of("wire", "wires", "fusebox", "fuse", "meter", "socket", "sockets", "plug", "switch", "cable"),
            *GAP,
            {"LOWER": {"IN": ["sparking", "arcing"]}},
        ],
        [
            any_of("socket", "sockets", "plug", "plugs", "switch", "wire", "wires", "cable", "lead", "fusebox"),
            *GAP,
            *GAP,
            any_of("melted", "melting"),
        ],
        [{"LOWER": {"IN": ["now", "still"]}}, {"OP": "?"}, {"OP": "?"}, {"LOWER": {"IN": ["sparking", "arcing"]}}],
        FIRE_THROUGH_THE_DOOR,
    ],
    Finding.DANGER_TO_LIFE: [
        # Violence that has only just happened, or whoever did it still there: "my neighbour just
        # attacked me with a bat", "hes still out there waiting".
        [
            {"LOWER": "just"},
            any_of(
                "attack",
                "attacked",
                "assault",
                "assaulted",
                "stab",
                "stabbed",
                "glass",
                "glassed",
                "batter",
                "battered",
            ),
            {"LOWER": {"IN": ["me", "us", "my", "him", "her", "them"]}},
        ],
        [
            {"LOWER": "still"},
            {"LOWER": {"IN": ["out", "outside", "there", "here"]}},
            {"OP": "?"},
            any_of("wait", "waiting"),
        ],
        near(
            any_of(
                "he", "she", "they", "them", "someone", "somebody", "man", "neighbour", "lads", "gang", "men", "youths"
            ),
            any_of("knife", "gun", "machete", "weapon"),
        ),
        [
            any_of("carry", "carrying", "wave", "waving", "brandish", "brandishing", "pull", "pulled", "pulling"),
            {"LOWER": {"IN": ["a", "an", "his", "her", "their", "out"]}, "OP": "?"},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            any_of("knife", "knives", "machete", "gun", "weapon", "axe"),
        ],
        [
            {"LOWER": "with"},
            {"LOWER": {"IN": ["a", "an", "his", "her", "their", "some"]}, "OP": "?"},
            any_of("knife", "knives", "machete", "gun", "weapon", "axe", "hammer", "crowbar"),
        ],
        [
            any_of("someone", "somebody", "someones", "he", "she", "man", "woman", "lad", "bloke", "floor", "ground"),
            *GAP,
            any_of("bleeding", "bleed"),
            {"LOWER": {"IN": ["blood", "badly", "everywhere", "loads", "lots"]}, "OP": "?"},
        ],
        # Covered in blood, not "your man left my kitchen covered in dust".
        [
            any_of("someone", "somebody", "someones", "he", "she", "man", "woman", "lad", "bloke", "floor", "ground"),
            *GAP,
            any_of("covered"),
            {"LOWER": "in"},
            {"LOWER": {"IN": ["blood", "claret"]}},
        ],
        [{"LOWER": {"IN": ["breaking", "kicking", "forcing"]}}, {"LOWER": "in"}],
        [
            any_of("try", "trying"),
            {"LOWER": "to"},
            any_of("break", "kick", "get", "force"),
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": "in"},
        ],
        phrase("being attacked"),
        [
            {"LOWER": {"IN": ["attacking", "stabbing", "strangling", "choking"]}},
            {"LOWER": {"IN": ["me", "us", "her", "him", "my"]}},
        ],
        [
            {"LOWER": {"IN": ["trapped", "stuck"]}},
            {"LOWER": "in"},
            {"OP": "?"},
            any_of("fire", "smoke", "lift", "flat", "room"),
        ],
        [*GOING_TO, any_of("kill", "stab", "hurt"), {"LOWER": {"IN": ["me", "us", "her", "him", "them"]}}],
        [{"LEMMA": "not"}, any_of("breathe", "breathing")],
        [any_of("unconscious")],
        # A seizure that will not stop is an ambulance: "my husband is having a fit".
        [any_of("have", "having"), {"LOWER": {"IN": ["a", "another"]}}, any_of("fit", "seizure")],
        [any_of("seizure", "seizures")],
        [
            any_of(
                "he", "she", "someone", "somebody", "neighbour", "mum", "dad", "man", "woman", "child", "baby", "nan"
            ),
            *GAP,
            any_of("collapsed", "collapse", "fitting"),
        ],
        phrase("call an ambulance"),
        phrase("call the police"),
        # Someone who may be lying hurt: seen on the floor, or not seen or heard for days.
        near(any_of("lie", "lying", "laying", "lay"), any_of("floor", "ground")),
        [
            any_of("answer", "answered", "answering", "seen", "heard"),
            *GAP,
            *GAP,
            any_of("day", "days", "week", "weeks"),
        ],
        [any_of("fall", "fallen", "fell"), *GAP, *CANT, any_of("get", "move")],
        # Someone who does not move or wake: "a man's been beaten up on our landing and isn't
        # moving", "mum wont wake up".
        [_SOMEONE, {"OP": "?"}, {"OP": "?"}, {"LEMMA": "not"}, any_of("move", "wake", "respond", "breathe")],
        [
            any_of("beat", "beaten", "attacked", "stabbed", "bleeding", "collapsed"),
            *GAP,
            *GAP,
            {"LEMMA": "not"},
            any_of("move", "wake", "respond"),
        ],
        [any_of("floor", "ground"), {"LOWER": "and"}, {"OP": "?"}, {"LEMMA": "not"}, any_of("move", "wake", "respond")],
        [*CANT, any_of("wake", "rouse"), {"LOWER": {"IN": ["her", "him", "them", "mum", "mam", "dad", "nan", "my"]}}],
        [any_of("unresponsive")],
        # Violence happening now: a fight with a weapon, or hiding from one.
        [
            any_of("fight", "fighting", "brawl", "stabbed", "stabbing"),
            *GAP,
            *GAP,
            any_of("knife", "knives", "machete", "weapon", "gun", "bat", "now"),
        ],
        [
            any_of("lock", "locked", "hide", "hiding"),
            {"LOWER": {"IN": ["myself", "meself", "ourselves", "us", "me"]}},
            {"LOWER": "in"},
        ],
    ],
}
