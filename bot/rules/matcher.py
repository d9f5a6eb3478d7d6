"""The compiled rules: every group's patterns in one Matcher, run over a message and then read
against the whole message (bot.rules.after_matching).

RULES is assembled here, in the order of Finding, from the groups' own tables, and the check that
every finding has patterns from exactly one group is made once, on import.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Dict, FrozenSet, List, Set

import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from bot.limits import without_lone_surrogates
from bot.rules import (
    apologies,
    complaints,
    domestic_abuse,
    emergency_repairs,
    emergency_services,
    neighbours,
    repairs,
    self_harm,
)
from bot.rules.after_matching import revised, ruled_out, settled
from bot.rules.findings import Finding
from bot.rules.vocabulary import Pattern

GROUPS = (
    emergency_services.PATTERNS,
    domestic_abuse.PATTERNS,
    self_harm.PATTERNS,
    emergency_repairs.PATTERNS,
    repairs.PATTERNS,
    neighbours.PATTERNS,
    complaints.PATTERNS,
    apologies.PATTERNS,
)


def assembled(*groups: Dict[Finding, List[Pattern]]) -> Dict[Finding, List[Pattern]]:
    """One table from the groups', in the order of Finding; a finding with patterns in no group,
    or in two, is an error."""
    named = [finding for group in groups for finding in group]
    if sorted(named, key=list(Finding).index) != list(Finding):
        raise ValueError(f"every finding needs patterns in exactly one group: {[f.name for f in named]}")
    return {finding: group[finding] for finding in Finding for group in groups if finding in group}


RULES: Dict[Finding, List[Pattern]] = assembled(*GROUPS)

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


class Rules:
    """The compiled matchers. Build once (it loads lemma tables); safe to share between threads."""

    def __init__(self) -> None:
        self._nlp: Language = spacy.blank("en")
        self._nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        self._nlp.initialize()
        self._matcher = Matcher(self._nlp.vocab)
        for finding, patterns in RULES.items():
            if patterns:  # none for what only the whole message shows (bot.rules.apologies)
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
        found: Set[Finding] = set()
        for match_id, start, end in matches:
            name = self._nlp.vocab.strings[match_id]
            if not ruled_out(name, start, end, doc, lowered, past):
                found.add(Finding(name))
        return frozenset(revised(found, lowered, doc))


@lru_cache(maxsize=1)
def shared_rules() -> Rules:
    return Rules()
