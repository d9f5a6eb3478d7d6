"""Twilio's settings, for the SMS and WhatsApp connector (bot/rasa/channels/twilio.py) and for
the updates sent to tenants unasked (bot/updates): the account's secrets from the environment,
the numbers tenants write to, and where the API is (a fake server in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from bot.settings import secret, setting

TWILIO_API = "https://api.twilio.com"
# The prefix Twilio puts on a WhatsApp address ("whatsapp:+447700900123").
WHATSAPP = "whatsapp:"


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    sms_number: str
    whatsapp_number: str
    public_base_url: str
    api_base_url: str = TWILIO_API

    @classmethod
    def from_environment(cls, environ: Optional[Mapping[str, str]] = None) -> "TwilioSettings":
        """Read through bot.settings; a missing value is kept empty, and the connector refuses
        every request until the secrets are set."""
        return cls(
            account_sid=setting("TWILIO_ACCOUNT_SID", "", environ) or "",
            auth_token=secret("TWILIO_AUTH_TOKEN", environ) or "",
            sms_number=setting("TWILIO_SMS_NUMBER", "", environ) or "",
            whatsapp_number=setting("TWILIO_WHATSAPP_NUMBER", "", environ) or "",
            public_base_url=(setting("PUBLIC_BASE_URL", None, environ) or "").rstrip("/"),
            api_base_url=(setting("TWILIO_API_BASE_URL", None, environ) or TWILIO_API).rstrip("/"),
        )

    @property
    def complete(self) -> bool:
        return all((self.account_sid, self.auth_token, self.public_base_url))

    def sender_for(self, recipient: str) -> str:
        """Reply from the number the tenant wrote to: WhatsApp from the WhatsApp number."""
        if recipient.startswith(WHATSAPP):
            number = self.whatsapp_number
            return number if number.startswith(WHATSAPP) else WHATSAPP + number
        return self.sms_number

    def messages_url(self) -> str:
        return f"{self.api_base_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
