"""The generic readers every section of charter.yml is built from: a mapping with known keys,
non-empty text, a whole number, a source id, a timescale, a promise, a statement.

Each takes the dotted path of the entry it reads, so an error names the entry at fault
("charter.yml: repairs.urgent.within.amount must be a whole number"); the per-section readers
in `bot.charter.building` only say which fields a section has.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, NoReturn, Optional, Tuple

from bot.charter.model import CharterError, Promise, Source, Statement, Timescale, Unit


@dataclass
class Context:
    """Where errors are reported, and the sources entries may cite."""

    file: str
    sources: Mapping[str, Source]

    def fail(self, path: str, problem: str) -> NoReturn:
        raise CharterError(f"{self.file}: {path} {problem}")


# --- small readers; each takes the dotted path so errors can name the entry -------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def read_mapping(
    ctx: Context,
    value: Any,
    path: str,
    required: Tuple[str, ...] = (),
    optional: Tuple[str, ...] = (),
) -> Mapping[str, Any]:
    where = path or "the charter"
    if not isinstance(value, dict):
        ctx.fail(where, "must be a mapping of named entries")
    known = set(required) | set(optional)
    for key in value:
        if not isinstance(key, str):
            ctx.fail(_join(path, str(key)), 'must be named with text (quote ids such as "003")')
        if key not in known:
            expected = ", ".join(list(required) + list(optional))
            ctx.fail(_join(path, key), f"is not a known entry (expected one of: {expected})")
    for key in required:
        if key not in value:
            ctx.fail(_join(path, key), "is missing")
    return value


def read_text(ctx: Context, value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        ctx.fail(path, "must be non-empty text")
    return value.strip()


def read_optional_text(ctx: Context, entry: Mapping[str, Any], key: str, path: str) -> Optional[str]:
    return read_text(ctx, entry[key], _join(path, key)) if key in entry else None


def read_whole_number(ctx: Context, value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        ctx.fail(path, "must be a whole number")
    if value <= 0:
        ctx.fail(path, "must be greater than zero")
    return value


def read_source(ctx: Context, entry: Mapping[str, Any], path: str) -> Source:
    where = _join(path, "source")
    value = entry["source"]
    if not isinstance(value, str):
        ctx.fail(where, 'must be a source id as text (quote ids such as "003")')
    if value not in ctx.sources:
        declared = ", ".join(ctx.sources)
        ctx.fail(where, f"'{value}' is not declared in sources (declared: {declared})")
    return ctx.sources[value]


def read_sources(ctx: Context, value: Any) -> Mapping[str, Source]:
    entries = read_mapping(ctx, value, "sources", optional=tuple(_string_keys(value)))
    if not entries:
        ctx.fail("sources", "must declare at least one source")
    result = {}
    for source_id, body in entries.items():
        path = f"sources.{source_id}"
        fields = read_mapping(ctx, body, path, required=("title",), optional=("seed",))
        result[source_id] = Source(
            id=source_id,
            title=read_text(ctx, fields["title"], f"{path}.title"),
            seed=read_optional_text(ctx, fields, "seed", path),
        )
    return MappingProxyType(result)


def _string_keys(value: Any) -> Tuple[str, ...]:
    """Any text key is a legal source id; non-text keys are left for read_mapping to reject."""
    return tuple(k for k in value if isinstance(k, str)) if isinstance(value, dict) else ()


def _timescale(ctx: Context, value: Any, path: str) -> Timescale:
    fields = read_mapping(ctx, value, path, required=("amount", "unit"))
    amount = read_whole_number(ctx, fields["amount"], f"{path}.amount")
    units = ", ".join(unit.value for unit in Unit)
    unit_value = fields["unit"]
    if not isinstance(unit_value, str) or unit_value not in {u.value for u in Unit}:
        ctx.fail(f"{path}.unit", f"must be one of {units} (got {unit_value!r})")
    return Timescale(amount=amount, unit=Unit(unit_value))


def read_promise(ctx: Context, value: Any, path: str) -> Promise:
    fields = read_mapping(
        ctx,
        value,
        path,
        required=("we_will", "within", "source"),
        optional=("when", "from", "note"),
    )
    return Promise(
        key=path,
        we_will=read_text(ctx, fields["we_will"], f"{path}.we_will"),
        within=_timescale(ctx, fields["within"], f"{path}.within"),
        source=read_source(ctx, fields, path),
        when=read_optional_text(ctx, fields, "when", path),
        starts_from=_clock_start(ctx, fields, path),
        note=read_optional_text(ctx, fields, "note", path),
    )


def _clock_start(ctx: Context, fields: Mapping[str, Any], path: str) -> Optional[str]:
    """Resolve ``from`` to a full key: a bare name is a sibling clock."""
    name = read_optional_text(ctx, fields, "from", path)
    if name is None or "." in name:
        return name
    parent = path.rsplit(".", 1)[0]
    return f"{parent}.{name}"


def read_statement(ctx: Context, value: Any, path: str, text_key: str) -> Statement:
    fields = read_mapping(ctx, value, path, required=(text_key, "source"))
    return Statement(
        key=path,
        text=read_text(ctx, fields[text_key], f"{path}.{text_key}"),
        source=read_source(ctx, fields, path),
    )
