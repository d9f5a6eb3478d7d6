"""Danger and urgency told in the languages tenants most often write in besides English.

The model was trained on English and reads "Czuć gaz w kuchni" or "Mi-a murit centrala, nu am
nici căldură nici apă caldă" as nothing it knows (a development set of 7 December: 33 of 124 people
in danger got no number, most of them writing in another language). The reply is still in English,
but the number a person in danger needs is in it, and a repair that cannot wait is logged as one.

Each entry is a regular expression over the message lower-cased and folded to plain letters
("ą" to "a", "ș" to "s", "ł" to "l"), because many people type without their language's accents.
Words are written as they are typed on an English keyboard, and for Urdu and Arabic also as they
are typed in Latin letters ("ri7a ghaz", "jeena nahi chahta") and in their own script. The
languages: Polish, Romanian, Spanish, Portuguese, Urdu and Hindi, Arabic, Somali; and, for fewer
dangers, Welsh, Turkish and Albanian. Like every rule,
these only raise: what they miss is what the model and the form's questions were already left to.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Dict, FrozenSet, Optional, Tuple

from bot.rules.findings import Finding

# Letters NFKD does not take apart.
_UNFOLDED = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})


def _plain_letter(character: str) -> str:
    """A Latin letter without its accents; any other character as it is (Arabic's hamza is part of
    the letter, "رائحة", not an accent to drop)."""
    if ord(character) >= 0x250:
        return character
    return "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))


def folded(text: str) -> str:
    """Lower case, Latin letters without accents, so that "Czuć gaz" and "czuc gaz" read alike."""
    return "".join(map(_plain_letter, unicodedata.normalize("NFC", text.lower().translate(_UNFOLDED))))


def _any(*patterns: str) -> "re.Pattern[str]":
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Whom abuse at home comes from: partners, exes, husbands, wives, grown-up children.
_PARTNER = {
    "pl": r"\b(partner\w*|maz|meza|mezem|mezowi|chlopak\w*|byl[yeiy]\w*|eks\w*|zona|zony|syn|syna)\b",
    "ro": r"\b(sotul|sotia|partenerul|partenera|fostul|fosta|iubitul|concubinul|baiatul meu|fiul meu)\b",
    "es": r"\b(mi (pareja|marido|esposo|esposa|novio|novia|ex|expareja|exmarido|hijo))\b",
    "pt": r"\b(meu (marido|companheiro|namorado|ex|filho)|minha (mulher|companheira|esposa))\b",
    "ur": r"\b(shohar|shauhar|shohr|khawand|khaavand|khavind|pati|mera ex|mere ex|mera beta|mera bayta)\b|شوہر|خاوند",
    "ar": r"\b(zawji|zouji|zoji|jozi|jouzi|goozi|gozi|tali2i|tleeqi)\b|زوجي|جوزي",
    "so": r"\b(ninkayga|ninkaygii|seygayga|saygayga|odaygayga|wiilkayga)\b",
    "fa": r"(شوهرم|همسرم|شوهر سابقم|پسرم)",
}
# What they do: beat, threaten, take the money or the phone, keep them in, follow them.
_ABUSES = {
    "pl": r"\b(bije|bil|bila|uderz\w*|grozi\w*|zabral\w*|zabiera\w*|kontroluj\w*|sledzi\w*|nie pozwala\w*|dusil\w*|"
    r"dusi|popchn\w*|szarpie|zamyka mnie|wyzywa|zneca\w*)\b",
    "ro": r"\b(ma bate|m-a batut|ma loveste|m-a lovit|ma ameninta|m-a amenintat|ma urmareste|ma controleaza|"
    r"mi-a luat|nu ma lasa|ma strange de gat|m-a strans de gat|ma inchide|imi ia (bani|banii|telefonul)|"
    r"intra in (apartament|casa)|imi citeste)\b",
    "es": r"\b(me (pega|pego|golpea|golpeo|amenaza|amenazo|controla|vigila|sigue|persigue|quito|quita|encierra|"
    r"insulta|ahorca|ahogo|empuja|empujo)|no me deja)\b",
    "pt": r"\b(me (bate|bateu|ameaca|ameacou|controla|persegue|tirou|tira|prende|empurrou)|bate em mim|nao me deixa)\b",
    "ur": r"\b(marta|maarta|maarte|marte|peet\w*|dhamki|dhamkiyan|mara|maara|chheen\w*|cheen\w*|nahi (nikalne|jaane) "
    r"(deta|dete))\b|مارتا|دھمکی",
    "ar": r"(drab|darab|dorob|yedreb|bedrob|hadd?ed|hadadni|ma ?b?y?e?sma7|mish bisma7|byemna3ni|yemna3ni)|يضربني|يهددني",
    "so": r"\b(i garaac\w*|garaacaa|garaacay|i dilayaa|i handad\w*|i hanjab\w*|i xirey|i xiraa)\b",
    # Farsi: beats me, threatens me, does not let me, took my phone.
    "fa": r"(کتکم|میزند|می‌زند|تهدید|اجازه نمی|نمی‌گذارد|نمیگذارد|گوشی\S* را گرفته)",
}

_NEIGHBOUR = _any(
    r"\bsasiad\w*",
    r"\bvecin\w*",
    r"\bvizinh[oa]s?\b",
    r"\b(parosi|padosi|parosee|hamsaya|hamsaye|hamsay\w*)\b|پڑوسی|ہمسای",
    r"\b(jari|jarti|jiran|jeeran|jaar)\b|جاري|جيران",
    r"\b(deris\w*|dariska|deriskayga)\b",
    # Turkish and Albanian.
    r"\bkomsu\w*",
    r"\bfqinj\w*",
)

WORDS: Dict[Finding, Tuple["re.Pattern[str]", ...]] = {
    Finding.GAS: (
        # Polish, with "czad" (carbon monoxide) only beside its detector or its signs.
        _any(
            r"(?<!nie )\b(czuc|czuje|czuje sie|smierdzi|zapach\w*|wyciek\w*|ulatnia\w*|syczy)\b.{0,40}\bgaz\w*",
            r"\bgaz\w*\b.{0,40}\b(czuc|czuje|smierdzi|zapach\w*|wyciek\w*|ulatnia\w*|syczy)\b",
            r"\btlenek\w* wegla\b|\bczujnik\w* czad\w*|\bczad\w*\b.{0,30}\b(piszczy|alarm\w*|wyje|boli)",
        ),
        _any(
            r"\bmiros\w* (de|a) gaz|(?<!nu )\bmiroase a gaz|\b(scurgere|pierdere) de gaz|\bmonoxid de carbon",
            r"\bgazul?\b.{0,30}\b(miroase|se simte|se scurge)",
            # Rotten eggs, what gas smells of.
            r"\boua (stricate|clocite)\b",
        ),
        _any(r"(?<!no )\b(huele|olor|peste) a gas\b|\b(fuga|escape) de gas\b|\bmonoxido de carbono\b"),
        _any(r"\bcheiro (a|de) gas\b|\b(fuga|vazamento) de gas\b|\bmonoxido de carbono\b"),
        _any(
            r"\bgas (ki|ka) (bu|boo|bo|badbu|badboo|bdbu|smell)\b|\bgas nikal\w*",
            r"\b(sade|sare|sarre|sarray|sadey|gande|ganday) (hue|huay|huye|hoye|hoey|huwe) (ande|anday|anda|andon|andey)\b",
            r"گیس کی بو|گیس لیک",
        ),
        _any(r"\bgaz (kokusu|kokuyor|kacagi|kaciyor)\b|\bkarbon monoksit\b"),
        _any(
            r"\bri(7|h)(a|et|it)? (el |al )?gh?az\b|\bgh?az\b.{0,20}\b(bi|by|3am )?(tsarrab|tsareb|yetsarrab|tasarrub)",
            r"رائحة غاز|ريحة غاز|ريحة الغاز|رائحة الغاز|تسرب غاز|تسرب الغاز",
        ),
        _any(r"\b(urta|ur|urka)\b.{0,20}\bgaas\w*|\bgaas\w*\b.{0,30}\b(ur\w*|daad\w*|ka soo baxay\w*)\b"),
    ),
    Finding.FIRE: (
        _any(r"\bpozar\w*|\bpali sie\b|\bplonie\b|\bplomien\w*|\bogien\b|\bognia\b|\bdymi sie\b|\bwszedzie dym\b"),
        _any(r"\ba luat foc\b|\bia foc\b|\bincendiu\b|\bflacari\b|\biese fum\b|\be foc\b|\bfoc in\b"),
        _any(r"\bfuego\b|\bincendio\b|\bse (esta )?quem\w*|\bllamas\b|\bsale humo\b|\bhumo\b"),
        _any(r"\bfogo\b|\bincendio\b|\bpegou fogo\b|\bfumaca\b"),
        _any(r"\baag (lag|lagi|lagg?a?yi|lag gayi|lag gai|lagi hui|lag gaya)\b|\bdhuan\b|\bdhuwan\b|آگ لگ|آگ"),
        _any(r"\b(7ari2a|7ari2|hari2a|hariqa|7ar2a)\b|\b(fi|fe) nar\b|\bnar bel\b|حريق|النار|نار"),
        _any(r"\b(dab|dabka) (ayaa|baa|ka|qabsaday|kacay)\b|\bgubanaya\b|\bqiiq\w*"),
    ),
    Finding.DANGER_TO_LIFE: (
        _any(
            r"\bnie oddycha\b|\bnieprzytomn\w*|\bzemdlal\w*|\blezy na (podlodze|ziemi|korytarzu|klatce)\b|\bnie rusza sie\b",
            r"\b(noz\w*|maczet\w*|krew|krwawi\w*)\b.{0,60}\b(bije|zabije|dzga)\b|\b(bije|zabije|dzga)\b.{0,60}\b(noz\w*|maczet\w*|krew|krwawi\w*)\b",
            # Breaking the door down and threatening to kill: "wywaza moje drzwi i krzyczy, ze mnie zabije".
            r"\b(wywaza|wylamuje|wywazyc|kopie w|rozwala) (moje |nasze )?drzwi\b.{0,60}\bzabij\w*",
        ),
        _any(
            r"\bnu (mai )?respira\b|\binconstient\w*|\blesinat\w*|\bzace pe jos\b|\bcazut\w* .{0,20}nu (raspunde|se misca)\b",
            r"\b(cutit\w*|sange|sangereaza)\b.{0,60}\b(bate|omoara|taie)\b|\b(bate|omoara|taie)\b.{0,60}\b(cutit\w*|sange)\b",
            r"\b(il|o|ii|ma|te|ne) bate acum\b",
        ),
        _any(
            r"\bno (respira|reacciona)\b|\binconsciente\b|\bdesmayad\w*|\b(tirad|caid)[oa]s? en el suelo\b",
            r"\b(cuchillo|navaja|machete|sangre|sangrando)\b.{0,60}\b(pega|golpea|matar|apunal\w*)\b",
            r"\b(pega|golpea|matar|apunal\w*)\b.{0,60}\b(cuchillo|navaja|machete|sangre|sangrando)\b",
        ),
        _any(r"\bnao (esta )?respira\w*|\binconsciente\b|\bdesmaiad\w*|\bcaid[oa] no chao\b"),
        _any(
            r"\bsaa?ns nahi?\b|\bbehosh\w*|\bjawab nahi? de (raha|rahi|rahe|rahin)\b|\bzameen (par|pe) gir\w*|\bhil nahi? (raha|rahi)\b",
            r"\b(chaku|chaaku|chhuri|churi|khoon)\b|بے ہوش|سانس نہیں",
        ),
        _any(
            r"\bma (bi|be|3am) ?y?e?tnaffas\b|\bmosh bi?y?e?tnaffas\b|\bmagh?mi 3ala?y?(h|ha|he)\b|\bwa2e3 (3al|3a) (ard|ared|ar2d)\b",
            r"لا يتنفس|مش عم يتنفس|مغمى عليه|سكين",
        ),
        _any(r"\bma neefsanayo\b|\bneef ma (qaadanayo|leh)\b|\bmiyir\w* (la'aan|beelay|ma leh)\b|\bsuuxay\b"),
    ),
    Finding.DOMESTIC_ABUSE: tuple(
        _any(rf"{partner}.{{0,60}}{_ABUSES[language]}", rf"{_ABUSES[language]}.{{0,40}}{partner}")
        for language, partner in _PARTNER.items()
    ),
    Finding.SELF_HARM: (
        _any(
            r"\bnie chce (juz )?(dluzej )?zyc\b|\bchce umrzec\b|\bzabi(c|je) sie\b|\bskoncz\w* ze soba\b",
            r"\bodebrac sobie zycie\b|\bsamobojst\w*",
        ),
        _any(
            # Not "mor de ras" (dying of laughter), "de frig" (of cold), "de foame" (of hunger).
            r"\bvreau sa mor\b(?! de (ras|frig|foame|sete|plictiseala|cald))|\bnu (mai )?vreau sa (mai )?traiesc\b|\b(sa )?ma sinucid\b|\bsinucidere\b|\b(sa )?ma omor\b",
            r"\bsa-mi iau viata\b|\bnu mai pot trai\b",
        ),
        _any(
            r"\bno quiero (seguir )?vivi(r|endo)\b|\bquiero morir\w*|\bquitarme la vida\b|\bsuicid\w*|\bmatarme\b",
            r"\bacabar con (todo|mi vida)\b|\b(tengo|me tome|tome) (las|todas las) pastillas\b|\bme (voy|quiero) a? ?matar\b",
        ),
        _any(
            r"\bnao quero (mais )?viver\b|\bquero morrer\b|\bme matar\b|\bsuicid\w*|\btirar a minha vida\b",
            r"\b(tomei|engoli) (muitos|todos os|varios|uma caixa de|a caixa toda de) (comprimidos|remedios|medicamentos)\b",
        ),
        # Lithuanian.
        _any(
            r"\bnoriu (mirti|nusizudyti)\b|\bnenoriu (daugiau )?gyventi\b|\bnusizud\w*",
            r"\b(baigti (viska|su viskuo|gyvenima)|viska baigti)\b|\b(nebematau|nematau) prasmes gyventi\b",
        ),
        # German, French, Italian, Turkish and Albanian, which fewer tenants write in.
        _any(
            r"\bich will sterben\b|\bje veux mourir\b|\bvoglio morire\b",
            r"\bolmek istiyorum\b|\bintihar\b|\bkendimi oldur\w*",
            r"\bdua te vdes\b|\bvetvras\w*",
        ),
        _any(
            r"\b(jeena|jina|zinda rehna) nahi?n? (chahta|chahti)\b|\bkhud ?kushi\b|\bapni jaan (le|lena|lene|de)\b",
            r"\bmar(na| jana| jaana) (chahta|chahti)\b|\bsab (kuch )?khatam karna\b|خودکشی|مرنا چاہتا|مرنا چاہتی",
        ),
        _any(
            r"\b(bade|badi|bidi|biddi|bddi|3ayez|3ayza|baghi) (mout|amout|mot|amot)\b|\b(ente7ar|inti7ar|intihar)\b",
            r"\b(a2tol|aqtol|a2tal) nafsi\b|انتحار|بدي موت|أريد أن أموت|اريد ان اموت|أقتل نفسي",
        ),
        _any(
            r"\bma rabo inaan (sii )?noolaado\b|\binaan is dilo\b|\bis dili(doonaa|lahaa)?\b",
            r"\bwaxaan doonayaa inaan dhinto\b|\bnaftayda (ka|iska) qaado\b",
        ),
    ),
    Finding.EMERGENCY_REPAIR: (
        # No power at all; a way in that will not shut or lock; the only toilet out of use.
        _any(
            r"\b(nie ma|brak|bez) pradu\b",
            r"\b(nie (moge|da sie)|nie mozna) zamknac( drzwi)?\b|\bdrzwi (sie )?nie zamyka\w*",
            r"\bjedyn\w* (toalet|ubikacj|wc|lazienk)\w*.{0,60}\b(zapchan\w*|nie (dziala|splukuje))|"
            r"\b(zapchan\w*|nie (dziala|splukuje))\b.{0,60}\bjedyn\w* (toalet|ubikacj|wc|lazienk)\w*",
        ),
        _any(
            r"\b(nu am|n-am|fara) (curent|lumina|electricitate)\b|\bs-a (dus|luat|oprit|intrerupt) curentul\b",
            r"\bcurge apa (prin|din|pe) (lustra|bec|lampa|priza|prize)\b",
            r"\busa nu se (mai )?(inchide|incuie)\b|\bnu (pot|se poate) (inchide|incuia) usa\b",
            r"\bsingura (toaleta|baie)\b.{0,60}\b(infundat\w*|blocat\w*)|\b(infundat\w*|blocat\w*)\b.{0,60}\bsingura (toaleta|baie)\b",
        ),
        _any(
            r"\b(sin|no (hay|tengo|tenemos)) (luz|electricidad|corriente)\b",
            r"\bla puerta no (se )?(cierra|puede cerrar)\b|\bno (la )?puedo cerrar( la puerta)? con llave\b",
            r"\b(unico|unica) (bano|inodoro|vater|wc|aseo)\b.{0,60}\batasc\w*|\batasc\w*\b.{0,60}\b(unico|unica) (bano|inodoro|vater|wc|aseo)\b",
        ),
        _any(r"\bsem (luz|eletricidade|energia)\b|\ba porta nao (fecha|tranca)\b"),
        _any(r"\bbijli nahi\b|\bdarwaz[ae] (band|lock) nahi? (ho|hota)\b"),
        _any(
            r"\bma fi (kahraba|kahraba2|kahrabaa)\b|الكهرباء مقطوعة|ما في كهرباء",
            # Water coming through the ceiling onto the electrics.
            r"(الماء|المية|المياه|مية) (ي|ت)?(نزل|تسرب|قطر|ينزل|يتسرب|يقطر).{0,40}(السقف|سقف).{0,60}(الكهرباء|كهرباء|الأسلاك|اللمبة)",
        ),
        _any(r"\bkoronto(da)? (ma jirto|la'aan|go'day)\b|\balbaabka (ma xirmayo|lama xiri karo)\b"),
    ),
    Finding.URGENT_REPAIR: (
        # No heating or no hot water; a boiler dead.
        _any(
            r"\b(nie ma|brak|bez|nie mam|nie mamy)\b.{0,20}\b(ogrzewania|cieplej wody|ciepla woda|goracej wody)\b",
            r"\b(piec|kociol|boiler|bojler)\w*\b.{0,30}\b(nie dziala|zepsul\w*|padl)\b",
        ),
        _any(
            r"\b(nu am|n-am|nu avem|fara)( nici)? (caldura|apa calda|incalzire)\b",
            r"\bcentrala\b.{0,20}\b(nu (mai )?(merge|functioneaza|porneste)|s-a stricat|a murit)\b|\bmi-a murit centrala\b",
        ),
        _any(
            r"\b(sin|no (hay|tengo|tenemos))( agua caliente| calefaccion)\b",
            r"\bla caldera\b.{0,20}\b(no (funciona|enciende|arranca)|esta rota|se rompio)\b",
        ),
        _any(r"\bsem (agua quente|aquecimento)\b|\ba caldeira\b.{0,20}\bnao (funciona|liga)\b"),
        # Welsh.
        _any(r"\bdim (dwr poeth|gwres)\b|\bboeler wedi torri\b|\brheiddiaduron yn oer\b"),
        _any(r"\bgaram pani nahi\b|\bheating nahi\b|\bboiler (kharab|band|nahi chal)\w*"),
        _any(r"\bma fi (may|mayy|mai|mayye) (s?o?khn\w*|sukhn\w*|sa5n\w*)|\bma fi (tadfi2a|shofaj|chauffage)\b"),
        # Ukrainian and Russian: no heating, no hot water, "the heating is not working".
        _any(
            r"(не працює|немає|нема|не працюе|не гріє) (опалення|гарячої води|гаряча вода|бойлер|котел)",
            r"(опалення|гаряча вода|бойлер|котел) (не працює|не працюе|зламав\w*|не гріє)",
            r"(нет|не работает) (отопления|отопление|горячей воды|горячая вода|котел|бойлер)",
            r"(отопление|горячая вода|котел|бойлер) (не работает|сломал\w*)",
        ),
        # Bengali: no hot water, the heating not working.
        _any(r"গরম পানি নেই|গরম জল নেই|হিটিং কাজ করছে না|হিটিং নেই|বয়লার কাজ করছে না"),
        _any(
            r"\bbiyo kulul (ma jiraan|ma jiro|ma leh|ma haysto|ma hayno)\b|\bkul(ee|e)?yl(ka)? ma (jiro|shaqeynayo)\b",
            r"\bkululeeyaha\b.{0,30}\b(ma shaqeynayo|xumaaday|jabay)\b",
        ),
    ),
    Finding.DAMP_MOULD: (
        _any(r"\bplesn\w*|\bgrzyb\w* na (scian\w*|suficie)|\bwilgoc\w*|\bzawilgoc\w*"),
        _any(r"\bmucegai\w*|\bigrasie\b|\bumezeala\b"),
        _any(r"\bmoho\b|\bhumedad\b|\bhongos en la pared\b"),
        _any(r"\bmofo\b|\bbolor\b|\bhumidade\b|\bumidade\b"),
        _any(r"\bseelan\b|\bphaph?(oo|u)nd\w*", r"پھپھوند|سیلن"),
        # Chinese: mould, damp.
        _any(r"霉|潮湿|返潮"),
    ),
    Finding.ASB_HIGH_RISK: (
        # "I'll kill you", whoever says it.
        _any(
            r"\bzabij(e|emy) cie\b|\b(te|va) omor\b|\bte voy a matar\b|\bte mato\b|\bvou te matar\b",
            r"\bjaan se maar\w*|\bmaar (dunga|denge|dalunga|daloonga)\b|\bagli baar tumhara\b",
            r"\b(ra7|rah) (a2tlak|aqtlak|2otlak)\b|\bbo2tlak\b|\bwaan ku dili\w*",
        ),
    ),
    Finding.HATE_INCIDENT: (
        _any(
            r"\bwracaj\w* do (swojego|swego) kraju\b",
            r"\b(intoarce-te|du-te|mergi)( acasa)? in tara ta\b",
            r"\b(vete|vuelve|vuelvete|largate) a tu pais\b",
            r"\b(volta|vai) (pra|para) (a )?tua terra\b",
            r"\b(apne|apnay) (mulk|desh) wapas\b",
            r"\b(3ansari|3onsori|3ansuri|onsori)\b|عنصري|\berja3 (3ala|3a) (baladak|baladek)\b",
            # Racist in Spanish, Portuguese, Romanian and Polish (not the English word, which a
            # complaint about our staff can use).
            r"\bracistas?\b|\brasist\w*|\brasistowsk\w*",
            # "Defol buradan" (Turkish: get out of here), told to someone's door.
            r"\bdefol\b|\bulkene (don|git)\b",
        ),
    ),
    Finding.NEIGHBOUR: (_NEIGHBOUR,),
}

# Threats, blows and damage, which are a neighbour's anti-social behaviour only with the neighbour
# named: "grozi" (threatens) is also what a ceiling about to fall does, and "se rompió la caldera"
# is the boiler broken, by nobody.
_DONE_BY_A_NEIGHBOUR = _any(
    r"\b(zabije|grozi\w*|pobil\w*|kopn\w*|porysowal\w*|zarysowal\w*|wybil\w*|rozbil\w*|zniszczyl\w*|uderzyl\w*)\b",
    r"\b(amenint\w*|m-a (lovit|batut)|mi-a (spart|zgariat|taiat|distrus)|zgariat\w*)\b",
    r"\b(amenaz\w*|me (pego|golpeo)|rayo|rompio|destrozo|pincho)\b|\b(tiraron|tiran|lanzaron) (huevos|piedras|un ladrillo)\b",
    r"\b(ameac\w*|riscou|partiu|quebrou|bateu)\b",
    r"\b(dhamki\w*|(tor|tod|phor|phod|toda) (di|diya|diye|dia|dale)|maara|mara)\b",
    r"\b(kasar\w*|kassar\w*|hadd?ad\w*|darab\w*)\b|كسر|هدد",
    r"\b(jabiyey|jabiyay|burburiyey|i garaacay|\w*hanjabay|i dili)\b",
    r"\b(il|o|ii|ma|te) bate\b",
    r"\b(tehdit\w*|yakmis|kirdi|dovdu|dovecek\w*|oldurecek\w*)\b",
    r"\b(kercen\w*|rrah\w*|thyen\w*)\b",
)


def found_in_other_languages(text: str) -> FrozenSet[Finding]:
    """What the entries above find in `text` (any case, with or without accents)."""
    plain = folded(text)
    found = {finding for finding, patterns in WORDS.items() if any(p.search(plain) for p in patterns)}
    if Finding.NEIGHBOUR in found and _DONE_BY_A_NEIGHBOUR.search(plain):
        found.add(Finding.ASB_HIGH_RISK)
    if Finding.HATE_INCIDENT in found:
        found.add(Finding.ASB_HIGH_RISK)
    return frozenset(found)


# What a message in another language is about, when the model could not place it: the intent its
# report starts as, which the rules then raise like any other ("Dzień dobry, w łazience odpadło
# kilka kafelków" is a routine repair; with "pleśń" it is damp). First match wins: a complaint
# says so, a question of time is a question whatever it names, the neighbours' noise before the
# things a repair names.
AREA_WORDS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = (
    (
        "complain",
        _any(
            r"\b(skarg\w*|reklamacj\w*|zazaleni\w*)\b",
            r"\b(plangere|reclamati\w*|nemultumi\w*)\b",
            r"\b(queja|quejarme|reclamacion\w*)\b",
            r"\b(reclamacao|queixa)\b",
            r"\b(shikayat|shikayet)\b|شکایت",
            r"\b(shakwa|shakwe)\b|شكوى",
            r"\b(cabasho|ashtako)\b",
        ),
    ),
    (
        "ask_timescales",
        _any(
            r"\bile (czasu|dni|to trwa|trwa)\b|\bkiedy (ktos )?przyjd\w*",
            r"\bcat (dureaza|timp)\b|\bcand vine\b",
            r"\bcuanto (tiempo|tarda\w*)\b|\bcuando vien\w*",
            r"\bquanto tempo\b|\bquando vem\b",
            r"\b(kitne din|kitna waqt|kab tak|kab aa\w*)\b",
            r"\b(addesh|adesh|addaysh|emta|imta)\b|امتى|كم يوم",
            r"\b(immisa maalin|goorma)\b",
        ),
    ),
    (
        "report_asb_low_risk",
        _any(
            r"\b(halas\w*|glosn\w*|muzyk\w*|smieci\w*|szczeka\w*|parkuj\w*|impre(za|zy|ze|zie|zami|zuja))\b",
            r"\b(zgomot\w*|galagie|muzica|gunoi|latra|parchea\w*|petrecer\w*)\b",
            r"\b(ruido\w*|musica|basura|ladra\w*|aparca\w*|fiesta\w*|gritos)\b",
            r"\b(barulho|lixo|latir|estaciona\w*|festa\w*)\b",
            r"\b(shor|kachra|bhonk\w*)\b",
            r"\b(dajje|daje|zbale|zbele)\b|ضجة|إزعاج",
            r"\b(buuq|qashin)\b",
        ),
    ),
    (
        "report_repair_external",
        _any(
            r"\b(ogrodzen\w*|rynn(a|y|e))\b|\bw ogrodzie\b",
            r"\b(gardul|jgheab\w*)\b",
            r"\b(valla|canalon\w*)\b",
            r"\bcalhas?\b",
        ),
    ),
    (
        "report_repair_routine",
        _any(
            r"\b(napraw\w*|zepsu\w*|przecieka\w*|cieknie|kapie|nie dziala|odpadl\w*|zapchan\w*|pekn\w*|uszkodz\w*|"
            r"kran\w*|toalet\w*|lazienk\w*|kafelk\w*|okno|drzwi)\b",
            r"\b(repar\w*|stricat\w*|curge|picura|nu (merge|functioneaza)|infundat\w*|teava|robinet\w*|fereastra|"
            r"usa|faianta)\b",
            r"\b(arregl\w*|repar\w*|roto|gotea\w*|pierde agua|no funciona|atascad\w*|grifo|ventana|puerta|"
            r"cisterna|azulejo\w*)\b",
            r"\b(consert\w*|reparar|pinga|nao funciona|entupid\w*|torneira|janela|porta)\b",
            r"\b(kharab|toot (gay\w*|gai)|tapak\w*|theek kar\w*|marammat|nalka|darwaza|khirki)\b",
            r"\b(kharban|ma3tal|m3attal|maksur|mksoor|7anafiyye|shebbak)\b|معطل|خربان",
            r"\b(xumaaday|ma shaqeynayo|hagaaji\w*|albaab\w*|daaqad\w*|tuubo\w*)\b",
            r"\bwedi torri\b|\bddim yn gweithio\b",
            r"\b(bozuk|calismiyor|tamir)\b",
        ),
    ),
)


def intent_told_in_other_language(text: str) -> Optional[str]:
    """The intent a message in another language starts as, by the words it uses; None when none
    of them are here."""
    found = found_in_other_languages(text)
    if {Finding.ASB_HIGH_RISK, Finding.NEIGHBOUR} <= found or Finding.HATE_INCIDENT in found:
        # A neighbour's threat, damage or hate, whatever it was done to ("kopnął moje drzwi"), and
        # hate from anyone ("defol buradan" written on the door).
        return "report_asb_high_risk"
    plain = folded(text)
    told = next((intent for intent, pattern in AREA_WORDS if pattern.search(plain)), None)
    if told is None and found & {Finding.EMERGENCY_REPAIR, Finding.URGENT_REPAIR, Finding.DAMP_MOULD}:
        # A repair told only by what the rules know ("میرے گھر کی دیواروں پر کالی پھپھوندی"): the
        # rules then raise it to what they saw.
        return "report_repair_routine"
    return told


# The small words every sentence of a language is made of, as typed without accents, and none of
# them an English word: what says a message is written in that language, whatever it is about.
_EVERYDAY_WORDS: Dict[str, FrozenSet[str]] = {
    "Polish": frozenset(
        "jest nie sie mam mnie moj moja moje jak czy juz bardzo dzien dobry prosze zeby ktory ale oraz kiedy "
        "mieszkanie mieszkaniu od przez dla tylko jestem mamy nam nas jego jej sa tak co to".split()
    ),
    "Romanian": frozenset(
        "este sunt nu si mea meu va rog pentru care acum foarte buna ziua avem nici cu de la din pe ca mai "
        "sa ma imi am casa".split()
    )
    - {"am"},
    "Spanish": frozenset(
        "el la los las es esta tengo por para que hola favor muy pero hay desde gracias mi casa del con una "
        "se lo no ya".split()
    )
    - {"no"},
    "Portuguese": frozenset(
        "nao esta tenho meu minha por para que ola obrigado obrigada muito mas uma um com da do em casa".split()
    ),
    "Urdu": frozenset(
        "mera meri mere hai hain nahi nahin ghar mein kya aap ka ki ke ho raha rahi rahe hum bohat bahut "
        "koi kar se ko".split()
    ),
    "Somali": frozenset("waa iyo ma aan waxaan guriga ayaa baa ka ku la oo hadda waxa ayuu aad".split()),
    "Turkish": frozenset("bir ve bu cok benim evim var yok icin ama degil ne mi lutfen merhaba kapi ediyor".split()),
    "Welsh": frozenset("mae yn y yr dim ac gyda fy ei wedi mewn bore da diolch does gen yw".split()),
    "Albanian": frozenset("dhe ne te eshte nuk me jam kam shtepi per nje se do".split()) - {"me", "do"},
}
# Scripts that say the language on their own ("Chinese" for Han characters). Arabic script is Urdu
# when it has the letters only Urdu uses.
_SCRIPTS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = (
    ("Urdu", re.compile("[ٹڈڑںےھ]")),
    ("Persian", re.compile("[پچژگ\u200c]")),
    ("Arabic", re.compile("[\u0600-\u06ff]")),
    ("Chinese", re.compile("[\u4e00-\u9fff]")),
    ("Bengali", re.compile("[\u0980-\u09ff]")),
    ("Punjabi", re.compile("[\u0a00-\u0a7f]")),
    ("Tigrinya", re.compile("[\u1200-\u137f]")),
    ("Ukrainian", re.compile("[іїєґІЇЄҐ]")),
    ("Russian", re.compile("[\u0400-\u04ff]")),
)
# Every language `language_of` can name.
LANGUAGES: Tuple[str, ...] = (*_EVERYDAY_WORDS, *(language for language, _ in _SCRIPTS))
_ENGLISH_WORDS = frozenset(
    "the and is my i to it in of a have has not no can you me we this that there with for on at be was are "
    "but just its so do dont get got please from im ive been they he she".split()
)
_A_WORD = re.compile(r"[^\W\d_]+")
# Arabic typed in Latin letters, with numbers for the letters English has not ("3andi", "ri7a"); not
# a time ("2am"), an ordinal ("3rd") nor texting ("2day", "b4").
_ARABIZI = re.compile(r"\b([a-z]+[2357][a-z]*|[2357](?!(am|pm|ish|ever|eat)\b)[aeiou][a-z]+)\b")


def language_of(text: str) -> Optional[str]:
    """The language a message is written in, when it is one of those above and not English: by its
    script, or by more of that language's everyday words than English ones (at least two, and a
    fifth of its words unless it has no English word at all). None for English, and for a message
    too short to tell."""
    for language, script in _SCRIPTS:
        if script.search(text or ""):
            return language
    if len(_ARABIZI.findall(folded(text or ""))) >= 2:
        return "Arabic"
    words = _A_WORD.findall(folded(text or ""))
    if not words:
        return None
    english = sum(word in _ENGLISH_WORDS for word in words)
    counts = {language: sum(word in common for word in words) for language, common in _EVERYDAY_WORDS.items()}
    language, most = max(counts.items(), key=lambda item: item[1])
    if most >= 2 and most > english and (most >= len(words) / 5 or not english):
        return language
    return None
