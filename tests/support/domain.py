"""The domain as Rasa reads it: every file in domain/ merged into one, as `rasa train` does."""

from functools import lru_cache
from typing import Any, Dict

from bot.settings import REPO_ROOT

DOMAIN_FOLDER = REPO_ROOT / "domain"


@lru_cache(maxsize=1)
def load_domain() -> Dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN_FOLDER)).as_dict()
