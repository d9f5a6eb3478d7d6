"""What the matcher's findings become once the whole message is read.

A spaCy Matcher pattern sees a run of tokens: it cannot say "and nothing after", "unless the
message says it is fixed" or "unless it is next door's son". These checks can: a finding denied
by the word just before it, danger past and put right, a key broken in a lock, a carbon monoxide
alarm that only wants a battery, and the findings no pattern can make (a starred slur, wanting to
jump, pets arranged for after, abuse at home told in one sentence, a neighbour's violence).
"""

from __future__ import annotations

import re
from typing import Set

from spacy.tokens import Doc

from bot.rules.apologies import only_an_apology
from bot.rules.findings import Finding
from bot.rules.other_languages import found_in_other_languages
from bot.rules.told_indirectly import found_told_indirectly
from bot.rules.vocabulary import RELATIVE

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
# Hate told without its name: "notes saying your kind arent welcome here", "shouting abuse at her
# because shes black". Two conditions no single pattern can hold: the words, and what they mean.
# A noose drawn or hung on someone's door is a threat to them, not their own despair: "someone has
# weed through my letterbox again and theres a noose drawn on my door in marker".
_NOOSE_LEFT_FOR_THEM = re.compile(
    r"\bnoose\b[^.!?]{0,30}\b(drawn|painted|sprayed|scratched|scrawled|hung|hanging|tied|left) (on|from|to|outside)\b|"
    r"\bnoose (on|outside) (my|our|the|her|his) (door|wall|car|gate|window|fence)\b|"
    r"\b(drew|drawn|painted|sprayed|scrawled|hung|left) (a |some )?noose\b"
)
_YOUR_KIND = re.compile(r"\b(your|ur|their) (kind|sort|type)\b(?!\s+(of|regards|words|help|offer))")
_NOT_WANTED_HERE = re.compile(r"\b(not welcome|get out|don'?t want|go back|round here|move out|leave|here)\b")
_TARGETED_FOR_WHO = re.compile(
    r"\b(abus\w*|shout\w*|call\w*|pick\w* on|target\w*|harass\w*|bull(y|ied|ies|ying)|threat\w*|attack\w*|spit|spat)\b"
    r"[^.!?]{0,60}\b(because|cos|coz|cause|cuz|for being)\b[^.!?]{0,15}\b(black|asian|muslim|jewish|gay|lesbian|"
    r"trans|disabled|polish|foreign|an immigrant|a refugee|autistic|in a wheelchair)\b"
)
# Strangers, not the household: abuse shouted at "my mum" by "teenagers" is hate, not domestic abuse.
_OUTSIDERS = re.compile(r"\b(teenagers|youths|kids|gang|lads|strangers|group of)\b")
# Affairs put in order for after a death: "sorting my stuff out so nobody has to after ive gone".
_AFTER_I_AM_GONE = re.compile(r"\b(after|when|once) (i'?ve|i have|i'?m|i am) gone\s*([.!?,]|$)")
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
# Damage to the home, and the man who did it coming back: "he booted the door in, i need it fixed
# before he comes back", "hole in the bedroom wall and the door frame's split. he's back friday".
_MENDED_BEFORE_HE_RETURNS = re.compile(
    r"\b(smash\w*|boot\w*|kick\w*|broke|broken|split|hole|punch\w*|damage\w*)\b.{0,200}"
    r"\b((before|until|till|in case|when) he('?s| is)? (comes|gets|is|'?s) back|he'?s back (on )?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|later|soon))\b",
    re.DOTALL,
)
# Whoever "he" is when a worker is named: the plumber who is back tomorrow to finish.
_WORKER = re.compile(
    r"\b(plumber|engineer|contractor|operative|workm[ae]n|builders?|electrician|gas ?man|fitter|joiner|carpenter|"
    r"roofer|surveyor|officer|handyman|decorator|plasterer|repair ?man)\b"
)
# In a room of the home while someone rages on the other side: "I'm in the bathroom, he's smashing
# things downstairs, he's done this before".
_SHELTERING_FROM = re.compile(
    r"\b(i'?m|im|i am|we'?re|were)( stuck| shut| sat| sitting)? in the (bathroom|bedroom|toilet|loo|kitchen|"
    r"cupboard)\b[^.!?]{0,20}\b(he|she)('s| is|s) (smashing|throwing|breaking|kicking|banging|wrecking|"
    r"trashing|going mad|kicking off|screaming at)\b"
)
_ABUSE_AT_HOME = (_MONEY_WITHHELD, _HIDING_FROM, _THROWN_ABOUT, _SHELTERING_FROM)
# The neighbours' own family: "next door's son", "the neighbours boyfriend", "my neighbour ... says
# shes going to get her brother to sort me out".
_THEIR_FAMILY = (
    r"(son|sons|daughter|kids?|children|boyfriend|girlfriend|husband|wife|partner|dad|mum|brother|sister|lad|lads|"
    r"grandson|nephew)"
)
_NEIGHBOURS_FAMILY = re.compile(
    rf"\b(neighbou?r'?s'?|next door'?s)( \w+)? {_THEIR_FAMILY}\b|"
    rf"\b(neighbou?r|next door)\b[^.!?]{{0,50}}\b(her|his|their) {_THEIR_FAMILY}\b"
)
# Where the people of a block meet, not a home: "he grabbed me by the throat in the corridor
# because he said my kids were too loud" is a neighbour's violence, with no relative named.
_COMMUNAL = re.compile(
    r"\b(in|on|at|by) the (corridor|stairwell|walkway|landing|communal \w+|car park|bin store|garages|play area)\b|"
    r"\beveryone (in|on|round) the (close|street|estate|block)\b"
)
# The neighbours as those who hear or see it, not those who do it: "i worry what the neighbours
# hear when he kicks off. last night he threw the kettle at me".
_NEIGHBOURS_WITNESS = re.compile(
    r"\b(what|if) (the )?neighbou?rs? (hear|heard|think|see|saw|say)|"
    r"\bneighbou?rs? (must |might |could |can |will |would )?(hear|heard|have heard|see|saw|seen|asked if (i|we)|"
    r"called the police|rang the police|knocked to ask)\b"
)
# Who takes the pets or children "after", with nothing after it: arrangements for when they are gone.
_ARRANGED_FOR_AFTER = re.compile(
    r"\bmy (dog|cat|pets?|kids|children|son|daughter|budgie|rabbit)\b[^.!?]{0,40}\b(goes|go|gets|get|is|are)\b"
    r"[^.!?]{0,30}\bafter\s*([.!?]|$)"
)
# Not being here, said as a plan or a guess: "i dont think ill be around much longer", "I don't
# plan on being here", "no point fixing my heating. wont need it after this weekend". In other
# languages ("me voy a matar", "chcę umrzeć"): bot.rules.other_languages.
_NOT_BE_HERE = re.compile(
    r"\b(don'?t|dont|do not) (think|expect) (i'?ll|ill|i will|i'?m going to|im going to) (be|still be) "
    r"(around|here|alive)((( for)? much| for)? (longer|long)\b|\s*([.!?]|$))|"
    r"\b(don'?t|dont|do not|won'?t|wont) (plan|intend|expect) (on|to) (be|being|still being) (here|around|alive)"
    r"((( for)? much| for)? (longer|long)\b|\s*([.!?]|$))|"
    r"\bno point fixing\b[^.!?]{0,40}[.!?,]?[^.!?]{0,20}\b(won'?t|wont|will not) need (it|them|the \w+) "
    r"(after|by|past|beyond) (this|the|next|that|tonight|tomorrow|today|sunday|saturday|friday|monday)\b"
    r"(?![^.!?]{0,30}\b(move|moving|moved|leave|leaving|transfer|new (flat|house|place|home)))"
)
# Wanting to jump, but not the queue: a matcher pattern cannot say "and nothing after".
_WANTS_TO_JUMP = re.compile(
    r"\b(want|wanna|going|gonna|about|thinking( of| about)?)( to)? jump(ing)?\b"
    r"(?! (the|a|in the) (queue|list|waiting list|line|gun|start))"
)
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
# "it took your lot 9 days to even come and look. its all fine now": over, and how long it took.
_RESOLVED = re.compile(
    r"\b(fixed|sorted|to sort|repaired|resolved|made (it )?safe|put right|capped off|fitted a new|replaced|"
    r"(took|taken|waited)( your lot| you| them| your \w+| the \w+)? (so long|too long|ages|days|weeks|"
    r"(over )?(\d+|a few|two|three|four|five|six|several) (hours|days|weeks|months))|how long it took|"
    r"(it'?s |its |it is |everything'?s |everything is )(all )?(fine|ok|okay|working|back on|sorted) now|"
    r"(it'?s |its |it is |they'?re |theyre )working (again|now))\b"
)
_PAST = re.compile(
    r"\b(last (week|month|year|night|time|winter|summer|spring|autumn)|ago|had an?|was an?|there was|previous(ly)?|"
    rf"back in|in {_MONTH}|(on|in) (the )?\d{{1,2}}(st|nd|rd|th)? (of )?{_MONTH}|in the (summer|spring|autumn|winter)|"
    r"(over|at) (christmas|new year|easter|the holidays)|in the end)\b"
)
# "Still" says it is happening now, unless what is still so is that it works: "still works though".
_PRESENT = re.compile(
    r"\b(again|still(?! (works?|working|locks?|shuts?|closes?|fine|ok|okay|usable|secure))|right now|at the moment|currently|now (i|we|it|there|its|it's)|can smell|keeps?|happening)\b"
)


