"""The nginx in front of a scaled run's replicas is a configuration nginx accepts, and a scaled
run is refused only when a shared store is really not named."""

import os
import shutil
import subprocess

import pytest

from tools.launcher import NGINX, Ports, write_nginx_config
from tools.launcher.command import missing_stores


def test_nginx_accepts_the_configuration_for_the_replicas(tmp_path):
    if not shutil.which(NGINX):
        message = "nginx is installed by `make` (scripts/install-debian-packages)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    config = write_nginx_config(
        tmp_path,
        Ports(rasa=15005, actions=15055, web=18080),
        {"rasa-1": 15015, "rasa-2": 15016, "actions-1": 15065, "actions-2": 15066},
    )
    text = config.read_text()
    assert "server 127.0.0.1:15015" in text and "server 127.0.0.1:15066" in text
    result = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_scaled_run_names_the_stores_it_lacks_and_takes_redis_url_from_its_file(tmp_path):
    (tmp_path / "redis-url").write_text("redis://cache.internal:6379/2\n")
    stores = {"TRACKER_STORE_URL": "postgresql://db/conversations", "DATABASE_URL": "postgresql://db/cases"}
    assert missing_stores(1, {}) == []
    assert missing_stores(2, {}) == ["TRACKER_STORE_URL", "DATABASE_URL", "REDIS_URL"]
    assert missing_stores(2, {**stores, "REDIS_URL_FILE": str(tmp_path / "redis-url")}) == []
