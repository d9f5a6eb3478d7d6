"""Danger and urgency told in Polish, Romanian, Spanish, Portuguese, Urdu, Arabic and Somali
(bot.rules.other_languages): each row is one thing the rules must find, typed with its accents or
without them, and the words near them that must raise nothing, in those languages and in English."""

import pytest

from bot.rules import Finding, shared_rules
from bot.rules.other_languages import folded, intent_told_in_other_language


@pytest.mark.parametrize(
    "finding, text",
    [
        # Gas: a smell or a leak, or carbon monoxide's alarm.
        (Finding.GAS, "Czuję gaz na klatce schodowej, co robić?"),
        (Finding.GAS, "czuc gaz w calym mieszkaniu"),
        (Finding.GAS, "czujnik czadu piszczy od rana"),
        (Finding.GAS, "Miroase a gaz în bucătărie de o oră"),
        (Finding.GAS, "huele a gas en la cocina y tengo niños"),
        (Finding.GAS, "há cheiro a gás no prédio"),
        (Finding.GAS, "kitchen mein gas ki bu aa rahi hai"),
        (Finding.GAS, "fi ri7et ghaz bel bet"),
        (Finding.GAS, "في رائحة غاز قوية في المطبخ"),
        (Finding.GAS, "urta gaaska ayaa jikada ka timid"),
        # Fire.
        (Finding.FIRE, "Pali się w piwnicy, dużo dymu"),
        (Finding.FIRE, "a luat foc aragazul"),
        (Finding.FIRE, "hay fuego en el pasillo"),
        (Finding.FIRE, "seerhi mein aag lagi hui hai"),
        (Finding.FIRE, "fi 7ari2a bel binaye"),
        (Finding.FIRE, "dab ayaa ka kacay guriga"),
        # A person collapsed, not breathing, or violence with a weapon now.
        (Finding.DANGER_TO_LIFE, "mama nie oddycha, prosze pomocy"),
        (Finding.DANGER_TO_LIFE, "tata e inconștient pe jos"),
        (Finding.DANGER_TO_LIFE, "mi abuelo está tirado en el suelo"),
        (Finding.DANGER_TO_LIFE, "abbu behosh ho gaye hain"),
        (Finding.DANGER_TO_LIFE, "jaddi ma 3am yetnaffas"),
        (Finding.DANGER_TO_LIFE, "aabahay ma neefsanayo"),
        (Finding.DANGER_TO_LIFE, "na dole facet ma nóż i krzyczy że go zabije"),
        # Abuse by a partner, an ex, a husband.
        (Finding.DOMESTIC_ABUSE, "maz mnie bije kiedy pije"),
        (Finding.DOMESTIC_ABUSE, "soțul mă bate și mi-a luat telefonul"),
        (Finding.DOMESTIC_ABUSE, "mi ex me persigue y me amenaza"),
        (Finding.DOMESTIC_ABUSE, "meu marido me bate"),
        (Finding.DOMESTIC_ABUSE, "mera shohar mujhe maarta hai"),
        (Finding.DOMESTIC_ABUSE, "jozi byedrobni kel yom"),
        (Finding.DOMESTIC_ABUSE, "ninkayga wuu i garaacaa"),
        # Self-harm.
        (Finding.SELF_HARM, "nie chce juz zyc"),
        (Finding.SELF_HARM, "nu mai vreau să trăiesc"),
        (Finding.SELF_HARM, "quiero quitarme la vida"),
        (Finding.SELF_HARM, "não quero mais viver"),
        (Finding.SELF_HARM, "mein khudkushi karna chahta hoon"),
        (Finding.SELF_HARM, "bidi mout, ma 3ad fiyye"),
        (Finding.SELF_HARM, "ma rabo inaan noolaado"),
        # Repairs that cannot wait.
        (Finding.EMERGENCY_REPAIR, "nie ma prądu w całym mieszkaniu"),
        (Finding.EMERGENCY_REPAIR, "usa nu se mai incuie dupa spargere"),
        (Finding.EMERGENCY_REPAIR, "no tengo luz en toda la casa"),
        (Finding.EMERGENCY_REPAIR, "ghar mein bijli nahi hai"),
        (Finding.URGENT_REPAIR, "nie mamy ogrzewania od wczoraj"),
        (Finding.URGENT_REPAIR, "centrala nu mai porneste"),
        (Finding.URGENT_REPAIR, "la caldera no enciende y no hay agua caliente"),
        (Finding.URGENT_REPAIR, "biyo kulul ma hayno"),
        (Finding.DAMP_MOULD, "wszędzie pleśń w łazience"),
        (Finding.DAMP_MOULD, "hay moho en las paredes del dormitorio"),
        # A neighbour's threats, damage and hate.
        (Finding.ASB_HIGH_RISK, "sąsiad porysował mi samochód"),
        (Finding.ASB_HIGH_RISK, "vecinul m-a amenințat cu bătaia"),
        (Finding.ASB_HIGH_RISK, "el vecino me amenazó"),
        (Finding.ASB_HIGH_RISK, "parosi ne khirki tor di"),
        (Finding.ASB_HIGH_RISK, "jari kassar shebbak el sayyara"),
        (Finding.HATE_INCIDENT, "sąsiad krzyczy wracaj do swojego kraju"),
        (Finding.HATE_INCIDENT, "me gritan vete a tu país"),
        # Gas told by rotten eggs; the power gone; an ex who takes the money; a beating now.
        (Finding.GAS, "în bucătărie miroase a ouă stricate"),
        (Finding.GAS, "ghar mein sade hue ande jaisi boo hai"),
        (Finding.GAS, "mutfakta gaz kokusu var"),
        (Finding.EMERGENCY_REPAIR, "s-a dus curentul în tot apartamentul"),
        (Finding.EMERGENCY_REPAIR, "curge apa prin lustra din hol"),
        (Finding.DOMESTIC_ABUSE, "fostul meu iubit intră în casă și îmi ia banii"),
        (Finding.DANGER_TO_LIFE, "vecinul o bate acum pe soția lui în curte"),
        # Welsh: no hot water; Turkish and Albanian: a neighbour's threats and hate.
        (Finding.URGENT_REPAIR, "does dim dŵr poeth ers dydd Llun"),
        (Finding.ASB_HIGH_RISK, "komşum beni tehdit ediyor"),
        (Finding.HATE_INCIDENT, "kapıma defol yazmışlar"),
        (Finding.ASB_HIGH_RISK, "fqinji më kërcënon çdo ditë"),
        (Finding.DAMP_MOULD, "دیوار پر پھپھوندی ہے"),
        (Finding.DAMP_MOULD, "卧室墙上有霉"),
        # The twenty-seventh development set's: no heating in Ukrainian, Russian and Bengali; water
        # through the ceiling onto the electrics in Arabic; an overdose in Portuguese; an end wanted
        # in Lithuanian; a husband's control in Farsi; a door broken down with a threat in Polish.
        (Finding.URGENT_REPAIR, "Не працює опалення вже два дні"),
        (Finding.URGENT_REPAIR, "у нас не работает отопление"),
        (Finding.URGENT_REPAIR, "আমার বাসায় দুই দিন ধরে গরম পানি নেই"),
        (Finding.EMERGENCY_REPAIR, "الماء ينزل من السقف على الكهرباء في المطبخ"),
        (Finding.SELF_HARM, "já tomei muitos comprimidos"),
        (Finding.SELF_HARM, "noriu viską baigti šiąnakt"),
        (Finding.DOMESTIC_ABUSE, "شوهرم اجازه نمی‌دهد از خانه بیرون بروم"),
        (Finding.DANGER_TO_LIFE, "sąsiad wyważa moje drzwi i krzyczy, że mnie zabije"),
    ],
)
def test_danger_and_urgency_in_other_languages_are_found(finding, text):
    assert finding in shared_rules().find(text)


