"""Settings come from the environment, and secrets also from a file (NAME_FILE)."""

import pytest

from bot.settings import flag, secret, secure_cookies, setting


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
        ({"X": "1"}, True),
        ({"X": "true"}, True),
        ({"X": "On"}, True),
        ({"X": "0"}, False),
        ({"X": "no"}, False),
        ({}, False),
    ],
)
def test_a_switch_is_on_only_when_it_says_so(environ, on):
    assert flag("X", environ) is on


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
