"""The deterministic rules, one table per finding: what must fire, and what must not."""

import pytest

from bot.rules import Finding, shared_rules


def found(text):
    return shared_rules().find(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.GAS, "I can smell gas in the kitchen"),
        (Finding.GAS, "smelt a bit of gas when i came in"),
        (Finding.HATE_INCIDENT, "he called me a f-g in front of my kids"),
        (Finding.GAS, "think theres a gas leak"),
        (Finding.GAS, "the CO alarm keeps beeping"),
        (Finding.GAS, "carbon monoxide detector going off"),
        (Finding.GAS, "hissing gas pipe behind the cooker"),
        (Finding.FIRE, "my flat is on fire"),
        (Finding.FIRE, "there's a fire in the bin store"),
        (Finding.FIRE, "smoke coming out of the socket"),
        (Finding.FIRE, "the kitchen is burning"),
        (Finding.DANGER_TO_LIFE, "a man with a knife is outside my door"),
        (Finding.DANGER_TO_LIFE, "someone is trying to break in right now"),
        (Finding.DANGER_TO_LIFE, "he's gonna kill me"),
        (Finding.DANGER_TO_LIFE, "my neighbour isnt breathing"),
        (Finding.DOMESTIC_ABUSE, "my partner hit me last night"),
        (Finding.DOMESTIC_ABUSE, "my husband won't let me leave the house"),
        (Finding.DOMESTIC_ABUSE, "i'm scared of my ex"),
        (Finding.DOMESTIC_ABUSE, "i'm being hit by my boyfriend"),
        (Finding.SELF_HARM, "i want to kill myself"),
        (Finding.SELF_HARM, "i cant go on anymore"),
        (Finding.SELF_HARM, "i want to end it all"),
        (Finding.SELF_HARM, "i dont want to be here anymore"),
        (Finding.SELF_HARM, "feeling suicidal tonight"),
        (Finding.SELF_HARM, "ive been cutting my wrists"),
        (Finding.SELF_HARM, "i want to go to sleep and not wake up"),
        (Finding.SELF_HARM, "thinking of taking all my tablets"),
        (Finding.SELF_HARM, "everyone would be better off without me"),
        (Finding.EMERGENCY_REPAIR, "water coming through the light fitting"),
        (Finding.EMERGENCY_REPAIR, "the socket is sparking"),
        (Finding.EMERGENCY_REPAIR, "bathroom ceiling is bulging and about to collapse"),
        (Finding.EMERGENCY_REPAIR, "front door wont lock after the break in"),
        (Finding.EMERGENCY_REPAIR, "no electricity at all in the flat"),
        (Finding.URGENT_REPAIR, "no heating and no hot water"),
        (Finding.URGENT_REPAIR, "boiler has packed up"),
        (Finding.URGENT_REPAIR, "burst pipe in the loft"),
        (Finding.URGENT_REPAIR, "cant turn the water off"),
        (Finding.DAMP_MOULD, "black mould in the bedroom"),
        (Finding.DAMP_MOULD, "walls are damp"),
        (Finding.ASB_HIGH_RISK, "they threatened to stab me"),
        (Finding.ASB_HIGH_RISK, "someone smashed my car window on purpose"),
        (Finding.ASB_HIGH_RISK, "racist abuse from next door"),
        (Finding.HATE_INCIDENT, "homophobic comments shouted at me"),
        (Finding.HATE_INCIDENT, "they pick on me because i'm muslim"),
        (Finding.ASB_HIGH_RISK, "he told me id better keep my mouth shut if i know whats good for me"),
        (Finding.ASB_HIGH_RISK, "she said i should watch my back"),
        (Finding.VULNERABLE, "my mum is seriously ill and lives with me"),
        (Finding.VULNERABLE, "my nan is 87"),
        (Finding.DISSATISFIED, "nobody has come out in three weeks"),
        (Finding.DISSATISFIED, "my carpet is ruined. i want compensation"),
        (Finding.DISSATISFIED, "your contractor didnt turn the water back on properly"),
        (Finding.DISSATISFIED, "the window cleaner hasnt been round for months and we still pay for it"),
        (Finding.DISSATISFIED, "still paying for a caretaker who never comes"),
    ],
)
def test_each_rule_fires_on_what_tenants_write(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.GAS, "when is my annual gas safety check"),
        (Finding.GAS, "how do i top up my gas meter"),
        (Finding.FIRE, "the fire door on the landing wont close"),
        (Finding.FIRE, "fire alarm needs a new battery"),
        (Finding.DOMESTIC_ABUSE, "my son is scared of the dark since the light broke"),
        (Finding.SELF_HARM, "i cant go on like this with the damp"),
        (Finding.EMERGENCY_REPAIR, "the kitchen door won't close properly"),
        (Finding.EMERGENCY_REPAIR, "dripping tap in the bathroom"),
        (Finding.URGENT_REPAIR, "one radiator is a bit cold"),
        (Finding.ASB_HIGH_RISK, "loud music every night"),
        (Finding.URGENT_REPAIR, "extractor fan in the bathroom has stopped working"),
        (Finding.ASB_HIGH_RISK, "kids kicking a football against my wall for hours on end"),
        (Finding.HATE_INCIDENT, "can i have a walk in shower put in because of my disability"),
        (Finding.ASB_HIGH_RISK, "f*** off you useless piece of sh*t"),
        (Finding.VULNERABLE, "ok dont worry ill just do it on here"),
        (Finding.ASB_HIGH_RISK, "can you come tuesday or else wednesday"),
        (Finding.ASB_HIGH_RISK, "im going to get a plumber in myself"),
        (Finding.ASB_HIGH_RISK, "the kids are throwing a ball about on the green"),
        (Finding.SELF_HARM, "i want to jump the queue for a transfer"),
        (Finding.HATE_INCIDENT, "fgfg"),
        (Finding.HATE_INCIDENT, "my fgas engineer is coming tomorrow"),
        (Finding.DOMESTIC_ABUSE, "my neighbours dog bit me on the stairs"),
        (Finding.FIRE, "my son smokes in his room and the ceiling is yellow"),
        (Finding.ASB_HIGH_RISK, "my neighbour just told me hes going to kill himself"),
        (Finding.SELF_HARM, "would you notice if i was away for a fortnight"),
        (Finding.DANGER_TO_LIFE, "the new boiler is a good fit for the cupboard"),
    ],
)
def test_rules_stay_quiet_on_everyday_messages(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "text", ["", "   ", "\x00\x01\x02", "🔥" * 500, "a" * 100_000, "مرحبا", "<script>alert(1)</script>"]
)
def test_odd_input_is_handled_without_error(text):
    assert isinstance(found(text), frozenset)


def test_a_lone_surrogate_is_read_past_and_the_rules_still_fire():
    """Valid JSON can carry "\\ud800"; it is no character, and must not stop the rules."""
    assert Finding.GAS in found("i can smell gas \ud800 in the kitchen\udfff")


