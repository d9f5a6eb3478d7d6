"""The Messenger connector's settings: the Page's three secrets, from the environment, and where
the Graph API is (a fake server in tests).

Apart from the webhook because the webhook, its checks and the replies all read them; the
secrets come from the environment, never from credentials.yml, so they stay out of the
repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Mapping

CHANNEL = "facebook"
DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v18.0"


@dataclass(frozen=True)
class Settings:
    """The Page's secrets and where the Graph API is (a fake server in tests)."""

    verify_token: str
    app_secret: str
    page_access_token: str
    graph_base_url: str = DEFAULT_GRAPH_BASE_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        """Read the environment; a missing value is kept empty so start-up never fails on it."""
        return cls(
            verify_token=env.get("FACEBOOK_VERIFY_TOKEN", "").strip(),
            app_secret=env.get("FACEBOOK_APP_SECRET", "").strip(),
            page_access_token=env.get("FACEBOOK_PAGE_ACCESS_TOKEN", "").strip(),
            graph_base_url=(env.get("FACEBOOK_GRAPH_BASE_URL", "").strip() or DEFAULT_GRAPH_BASE_URL).rstrip("/"),
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
