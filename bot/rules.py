"""Deterministic rules that spot danger and urgency in what a tenant writes.

A trained model can be unsure; a person who smells gas cannot wait for it to be sure. These
rules run beside the model on every message, over lower-cased, lemmatised text (spaCy's blank
English pipeline with the lookup lemmatiser, so "smelt", "smelling" and "smells" all match
"smell"), and report what they found. They never decide that something is *less* urgent:
bot.triage only lets them raise the model's answer.

Each rule is a spaCy Matcher pattern. Gaps of up to three words are allowed where people put
words between the two halves ("smell of gas", "smell a bit of gas").
"""

from __future__ import annotations

import enum
import re
import threading
from functools import lru_cache
from typing import Dict, FrozenSet, List

import spacy
from spacy.language import Language
from spacy.matcher import Matcher


from bot.limits import without_lone_surrogates


class Finding(enum.Enum):
    """What a rule can find. Fire and danger to life are told apart because a fire is also an
    emergency repair, while violence happening now is also high-risk ASB; both get 999."""

    GAS = "gas"
    FIRE = "fire"
    DANGER_TO_LIFE = "danger_to_life"
    DOMESTIC_ABUSE = "domestic_abuse"
    SELF_HARM = "self_harm"
    EMERGENCY_REPAIR = "emergency_repair"
    URGENT_REPAIR = "urgent_repair"
    DAMP_MOULD = "damp_mould"
    ASB_HIGH_RISK = "asb_high_risk"
    HATE_INCIDENT = "hate_incident"
    NEIGHBOUR = "neighbour"
    WATER_LEAK = "water_leak"
    WATER_OFF = "water_off"
    VULNERABLE = "vulnerable"
    # Unhappiness with the service: the tenant is offered the choice to complain.
    DISSATISFIED = "dissatisfied"
    # Signs a complaint may fall under one of the charter's exclusions; a person decides.
    OLD_MATTER = "old_matter"
    LEGAL_PROCEEDINGS = "legal_proceedings"
    CRIMINAL_ALLEGATION = "criminal_allegation"
    ALREADY_ANSWERED = "already_answered"


Pattern = List[Dict[str, object]]

GAP = [{"OP": "?"}, {"OP": "?"}, {"OP": "?"}]
# Up to three words, none of them denying what follows.
UNDENIED_GAP = [{"LEMMA": {"NOT_IN": ["not", "no", "never", "nothing"]}, "OP": "?"}] * 3


def _any(*lemmas: str) -> Dict[str, object]:
    return {"LEMMA": {"IN": list(lemmas)}}


def _near(first: Dict[str, object], second: Dict[str, object]) -> Pattern:
    """`first`, then up to three words, then `second`."""
    return [first, *GAP, second]


# spaCy splits "can't", "cant", "won't" and "wont" into two tokens whose second has the lemma "not".
CANT: Pattern = [{"LOWER": {"IN": ["ca", "can", "wo", "will", "do", "does", "is"]}}, {"LEMMA": "not"}]
GOING_TO = [{"LOWER": {"IN": ["going", "gon"]}}, {"LOWER": {"IN": ["to", "na"]}}]
CANT_OR_WONT: Pattern = [{"LOWER": {"IN": ["wo", "will", "ca", "can", "shall"]}}, {"LEMMA": "not"}]


def _phrase(text: str) -> Pattern:
    return [{"LOWER": word} for word in text.split()]