# A carbon monoxide alarm asked for ("could you fit a co alarm, i havent got one"), not one that
# is sounding, nor any sign of the gas: no emergency number for that.
_CO_ALARM_ASKED_FOR = re.compile(
    r"\b(fit|fitted|fitting|install|installed|put in|get|have|need|want|supply|provide|new|replace|replaced|spare)\b"
    r"[^.?!]{0,30}\b(co|carbon monoxide)\s+(alarm|detector|monitor)s?\b"
)
# An alarm going off, and the signs of the gas itself: what no alarm asked for or at fault explains.
_ALARM_GOING_OFF = r"going off|gone off|went off|goes off|screech\w*|red light|sounding|alarming"
_SIGNS_OF_GAS = (
    r"headache\w*|dizz\w*|drows\w*|sick|nause\w*|poorly|unwell|soot\w*|black marks|smell\w*|whiff|stink\w*|gas"
)
# Asked for, a beep or a flash still counts: a new alarm has nothing to beep about.
_CO_SOUNDING = re.compile(rf"\b({_ALARM_GOING_OFF}|{_SIGNS_OF_GAS}|keeps going|beep\w*|sound\w*|flashing)\b")
# A carbon monoxide alarm that only wants seeing to: a low battery's chirp, the end of its life,
# fallen off the wall. With no sign of the gas itself (a sign denied, "no smell, nobody's
# poorly", is no sign), it is a routine job, not the gas emergency line.
_CO_ALARM_FAULT = re.compile(
    r"\b(chirp\w*|low batt\w*|batter(y|ies)|end of (its )?life|end on the|says end|showing end|"
    r"fell off|fallen off|come off|came off|expired|run out|ran out|out of date)\b"
)
_DENIED = re.compile(r"\b(no|not|nobody'?s?|nobodys|none|nothing)\b[^.,;!?]{0,20}")
# At fault, a beep is the fault's own chirp: only the alarm going off or a sign of the gas counts.
_CO_DANGER = re.compile(rf"\b({_ALARM_GOING_OFF}|{_SIGNS_OF_GAS})\b")
# A thing broken in a room is no break-in: "window handle broken in the back bedroom".
_ROOM = frozenset(
    {"bedroom", "kitchen", "bathroom", "lounge", "hall", "hallway", "toilet", "loo", "room", "landing", "loft", "shed"}
)
# What a fire or smoke is when it is a thing in the home: a gas fire that does not work, a smoke
# alarm that goes off when frying, a fire door that will not close.
_FIRE_AS_A_THING_BEFORE = frozenset({"gas", "electric", "coal", "log", "wood", "open"})
_FIRE_AS_A_THING_AFTER = frozenset(
    {"alarm", "alarms", "detector", "detectors", "door", "doors", "escape", "exit", "extinguisher", "blanket"}
)
# A broken part of a storage heater or the immersion is not the heat gone: "storage heater has a
# broken dial thats stuck on max".
_PARTS = frozenset(
    {"dial", "dials", "timer", "switch", "knob", "knobs", "cover", "thermostat", "clock", "lid", "panel"}
)
# Rain off a broken gutter or downpipe, down the outside: "gutter is hanging off and when it
# rains water pours down the wall" is outside works, not a leak nobody can stop, unless the water
# comes in.
_GUTTERING = re.compile(r"\b(gutters?|guttering|down ?pipes?|drain ?pipes?|rain ?water pipes?)\b")
_WHEN_IT_RAINS = re.compile(r"\b(when(ever)? it rains|in the rain|rain ?water|when its raining|when it's raining)\b")
_COMES_IN = re.compile(
    r"\b(ceiling|inside|indoors|coming in|comes in|getting in|gets in|into the (house|flat|home|room|bedroom|kitchen))\b"
)


