"""How much the assistant reads from anyone, on every way in.

A tenant's message is at most MAX_MESSAGE_CHARS characters on every channel: longer ones get a
polite answer asking for shorter parts, and no turn. A webhook body is refused (413) past
MAX_WEBHOOK_BYTES before anything in it is parsed or its signature checked, so unsigned
megabytes cost the server nothing but the first 64 kB.
"""

import os
import re
from typing import MutableMapping

MAX_MESSAGE_CHARS = 5000
# A message of MAX_MESSAGE_CHARS, every character JSON-escaped as \\uXXXX, with room to spare.
MAX_WEBHOOK_BYTES = 64 * 1024
# Messenger batches several tenants' events in one delivery (each text up to 2,000 characters),
# and refusing a batch loses all of them, so its webhook reads a little more.
MAX_MESSENGER_BYTES = 256 * 1024
# Sanic reads every other request of the Rasa server up to this (its own default is 100 MB).
MAX_OTHER_REQUEST_BYTES = 1024 * 1024

# How long the action server keeps an idle connection open. Its clients keep idle connections
# for reuse (Rasa's aiohttp pool 15 s, nginx's upstream pool 60 s), and when the server closes
# first, a call written into the closing connection fails ("Cannot write to closing transport")
# and Rasa drops that action's events. Longer than every client's idle time, the client always
# closes first. rasa_sdk leaves Sanic's 5 s; the Rasa server sets its own 120 s.
SERVER_KEEP_ALIVE_SECONDS = 75

# How many of a conversation's latest events Rasa sends the action server with each call (some
# sixty turns): our actions read back no further than the report in hand (bot/rasa/action_payload.py).
ACTION_SERVER_EVENTS = 300

# A lone surrogate is valid JSON ("\\ud800") but no character: spaCy, Rasa and the databases
# cannot take it, so every way in reads it as the replacement character.
SURROGATES = "\ud800-\udfff"
_LONE_SURROGATE = re.compile(f"[{SURROGATES}]")


def without_lone_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)


# How many threads the maths libraries under numpy and scipy (OpenBLAS) start. With more than
# one, each helper thread spins on a core between calls, waiting for the next: a loaded Rasa
# server used 1.7 cores for what one core served faster (bench/README.md). The servers' own
# concurrency is their event loop and more processes, never BLAS threads.
BLAS_THREADS = 1
_BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def limit_blas_threads(environ: MutableMapping[str, str] = os.environ) -> None:
    """Read by OpenBLAS when numpy or scipy first loads it, so a server's entry point calls this
    before importing either; a value already set (by an operator) is kept."""
    for variable in _BLAS_VARIABLES:
        environ.setdefault(variable, str(BLAS_THREADS))


# How many conversations a Rasa server keeps in memory between turns (bot/rasa/tracker_store.py):
# tenants who wrote in the last minutes, so that their next message is not rebuilt from the
# database. A few tens of kilobytes each.
TRACKERS_KEPT = 2000
