"""The running Rasa and action servers keep an idle connection open past Sanic's default (5 s).

tests/bot/rasa/test_keep_alive.py says why; this shows the setting reaches the servers the
launcher starts.
"""

import http.client
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.e2e

IDLE_SECONDS = 6  # past Sanic's default of 5


def _same_connection_after_idling(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path or "/")
        connection.getresponse().read()
        opened = connection.sock
        time.sleep(IDLE_SECONDS)
        connection.request("GET", parts.path or "/")
        answered = connection.getresponse()
        answered.read()
        return answered.status == 200 and connection.sock is opened
    except (http.client.RemoteDisconnected, ConnectionError):
        return False
    finally:
        connection.close()


def test_an_idle_connection_to_the_rasa_and_action_servers_stays_open(stack):
    urls = {name: url for name, url in stack.health_urls().items() if name in {"rasa", "actions"}}
    with ThreadPoolExecutor(len(urls)) as pool:
        kept = dict(zip(urls, pool.map(_same_connection_after_idling, urls.values())))
    assert kept == {"rasa": True, "actions": True}
