"""The nginx in front of a scaled run's replicas is a configuration nginx accepts."""

import os
import shutil
import subprocess

import pytest

from tools.launcher import NGINX, Ports, write_nginx_config


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
