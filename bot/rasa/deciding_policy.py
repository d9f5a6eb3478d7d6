"""What our policies that decide by reading, not by learning (AnswerPolicy, SurveyPolicy),
share: nothing to train or store, a priority from their config, and loading as they were made.
A subclass says its priority (`PRIORITY`) and how it predicts."""

from __future__ import annotations

from typing import Any, Dict, List, Text, Type, TypeVar

from rasa.core.policies.policy import Policy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates

Deciding = TypeVar("Deciding", bound="DecidingPolicy")


class DecidingPolicy(Policy):
    PRIORITY = 5

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {"priority": cls.PRIORITY}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> None:
        super().__init__({**self.get_default_config(), **config}, model_storage, resource, execution_context)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    @classmethod
    def load(
        cls: Type[Deciding],
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Deciding:
        return cls(config, model_storage, resource, execution_context)
