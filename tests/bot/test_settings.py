"""Settings come from the environment, and secrets also from a file (NAME_FILE); every variable
read is in one list, which the README's table matches."""

import re

import pytest

from bot.settings import REPO_ROOT, VARIABLES, flag, secret, secure_cookies, setting

# In the README's table, though not read by the assistant: Rasa's tracker store reads
# POSTGRESQL_SCHEMA itself, the Makefile REPLICAS, the tests TEST_POSTGRES_URL.
READ_BY_OTHERS = {"POSTGRESQL_SCHEMA", "REPLICAS", "TEST_POSTGRES_URL"}


@pytest.mark.parametrize(
    "environ, value",
    [
        ({"TWILIO_AUTH_TOKEN": "from-the-variable"}, "from-the-variable"),
        ({"TWILIO_AUTH_TOKEN": "  padded\n"}, "padded"),
        ({}, None),
        ({"TWILIO_AUTH_TOKEN": ""}, None),
    ],
)
def test_a_secret_comes_from_its_variable(environ, value):
    assert secret("TWILIO_AUTH_TOKEN", environ) == value


def test_a_secret_comes_from_the_file_its_name_file_variable_names(tmp_path):
    path = tmp_path / "token"
    path.write_text("from-a-mounted-file\n")
    assert secret("TWILIO_AUTH_TOKEN", {"TWILIO_AUTH_TOKEN_FILE": str(path)}) == "from-a-mounted-file"


@pytest.mark.parametrize(
    "environ, on",
    [
        ({"OPEN_REST_CHANNEL": "1"}, True),
        ({"OPEN_REST_CHANNEL": "true"}, True),
        ({"OPEN_REST_CHANNEL": "On"}, True),
        ({"OPEN_REST_CHANNEL": "0"}, False),
        ({"OPEN_REST_CHANNEL": "no"}, False),
        ({}, False),
    ],
)
def test_a_switch_is_on_only_when_it_says_so(environ, on):
    assert flag("OPEN_REST_CHANNEL", environ) is on


@pytest.mark.parametrize(
    "environ, secure",
    [({"CONSOLE_SECURE_COOKIE": "1"}, True), ({"WEBCHAT_SECURE_COOKIE": "1"}, False), ({}, False)],
)
def test_each_app_has_its_own_secure_cookie_switch(environ, secure):
    assert secure_cookies("console", environ) is secure


@pytest.mark.parametrize(
    "environ, value", [({"SANIC_HOST": "0.0.0.0"}, "0.0.0.0"), ({"SANIC_HOST": ""}, "127.0.0.1"), ({}, "127.0.0.1")]
)
def test_a_plain_setting_falls_back_to_its_default_when_unset_or_empty(environ, value):
    assert setting("SANIC_HOST", "127.0.0.1", environ) == value


@pytest.mark.parametrize("read", [secret, flag, setting])
def test_a_variable_missing_from_the_list_is_not_read(read):
    """Otherwise it would be a setting no operator is told about."""
    with pytest.raises(KeyError, match="VARIABLES"):
        read("TWILIO_AUTH_TOKN", {"TWILIO_AUTH_TOKN": "a typo"})


def readme_variables() -> set:
    """The names in the first column of the README's "Environment variables" table."""
    readme = (REPO_ROOT / "README.md").read_text()
    section = readme.split("\n## Environment variables\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_the_readme_lists_every_variable_read_and_no_other():
    assert len(set(VARIABLES)) == len(VARIABLES)
    assert readme_variables() == set(VARIABLES) | READ_BY_OTHERS