def _rain_off_the_outside(text: str) -> bool:
    return bool(_GUTTERING.search(text) and _WHEN_IT_RAINS.search(text)) and not _COMES_IN.search(text)


_KEY_BROKEN_IN = re.compile(r"\bkeys? (has |have |just )?(broke|broken|snapped) (off )?in\b")
_BREAK = frozenset({"break", "broke", "broken"})

_RELATIVES = frozenset(RELATIVE["LEMMA"]["IN"])  # type: ignore[index]


# A structure about to fall where people are: "bits of plaster falling on his bed, its going to
# come down", "scaffolding swaying and a pole has just fallen into the playground", "the lift doors
# opened with no lift there, my dad nearly stepped in". An emergency repair, and a danger to life
# now: 999 comes first. All three in one message; "could fall one day" is not now.
_STRUCTURE = re.compile(
    r"\b(ceiling|wall|balcony|scaffold\w*|roof|chimney|lift doors?|lift shaft|masonry|coping|staircase)\b"
)
_ABOUT_TO_FALL = re.compile(
    r"\b((going to|gonna|about to) (come down|collapse|give way|fall|go)|any (second|minute|moment) now|"
    r"go any (second|minute|moment)|swaying|"
    r"nearly (stepped|fell|fallen|walked)|falling (on|onto) (him|her|them|us|me|his|her|the kids|the bed)|"
    r"(sagging|bulging|bowing)[^.!?]{0,40}\b(above|over) (his|her|their|my|the|our) (bed|cot|head|heads)|"
    r"more (is )?hanging down|(lumps|chunks|bits) of (plaster|ceiling) (fell|fallen|falling|came down|coming down))\b"
)
# Fallen from high up: plaster off a wall is not this.
_FALLEN_FROM_HIGH = re.compile(
    r"\b(scaffold\w*|balcony|chimney|roof|masonry|coping)\b[^.!?]{0,60}\b(has |have )?just (fallen|fell|come down)\b"
)
_PEOPLE_THERE = re.compile(
    r"\b(kids?|children|child|school|playground|people|pedestrians|son|daughter|baby|bed|cot|dad|mum|nan|grandad|"
    r"someone|somebody|anyone|him|her)\b"
)
# A garden wall leaning, crumbling or losing bricks: the landlord's outside works (30 days), as
# three outside writers labelled it, unless someone is named near it ("the garden wall is
# leaning over the path the school kids use"), which a pattern of its own reads too.
_GARDEN_WALL = re.compile(r"\b(garden|boundary|retaining|yard)( |-)?walls?\b")
_WALL_WORDS = frozenset({"wall", "walls", "brick", "bricks", "brickwork"})


