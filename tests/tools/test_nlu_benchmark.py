import pytest

from tools.nlu_benchmark import render, score


def item(category, priority=None, asb_risk=None, safety=None, text="x"):
    return {"text": text, "category": category, "priority": priority, "asb_risk": asb_risk, "safety": safety}


LABELS = [
    item("repair", "emergency", text="sparks"),
    item("repair", "urgent", text="no heat"),
    item("repair", "routine", text="tap"),
    item("asb", asb_risk="high", text="knife"),
    item("enquiry", text="rent"),
]


def test_perfect_predictions_score_one_everywhere():
    scores = score(LABELS, LABELS)
    assert scores.category_accuracy == 1.0
    assert scores.category_macro_f1 == pytest.approx(3 / 5)  # complaint and other have no examples
    assert (scores.same_day_recall, scores.same_day_precision, scores.asb_high_recall) == (1.0, 1.0, 1.0)


def test_a_missed_emergency_and_a_false_alarm_are_both_counted():
    predicted = [
        item("repair", "routine"),  # emergency missed
        item("repair", "urgent"),
        item("repair", "urgent"),  # routine raised: a false alarm
        item("asb", asb_risk="low"),  # high risk missed
        item("complaint"),
    ]
    scores = score(LABELS, predicted)
    assert scores.same_day_recall == 0.5
    assert scores.same_day_precision == 0.5
    assert scores.asb_high_recall == 0.0
    assert scores.missed_same_day == ["sparks"]
    assert scores.missed_asb_high == ["knife"]
    assert scores.category_accuracy == 0.8
    assert scores.confusion["enquiry"]["complaint"] == 1


@pytest.mark.parametrize(
    "found, first, caught",
    [
        (["fire_or_danger", "domestic_abuse"], "fire_or_danger", True),  # both numbers in the first reply
        (["fire_or_danger"], "fire_or_danger", False),
        ([], None, False),
    ],
)
def test_a_safety_message_is_caught_when_its_number_is_among_those_given(found, first, caught):
    labelled = [item("other", safety="domestic_abuse", text="locked in")]
    predicted = [{**item("other", safety=first), "all_safety": found}]
    scores = score(labelled, predicted)
    assert (scores.safety_recall == 1.0) is caught
    assert (scores.missed_safety == []) is caught


def test_the_report_puts_both_pipelines_side_by_side():
    text = render({"ours": score(LABELS, LABELS), "stock": score(LABELS, LABELS)})
    assert "ours" in text.splitlines()[0] and "stock" in text.splitlines()[0]
    assert "Confusion (stock)" in text


def test_the_messages_missed_never_show_in_the_scores_printed_form():
    """A failing test prints its arguments: a blind set's misses must not reach the log."""
    scores = score(LABELS, [item("other")] * len(LABELS))
    assert scores.missed_same_day == ["sparks", "no heat"]
    assert all(text not in repr(scores) for text in ("sparks", "no heat", "knife"))
