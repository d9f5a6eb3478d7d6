"""Settings that come from the environment, read in one place.

A secret can be given as NAME or as NAME_FILE (the path of a file holding it, as container
platforms mount secrets); it never needs to be on a command line, where `ps` shows it to every
user of the host.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional


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