@pytest.mark.parametrize("text", ["🏠" * 50_000, "'s" * 25_000, "$" * 50_000, "(a" * 25_000, "_" * 50_000])
def test_a_long_unbroken_string_is_read_in_linear_time(text):
    """spaCy splits such a string in time that grows with the square of its length: these took
    minutes each, and the Rasa server, whose one thread runs the rules, answered nobody else."""
    import time

    started = time.monotonic()
    found(text)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    "text",
    [
        "i can smell gas " + "🔥" * 5000,
        "🔥" * 5000 + " i can smell gas",
        "smell gas" + "!" * 5000,
        "'s" * 200 + " there is a smell of gas",
    ],
)
def test_the_rules_still_fire_beside_a_long_unbroken_string(text):
    assert Finding.GAS in found(text)


# --- said without saying it (the wordings issue 12 lists) ----------------------------------


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.SELF_HARM, "sorry to bother you, ive taken a load of my tablets and now im scared"),
        (Finding.SELF_HARM, "i wont be around much longer so it doesnt matter"),
        (Finding.SELF_HARM, "ive been saving up my pills for weeks"),
        (Finding.SELF_HARM, "i keep my arms covered with long sleeves so no one sees the cuts"),
        (Finding.SELF_HARM, "gave my cat to my sister and said my goodbyes"),
        (Finding.SELF_HARM, "i cant do this anymore"),
        (Finding.SELF_HARM, "everyone would be better off without me"),
        (Finding.GAS, "we all get headaches when the heating is on"),
        (Finding.GAS, "feeling dizzy and drowsy since the boiler was serviced"),
        (Finding.GAS, "theres black sooty marks round the boiler"),
        (Finding.GAS, "the flames on the gas fire have gone yellow"),
        (Finding.DANGER_TO_LIFE, "my elderly neighbour hasnt answered her door for 2 days"),
        (Finding.DANGER_TO_LIFE, "i can see her lying on the kitchen floor"),
        (
            Finding.DANGER_TO_LIFE,
            "theres two blokes fighting with a machete on the landing, ive locked myself in the bathroom",
        ),
        (Finding.DANGER_TO_LIFE, "my dad has fallen and he cant get up"),
        (Finding.DOMESTIC_ABUSE, "my husband controls all the money and checks my phone"),
        (Finding.DOMESTIC_ABUSE, "my ex keeps turning up at my flat at night"),
        (Finding.DOMESTIC_ABUSE, "he put his hands round my neck last night"),
        (Finding.DOMESTIC_ABUSE, "my son is 24 and he hits me when hes drunk"),
        (Finding.HATE_INCIDENT, "someone sprayed a swastika on our front door"),
        (Finding.HATE_INCIDENT, "the lads next door keep shouting go back to your own country"),
        (Finding.HATE_INCIDENT, "he called my husband a p*** in front of the kids"),
        (Finding.ASB_HIGH_RISK, "bacon left on our doorstep again, we're the only muslim family here"),
        # Threats told as what they said they would do, and violence told in other words.
        (Finding.ASB_HIGH_RISK, "the man downstairs says hes going to torch my car"),
        (Finding.ASB_HIGH_RISK, "she keeps telling me shes going to get me when im on my own"),
        (Finding.ASB_HIGH_RISK, "the lad at 14 attacked me outside the shop"),
        (Finding.ASB_HIGH_RISK, "kids throwing bricks at our windows every night"),
        (Finding.ASB_HIGH_RISK, "the neighbour put her hands round my neck on the stairs"),
        (Finding.DANGER_TO_LIFE, "a group of youths with a knife hanging round the bins"),
        (Finding.DANGER_TO_LIFE, "theres a fight on the landing outside my flat now"),
        (Finding.DANGER_TO_LIFE, "someone is bleeding badly in the stairwell"),
        (Finding.FIRE, "the telly in the lounge is smoking"),
        (Finding.FIRE, "the hallway is full of smoke"),
        (Finding.FIRE, "someone tried to set fire to the bins"),
        (Finding.DOMESTIC_ABUSE, "my husband locks me in when he goes to work"),
        (Finding.DOMESTIC_ABUSE, "my boyfriend smashed up the kitchen when i said i was leaving"),
        (Finding.SELF_HARM, "i just want to jump off the roof of the block"),
        (Finding.SELF_HARM, "im stood on the bridge and i want to jump"),
        (Finding.EMERGENCY_REPAIR, "the back door frame has rotted through and anyone could get in"),
        (Finding.EMERGENCY_REPAIR, "the bedroom window is hanging off, im on the third floor"),
        (Finding.EMERGENCY_REPAIR, "my ex kicked the front door in"),
        (Finding.SELF_HARM, "the lad next door says hes going to hang himself tonight"),
        (Finding.SELF_HARM, "nobody would even care if i wasnt around"),
        (Finding.DANGER_TO_LIFE, "my daughter is having a seizure and its not stopping"),
        (Finding.DOMESTIC_ABUSE, "my grandson takes all my pension off me every week"),
        (Finding.DOMESTIC_ABUSE, "my brother has been stealing my pension"),
    ],
)
def test_indirect_wordings_are_caught(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.EMERGENCY_REPAIR, "the socket is loose but no sparks or anything"),
        (Finding.EMERGENCY_REPAIR, "its dripping in the bathroom, no water near the electrics"),
        (Finding.GAS, "i dont smell gas, the boiler just wont light"),
        (Finding.GAS, "we had a gas leak last month, its fixed, i want to complain about how long it took"),
        (Finding.FIRE, "there was a fire in the bin store in march, it was sorted but nobody told us"),
        (Finding.URGENT_REPAIR, "the pipe burst last week and you fixed it but left a mess"),
        (Finding.URGENT_REPAIR, "when my boiler broke in january it took 9 days to fix, i want compensation"),
        (Finding.GAS, "i feel sick of waiting for the boiler man"),
        (Finding.ASB_HIGH_RISK, "he swore at me when i asked him to move the van, didnt threaten me though"),
        (Finding.ASB_HIGH_RISK, "nobody has threatened us, its just the noise"),
        (Finding.DOMESTIC_ABUSE, "we were burgled while we stayed at my mums, theyve smashed the lock"),
        (Finding.EMERGENCY_REPAIR, "the kitchen cupboard door is hanging off"),
        (Finding.EMERGENCY_REPAIR, "the units are falling apart, doors hanging off"),
        (Finding.EMERGENCY_REPAIR, "there was a break in last week, the door was fixed but i want a better lock"),
        # Over on a date, or "all fine now", however long it took.
        (
            Finding.GAS,
            "The gas leak I reported on 3 March took 11 hours for anyone to turn up. It was sorted in the end",
        ),
        (
            Finding.EMERGENCY_REPAIR,
            "when my ceiling came down in january it took your lot 9 days to come. its all fine now",
        ),
        (Finding.FIRE, "the fire in the bin store in the summer was sorted quickly, thank you"),
        # A smoke denied: "not smoking or anything, just dead".
        (Finding.FIRE, "the socket is not smoking or anything, just dead"),
        (Finding.EMERGENCY_REPAIR, "the socket is not smoking or anything, just dead"),
        (Finding.FIRE, "the telly isnt smoking but it wont come on"),
    ],
)
def test_what_is_negated_or_over_and_dealt_with_raises_nothing(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.GAS, "we had a gas leak last month and it was fixed but now i can smell gas again"),
        (Finding.SELF_HARM, "im not going to kill myself but i dont want to be here"),
        (Finding.ASB_HIGH_RISK, "he never threatened me before but now hes saying hes going to stab me"),
        (Finding.FIRE, "the socket wont stop smoking"),
        (Finding.FIRE, "the heater cant stop smouldering"),
    ],
)
def test_what_is_happening_again_or_about_a_person_is_never_taken_back(finding, text):
    assert finding in found(text)


# --- what a fifth outside set showed, said in other words --------------------------------------


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.SELF_HARM, "i honestly cant see any way out of this"),
        (Finding.SELF_HARM, "nothing left now but ending it"),
        (Finding.SELF_HARM, "this is my last text to anyone, sorry"),
        (Finding.SELF_HARM, "im sitting on the edge of the bridge"),
        (Finding.GAS, "the cooker is hissing and nothing is turned on"),
        (Finding.FIRE, "someone put lit rags through our letterbox"),
        (Finding.ASB_HIGH_RISK, "someone put lit rags through our letterbox"),
        (Finding.ASB_HIGH_RISK, "he said he'd sort me out if i called the council again"),
        (Finding.ASB_HIGH_RISK, "her lads will batter me if i say anything"),
        (Finding.ASB_HIGH_RISK, "he deliberately drove into my son on the car park"),
        (Finding.DOMESTIC_ABUSE, "she locked me in the flat all weekend"),
        (Finding.EMERGENCY_REPAIR, "they jemmied the back window"),
        (Finding.EMERGENCY_REPAIR, "the back door wont shut since the wind"),
        (Finding.EMERGENCY_REPAIR, "the glass fell out of the kitchen window"),
        (Finding.EMERGENCY_REPAIR, "a branch crashed through the bedroom window"),
        (Finding.EMERGENCY_REPAIR, "theres a hole in the roof after the storm"),
        (Finding.EMERGENCY_REPAIR, "rain pouring in through the bedroom ceiling"),
        (Finding.EMERGENCY_REPAIR, "its leaking down to the flat below"),
        (Finding.EMERGENCY_REPAIR, "sewage coming up through the drain outside"),
        (Finding.EMERGENCY_REPAIR, "bricks falling off the chimney onto the path"),
        (Finding.EMERGENCY_REPAIR, "my dad is stuck in the lift"),
        (Finding.URGENT_REPAIR, "the pipe under the bath has split and its squirting everywhere"),
        (Finding.URGENT_REPAIR, "the stop tap is seized and i cant shift it"),
        (Finding.NEIGHBOUR, "next doors kids are at it again"),
        (Finding.DOMESTIC_ABUSE, "she says if i tell anyone she'll take the kids"),
        (Finding.DOMESTIC_ABUSE, "my ex has been waiting outside the flat every night"),
        (Finding.DOMESTIC_ABUSE, "im terrified shes going to come back tonight"),
        (Finding.SELF_HARM, "ive left notes for my family on the table"),
        (Finding.SELF_HARM, "ive decided who gets my things"),
        (Finding.NEIGHBOUR, "the man at number 14 keeps parking across my drive"),
    ],
)
def test_other_wordings_of_danger_and_urgency_are_caught(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.SELF_HARM, "sitting on the edge of the bath, the tap is dripping again"),
        (Finding.SELF_HARM, "did you get my last message about the boiler"),
        (Finding.GAS, "the kettle hisses when it boils"),
        (Finding.EMERGENCY_REPAIR, "the kitchen cupboard door wont close"),
        (Finding.EMERGENCY_REPAIR, "theres a draught coming through the bedroom window"),
        (Finding.EMERGENCY_REPAIR, "tree branches are overhanging the roof of the shed"),
        (Finding.EMERGENCY_REPAIR, "small hole in the wall where the shelf was"),
        (Finding.EMERGENCY_REPAIR, "a few tiles falling off the bathroom wall"),
        (Finding.URGENT_REPAIR, "the waste pipe under the sink drips a bit"),
        (Finding.DOMESTIC_ABUSE, "my son is waiting outside in the car for me"),
        (Finding.SELF_HARM, "ive written a letter for the housing officer"),
        (Finding.DOMESTIC_ABUSE, "im afraid hes coming back on tuesday to finish the job"),
        (Finding.ASB_HIGH_RISK, "can someone come round to sort me out a new key"),
        (Finding.EMERGENCY_REPAIR, "the glass came out of the shower screen"),
        (Finding.SELF_HARM, "sat on the edge of the car waiting for the bus"),
        (Finding.FIRE, "burning smell coming in the door from next doors bbq"),
        (Finding.DISSATISFIED, "how much are we charged for the caretaker"),
        (Finding.URGENT_REPAIR, "theres dog mess everywhere on the stairs"),
        (Finding.ASB_HIGH_RISK, "can you sort me out a new key fob"),
    ],
)
def test_everyday_and_neighbours_words_raise_nothing_more(finding, text):
    assert finding not in found(text)


