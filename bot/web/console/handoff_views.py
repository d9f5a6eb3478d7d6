"""Conversations handed to a person: the queue, a conversation's page and transcript, and
taking, replying to, handing back, closing and releasing it."""

from __future__ import annotations

import logging
from typing import List, Mapping, Optional, Tuple

from aiohttp import web

from bot.web.console import pages
from bot.web.console.queue import CASES_BEFORE_HANDOFF, queue_rows
from bot.web.console.records import ConversationCase, cases_of_conversations
from bot.web.console.roles import StaffRole, may_see_case, may_see_handoff
from bot.rasa.conversations import ConversationsUnavailable
from bot.handoff import Handoff, Handoffs, HandoffStatus

from bot.web.console.context import (
    CONVERSATIONS_KEY,
    DESK_KEY,
    STAFF,
    html_page,
    now_of,
    redirect_with_notice,
    urls_of,
)
from bot.web.console.guard import role_of

logger = logging.getLogger(__name__)

CONFIRM_CLOSE = "Tick the box to confirm you want to close the conversation; it cannot be undone."


def confirmed(form: Mapping[str, object]) -> bool:
    """Whether the form's confirmation box was ticked: what cannot be undone is done only when
    asked twice, and this works without any script."""
    return form.get("confirm") == "yes"


async def handoff_queue(request: web.Request) -> web.Response:
    """Conversations waiting for a person of this team: most urgent first, then longest waiting,
    each with what the tenant wrote first, the alarm, the household and the case it opened."""
    desk, role = request.app[DESK_KEY], role_of(request)
    queue = [h for h in Handoffs(desk.cases.engine).queue() if may_see_handoff(role, h.reason)]
    rows = await queue_rows(queue, request.app[CONVERSATIONS_KEY], desk.cases, lambda kind: may_see_case(role, kind))
    return html_page(request, "handoffs.html", rows=rows, now=now_of(request))


def _handoff(request: web.Request) -> Optional[Handoff]:
    """The handoff in the URL, or None, also when it is for another team: that is not found too,
    so a guessed number tells nothing."""
    handoff = Handoffs(request.app[DESK_KEY].cases.engine).get(int(request.match_info["handoff_id"]))
    if handoff is None or not may_see_handoff(role_of(request), handoff.reason):
        return None
    return handoff


def _not_found(request: web.Request) -> web.Response:
    return html_page(
        request,
        "message.html",
        status=404,
        title="Conversation not found",
        message="There is no handoff with that number.",
    )


async def _transcript(request: web.Request, handoff: Handoff) -> Optional[list]:
    try:
        return await request.app[CONVERSATIONS_KEY].transcript(handoff.conversation_id)
    except ConversationsUnavailable:
        return None


async def _handoff_response(
    request: web.Request, handoff: Handoff, error: Optional[str] = None, status: int = 200
) -> web.Response:
    lines = await _transcript(request, handoff)
    return html_page(
        request,
        "handoff.html",
        status=status,
        handoff=handoff,
        lines=lines,
        now=now_of(request),
        error=error,
        cases=_cases_of(request, handoff),
    )


def _cases_of(request: web.Request, handoff: Handoff) -> List[ConversationCase]:
    """The cases the conversation opened around the handoff that this member of staff may see:
    the conversation page links to them, as each case links back."""
    role = role_of(request)
    found = cases_of_conversations(
        request.app[DESK_KEY].cases, [handoff.conversation_id], handoff.requested_at - CASES_BEFORE_HANDOFF
    )
    return [case for case in found.get(handoff.conversation_id, []) if may_see_case(role, case.kind)]


async def handoff_page(request: web.Request) -> web.Response:
    """One conversation: why it was handed over, what was said, and the forms to answer it."""
    handoff = _handoff(request)
    if handoff is None:
        return _not_found(request)
    return await _handoff_response(request, handoff)


async def api_transcript(request: web.Request) -> web.Response:
    """The transcript as JSON, for the conversation page to refresh itself while staff read it."""
    handoff = _handoff(request)
    if handoff is None:
        return web.json_response({"error": "No such handoff."}, status=404)
    lines = await _transcript(request, handoff)
    if lines is None:
        return web.json_response({"error": "The assistant could not be reached."}, status=503)
    tz = request.app[DESK_KEY].calendar.tz
    return web.json_response(
        {
            "status": handoff.status.value,
            "lines": [
                {
                    "speaker": line.speaker,
                    "who": pages.speaker(line),
                    "when": pages.local_time(line.at, tz),
                    "text": line.text,
                }
                for line in lines
            ],
        }
    )


