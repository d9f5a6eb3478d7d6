"""How the chat page's server proves to the Rasa server that a message is its own.

The REST channel would otherwise take any `sender` it is given, so anyone who could reach it
could post as an SMS tenant's phone number and read their cases. The chat page's server signs
every message it forwards with CHAT_CONNECTOR_SECRET, which only it and the Rasa servers hold:
`X-Chat-Signature: t=<Unix seconds>,v1=<HMAC-SHA256 of "t." + body>`. A signature older than
MAX_AGE_SECONDS is refused, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from typing import Optional

HEADER = "X-Chat-Signature"
SECRET_VARIABLE = "CHAT_CONNECTOR_SECRET"
# On: the REST channel also takes unsigned messages (never for another channel's ids), for
# rasa shell, curl and the tests. The launcher turns it on locally; production leaves it off.
OPEN_SWITCH = "OPEN_REST_CHANNEL"
MAX_AGE_SECONDS = 300
_SIGNATURE = re.compile(r"^t=(\d{1,12}),v1=([0-9a-f]{64})$")


def _digest(secret: bytes, stamp: str, body: bytes) -> str:
    return hmac.new(secret, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signature(secret: bytes, body: bytes, now: Optional[float] = None) -> str:
    stamp = str(int(time.time() if now is None else now))
    return f"t={stamp},v1={_digest(secret, stamp, body)}"


def verified(secret: bytes, body: bytes, header: Optional[str], now: Optional[float] = None) -> bool:
    """Whether the header signs exactly this body, with our secret, within the last few minutes."""
    match = _SIGNATURE.match(header or "")
    if not match or not secret:
        return False
    stamp, digest = match.groups()
    age = (time.time() if now is None else now) - int(stamp)
    if not -60 <= age <= MAX_AGE_SECONDS:
        return False
    return hmac.compare_digest(_digest(secret, stamp, body), digest)