# --- what an eighth outside set (development) showed, said in other words ---------------------


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.DANGER_TO_LIFE, "two lads scrapping on the green and one of them has a knife"),
        (Finding.DANGER_TO_LIFE, "a man is waving a machete about in the car park"),
        (Finding.SELF_HARM, "ive had enough of living like this, im done"),
        (Finding.SELF_HARM, "ive got all my pills lined up on the table"),
        (Finding.EMERGENCY_REPAIR, "the lift has stopped between floors with my neighbour inside"),
        (Finding.EMERGENCY_REPAIR, "toilets blocked again and its the only one we have"),
        (Finding.EMERGENCY_REPAIR, "our only loo is blocked and the kids need it"),
        (Finding.EMERGENCY_REPAIR, "the bottom step has snapped in half"),
        (Finding.EMERGENCY_REPAIR, "the whole window has fallen out of the frame upstairs"),
        (Finding.EMERGENCY_REPAIR, "window in the kids bedroom has fell out, theres just a hole"),
        (Finding.EMERGENCY_REPAIR, "lift stuck between the 2nd and 3rd floors with an old man inside"),
        # A home someone forced, told the morning after: put right asked for is not put right.
        (Finding.EMERGENCY_REPAIR, "he booted the front door in last night, i need it fixed before he comes back"),
        (Finding.EMERGENCY_REPAIR, "the lock is hanging off since the police forced it"),
        (Finding.EMERGENCY_REPAIR, "partner kicked the front door off the hinges, i cant lock up"),
        (Finding.EMERGENCY_REPAIR, "need my bedroom window boarding up, someone put a brick thru it"),
        (Finding.EMERGENCY_REPAIR, "they threw a brick through the kitchen window at 2am"),
        # Fire in the electrics, gas by its smell, and the indirect wordings of self-harm and
        # abuse (a development set of 13 December's writer, read while these were written).
        (Finding.FIRE, "sparks coming out the fuse box!!"),
        (Finding.FIRE, "wires hanging out the wall and now theyre sparking"),
        (Finding.FIRE, "burning smell from the electric heater"),
        (Finding.FIRE, "the plug has melted in the socket"),
        (Finding.GAS, "theres a smell like rotten eggs in the kitchen"),
        (Finding.GAS, "the cat is dopey and so am i, heating has been on full all week"),
        (Finding.SELF_HARM, "the boiler is still broken and honestly i dont see the point any more"),
        (Finding.SELF_HARM, "ive put my affairs in order and left the keys with next door"),
        (Finding.SELF_HARM, "i found blades hidden in her room"),
        (Finding.SELF_HARM, "been hiding my arms from my partner for months"),
        (Finding.SELF_HARM, "my friend sent me a photo of her wrists"),
        (Finding.SELF_HARM, "please make sure my dog goes to my sister after."),
        (Finding.SELF_HARM, "my husband keeps saying he doesnt want to wake up"),
        (Finding.SELF_HARM, "left the back door unlocked. sorry to whoever finds me"),
        (Finding.SELF_HARM, "you lot wont have to deal with me after this week"),
        (Finding.SELF_HARM, "im on the balcony, 9th floor. just wanted to tell someone first"),
        (Finding.DOMESTIC_ABUSE, "ex is outside again banging on the window"),
        (Finding.EMERGENCY_REPAIR, "the garden wall is leaning right over the path the school kids use"),
        (Finding.EMERGENCY_REPAIR, "scaffolding outside is swaying in the wind and a pole has fallen"),
        (Finding.EMERGENCY_REPAIR, "the balcony above mine is coming away from the wall"),
        (Finding.EMERGENCY_REPAIR, "the lift doors opened on the 3rd floor with no lift there"),
        (Finding.DOMESTIC_ABUSE, "is it normal that my husband makes me ask permission to spend money"),
        (Finding.DOMESTIC_ABUSE, "my husband decides what i eat and when i sleep"),
        (Finding.DOMESTIC_ABUSE, "the noise complaint from next door, the noise is us. he throws me about"),
        (Finding.DOMESTIC_ABUSE, "he has taken the meter key and wont give me money for gas"),
        (Finding.DOMESTIC_ABUSE, "hiding in the bathroom he's downstairs smashing everything"),
        (Finding.DOMESTIC_ABUSE, "i moved to get away from him and he found me"),
        (Finding.DOMESTIC_ABUSE, "my daughter-in-law has been taking my pension and shouting at me"),
        (Finding.ASB_HIGH_RISK, "next door's son punched my husband in the car park"),
        (Finding.ASB_HIGH_RISK, "the neighbours lad keeps following my daughter home"),
        (Finding.ASB_HIGH_RISK, "someone set fire to the sofa dumped by the entrance"),
        (Finding.GAS, "ther is a smel of gaz in the hall"),
        (Finding.GAS, "headaches every morning but we are fine when we go out"),
        (Finding.ASB_HIGH_RISK, "somebody keeps leaving nails behind my tyres"),
        (Finding.ASB_HIGH_RISK, "someone was trying my door handle at 3am"),
        (Finding.URGENT_REPAIR, "the boiler is flashing F28 and there's no hot water"),
        (Finding.URGENT_REPAIR, "worcester keeps flashing EA 229"),
        (Finding.URGENT_REPAIR, "my baxi has an error code on it"),
        (Finding.URGENT_REPAIR, "combi has gone into lockout again"),
        (Finding.URGENT_REPAIR, "the stop tap wont budge"),
        (Finding.EMERGENCY_REPAIR, "the wind has blown half the roof off"),
        (Finding.EMERGENCY_REPAIR, "slates coming off the roof onto the path"),
        (Finding.EMERGENCY_REPAIR, "tiles are coming down into the road"),
        (Finding.EMERGENCY_REPAIR, "the wall at the front is leaning over the pavement"),
        (Finding.FIRE, "i can smell burning from next door and their alarm is going"),
        (Finding.FIRE, "theres a smell of something burning in the hall"),
        (Finding.URGENT_REPAIR, "heating keeps cutting out"),
        (Finding.URGENT_REPAIR, "the boiler isnt working again"),
        (Finding.URGENT_REPAIR, "heating wont come on"),
        (Finding.EMERGENCY_REPAIR, "the drain is backing up into the garden"),
        (Finding.EMERGENCY_REPAIR, "they broke in last night and the door wont lock"),
        (Finding.ASB_HIGH_RISK, "someone keyed my car last night"),
        (Finding.SELF_HARM, "sat on the bridge again looking down at the river"),
        (Finding.GAS, "the new co alarm you fitted is going off"),
        (Finding.GAS, "can i get a new co alarm, mine keeps beeping and i feel dizzy"),
        (Finding.SELF_HARM, "ive got a rope in the shed and i keep looking at it"),
        (Finding.SELF_HARM, "i tied a noose last night"),
        (Finding.SELF_HARM, "i have all the tablets in a pile and im just staring at them"),
        (Finding.EMERGENCY_REPAIR, "got a shock off the bathroom light switch"),
        (Finding.EMERGENCY_REPAIR, "got a belt off the metal light switch in the kitchen"),
        (Finding.EMERGENCY_REPAIR, "lift in block B is stuck between 7 and 8 with my neighbour in it"),
        (Finding.EMERGENCY_REPAIR, "the kitchen taps give you a tingle"),
        (Finding.EMERGENCY_REPAIR, "the bathroom roof has caved in"),
        (Finding.EMERGENCY_REPAIR, "part of the kitchen ceiling came down this morning"),
        (Finding.EMERGENCY_REPAIR, "a bit of the ceiling by the bathroom light fitting came down overnight"),
        (Finding.DOMESTIC_ABUSE, "last night he threw the kettle at me"),
        (Finding.EMERGENCY_REPAIR, "dirty water is coming up through the downstairs loo"),
        (Finding.EMERGENCY_REPAIR, "black water bubbling up out of the shower tray"),
        (Finding.DOMESTIC_ABUSE, "he kicked the back door trying to get at me"),
        (Finding.EMERGENCY_REPAIR, "the ceilings coming down in the hall"),
        (Finding.URGENT_REPAIR, "the hot taps just run cold"),
        (Finding.FIRE, "the meter cupboard is smoking"),
        (Finding.FIRE, "theres a burning plastic smell from the fuse box"),
    ],
)
def test_more_wordings_of_danger_and_urgency_are_caught(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.DANGER_TO_LIFE, "he was carrying a bag of shopping up the stairs"),
        (Finding.DANGER_TO_LIFE, "where can i buy a new kitchen knife block"),
        (Finding.SELF_HARM, "ive had enough of this boiler breaking down"),
        (Finding.SELF_HARM, "the tiles are not lined up properly"),
        (Finding.EMERGENCY_REPAIR, "the lift is stuck on the third floor again, nobody in it"),
        (Finding.EMERGENCY_REPAIR, "the only thing wrong is the toilet seat is loose"),
        (Finding.EMERGENCY_REPAIR, "the stair rail is loose"),
        (Finding.EMERGENCY_REPAIR, "the window sticks and wont open"),
        (Finding.GAS, "the kids are fine when we go out to the park"),
        (Finding.ASB_HIGH_RISK, "my tyres need pumping up"),
        (Finding.ASB_HIGH_RISK, "the door handle is loose"),
        (Finding.URGENT_REPAIR, "the boiler service is due in 2 weeks"),
        (Finding.URGENT_REPAIR, "boiler pressure is on 1, is that normal"),
        (Finding.URGENT_REPAIR, "the ideal solution would be a new kitchen"),
        (Finding.EMERGENCY_REPAIR, "hairline crack in the ceiling, its not sagging or anything"),
        (Finding.EMERGENCY_REPAIR, "the roof tiles are a bit mossy"),
        (Finding.FIRE, "i burnt the toast and the smoke alarm went off"),
        (Finding.URGENT_REPAIR, "towel rail is cold but the rest of the heating works"),
        (Finding.URGENT_REPAIR, "heating controller knob fell off, heating still works"),
        (Finding.EMERGENCY_REPAIR, "the key broke in the back door lock, we use the front"),
        (Finding.EMERGENCY_REPAIR, "drain gully round the back keeps blocking with leaves"),
        (Finding.ASB_HIGH_RISK, "my key wont turn in the back door"),
        (Finding.EMERGENCY_REPAIR, "i got a shock when i saw the bill"),
        (Finding.SELF_HARM, "the bridge over the brook by the flats has a broken railing"),
        (Finding.GAS, "could you fit a carbon monoxide alarm, i havent got one"),
        (Finding.GAS, "do i need a co alarm in the kitchen"),
        (Finding.SELF_HARM, "the washing line rope has snapped"),
        (Finding.SELF_HARM, "can someone look at the tablets i get from the doctor, i cant read the label"),
        (Finding.URGENT_REPAIR, "hot water is fine but the cold tap is stiff"),
        (Finding.EMERGENCY_REPAIR, "the kitchen cupboard door is off its hinges"),
        (Finding.EMERGENCY_REPAIR, "the flat next door is boarded up and has been empty for months"),
        (Finding.FIRE, "burning smell coming from next doors bbq"),
        (Finding.SELF_HARM, "i dont see the point in reporting anything any more"),
        (Finding.DOMESTIC_ABUSE, "next door's son punched my husband in the car park"),
        (
            Finding.DOMESTIC_ABUSE,
            "my neighbour keeps saying shes going to get her brother to sort me out, hes known for hurting people",
        ),
        (Finding.GAS, "my co alarm fell off the wall when i was decorating, can someone fix it back up"),
        (Finding.GAS, "co alarm is showing END on the screen, has it run out?"),
        (Finding.GAS, "the carbon monoxide alarm is chirping every minute, i think it needs a new battery"),
        (Finding.GAS, "its the low battery chirp not the alarm, no smell, nobodys poorly, can you swap the co alarm"),
        (Finding.EMERGENCY_REPAIR, "the man came down to look at the ceiling"),
        (Finding.DOMESTIC_ABUSE, "i cant get at the stopcock behind the washing machine"),
        (Finding.EMERGENCY_REPAIR, "can you come up to the flat and look at the toilet"),
        (Finding.EMERGENCY_REPAIR, "the ceiling isnt coming down, its just a crack"),
    ],
)
def test_everyday_words_near_those_raise_nothing(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        # The only toilet, told after the fault.
        (Finding.EMERGENCY_REPAIR, "Our WC is completely blocked and we have no other toilet in the property"),
        (Finding.EMERGENCY_REPAIR, "toilet handle snapped, cant flush it at all. its our only one"),
        (Finding.EMERGENCY_REPAIR, "our only toilet wont flush"),
        # Electrics about to catch.
        (Finding.EMERGENCY_REPAIR, "theres brown scorch marks round the socket in the front room"),
        (Finding.EMERGENCY_REPAIR, "the plug socket is buzzing"),
        (Finding.EMERGENCY_REPAIR, "the socket is red hot to touch"),
        # A window that leaves the home open.
        (Finding.EMERGENCY_REPAIR, "kitchen window has come off its hinge, we're ground floor"),
        (Finding.EMERGENCY_REPAIR, "the back window wont shut at all"),
        (Finding.EMERGENCY_REPAIR, "the bedroom window won't lock"),
        # A leak whose valve will not turn.
        (Finding.URGENT_REPAIR, "radiator in the hallway leaking, dripping fast now and the valves won't turn"),
        # Hate without its name.
        (Finding.HATE_INCIDENT, "keep getting notes through the door saying 'your kind not welcome here'"),
        (Finding.HATE_INCIDENT, "notes under my door saying we dont want your sort here and to get out"),
        (Finding.HATE_INCIDENT, "teenagers shouting abuse at my mum because shes black"),
        (Finding.HATE_INCIDENT, "someone's written the n word in marker on the communal door"),
        (Finding.HATE_INCIDENT, "they called my son the p-word at school"),
        (Finding.ASB_HIGH_RISK, "theres a massive fight in the corridor"),
        (Finding.ASB_HIGH_RISK, "a brawl outside the block every friday"),
        # Affairs put in order.
        (Finding.SELF_HARM, "sorting my stuff out so nobody has to after I've gone."),
        (Finding.SELF_HARM, "make sure my things go to my sister when im gone"),
        (Finding.SELF_HARM, "honestly i've started thinking i'd be better off gone"),
        (Finding.GAS, "gas smell in the kitchen"),
        (Finding.GAS, "reported a gas smell yesterday no one came and its still there, worse tonight"),
        (Finding.DANGER_TO_LIFE, "my neighbour just attacked me with a bat in the car park"),
        (Finding.DANGER_TO_LIFE, "hes still out there waiting for me"),
        (Finding.SELF_HARM, "everyone would be better off without me"),
        (Finding.GAS, "I think the gas pipe in the cupboard got knocked when the plumber was here"),
        (Finding.EMERGENCY_REPAIR, "whole flat's gone dark, nothing works not even the fridge"),
        (Finding.EMERGENCY_REPAIR, "the cistern has cracked, its the only loo we have"),
        (Finding.URGENT_REPAIR, "all my storage heaters and the immersion have packed in"),
        (Finding.URGENT_REPAIR, "The Baxi has gone off with E133 and we cant get it back on"),
        (Finding.DOMESTIC_ABUSE, "he booted the front door in last night, i need it fixed before he comes back"),
        (Finding.DOMESTIC_ABUSE, "Hole in the bedroom wall and the door frame's split. He's back Friday."),
    ],
)
def test_wordings_of_danger_and_urgency_from_the_fourteenth_set_are_caught(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.EMERGENCY_REPAIR, "the toilet seat is loose"),
        (Finding.EMERGENCY_REPAIR, "the window wont close properly and there's a draught"),
        (Finding.EMERGENCY_REPAIR, "the downstairs toilet wont flush properly, we use the upstairs one"),
        (Finding.URGENT_REPAIR, "the radiator valve wont turn, the room is cold"),
        (Finding.EMERGENCY_REPAIR, "immersion timer is broken so i switch it on by hand, hot water is fine"),
        (Finding.HATE_INCIDENT, "your kind of service is rubbish, you lot never come"),
        (Finding.HATE_INCIDENT, "because i'm disabled i need a ramp, is that something you do"),
        (Finding.DOMESTIC_ABUSE, "teenagers shouting abuse at my mum because shes black"),
        (Finding.ASB_HIGH_RISK, "we had a fight with the council over the parking"),
        (Finding.SELF_HARM, "i'll pop in after i've gone to the shops"),
        (Finding.SELF_HARM, "can you come round when i'm gone to work"),
        (Finding.URGENT_REPAIR, "immersion timer is broken so i switch it on by hand, hot water is fine"),
        (Finding.GAS, "the gas is fine but the bins smell awful"),
        (Finding.GAS, "there's no gas smell, the hob just won't light"),
        (Finding.GAS, "the gas fire is broken, we never use it"),
        (Finding.EMERGENCY_REPAIR, "the whole house is dark at night, can we have a light outside"),
        (Finding.EMERGENCY_REPAIR, "nothing works in this place, you never fix anything"),
        (Finding.DOMESTIC_ABUSE, "the window got broken in the storm, can you fix it before my son is back from uni"),
        (Finding.DOMESTIC_ABUSE, "the plumber broke a tile, he's back tomorrow to finish"),
        (Finding.DOMESTIC_ABUSE, "him next door smashed my window, i need it boarded before he comes back"),
    ],
)
def test_everyday_words_near_the_fourteenth_sets_wordings_raise_nothing(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "after the break in last year you fitted a new lock, now the key is a bit stiff. still works though",
        "boiler bangs when it first fires up, then its fine. heating and hot water both working",
        "immersion takes ages to heat up, we do get hot water eventually",
        "one of the storage heaters has a broken dial, the others are fine",
        "thermostat screen's gone blank, boiler still works but I can't change the temperature",
        "no smell of gas or anything, its just one ring on the hob wont click",
        "toilet seat cracked, not urgent",
        "we had water through the ceiling last month, they fixed their leak, now theres a stain",
    ],
)
def test_the_tenant_saying_the_worst_is_not_happening_is_found(text):
    assert Finding.REASSURANCE in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "heating still not working",
        "the boiler still isnt working and we have a baby",
        "water is pouring through the light fitting",
        "the leak is still there and getting worse",
        "hot water not working at all",
        "the main lock is broken, i can still lock it with the top deadlock",
        "the door still shuts but wont lock",
    ],
)
def test_a_problem_still_there_is_no_reassurance(text):
    assert Finding.REASSURANCE not in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.EMERGENCY_REPAIR, "window handle broken in the back bedroom, it still shuts and locks"),
        (Finding.FIRE, "the gas fire in the lounge hasn't worked since we moved in"),
        (Finding.FIRE, "kitchen extractor fan has stopped working so the smoke alarm goes off when i fry"),
        (Finding.URGENT_REPAIR, "one of the storage heaters has a broken dial thats stuck on max"),
        (Finding.URGENT_REPAIR, "room thermostat not working properly, heating comes on when it wants"),
        (
            Finding.EMERGENCY_REPAIR,
            "after the break in last year you fitted a new lock, key's stiff, still works though",
        ),
    ],
)
def test_a_thing_in_a_room_a_gas_fire_a_smoke_alarm_and_a_broken_dial_raise_nothing(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.URGENT_REPAIR, "the hot water isnt working, heating is fine"),
        (Finding.URGENT_REPAIR, "the hot waters gone but the heatings fine"),
        (Finding.URGENT_REPAIR, "hot water has stopped"),
        (Finding.EMERGENCY_REPAIR, "door still locks but you could just climb through the hole"),
        (Finding.EMERGENCY_REPAIR, "someone has broken in, the back door is smashed"),
        (Finding.FIRE, "there's a fire in the kitchen"),
        (Finding.FIRE, "smoke pouring out of the flat below"),
        (Finding.URGENT_REPAIR, "the storage heater has broken"),
    ],
)
def test_the_same_words_still_raise_a_repair_that_cannot_wait(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "scaffolding outside is swaying in the wind and a pole has just fallen into the playground",
        "the lift doors opened with no lift there, my dad nearly stepped in",
        "stuck in the bathroom, the lock's jammed and my oxygen is in the other room, getting breathless",
        "bits of plaster falling on his bed, the ceiling is going to come down",
        "the garden wall is leaning over the path the school kids use, looks like it'll go any second",
    ],
)
def test_a_structure_about_to_fall_where_people_are_or_someone_trapped_and_breathless_is_a_danger_to_life(text):
    assert {Finding.DANGER_TO_LIFE, Finding.EMERGENCY_REPAIR} <= found(text)


