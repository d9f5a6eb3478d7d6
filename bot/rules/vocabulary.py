"""How the patterns are written, and the words more than one group of them uses.

A pattern is a list of spaCy Matcher tokens. `any_of` lists lemmas (bot.rules.matcher adds the
lookup table's own lemma of each), `near` allows a gap of up to three words where people put
words between the two halves ("smell of gas", "smell a bit of gas"), and `phrase` is words in a
row. A token set used by one group only lives beside that group's patterns.
"""

from __future__ import annotations

from typing import Dict, List

Token = Dict[str, object]
Pattern = List[Token]

GAP = [{"OP": "?"}, {"OP": "?"}, {"OP": "?"}]
# Up to three words, none of them denying what follows.
UNDENIED_GAP = [{"LEMMA": {"NOT_IN": ["not", "no", "never", "nothing"]}, "OP": "?"}] * 3


def any_of(*lemmas: str) -> Token:
    """One word with any of these lemmas."""
    return {"LEMMA": {"IN": list(lemmas)}}


def near(first: Token, second: Token) -> Pattern:
    """`first`, then up to three words, then `second`."""
    return [first, *GAP, second]


def phrase(text: str) -> Pattern:
    """These words in a row, as written."""
    return [{"LOWER": word} for word in text.split()]


# spaCy splits "can't", "cant", "won't" and "wont" into two tokens whose second has the lemma "not".
CANT: Pattern = [{"LOWER": {"IN": ["ca", "can", "wo", "will", "do", "does", "is"]}}, {"LEMMA": "not"}]
GOING_TO = [{"LOWER": {"IN": ["going", "gon"]}}, {"LOWER": {"IN": ["to", "na"]}}]
CANT_OR_WONT: Pattern = [{"LOWER": {"IN": ["wo", "will", "ca", "can", "shall"]}}, {"LEMMA": "not"}]

# Family, partners past and present, a carer: whom domestic abuse comes from, and (after matching)
# what tells it from a neighbour's violence.
RELATIVE = any_of(
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

# Fire put through the door: burning paper or petrol through the letterbox is a fire and an attack.
FIRE_THROUGH_THE_DOOR: Pattern = [
    any_of("burning", "lit", "flaming", "petrol", "firework", "fireworks", "rag", "rags"),
    *GAP,
    {"LOWER": {"IN": ["through", "thru"]}},
    {"LOWER": {"IN": ["my", "the", "our", "her", "his"]}},
    any_of("letterbox", "letter", "door"),
]
