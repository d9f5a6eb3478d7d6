"""The domain's responses read outside a Rasa turn: what the chat page says with no turn, and
the updates sent to tenants unasked (bot.updates), so that every sentence the assistant says is
still the domain's, filled in with facts as Rasa fills them.

Read with plain YAML, not Rasa's domain loader: nothing in bot/ imports Rasa.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

from bot.settings import REPO_ROOT

DOMAIN_FOLDER = REPO_ROOT / "domain"


class DomainWordsError(ValueError):
    """A response cannot be said: missing from the domain, or quoting a fact nobody gave. The
    tenant must never read "{reference}"."""


def load_response(name: str, facts: Mapping[str, str], domain_folder: Path = DOMAIN_FOLDER) -> str:
    """The words of the response `name`'s first variant, with each {name} filled in from `facts`."""
    return filled(str(first_variant(responses(domain_folder), name).get("text", "")), facts)


def filled(text: str, facts: Mapping[str, str]) -> str:
    """`text` with each {name} replaced by the fact of that name; a name with no fact is an
    error, never left for the tenant to read."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    unknown = sorted(set(names) - set(facts))
    if unknown:
        raise DomainWordsError(f"the response quotes {', '.join(unknown)}, which nobody gave")
    return text.format_map(facts)


def responses(domain_folder: Path = DOMAIN_FOLDER) -> Dict[str, Any]:
    """Every response in the domain's files, merged as Rasa merges the folder."""
    merged: Dict[str, Any] = {}
    for domain_file in sorted(domain_folder.glob("*.yml")):
        domain = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
        merged.update(domain.get("responses") or {})
    return merged


def first_variant(all_responses: Mapping[str, Any], name: str) -> Dict[str, Any]:
    variants = all_responses.get(name) or []
    if not variants or not isinstance(variants[0], dict):
        raise DomainWordsError(f"the domain has no response {name}")
    return variants[0]
