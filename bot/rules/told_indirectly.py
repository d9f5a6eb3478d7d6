"""Dangers and same-day repairs told by what they look like, never by their names.

A development set written on 7 December 2026 to a brief asking for dangers told indirectly
(`tests/nlu/dev_twentythird.yml`) found people the other rules missed: a goodbye told by letters
left on the table or by rope in the shed, abuse told by a phone smashed or an address to be kept
from "him", violence told by what is being done this minute, an electrical fire by a socket going
brown, no heating by a family sleeping in their coats. Each is a regular expression over the
lower-cased message, because each needs the whole of it ("and nothing after", "with this too").
Like every rule, these only raise.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Set

from bot.rules.findings import Finding

# Self-harm told by its preparations, or by no future: a goodbye letter, a rope and no one left, a
# plan for tonight, going through with it, a tenancy or a home needed no longer.
_PREPARATIONS = re.compile(
    r"\b(written|wrote|writing|left) (some |a few |my )?(goodbye )?(letters?|notes?) (to|for) (my |the )?"
    r"(kids|children|family|mum|mam|dad|son|daughter|partner|wife|husband|everyone|boys|girls)\b[^.!?]{0,40}"
    r"\b(left|put|on the|under|in the)\b|"
    r"\b(could ?n'?t|couldnt|could not|did ?n'?t|didnt) (go through with it|do it in the end|finish it)\b|"
    r"\btied (a |the )?(rope|belt|cord|something|a scarf) (to|round|around|on) (the |my )?"
    r"(loft|hatch|banister|bannister|beam|door|stairs|rail|hook)\b|"
    r"\bdecided to go (tonight|today|now|this weekend)\b|"
    r"\b(took|taken|swallowed|necked|drank)\b[^.!?]{0,40}\b(a load|loads|all|a lot|a handful|handfuls|the lot|"
    r"a (whole )?(box|pack|packet|strip|bottle)|boxes|packets|\d+) of (my |the |her |his )?"
    r"(tablets|pills|paracetamol|co-?codamol|codeine|sleeping pills|sleepers|meds|medication|painkillers|"
    r"anti-?depressants|insulin|tramadol|sertraline|diazepam)\b"
)
_ROPE = re.compile(r"\b(the|a) rope\b")
_NO_ONE_LEFT = re.compile(
    r"\b(nobody|no one|noone|no-one) (left |else )?(who )?(cares?|would (notice|care|miss me))\b|\bno point\b|"
    r"\b(tonight|goodbye|ready)\b"
)
_NO_FUTURE_HERE = re.compile(
    r"\b(i'?m|im|i am) not (going to|gonna) be (here|around|alive) ?(much longer|for long|soon|anymore|any more)\b|"
    r"\b(i'?m|im|i am) not (going to|gonna) be in it\b|"
    r"\bnot (going to|gonna) need (anywhere|a home|a place|somewhere) to live\b|"
    r"\b(what'?s|whats|what is) the point (of|in) [^.!?]{0,40}\b(when|if) (i'?m|im|i am|i) (not going|not gonna|won'?t|wont)\b"
)
# Not being here because of a move: "im not going to be here much longer, moving to my daughters".
_MOVING = re.compile(r"\b(mov(e|ed|ing)|transfer\w*|swap\w*|new (flat|house|place|home)|leaving|exchange)\b")

# Abuse at home told by how it is kept hidden: an address kept from "him", a phone smashed so the
# tenant writes from a neighbour's, a door he punched through when they locked themselves in, a
# reason they "dont want to go into".
_KEPT_FROM_HIM = re.compile(
    r"\bwithout (him|her|my (partner|husband|wife|ex|boyfriend|girlfriend)) (knowing|finding out|seeing|being told)\b"
)
_CANNOT_SAY_WHY = re.compile(
    r"\b(can'?t|cant|cannot|can not|don'?t want to|dont want to|do not want to|rather not|won'?t|wont) "
    r"(say|go into|explain|talk about|get into) (why|it|what happened|how it happened|how)\b"
)
_HE_DID_IT = re.compile(r"\b(he|hes|he'?s|she|shes|she'?s)\b[^.!?]{0,30}\b(kicked|punched|smashed|ripped)\b")
_PHONE_TAKEN = re.compile(
    r"\b(he|she)( has|'?s)? (smashed|broke|broken|took|taken|snatched|hid|hidden|threw|thrown) my (phone|mobile)\b"
)
_LOCKED_MYSELF_IN = re.compile(
    r"\b(he|she)\b[^.!?]{0,40}\b(punched|kicked|smashed|broke) (through|in|down)\b[^.]{0,80}\block(ed)? myself in\b|"
    r"\block(ed)? myself in\b[^.]{0,60}\b(he|she) (punched|kicked|smashed|broke) (through|it|in|down)\b"
)

# Violence this minute: things thrown at a home with the throwers still there, a dog set on
# someone and holding on, someone cornered with something in a hand.
_THROWN_AT_THE_HOME = re.compile(
    r"\b(throwing|chucking|lobbing|pelting)\b[^.!?]{0,20}\b(bricks|stones|rocks|bottles|glass|a brick|a stone)\b"
    r"[^.!?]{0,20}\bat (my|our|the|her|his) (house|home|window|windows|door|flat|car)\b"
)
_STILL_THERE = re.compile(r"\b(still (out )?there|still outside|right now|as we speak|this minute)\b")
_DOG_SET_ON = re.compile(r"\bset (their|his|her|a|the|its) dogs? on\b")
_DOG_HOLDING_ON = re.compile(
    r"\b(got hold of|biting|bitten|attacking|latched on|hanging off|won'?t let go of) (his|her|my|their) "
    r"(arm|leg|hand|face|neck)\b"
)
_CORNERED = re.compile(
    r"\b(cornered|surrounded) (me|us|him|her|them|my (dad|mum|mam|son|daughter|lad|boy|girl|kids?|husband|wife|"
    r"partner|nan|grandad|brother|sister))\b"
)
_IN_A_HAND = re.compile(
    r"\b(something shiny|a blade|a knife|a bat|a bottle|a hammer|a screwdriver)\b[^.!?]{0,20}\b(in (his|her|their) "
    r"hand|hand)\b|\b(shoving|punching|kicking|hitting|beating) (him|her|them|me)\b"
)
_THREAT_GESTURE = re.compile(r"\b(finger|hand|thumb) across (his|her|their|my) (throat|neck)\b")
# Someone else's threat: "shes going to get her brother to sort me out" (not "can you sort me out a key").
_SORT_OUT = re.compile(
    r"\b(he|she|they|hes|shes|theyre|he'?s|she'?s|they'?re|he'?ll|she'?ll|they'?ll)\b[^.!?]{0,40}"
    r"\b(sort|deal with) (me|us|my \w+) out\b(?! with)"
)

# An electrical fire starting: a socket or the wall by it hot and going brown, electrics fizzing with
# water in them. A burning smell alone is not one ("burning smell coming from next doors bbq").
_SCORCHING = re.compile(
    r"\b(socket|plug|switch|wall|fuse ?box|consumer unit|light fitting)\b[^.!?]{0,40}\b(hot|warm)\b[^.!?]{0,40}"
    r"\b(brown|black|scorch\w*|melt\w*|discolou?r\w*)\b"
)
_FIZZING = re.compile(
    r"\b(consumer unit|fuse ?box|fuse ?board|trip switch\w*|socket|sockets|light fitting|electrics|meter)\b"
    r"[^.!?]{0,40}\b(fizz\w*|crackl\w*|popping|sizzl\w*)\b"
)
# "no sparks or burning smell", "not fizzing": a sign denied earlier in its clause.
_DENIED_BEFORE = re.compile(r"\b(no|not|never|without|nor|isn'?t|isnt|wasn'?t|wasnt)\b[^.,;!?]{0,25}$")
# Gas told by the smell of a ring left on.
_SMELL_LEFT_ON = re.compile(r"\bsmell\w*\b[^.!?]{0,40}\b(when|like|as if)\b[^.!?]{0,30}\b(been left on|left on)\b")
_COOKING_WITH_GAS = re.compile(r"\b(hob|cooker|ring|rings|gas|oven|burner)\b")

# No power at all, no heating, no hot water, told by what it does to a household.
_NO_POWER = re.compile(
    r"\b(electrics?|electricity|power)\b[^.!?]{0,20}\b(off|out|gone|cut)\b[^.!?]{0,80}\bnothing (works|working|at all|is working)\b"
)
_NO_HEAT_TOLD_BY_ITS_EFFECTS = re.compile(
    r"\b(sleeping|sat|sitting|living) in (our|my|their) coats\b|"
    r"\bcold (showers|baths|washes) (for|since|every|all)\b|"
    r"\b(boiler|combi)('?s| has| is)? (had it|packed (in|up)|given up|died|dead|gone)\b(?! (all|yellow|orange|a bit|really|very))|"
    r"\b(boiler|combi) (is ?n'?t|isnt|not|won'?t|wont|will not|keeps not) (light|lighting|fire|firing|ignit\w*|"
    r"come on|coming on|turn on|start)\b"
)


# A stair rail come right off, not one coming loose: "the handrail on my stairs came off the wall in
# my hand, I nearly went down the lot"; "the whole stair banister came away in my hand". Every such
# message of the development sets was a same-day repair; every loose or wobbly rail routine.
_RAIL_OFF = re.compile(
    r"\b(hand ?rail|banister|bannister|stair ?rail|rail on (the|my|her|his|our|their) stairs)s?\b[^.!?]{0,40}\b(came|come|has come|have come|pulled|snapped|"
    r"fell|fallen|ripped) (clean |right )?(off|away|out)\b"
)


def _said(pattern: "re.Pattern[str]", text: str) -> bool:
    """Whether `pattern` is found and not denied before it in its clause."""
    return any(not _DENIED_BEFORE.search(text[: found.start()]) for found in pattern.finditer(text))


def found_told_indirectly(text: str, neighbours_named: bool) -> FrozenSet[Finding]:
    """What the expressions above find in the lower-cased `text`. `neighbours_named`: whether the
    matcher found the people next door in it, whose violence is anti-social behaviour however it
    is told ("the lad upstairs kicked my door in, i dont want to go into it")."""
    found: Set[Finding] = set()
    no_future = _NO_FUTURE_HERE.search(text) and not _MOVING.search(text)
    if _PREPARATIONS.search(text) or no_future or (_ROPE.search(text) and _NO_ONE_LEFT.search(text)):
        found.add(Finding.SELF_HARM)
    unsaid = _CANNOT_SAY_WHY.search(text) and _HE_DID_IT.search(text) and not neighbours_named
    hidden = _KEPT_FROM_HIM.search(text) or unsaid
    if hidden or _PHONE_TAKEN.search(text) or _LOCKED_MYSELF_IN.search(text):
        found.add(Finding.DOMESTIC_ABUSE)
    thrown = _THROWN_AT_THE_HOME.search(text)
    dog = _DOG_SET_ON.search(text)
    if thrown or dog or _THREAT_GESTURE.search(text) or _SORT_OUT.search(text) or _CORNERED.search(text):
        found.add(Finding.ASB_HIGH_RISK)
    if (
        (thrown and _STILL_THERE.search(text))
        or (dog and _DOG_HOLDING_ON.search(text))
        or (_CORNERED.search(text) and _IN_A_HAND.search(text))
    ):
        found.add(Finding.DANGER_TO_LIFE)
    if any(_said(pattern, text) for pattern in (_SCORCHING, _FIZZING)):
        found.add(Finding.FIRE)
    if _said(_SMELL_LEFT_ON, text) and _COOKING_WITH_GAS.search(text):
        found.add(Finding.GAS)
    if _NO_POWER.search(text) or _RAIL_OFF.search(text):
        found.add(Finding.EMERGENCY_REPAIR)
    if _NO_HEAT_TOLD_BY_ITS_EFFECTS.search(text):
        found.add(Finding.URGENT_REPAIR)
    return frozenset(found)