@pytest.mark.parametrize(
    "finding, text",
    [
        # The same words with nothing the matter, in those languages...
        (Finding.GAS, "nie czuć gazu, tylko kuchenka nie działa"),
        (Finding.GAS, "no huele a gas, solo el horno no calienta"),
        (Finding.ASB_HIGH_RISK, "sufit grozi zawaleniem"),
        (Finding.ASB_HIGH_RISK, "se rompió la caldera"),
        (Finding.ASB_HIGH_RISK, "s-a spart o țeavă în baie"),
        (Finding.ASB_HIGH_RISK, "mi vecino pone la música muy alta"),
        (Finding.DOMESTIC_ABUSE, "mi marido no está en casa, venid por la tarde"),
        (Finding.SELF_HARM, "vreau sa mor de ras, ce rapid ati venit"),
        (Finding.URGENT_REPAIR, "опалення працює, дякую"),
        (Finding.SELF_HARM, "tomei os comprimidos para a tensão como o médico disse"),
        (Finding.DOMESTIC_ABUSE, "شوهرم سر کار است، بعد از ظهر بیایید"),
        # ...and in English, where a word of another language is a word of this one.
        (Finding.FIRE, "just a dab of paint needed on the door frame"),
        (Finding.FIRE, "the foc cable for the tv aerial is loose"),
        (Finding.GAS, "my gas bill is too high, can you check the meter"),
        (Finding.DANGER_TO_LIFE, "the crew came and fixed the tap"),
        (Finding.EMERGENCY_REPAIR, "the bin store door is stiff"),
    ],
)
def test_the_same_words_with_nothing_the_matter_raise_nothing(finding, text):
    assert finding not in shared_rules().find(text)


