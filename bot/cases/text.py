"""What tenants type that a case keeps or is found by: text any database can store, case
references and postcodes, however they were typed."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import List

from bot.cases.values import CaseKind
from bot.limits import SURROGATES

# How long a delivery's key may be (bot.intake keeps a longer one as its hash).
REQUEST_KEY_CHARS = 255
# What no database here can keep: NUL (PostgreSQL refuses it in text) and a lone UTF-16
# surrogate (valid JSON can carry one as an escape, but it is no character and cannot be
# encoded). Each becomes U+FFFD, the replacement character; everything else is kept as written.
UNSTORABLE = re.compile(f"[\x00{SURROGATES}]")
REPLACEMENT = "\ufffd"


def storable(value: str) -> str:
    """`value` as it is stored: the same on SQLite and PostgreSQL, NUL and lone surrogates replaced."""
    return UNSTORABLE.sub(REPLACEMENT, value)


# A reference's last part is random, so one reference tells nothing about any other: eight of
# these 25 characters, none of which a tenant can mistake for another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REFERENCE_LENGTH = 8
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)


def references_in(message: str) -> List[str]:
    """Case references a tenant typed, however spaced or cased ("rep 2026 k7mx 4qpd"), in the
    order typed; the six-digit ones of cases opened before references were random still count."""
    return [
        f"{kind.upper()}-{year}-{(first + second or six_digits).upper()}"
        for kind, year, first, second, six_digits in _TYPED_REFERENCE.findall(message or "")
    ]


# A reference as typed, its random part in one piece or two: joining any two groups of four
# first made "CMP-2026-KX7Q4MTD from last month" unreadable ("KX7Q4MTDfrom").
_TYPED_REFERENCE = re.compile(
    r"\b(REP|ASB|CMP|ENQ)[\s-]?(\d{4})[\s-]?(?:([A-Z0-9]{4})[\s-]?([A-Z0-9]{4})|(\d{6}))\b", re.IGNORECASE
)


def new_reference(kind: "CaseKind", opened_at: datetime) -> str:
    random_part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{kind.reference_prefix}-{opened_at.year}-{random_part}"


def postcodes_in(message: str) -> List[str]:
    """UK postcodes a tenant typed, written the one way cases store them ("SY7 9BW")."""
    return [normalise_postcode(f"{outward}{inward}") for outward, inward in POSTCODE.findall(message or "")]


def normalise_postcode(postcode: str) -> str:
    compact = re.sub(r"\s+", "", postcode or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact
