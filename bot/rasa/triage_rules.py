"""The Rasa-facing adapter that runs triage inside the NLU pipeline.

It sits after the trained classifiers in config.yml, so the live bot, `rasa test` and
`python -m tools.classify` all run the same rules on the same model output: there is no second
classifier. Like everything that imports Rasa, it lives in bot/rasa/.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.answers import first_problem
from bot.rules import shared_rules
from bot.rules.other_languages import intent_told_in_other_language
from bot.triage import UNSURE, Triage, gas_never_told, question_taken_as_asked, report_taken_first, triage

TRIAGE = "triage"
FALLBACK = "nlu_fallback"
# A message with no word the model was trained on, and nothing the rules saw, is taken as not
# understood, however sure the model says it is: on "zxqv blorp wibble" DIET spread about 0.3
# over the intents and the winner cleared the fallback threshold; the fine-tuned encoder reads
# "grobble fnord" as a request for large print at 0.58, and a sentence in Welsh as a question
# about adaptations at 0.78. The tenant is offered the choice of areas instead.
_WORD = re.compile(r"[^\W\d_]{3,}")


def knows_no_word(message: Message) -> bool:
    """True when the message has words but the word counts (the count-vector featurizers,
    which know only the training vocabulary) found none of them: nothing the model said
    about it came from a word it had seen."""
    if not _WORD.search(message.get(TEXT) or ""):
        return False
    counts = [
        f.features
        for f in message.features
        if f.attribute == TEXT and f.type == "sentence" and f.is_sparse() and "CountVectors" in str(f.origin)
    ]
    return any(c.nnz == 0 for c in counts)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TriageRules(GraphComponent):
    """Adds the triage to every parsed message and raises the intent when a rule demands it."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TriageRules":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            said = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            result = triaged(message.get(TEXT) or "", said, ranking, knows_no_word(message))
            message.set(TRIAGE, result.as_dict(), add_to_output=True)
            if result.intent != result.model_intent:
                raised = {"name": result.intent, "confidence": 1.0}
                ranking = [r for r in ranking if r.get("name") != result.intent]
                message.set(INTENT, raised, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [raised, *ranking], add_to_output=True)
        return messages


def triaged(text: str, said: Dict[str, Any], ranking: List[Dict[str, Any]], unknown_words: bool) -> Triage:
    """The triage of one message from what the model said of it (its intent and ranking) and
    whether it knew none of its words: a function of those alone, so that the rules can be
    replayed over a set's saved model output without loading the model again."""
    guesses = [r for r in ranking if r.get("name") != FALLBACK]
    runner = guesses[0] if guesses else {}
    runner_up, runner_up_confidence = runner.get("name"), float(runner.get("confidence") or 0.0)
    second_guess = guesses[1].get("name") if len(guesses) > 1 else None
    findings = shared_rules().find(text)
    confidence = float(said.get("confidence") or 0.0)
    told = intent_told_in_other_language(text)
    if told and (said.get("name") == FALLBACK or confidence < UNSURE):
        # Written in a language the model never learned ("kran w kuchni cieknie"): what the
        # words say it is about, as sure as the least the model's own reading needs. What
        # the model said is kept as its answer.
        result = replace(triage(told, UNSURE, findings), model_intent=said.get("name") or FALLBACK)
    elif not findings and unknown_words:
        result = replace(triage(FALLBACK, confidence, findings), model_intent=said.get("name") or FALLBACK)
    else:
        result = triage(
            said.get("name"),
            confidence,
            findings,
            runner_up=runner_up,
            runner_up_confidence=runner_up_confidence,
            second_guess=second_guess,
        )
    if gas_never_told(result, text):
        # A fan's scream read as a gas leak: the repair it names.
        result = replace(
            triage("report_repair_routine", 1.0, findings),
            model_intent=result.model_intent,
            confidence=result.confidence,
        )
    first = report_taken_first(result, first_problem(text), [r.get("name") for r in ranking])
    if first is not None:
        # Two problems in one message: the one told first, with the model's answer kept.
        result = replace(triage(first, 1.0, findings), model_intent=result.model_intent, confidence=result.confidence)
    if question_taken_as_asked(result, text):
        # Read without the rules' urgency: "what about if my heating breaks" names a
        # same-day repair, which would start one again; nothing for safety is here.
        result = replace(
            triage("ask_timescales", 1.0, frozenset()),
            findings=findings,
            model_intent=result.model_intent,
            confidence=result.confidence,
        )
    return result
