"""TriageRules in the NLU pipeline: a message with no word the model knows is not guessed at."""

import pytest
import scipy.sparse
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot.rasa.triage_rules import TriageRules, knows_no_word


def _parsed(text: str, intent: str, confidence: float, known_words: int) -> Message:
    """A message as the pipeline hands it on: the classifiers' answer, and the word counts of
    the training vocabulary (as many non-zero entries as words it knew)."""
    message = Message(data={TEXT: text})
    counts = scipy.sparse.coo_matrix(([1.0] * known_words, ([0] * known_words, list(range(known_words)))), (1, 50))
    message.add_features(Features(counts, "sentence", TEXT, "run_CountVectorsFeaturizer3"))
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return message


def _understood(message: Message) -> str:
    return TriageRules().process([message])[0].get(INTENT)["name"]


@pytest.mark.parametrize(
    "text, intent, confidence, known_words, understood",
    [
        # Keyboard mash the classifiers spread their guesses over: not understood, so asked.
        ("zxqv blorp wibble", "report_repair_routine", 0.32, 0, "nlu_fallback"),
        ("lkjsdf", "inform", 0.30, 0, "nlu_fallback"),
        # Words the model knows: its answer stands, however unsure.
        ("my boiler is broken", "report_repair_urgent", 0.35, 3, "report_repair_urgent"),
        # However sure the model says it is: the fine-tuned encoder read mash and Welsh with
        # confidence. Asked, the tenant picks the area and their words are kept.
        ("grobble fnord", "ask_accessible_formats", 0.58, 0, "nlu_fallback"),
        ("oes modd siarad efo rhywun yn gymraeg", "ask_adaptations", 0.78, 0, "nlu_fallback"),
        ("boilor brokn", "report_repair_urgent", 0.8, 0, "nlu_fallback"),
        # Nothing that reads as a word (an emoji, a number): left to the model and the form.
        ("👍", "affirm", 0.4, 0, "affirm"),
        ("07700 900123", "inform", 0.4, 0, "inform"),
    ],
)
def test_a_message_with_no_known_word_is_not_guessed_at(text, intent, confidence, known_words, understood):
    assert _understood(_parsed(text, intent, confidence, known_words)) == understood


def test_a_danger_the_rules_see_is_acted_on_whatever_the_model_knew():
    assert _understood(_parsed("i can smell gas", "report_gas_leak", 0.3, 0)) == "report_gas_leak"


def test_without_word_counts_nothing_is_taken_as_unknown():
    message = Message(data={TEXT: "zxqv blorp"})
    assert not knows_no_word(message)


@pytest.mark.parametrize(
    "text, intent, understood",
    [
        # Asked about, not reported: answered as a question even though it names a same-day repair.
        ("and what about if my heating breaks", "report_repair_urgent", "ask_timescales"),
        ("how long do routine repairs take", "report_repair_routine", "ask_timescales"),
        # Reported: a repair.
        ("my heating has broken and what about the hot water", "report_repair_urgent", "report_repair_urgent"),
    ],
)
def test_a_question_about_what_would_happen_is_answered_not_started_as_a_report(text, intent, understood):
    assert _understood(_parsed(text, intent, 0.9, 5)) == understood