@pytest.mark.parametrize(
    "text",
    [
        "plaster has just fallen off the wall in my sons bedroom",
        "crack in the ceiling of my sons room, its not going to come down but can someone look",
        "the garden wall is leaning a bit, could fall one day",
        "stuck on hold for an hour, im out of breath from shouting",
        "the scaffolding fell down last month, it was put back up and fixed, the kids are fine",
    ],
)
def test_a_structure_not_about_to_fall_or_nobody_there_is_no_danger_to_life(text):
    assert Finding.DANGER_TO_LIFE not in found(text)


@pytest.mark.parametrize(
    "finding, text, found_it",
    [
        # Carbon monoxide told without its name.
        (
            Finding.GAS,
            "the alarm thing next to the boiler is beeping really loud and wont stop, not the low battery one",
            True,
        ),
        (Finding.GAS, "the detector the engineer put in my hallway keeps screaming and the screen says 150", True),
        (Finding.GAS, "the hob knob doesnt click off and the kitchen has that smell even with nothing lit", True),
        (Finding.GAS, "woke up with the worst headache and so did the kids, we had the heating on all night", True),
        (Finding.GAS, "theres brown sooty stuff all round the bottom of the boiler casing", True),
        (Finding.GAS, "the co alarm by the boiler is chirping every minute, low battery i think", False),
        (Finding.GAS, "smoke alarm next to the boiler cupboard keeps beeping", False),
        (Finding.GAS, "the thermostat screen says 21 but the house is freezing", False),
        # Someone fallen who does not come round.
        (
            Finding.DANGER_TO_LIFE,
            "my nan has just fallen, shes at the bottom of the stairs and not really responding",
            True,
        ),
        (Finding.DANGER_TO_LIFE, "shes not answering me properly, her eyes are shut", True),
        (Finding.DANGER_TO_LIFE, "i fell out with my neighbour and hes not answering my texts", False),
        (Finding.DANGER_TO_LIFE, "my dad fell last year, not moving as well since", False),
        # Control by the family, with a second sign.
        (Finding.DOMESTIC_ABUSE, "my daughter does the money now, she wont let me ring my friends", True),
        (Finding.DOMESTIC_ABUSE, "her brothers say she must obey them and they keep her passport", True),
        (Finding.DOMESTIC_ABUSE, "my husband broke the front door lock in a rage", True),
        (Finding.DOMESTIC_ABUSE, "my son wont let me have a dog, can i get a cat in my flat", False),
        (Finding.DOMESTIC_ABUSE, "i need my passport for id, can you send my tenancy agreement", False),
        # Violence happening now; a structure giving way over someone; someone seen lying hurt.
        (Finding.DANGER_TO_LIFE, "the lads are throwing bricks at my window this minute, my kids are in here", True),
        (Finding.DANGER_TO_LIFE, "next door are kicking someone on the ground in the car park NOW", True),
        (Finding.DANGER_TO_LIFE, "kids were throwing eggs at my window last week, can you do something now", False),
        (Finding.DANGER_TO_LIFE, "the kids are kicking a ball against my fence right now", False),
        (Finding.DANGER_TO_LIFE, "the ceiling in my sons room is sagging right above his bed and its cracking", True),
        (
            Finding.DANGER_TO_LIFE,
            "bathroom ceiling crumbling, lumps of plaster fell while my mum was in the bath, more hanging down",
            True,
        ),
        (Finding.DANGER_TO_LIFE, "the ceiling is sagging a bit in the hall", False),
        (Finding.DANGER_TO_LIFE, "i can see her on the floor through the letterbox", True),
        # Not being here, as a plan; and in other languages.
        (Finding.SELF_HARM, "i dont think ill be around much longer and i want my cat looked after", True),
        (
            Finding.SELF_HARM,
            "Please cancel my repair appointment. I don't plan on being here. Thank you for everything.",
            True,
        ),
        (Finding.SELF_HARM, "no point fixing my heating. wont need it after this weekend", True),
        (Finding.SELF_HARM, "me voy a matar, no puedo mas", True),
        (Finding.SELF_HARM, "i dont think ill be around on thursday, can the engineer come friday", False),
        (Finding.SELF_HARM, "i dont think ill be here, can you leave a card", False),
        (Finding.SELF_HARM, "no point fixing the shed door, wont need it after this month as we move in march", False),
        # From the twentieth set, read once scored: a CO alarm's fault denied, a gas ring left on,
        # sheltering from someone raging at home, a neighbour met in the corridor.
        (
            Finding.GAS,
            "carbon monxide alarm beeping loud in the hall, not the battery chirp, the proper loud one",
            True,
        ),
        (Finding.GAS, "the co alarm is chirping, low battery i think, no smell", False),
        (Finding.GAS, "knob snapped off the gas cooker and the ring wont turn off properly, i can smell it", True),
        (Finding.GAS, "the gas fire wont turn on", False),
        (Finding.DOMESTIC_ABUSE, "I'm in the bathroom, he's smashing things downstairs, he's done this before", True),
        (Finding.DOMESTIC_ABUSE, "im in the bathroom, hes fixing the tap in the kitchen", False),
        (Finding.DOMESTIC_ABUSE, "he grabbed me by the throat in the corridor because my kids were too loud", False),
        (Finding.DOMESTIC_ABUSE, "my partner grabbed me by the throat in the corridor", True),
        # Criminal damage told by what it took.
        (Finding.ASB_HIGH_RISK, "my motorbike cover was cut to ribbons and theres sugar in the tank", True),
        (Finding.ASB_HIGH_RISK, "my fence has been kicked down again, panels lying in the garden", True),
        (Finding.ASB_HIGH_RISK, "the plumber left muddy boot prints all over my carpet", False),
        (Finding.ASB_HIGH_RISK, "the wind blew my fence down again", False),
        # Same-day repairs in other words.
        (Finding.URGENT_REPAIR, "water coming out of the tank in the loft and down the stairs and it wont stop", True),
        (Finding.URGENT_REPAIR, "the dog next door wont stop barking and theres a leak", False),
        (Finding.EMERGENCY_REPAIR, "tree from the communal bit has come down on my roof in the wind", True),
        (Finding.EMERGENCY_REPAIR, "manhole cover in my garden has cracked in half and theres an open drop", True),
        (Finding.EMERGENCY_REPAIR, "manhole cover on the front path is cracked and rocks when you step on it", False),
    ],
)
def test_wordings_of_danger_from_the_twenty_first_set_and_their_near_misses(finding, text, found_it):
    assert (finding in found(text)) is found_it


