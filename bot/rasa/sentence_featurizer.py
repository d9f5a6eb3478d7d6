"""The NLU pipeline's pretrained features: each message's sentence vector from the encoder
(bot/rasa/encoder.py), and a vector for each of its words, for the classifiers after it.

DIET trained from scratch on our examples knows no English beyond them ("my kitchen light
doesnt work" was not understood); with these features a message is close to the examples that
mean the same, whatever its words.

    - name: bot.rasa.sentence_featurizer.SentenceEncoderFeaturizer
      model_dir: null   # NLU_ENCODER_DIR, else the installed all-MiniLM-L6-v2
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa.encoder import SentenceEncoder, shared_encoder


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "model_dir": None}

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to check before loading: a model directory that is wrong fails when it loads."""

    @staticmethod
    def required_packages() -> List[Text]:
        return ["transformers", "tokenizers"]

    def __init__(self, config: Dict[Text, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_dir: Optional[str] = config.get("model_dir")
        self._encoder: Optional[SentenceEncoder] = None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceEncoderFeaturizer":
        return cls(config, execution_context)

    @property
    def encoder(self) -> SentenceEncoder:
        """Loaded on first use, so building the graph costs nothing until a message comes."""
        if self._encoder is None:
            self._encoder = shared_encoder(self._model_dir)
        return self._encoder

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize([m for m in messages if m.get(TEXT)])
        return messages

    def _featurize(self, messages: List[Message]) -> None:
        if not messages:
            return
        encoded = self.encoder.encode([m.get(TEXT) for m in messages])
        for message, vectors in zip(messages, encoded):
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            words = (
                np.stack([vectors.word(t.start, t.end) for t in tokens])
                if tokens
                else np.zeros((0, self.encoder.dimensions), dtype=np.float32)
            )
            self.add_features_to_message(
                sequence=words, sentence=vectors.sentence.reshape(1, -1), attribute=TEXT, message=message
            )