BOILER = _any(
    "boiler", "combi", "worcester", "bosch", "baxi", "vaillant", "ideal", "potterton", "glowworm", "viessmann"
)
SMELL = _any("smell", "smel", "smelt", "smelling", "whiff", "stink", "stench", "reek", "odour", "odor", "sniff")
GAS_WORD = _any("gas", "gass", "gaz")
LEAK = _any("leak", "leaking", "leek", "escape", "escaping", "hiss", "hissing")
CO_ALARM = _any("alarm", "detector", "monitor", "beep", "beeping", "going")
RELATIVE = _any(
    "partner",
    "boyfriend",
    "girlfriend",
    "husband",
    "wife",
    "ex",
    "fiance",
    "fiancé",
    "bf",
    "gf",
    "hubby",
    "spouse",
    "son",
    "daughter",
    "grandson",
    "granddaughter",
    "stepdad",
    "stepfather",
    "stepmum",
    "dad",
    "father",
    "mum",
    "mother",
    "brother",
    "sister",
    "carer",
)
ABUSE_VERB = _any(
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
# Carbon monoxide's signs ("sick" and "tired" are left out: "sick of waiting for the boiler").
CO_SYMPTOM = _any(
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
HEATING_ON = _any("heating", "boiler", "heater", "radiators", "gas")
FEAR = _any("scared", "terrified", "frightened", "afraid", "scare", "terrify", "frighten")
WATER = _any("water", "leak", "leaking", "drip", "dripping", "pour", "pouring", "flood", "wet", "soak")
ELECTRIC = _any(
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
REFLEXIVE = ("himself", "herself", "themselves", "themself", "myself", "meself", "yourself")
THREAT = _any(
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
HATE = _any(
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
DAMAGE = _any(
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
PROPERTY = _any(
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
PROTECTED = _any(
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
TARGETING = _any(
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
    [_any("swastika", "swastikas", "nazi", "nazis", "kkk", "sieg")],
    _phrase("go back to your own country"),
    _phrase("go back to your country"),
    _phrase("go back to where you came from"),
    _phrase("go back where you came from"),
    _phrase("go home to your country"),
    [_any("monkey", "ape"), *GAP, _any("noise", "noises", "chant", "chants", "shout", "call", "called")],
    [_any("pork", "bacon", "pig", "pigs"), *GAP, _any("door", "letterbox", "mosque", "window", "step", "doorstep")],
]

# Fire put through the door: burning paper or petrol through the letterbox is a fire and an attack.
FIRE_THROUGH_THE_DOOR: Pattern = [
    _any("burning", "lit", "flaming", "petrol", "firework", "fireworks", "rag", "rags"),
    *GAP,
    {"LOWER": {"IN": ["through", "thru"]}},
    {"LOWER": {"IN": ["my", "the", "our", "her", "his"]}},
    _any("letterbox", "letter", "door"),
]
# Someone high up and alone: "sat on top of the multi storey", "standing on the edge of the bridge".
HIGH_PLACE = _any(
    "multi", "multistorey", "multi-storey", "carpark", "bridge", "cliff", "roof", "building", "tower", "balcony"
)

RULES: Dict[Finding, List[Pattern]] = {
    Finding.GAS: [
        _near(SMELL, GAS_WORD),
        [GAS_WORD, *GAP, LEAK],
        [LEAK, *GAP, GAS_WORD],
        _phrase("carbon monoxide"),
        _near(_any("co", "monoxide", "carbon"), CO_ALARM),
        [{"LOWER": {"IN": ["gassy", "gasy"]}}],
        _near(_any("hob", "cooker", "oven", "meter"), _any("hiss", "hissing", "hisses")),
        _near(_any("hiss", "hissing", "hisses"), _any("hob", "cooker", "oven", "meter")),
        # Carbon monoxide by its signs alone: symptoms that come with the heating or the boiler,
        # soot or a lazy yellow flame on a gas appliance.
        [CO_SYMPTOM, *GAP, *GAP, *GAP, HEATING_ON],
        # Unwell at home and better away from it: the sign the gas safety advice names ("sick"
        # and "tired" are safe here, beside "fine when we go out").
        [
            _any(
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
            _any("fine", "better", "ok", "okay", "alright"),
            {"LOWER": {"IN": ["when", "once", "whenever"]}},
            {"LOWER": {"IN": ["we", "i", "they", "he", "she"]}},
            {"LOWER": {"IN": ["go", "get", "are", "'re", "am", "'m", "leave"]}},
            {"LOWER": {"IN": ["out", "outside", "away", "the"]}},
        ],
        [HEATING_ON, *GAP, *GAP, *GAP, CO_SYMPTOM],
        _near(
            _any("sooty", "soot", "black", "brown", "scorch", "scorched", "stain", "stains", "staining"),
            _any("boiler", "fire", "heater", "cooker", "flue"),
        ),
        _near(_any("yellow", "orange", "floppy", "lazy"), _any("flame", "flames")),
        # What gas smells of, told without the word: "a smell like rotten eggs".
        [_any("rotten", "rotting", "bad"), _any("egg", "eggs")],
        [_any("flame", "flames"), *GAP, *GAP, _any("yellow", "orange")],
    ],
    Finding.FIRE: [
        _phrase("on fire"),
        [{"LOWER": "there"}, {"OP": "?"}, {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, {"LOWER": "fire"}],
        _phrase("set fire"),
        [{"LOWER": "fire"}, {"LOWER": {"IN": ["in", "upstairs", "downstairs", "next", "outside"]}}],
        _near(
            _any("smoke"),
            _any("come", "coming", "pour", "pouring", "everywhere", "fill", "filling", "billow", "billowing"),
        ),
        _near(
            _any("flat", "house", "kitchen", "home", "room", "block", "building", "bin"),
            _any("burn", "burning", "alight", "ablaze"),
        ),
        # Something electrical giving off smoke, or a home filling with it.
        [
            _any(
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
            ),
            *GAP,
            *GAP,
            _any("smoking", "smouldering", "smoldering"),
        ],
        [{"LOWER": "full"}, {"LOWER": "of"}, {"LOWER": "smoke"}],
        [_any("set", "setting"), {"LOWER": {"IN": ["light", "fire"]}}, {"LOWER": "to"}],
        # "i can smell burning", "a smell of burning and the smoke alarm going": a fire until known otherwise.
        [SMELL, {"LOWER": {"IN": ["of", "like"]}, "OP": "?"}, {"LOWER": "something", "OP": "?"}, _any("burning")],
        [
            {"LOWER": "burning"},
            _any("plastic", "electrical", "electric", "rubber", "wire", "wires"),
            {"OP": "?"},
            SMELL,
        ],
        [
            {"LOWER": "burning"},
            SMELL,
            *GAP,
            _any("heater", "socket", "sockets", "plug", "fuse", "fusebox", "wires", "wiring", "electrics", "meter"),
        ],
        # Electrics sparking now, or hot enough to melt: "sparks coming out the fuse box".
        [_any("spark", "sparks"), _any("come", "coming", "fly", "flying", "shoot", "shooting")],
        [
            _any("wire", "wires", "fusebox", "fuse", "meter", "socket", "sockets", "plug", "switch", "cable"),
            *GAP,
            {"LOWER": {"IN": ["sparking", "arcing"]}},
        ],
        [
            _any("socket", "sockets", "plug", "plugs", "switch", "wire", "wires", "cable", "lead", "fusebox"),
            *GAP,
            *GAP,
            _any("melted", "melting"),
        ],
        [{"LOWER": {"IN": ["now", "still"]}}, {"OP": "?"}, {"OP": "?"}, {"LOWER": {"IN": ["sparking", "arcing"]}}],
        FIRE_THROUGH_THE_DOOR,
    ],
    Finding.DANGER_TO_LIFE: [
        _near(
            _any(
                "he", "she", "they", "them", "someone", "somebody", "man", "neighbour", "lads", "gang", "men", "youths"
            ),
            _any("knife", "gun", "machete", "weapon"),
        ),
        [
            _any("carry", "carrying", "wave", "waving", "brandish", "brandishing", "pull", "pulled", "pulling"),
            {"LOWER": {"IN": ["a", "an", "his", "her", "their", "out"]}, "OP": "?"},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            _any("knife", "knives", "machete", "gun", "weapon", "axe"),
        ],
        [
            {"LOWER": "with"},
            {"LOWER": {"IN": ["a", "an", "his", "her", "their", "some"]}, "OP": "?"},
            _any("knife", "knives", "machete", "gun", "weapon", "axe", "hammer", "crowbar"),
        ],
        [
            _any("someone", "somebody", "someones", "he", "she", "man", "woman", "lad", "bloke", "floor", "ground"),
            *GAP,
            _any("bleeding", "bleed", "covered"),
            {"LOWER": {"IN": ["blood", "badly", "everywhere", "loads", "lots"]}, "OP": "?"},
        ],
        [{"LOWER": {"IN": ["breaking", "kicking", "forcing"]}}, {"LOWER": "in"}],
        [
            _any("try", "trying"),
            {"LOWER": "to"},
            _any("break", "kick", "get", "force"),
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": "in"},
        ],
        _phrase("being attacked"),
        [
            {"LOWER": {"IN": ["attacking", "stabbing", "strangling", "choking"]}},
            {"LOWER": {"IN": ["me", "us", "her", "him", "my"]}},
        ],
        [
            {"LOWER": {"IN": ["trapped", "stuck"]}},
            {"LOWER": "in"},
            {"OP": "?"},
            _any("fire", "smoke", "lift", "flat", "room"),
        ],
        [*GOING_TO, _any("kill", "stab", "hurt"), {"LOWER": {"IN": ["me", "us", "her", "him", "them"]}}],
        [{"LEMMA": "not"}, _any("breathe", "breathing")],
        [_any("unconscious")],
        # A seizure that will not stop is an ambulance: "my husband is having a fit".
        [_any("have", "having"), {"LOWER": {"IN": ["a", "another"]}}, _any("fit", "seizure")],
        [_any("seizure", "seizures")],
        [
            _any("he", "she", "someone", "somebody", "neighbour", "mum", "dad", "man", "woman", "child", "baby", "nan"),
            *GAP,
            _any("collapsed", "collapse", "fitting"),
        ],
        _phrase("call an ambulance"),
        _phrase("call the police"),
        # Someone who may be lying hurt: seen on the floor, or not seen or heard for days.
        _near(_any("lie", "lying", "laying", "lay"), _any("floor", "ground")),
        [_any("answer", "answered", "answering", "seen", "heard"), *GAP, *GAP, _any("day", "days", "week", "weeks")],
        [_any("fall", "fallen", "fell"), *GAP, *CANT, _any("get", "move")],
        # Violence happening now: a fight with a weapon, or hiding from one.
        [
            _any("fight", "fighting", "brawl", "stabbed", "stabbing"),
            *GAP,
            *GAP,
            _any("knife", "knives", "machete", "weapon", "gun", "bat", "now"),
        ],
        [
            _any("lock", "locked", "hide", "hiding"),
            {"LOWER": {"IN": ["myself", "meself", "ourselves", "us", "me"]}},
            {"LOWER": "in"},
        ],
    ],
    Finding.DOMESTIC_ABUSE: [
        _phrase("domestic abuse"),
        _phrase("domestic violence"),
        # Control told as a question about what is normal: "my husband makes me ask permission
        # to spend any money", "he decides what i eat", "he throws me about".
        [_any("make", "makes", "made"), {"LOWER": "me"}, _any("ask")],
        [{"LOWER": "ask"}, {"LOWER": {"IN": ["him", "her"]}}, {"LOWER": {"IN": ["permission", "before"]}}],
        [
            RELATIVE,
            *GAP,
            _any("decide", "decides"),
            {"LOWER": {"IN": ["what", "when", "who", "where"]}},
            {"LOWER": "i"},
        ],
        [
            _any("move", "moved", "moving", "flee", "fled", "left", "ran"),
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
            _any("take", "taking", "took", "takes"),
            {"LOWER": "my"},
            _any("pension", "benefits", "wages", "money"),
        ],
        [RELATIVE, *GAP, *GAP, ABUSE_VERB],
        # Money taken by family: "my brother keeps taking my pension off me".
        [
            RELATIVE,
            *GAP,
            *GAP,
            _any("take", "taking", "took"),
            {"LOWER": {"IN": ["my", "all"]}},
            {"OP": "?"},
            _any("pension", "money", "benefits", "wages", "card"),
            {"LOWER": {"IN": ["off", "from"]}},
        ],
        [
            RELATIVE,
            *GAP,
            *GAP,
            _any("steal", "stealing", "stole", "stolen"),
            *GAP,
            _any("pension", "money", "benefits"),
        ],
        [ABUSE_VERB, *GAP, {"LOWER": "by"}, *GAP, RELATIVE],
        [FEAR, {"LOWER": "of"}, {"OP": "?"}, {"OP": "?"}, RELATIVE],
        # Afraid he will come back after hurting them or breaking in: "im scared hes coming back".
        [
            _any("scared", "terrified", "frightened", "petrified"),
            *GAP,
            {"LOWER": {"IN": ["he", "hes", "she", "shes"]}},
            *GAP,
            _any("come", "coming", "back", "return"),
        ],
        [_any("let"), {"LOWER": {"IN": ["me", "us"]}}, {"OP": "?"}, _any("leave", "go", "out", "see")],
        _phrase("coercive control"),
        _phrase("controlling relationship"),
        # Control, stalking and strangulation, however they are described.
        [
            RELATIVE,
            *GAP,
            _any(
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
            _any("keep", "keeps"),
            *GAP,
            _any("turn", "turning", "come", "coming", "text", "texting", "ring", "ringing"),
        ],
        [RELATIVE, *GAP, *GAP, _any("money", "phone", "bank", "card", "friends", "passport")],
        [RELATIVE, *GAP, _any("lock", "locked", "locks", "locking"), {"LOWER": {"IN": ["me", "us", "her", "the"]}}],
        [
            {"LOWER": {"IN": ["he", "hes", "she", "shes"]}},
            {"OP": "?"},
            {"OP": "?"},
            _any("lock", "locked", "locks", "locking"),
            {"LOWER": {"IN": ["me", "us"]}},
            {"LOWER": "in"},
        ],
        # The relative did it: "my partner smashed the door", not "at my mums, theyve smashed".
        [RELATIVE, {"LOWER": {"IN": ["has", "just", "then", "had"]}, "OP": "?"}, _any("smashed", "wrecked", "trashed")],
        [_any("hand", "hands", "grab", "grabbed"), *GAP, _any("neck", "throat")],
        [_any("strangle", "strangled", "strangling", "choke", "choked", "choking", "throttle", "throttled")],
        [*CANT, {"OP": "?"}, _any("leave", "go", "see", "escape"), *GAP, RELATIVE],
        # Silenced, or watched by an ex: "he said if i tell anyone hell kill me", "my ex is parked
        # across the road". A neighbour's threat of the same kind is moved to ASB (see Rules.find).
        [
            {"LOWER": "if"},
            {"LOWER": {"IN": ["i", "you"]}},
            _any("tell", "told", "say"),
            _any("anyone", "anybody", "someone", "police"),
        ],
        [
            _any(
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
            _any(
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
            _any("garden", "outside", "car", "window", "house", "flat", "road", "street", "door"),
        ],
    ],
    Finding.SELF_HARM: [
        _near(_any("kill", "hurt", "harm", "cut"), _any("myself", "meself", "myslef")),
        # Said without saying it: no point left, affairs settled, blades hidden, arms kept out
        # of sight, a photo of the cuts.
        [_any("see"), {"LOWER": "the"}, {"LOWER": "point"}, {"LOWER": {"IN": ["anymore", "any", "now"]}}],
        _phrase("affairs in order"),
        _phrase("whoever finds me"),
        [{"LEMMA": "not"}, _any("want", "wanna"), {"LOWER": "to"}, _any("wake")],
        [*CANT_OR_WONT, {"LOWER": "have"}, {"LOWER": "to"}, _any("deal", "worry", "bother"), *GAP, {"LOWER": "me"}],
        [_any("want", "wanted"), {"LOWER": "to"}, _any("tell"), _any("someone", "somebody", "you"), {"LOWER": "first"}],
        [_any("blade", "blades", "razor", "razors"), {"OP": "?"}, _any("hidden", "hid", "hiding", "stashed")],
        [
            _any("hide", "hiding", "hid", "cover", "covering"),
            {"LOWER": {"IN": ["my", "her", "his", "their"]}},
            _any("arm", "arms", "wrist", "wrists", "scar", "scars", "cut", "cuts"),
        ],
        [
            _any("photo", "photos", "picture", "pic", "pics"),
            {"LOWER": "of"},
            {"OP": "?"},
            _any("wrist", "wrists", "arm", "arms", "cut", "cuts"),
        ],
        # Where people go to end it, or what they would use: "im stood on the bridge looking at the
        # water", "theres a rope in the loft and ive been looking at it".
        [
            _any("stood", "standing", "stand", "sat", "sitting", "sit"),
            {"LOWER": {"IN": ["on", "at", "by", "over"]}},
            {"LOWER": {"IN": ["the", "a", "this", "that"]}, "OP": "?"},
            _any("bridge", "ledge", "railings", "railing", "cliff", "parapet", "viaduct"),
        ],
        [_any("noose")],
        [
            _any("rope", "pills", "tablets", "blade", "razor"),
            *GAP,
            *GAP,
            *GAP,
            _any("looking", "staring", "look", "stare"),
            {"LOWER": "at"},
            {"LOWER": {"IN": ["it", "them"]}},
        ],
        # Someone else's life at risk by their own hand: "he says hes going to kill himself".
        [_any("kill", "hang"), {"LOWER": {"IN": ["himself", "herself", "themselves", "themself"]}}],
        # Gone, and no one the wiser: "no one would notice if i was gone", "miss me if i wasnt here".
        [
            _any("notice", "miss", "care"),
            *GAP,
            {"LOWER": "if"},
            {"LOWER": {"IN": ["i", "id"]}},
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": {"IN": ["gone", "dead", "here", "around"]}},
        ],
        _phrase("self harm"),
        _phrase("self-harm"),
        [_any("suicide", "suicidal")],
        _near(_any("end"), _any("my")) + [_any("life")],
        _phrase("end it all"),
        [
            _any("think", "thinking", "thought", "want", "wanna", "going", "gonna", "plan", "planning"),
            *GAP,
            _any("end", "ending"),
            {"LOWER": {"IN": ["it", "things", "everything"]}},
        ],
        _phrase("take my own life"),
        _near(_any("want", "wanna"), _any("die")),
        [{"LEMMA": "not"}, _any("want"), {"LOWER": "to"}, {"LOWER": {"IN": ["live", "be"]}}],
        _phrase("better off dead"),
        _phrase("no reason to live"),
        [*CANT, {"LOWER": {"IN": ["go", "carry"]}}, {"LOWER": "on"}, {"LOWER": {"IN": ["anymore", "any"]}}],
        _phrase("overdose"),
        [
            _any("cut", "cutting", "slit", "slash", "burn", "burning"),
            *GAP,
            _any("arm", "arms", "wrist", "wrists", "leg", "legs", "thigh", "thighs"),
        ],
        [{"LOWER": {"IN": ["never", "not"]}}, _any("wake")],
        [_any("take", "taking", "swallow"), {"LOWER": "all"}, *GAP, _any("tablet", "tablets", "pill", "pills")],
        _phrase("no point living"),
        [_any("enough"), {"LOWER": "of"}, {"LOWER": {"IN": ["life", "living"]}}],
        [
            _any("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
            *GAP,
            _any("line", "lined", "lining"),
            {"LOWER": "up"},
        ],
        _phrase("no point in living"),
        [_any("nobody", "noone", "no"), {"OP": "?"}, {"LOWER": "would"}, _any("miss", "care")],
        _near(_any("better"), _any("off")) + [{"LOWER": "without"}, {"LOWER": "me"}],
        # Said without saying it: not being around, tablets saved or taken, goodbyes, hidden cuts.
        [*CANT_OR_WONT, {"LOWER": "be"}, {"LOWER": {"IN": ["around", "here"]}}],
        [
            _any(
                "save",
                "saved",
                "saving",
                "stockpile",
                "stockpiled",
                "stockpiling",
                "collect",
                "collected",
                "hoard",
                "hoarding",
            ),
            *GAP,
            _any("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
        ],
        [
            _any("take", "taken", "took", "swallow", "swallowed"),
            *GAP,
            _any("lot", "load", "loads", "bunch", "handful", "many", "whole", "packet", "box", "all"),
            *GAP,
            _any("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
        ],
        [
            _any("said", "say", "saying"),
            {"LOWER": {"IN": ["my", "me", "all", "our"]}},
            {"OP": "?"},
            _any("goodbye", "goodbyes"),
        ],
        [
            _any("give", "giving", "gave", "given"),
            {"LOWER": {"IN": ["my", "all", "away"]}},
            *GAP,
            _any("thing", "things", "stuff", "pet", "cat", "dog", "away"),
        ],
        [
            _any("hide", "hiding", "cover", "covering"),
            *GAP,
            _any("arm", "arms", "wrist", "wrists", "cut", "cuts", "scar", "scars"),
            *GAP,
            _any("sleeve", "sleeves"),
        ],
        [_any("cut", "cuts", "cutting"), *GAP, *GAP, _any("sleeve", "sleeves")],
        [
            _any("arm", "arms", "wrist", "wrists", "scar", "scars"),
            *GAP,
            _any("cover", "covered", "hide", "hidden"),
            *GAP,
            *GAP,
            _any("sleeve", "sleeves"),
        ],
        [_any("sleeve", "sleeves"), *GAP, *GAP, _any("cut", "cuts", "scar", "scars")],
        [{"LOWER": "no"}, {"LOWER": "point"}, {"OP": "?"}, {"LOWER": {"IN": ["anymore", "any", "going", "in"]}}],
        [*CANT, _any("do", "cope", "take"), {"LOWER": {"IN": ["this", "it"]}}, {"LOWER": {"IN": ["anymore", "any"]}}],
        [_any("everyone", "everybody", "family", "kids"), *GAP, _any("better"), {"LOWER": "off"}],
        # Goodbyes: letters left for the family, who gets the cat; no way out, ending it, a last
        # message, alone somewhere high.
        [
            _any("write", "written", "wrote", "writing", "left", "leave"),
            *GAP,
            _any("letter", "letters", "note", "notes"),
            {"LOWER": "for"},
            {"LOWER": {"IN": ["the", "my", "all"]}},
            _any("kid", "kids", "children", "family", "mum", "son", "daughter", "everyone"),
        ],
        [
            _any("sort", "sorted", "decide", "decided"),
            {"LOWER": "who"},
            _any("get", "gets", "have", "has", "take", "takes"),
            {"LOWER": {"IN": ["the", "my"]}},
        ],
        [_any("see"), {"OP": "?"}, {"OP": "?"}, {"LOWER": "way"}, {"LOWER": "out"}],
        [
            {"LOWER": {"IN": ["except", "but", "than", "just"]}},
            _any("end", "ending"),
            {"LOWER": {"IN": ["it", "things", "everything"]}},
        ],
        [
            {"LOWER": "last"},
            _any("message", "text", "msg"),
            {"LOWER": {"IN": ["to", "ever"]}},
            {"LOWER": {"IN": ["anyone", "anybody", "everyone", "everybody", "ever"]}, "OP": "?"},
        ],
        [
            _any("sit", "sat", "sitting", "stand", "stood", "standing"),
            {"LOWER": {"IN": ["on", "at"]}},
            {"LOWER": "the", "OP": "?"},
            {"LOWER": {"IN": ["top", "edge", "ledge"]}},
            {"LOWER": "of"},
            {"LOWER": {"IN": ["the", "a", "my"]}, "OP": "?"},
            HIGH_PLACE,
        ],
    ],
    Finding.EMERGENCY_REPAIR: [
        [WATER, *GAP, *GAP, ELECTRIC],
        [ELECTRIC, *GAP, *GAP, WATER],
        [_any("spark", "sparking", "sparks", "arcing")],
        _near(_any("exposed", "live", "bare", "hanging"), _any("wire", "wiring", "cable")),
        _phrase("electric shock"),
        # "got a shock off the bathroom light switch", "the taps give you a tingle".
        [
            _any("shock", "tingle", "jolt", "zap"),
            {"LOWER": {"IN": ["off", "from", "of", "when"]}},
            *GAP,
            _any("switch", "socket", "plug", "light", "tap", "taps", "cooker", "oven", "shower", "radiator", "fitting"),
        ],
        [
            _any("switch", "socket", "plug", "tap", "taps", "cooker", "shower", "radiator"),
            *GAP,
            _any("give", "gives", "giving", "gave"),
            {"LOWER": {"IN": ["you", "me", "us", "him", "her", "them"]}},
            {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            _any("shock", "tingle", "jolt", "zap"),
        ],
        # A roof that has given way: "the bathroom roof has caved in".
        [_any("roof"), *GAP, _any("cave", "caved", "collapse", "collapsed"), {"LOWER": "in", "OP": "?"}],
        _near(
            _any("socket", "plug", "switch", "wire", "wiring"),
            _any("smoke", "smoking", "melt", "melted", "melting", "burn", "burning", "scorch"),
        ),
        # "the ceiling is sagging", not "crack in the ceiling, its not sagging".
        [
            _any("ceiling"),
            *UNDENIED_GAP,
            _any(
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
                "cave",
            ),
        ],
        _near(_any("no"), _any("electric", "electricity", "power", "leccy", "lecky")),
        [
            *CANT,
            {"OP": "?"},
            _any("lock", "secure"),
            {"LOWER": {"IN": ["front", "the", "my", "door", "flat", "house", "home", "up"]}},
        ],
        [_any("door"), {"OP": "?"}, *CANT, {"OP": "?"}, _any("lock", "secure")],
        _phrase("broken into"),
        _phrase("broke in"),
        _phrase("broken in"),
        _phrase("break in"),
        # A lock smashed or snapped: the home cannot be secured.
        _near(_any("smash", "smashed", "snap", "snapped", "bust", "busted", "forced", "force"), _any("lock")),
        _near(_any("lock"), _any("smashed", "snapped", "bust", "busted", "forced")),
        _phrase("break-in"),
        [_any("burgle", "burgled", "burglary")],
        _near(_any("door"), _any("kick", "kicked", "smash", "smashed", "boot", "booted")) + [{"LOWER": "in"}],
        _near(_any("kick", "kicked", "smash", "smashed", "boot", "booted"), _any("door")) + [{"LOWER": "in"}],
        # What is left of a door someone forced: "lock is hanging off", "front door off its hinges".
        [_any("lock"), *GAP, _any("hang", "hanging"), {"LOWER": "off"}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "balcony"]}},
            _any("door"),
            *GAP,
            {"LOWER": "off"},
            {"LOWER": {"IN": ["the", "its", "it's", "it"]}, "OP": "?"},
            _any("hinge", "hinges"),
        ],
        # Something thrown through a window or door, or a window waiting to be boarded up.
        [
            _any("put", "threw", "thrown", "throw", "chucked", "chuck", "lobbed"),
            {"LOWER": {"IN": ["a", "the", "some"]}},
            _any("brick", "rock", "stone", "bottle", "slab"),
            {"LOWER": {"IN": ["through", "thru", "in", "into"]}},
        ],
        [_any("window", "windows"), *GAP, {"LOWER": {"IN": ["boarding", "boarded"]}}, {"LOWER": "up"}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "balcony"]}},
            _any("door"),
            *GAP,
            {"LOWER": {"IN": ["boarding", "boarded"]}},
            {"LOWER": "up"},
        ],
        _near(
            _any("flood", "flooded", "flooding"), _any("flat", "house", "home", "kitchen", "floor", "room", "bathroom")
        ),
        _near(_any("toilet", "loo"), _any("overflow", "overflowing")),
        # A home anyone could get into, or a window that could fall.
        [_any("anyone", "anybody", "someone", "somebody"), _any("could", "can"), *GAP, _any("in", "through")],
        _near(_any("open"), _any("garden", "street", "elements", "outside")),
        # A window or an outside door that could fall, or leaves the home open; not a cupboard door.
        [_any("window", "windows"), *GAP, _any("hang", "hanging"), {"LOWER": {"IN": ["out", "off"]}}],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "outside", "balcony"]}},
            _any("door"),
            *GAP,
            _any("hang", "hanging"),
            {"LOWER": {"IN": ["out", "off"]}},
        ],
        [_any("rain", "raining"), *GAP, *GAP, ELECTRIC],
        # A home that cannot be secured: forced open, no way to lock it, an outside door that
        # will not close, a pane gone, something through the window or roof.
        [_any("jimmied", "jemmied", "jimmy", "jemmy", "prised", "pried")],
        [{"LOWER": "no"}, {"LOWER": "way"}, {"LOWER": "of"}, _any("lock", "locking", "secure", "securing")],
        [
            {"LOWER": {"IN": ["front", "back", "patio", "main", "entrance", "balcony"]}},
            _any("door"),
            *GAP,
            *GAP,
            *CANT,
            {"OP": "?"},
            _any("close", "shut", "lock", "latch", "secure"),
        ],
        [_any("pane", "window"), *GAP, _any("fell", "fallen", "fall", "falling", "come", "came"), {"LOWER": "out"}],
        [
            _any("glass"),
            *GAP,
            _any("fell", "fallen", "falling"),
            {"LOWER": "out"},
            {"LOWER": "of"},
            *GAP,
            _any("window"),
        ],
        [
            _any("branch", "tree", "brick", "rock", "stone", "slate", "chimney"),
            {"OP": "?"},
            _any("come", "came", "fell", "fall", "fallen", "crash", "crashed", "smash", "smashed", "go", "went"),
            {"LOWER": {"IN": ["down", "in"]}, "OP": "?"},
            {"LOWER": {"IN": ["through", "thru", "into", "onto", "on"]}},
            *GAP,
            _any("window", "roof", "ceiling", "house", "flat", "home", "bedroom"),
        ],
        [_any("hole"), {"LOWER": "in"}, {"LOWER": {"IN": ["the", "my", "our"]}}, _any("roof")],
        # Part of the building coming down: "the wind has ripped part of the roof off", "tiles
        # coming down into the road", "the garden wall is leaning right over onto the pavement".
        [_any("roof"), *GAP, _any("rip", "ripped", "blow", "blown", "blew", "torn", "tore"), {"LOWER": "off"}],
        [_any("rip", "ripped", "blow", "blown", "blew", "torn", "tore"), *GAP, _any("roof"), {"LOWER": "off"}],
        [
            _any("tile", "tiles", "slate", "slates"),
            {"LOWER": {"IN": ["are", "is", "keep", "keeps"]}, "OP": "?"},
            _any("come", "coming", "fall", "falling", "fly", "flying", "drop", "dropping"),
            {"LOWER": {"IN": ["off", "down"]}},
            *GAP,
            _any("roof", "road", "street", "path", "pavement", "car", "garden", "people"),
        ],
        [
            _any("wall"),
            *GAP,
            {"OP": "?"},
            {"LOWER": {"IN": ["is", "has", "'s"]}, "OP": "?"},
            _any("lean", "leaning", "collapsing", "bow", "bowing", "topple", "toppling"),
        ],
        [
            _any("rain", "rainwater"),
            *GAP,
            _any("pour", "pouring", "gush", "gushing", "stream", "streaming", "flood", "flooding"),
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
        _near(
            _any("sewage", "sewerage"),
            _any("overflow", "overflowing", "come", "coming", "backing", "flood", "flooding", "everywhere", "up"),
        ),
        [_any("overflow", "overflowing"), {"LOWER": "with"}, *GAP, _any("poo", "sewage", "faeces", "excrement")],
        # Words, not lemmas: "backing" has the lemma "back", and "drain round the back" is no flood.
        _near(
            _any("drain", "drains", "manhole"),
            {"LOWER": {"IN": ["overflow", "overflows", "overflowing", "overflowed", "backing", "backed"]}},
        ),
        [
            _any("brick", "bricks", "brickwork", "masonry", "chimney", "lintel"),
            *GAP,
            _any("fall", "falling", "fell", "drop", "dropping", "dropped", "bow", "bowing", "collapse", "collapsing"),
        ],
        [_any("stuck", "trapped"), {"LOWER": "in"}, {"OP": "?"}, _any("lift", "elevator")],
        # Someone inside a lift that has stopped: "lift stuck between floors 3 and 4 with a man inside".
        [
            _any("lift", "elevator"),
            {"OP": "?"},
            _any("stuck", "stopped", "jammed"),
            *GAP,
            *GAP,
            *GAP,
            _any(
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
            _any("toilet", "loo", "wc"),
            *GAP,
            _any("block", "blocked", "overflow", "overflowing"),
            *GAP,
            *GAP,
            *GAP,
            {"LOWER": "only"},
            {"LOWER": {"IN": ["1", "one", "toilet", "loo"]}},
        ],
        [
            {"LOWER": "only"},
            {"OP": "?"},
            _any("toilet", "loo", "wc"),
            *GAP,
            _any("block", "blocked", "overflow", "overflowing"),
        ],
        # A stair that gave way, a window out of its frame: a fall waiting to happen.
        [
            _any("stair", "step", "tread"),
            {"LOWER": {"IN": ["has", "is", "have", "'s"]}, "OP": "?"},
            _any("snap", "snapped", "collapse", "collapsed", "split"),
        ],
        [_any("window"), *GAP, *GAP, _any("fall", "fell", "fallen"), {"LOWER": "out"}],
    ],
    Finding.URGENT_REPAIR: [
        _near(_any("no", "not", "without"), _any("heating", "heat", "hot")),
        _near(
            _any("heating", "boiler"),
            _any("break", "broken", "broke", "stop", "stopped", "pack", "packed", "die", "died", "fail"),
        ),
        # Not working, or off: "the heating isnt working", "boiler's gone off"; not "the rest of
        # the heating works" or "the heating controller knob fell off".
        [_any("heating", "boiler"), *GAP, {"LEMMA": {"IN": ["not", "never"]}}, _any("work", "working", "come")],
        [
            _any("heating", "boiler"),
            {"LOWER": {"IN": ["is", "'s", "has", "keeps", "keep", "went", "gone", "goes", "cut", "cuts", "cutting"]}},
            {"LOWER": {"IN": ["gone", "going", "cut", "cutting"]}, "OP": "?"},
            {"LOWER": {"IN": ["off", "out"]}},
        ],
        _near(_any("burst", "bust"), _any("pipe", "pipes", "main", "tank")),
        # "the hot taps just run cold": no hot water, said the other way round.
        [
            {"LOWER": "hot"},
            _any("tap", "taps", "water"),
            *GAP,
            *GAP,
            {"LOWER": {"IN": ["run", "runs", "running", "come", "comes", "coming", "goes", "going", "stone", "only"]}},
            _any("cold", "freezing"),
        ],
        [*CANT, {"OP": "?"}, _any("stop", "turn"), *GAP, _any("water", "leak", "stopcock", "tap")],
        _near(_any("stopcock", "stop-cock"), _any("stuck", "work", "working", "turn", "seize", "seized")),
        _near(_any("water"), _any("everywhere", "gush", "gushing", "spray", "spraying", "pour", "pouring", "pissing")),
        [_any("uncontrollable")],
        # Water out of control without the word "water": "the pipe has split and its spraying everywhere".
        [
            _any("spray", "spraying", "gush", "gushing", "pour", "pouring", "pissing", "squirting"),
            {"OP": "?"},
            {"LOWER": "everywhere"},
        ],
        [
            {"LOWER": "stop"},
            {"LOWER": "tap"},
            *GAP,
            _any("stuck", "seized", "seize", "turn", "work", "working", "budge", "move", "shift"),
        ],
        # A boiler showing a fault code has stopped: "worcester bosch is flashing EA 227 and wont light".
        [
            BOILER,
            *GAP,
            *GAP,
            _any("flash", "flashing", "show", "showing", "display", "displaying", "say", "saying", "error", "fault"),
            {"LOWER": {"IN": ["an", "a", "up", "the", "error", "fault", "code"]}, "OP": "?"},
            {"LOWER": {"REGEX": r"^[a-z]{0,3}\d{1,3}[a-z]?$"}},
        ],
        [
            BOILER,
            *GAP,
            *GAP,
            _any("flash", "flashing", "show", "showing", "display", "displaying", "say", "saying"),
            {"LOWER": {"REGEX": r"^[a-z]{1,2}$"}},
            {"LOWER": {"REGEX": r"^\d{1,3}$"}},
        ],
        [BOILER, *GAP, *GAP, _any("error", "fault"), _any("code", "codes", "light")],
        [BOILER, *GAP, *GAP, _any("lockout", "lockouts")],
    ],
    Finding.DAMP_MOULD: [
        [_any("mould", "mold", "mouldy", "moldy", "damp", "dampness", "condensation", "mildew", "moudl", "muold")],
    ],
    Finding.ASB_HIGH_RISK: [
        # Arson, and being followed home: crimes against a person or a home.
        [_any("set", "setting"), {"LOWER": {"IN": ["fire", "light"]}}, {"LOWER": "to"}],
        [_any("keep", "keeps", "kept"), _any("follow", "following")],
        [_any("follow", "follows", "followed", "following"), {"OP": "?"}, {"OP": "?"}, {"LOWER": "home"}],
        [THREAT],
        # Criminal damage and trying to get in, told without naming them.
        [_any("screw", "screws", "nail", "nails", "glass"), *GAP, _any("tyre", "tyres", "tire", "tires")],
        [
            _any("try", "trying", "tried", "rattle", "rattling"),
            {"LOWER": {"IN": ["my", "our", "the"]}},
            {"LOWER": {"IN": ["door", "front", "back"]}},
            {"LOWER": {"IN": ["handle", "handles", "door"]}},
        ],
        # A threat told as what they said they would do: "saying hes going to burn my flat down".
        [*GOING_TO, _any("burn", "torch", "stab", "smash", "batter", "beat", "petrol", "knife", "bottle")],
        # Killing, unless of oneself: "he said hell kill me", not "hes going to kill himself"
        # (a danger to him, no threat to anyone else).
        [_any("kill"), {"LOWER": {"NOT_IN": list(REFLEXIVE)}}],
        [
            *GOING_TO,
            _any("get", "do", "hurt", "sort", "hit"),
            {"LOWER": {"IN": ["me", "us", "you", "her", "him", "them", "my", "our"]}},
        ],
        [
            _any("attack", "attacked", "assault", "assaulted", "grab", "grabbed", "slap", "slapped", "bite", "bit"),
            {"LOWER": {"IN": ["me", "us", "my", "our", "him", "her", "them"]}},
        ],
        [
            _any("throw", "throwing", "threw", "thrown", "chuck", "chucking", "chucked"),
            *GAP,
            _any("stone", "stones", "brick", "bricks", "bottle", "bottles", "eggs", "rocks"),
        ],
        # Done to a person: "punched me", "hit my son", "spat at us" (not "kicking a ball at my wall").
        [
            _any("hit", "hurt", "punch", "kick", "spit", "spat", "push", "shove", "headbutt"),
            {"OP": "?"},
            {"LOWER": {"IN": ["me", "us", "my", "our", "at", "him", "her", "them"]}},
            {
                "LOWER": {"NOT_IN": ["wall", "walls", "window", "windows", "door", "car", "fence", "house", "flat"]},
                "OP": "?",
            },
        ],
        [DAMAGE, *GAP, *GAP, PROPERTY],
        # "keyed my car": the word itself, since its lemma is the key that broke in the lock.
        [{"LOWER": {"IN": ["keyed", "keying"]}}, *GAP, *GAP, PROPERTY],
        [HATE],
        *HATE_PATTERNS,
        # Veiled threats: "you'd better keep your mouth shut", "if you know whats good for you".
        [
            _any("keep", "shut"),
            {"LOWER": {"IN": ["my", "your", "her", "his", "their", "our"]}},
            _any("mouth", "gob", "trap"),
        ],
        [
            {"LOWER": "know"},
            {"LOWER": {"IN": ["whats", "what's", "what"]}},
            {"LOWER": {"IN": ["is", "'s"]}, "OP": "?"},
            {"LOWER": "good"},
            {"LOWER": "for"},
        ],
        [_any("watch"), {"LOWER": {"IN": ["my", "your", "her", "his", "their"]}}, {"LOWER": "back"}],
        # "he'd sort me out", "she'll get her sons to batter me", a car driven at someone, fire through the door.
        [
            {"LOWER": {"IN": ["'d", "d", "will", "'ll", "ll", "would", "na"]}},
            {"IS_PUNCT": True, "OP": "?"},
            {"LOWER": {"IN": ["sort", "sorted"]}},
            {"LOWER": {"IN": ["me", "you", "us", "him", "her", "them"]}},
            {"LOWER": "out"},
        ],
        [_any("batter", "battered", "glassed"), {"LOWER": {"IN": ["me", "us", "him", "her", "them", "my"]}}],
        [
            _any("drive", "drove", "driven", "reverse", "reversed", "ran", "run"),
            {"LOWER": "into"},
            {"LOWER": {"IN": ["me", "my", "us", "our"]}},
            *GAP,
            *GAP,
            {"LOWER": "on"},
            {"LOWER": "purpose"},
        ],
        [{"LOWER": "deliberately"}, _any("drive", "drove", "reverse", "reversed", "ran"), {"LOWER": "into"}],
        FIRE_THROUGH_THE_DOOR,
    ],
    Finding.HATE_INCIDENT: [
        [HATE],
        *HATE_PATTERNS,
    ],
    # A leak, and whether the tenant has already stopped it: what decides the leak question.
    Finding.WATER_LEAK: [
        [
            _any(
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
        _near(
            _any("water"), _any("come", "coming", "pour", "pouring", "run", "running", "through", "everywhere", "out")
        ),
    ],
    Finding.WATER_OFF: [
        [_any("turn", "turned", "switch", "switched", "shut"), *GAP, {"LOWER": "off"}],
        [
            _any("turn", "turned", "switch", "switched", "shut"),
            {"LOWER": "off"},
            *GAP,
            _any("water", "stopcock", "mains", "valve"),
        ],
    ],
    # Someone in the home who may need extra care: what makes the vulnerability question moot.
    Finding.VULNERABLE: [
        [
            _any(
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
        [{"LOWER": {"IN": ["my", "our"]}}, _any("nan", "nana", "gran", "granny", "grandad")],
        [{"LIKE_NUM": True}, _any("month", "months", "week", "weeks"), {"LOWER": "old"}],
    ],
    # Trouble caused by people living nearby: what makes danger from a person ASB.
    Finding.NEIGHBOUR: [
        [_any("neighbour", "neighbours", "neighbor", "neighbors", "nieghbour", "naighbour")],
        _phrase("next door"),
        [{"LOWER": "next"}, {"LOWER": {"IN": ["doors", "door's", "doors'"]}}],
        [
            _any(
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
        [
            {"LOWER": "across"},
            {"LOWER": "the"},
            {"LOWER": {"IN": ["landing", "hall", "road", "street", "way", "corridor"]}},
        ],
        [{"LOWER": {"IN": ["opposite", "below", "above"]}}, {"LOWER": {"IN": ["me", "us"]}}],
    ],
    Finding.DISSATISFIED: [
        # Paying for a service that is not done: "still paying service charge for it", "the cleaners
        # havent been in for 2 months".
        [{"LOWER": "still"}, _any("pay", "paying", "charged", "charging")],
        [
            {"LEMMA": "not"},
            _any("be", "been", "come", "came", "turn", "turned", "visit", "visited"),
            *GAP,
            {"LOWER": "for"},
            {"OP": "?"},
            _any("week", "weeks", "month", "months", "ages", "year", "years"),
        ],
        [
            {"LOWER": "still"},
            {"OP": "?"},
            {"OP": "?"},
            _any("not", "no", "waiting", "broken", "leaking", "nothing", "unfixed", "outstanding"),
        ],
        [
            _any("nobody", "noone", "no-one"),
            *GAP,
            _any(
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
            _any("come", "came", "turn", "turned", "show", "showed", "call", "called", "reply", "replied"),
        ],
        [
            {"LOWER": {"IN": ["never", "didnt", "didn't"]}},
            {"OP": "?"},
            _any("turn", "turned", "show", "showed", "come", "came", "call", "called", "bother"),
        ],
        [{"LOWER": "did"}, {"LEMMA": "not"}, _any("turn", "show", "come", "call")],
        _phrase("fed up"),
        _phrase("sick of"),
        _phrase("had enough"),
        _phrase("let down"),
        _phrase("let me down"),
        _phrase("not good enough"),
        _phrase("not happy"),
        _phrase("a joke"),
        # Charged or left without a word, or a service that is seldom done.
        _phrase("no explanation"),
        _phrase("without explanation"),
        _phrase("without any explanation"),
        [
            _any("hardly", "rarely", "barely", "seldom"),
            {"LOWER": "ever", "OP": "?"},
            {"LOWER": "been", "OP": "?"},
            _any("clean", "cleaned", "done", "cut", "mowed", "emptied", "swept", "maintained", "serviced", "collected"),
        ],
        [
            _any(
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
        [_any("keep", "kept"), _any("report", "reporting", "ring", "ringing", "call", "calling", "chase", "chasing")],
        [_any("missed", "cancelled", "canceled"), _any("appointment", "appointments", "visit")],
        [
            _any("waiting", "waited", "chasing", "chased"),
            {"OP": "?"},
            {"LOWER": {"IN": ["weeks", "months", "ages", "forever", "years"]}},
        ],
        [
            _any("waiting", "waited"),
            {"LOWER": "for"},
            {"OP": "?"},
            {"LOWER": {"IN": ["weeks", "months", "ages", "years"]}},
        ],
        # Asking to be compensated is asking us to put something right: the Code's complaint.
        [_any("compensation", "compensate", "compensated", "reimburse", "reimbursed")],
        [
            {"LOWER": {"IN": ["your", "the"]}},
            _any("contractor", "contractors", "workman", "workmen", "operative", "plumber", "builders"),
            {"OP": "?"},
            {"OP": "?"},
            _any("broke", "damaged", "ruined", "flooded", "left", "didnt", "didn't", "never", "messed"),
        ],
    ],
    Finding.OLD_MATTER: [
        [{"LOWER": {"IN": ["years", "yrs"]}}, {"LOWER": "ago"}],
        [{"LOWER": {"IN": ["a", "one", "1", "over", "than"]}}, {"LOWER": {"IN": ["year", "yr"]}}, {"LOWER": "ago"}],
        [
            {"LOWER": {"IN": ["over", "than"]}},
            {"LOWER": {"IN": ["a", "one", "1"]}},
            {"LOWER": {"IN": ["year", "yr"]}},
            {"LOWER": "ago"},
        ],
        # A year named outright ("back in 2021") is weighed against today in bot.triage.
    ],
    Finding.LEGAL_PROCEEDINGS: [
        [_any("solicitor", "solicitors", "lawyer", "lawyers", "barrister")],
        [_any("court", "courts", "tribunal")],
        _phrase("legal action"),
        _phrase("legal proceedings"),
        _phrase("disrepair claim"),
        [_any("sue", "suing", "sued")],
    ],
    Finding.CRIMINAL_ALLEGATION: [
        [_any("steal", "stole", "stolen", "theft", "thief", "thieving", "fraud", "fraudulent", "bribe")],
        [_any("assault", "assaulted", "attack", "attacked", "hit", "punched"), {"LOWER": "me"}],
    ],
    Finding.ALREADY_ANSWERED: [
        [
            {"LOWER": "already"},
            _any("complain", "complained", "answer", "answered", "respond", "responded", "reply", "replied"),
        ],
        [_any("complain", "complained"), *GAP, {"LOWER": {"IN": ["before", "already", "previously"]}}],
        [{"LOWER": "same"}, _any("complaint")],
        [
            _any("had", "got", "received"),
            {"LOWER": {"IN": ["a", "your", "the"]}},
            {"OP": "?"},
            _any("response", "reply", "answer", "outcome"),
        ],
    ],
}


# spaCy's tokenizer takes time in the square of the length of an unbroken string it has to
# split: "🏠" * 50,000 or "'s" * 25,000 took minutes, and the Rasa server, whose one thread runs
# these rules, answered nobody else meanwhile. No word a rule reads is that long, so such a
# string is first split into its words and its runs of other characters (punctuation, symbols,
# emoji), and each run is cut to its first characters, still enough to break a gap between words.
_LONG_STRING = re.compile(r"\S{101,}")
_PIECES = re.compile(r"[^\W_]+|(?:[^\w\s]|_)+")
MAX_SYMBOL_RUN = 32


def _split_long(found: "re.Match[str]") -> str:
    return " ".join(
        piece if piece[0].isalnum() else piece[:MAX_SYMBOL_RUN] for piece in _PIECES.findall(found.group(0))
    )


# What a word just before it can take back ("no sparks or anything", "I don't smell gas"), and
# what a message about something past and put right takes back ("we had a gas leak last month,
# it's fixed, I want to complain"): only these danger findings, and never if the message also
# says it is happening again or still. Abuse and self-harm are never taken back: a person who
# says "I'm not going to hurt myself, but..." is still told where help is.
# "didnt threaten me or nothing", "no threats": said, and denied. Another threat in the message still counts.
NEGATABLE = frozenset({"gas", "fire", "emergency_repair", "asb_high_risk"})
SETTLED = frozenset({"gas", "fire", "emergency_repair", "urgent_repair", "danger_to_life"})
NEGATORS = frozenset({"no", "not", "never", "without", "nothing", "none", "nor", "nobody", "noone"})
# A slur written with stars or a hyphen ("p***", "f-g"), which the tokenizer splits into letters and punctuation.
# Swearing written the same way ("f***", "sh*t", "c***") is not counted.
_STARRED_SLUR = re.compile(
    r"(?<![a-z])(p\*{2,}|n\*{3,}[a-z]*|f[*-]g|r\*+t\*?[a-z]*d|sp\*+c?|w\*g|g\*{2,}k|k\*{2,}e)(?![a-z*])"
)
# Money kept from the tenant by the person they live with: "he won't give me money for gas".
_MONEY_WITHHELD = re.compile(
    r"\b(he|she|husband|partner|boyfriend|girlfriend|wife)\b[^.!?]{0,40}"
    r"\b(won'?t|wont|doesn'?t|doesnt|never|refuses to) (give|let) me (have )?(any )?(money|cash|my (bank )?card)\b"
)
# Hiding from someone in the home as it happens: "hiding in the bathroom he's downstairs smashing everything".
_HIDING_FROM = re.compile(
    r"\b(hiding|hid|locked myself|lock myself)( myself)? in the (bathroom|bedroom|toilet|loo|kitchen|cupboard|"
    r"wardrobe|car)\b[^.!?]{0,40}\b(he|she)('s| is|s)? "
)
# Thrown about at home: "he throws me about", "she chucks me around".
_THROWN_ABOUT = re.compile(r"\b(he|she) (throws|threw|chucks|chucked|pushes) (me|us) (about|around|against)\b")
_ABUSE_AT_HOME = (_MONEY_WITHHELD, _HIDING_FROM, _THROWN_ABOUT)
# The neighbours' own family: "next door's son", "the neighbours boyfriend".
_NEIGHBOURS_FAMILY = re.compile(
    r"\b(neighbou?r'?s'?|next door'?s)( \w+)? (son|sons|daughter|kids?|children|boyfriend|girlfriend|husband|wife|"
    r"partner|dad|mum|brother|sister|lad|lads|grandson|nephew)\b"
)
# Who takes the pets or children "after", with nothing after it: arrangements for when they are gone.
_ARRANGED_FOR_AFTER = re.compile(
    r"\bmy (dog|cat|pets?|kids|children|son|daughter|budgie|rabbit)\b[^.!?]{0,40}\b(goes|go|gets|get|is|are)\b"
    r"[^.!?]{0,30}\bafter\s*([.!?]|$)"
)
# Wanting to jump, but not the queue: a matcher pattern cannot say "and nothing after".
_WANTS_TO_JUMP = re.compile(
    r"\b(want|wanna|going|gonna|about|thinking( of| about)?)( to)? jump(ing)?\b"
    r"(?! (the|a|in the) (queue|list|waiting list|line|gun|start))"
)
_RESOLVED = re.compile(
    r"\b(fixed|sorted|to sort|repaired|resolved|made (it )?safe|put right|capped off|fitted a new|replaced|"
    r"(took|taken|waited) (so long|too long|ages|days|weeks)|how long it took)\b"
)
_PAST = re.compile(
    r"\b(last (week|month|year|night|time|winter|summer)|ago|had an?|was an?|there was|previous(ly)?|back in|in (january|february|march|april|may|june|july|august|september|october|november|december))\b"
)
_PRESENT = re.compile(
    r"\b(again|still|right now|at the moment|currently|now (i|we|it|there|its|it's)|can smell|keeps?|happening)\b"
)


# A carbon monoxide alarm asked for ("could you fit a co alarm, i havent got one"), not one that
# is sounding, nor any sign of the gas: no emergency number for that.
_CO_ALARM_ASKED_FOR = re.compile(
    r"\b(fit|fitted|fitting|install|installed|put in|get|have|need|want|supply|provide|new|replace|replaced|spare)\b"
    r"[^.?!]{0,30}\b(co|carbon monoxide)\s+(alarm|detector|monitor)s?\b"
)
_CO_SOUNDING = re.compile(
    r"\b(going off|gone off|went off|goes off|keeps going|beep\w*|sound\w*|screech\w*|flashing|red light|"
    r"headache\w*|dizz\w*|drows\w*|sick|nause\w*|soot\w*|black marks|smell\w*|whiff|stink\w*|gas)\b"
)
# A carbon monoxide alarm that only wants seeing to: a low battery's chirp, the end of its life,
# fallen off the wall. With no sign of the gas itself (a sign denied, "no smell, nobody's
# poorly", is no sign), it is a routine job, not the gas emergency line.
_CO_ALARM_FAULT = re.compile(
    r"\b(chirp\w*|low batt\w*|batter(y|ies)|end of (its )?life|end on the|says end|showing end|"
    r"fell off|fallen off|come off|came off|expired|run out|ran out|out of date)\b"
)
_DENIED = re.compile(r"\b(no|not|nobody'?s?|nobodys|none|nothing)\b[^.,;!?]{0,20}")
_CO_DANGER = re.compile(
    r"\b(going off|gone off|went off|goes off|alarming|sounding|screech\w*|red light|headache\w*|dizz\w*|"
    r"drows\w*|sick|nause\w*|poorly|unwell|soot\w*|black marks|smell\w*|whiff|stink\w*|gas)\b"
)
_KEY_BROKEN_IN = re.compile(r"\bkeys? (has |have |just )?(broke|broken|snapped) (off )?in\b")
_BREAK = frozenset({"break", "broke", "broken"})

_RELATIVES = frozenset(RELATIVE["LEMMA"]["IN"])  # type: ignore[index]


# Put right asked for, not done: "i need it fixed before he comes back".
_WANTED_PUT_RIGHT = re.compile(
    r"\b(need|needs|want|wants|get|getting|have|having)( it| this| them| that| the \w+)?( to be| be)? "
    r"(fixed|sorted|repaired|replaced|made safe)\b"
)


def _only_the_alarm_wanted(text: str) -> bool:
    """A carbon monoxide alarm asked for, or one with a fault of its own, and no sign of the gas."""
    if _CO_ALARM_ASKED_FOR.search(text) and not _CO_SOUNDING.search(text):
        return True
    return bool(_CO_ALARM_FAULT.search(text)) and not _CO_DANGER.search(_DENIED.sub(" ", text))


def settled(text: str) -> bool:
    """Whether the message tells of danger that is over and dealt with, and nothing happening now."""
    said_done = _WANTED_PUT_RIGHT.sub(" ", text)
    return bool(_RESOLVED.search(said_done) and _PAST.search(text) and not _PRESENT.search(text))


class Rules:
    """The compiled matchers. Build once (it loads lemma tables); safe to share between threads."""

    def __init__(self) -> None:
        self._nlp: Language = spacy.blank("en")
        self._nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        self._nlp.initialize()
        self._matcher = Matcher(self._nlp.vocab)
        for finding, patterns in RULES.items():
            self._matcher.add(finding.value, [self._with_lookup_lemmas(p) for p in patterns])
        self._lock = threading.Lock()

    def _with_lookup_lemmas(self, pattern: Pattern) -> Pattern:
        """Add the lookup table's own lemma of every listed word.

        The lookup tables have quirks ("ceiling" becomes "ceil", "scared" becomes "scare"), so
        rules are written with plain words and matched against whatever lemma the table gives.
        """
        expanded = []
        for token in pattern:
            lemma = token.get("LEMMA")
            if isinstance(lemma, dict) and "IN" in lemma:
                words = list(lemma["IN"])
                # A word the tokenizer splits ("stop-cock") adds no lemma: its parts ("stop")
                # would match on their own.
                lemmas = [doc[0].lemma_ for doc in map(self._nlp, words) if len(doc) == 1]
                token = {**token, "LEMMA": {"IN": sorted(set(words + lemmas))}}
            expanded.append(token)
        return expanded

    def find(self, text: str) -> FrozenSet[Finding]:
        if not text or not text.strip():
            return frozenset()
        # A lone surrogate (valid JSON can carry one as an escape) is no character, and spaCy
        # cannot hash it: without this the whole turn fails and the tenant hears nothing.
        text = without_lone_surrogates(text)
        text = _LONG_STRING.sub(_split_long, text)
        lowered = text.lower()
        with self._lock:
            doc = self._nlp(lowered)
            matches = self._matcher(doc)
        past = settled(lowered)
        found = set()
        for match_id, start, _ in matches:
            name = self._nlp.vocab.strings[match_id]
            if past and name in SETTLED:
                continue
            if name in NEGATABLE and any(
                t.lemma_ in NEGATORS or t.lower_ in NEGATORS for t in doc[max(0, start - 3) : start]
            ):
                continue
            if (
                name == Finding.EMERGENCY_REPAIR.value
                and _KEY_BROKEN_IN.search(lowered)
                and doc[start].lemma_ in _BREAK
            ):
                continue  # "the key broke in the lock": no break-in
            found.add(Finding(name))
        if Finding.GAS in found and _only_the_alarm_wanted(lowered):
            found.discard(Finding.GAS)
        if _STARRED_SLUR.search(lowered):
            found |= {Finding.HATE_INCIDENT, Finding.ASB_HIGH_RISK}
        if _WANTS_TO_JUMP.search(lowered) or _ARRANGED_FOR_AFTER.search(lowered):
            found.add(Finding.SELF_HARM)
        if {Finding.DOMESTIC_ABUSE, Finding.NEIGHBOUR} <= found and (
            _NEIGHBOURS_FAMILY.search(lowered) or not any(t.lemma_ in _RELATIVES or t.lower_ in _RELATIVES for t in doc)
        ):
            # "my neighbour grabbed me by the throat", "next door's son punched my husband":
            # violence from the people next door, not from the tenant's own family.
            found = (found - {Finding.DOMESTIC_ABUSE}) | {Finding.ASB_HIGH_RISK}
        if any(pattern.search(lowered) for pattern in _ABUSE_AT_HOME):
            # Told of the person they live with whoever else the message names ("the noise
            # complaint from next door, the noise is us. he throws me about").
            found.add(Finding.DOMESTIC_ABUSE)
        return frozenset(found)


@lru_cache(maxsize=1)
def shared_rules() -> Rules:
    return Rules()
