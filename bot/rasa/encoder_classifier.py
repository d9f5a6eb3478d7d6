"""An intent classifier on the encoder's sentence vector alone: multinomial logistic regression.

A linear model on a pretrained sentence space generalises from few examples to wordings it
never saw, where a network trained from scratch on count vectors knows only the words of its
examples. Placed after another classifier (DIET, say), it blends the two rankings (`blend`: its
share, 0 to 1); first in the pipeline, as in config.yml, it is the classifier.

    - name: bot.rasa.encoder_classifier.EncoderIntentClassifier
      C: 10          # inverse regularisation of the logistic regression
      blend: 0.5     # its share of the final ranking when a classifier before it ranked too

The weights are kept as two numpy arrays in the model, not a pickle.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa.sentence_featurizer import SentenceEncoderFeaturizer

RANKING_LENGTH = 10


def sentence_vector(message: Message) -> Optional[np.ndarray]:
    """The encoder's sentence vector of the message: the dense sentence feature its featurizer
    added (its origin is that pipeline node's name)."""
    for features in message.features:
        origins = features.origin if isinstance(features.origin, list) else [features.origin]
        if (
            features.attribute == TEXT
            and features.type == "sentence"
            and not features.is_sparse()
            and any(SentenceEncoderFeaturizer.__name__ in str(origin) for origin in origins)
        ):
            return np.asarray(features.features).reshape(-1)
    return None


def softmax_rows(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class EncoderIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 10.0, "blend": 0.5, "max_iter": 3000}

    @classmethod
    def required_components(cls) -> List[type]:
        return [SentenceEncoderFeaturizer]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        labels: Optional[List[str]] = None,
        coef: Optional[np.ndarray] = None,
        intercept: Optional[np.ndarray] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.labels = labels or []
        self.coef, self.intercept = coef, intercept

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EncoderIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        rows = [(sentence_vector(m), m.get(INTENT)) for m in training_data.intent_examples]
        rows = [(vector, intent) for vector, intent in rows if vector is not None and intent]
        if len({intent for _, intent in rows}) < 2:
            return self._resource
        model = LogisticRegression(C=float(self._config["C"]), max_iter=int(self._config["max_iter"]))
        model.fit(np.stack([vector for vector, _ in rows]), [intent for _, intent in rows])
        self.labels = [str(label) for label in model.classes_]
        self.coef, self.intercept = model.coef_.astype(np.float32), model.intercept_.astype(np.float32)
        with self._storage.write_to(self._resource) as directory:
            np.savez(directory / "weights.npz", coef=self.coef, intercept=self.intercept, labels=np.array(self.labels))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "EncoderIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                stored = np.load(directory / "weights.npz")
                return cls(
                    config,
                    model_storage,
                    resource,
                    [str(x) for x in stored["labels"]],
                    stored["coef"],
                    stored["intercept"],
                )
        except (ValueError, FileNotFoundError):  # trained on fewer than two intents
            return cls(config, model_storage, resource)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return softmax_rows(vectors @ self.coef.T + self.intercept)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.coef is None:
            return messages
        blend = float(self._config["blend"])
        for message in messages:
            vector = sentence_vector(message)
            if vector is None:
                continue
            ours = dict(zip(self.labels, self.probabilities(vector.reshape(1, -1))[0].tolist()))
            before = {r["name"]: float(r["confidence"]) for r in message.get(INTENT_RANKING_KEY) or []}
            if before:
                names = set(ours) | set(before)
                scores = {n: blend * ours.get(n, 0.0) + (1 - blend) * before.get(n, 0.0) for n in names}
            else:
                scores = ours
            ranking = sorted(({"name": n, "confidence": c} for n, c in scores.items()), key=lambda r: -r["confidence"])[
                :RANKING_LENGTH
            ]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