def _garden_wall_alone(doc: Doc, start: int, end: int, text: str) -> bool:
    return (
        any(token.lower_ in _WALL_WORDS for token in doc[start:end])
        and bool(_GARDEN_WALL.search(text))
        and not _PEOPLE_THERE.search(text)
    )


# Trapped and short of breath: "stuck in the bathroom, the lock's jammed and my oxygen is in the
# other room, getting breathless".
_TRAPPED = re.compile(
    r"\b(stuck in( the| my)? (bathroom|bedroom|toilet|loo|room|lift|flat|kitchen)|trapped|locked in|cant get out|can'?t get out)\b"
)
_SHORT_OF_BREATH = re.compile(
    r"\b(breathless|can'?t breathe|cannot breathe|struggling to breathe|short of breath|"
    r"my (oxygen|inhaler))\b"
)


# Someone fallen or collapsed who does not come round: "my nan has just fallen, shes at the bottom
# of the stairs and not really responding", "shes not answering me properly, her eyes are shut".
_HURT_AND_NOT_RESPONDING = re.compile(
    r"\b(fallen|fell(?! out)|collapsed|passed out|fainted|blacked out|hit (his|her|their) head)\b[^.!?]{0,80}"
    r"\bnot (really |properly )?(responding|moving|answering|waking|breathing|making sense)\b"
    r"(?! (my|the|our|his|her|any|as|much|texts?|calls?|emails?|letters?))|"
    r"\b(she|he|they)('?s|'re| is| are)? not (really |properly )?(responding|answering me|answering us|waking up)\b|"
    r"\b(her|his) eyes (are )?(shut|closed|rolling)\b"
)


# Violence happening now, or someone seen lying hurt: "the lads from the flats are throwing bricks
# at my window this minute", "next door are kicking someone on the ground in the car park NOW",
# "i can see her on the floor through the letterbox".
_VIOLENCE = r"throwing|smashing|kicking|attacking|fighting|hitting|punching|stabbing|setting fire|trying to get in"
_VIOLENCE_NOW = re.compile(
    rf"\b(are|is|'re|'s)\s+(\w+\s+)?({_VIOLENCE})\b[^.!?]{{0,60}}\b(right now|this minute|as we speak|as i type|now)\b|"
    rf"\b(right now|this minute|as we speak)\b[^.!?]{{0,30}}\b(are|is|'re|'s)\s+(\w+\s+)?({_VIOLENCE})\b"
)
_AT_A_PERSON = re.compile(r"\b(someone|somebody|a man|a woman|a lad|a boy|a girl|him|her|me|us)\b")
_SEEN_LYING = re.compile(
    r"\bsee (her|him|them|someone|somebody|a man|a woman) (lying |laid |laying )?on the (floor|ground)\b"
)


def danger_now(text: str) -> bool:
    """Whether the message tells of a structure about to fall where people are, or someone
    trapped and short of breath."""
    about_to = (_STRUCTURE.search(text) and _ABOUT_TO_FALL.search(text)) or _FALLEN_FROM_HIGH.search(text)
    falling = about_to and _PEOPLE_THERE.search(text)
    return bool(falling) or bool(_TRAPPED.search(text) and _SHORT_OF_BREATH.search(text))


# Put right asked for, not done: "i need it fixed before he comes back".
_WANTED_PUT_RIGHT = re.compile(
    r"\b(need|needs|want|wants|get|getting|have|having)( it| this| them| that| the \w+)?( to be| be)? "
    r"(fixed|sorted|repaired|replaced|made safe)\b"
)


# Carbon monoxide told without its name: an alarm by the boiler that will not stop ("its not the
# chirpy low battery one, its constant"), a detector's screen showing a reading, a smell from the
# hob with nothing lit, or a household's headaches with the heating on.
_ALARM_BY_THE_BOILER = re.compile(
    r"\b(alarm|detector)\b[^.!?]{0,40}\b(boiler|gas fire|flue)\b|\b(boiler|gas fire|flue)\b[^.!?]{0,40}\b(alarm|detector)\b"
)
_SMOKE_ALARM = re.compile(r"\b(smoke|fire|heat) (alarm|detector)s?\b")
_ALARM_SOUNDING = re.compile(
    r"\b(beep\w*|going off|gone off|went off|screech\w*|scream\w*|sounding|won'?t stop|wont stop|constant\w*|non ?stop)\b"
)
_ALARM_READING = re.compile(r"\b(alarm|detector)\b[^.!?]{0,80}\b(screen|display)\b[^.!?]{0,20}\b\d{2,4}\b")
_SMELL_NOTHING_LIT = re.compile(
    r"\b(hob|cooker|oven)\b[^.!?]{0,80}\bsmell\w*\b[^.!?]{0,40}\b(nothing|not|none)\b[^.!?]{0,10}\b(lit|on)\b"
)
# A gas appliance that will not turn off, or gas smelt without the word "gas" next to "smell":
# "knob snapped off the gas cooker and the ring wont turn off properly, i can smell it".
_GAS_LEFT_ON = re.compile(
    r"\bgas (cooker|hob|ring|fire|tap|oven|valve)\b[^.!?]{0,60}\b((won'?t|wont|doesn'?t|doesnt|can'?t|cant|will not) "
    r"(turn|switch|go) off|(i|we) can smell it)\b"
)
_CO_SYMPTOMS = re.compile(
    r"\b(headaches?|dizzy|dizziness|drowsy|sleepy|nause\w*|groggy|lethargic|(banging|thumping|pounding|splitting) "
    r"(head|headache)s?)\b"
)
_HEATING_WAS_ON = re.compile(
    r"\b(heating (was |were |is |'s |had been )?(on|running)|(had|put|turned|left) the heating on)\b"
)
# ...or every morning, more than one of the household, with a gas appliance named: "Nan's been
# stopping with us and she's had a banging head every morning since, and so have I. The boiler in
# the kitchen has a brownish stain above it".
_EVERY_MORNING = re.compile(r"\b(every|each) morning\b|\bin the mornings\b|\bwhen (we|i) wake up\b")
_GAS_APPLIANCE = re.compile(r"\b(boiler|gas fire|gas heater|flue|cooker)\b")


