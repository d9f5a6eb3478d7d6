"""A stand-in for the parts of Rasa's HTTP API the console uses, keeping one tracker per
conversation in memory, checking the token as `rasa run --auth-token` does."""

import time
from typing import Any, Dict, List, Sequence

from aiohttp import web
from aiohttp.test_utils import TestServer

TOKEN = "rasa-api-test-token"


class FakeRasaApi:
    def __init__(self) -> None:
        self.events: Dict[str, List[Dict[str, Any]]] = {}
        self.slots: Dict[str, Dict[str, Any]] = {}
        self.calls: List[Dict[str, Any]] = []
        self.server: TestServer = None
        self.failing = False

    def tenant_says(
        self, conversation_id: str, text: str, intent: str = "", safety: Sequence[str] = (), at: float = 0.0
    ) -> None:
        """A tenant's message, with what the NLU made of it as Rasa records it in parse_data."""
        parsed = {"intent": {"name": intent}, "triage": {"all_safety": list(safety)}} if intent or safety else {}
        self.events.setdefault(conversation_id, []).append(
            {"event": "user", "text": text, "timestamp": at or time.time(), "parse_data": parsed}
        )

    def session_starts(self, conversation_id: str, at: float) -> None:
        self.events.setdefault(conversation_id, []).append({"event": "session_started", "timestamp": at})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/conversations/{id}/tracker", self._tracker)
        app.router.add_post("/conversations/{id}/tracker/events", self._append)
        app.router.add_post("/conversations/{id}/execute", self._execute)
        return app

    async def start(self) -> "FakeRasaApi":
        self.server = TestServer(self.app())
        await self.server.start_server()
        return self

    @property
    def url(self) -> str:
        return str(self.server.make_url("")).rstrip("/")

    def _refuse(self, request: web.Request):
        if self.failing:
            return web.json_response({"message": "down"}, status=500)
        if request.query.get("token") != TOKEN:
            return web.json_response({"message": "User is not authenticated."}, status=401)
        return None

    async def _tracker(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        conversation = request.match_info["id"]
        self.calls.append({"what": "tracker", "conversation": conversation, "query": dict(request.query)})
        events, slots = self.events.get(conversation, []), self.slots.get(conversation, {})
        return web.json_response({"sender_id": conversation, "events": events, "slots": slots})

    async def _append(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        conversation, body = request.match_info["id"], await request.json()
        self.calls.append(
            {"what": "append", "conversation": conversation, "events": body, "query": dict(request.query)}
        )
        for event in body:
            self.events.setdefault(conversation, []).append({**event, "timestamp": time.time()})
        return web.json_response({"sender_id": conversation, "events": self.events[conversation]})

    async def _execute(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        conversation, body = request.match_info["id"], await request.json()
        self.calls.append(
            {"what": "execute", "conversation": conversation, "action": body["name"], "query": dict(request.query)}
        )
        events = self.events.setdefault(conversation, [])
        events.append({"event": "action", "name": body["name"], "timestamp": time.time()})
        events.append({"event": "bot", "text": f"said by {body['name']}", "timestamp": time.time()})
        return web.json_response({"tracker": {"sender_id": conversation, "events": events}})
