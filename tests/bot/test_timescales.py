"""Questions about timescales are answered from the charter: which promises, and every figure."""

import pytest

from bot.charter import RepairPriority, load_charter
from bot.timescales import TimescaleTopic, names_a_topic, timescale_values, topics_asked


@pytest.mark.parametrize(
    "question, topics",
    [
        ("how long does a routine repair take", [TimescaleTopic.REPAIRS]),
        ("how quickly do you come out for an emergency", [TimescaleTopic.REPAIRS]),
        ("what are your complaint timescales", [TimescaleTopic.COMPLAINTS]),
        ("how long have you got to answer a stage 2 complaint", [TimescaleTopic.COMPLAINTS]),
        ("how long do you take to deal with noise from neighbours", [TimescaleTopic.ASB]),
        ("how long for damp and mould to be looked at", [TimescaleTopic.DAMP_MOULD]),
        ("when will someone call me back", [TimescaleTopic.CALLBACK]),
        ("how long will it take", [TimescaleTopic.REPAIRS]),
    ],
)
def test_each_question_gets_the_promises_it_asks_about(question, topics):
    assert topics_asked(question) == topics


@pytest.mark.parametrize(
    "question, named",
    [("how long will it take?", False), ("how long for a complaint", True), ("how long is an emergency", True)],
)
def test_a_bare_how_long_names_no_topic(question, named):
    assert names_a_topic(question) is named


def test_every_figure_comes_from_the_charter():
    charter = load_charter()
    values = timescale_values(charter)
    for priority in RepairPriority:
        assert values[f"{priority.value}_within"] == str(charter.repair(priority).within)
    assert values["routine_within"] == "17 days" and values["stage_one_response_within"] == "10 working days"
    assert values["asb_high_within"] == "1 working day" and values["investigation_within"] == "10 working days"
    assert all(values.values())