# Control by the family, told with a second sign: "she does the money now, she wont let me ring my
# friends. she hit me", "they keep her passport", "broke the front door lock in a rage".
_PASSPORT_KEPT = re.compile(
    r"\b(keeps?|kept|took|taken|has got|have got|hides?|hid|holds?|holding) (my|her|his|our) passports?\b"
)
_NOT_LET = re.compile(
    r"\b(won'?t|wont|doesn'?t|doesnt|will not|does not|never) lets? (me|her|him) "
    r"(ring|call|phone|see|go|have|talk|speak|leave|out|use|text|visit|keep)\b"
)
_SECOND_SIGN = re.compile(
    r"\b(hit|hits|hurt|hurts|push\w*|slap\w*|punch\w*|scared|afraid|frightened|useless|stupid|money|phone|"
    r"friends|family|passport|bank|card|threat\w*)\b"
)
_IN_A_RAGE = re.compile(
    r"\b(broke|smashed|kicked|punched|put (his|her) (fist|foot)|ripped|wrecked)\b[^.!?]{0,60}\b(in a (rage|temper|fury)|"
    r"lost (his|her) temper)\b"
)


# A leak that will not stop: "water coming out of the tank in the loft and down the stairs and it
# wont stop" (the dog that "wont stop barking" is no leak).
_WILL_NOT_STOP = re.compile(
    r"\b(it|that|which|and)('?s)? (won'?t|wont|will not|can'?t|cant|cannot|doesn'?t|doesnt|isn'?t|isnt) stop(ping)?\b"
    r"(?! (barking|beeping|crying|shouting|screaming|ringing|banging|flashing|going off))|"
    # From the flat above, with nobody there to turn it off: "the leak from the flat above is
    # getting worse, like a tap running into my airing cupboard now and i cant get hold of them".
    r"\b(can'?t|cant|cannot|can not) (get hold of|get an answer from|raise) (them|him|her|the (neighbours?|people|flat))\b"
)


def control_by_family(text: str, doc: Doc) -> bool:
    """Whether the message tells of abuse or control by a relative that no pattern reads alone."""
    relative = any(t.lemma_ in _RELATIVES or t.lower_ in _RELATIVES for t in doc) or bool(
        re.search(r"\b(daughter|son|brothers?|sisters?|mother|father|in-laws?)\b", text)
    )
    if _PASSPORT_KEPT.search(text):
        return True
    if not relative:
        return False
    return bool((_NOT_LET.search(text) and len(_SECOND_SIGN.findall(text)) >= 1) or _IN_A_RAGE.search(text))


def carbon_monoxide_told(text: str) -> bool:
    """Whether the message tells carbon monoxide's signs, or gas escaping, without the words the
    patterns look for."""
    alarm = (
        (_ALARM_BY_THE_BOILER.search(text) and _ALARM_SOUNDING.search(text)) or _ALARM_READING.search(text)
    ) and not (_SMOKE_ALARM.search(text) or _CO_ALARM_FAULT.search(_DENIED.sub(" ", text)))
    unwell = _CO_SYMPTOMS.search(text) and (
        _HEATING_WAS_ON.search(text) or (_EVERY_MORNING.search(text) and _GAS_APPLIANCE.search(text))
    )
    return bool(alarm or unwell or _SMELL_NOTHING_LIT.search(text) or _GAS_LEFT_ON.search(text))


def _only_the_alarm_wanted(text: str) -> bool:
    """A carbon monoxide alarm asked for, or one with a fault of its own, and no sign of the gas.
    A fault denied is none: "beeping loud, not the battery chirp, the proper loud one"."""
    if _CO_ALARM_ASKED_FOR.search(text) and not _CO_SOUNDING.search(text):
        return True
    undenied = _DENIED.sub(" ", text)
    return bool(_CO_ALARM_FAULT.search(undenied)) and not _CO_DANGER.search(undenied)


