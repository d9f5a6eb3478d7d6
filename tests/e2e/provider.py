"""A stand-in for Twilio's and Facebook's APIs: records what the assistant sends, and can be
told to fail, so the connectors' outbound messages and retries are checked for real."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

from aiohttp import web


@dataclass
class FakeProvider:
    """Run in its own thread and event loop; `url` is where the connectors are pointed."""

    requests: List[Dict[str, Any]] = field(default_factory=list)
    failures: Dict[str, List[int]] = field(default_factory=dict)
    url: str = ""

    def fail_next(self, path_prefix: str, *statuses: int) -> None:
        """The next requests under `path_prefix` get these statuses, in turn."""
        self.failures.setdefault(path_prefix, []).extend(statuses)

    def sent(self, path_prefix: str) -> List[Dict[str, Any]]:
        """Accepted requests under `path_prefix`, oldest first."""
        return [r for r in list(self.requests) if r["path"].startswith(path_prefix) and r["status"] < 300]

    def wait_for(
        self,
        path_prefix: str,
        count: int,
        timeout: float = 30.0,
        where: Callable[[Dict[str, Any]], bool] = lambda request: True,
    ) -> List[Dict[str, Any]]:
        """At least `count` accepted requests under `path_prefix` (those `where` picks)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [request for request in self.sent(path_prefix) if where(request)]
            if len(found) >= count or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if len(found) < count:
            raise AssertionError(f"expected {count} messages to {path_prefix}, got {len(found)}")
        return found

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.read()
        status = 200
        for prefix, queue in self.failures.items():
            if request.path.startswith(prefix) and queue:
                status = queue.pop(0)
                break
        form = dict(await request.post()) if request.content_type == "application/x-www-form-urlencoded" else {}
        self.requests.append(
            {
                "path": request.path,
                "query": dict(request.query),
                "headers": dict(request.headers),
                "form": {k: str(v) for k, v in form.items()},
                "body": body,
                "status": status,
                "json": _json(body, request.content_type),
            }
        )
        return web.json_response({"sid": f"SM{len(self.requests):032d}", "message_id": "m"}, status=status)

    def start(self) -> "FakeProvider":
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._record)
            runner = web.AppRunner(app)
            loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the only way to read it
            self.url = f"http://127.0.0.1:{port}"
            ready.set()
            loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        ready.wait(10)
        return self


def _json(body: bytes, content_type: str) -> Any:
    if content_type != "application/json":
        return None
    import json

    return json.loads(body or b"null")