@pytest.mark.parametrize(
    "text, abuse",
    [
        ("I worry what the neighbours hear when he kicks off. Last night he threw the kettle at me", True),
        ("the neighbours must have heard him, he threw the kettle at me", True),
        # The neighbour is the one doing it.
        ("my neighbour threw a kettle at me over the fence", False),
    ],
)
def test_neighbours_who_hear_it_are_witnesses_not_the_abuser(text, abuse):
    assert (Finding.DOMESTIC_ABUSE in found(text)) is abuse


@pytest.mark.parametrize(
    "text, emergency",
    [
        ("pipe burst, water all over the floor and its running towards the sockets", True),
        ("the toilet pan has cracked and water leaks out, its our only toilet so we cant use it", True),
        ("step on the stairs just snapped when i stood on it", True),
        ("the bedroom window frame has come away from the wall", True),
        ("he smashed the kitchen window, its just got cardboard over it", True),
        ("mould back on the bathroom ceiling and its spreading towards the light", False),
        ("the window handle has come loose", False),
        ("upstairs toilet wont flush, we've got the downstairs loo", False),
        # A garden wall is outside works, unless someone is named near it.
        ("front garden wall is leaning and a few bricks are loose at the top", False),
        ("garden wall is crumbling at the bottom and bricks keep falling out", False),
        ("the garden wall is leaning over the path the school kids use", True),
        ("bricks falling off the chimney stack", True),
    ],
)
def test_a_home_about_to_flood_the_electrics_or_fall_apart_is_an_emergency_and_a_garden_wall_is_not(text, emergency):
    assert (Finding.EMERGENCY_REPAIR in found(text)) is emergency