# Making amends asked for a danger that is over: "my mum was left without heating for 6 days last
# winter, i want a complaint logging", "you promised compensation for the time we had no heating".
_AMENDS = re.compile(r"\b(complaint|complain\w*|compensation|refund|apology|reimburse\w*)\b")
_LONG_PAST = re.compile(
    r"\b(last (month|year|winter|summer|spring|autumn)|\d+ (weeks|months|years) ago|back in|in (19|20)\d\d|"
    r"the time (we|i|she|he|they|my \w+) (had|was|were)|(was|were) left (without|with no)|"
    r"(over|at|last) (christmas|new year|easter))\b"
)
# ...unless the tenant says it is so now: "we have no heating", "it isnt working".
_SO_NOW = re.compile(
    r"\b((have|got|'ve got|ve got|has) (no|not)|there'?s no|there is no|is not|isn'?t|isnt|does not|doesn'?t|"
    r"doesnt|won'?t|wont|can'?t|cant|not working|today|tonight|this (morning|week))\b"
)


def settled(text: str) -> bool:
    """Whether the message tells of danger that is over and dealt with, and nothing happening now."""
    said_done = _WANTED_PUT_RIGHT.sub(" ", text)
    return bool(_RESOLVED.search(said_done) and _PAST.search(text) and not _PRESENT.search(text))


# What a complaint about a repair that is over takes back: the repair's urgency, never a gas smell,
# a fire or a danger ("i complained last month about the gas smell and nobody came" may still smell).
_OVER_AND_COMPLAINED_OF = frozenset({"emergency_repair", "urgent_repair"})


# Asking after the amends is no danger happening: "whats happening with that".
_ASKED_AFTER = re.compile(r"\bwhat'?s happening( with| about)?\b|\bwhat is happening( with| about)?\b")


def complained_of(text: str) -> bool:
    """Whether the message asks amends for a repair long past, and says nothing is wrong now."""
    now = _ASKED_AFTER.sub(" ", text)
    return bool(
        _AMENDS.search(text) and _LONG_PAST.search(text) and not _PRESENT.search(now) and not _SO_NOW.search(now)
    )


def _a_thing_in_the_home(doc: Doc, start: int, end: int) -> bool:
    """Whether the fire or smoke a fire match rests on is an appliance or a safety device."""
    for i in range(start, end):
        if doc[i].lower_ not in ("fire", "smoke"):
            continue
        before = doc[i - 1].lower_ if i > 0 else ""
        after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if after in _FIRE_AS_A_THING_AFTER or (doc[i].lower_ == "fire" and before in _FIRE_AS_A_THING_BEFORE):
            return True
    return False


# What a break-in into which leaves the home itself secure: "our shed was broken into", "my car got broken into".
_NOT_THE_HOME = frozenset(
    {
        "shed",
        "garage",
        "car",
        "van",
        "bike",
        "bikes",
        "outhouse",
        "allotment",
        "lockup",
        "storage",
        "motorbike",
        "scooter",
        "greenhouse",
        "cellar",
        "store",
    }
)


def _not_the_home(doc: Doc, start: int) -> bool:
    if doc[start].lemma_ not in _BREAK and doc[start].lower_ not in ("break", "broke", "broken"):
        return False
    return any(t.lower_ in _NOT_THE_HOME for t in doc[max(0, start - 4) : start])


def _broken_in_a_room(doc: Doc, start: int, end: int) -> bool:
    """'broken in the back bedroom': a thing broken, and where it is."""
    following = [t.lower_ for t in doc[end : end + 4]]
    return (
        doc[end - 1].lower_ == "in"
        and bool(following)
        and following[0] in ("the", "my", "our", "his", "her", "their")
        and any(word in _ROOM for word in following[1:])
    )


# "theres a second loo but thats blocked": another toilet, taken back. ("boiler still works but I
# can't change the temperature" is still a reassurance: what follows "but" there is the fault.)
_BUT = frozenset({"but", "except"})
_ANOTHER = frozenset({"another", "second", "spare"})


def _another_one(doc: Doc, start: int, end: int) -> bool:
    return any(token.lower_ in _ANOTHER for token in doc[start:end])


def _taken_back(doc: Doc, end: int) -> bool:
    """A reassurance whose own clause goes on to take it back ("but", "except"), before the next
    sentence or comma-less run of six words ends."""
    for token in doc[end : end + 6]:
        if token.is_punct and token.text in ".!?;":
            return False
        if token.lower_ in _BUT:
            return True
    return False


# What pours onto or damages a wall without anyone meaning it: "water pours down the wall when it
# rains", "theres water damage on the wall", "the damp has damaged the wall" were criminal damage.
_WEATHER = frozenset(
    {
        "water",
        "rain",
        "rainwater",
        "damp",
        "leak",
        "leaking",
        "flood",
        "flooding",
        "condensation",
        "mould",
        "mold",
        "storm",
        "wind",
        "weather",
        "frost",
        "ice",
        "snow",
        "sewage",
        "gutter",
        "pipe",
    }
)


def _done_by_the_weather(doc: Doc, start: int) -> bool:
    """Damage or pouring that water or the weather did, not a person."""
    if not doc[start].lower_.startswith(("pour", "damag")):
        return False
    return any(token.lower_ in _WEATHER for token in doc[max(0, start - 3) : start])


def _a_likeness(doc: Doc, start: int) -> bool:
    """ "the edge is sharp as a knife": a weapon named only to say what something is like."""
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    return before in (["as", "a"], ["like", "a"], ["as", "any"])


