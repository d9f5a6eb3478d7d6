"""The one Jinja2 set-up of both web apps: every value escaped, and a missing one an error."""

import html

import pytest
from jinja2 import DictLoader, UndefinedError

from bot.web.templating import template_environment

HOSTILE = "<script>alert('x')</script> \"><img src=x onerror=alert(1)> & more"


@pytest.fixture
def templates():
    environment = template_environment("bot.web.console")
    environment.loader = DictLoader(
        {
            "page.html": '{% from "macros.html" import bold %}<p title="{{ words }}">{{ bold(words) }} {{ nothing }}</p>',
            "macros.html": "{% macro bold(text) %}<b>{{ text }}</b>{% endmacro %}",
            "missing.html": "<p>{{ not_given }}</p>",
        }
    )
    return environment


def test_a_value_is_escaped_as_html_escape_does_and_a_macro_is_not_escaped_twice(templates):
    page = templates.get_template("page.html").render(words=HOSTILE, nothing=None)
    escaped = html.escape(HOSTILE, quote=True)
    assert page == f'<p title="{escaped}"><b>{escaped}</b> </p>'


def test_a_value_the_template_was_not_given_fails_the_page(templates):
    with pytest.raises(UndefinedError):
        templates.get_template("missing.html").render()


@pytest.mark.parametrize("package", ["bot.web.console", "bot.web.chat"])
def test_each_apps_templates_are_found_through_its_package(package, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # not the repository: the loader must not depend on where we run
    assert template_environment(package).list_templates()