@pytest.mark.parametrize(
    "text, danger",
    [
        ("A man's been beaten up on our landing and isn't moving", True),
        ("shes on the floor and isnt moving", True),
        ("mum wont wake up properly", True),
        ("i cant wake him", True),
        ("my dad is unresponsive", True),
        ("he's not responding", True),
        ("the lift isnt moving", False),
        ("he said it wont move without a new part", False),
        ("my son says the window wont move", False),
        ("water all over the floor and the door wont move", False),
        ("i cant wake up in the mornings with the cold", False),
    ],
)
def test_someone_who_does_not_move_or_wake_is_a_danger_to_life(text, danger):
    assert (Finding.DANGER_TO_LIFE in found(text)) is danger


@pytest.mark.parametrize(
    "text",
    [
        "just me, im 81",
        "i live alone since my wife died",
        "its only me here",
        "no one else lives with me",
        "im home alone most days",
        "my dad is 92 and lives with us",
        "she's 88 and can't manage the stairs",
    ],
)
def test_who_lives_in_the_home_is_found(text):
    assert Finding.HOUSEHOLD in found(text)


@pytest.mark.parametrize(
    "text",
    ["i feel so alone", "the boiler is 15 years old", "me and the neighbour had words"],
)
def test_loneliness_and_the_age_of_things_are_not_the_household(text):
    assert Finding.HOUSEHOLD not in found(text)


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (Finding.EMERGENCY_REPAIR, "we cant leave the flat open all night"),
        (Finding.EMERGENCY_REPAIR, "i wont be able to lock the back door tonight"),
        # Not wanting to be here is self-harm; not wanting to be on your own with a repair is not.
        (Finding.SELF_HARM, "i just dont want to be alive"),
    ],
)
def test_a_home_left_open_and_not_wanting_to_be_alive_are_found(finding, text):
    assert finding in found(text)


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (Finding.SELF_HARM, "i dont want to be on my own with the ceiling like this tonight"),
        (Finding.SELF_HARM, "dont want to be a nuisance but the tap is still dripping"),
        (Finding.EMERGENCY_REPAIR, "you will be able to lock it from the inside once its fixed"),
    ],
)
def test_not_wanting_to_be_a_nuisance_or_a_lock_that_will_work_raise_nothing(finding, text):
    assert finding not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "downstairs toilet wont flush, we've got another one upstairs so not the end of the world",
        "theres a second loo so we can manage",
        "boiler still works though",
        "the others are fine too",
    ],
)
def test_another_toilet_and_the_end_of_the_world_not_come_are_reassurances(text):
    assert Finding.REASSURANCE in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "theres a second loo but thats blocked as well",
        "we have a toilet upstairs that overflows",
    ],
)
def test_a_reassurance_taken_back_in_the_same_breath_is_none(text):
    assert Finding.REASSURANCE not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "gutter at the front is hanging off, water pours down the wall when it rains",
        "theres water damage on the wall by the window",
        "the damp has damaged the wall behind the wardrobe",
    ],
)
def test_damage_the_weather_did_is_no_criminal_damage(text):
    assert Finding.ASB_HIGH_RISK not in found(text)


