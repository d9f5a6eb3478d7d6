"""Sending one update through its provider, and reading what the provider said back.

Each attempt ends in an Outcome: accepted (with the provider's message id), to be tried again
(no answer, 429, a 5xx), or refused for good (another 4xx, which resending will not change).
The worker records it (bot.updates.store); nothing here retries or raises.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, Mapping, Optional

from aiohttp import BasicAuth, ClientError, ClientSession, ClientTimeout

from bot.providers.messenger import MessengerSettings
from bot.providers.twilio import TwilioSettings
from bot.updates.routes import Route, Way
from bot.updates.store import Outcome, TenantUpdate, UpdateStatus

TIMEOUT = ClientTimeout(total=15)
# Twilio's error code for a number that has replied STOP.
TWILIO_UNSUBSCRIBED = 21610


async def deliver(
    update: TenantUpdate,
    route: Route,
    http: ClientSession,
    twilio: Optional[TwilioSettings],
    messenger: Optional[MessengerSettings],
) -> Outcome:
    """One attempt at sending `update` the way `route` allows."""
    if route.way is Way.NONE:
        return Outcome(UpdateStatus.NOT_SENT, route.why_not or "not allowed")
    if route.way is Way.KEPT_IN_CHAT:
        return Outcome(UpdateStatus.IN_CHAT, "kept for the web chat page, to show when the tenant next has it open")
    if route.way is Way.MESSENGER_TAG or (route.way is Way.TEXT and update.channel == "facebook"):
        if messenger is None or not messenger.page_access_token:
            return Outcome(UpdateStatus.PENDING, "Messenger is not set up (FACEBOOK_PAGE_ACCESS_TOKEN)")
        return await _to_messenger(update, route, http, messenger)
    if twilio is None or not twilio.complete:
        return Outcome(UpdateStatus.PENDING, "Twilio is not set up (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)")
    return await _to_twilio(update, route, http, twilio)


async def _to_twilio(update: TenantUpdate, route: Route, http: ClientSession, twilio: TwilioSettings) -> Outcome:
    form: Dict[str, str] = {"To": update.address, "From": twilio.sender_for(update.address)}
    if route.way is Way.WHATSAPP_TEMPLATE:
        form["ContentSid"] = route.using or ""
        form["ContentVariables"] = json.dumps(template_variables(update))
    else:
        form["Body"] = update.text
    answer = await _post(http, twilio.messages_url(), data=form, auth=BasicAuth(twilio.account_sid, twilio.auth_token))
    if isinstance(answer, Outcome):
        return answer
    status, body = answer
    if status < 300:
        how = "as WhatsApp template " + str(route.using) if route.way is Way.WHATSAPP_TEMPLATE else "as a message"
        return Outcome(UpdateStatus.SENT, f"accepted by Twilio {how}", provider_id=str(body.get("sid") or "") or None)
    code = body.get("code")
    if code == TWILIO_UNSUBSCRIBED:
        return Outcome(UpdateStatus.NOT_SENT, "Twilio says the tenant replied STOP", opted_out=True)
    return _refused_or_retry("Twilio", status, code)


async def _to_messenger(
    update: TenantUpdate, route: Route, http: ClientSession, messenger: MessengerSettings
) -> Outcome:
    body: Dict[str, Any] = {"recipient": {"id": update.address}, "message": {"text": update.text}}
    if route.way is Way.MESSENGER_TAG:
        body.update(messaging_type="MESSAGE_TAG", tag=route.using)
    else:
        body["messaging_type"] = "RESPONSE"
    answer = await _post(
        http, messenger.messages_url, json_body=body, params={"access_token": messenger.page_access_token}
    )
    if isinstance(answer, Outcome):
        return answer
    status, reply = answer
    if status < 300:
        how = f"with tag {route.using}" if route.way is Way.MESSENGER_TAG else "within 24 hours"
        return Outcome(UpdateStatus.SENT, f"accepted by Messenger {how}", provider_id=reply.get("message_id"))
    error = reply.get("error") if isinstance(reply.get("error"), Mapping) else {}
    return _refused_or_retry("Messenger", status, error.get("code"))


def template_variables(update: TenantUpdate) -> Dict[str, str]:
    """An approved template's two variables: the case's reference, and the update on one line
    (WhatsApp refuses line breaks in a variable)."""
    return {"1": update.reference, "2": " ".join(update.text.split())}


def _refused_or_retry(provider: str, status: int, code: Any) -> Outcome:
    said = f"{provider} answered HTTP {status}" + (f" (error {code})" if code else "")
    if status == 429 or status >= 500:
        return Outcome(UpdateStatus.PENDING, said)
    return Outcome(UpdateStatus.FAILED, said)


async def _post(
    http: ClientSession,
    url: str,
    *,
    data: Optional[Mapping[str, str]] = None,
    json_body: Optional[Mapping[str, Any]] = None,
    params: Optional[Mapping[str, str]] = None,
    auth: Optional[BasicAuth] = None,
) -> Any:
    """(status, JSON body) from the provider, or a PENDING Outcome when it could not be asked."""
    try:
        async with http.post(url, data=data, json=json_body, params=params, auth=auth, timeout=TIMEOUT) as response:
            try:
                body = await response.json(content_type=None)
            except (ValueError, ClientError):
                body = {}
            return response.status, body if isinstance(body, dict) else {}
    except (ClientError, asyncio.TimeoutError) as error:
        return Outcome(UpdateStatus.PENDING, f"no answer from the provider ({type(error).__name__})")
