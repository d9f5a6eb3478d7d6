"""Settings that come from the environment, read in one place.

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


def secret(name: str, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The secret NAME, from the variable itself or the file NAME_FILE names; None if neither
    is set. Surrounding whitespace (a file's trailing newline) is not part of it."""
    environ = os.environ if environ is None else environ
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
    environ = os.environ if environ is None else environ
    return environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def setting(name: str, default: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """A plain setting (a URL, a host, a path), or `default` when it is unset or empty."""
    environ = os.environ if environ is None else environ
    return environ.get(name) or default


def secure_cookies(app: str, environ: Optional[Mapping[str, str]] = None) -> bool:
    """WEBCHAT_SECURE_COOKIE, CONSOLE_SECURE_COOKIE: mark the app's cookies Secure (HTTPS only),
    as production behind TLS must; off for plain-HTTP development."""
    return flag(f"{app.upper()}_SECURE_COOKIE", environ)


Networks = Sequence[IPNetwork]


def trusted_proxies(environ: Optional[Mapping[str, str]] = None) -> List[IPNetwork]:
    """TRUSTED_PROXIES: the proxies in front of the web server whose X-Forwarded-For may be
    believed, as addresses or networks separated by commas ("127.0.0.1, 10.0.0.0/8"). Unset,
    none is: the peer's own address is the client's."""
    environ = os.environ if environ is None else environ
    found: List[IPNetwork] = []
    for item in environ.get("TRUSTED_PROXIES", "").split(","):
        if item.strip():
            found.append(ipaddress.ip_network(item.strip(), strict=False))
    return found


def address_in(address: str, networks: Networks) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)