@pytest.mark.parametrize(
    "text",
    ["someone poured paint over my car", "they damaged my fence", "kids poured water through my letterbox"],
)
def test_damage_someone_did_is_still_criminal_damage(text):
    assert Finding.ASB_HIGH_RISK in found(text)


@pytest.mark.parametrize(
    ("finding", "text", "raised"),
    [
        # Amends asked for a repair long over: its urgency is taken back, and it is a reassurance.
        (
            Finding.URGENT_REPAIR,
            "my mum was left without heating for 6 days last winter, i want a complaint logging",
            False,
        ),
        (Finding.URGENT_REPAIR, "we had no heating for a week back in march and i want compensation", False),
        # Asking after the amends is nothing happening now.
        (
            Finding.URGENT_REPAIR,
            "you promised compensation for the time we had no heating, whats happening with that",
            False,
        ),
        # Said to be so now, or still: the repair stands.
        (Finding.URGENT_REPAIR, "i want to complain, the boiler broke last month and we have no heating", True),
        (Finding.URGENT_REPAIR, "complained last month, still no heating", True),
        (Finding.URGENT_REPAIR, "i want compensation for the time we had no heating, its happening again", True),
        # Rain off a broken gutter, down the outside wall, is outside works; coming in, it is not.
        (Finding.URGENT_REPAIR, "gutter is hanging off and when it rains water pours down the wall", False),
        (Finding.URGENT_REPAIR, "gutter is hanging off and when it rains water pours in through the ceiling", True),
        # A gas smell complained of is never taken back: it may still be there.
        (Finding.GAS, "i complained last month about the gas smell and nobody came", True),
    ],
)
def test_a_repair_long_over_and_complained_of_or_rain_off_the_outside_raises_no_urgency(finding, text, raised):
    assert (finding in found(text)) is raised


@pytest.mark.parametrize(
    ("text", "high_risk"),
    [
        ("no he never said owt to me, just ignores you. i wouldnt say hes threatening", False),
        ("i dont think you could call it threatening, hes just rude", False),
        ("he keeps threatening me when i walk past", True),
        ("i wouldnt say much to him, hes threatening everyone", True),
    ],
)
def test_a_threat_denied_in_words_is_no_threat(text, high_risk):
    assert (Finding.ASB_HIGH_RISK in found(text)) is high_risk


@pytest.mark.parametrize(
    "text, neighbour",
    [
        # A threat or violence where the people of a block meet, from nobody named as family.
        ("he grabbed me by the throat in the corridor because he said my kids were too loud", True),
        ("he keyed SLAG into my car door. everyone in the close knows its him", True),
        ("the lads on the landing threatened to stab me", True),
        # The same place, with family named: theirs to tell, not the neighbours'.
        ("my husband grabbed me by the throat in the corridor", False),
        # A place with no threat in it.
        ("the light in the corridor is out", False),
    ],
)
def test_a_threat_where_the_people_of_a_block_meet_is_a_neighbours(text, neighbour):
    assert (Finding.NEIGHBOUR in found(text)) is neighbour


@pytest.mark.parametrize(
    "finding, text",
    [
        # A likeness, an animal, a tool used on a thing, a floor of the tenant's own home.
        (Finding.ASB_HIGH_RISK, "the edge of the tile is sharp as a knife"),
        (Finding.DANGER_TO_LIFE, "the pipes bang like someone hitting them with a hammer"),
        (Finding.DANGER_TO_LIFE, "the neighbours cat keeps trying to get in through the flap"),
        (Finding.DANGER_TO_LIFE, "the shed lock was smashed off with a hammer last week"),
        (Finding.DANGER_TO_LIFE, "the workmen left the bathroom covered in dust"),
        (Finding.NEIGHBOUR, "hes downstairs watching telly, can you ring back later"),
        (Finding.NEIGHBOUR, "the downstairs loo is blocked but we've got the one upstairs"),
        # A break-in that leaves the home itself secure.
        (Finding.EMERGENCY_REPAIR, "my shed was broken into last night"),
        # A noose drawn on a door is a threat to the tenant, not their own despair.
        (Finding.SELF_HARM, "someone has drawn a noose on my front door in marker"),
    ],
)
def test_likenesses_animals_tools_and_places_raise_nothing(finding, text):
    assert finding not in shared_rules().find(text)


@pytest.mark.parametrize(
    "findings, text",
    [
        ({Finding.HATE_INCIDENT, Finding.ASB_HIGH_RISK}, "someone has drawn a noose on my front door in marker"),
        ({Finding.HATE_INCIDENT}, "the lads on the corner shout cripple at me every day"),
        ({Finding.NEIGHBOUR}, "its the man from 4c who keeps doing it"),
        ({Finding.NEIGHBOUR}, "the man upstairs plays drums till 2am"),
        ({Finding.DANGER_TO_LIFE}, "hes outside with a hammer saying hes going to hit me"),
        ({Finding.DAMP_MOULD}, "white furry stuff growing on the back of the wardrobe"),
        ({Finding.DAMP_MOULD}, "theres a mushroom growing in the corner of the bathroom"),
        (
            {Finding.REASSURANCE},
            "we smelt gas on 3rd nov and it took a day to come. its sorted now but i want to complain",
        ),
        ({Finding.REASSURANCE}, "heating was off for two weeks over christmas, its working now, i want compensation"),
    ],
)
def test_what_these_words_tell_is_found(findings, text):
    assert findings <= shared_rules().find(text)
