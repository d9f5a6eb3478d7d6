"""The Rasa-facing adapter that runs triage inside the NLU pipeline.

It sits after the trained classifiers in config.yml, so the live bot, `rasa test` and
`python -m tools.classify` all run the same rules on the same model output: there is no second
classifier. Like everything that imports Rasa, it lives in bot/rasa/.
"""

from __future__ import annotations

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
from bot.triage import question_taken_as_asked, report_taken_first, triage

TRIAGE = "triage"
FALLBACK = "nlu_fallback"


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
        rules = shared_rules()
        for message in messages:
            said = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            runner_up = next((r.get("name") for r in ranking if r.get("name") != FALLBACK), None)
            text = message.get(TEXT) or ""
            findings = rules.find(text)
            result = triage(said.get("name"), float(said.get("confidence") or 0.0), findings, runner_up=runner_up)
            first = report_taken_first(result, first_problem(text), [r.get("name") for r in ranking])
            if first is not None:
                # Two problems in one message: the one told first, with the model's answer kept.
                result = replace(
                    triage(first, 1.0, findings), model_intent=result.model_intent, confidence=result.confidence
                )
            if question_taken_as_asked(result, text):
                result = replace(
                    triage("ask_timescales", 1.0, findings),
                    model_intent=result.model_intent,
                    confidence=result.confidence,
                )
            message.set(TRIAGE, result.as_dict(), add_to_output=True)
            if result.intent != result.model_intent:
                raised = {"name": result.intent, "confidence": 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != result.intent]
                message.set(INTENT, raised, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [raised, *ranking], add_to_output=True)
        return messages
