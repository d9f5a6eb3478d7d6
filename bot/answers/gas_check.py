"""Whether a heating repair that cannot wait asks about gas before it is logged.

A same-day repair asks none of the triage questions (it is as urgent as it gets), so a boiler
that "keeps clicking but wont light" was logged as urgent and the tenant never said what they
would have said if asked whether anything was dangerous: a rotten-egg smell by the boiler since
the morning. A repair to a gas appliance or the heating asks, and the answer is read like any
message: gas told in it gets the gas emergency line first.
"""

from __future__ import annotations

import re
from typing import Optional

# The heating, hot water and the gas appliances that can leak gas or carbon monoxide.
_GAS_APPLIANCE = re.compile(
    r"\b(boiler|combi|heating|hot water|radiators?|rads|gas (fire|cooker|hob|oven|meter|pipe|supply)|"
    r"cooker|hob|oven|flue|pilot light|back boiler|water heater|multipoint)\b",
    re.IGNORECASE,
)
# Electric heating has no gas to smell.
_ELECTRIC_ONLY = re.compile(
    r"\b(storage heaters?|electric (heating|heaters?|shower|cooker|hob|oven)|immersion)\b", re.IGNORECASE
)


def asks_about_gas(description: Optional[str]) -> bool:
    """Whether a repair's words are about the heating or a gas appliance, not electric heating."""
    words = description or ""
    return bool(_GAS_APPLIANCE.search(words)) and not _ELECTRIC_ONLY.search(words)
