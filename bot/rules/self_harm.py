"""The patterns for self-harm and suicide, said outright or without saying it.

Its own module because it is the longest safety finding: one pattern per way of putting it, and
each one that is missed is a person not told where help is.
"""

from __future__ import annotations

from typing import Dict, List

from bot.rules.findings import Finding
from bot.rules.vocabulary import CANT, CANT_OR_WONT, GAP, Pattern, any_of, near, phrase

# Someone high up and alone: "sat on top of the multi storey", "standing on the edge of the bridge".
HIGH_PLACE = any_of(
    "multi", "multistorey", "multi-storey", "carpark", "bridge", "cliff", "roof", "building", "tower", "balcony"
)


PATTERNS: Dict[Finding, List[Pattern]] = {
    Finding.SELF_HARM: [
        near(any_of("kill", "hurt", "harm", "cut"), any_of("myself", "meself", "myslef")),
        # Said without saying it: no point left, affairs settled, blades hidden, arms kept out
        # of sight, a photo of the cuts.
        [any_of("see"), {"LOWER": "the"}, {"LOWER": "point"}, {"LOWER": {"IN": ["anymore", "any", "now"]}}],
        phrase("affairs in order"),
        phrase("whoever finds me"),
        [{"LEMMA": "not"}, any_of("want", "wanna"), {"LOWER": "to"}, any_of("wake")],
        [*CANT_OR_WONT, {"LOWER": "have"}, {"LOWER": "to"}, any_of("deal", "worry", "bother"), *GAP, {"LOWER": "me"}],
        [
            any_of("want", "wanted"),
            {"LOWER": "to"},
            any_of("tell"),
            any_of("someone", "somebody", "you"),
            {"LOWER": "first"},
        ],
        [any_of("blade", "blades", "razor", "razors"), {"OP": "?"}, any_of("hidden", "hid", "hiding", "stashed")],
        [
            any_of("hide", "hiding", "hid", "cover", "covering"),
            {"LOWER": {"IN": ["my", "her", "his", "their"]}},
            any_of("arm", "arms", "wrist", "wrists", "scar", "scars", "cut", "cuts"),
        ],
        [
            any_of("photo", "photos", "picture", "pic", "pics"),
            {"LOWER": "of"},
            {"OP": "?"},
            any_of("wrist", "wrists", "arm", "arms", "cut", "cuts"),
        ],
        # Where people go to end it, or what they would use: "im stood on the bridge looking at the
        # water", "theres a rope in the loft and ive been looking at it".
        [
            any_of("stood", "standing", "stand", "sat", "sitting", "sit"),
            {"LOWER": {"IN": ["on", "at", "by", "over"]}},
            {"LOWER": {"IN": ["the", "a", "this", "that"]}, "OP": "?"},
            any_of("bridge", "ledge", "railings", "railing", "cliff", "parapet", "viaduct"),
        ],
        [any_of("noose")],
        [
            any_of("rope", "pills", "tablets", "blade", "razor"),
            *GAP,
            *GAP,
            *GAP,
            any_of("looking", "staring", "look", "stare"),
            {"LOWER": "at"},
            {"LOWER": {"IN": ["it", "them"]}},
        ],
        # Someone else's life at risk by their own hand: "he says hes going to kill himself".
        [any_of("kill", "hang"), {"LOWER": {"IN": ["himself", "herself", "themselves", "themself"]}}],
        # Gone, and no one the wiser: "no one would notice if i was gone", "miss me if i wasnt here".
        [
            any_of("notice", "miss", "care"),
            *GAP,
            {"LOWER": "if"},
            {"LOWER": {"IN": ["i", "id"]}},
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": {"IN": ["gone", "dead", "here", "around"]}},
        ],
        phrase("self harm"),
        phrase("self-harm"),
        [any_of("suicide", "suicidal")],
        near(any_of("end"), any_of("my")) + [any_of("life")],
        phrase("end it all"),
        [
            any_of("think", "thinking", "thought", "want", "wanna", "going", "gonna", "plan", "planning"),
            *GAP,
            any_of("end", "ending"),
            {"LOWER": {"IN": ["it", "things", "everything"]}},
        ],
        phrase("take my own life"),
        near(any_of("want", "wanna"), any_of("die")),
        [{"LEMMA": "not"}, any_of("want"), {"LOWER": "to"}, {"LOWER": "live"}],
        # "i dont want to be here anymore", not "i dont want to be on my own with it like this".
        [
            {"LEMMA": "not"},
            any_of("want"),
            {"LOWER": "to"},
            {"LOWER": "be"},
            {"LOWER": {"IN": ["here", "alive", "around", "anymore", "breathing"]}},
        ],
        phrase("better off dead"),
        # "id be better off gone", "everyone would be better off without me".
        [
            {"LOWER": "better"},
            {"LOWER": "off"},
            {"LOWER": {"IN": ["gone", "without"]}},
            {"LOWER": {"IN": ["me"]}, "OP": "?"},
        ],
        phrase("no reason to live"),
        [*CANT, {"LOWER": {"IN": ["go", "carry"]}}, {"LOWER": "on"}, {"LOWER": {"IN": ["anymore", "any"]}}],
        phrase("overdose"),
        [
            any_of("cut", "cutting", "slit", "slash", "burn", "burning"),
            *GAP,
            any_of("arm", "arms", "wrist", "wrists", "leg", "legs", "thigh", "thighs"),
        ],
        [{"LOWER": {"IN": ["never", "not"]}}, any_of("wake")],
        [any_of("take", "taking", "swallow"), {"LOWER": "all"}, *GAP, any_of("tablet", "tablets", "pill", "pills")],
        phrase("no point living"),
        [any_of("enough"), {"LOWER": "of"}, {"LOWER": {"IN": ["life", "living"]}}],
        [
            any_of("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
            *GAP,
            any_of("line", "lined", "lining"),
            {"LOWER": "up"},
        ],
        phrase("no point in living"),
        [any_of("nobody", "noone", "no"), {"OP": "?"}, {"LOWER": "would"}, any_of("miss", "care")],
        near(any_of("better"), any_of("off")) + [{"LOWER": "without"}, {"LOWER": "me"}],
        # Said without saying it: not being around, tablets saved or taken, goodbyes, hidden cuts.
        [*CANT_OR_WONT, {"LOWER": "be"}, {"LOWER": {"IN": ["around", "here"]}}],
        [
            any_of(
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
            any_of("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
        ],
        [
            any_of("take", "taken", "took", "swallow", "swallowed"),
            *GAP,
            any_of("lot", "load", "loads", "bunch", "handful", "many", "whole", "packet", "box", "all"),
            *GAP,
            any_of("tablet", "tablets", "pill", "pills", "meds", "medication", "painkillers", "paracetamol"),
        ],
        [
            any_of("said", "say", "saying"),
            {"LOWER": {"IN": ["my", "me", "all", "our"]}},
            {"OP": "?"},
            any_of("goodbye", "goodbyes"),
        ],
        [
            any_of("give", "giving", "gave", "given"),
            {"LOWER": {"IN": ["my", "all", "away"]}},
            *GAP,
            any_of("thing", "things", "stuff", "pet", "cat", "dog", "away"),
        ],
        [
            any_of("hide", "hiding", "cover", "covering"),
            *GAP,
            any_of("arm", "arms", "wrist", "wrists", "cut", "cuts", "scar", "scars"),
            *GAP,
            any_of("sleeve", "sleeves"),
        ],
        [any_of("cut", "cuts", "cutting"), *GAP, *GAP, any_of("sleeve", "sleeves")],
        [
            any_of("arm", "arms", "wrist", "wrists", "scar", "scars"),
            *GAP,
            any_of("cover", "covered", "hide", "hidden"),
            *GAP,
            *GAP,
            any_of("sleeve", "sleeves"),
        ],
        [any_of("sleeve", "sleeves"), *GAP, *GAP, any_of("cut", "cuts", "scar", "scars")],
        [{"LOWER": "no"}, {"LOWER": "point"}, {"OP": "?"}, {"LOWER": {"IN": ["anymore", "any", "going", "in"]}}],
        [*CANT, any_of("do", "cope", "take"), {"LOWER": {"IN": ["this", "it"]}}, {"LOWER": {"IN": ["anymore", "any"]}}],
        [any_of("everyone", "everybody", "family", "kids"), *GAP, any_of("better"), {"LOWER": "off"}],
        # Goodbyes: letters left for the family, who gets the cat; no way out, ending it, a last
        # message, alone somewhere high.
        [
            any_of("write", "written", "wrote", "writing", "left", "leave"),
            *GAP,
            any_of("letter", "letters", "note", "notes"),
            {"LOWER": "for"},
            {"LOWER": {"IN": ["the", "my", "all"]}},
            any_of("kid", "kids", "children", "family", "mum", "son", "daughter", "everyone"),
        ],
        [
            any_of("sort", "sorted", "decide", "decided"),
            {"LOWER": "who"},
            any_of("get", "gets", "have", "has", "take", "takes"),
            {"LOWER": {"IN": ["the", "my"]}},
        ],
        [any_of("see"), {"OP": "?"}, {"OP": "?"}, {"LOWER": "way"}, {"LOWER": "out"}],
        [
            {"LOWER": {"IN": ["except", "but", "than", "just"]}},
            any_of("end", "ending"),
            {"LOWER": {"IN": ["it", "things", "everything"]}},
        ],
        [
            {"LOWER": "last"},
            any_of("message", "text", "msg"),
            {"LOWER": {"IN": ["to", "ever"]}},
            {"LOWER": {"IN": ["anyone", "anybody", "everyone", "everybody", "ever"]}, "OP": "?"},
        ],
        [
            any_of("sit", "sat", "sitting", "stand", "stood", "standing"),
            {"LOWER": {"IN": ["on", "at"]}},
            {"LOWER": "the", "OP": "?"},
            {"LOWER": {"IN": ["top", "edge", "ledge"]}},
            {"LOWER": "of"},
            {"LOWER": {"IN": ["the", "a", "my"]}, "OP": "?"},
            HIGH_PLACE,
        ],
    ],
}
