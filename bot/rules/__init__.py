"""Deterministic rules that spot danger and urgency in what a tenant writes.

A trained model can be unsure; a person who smells gas cannot wait for it to be sure. These
rules run beside the model on every message, over lower-cased, lemmatised text (spaCy's blank
English pipeline with the lookup lemmatiser, so "smelt", "smelling" and "smells" all match
"smell"), and report what they found. They never decide that something is *less* urgent:
bot.triage only lets them raise the model's answer.

Each rule is a spaCy Matcher pattern. Gaps of up to three words are allowed where people put
words between the two halves ("smell of gas", "smell a bit of gas").

The package is split so that each part can be read on its own (about 1,700 lines were one module):
`findings` (what a rule can find), `vocabulary` (how a pattern is written and the words several
groups share), one module of patterns per group of findings (`emergency_services`,
`domestic_abuse`, `self_harm`, `emergency_repairs`, `repairs`, `neighbours`, `complaints`),
`after_matching` (what the whole message changes about what was matched) and `matcher` (RULES
assembled, and the `Rules` that run them). Callers import from here.
"""

from bot.rules.findings import Finding
from bot.rules.matcher import RULES, Rules, shared_rules

__all__ = ["RULES", "Finding", "Rules", "shared_rules"]
