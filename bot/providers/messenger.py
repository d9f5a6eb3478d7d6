"""The Messenger connector's settings: the Page's three secrets, from the environment, and where
the Graph API is (a fake server in tests).

Apart from the webhook because the webhook, its checks and the replies all read them; the
secrets come from the environment, never from credentials.yml, so they stay out of the
repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Mapping, Optional

from bot import settings

CHANNEL = "facebook"
DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v18.0"


@dataclass(frozen=True)
class MessengerSettings:
    """The Page's secrets and where the Graph API is (a fake server in tests)."""

    verify_token: str
    app_secret: str
    page_access_token: str
    graph_base_url: str = DEFAULT_GRAPH_BASE_URL

    @classmethod
    def from_environment(cls, environ: Optional[Mapping[str, str]] = None) -> "MessengerSettings":
        """Read through bot.settings; a missing value is kept empty so start-up never fails on it."""
        graph_base_url = (settings.setting("FACEBOOK_GRAPH_BASE_URL", "", environ) or "").strip()
        return cls(
            verify_token=settings.secret("FACEBOOK_VERIFY_TOKEN", environ) or "",
            app_secret=settings.secret("FACEBOOK_APP_SECRET", environ) or "",
            page_access_token=settings.secret("FACEBOOK_PAGE_ACCESS_TOKEN", environ) or "",
            graph_base_url=(graph_base_url or DEFAULT_GRAPH_BASE_URL).rstrip("/"),
        )

    def missing(self) -> List[str]:
        """The names of the secrets not set: without any one of them nothing can be trusted."""
        values = {
            "FACEBOOK_VERIFY_TOKEN": self.verify_token,
            "FACEBOOK_APP_SECRET": self.app_secret,
            "FACEBOOK_PAGE_ACCESS_TOKEN": self.page_access_token,
        }
        return [name for name, value in values.items() if not value]

    @property
    def messages_url(self) -> str:
        return f"{self.graph_base_url}/me/messages"
