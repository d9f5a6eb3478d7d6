"""Our entry point for the action server: rasa_sdk's, answering only the Rasa server.

    python -m bot.rasa.action_server --actions actions --port 5055

rasa_sdk runs any action for any tracker it is sent, so anyone who can reach its port could
ask for the status of a case as if they were the tenant who opened it. Here every request but
the health check must carry the token in ACTION_SERVER_TOKEN (or the file
ACTION_SERVER_TOKEN_FILE names), which the launcher gives to the Rasa server's endpoints.yml as
a header. Without a configured token the server refuses to start.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
from typing import List, Optional

from bot.limits import SERVER_KEEP_ALIVE_SECONDS, limit_blas_threads
from bot.settings import secret, setting

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
TOKEN_HEADER = "X-Action-Token"
OPEN_PATHS = frozenset({"/health"})
MAX_BODY_BYTES = 4 * 1024 * 1024  # a whole tracker travels with each call

logger = logging.getLogger(__name__)


def token_ok(sent: Optional[str], expected: str) -> bool:
    return sent is not None and hmac.compare_digest(sent.encode(), expected.encode())


def create_app(actions: str, token: str):  # -> sanic.Sanic
    from rasa_sdk.endpoint import create_app as create_sdk_app
    from sanic import response

    app = create_sdk_app(actions, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.config.KEEP_ALIVE_TIMEOUT = SERVER_KEEP_ALIVE_SECONDS

    @app.middleware("request")
    async def only_the_rasa_server(request):  # noqa: ANN001 - Sanic's request
        if request.path in OPEN_PATHS:
            return None
        if not token_ok(request.headers.get(TOKEN_HEADER), token):
            return response.json({"error": "This action server answers only its Rasa server."}, status=401)
        return None

    return app


def main(argv: Optional[List[str]] = None) -> int:
    limit_blas_threads()  # before the actions import spaCy and numpy
    parser = argparse.ArgumentParser(description="Run the assistant's action server.")
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    token = secret(TOKEN_VARIABLE)
    if not token:
        print(
            f"Set {TOKEN_VARIABLE} (or {TOKEN_VARIABLE}_FILE): the action server answers only a Rasa "
            "server that sends it.",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    host = setting("SANIC_HOST") or "127.0.0.1"
    create_app(args.actions, token).run(host, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
