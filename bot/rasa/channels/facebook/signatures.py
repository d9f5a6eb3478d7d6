"""Whether a request comes from Facebook: the signature on every delivery, and the handshake
that subscribes the webhook.

Apart from the webhook because this is what keeps a forger out, and reads best on its own:
Rasa's own connector checks only the old SHA-1 header; this checks `X-Hub-Signature-256`, in
constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any, Mapping, Optional

SIGNATURE_HEADER = "X-Hub-Signature-256"

_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")


def _same(expected: str, given: str) -> bool:
    """Constant-time equality of two texts, whatever characters the caller sent."""
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "surrogateescape"))


def valid_signature(app_secret: str, body: bytes, header: Optional[str]) -> bool:
    """True only when `header` is `sha256=<hex HMAC-SHA256 of body with the app secret>`.

    Anyone can post to a public webhook; only Facebook knows the app secret. The digest is
    compared in constant time so a forger learns nothing from how long a refusal takes.
    """
    if not app_secret or not header:
        return False
    found = _SIGNATURE.fullmatch(header.strip())
    if found is None:
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, found.group(1).lower())


def handshake_answer(args: Mapping[str, Any], verify_token: str) -> Optional[str]:
    """The challenge to echo when Facebook subscribes the webhook with our token, else None.

    Echoing a challenge to anyone would let a stranger point their own app at our webhook.
    """
    mode, token, challenge = (args.get(name) for name in ("hub.mode", "hub.verify_token", "hub.challenge"))
    if not verify_token or mode != "subscribe" or not isinstance(token, str) or not challenge:
        return None
    return str(challenge) if _same(verify_token, token) else None
