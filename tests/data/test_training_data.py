"""The training data and conversation tests, checked by Rasa's own tools."""

import os
import re
import subprocess
import sys
from pathlib import Path

from bot.settings import REPO_ROOT
from tests.support.domain import load_domain

RASA = str(Path(sys.executable).parent / "rasa")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
# How Rasa's validator reports a finding: through rasa.shared.utils.io.raise_warning, printed
# as "<path>/rasa/shared/utils/io.py:<line>: UserWarning: <message>". Deprecation notices of
# the libraries Rasa imports are not findings about our data.
RASA_WARNING = re.compile(r"rasa/shared/utils/io\.py:\d+: (\w*Warning): (.*)")
UNUSED_RESPONSE = re.compile(r"The utterance '(\w+)' is not used in any story or rule\.")


def _responses_said_outside_stories() -> set:
    """Responses Rasa cannot see in stories: form questions and those the actions utter.

    Rasa's validator only looks for responses in stories and rules, so it reports these as
    unused. They are checked here instead: a form question must belong to a required slot, and
    any other response must be named in the actions, bot/replies.py, bot/timescales.py, a channel
    connector, the policy that asks after a report dropped for someone close
    (bot/rasa/answer_policy.py), bot/rasa/conversations.py (what the console has the assistant
    say when staff hand back or close) or the chat page (its greeting, shown before the tenant
    writes, and what it says of photos, bot/web/photos.py), or the updates sent unasked
    (bot/updates/); and the offers of an interpreter in each language the rules can name, which
    bot/rasa/interpreter_offer.py adds to a reply by the language's name.
    """
    from bot.rasa.interpreter_offer import OFFER, offer_in
    from bot.rules.other_languages import LANGUAGES

    domain = load_domain()
    asked = {
        f"utter_{ask}_{slot}"
        for form in domain["forms"].values()
        for slot in form["required_slots"]
        for ask in ("ask", "reask")  # a form's question, and the same question with a clearer hint
    }
    sources = [
        *(REPO_ROOT / "actions").glob("*.py"),
        REPO_ROOT / "bot" / "replies.py",
        REPO_ROOT / "bot" / "timescales.py",
        *(REPO_ROOT / "bot" / "rasa" / "channels").glob("*.py"),
        REPO_ROOT / "bot" / "rasa" / "answer_policy.py",
        REPO_ROOT / "bot" / "rasa" / "conversations.py",
        *(REPO_ROOT / "bot" / "web" / "chat").glob("*.py"),
        REPO_ROOT / "bot" / "web" / "photos.py",
        *(REPO_ROOT / "bot" / "updates").glob("*.py"),
    ]
    actions_source = "\n".join(p.read_text() for p in sources)
    uttered = {name for name in domain["responses"] if f'"{name}"' in actions_source}
    # Said by Rasa's own actions: action_back says utter_back.
    offers = {OFFER, *(offer_in(language) for language in LANGUAGES)}
    return asked | uttered | offers | {"utter_back"}


def test_rasa_data_validate_finds_nothing_wrong():
    result = subprocess.run(
        [RASA, "data", "validate", "--domain", "domain", "--fail-on-warnings"],
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    findings = [match.group(2) for match in RASA_WARNING.finditer(output)]
    explained = _responses_said_outside_stories()
    unexplained = [
        finding
        for finding in findings
        if not (UNUSED_RESPONSE.match(finding) and UNUSED_RESPONSE.match(finding).group(1) in explained)
    ]
    assert unexplained == []


def test_conversation_stories_pass_with_no_prediction_errors(tmp_path):
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--model",
            "models",
            "--stories",
            "tests/stories",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else (result.stdout + result.stderr)[-3000:]
    assert result.returncode == 0, detail
