"""Our entry point for the Rasa server: `rasa` itself, with the API token taken from the
environment instead of the command line, and our changes to Rasa applied in the open.

    python -m bot.rasa.server run --model models --enable-api ...

`rasa run --auth-token T` puts the token in the process's command line, where `ps` shows it to
every user of the host; with it anyone can read every transcript or replace the model. Here it
comes from RASA_API_TOKEN or the file RASA_API_TOKEN_FILE names, and `--auth-token` is refused.
A token that starts with "-" is no longer mistaken for an option, either.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, List, Optional

from bot.limits import limit_blas_threads
from bot.settings import secret

TOKEN_VARIABLE = "RASA_API_TOKEN"


def with_token(
    make_parser: Callable[[], argparse.ArgumentParser], token: Optional[str]
) -> Callable[[], argparse.ArgumentParser]:
    """Rasa's argument parser, filling in the API token of `rasa run` after parsing."""

    def parser() -> argparse.ArgumentParser:
        made = make_parser()
        parse = made.parse_args

        def parse_args(args: Optional[List[str]] = None, namespace: Any = None) -> argparse.Namespace:
            parsed = parse(args, namespace)
            if hasattr(parsed, "auth_token"):
                if parsed.auth_token:
                    made.error(
                        f"pass the API token in {TOKEN_VARIABLE} or {TOKEN_VARIABLE}_FILE, never on the command line"
                    )
                parsed.auth_token = token
            return parsed

        made.parse_args = parse_args  # type: ignore[assignment]
        return made

    return parser


def apply_patches() -> None:
    """Our changes to Rasa, each checked against the Rasa version it was written for."""
    from bot.rasa import action_connections, action_payload, blank_messages, parse_memory, past_states, speedups

    speedups.apply()
    action_payload.apply()
    past_states.apply()
    blank_messages.apply()
    parse_memory.apply()
    action_connections.apply()


def main(argv: Optional[List[str]] = None) -> None:
    limit_blas_threads()  # before Rasa imports numpy
    import rasa.__main__ as rasa_main

    if argv is not None:
        sys.argv = ["rasa", *argv]
    apply_patches()
    rasa_main.create_argument_parser = with_token(rasa_main.create_argument_parser, secret(TOKEN_VARIABLE))
    rasa_main.main()


if __name__ == "__main__":
    main()