@pytest.mark.parametrize(
    "typed, plain",
    [
        ("Czuć gaz w łazience", "czuc gaz w lazience"),
        ("Mi-a murit centrala, nu am apă caldă", "mi-a murit centrala, nu am apa calda"),
        ("¿Dónde está el baño?", "¿donde esta el bano?"),
    ],
)
def test_accents_are_folded_so_that_typing_without_them_reads_the_same(typed, plain):
    assert folded(typed) == plain


@pytest.mark.parametrize(
    "text, intent",
    [
        ("Chcę złożyć skargę na technika", "complain"),
        ("quiero poner una queja por el trato recibido", "complain"),
        ("Cât durează să reparați o țeavă?", "ask_timescales"),
        ("cuanto tiempo tardan en arreglar una ventana", "ask_timescales"),
        ("Sąsiedzi robią imprezę co noc", "report_asb_low_risk"),
        ("el perro del vecino ladra toda la noche", "report_asb_low_risk"),
        ("w ogrodzie przewróciło się ogrodzenie", "report_repair_external"),
        ("kran w kuchni cieknie", "report_repair_routine"),
        ("robinetul din baie picura", "report_repair_routine"),
        ("la cisterna no funciona", "report_repair_routine"),
        ("bathroom ka nalka kharab hai", "report_repair_routine"),
        ("sąsiad kopnął moje drzwi i grozi mi", "report_asb_high_risk"),
        ("kapıma defol yazmışlar", "report_asb_high_risk"),
        ("卧室墙上有霉", "report_repair_routine"),
        ("mae'r tap wedi torri", "report_repair_routine"),
    ],
)
def test_what_a_message_in_another_language_is_about_is_read_from_its_words(text, intent):
    assert intent_told_in_other_language(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "my garden fence is down",
        "can I put a shed in my garden",
        "not impressed with the engineer",
        "whats the cleaning rota for the stairs",
        "i have a plot at the allotment",
        "hello",
    ],
)
def test_english_words_like_them_say_nothing_of_another_language(text):
    assert intent_told_in_other_language(text) is None
