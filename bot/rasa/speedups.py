"""One change to Rasa where the profile of a loaded server pointed.

py-spy on the Rasa server at 10 concurrent conversations (bench/load.py) put about half its
CPU in `RemoteAction._validate_action_result`. For every reply from the action server, Rasa
calls `jsonschema.validate(result, schema)`. That checks the schema itself against the JSON
Schema meta-schema, builds a new validator, then validates, every time; and each event is tried
against all 23 of the schema's event types (`oneOf`). Forms call the action server on most
turns. Here each event is checked against the one branch for its type, by a validator built
once from Rasa's own schema: the same verdict (the branches differ by their `event` name). An
invalid reply goes to Rasa's own check, for its error and advice.

Applied by our server entry point (bot.rasa.server.apply_patches), in the open: nothing changes
Rasa as a side effect of an import. `apply()` is idempotent; a Rasa upgrade that renames the method
makes it do nothing (and tests/bot/rasa/test_speedups.py fail).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Dict, Optional, Text

from rasa.core.actions.action import RemoteAction
from rasa.shared.utils.schemas.events import EVENT_SCHEMA

ORIGINAL = RemoteAction._validate_action_result


@lru_cache(maxsize=None)
def _event_validator(event_type: str) -> Optional[Any]:
    """A validator for one type of event: Rasa's event schema with, in place of its `oneOf`
    over every type (each branch fixes `event` to one name, so at most one can match), the one
    branch for this type. None for a type Rasa does not know."""
    from jsonschema.validators import validator_for

    branch = next((b for b in EVENT_SCHEMA["oneOf"] if b["properties"]["event"].get("const") == event_type), None)
    if branch is None:
        return None
    schema = {key: value for key, value in EVENT_SCHEMA.items() if key != "oneOf"}
    schema["allOf"] = [branch]
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _list_of(value: Any, check: Callable[[Any], bool]) -> bool:
    return isinstance(value, list) and all(check(item) for item in value)


def _event_is_valid(event: Any) -> bool:
    if not isinstance(event, dict) or not isinstance(event.get("event"), str):
        return False
    validator = _event_validator(event["event"])
    return validator is not None and validator.is_valid(event)


def reply_is_valid(result: Any) -> bool:
    """Rasa's action_response_format_spec, checked event by event against its own type."""
    return (
        isinstance(result, dict)
        and ("responses" not in result or _list_of(result["responses"], lambda r: isinstance(r, dict)))
        and ("events" not in result or _list_of(result["events"], _event_is_valid))
    )


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    if reply_is_valid(result):
        return True
    return ORIGINAL(self, result)  # the rare invalid reply: Rasa's own error, with its advice


def apply() -> None:
    if getattr(RemoteAction, "_validate_action_result", None) is ORIGINAL:
        RemoteAction._validate_action_result = validate_action_result
