"""A tiny HTML template helper that escapes by default.

Tenants' words reach staff pages (descriptions, locations, notes), and a tenant or anyone who
can message the bot could write markup. Every value put into a template is escaped unless it
is already `Html` made by this module, so forgetting to escape is not possible by omission.
"""

from __future__ import annotations

import html
from typing import Any, Iterable


class Html(str):
    """Markup that is safe to include as it is: built only by `render`, `join` or a constant."""


def escape(value: Any) -> Html:
    """`value` as text in HTML (quotes included, so it is safe in attributes too); None is empty."""
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=True))


def render(template: str, **values: Any) -> Html:
    """Fill `{name}` placeholders of a constant template, escaping every value that is not `Html`."""
    return Html(template.format(**{name: escape(value) for name, value in values.items()}))


def join(parts: Iterable[Any], separator: str = "") -> Html:
    """Concatenate fragments, escaping any that are plain text."""
    return Html(separator.join(escape(part) for part in parts))