async def _acting_on(request: web.Request) -> Tuple[Optional[Handoff], Optional[web.Response]]:
    """The handoff a form acts on, or the response to send instead: 404 when there is none,
    409 with the page when it has already been handed back or closed, 403 when a colleague has
    taken it (it is theirs until they hand it over)."""
    handoff = _handoff(request)
    if handoff is None:
        return None, _not_found(request)
    if not handoff.active:
        return None, await _handoff_response(
            request, handoff, "This conversation has already been handed back or closed.", status=409
        )
    if handoff.staff and handoff.staff != request[STAFF].username:
        return None, await _handoff_response(
            request, handoff, f"{handoff.staff} has this conversation. Ask them to hand it over first.", status=403
        )
    return handoff, None


async def release_handoff(request: web.Request) -> web.Response:
    """Hand the conversation over: back in the queue for anyone on the team to take. The one who
    took it may, and so may an administrator (someone who has gone home cannot)."""
    handoff = _handoff(request)
    if handoff is None:
        return _not_found(request)
    me = request[STAFF].username
    if handoff.status is not HandoffStatus.WITH_STAFF or (
        handoff.staff != me and role_of(request) is not StaffRole.ADMIN
    ):
        return await _handoff_response(
            request,
            handoff,
            "Only the person who has this conversation, or an administrator, can hand it over.",
            status=403,
        )
    Handoffs(request.app[DESK_KEY].cases.engine).release(handoff.conversation_id)
    logger.info("staff %s handed over handoff %s", me, handoff.id)
    return redirect_with_notice(request, pages.handoff_url(urls_of(request), handoff.id), "released")


async def take_handoff(request: web.Request) -> web.Response:
    """The member of staff takes the conversation: it shows as theirs in the queue."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    staff = request[STAFF].username
    Handoffs(request.app[DESK_KEY].cases.engine).take(handoff.conversation_id, staff)
    logger.info("staff %s took handoff %s", staff, handoff.id)
    return redirect_with_notice(request, pages.handoff_url(urls_of(request), handoff.id), "taken")


async def reply_to_tenant(request: web.Request) -> web.Response:
    """Send the member of staff's message on the tenant's channel; replying takes the
    conversation if nobody had. Nothing is recorded as sent unless Rasa accepted it."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    text = (await request.post()).get("message", "")
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > pages.MAX_REPLY_CHARS:
        return await _handoff_response(
            request, handoff, f"Write a message of up to {pages.MAX_REPLY_CHARS} characters.", status=400
        )
    staff = request[STAFF].username
    handoffs = Handoffs(request.app[DESK_KEY].cases.engine)
    try:
        await request.app[CONVERSATIONS_KEY].send_from_staff(handoff.conversation_id, staff, text)
    except ConversationsUnavailable:
        return await _handoff_response(
            request,
            handoff,
            "The message was not sent: the assistant could not be reached. Try again in a moment.",
            status=503,
        )
    if handoff.status is HandoffStatus.WAITING:
        handoffs.take(handoff.conversation_id, staff)
    handoffs.record_message(handoff, staff, text, now_of(request))
    logger.info("staff %s replied in handoff %s", staff, handoff.id)
    return redirect_with_notice(request, pages.handoff_url(urls_of(request), handoff.id) + "#reply-heading", "replied")


async def _end_handoff(request: web.Request, ending: HandoffStatus) -> web.Response:
    """Hand back or close: the record first, so a new session started on the way does not
    pause the conversation again; put back as it was if Rasa cannot be reached."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    if ending is HandoffStatus.CLOSED and not confirmed(await request.post()):
        return await _handoff_response(request, handoff, CONFIRM_CLOSE, status=400)
    handoffs, now, staff = Handoffs(request.app[DESK_KEY].cases.engine), now_of(request), request[STAFF].username
    conversations = request.app[CONVERSATIONS_KEY]
    if ending is HandoffStatus.HANDED_BACK:
        handoffs.hand_back(handoff.conversation_id, now)
        action = conversations.hand_back
    else:
        handoffs.close(handoff.conversation_id, now)
        action = conversations.close
    try:
        said = await action(handoff.conversation_id)
    except ConversationsUnavailable:
        handoffs.restore(handoff)
        return await _handoff_response(
            request,
            handoff,
            "Nothing was changed: the assistant could not be reached. Try again in a moment.",
            status=503,
        )
    for text in said:
        handoffs.record_message(handoff, None, text, now)
    logger.info("staff %s %s handoff %s", staff, ending.value.replace("_", " "), handoff.id)
    notice = "closed" if ending is HandoffStatus.CLOSED else "handed_back"
    return redirect_with_notice(request, pages.handoff_url(urls_of(request), handoff.id), notice)


async def hand_back(request: web.Request) -> web.Response:
    return await _end_handoff(request, HandoffStatus.HANDED_BACK)


async def close_handoff(request: web.Request) -> web.Response:
    return await _end_handoff(request, HandoffStatus.CLOSED)
