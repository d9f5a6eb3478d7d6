"""How both web applications write HTML: Jinja2 templates, with every value escaped.

Tenants' words reach staff pages (descriptions, locations, transcripts) and anyone who can
message the bot can write markup, so escaping must not depend on remembering it: templates are
autoescaped, and a name a template uses but was not given fails the page (and its test) instead
of showing nothing. Values are escaped by the standard library's `html.escape`, as they were
before Jinja2, so a quote reads `&quot;` as it always has (Jinja2's own escaping writes `&#34;`).
"""

from __future__ import annotations

import html
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def escaped(value: Any) -> Markup:
    """What `{{ value }}` writes: markup from a template or macro as it is, anything else as
    text (quotes included, so it is safe in attributes too); None writes nothing."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(html.escape("" if value is None else str(value), quote=True))


def template_environment(package: str) -> Environment:
    """The templates in `package`'s `templates` folder, found through the package wherever the
    program was started from. Blocks' own line breaks are dropped, so templates can be laid out
    for reading without changing the page."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
