"""A tenant reporting a repair through the REST channel as a person would, sending a message
again, under the same id, when the answer did not come (an error, a dropped connection, or
silence), as the chat page does. What they say, and how they read each question, is the
tenant the load benchmark plays too (tests/support/repair_reporter.py)."""

import asyncio
import re
import uuid
from dataclasses import dataclass, field
from typing import List, Optional

import aiohttp

from tests.support.repair_reporter import RepairReporter, reference_in

LEAKS = re.compile(r"Traceback|Exception|Error:|sqlalchemy|psycopg2|redis\.", re.I)


@dataclass
class Outcome:
    sender: str
    reference: Optional[str] = None
    replies: List[str] = field(default_factory=list)
    resent: int = 0
    started: float = 0.0  # the event loop's clock
    finished: float = 0.0


async def _send(
    session: aiohttp.ClientSession, url: str, sender: str, text: str, message_id: str, outcome: Outcome, patience: float
) -> str:
    """The replies to one message, sending it again (same id) until they come."""
    deadline = asyncio.get_running_loop().time() + patience
    body = {"sender": sender, "message": text, "message_id": message_id}
    while True:
        try:
            async with session.post(url, json=body) as response:
                if response.status == 200:
                    joined = "\n".join(str(m.get("text", "")) for m in await response.json())
                    if joined.strip():
                        return joined
        except (aiohttp.ClientError, asyncio.TimeoutError):
            pass
        if asyncio.get_running_loop().time() > deadline:
            return ""
        outcome.resent += 1
        body["resent"] = True
        await asyncio.sleep(1.0)


async def report_a_repair(
    session: aiohttp.ClientSession, rasa_url: str, opening: str, patience: float = 90.0, turns: int = 12
) -> Outcome:
    """Report a repair and answer until a reference is given (or the turns run out)."""
    outcome = Outcome(sender=f"tenant-{uuid.uuid4().hex[:12]}", started=asyncio.get_running_loop().time())
    try:
        return await _converse(session, f"{rasa_url}/webhooks/rest/webhook", opening, outcome, patience, turns)
    finally:
        outcome.finished = asyncio.get_running_loop().time()


async def _converse(
    session: aiohttp.ClientSession, url: str, text: str, outcome: Outcome, patience: float, turns: int
) -> Outcome:
    tenant = RepairReporter(problem=text)
    for _ in range(turns):
        reply = await _send(session, url, outcome.sender, text, f"msg-{uuid.uuid4().hex}", outcome, patience)
        outcome.replies.append(reply)
        answer = tenant.answer([reply])
        if answer is None:  # the repair is logged
            outcome.reference = reference_in([reply])
            return outcome
        text = answer
    return outcome
