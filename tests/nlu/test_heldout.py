"""The trained model, with its rules, judged on messages it was never trained on.

These are the issue's acceptance figures; the same numbers, beside a stock Rasa pipeline's,
are printed by `make bench-nlu`.
"""

import re

import pytest

from bot.classify import latest_model
from bot.nlu_benchmark import REPO_ROOT, classify_with, load_heldout, score


@pytest.fixture(scope="module")
def scores():
    heldout = load_heldout()
    predicted = classify_with(latest_model(REPO_ROOT / "models"), [item["text"] for item in heldout])
    return score(heldout, predicted)


def _normal(text):
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def test_the_heldout_set_is_big_enough_and_never_trained_on():
    heldout = load_heldout()
    assert len(heldout) >= 150
    training = set()
    for path in (REPO_ROOT / "data" / "nlu").glob("*.yml"):
        training |= {_normal(line.strip()[2:]) for line in path.read_text().splitlines() if line.strip().startswith("- ")}
    assert not [item["text"] for item in heldout if _normal(item["text"]) in training]


def test_categories_are_right_at_least_95_percent_of_the_time(scores):
    assert scores.category_accuracy >= 0.95, scores.confusion


def test_every_same_day_repair_is_caught_with_precision_of_at_least_90_percent(scores):
    assert scores.missed_same_day == []
    assert scores.same_day_precision >= 0.90


def test_every_high_risk_asb_report_is_caught(scores):
    assert scores.missed_asb_high == []


def test_every_person_in_danger_is_recognised(scores):
    assert scores.missed_safety == []
