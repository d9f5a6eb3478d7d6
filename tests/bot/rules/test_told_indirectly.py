"""Dangers and same-day repairs told by what they look like (bot.rules.told_indirectly): one row
for each thing the rules must find, and the everyday words beside them that must raise nothing."""

import pytest

from bot.rules import Finding, shared_rules


@pytest.mark.parametrize(
    "finding, text",
    [
        # A goodbye told by its preparations, or by no future.
        (Finding.SELF_HARM, "ive written letters to my kids and left them on the kitchen table"),
        (Finding.SELF_HARM, "wrote a note for my mum and put it under her door"),
        (Finding.SELF_HARM, "i tied something to the loft hatch last night but couldnt go through with it"),
        (Finding.SELF_HARM, "tried last week, couldn't go through with it. the boiler still isnt fixed"),
        (Finding.SELF_HARM, "drank a bottle of vodka and took a load of co-codamol, feeling really weird"),
        (Finding.SELF_HARM, "ive taken a whole packet of paracetamol"),
        (Finding.SELF_HARM, "theres nobody left who cares. ive got the rope in the shed"),
        (Finding.SELF_HARM, "ive cancelled the repair, theres no point, ive decided to go tonight"),
        (Finding.SELF_HARM, "can i end my tenancy early, i mean i'm not going to need anywhere to live soon"),
        (Finding.SELF_HARM, "whats the point of fixing the flat when im not going to be in it"),
        (Finding.SELF_HARM, "im not going to be around much longer so it doesnt matter"),
        # Abuse at home told by how it is hidden.
        (Finding.DOMESTIC_ABUSE, "is there a way to move without him knowing the new address? i cant say why on here"),
        (Finding.DOMESTIC_ABUSE, "can i change the locks without my husband finding out"),
        (Finding.DOMESTIC_ABUSE, "he smashed my phone so im on my neighbours. hes back at 6. please be quick"),
        (Finding.DOMESTIC_ABUSE, "she took my phone off me again, im messaging from work"),
        (Finding.DOMESTIC_ABUSE, "the hole in my bedroom door is where he punched through it when i locked myself in"),
        (
            Finding.DOMESTIC_ABUSE,
            "can someone fix the chain on my front door, he kicked it off. i dont want to go into why",
        ),
        # Violence this minute, and threats told by a gesture or a promise.
        (
            Finding.DANGER_TO_LIFE,
            "a group are throwing bricks at my house and one just came through the window, theyre still out there",
        ),
        (Finding.DANGER_TO_LIFE, "someones set their dog on my lad in the park, its got hold of his arm"),
        (
            Finding.DANGER_TO_LIFE,
            "some lads have cornered my dad by the garages, one has got something shiny in his hand",
        ),
        (Finding.ASB_HIGH_RISK, "kids keep chucking stones at our windows every night"),
        (Finding.ASB_HIGH_RISK, "he draws his finger across his throat whenever he sees me"),
        (Finding.ASB_HIGH_RISK, "shes going to get her brother to sort me out"),
        (Finding.ASB_HIGH_RISK, "the man at 14 set his dog on my cat"),
        # An electrical fire starting, gas left on.
        (Finding.FIRE, "the wall by the kitchen plug is warm to touch and going brown"),
        (Finding.FIRE, "the socket in the lounge is hot and theres a black mark round it"),
        (Finding.FIRE, "water pouring into the consumer unit, its fizzing and popping"),
        (Finding.FIRE, "the fuse box is crackling"),
        (Finding.GAS, "the hob ring wont light and theres that smell like when its been left on"),
        (Finding.GAS, "we've all had a banging head every morning this week, the boiler has a brownish stain above it"),
        # No power, heat or hot water, told by what it does.
        (Finding.EMERGENCY_REPAIR, "the electrics have been off since 8 this morning, nothing works at all"),
        (Finding.EMERGENCY_REPAIR, "power's gone in the whole flat and nothing is working"),
        (Finding.EMERGENCY_REPAIR, "the handrail on my stairs came off the wall in my hand"),
        (Finding.EMERGENCY_REPAIR, "the bannister has come away from the wall completely"),
        (Finding.EMERGENCY_REPAIR, "my nan is 87 and the rail on her stairs has come off the wall"),
        (Finding.URGENT_REPAIR, "we're all sleeping in our coats"),
        (Finding.URGENT_REPAIR, "water leaking through from the flat above and i cant get hold of them"),
        (Finding.URGENT_REPAIR, "cold showers for three days now"),
        (Finding.URGENT_REPAIR, "the boiler's had it since the weekend"),
        (Finding.URGENT_REPAIR, "combi isnt lighting"),
        (Finding.URGENT_REPAIR, "boiler won't fire up at all"),
        # Affairs put in order, and a goodbye.
        (Finding.SELF_HARM, "if anything happens to me make sure my dog goes to my sister, ive written it all down"),
        (Finding.SELF_HARM, "paid the last of the arrears, thats the last thing sorted. thanks for everything"),
        # Abuse told by what it broke, or by the silence it asks for.
        (
            Finding.DOMESTIC_ABUSE,
            "can you board the back door, my partner kicked a hole in it when i asked him to leave",
        ),
        (Finding.DOMESTIC_ABUSE, "he said if i tell anyone he'll make sure i never see the kids"),
        # Someone beaten this minute; damage told by what was thrown or lit.
        (Finding.DANGER_TO_LIFE, "theres a lad beating someone with a bottle by the garages"),
        (Finding.DANGER_TO_LIFE, "my daughter is getting jumped at the bus stop right now"),
        (Finding.DANGER_TO_LIFE, "a man punched my lad outside the shop and hes still going at him"),
        (Finding.DANGER_TO_LIFE, "my nan hasnt answered her phone since friday, can someone check on her"),
        (Finding.DANGER_TO_LIFE, "the old man upstairs has not been out since monday and his curtains are shut"),
        (Finding.DANGER_TO_LIFE, "two lads at my front door with a knife, theyre kicking it and shouting"),
        (Finding.DANGER_TO_LIFE, "the careline alarm next door is ringing and he wont answer the door"),
        (Finding.FIRE, "the socket behind the tv is smoking"),
        (Finding.ASB_HIGH_RISK, "my car got egged again last night"),
        (Finding.ASB_HIGH_RISK, "the wheelie bins out the back have been set alight"),
        # An electrical fire told by its marks and smell; a heater glowing over a scorching carpet.
        (Finding.FIRE, "the kitchen socket popped and theres scorch marks on it, smells of burning plastic"),
        (Finding.FIRE, "the plug-in heater is glowing red and the rug under it has gone black"),
        # Same-day repairs told the long way round.
        (Finding.EMERGENCY_REPAIR, "the drain by the back door is overflowing with loo roll and worse"),
        (Finding.EMERGENCY_REPAIR, "water is dripping out of the spotlights in the kitchen ceiling"),
        (Finding.EMERGENCY_REPAIR, "half the slates went in the storm, we can see the sky through the loft"),
        (Finding.EMERGENCY_REPAIR, "bedroom window needs boarding, the glass is all over the floor"),
        (Finding.URGENT_REPAIR, "pipe under the bath is spraying, i turned the stopcock and it still keeps coming"),
        (Finding.URGENT_REPAIR, "the boiler keeps cutting out and the house is freezing"),
        (Finding.URGENT_REPAIR, "been boiling the kettle to wash the baby for three days"),
        (Finding.URGENT_REPAIR, "the taps only ever run cold now"),
        (Finding.URGENT_REPAIR, "radiators are stone cold all over the flat"),
        (Finding.SELF_HARM, "if anything happens to me please make sure my cat goes to my neighbour"),
        # What the twenty-seventh development set told in other words.
        (Finding.DANGER_TO_LIFE, "dads on the floor and not making sense, one side of his face has gone droopy"),
        (Finding.DANGER_TO_LIFE, "my mum is slurring her words and cant lift her arm"),
        (Finding.DANGER_TO_LIFE, "the guy from 12 has got my son pinned against the wall and is punching him"),
        (Finding.DANGER_TO_LIFE, "the power cable has come down in the wind and is lying across the pavement"),
        (Finding.FIRE, "thick black stuff billowing out of the bin room and the corridor is filling up"),
        (Finding.FIRE, "the landing is filling with smoke"),
        (Finding.FIRE, "electric shower has gone all melty on one side and the bathroom stinks of hot plastic"),
        (Finding.FIRE, "the light switch crackles and spits blue sparks when you touch it"),
        (Finding.FIRE, "someones pouring something through my letterbox and it stinks of petrol"),
        (Finding.GAS, "smells like someone left the hob on but every knob is off"),
        (Finding.ASB_HIGH_RISK, "teenagers keep taking money off my disabled neighbour"),
        (Finding.ASB_HIGH_RISK, "hes said hell put me in hospital if i park in his space again"),
        (Finding.ASB_HIGH_RISK, "a brick through my window with a note saying grass"),
        (Finding.ASB_HIGH_RISK, "theyve sprayed the word grass on my door"),
        (Finding.ASB_HIGH_RISK, "she said theyll put me in a wheelchair"),
        (Finding.EMERGENCY_REPAIR, "the hot water tank is too hot to touch and theres steam coming out the top"),
        (Finding.DOMESTIC_ABUSE, "my girlfriend scratched my face again last night"),
        (Finding.SELF_HARM, "Não aguento mais, já tomei muitos comprimidos"),
        (Finding.SELF_HARM, "Nebematau prasmės gyventi, noriu viską baigti šiąnakt"),
        (Finding.DOMESTIC_ABUSE, "شوهرم اجازه نمی‌دهد از خانه بیرون بروم"),
        (Finding.DANGER_TO_LIFE, "Sąsiad właśnie wyważa moje drzwi i krzyczy, że mnie zabije"),
    ],
)
def test_what_is_told_by_what_it_looks_like_is_found(finding, text):
    assert finding in shared_rules().find(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.SELF_HARM, "im not going to be in on tuesday, can you come wednesday"),
        (Finding.SELF_HARM, "im not going to be here much longer, moving to my daughters in may"),
        (Finding.SELF_HARM, "ive written letters to my MP about the damp"),
        (Finding.SELF_HARM, "we bought some rope for the washing line"),
        (Finding.DOMESTIC_ABUSE, "the plumber took the old tap away, cant say why"),
        (Finding.DOMESTIC_ABUSE, "the lad upstairs kicked my door in, i dont want to go into it"),
        (Finding.ASB_HIGH_RISK, "can you sort me out with a new fob please"),
        (Finding.ASB_HIGH_RISK, "could someone come and sort me out, the boiler's broken"),
        (Finding.ASB_HIGH_RISK, "pinned my note to the board in the hallway"),
        (Finding.FIRE, "no fizzing or anything, the socket just doesnt work"),
        (Finding.FIRE, "burning smell coming from next doors bbq"),
        (Finding.GAS, "theres a smell of damp, like when washing is left on the radiator"),
        (Finding.URGENT_REPAIR, "the flame in the boiler has gone all yellow"),
        (Finding.GAS, "a banging head every morning from the noise upstairs"),
        (Finding.URGENT_REPAIR, "the boiler is going to be replaced next year"),
        (Finding.URGENT_REPAIR, "the neighbours music is too loud and i cant get hold of them"),
        (Finding.EMERGENCY_REPAIR, "the hall light is out"),
        (Finding.EMERGENCY_REPAIR, "the banister on the stairs is coming away from the wall, wobbles when you hold it"),
        (Finding.EMERGENCY_REPAIR, "handrail on the communal stairs is loose"),
        (Finding.SELF_HARM, "if anything happens to me while im in hospital, my son is next of kin"),
        (Finding.SELF_HARM, "goodbye and thanks for everything, im moving to leeds on friday"),
        (Finding.DOMESTIC_ABUSE, "the lad next door said if i tell anyone hell smash my windows"),
        (Finding.DANGER_TO_LIFE, "my son got jumped last year and hes still nervous going out"),
        (Finding.DANGER_TO_LIFE, "the kids are still on at him about the football"),
        (Finding.DANGER_TO_LIFE, "the contractor hasnt rung me back since monday"),
        (Finding.DANGER_TO_LIFE, "she hasnt paid the rent since tuesday"),
        (Finding.DANGER_TO_LIFE, "someone keeps banging on my door at night, its doing my head in"),
        (Finding.DANGER_TO_LIFE, "the smoke alarm was going off and the landlord isnt answering the phone"),
        (Finding.FIRE, "my son is smoking in his room and it sets off the alarm"),
        (Finding.FIRE, "theres a burning smell from next doors bbq and a black mark on my fence"),
        (Finding.EMERGENCY_REPAIR, "i boarded the window up myself last night, can someone come and reglaze it"),
        (Finding.EMERGENCY_REPAIR, "theres a gap under my front door you can see daylight through"),
        (Finding.EMERGENCY_REPAIR, "the toilet is slow to flush"),
        (Finding.URGENT_REPAIR, "the tap drips nonstop, keeps me awake"),
        (Finding.URGENT_REPAIR, "the radiator in the back bedroom is stone cold at the top"),
        (Finding.URGENT_REPAIR, "boiled the kettle for a cuppa and the trip went"),
        (Finding.SELF_HARM, "my dog goes to the groomer on tuesdays so im out in the morning"),
        # ...and the everyday words beside those.
        (Finding.DANGER_TO_LIFE, "the paint on the door has gone droopy where they did it in the rain"),
        (Finding.DANGER_TO_LIFE, "the washing line has come down, its lying on the grass"),
        (Finding.FIRE, "the shower curtain has gone all mouldy and smells"),
        (Finding.FIRE, "the bath panel has buckled a bit"),
        (Finding.FIRE, "someone keeps pushing takeaway menus through my letterbox"),
        (Finding.GAS, "the kitchen smells like someone left the bins out"),
        (Finding.ASB_HIGH_RISK, "can you take money off my account for the rent, im disabled"),
        (Finding.EMERGENCY_REPAIR, "the water tank in the loft makes a whistling sound now and then"),
        (Finding.DOMESTIC_ABUSE, "my son scratched the car door with his bike"),
        (Finding.ASB_HIGH_RISK, "can you take the payment from my old account instead"),
        (Finding.ASB_HIGH_RISK, "the damp put my son in hospital last winter"),
        (Finding.ASB_HIGH_RISK, "i left a message about the grass not being cut"),
        (Finding.ASB_HIGH_RISK, "left a message about the rat in the bin store"),
        (Finding.DANGER_TO_LIFE, "the tv cable has come down across the window"),
        (Finding.DANGER_TO_LIFE, "my face dropped when i saw the bill"),
    ],
)
def test_the_everyday_words_beside_them_raise_nothing(finding, text):
    assert finding not in shared_rules().find(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        (Finding.URGENT_REPAIR, "last winter we were sleeping in our coats for a week, it took 3 weeks to get fixed"),
        (Finding.EMERGENCY_REPAIR, "the electrics went off in march and nothing worked for 2 days. fixed now"),
    ],
)
def test_what_is_over_and_put_right_stays_taken_back(finding, text):
    assert finding not in shared_rules().find(text)