# "like someone hitting them with a hammer", "sounds like somebody kicking the door": a noise likened
# to violence, not violence.
_LIKENED = (("like", "someone"), ("like", "somebody"), ("as", "if"), ("as", "though"), ("sounds", "like"))


def _likened_to_it(doc: Doc, start: int) -> bool:
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    return any(pair in _LIKENED for pair in zip(before, before[1:]))


# "smashed up with a hammer", "forced it open with a crowbar": a tool used on a thing. "next doors cat
# keeps trying to get in": an animal at the door, not a person breaking in.
_DONE_TO_A_THING = frozenset(
    {
        "smash",
        "smashed",
        "break",
        "broke",
        "broken",
        "damage",
        "damaged",
        "bash",
        "bashed",
        "bang",
        "banged",
        "fix",
        "fixed",
        "open",
        "opened",
        "prise",
        "prised",
        "force",
        "forced",
        "up",
    }
)
_ANIMALS = frozenset(
    {
        "cat",
        "cats",
        "dog",
        "dogs",
        "fox",
        "foxes",
        "mouse",
        "mice",
        "rat",
        "rats",
        "pigeon",
        "pigeons",
        "bird",
        "birds",
        "squirrel",
        "squirrels",
        "wasps",
        "bees",
        "water",
        "rain",
        "damp",
        "draught",
        "wind",
    }
)


def _not_at_a_person(doc: Doc, start: int) -> bool:
    before = {t.lower_ for t in doc[max(0, start - 4) : start]}
    if doc[start].lower_ == "with":
        return bool(before & _DONE_TO_A_THING)
    if doc[start].lemma_ in ("try", "trying"):
        return bool(before & _ANIMALS)
    return False


# "hes downstairs", "we've got the one upstairs", "she went upstairs": a floor of the tenant's own
# home, not the people who live above or below ("the man upstairs", "upstairs are at it again").
_UP_OR_DOWN = frozenset({"upstairs", "downstairs"})
_IN_ONE_S_OWN_HOME = frozenset(
    {
        "is",
        "'s",
        "s",
        "hes",
        "shes",
        "im",
        "i'm",
        "am",
        "are",
        "were",
        "was",
        "went",
        "gone",
        "go",
        "goes",
        "going",
        "come",
        "comes",
        "came",
        "run",
        "ran",
        "sleeping",
        "asleep",
        "stayed",
        "stays",
        "waiting",
        "sat",
        "sitting",
        "one",
        "bathroom",
        "toilet",
        "loo",
        "bedroom",
        "bedrooms",
        "stairs",
        "them",
        "it",
        "kids",
        "baby",
    }
)


# "the downstairs loo", "the upstairs radiators", not "the downstairs flat".
_ROOMS_AND_FITTINGS = frozenset(
    {
        "loo",
        "toilet",
        "bathroom",
        "bedroom",
        "bedrooms",
        "hall",
        "hallway",
        "landing",
        "lounge",
        "kitchen",
        "room",
        "rooms",
        "window",
        "windows",
        "radiator",
        "radiators",
        "rads",
        "lights",
        "light",
        "ceiling",
        "floor",
        "carpet",
    }
)


def _a_floor_of_the_home(doc: Doc, start: int) -> bool:
    if doc[start].lower_ not in _UP_OR_DOWN:
        return False
    after = doc[start + 1].lower_ if start + 1 < len(doc) else ""
    return after in _ROOMS_AND_FITTINGS or (start > 0 and doc[start - 1].lower_ in _IN_ONE_S_OWN_HOME)


_CALLED = frozenset({"say", "call", "think", "describe"})


def _threat_denied(doc: Doc, start: int) -> bool:
    """ "i wouldnt say hes threatening", "i dont think she meant it as threatening": a threat the
    tenant denies in more words than a negation just before it."""
    if not doc[start].lower_.startswith("threat"):
        return False
    before = doc[max(0, start - 6) : start]
    negated = any(t.lemma_ in NEGATORS or t.lower_ in NEGATORS for t in before)
    return negated and any(t.lemma_ in _CALLED for t in before)


def ruled_out(name: str, start: int, end: int, doc: Doc, text: str, past: bool) -> bool:
    """Whether the match named `name`, over tokens `start` to `end`, is taken back by what is
    around it: danger `past` and put right (see `settled`), a word just before it denying it, "the
    key broke in the lock" or "the handle is broken in the bedroom", which are no break-in, a gas
    fire or a smoke alarm, which are no fire, a broken dial on a storage heater, or a reassurance
    taken back in the same breath."""
    if past and name in SETTLED:
        return True
    if name in _OVER_AND_COMPLAINED_OF and complained_of(text):
        return True
    if name in NEGATABLE and any(t.lemma_ in NEGATORS or t.lower_ in NEGATORS for t in doc[max(0, start - 3) : start]):
        return True
    if name == Finding.FIRE.value:
        return _a_thing_in_the_home(doc, start, end)
    if name == Finding.ASB_HIGH_RISK.value and (
        _done_by_the_weather(doc, start) or _threat_denied(doc, start) or _a_likeness(doc, start)
    ):
        return True
    if name in (Finding.ASB_HIGH_RISK.value, Finding.DANGER_TO_LIFE.value) and _likened_to_it(doc, start):
        return True
    if name == Finding.DANGER_TO_LIFE.value and _not_at_a_person(doc, start):
        return True
    if name == Finding.NEIGHBOUR.value:
        return _a_floor_of_the_home(doc, start)
    if name == Finding.DOMESTIC_ABUSE.value:
        # "hes going to kill my brother. hes kicking the door": the relative and the violence in two
        # sentences are not one person doing it to the tenant.
        return any(token.text in (".", "!", "?") for token in doc[start:end])
    if name == Finding.REASSURANCE.value:
        return _another_one(doc, start, end) and _taken_back(doc, end)
    if name == Finding.URGENT_REPAIR.value:
        return (end < len(doc) and doc[end].lower_ in _PARTS) or _rain_off_the_outside(text)
    if name != Finding.EMERGENCY_REPAIR.value:
        return False
    if bool(_KEY_BROKEN_IN.search(text)) and doc[start].lemma_ in _BREAK:
        return True
    return _broken_in_a_room(doc, start, end) or _garden_wall_alone(doc, start, end, text) or _not_the_home(doc, start)


