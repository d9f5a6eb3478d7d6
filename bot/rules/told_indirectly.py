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
# Affairs put in order for after: "if anything happens to me can you make sure my cat goes to my
# neighbour. ive written it all down and left it on the table"; "rent will be paid off friday, thats
# the last thing sorted. goodbye and thanks for everything". Either half alone is everyday business
# (a next of kin asked for, a tenancy ended with thanks).
_IF_ANYTHING_HAPPENS = re.compile(r"\bif (anything|something) (happens|should happen|were to happen|happened) to me\b")
# ...or who takes the pets: "if anything happens to me can you make sure my dog Bella goes to my sister".
_PETS_PASSED_ON = re.compile(
    r"\bmy (dog|cat|pets?|budgie|rabbit|bird|parrot|hamster|fish)\b[^.!?]{0,40}\b(goes|go|gets|get|is taken|"
    r"looked after|taken in|rehomed)\b"
)
_LEFT_IN_ORDER = re.compile(
    r"\b(written|wrote) (it |everything )?(all )?down\b|"
    r"\bleft (it|them|a note|a letter|letters|notes|everything|instructions) (on|under|in|for)\b|\bgoodbye\b"
)
_LAST_THING = re.compile(
    r"\b(that'?s|thats|that is|the) (the )?last thing (sorted|done|to sort|i needed to (do|sort))\b"
)
_FAREWELL = re.compile(r"\b(goodbye|bye|farewell)\b|\bthank(s| you) for everything\b")
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
# A partner's violence told by what it broke: "my husband put a chair through it when i told him to go".
_PARTNER_BROKE = re.compile(
    r"\bmy (husband|partner|boyfriend|ex|ex-partner|ex-husband|fella|wife|girlfriend)\b[^.!?]{0,30}"
    r"\b(put|threw|chucked|smashed|kicked|punched|slammed) (a |the |my |his |her )?\w+ (through|in|down)\b"
)
# Silenced with a threat: "he said if i tell anyone hell take the kids".
_SILENCED = re.compile(
    r"\bif i (tell|told|say anything to) (anyone|anybody|someone|the police|you|social services)\b[^.!?]{0,10}"
    r"\b(he'?ll|hell|he will|he would|he'?d|hed|she'?ll|she will|she would|they'?ll|theyll)\b"
)
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
# Someone being beaten this minute: "battering someone in the car park ... still kicking his head",
# "my son is getting jumped outside the shop RIGHT NOW". Of a third person: "he's hitting me" is
# told by the rules for abuse and violence already.
_BEATING_SOMEONE = re.compile(
    r"\b(battering|beating|kicking|stamping on|stomping on|jumping on|laying into|glassing|stabbing)\b"
    r"( (the )?(hell|shit|crap) out of)? (someone|somebody|a man|a woman|a lad|a kid|this (man|lad|guy|kid)|"
    r"(his|her|their) head|my (son|daughter|lad|boy|girl|husband|wife|partner|dad|mum|brother|sister))\b"
)
# A beating that has not stopped: "punched my son in the face ... and hes still going at him".
_STILL_GOING_AT = re.compile(r"\bstill (going at|hitting|punching|kicking|laying into|on top of) (him|her|them|me)\b")
_BEING_JUMPED = re.compile(r"\b(getting|being) (jumped|battered|beaten( up)?|stabbed|attacked|glassed|set upon)\b")
_NOW = re.compile(r"\b(right now|now|as we speak|this minute|hurry)\b")
# Someone not heard from, told by the day they were last: "my mum hasnt picked up her phone since
# tuesday ... can someone please go and knock". A welfare check is the police's, at once.
_NOT_HEARD_FROM = re.compile(
    r"\b(she|he|they|mum|mam|dad|nan|gran|grandad|neighbour|sister|brother|son|daughter|man|woman|lady|fella|bloke)\b[^.!?]{0,20}"
    r"\b(has ?n'?t|have ?n'?t|not|never)\b[^.!?]{0,10}\b(answered|picked up|replied|rung|called|been seen|"
    r"been out|opened (the|her|his|their) door)\b[^.!?]{0,30}\bsince (monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|the weekend|last (week|\w+day))\b"
)
# A weapon at the door now: "group of men outside my door with a baseball bat ... theyre hammering on it".
_WEAPON = re.compile(r"\b(bats?|baseball bats?|knife|knives|machete|hammer|crowbar|weapons?|gun|axe)\b")
_AT_THE_DOOR_NOW = re.compile(
    r"\b(outside|at) (my|our|the) (door|front door|window|flat|house)\b[^.!?]{0,80}\b(hammering|banging|kicking|"
    r"shouting|screaming|trying to (get|break) in)\b"
)
# An alarm sounding with no answer at the door: "my neighbours pull cord alarm has been going for ages
# and shes not answering the door".
_ALARM_SOUNDING = re.compile(
    r"\b(pull ?cord|careline|lifeline|personal alarm|alarm)\b[^.!?]{0,30}\b(going|sounding|ringing)\b"
)
_NO_ANSWER_AT_THE_DOOR = re.compile(
    r"\b(not|isn'?t|is not|hasn'?t|has not|won'?t) (answering|answered|answer|coming to|opening) (the|her|his|their) door\b"
)
# Criminal damage told by what was thrown: "front window egged 3 nights running".
_EGGED = re.compile(
    r"\b(window|windows|door|doors|car|house|flat)s? (got |been |was |were |have been |has been |keeps getting )?"
    r"(egged|bricked|paintballed)\b|\b(egged|bricked) (my|our|the|her|his)\b"
)
# Arson: "the big bins under my window have been lit", "someone set fire to the bin store".
_SET_ALIGHT = re.compile(
    r"\b(bins?|wheelie bins?|bin store|bin shed|rubbish|car|cars|van|shed|fence|door|letterbox|pram|mattress)\b"
    r"[^.!?]{0,25}\b(been|was|were|got|have been|has been) (lit|set (on fire|alight|ablaze)|torched|burnt out)\b|"
    r"\b(set|sets|setting) (fire|light) to (the|my|our|a|her|his) (bins?|car|shed|door|fence|bin store|rubbish)\b"
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
_SCORCH_MARKS = re.compile(r"\b(scorch\w*|burn marks?|black marks?|singed)\b")
_BURNING_SMELL = re.compile(
    r"\bburn(ing|t)( plastic| rubber)? smell\b|\bsmell\w* (of |like )?burn\w*|\bburnt plastic\b|\bmelted plastic\b"
)
_ELECTRICS = re.compile(
    r"\b(socket|sockets|plug|switch|fuse ?box|consumer unit|light fitting|wires?|wiring|electrics|cable|"
    r"storage heater|heater|extension lead)\b"
)
_GLOWING = re.compile(
    r"\b(glowing|red hot)\b[^.!?]{0,80}\b(carpet|curtains?|floor|rug|wall|skirting)\b[^.!?]{0,30}"
    r"\b(brown|black|crispy|scorch\w*|singed|melt\w*|smok\w*)\b"
)
# Electrics smoking: "my electric shower started smoking while my daughter was in it".
_SMOKING = re.compile(
    r"\b(electric shower|shower|socket|plug|switch|pull cord|fuse ?box|consumer unit|heater|extension lead|"
    r"light fitting)\b[^.!?]{0,25}\b(started|is|was|keeps|been|went) smoking\b"
)
_FIZZING = re.compile(
    r"\b(consumer unit|fuse ?box|fuse ?board|trip switch\w*|socket|sockets|light fitting|light switch|electrics|meter)\b"
    r"[^.!?]{0,40}\b(fizz\w*|crackl\w*|popping|sizzl\w*|spit\w* (out )?(blue |orange )?sparks)\b"
)
# "no sparks or burning smell", "not fizzing": a sign denied earlier in its clause.
_DENIED_BEFORE = re.compile(r"\b(no|not|never|without|nor|isn'?t|isnt|wasn'?t|wasnt)\b[^.,;!?]{0,25}$")
# Gas told by the smell of a ring left on.
_SMELL_LEFT_ON = re.compile(
    r"\bsmell\w*\b[^.!?]{0,40}\b(when|like|as if)\b[^.!?]{0,30}\b(been )?left (the (hob|gas|cooker|oven|rings?|burners?) )?on\b"
)
_COOKING_WITH_GAS = re.compile(r"\b(hob|cooker|ring|rings|gas|oven|burner)\b")

# No power at all, no heating, no hot water, told by what it does to a household.
_NO_POWER = re.compile(
    r"\b(electrics?|electricity|power)\b[^.!?]{0,20}\b(off|out|gone|cut)\b[^.!?]{0,80}\bnothing (works|working|at all|is working)\b"
)
_NO_HEAT_TOLD_BY_ITS_EFFECTS = re.compile(
    r"\b(sleeping|sat|sitting|living) in (our|my|their) coats\b|"
    r"\bboil(ing|ed)? (the |a )?kettles? (to|for) (bath|wash|have a wash|the bath)\w*|"
    r"\btaps? (only )?(ever )?(run|runs|running|come|comes|coming)( out)? (stone |freezing |ice )?cold\b|"
    r"\b(rads|radiators)( are| r|'re)? (all )?(stone|freezing|ice) cold (all over|everywhere|throughout|in every room|"
    r"in the whole)\b|\b(all|every one of) (the|my|our) (rads|radiators)( are| r)? (stone |freezing |ice )?cold\b|"
    r"\bcold (showers|baths|washes) (for|since|every|all)\b|"
    r"\b(boiler|combi)('?s| has| is)? (had it|packed (in|up)|given up|died|dead|gone)\b(?! (all|yellow|orange|a bit|really|very))|"
    r"\b(boiler|combi) (is ?n'?t|isnt|not|won'?t|wont|will not|keeps not) (light|lighting|fire|firing|ignit\w*|"
    r"come on|coming on|turn on|start)\b"
)


# Sewage told by what comes up: "manhole cover in the back garden is overflowing, toilet paper and
# worse running down the path".
_OVERFLOWING = re.compile(
    r"\b(manhole|drain|drains|toilet|loo|sewer)\b[^.!?]{0,40}\b(overflow\w*|coming up|backing up|spilling|bubbling up)\b"
)
_WHAT_COMES_UP = re.compile(
    r"\b(toilet paper|toilet roll|loo roll|poo|poop|faeces|feces|and worse|human waste|turds?)\b"
)
# A leak not stopped by the valve: "pissing out water nonstop, turned the little valve and it still comes".
_STILL_COMES = re.compile(
    r"\b(turned|turning|shut|closed|tried) (off )?(the )?(little |main |isolation |isolating )?(valve|stopcock|stop ?tap)\b"
    r"[^.!?]{0,40}\b(still|keeps|won'?t stop|wont stop|carries on|not stopp\w*)\b"
)
# Water at the electrics, told the long way round: "water from the bathroom is coming out of the
# light fitting in the room below".
_WATER_AT_THE_LIGHT = re.compile(
    r"\b(water|it)\b[^.!?]{0,40}\b(coming|pouring|dripping|running|pissing|gushing|leaking|seeping) "
    r"(out of|through|from) (the |a |my )?(\w+ )?(light fitting|light|lights|bulb|spotlights?|ceiling rose)\b"
)
# A roof open to the sky: "we can see sky from the loft".
_SKY_THROUGH_THE_ROOF = re.compile(
    r"\b(see|seeing) (the )?(sky|stars)\b[^.!?]{0,20}\b(from|through|in) (the |my |our )?(loft|roof|ceiling|attic)\b"
)
# No heat told by the cold: "boiler pressure keeps dropping ... house is freezing".
_HOME_FREEZING = re.compile(
    r"\b(house|flat|home|place|it)('?s| is| has been|s been) (absolutely |bloody |so |fucking )?(freezing|baltic|like an ice ?box)\b"
)
_HEATING = re.compile(r"\b(boiler|combi|heating|radiators?|rads)\b")
# A way in to be boarded, asked for: "need the front room window boarded please", "can someone board up
# the door"; not "the flat next door is boarded up".
_TO_BE_BOARDED = re.compile(
    r"\b(need\w*|want\w*|get|to be|can (you|someone|somebody|u)|could (you|someone|somebody|u))\b[^.!?]{0,40}"
    r"\bboard(ed|ing)?\b|\bboard(ed|ing)?\b[^.!?]{0,30}\bplease\b"
)
# ...not one already boarded: "boarded it up myself", "weve boarded it".
_ALREADY_BOARDED = re.compile(
    r"\b(i|we|i'?ve|ive|we'?ve|weve|already|have|has|had|dad|he|she) (\w+ )?boarded\b|"
    r"\bboarded (it |them )?(up )?(myself|ourselves|already)\b"
)
# A stair rail come right off, not one coming loose: "the handrail on my stairs came off the wall in
# my hand, I nearly went down the lot"; "the whole stair banister came away in my hand". Every such
# message of the development sets was a same-day repair; every loose or wobbly rail routine.
_RAIL_OFF = re.compile(
    r"\b(hand ?rail|banister|bannister|stair ?rail|rail on (the|my|her|his|our|their) stairs)s?\b[^.!?]{0,40}\b(came|come|has come|have come|pulled|snapped|"
    r"fell|fallen|ripped) (clean |right )?(off|away|out)\b"
)


# A stroke told by its signs: "my dad's on the kitchen floor and he's not making sense, one side of
# his face has gone droopy". An ambulance at once.
_STROKE_SIGNS = re.compile(
    r"\b(face|mouth|smile)\b[^.!?]{0,25}\b(droop\w*|lopsided|gone funny on one side)\b|"
    r"\bslurr(ing|ed) (his|her|their|my) (words|speech)\b|\b(his|her|their) (words|speech) (is|are) (all )?slurred\b|"
    r"\b(can'?t|cant|cannot|unable to) (lift|raise|move) (his|her|their) (arm|arms|leg)\b"
)
# Smoke told by what it does: "thick black stuff billowing out of the bin chute room and the
# corridor is filling up".
_SMOKE_TOLD_BY_ITS_LOOK = re.compile(
    r"\b(thick|black|grey|gray|dark)\b[^.!?]{0,15}\b(stuff|smoke|fumes|cloud|clouds)\b[^.!?]{0,20}\b(billowing|pouring|belching|filling)\b|"
    r"\b(billowing|belching) (out )?(black|grey|gray|thick|dark)?\s?(smoke|stuff|fumes)?\b[^.!?]{0,40}\b(filling|can'?t see|cant see)\b|"
    r"\b(corridor|landing|stairwell|stairs|hallway|hall|flat|lobby)\b[^.!?]{0,15}\bfilling (up )?with (smoke|black|thick|grey)\b"
)
# Electrics melted, told by the smell: "electric shower has gone all melty on one side, the bathroom
# stinks of hot plastic".
_MELTED = re.compile(r"\b(melty|melted|melting|gone soft|bubbled|buckled)\b")
_HOT_PLASTIC = re.compile(r"\b(hot|burning|melting|melted) (plastic|rubber)\b|\bplastic(ky)? (burning )?smell\b")
_SHOWER = re.compile(r"\b(electric )?shower\b")
# Petrol put through the door: "someones pouring something through my letterbox and it stinks of
# petrol". An attack with fire, however it is told.
_POURED_THROUGH_THE_DOOR = re.compile(
    r"\b(pour\w*|squirt\w*|push\w*|put\w*|shov\w*|stuff\w*)\b[^.!?]{0,30}\b(through|thru) (my|the|our|her|his) "
    r"(letter ?box|door|front door|window)\b"
)
_ACCELERANT = re.compile(r"\b(petrol|lighter fluid|diesel|paraffin|white spirit|accelerant|fuel)\b")
# Someone held and hit this minute: "the guy from no.12 has got my son pinned against the wall in
# the stairwell and is punching him".
_PINNED_AND_HIT = re.compile(
    r"\bpinned (him|her|them|me|my \w+|\w+)? ?(against|to|on) (the )?(wall|floor|ground|door|railings?)\b[^.!?]{0,60}"
    r"\b(is|are|'s|keeps|still) (punching|hitting|kicking|strangling|choking|beating)\b|"
    r"\b(has|have|'s|got) (got )?(my \w+|him|her|someone|a \w+) pinned\b[^.!?]{0,60}\b(punching|hitting|kicking|strangling|choking|beating)\b"
)
# Money taken off someone who cannot stop it: "a group of teenagers keep taking money off my
# disabled neighbour every time he goes to the shop".
_PREYED_ON = re.compile(
    r"\b(taking|take|takes|took|stealing|steal|nicking|robbing|rob)\b[^.!?]{0,20}\b(money|cash|pension|benefits|shopping)?\s?"
    r"(off|from) (my |the |an? |our )?(disabled|elderly|old|vulnerable|blind|deaf|frail) "
    r"(neighbour|man|woman|lady|gentleman|bloke|fella|person|people|resident|tenant|lad|boy|girl|couple|chap)\b"
)
# A threat of a beating over something small: "he's said he'll put me in hospital if I park in his
# space again".
_PUT_IN_HOSPITAL = re.compile(
    r"\b(he'?ll|she'?ll|they'?ll|will|going to|gonna|threaten\w* to|would|he'?d|she'?d|they'?d)\s+(\w+\s+)?"
    r"(put|putting) (me|us|you|my \w+) in (the )?(hospital|a wheelchair|the ground|a box|intensive care)\b"
)
# A note wrapped round a brick: intimidation of a witness. "a brick through my window with a note
# saying grass".
_WITNESS_WARNED = re.compile(
    r"\b(saying|says|said|reads|reading|wrote|written|sprayed|spray ?painted|painted|scratched)\W+(the word )?[\"']?"
    r"(grass|grasses|snitch|snitches|you'?re next|keep (your )?mouth shut)\b"
)
# A hot water cylinder boiling: "the tank is too hot to touch and there's steam coming out the top".
_CYLINDER_BOILING = re.compile(
    r"\b(hot water (tank|cylinder)|cylinder|immersion|water tank|tank)\b[^.!?]{0,80}"
    r"\b(too hot to touch|steam(ing)? (coming|pouring|out)|boiling over)\b"
)
# A power line down where people walk: "the electric cable from the pole has come down and is lying
# across the pavement".
_POWER_LINE_DOWN = re.compile(
    r"\b(power ?(line|cable)s?|electric(ity)? (wire|line|cable)s?|overhead (wire|line|cable)s?|live (wire|cable)s?|"
    r"cables? from the (pole|pylon))\b[^.!?]{0,40}"
    r"\b(come down|came down|fallen|fell|down)\b[^.!?]{0,40}\b(lying|across|on the (pavement|road|path|ground|street))\b"
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
    passed_on = _LEFT_IN_ORDER.search(text) or _PETS_PASSED_ON.search(text)
    in_order = (_IF_ANYTHING_HAPPENS.search(text) and passed_on) or (
        _LAST_THING.search(text) and _FAREWELL.search(text)
    )
    if _PREPARATIONS.search(text) or no_future or in_order or (_ROPE.search(text) and _NO_ONE_LEFT.search(text)):
        found.add(Finding.SELF_HARM)
    unsaid = _CANNOT_SAY_WHY.search(text) and _HE_DID_IT.search(text) and not neighbours_named
    hidden = _KEPT_FROM_HIM.search(text) or unsaid
    if hidden or _PHONE_TAKEN.search(text) or _LOCKED_MYSELF_IN.search(text) or _PARTNER_BROKE.search(text):
        found.add(Finding.DOMESTIC_ABUSE)
    if _SILENCED.search(text):
        # From the people next door, a threat; from anyone else, the person the tenant lives with.
        found.add(Finding.ASB_HIGH_RISK if neighbours_named else Finding.DOMESTIC_ABUSE)
    thrown = _THROWN_AT_THE_HOME.search(text)
    dog = _DOG_SET_ON.search(text)
    if thrown or dog or _THREAT_GESTURE.search(text) or _SORT_OUT.search(text) or _CORNERED.search(text):
        found.add(Finding.ASB_HIGH_RISK)
    if _EGGED.search(text) or _SET_ALIGHT.search(text):
        found.add(Finding.ASB_HIGH_RISK)
    if _PREYED_ON.search(text) or _PUT_IN_HOSPITAL.search(text) or _WITNESS_WARNED.search(text):
        found.add(Finding.ASB_HIGH_RISK)
    if _POURED_THROUGH_THE_DOOR.search(text) and _ACCELERANT.search(text):
        found |= {Finding.ASB_HIGH_RISK, Finding.FIRE}
    jumped_now = _BEING_JUMPED.search(text) and _NOW.search(text)
    beaten_now = _BEATING_SOMEONE.search(text) or _STILL_GOING_AT.search(text) or jumped_now
    pinned = _PINNED_AND_HIT.search(text)
    if beaten_now or pinned or (_WEAPON.search(text) and _AT_THE_DOOR_NOW.search(text)):
        found |= {Finding.ASB_HIGH_RISK, Finding.DANGER_TO_LIFE}
    if (
        (thrown and _STILL_THERE.search(text))
        or (dog and _DOG_HOLDING_ON.search(text))
        or (_CORNERED.search(text) and _IN_A_HAND.search(text))
        or _NOT_HEARD_FROM.search(text)
        or (_ALARM_SOUNDING.search(text) and _NO_ANSWER_AT_THE_DOOR.search(text))
        or _said(_STROKE_SIGNS, text)
        or _said(_POWER_LINE_DOWN, text)
    ):
        found.add(Finding.DANGER_TO_LIFE)
    marked = _said(_SCORCH_MARKS, text) or _said(_MELTED, text)
    smelt = _said(_BURNING_SMELL, text) or _said(_HOT_PLASTIC, text)
    scorched = marked and smelt and (_ELECTRICS.search(text) or _SHOWER.search(text))
    if _said(_SMOKE_TOLD_BY_ITS_LOOK, text):
        found.add(Finding.FIRE)
    if any(_said(pattern, text) for pattern in (_SCORCHING, _FIZZING, _GLOWING, _SMOKING)) or scorched:
        found.add(Finding.FIRE)
    if _said(_SMELL_LEFT_ON, text) and _COOKING_WITH_GAS.search(text):
        found.add(Finding.GAS)
    sewage = _OVERFLOWING.search(text) and _WHAT_COMES_UP.search(text)
    at_the_electrics = any(_said(pattern, text) for pattern in (_WATER_AT_THE_LIGHT, _SKY_THROUGH_THE_ROOF))
    if (
        _NO_POWER.search(text)
        or _RAIL_OFF.search(text)
        or sewage
        or at_the_electrics
        or (_said(_TO_BE_BOARDED, text) and not _ALREADY_BOARDED.search(text))
    ):
        found.add(Finding.EMERGENCY_REPAIR)
    if _said(_CYLINDER_BOILING, text):
        found.add(Finding.EMERGENCY_REPAIR)
    if _STILL_COMES.search(text):
        found |= {Finding.WATER_LEAK, Finding.URGENT_REPAIR}
    if _NO_HEAT_TOLD_BY_ITS_EFFECTS.search(text) or (_HOME_FREEZING.search(text) and _HEATING.search(text)):
        found.add(Finding.URGENT_REPAIR)
    return frozenset(found)
