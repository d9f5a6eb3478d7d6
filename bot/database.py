"""Riding out a database restart.

PostgreSQL restarts (an upgrade, a failover, a crash) take a few seconds, during which every
new connection is refused. Without help, each action or tracker read in those seconds fails:
an action's events are lost and the conversation goes off course, and Rasa's tracker store
quietly falls back to an empty in-memory tracker, so the tenant's next message starts a
conversation afresh. Waiting a little instead is what a tenant would want: their message is
answered a few seconds late, and nothing is lost.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

logger = logging.getLogger(__name__)

OUTAGE_SECONDS = 30.0  # how long a database may be away before an operation fails
RETRY_EVERY_SECONDS = 0.5


def wait_for_connections(engine: Engine, outage_seconds: float = OUTAGE_SECONDS) -> Engine:
    """Make `engine` keep trying to connect, for up to `outage_seconds`, instead of failing at
    once while the database is restarting."""

    @event.listens_for(engine, "do_connect")
    def connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> Any:
        deadline = time.monotonic() + outage_seconds
        while True:
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.dbapi.OperationalError:
                if time.monotonic() > deadline:
                    raise
                logger.warning("the database refused a connection; trying again")
                time.sleep(RETRY_EVERY_SECONDS)

    return engine


def is_disconnect(error: BaseException) -> bool:
    """A lost or refused connection, which trying again can cure (not a bad query)."""
    return isinstance(error, OperationalError) or (isinstance(error, DBAPIError) and error.connection_invalidated)