def revised(found: Set[Finding], text: str, doc: Doc) -> Set[Finding]:
    """The findings once checks on the whole (lower-cased) message are made, which no pattern can.
    A new set: `found` is left as it was."""
    found = set(found)
    if settled(text) or complained_of(text):
        found.add(Finding.REASSURANCE)
    elif danger_now(_DENIED.sub(" ", text)):
        found |= {Finding.DANGER_TO_LIFE, Finding.EMERGENCY_REPAIR}
    if _HURT_AND_NOT_RESPONDING.search(text) or _SEEN_LYING.search(text):
        found.add(Finding.DANGER_TO_LIFE)
    if _VIOLENCE_NOW.search(text) and (Finding.ASB_HIGH_RISK in found or _AT_A_PERSON.search(text)):
        found.add(Finding.DANGER_TO_LIFE)
    if Finding.GAS in found and _only_the_alarm_wanted(text):
        found.discard(Finding.GAS)
    if carbon_monoxide_told(text):
        found.add(Finding.GAS)
    if _STARRED_SLUR.search(text):
        found |= {Finding.HATE_INCIDENT, Finding.ASB_HIGH_RISK}
    if (_YOUR_KIND.search(text) and _NOT_WANTED_HERE.search(text)) or _TARGETED_FOR_WHO.search(text):
        found |= {Finding.HATE_INCIDENT, Finding.ASB_HIGH_RISK}
    if _NOOSE_LEFT_FOR_THEM.search(text):
        found = (found - {Finding.SELF_HARM}) | {Finding.HATE_INCIDENT, Finding.ASB_HIGH_RISK}
    if {Finding.HATE_INCIDENT, Finding.DOMESTIC_ABUSE} <= found and _OUTSIDERS.search(text):
        found.discard(Finding.DOMESTIC_ABUSE)
    if _WANTS_TO_JUMP.search(text) or _ARRANGED_FOR_AFTER.search(text) or _AFTER_I_AM_GONE.search(text):
        found.add(Finding.SELF_HARM)
    if _NOT_BE_HERE.search(text):
        found.add(Finding.SELF_HARM)
    neighbours = Finding.NEIGHBOUR in found or bool(_COMMUNAL.search(text))
    no_family = not any(t.lemma_ in _RELATIVES or t.lower_ in _RELATIVES for t in doc)
    if (
        Finding.DOMESTIC_ABUSE in found
        and neighbours
        and not _NEIGHBOURS_WITNESS.search(text)
        and (_NEIGHBOURS_FAMILY.search(text) or no_family)
    ):
        # "my neighbour grabbed me by the throat", "next door's son punched my husband":
        # violence from the people next door, not from the tenant's own family.
        found = (found - {Finding.DOMESTIC_ABUSE}) | {Finding.ASB_HIGH_RISK}
    if Finding.ASB_HIGH_RISK in found and _COMMUNAL.search(text) and no_family:
        # A threat or violence where the people of a block meet, from nobody named as family, is a
        # neighbour's: "he grabbed me by the throat in the corridor because he said my kids were
        # too loud", which the model read as domestic abuse.
        found.add(Finding.NEIGHBOUR)
    if Finding.WATER_LEAK in found and _WILL_NOT_STOP.search(text):
        found.add(Finding.URGENT_REPAIR)
    if control_by_family(text, doc):
        found.add(Finding.DOMESTIC_ABUSE)
    if any(pattern.search(text) for pattern in _ABUSE_AT_HOME) or (
        # "he" is the neighbour named, or the worker, when one is.
        _MENDED_BEFORE_HE_RETURNS.search(text) and not _WORKER.search(text) and Finding.NEIGHBOUR not in found
    ):
        # Told of the person they live with whoever else the message names ("the noise
        # complaint from next door, the noise is us. he throws me about").
        found.add(Finding.DOMESTIC_ABUSE)
    # Last, so that the checks above (English words of family, of witnesses) never move them. What is
    # over and put right, or only complained of, stays taken back.
    told = found_told_indirectly(text, Finding.NEIGHBOUR in found) | found_in_other_languages(text)
    if settled(text) or complained_of(text):
        told = frozenset(f for f in told if f.value not in SETTLED)
    if only_an_apology(text):
        told |= {Finding.APOLOGY}
    return found | told
