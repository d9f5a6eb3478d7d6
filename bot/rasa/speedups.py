"""One change to Rasa where the profile of a loaded server pointed.

py-spy on the Rasa server at 10 concurrent conversations (bench/load.py) put about half its
CPU in `RemoteAction._validate_action_result`. For every reply from the action server, Rasa
calls `jsonschema.validate(result, schema)`. That checks the schema itself against the JSON
Schema meta-schema, builds a new validator, then validates, every time. Forms call the action
server on most turns. Here the validator is built once, from the same schema, and gives the
same verdict; an invalid reply goes to Rasa's own check, for its error and advice.

Applied by our server entry point (bot.rasa.server.apply_patches), in the open: nothing changes
Rasa as a side effect of an import. `apply()` is idempotent; a Rasa upgrade that renames the method
makes it do nothing (and tests/bot/rasa/test_speedups.py fail).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from rasa.core.actions.action import RemoteAction

ORIGINAL = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate does on every call
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    if _validator().is_valid(result):
        return True
    return ORIGINAL(self, result)  # the rare invalid reply: Rasa's own error, with its advice


def apply() -> None:
    if getattr(RemoteAction, "_validate_action_result", None) is ORIGINAL:
        RemoteAction._validate_action_result = validate_action_result
