"""Loading the charter: which file, and reading it as YAML strictly enough to trust.

The file is chosen by the caller, else the CHARTER_FILE environment variable (a landlord's own
charter, or a test's), else the repository's charter.yml, found from the code so the working
directory never matters. The YAML loader refuses a key given twice, which a plain loader would
resolve by silently dropping one of two promises. Turning the data into a Charter, and checking
it, is `bot.charter.building`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml

from bot.charter.building import build_charter
from bot.charter.model import Charter, CharterError
from bot.settings import REPO_ROOT, setting

#: The repository's own charter, found from the code (bot.settings.REPO_ROOT) so the cwd never matters.
DEFAULT_CHARTER_FILE = REPO_ROOT / "charter.yml"

#: Environment variable naming another charter file, for a landlord or a test.
CHARTER_FILE_ENV = "CHARTER_FILE"


def load_charter(path: Optional[Path] = None) -> Charter:
    """Read and check the charter; the assistant must not start on a doubtful one.

    Without ``path`` the ``CHARTER_FILE`` environment variable is used, else the
    repository's ``charter.yml``.
    """
    chosen = _charter_path(path)
    raw = _read_yaml(chosen)
    return build_charter(raw, chosen)


def _charter_path(path: Optional[Path]) -> Path:
    if path is not None:
        return Path(path)
    from_env = setting(CHARTER_FILE_ENV)
    return Path(from_env) if from_env else DEFAULT_CHARTER_FILE


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice, which would silently drop a promise."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CharterError(f"{path}: cannot read the charter ({error.strerror})") from error
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        raise CharterError(f"{path.name}: not valid YAML: {error}") from error
