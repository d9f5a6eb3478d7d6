"""Settings that come from the environment, read in one place.

Every variable the assistant and its tools read is named in VARIABLES below, and read only
through this module (tests/test_boundary.py fails on a read anywhere else; the readers refuse a
name not in the list), so an operator has one list to set, and the README's table is checked
against it (tests/bot/test_settings.py). A module that needs a setting takes it as an argument,
with this module's reading as the default; each reader takes `environ` for the tests.

A secret can be given as NAME or as NAME_FILE (the path of a file holding it, as container
platforms mount secrets); it never needs to be on a command line, where `ps` shows it to every
user of the host.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import List, Mapping, Optional, Sequence, Union

IPNetwork = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

# The checkout: where charter.yml, the domain, the data and the trained model are found.
REPO_ROOT = Path(__file__).resolve().parent.parent


# Every environment variable read, by whom; README.md "Environment variables" says what each does.
VARIABLES = (
    # The landlord, its calendar of visits and the case store (bot/charter/loading.py,
    # bot/visits/calendar.py, bot/cases/schema.py).
    "CHARTER_FILE",
    "VISITS_FILE",
    "DATABASE_URL",
    # The chat page and the staff console (bot/web/).
    "WEBCHAT_SECRET",
    "WEBCHAT_SECURE_COOKIE",
    "CONSOLE_SECURE_COOKIE",
    "TRUSTED_PROXIES",
    # What each process asks of the others (bot/rasa/server.py, bot/rasa/action_server.py,
    # bot/chat_signature.py; tools/launcher/ makes one for each run when unset).
    "RASA_API_TOKEN",
    "ACTION_SERVER_TOKEN",
    "CHAT_CONNECTOR_SECRET",
    "OPEN_REST_CHANNEL",
    "SANIC_HOST",
    # Scaling out: the stores every server shares and where the action servers are
    # (bot/rasa/endpoints.py, bot/shared_state.py, bot/rasa/lock_store.py).
    "TRACKER_STORE_URL",
    "REDIS_URL",
    "ACTION_ENDPOINT_URL",
    # The channels (bot/rasa/channels/).
    "PUBLIC_BASE_URL",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_SMS_NUMBER",
    "TWILIO_WHATSAPP_NUMBER",
    "TWILIO_API_BASE_URL",
    "FACEBOOK_VERIFY_TOKEN",
    "FACEBOOK_APP_SECRET",
    "FACEBOOK_PAGE_ACCESS_TOKEN",
    "FACEBOOK_GRAPH_BASE_URL",
    # Updates sent unasked (bot/updates/): the Content SID of the WhatsApp template approved
    # for updates outside WhatsApp's 24 hours (two variables: the reference, the update).
    "TWILIO_WHATSAPP_UPDATE_TEMPLATE",
    # The NLU pipeline (bot/rasa/encoder.py).
    "NLU_ENCODER_DIR",
    # Developers' tools: tools/nlu_benchmark.py and bench/load.py.
    "NLU_SECOND_SET",
    "BENCH_QUICK",
    "BENCH_DEBUG",
)


def _environment(name: str, environ: Optional[Mapping[str, str]]) -> Mapping[str, str]:
    """The environment to read NAME from; a name not in VARIABLES is a mistake in the code, which
    would otherwise be a setting no operator is told about."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not in bot.settings.VARIABLES")
    return os.environ if environ is None else environ


def secret(name: str, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The secret NAME, from the variable itself or the file NAME_FILE names; None if neither
    is set. Surrounding whitespace (a file's trailing newline) is not part of it."""
    environ = _environment(name, environ)
    value = environ.get(name)
    if value:
        return value.strip()
    path = environ.get(f"{name}_FILE")
    if path:
        text = Path(path).read_text().strip()
        return text or None
    return None


def flag(name: str, environ: Optional[Mapping[str, str]] = None) -> bool:
    """A switch: "1", "true", "yes" or "on" turn it on; anything else, or unset, leaves it off."""
    environ = _environment(name, environ)
    return environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def setting(name: str, default: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """A plain setting (a URL, a host, a path), or `default` when it is unset or empty."""
    environ = _environment(name, environ)
    return environ.get(name) or default


def redis_url(environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """REDIS_URL: the Redis that the servers of a deployment share (conversation locks, shared
    state), or None. A secret, since the URL may hold a password, so REDIS_URL_FILE works too; and
    one reading for every reader, since readers that disagree leave the shared state in Redis
    while each Rasa server locks conversations in its own memory."""
    return secret("REDIS_URL", environ)


def secure_cookies(app: str, environ: Optional[Mapping[str, str]] = None) -> bool:
    """WEBCHAT_SECURE_COOKIE, CONSOLE_SECURE_COOKIE: mark the app's cookies Secure (HTTPS only),
    as production behind TLS must; off for plain-HTTP development."""
    return flag(f"{app.upper()}_SECURE_COOKIE", environ)


Networks = Sequence[IPNetwork]


def trusted_proxies(environ: Optional[Mapping[str, str]] = None) -> List[IPNetwork]:
    """TRUSTED_PROXIES: the proxies in front of the web server whose X-Forwarded-For may be
    believed, as addresses or networks separated by commas ("127.0.0.1, 10.0.0.0/8"). Unset,
    none is: the peer's own address is the client's."""
    found: List[IPNetwork] = []
    for item in (setting("TRUSTED_PROXIES", "", environ) or "").split(","):
        if item.strip():
            found.append(ipaddress.ip_network(item.strip(), strict=False))
    return found


def address_in(address: str, networks: Networks) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)
