"""The NLU pipeline's pretrained features: each message's sentence vector from the encoder
(bot/rasa/encoder.py), and a vector for each of its words, for the classifiers after it.

A classifier trained from scratch on our examples knows no English beyond them ("my kitchen
light doesnt work" was not understood); with these features a message is close to the examples
that mean the same, whatever its words.

    - name: bot.rasa.sentence_featurizer.SentenceEncoderFeaturizer
      model_dir: null         # NLU_ENCODER_DIR, else the installed all-MiniLM-L6-v2
      fine_tune_epochs: 3     # 0: the pretrained encoder as it is
      learning_rate: 0.0001

Fine-tuned, the encoder first learns our intents from the training examples (see
`bot.rasa.encoder.FineTuning`), and its weights are kept in the trained model, so the server
reads messages with the encoder it was trained with, whatever NLU_ENCODER_DIR says later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa.encoder import FineTuning, SentenceEncoder, default_model_dir, shared_encoder

# In the model's storage: the fine-tuned encoder, when there is one.
FINE_TUNED = "fine-tuned-encoder"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            "model_dir": None,
            "fine_tune_epochs": 0,
            "learning_rate": FineTuning(epochs=0).learning_rate,
        }

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to check before loading: a model directory that is wrong fails when it loads."""

    @staticmethod
    def required_packages() -> List[Text]:
        return ["transformers", "tokenizers"]

    def __init__(
        self,
        config: Dict[Text, Any],
        execution_context: ExecutionContext,
        model_storage: ModelStorage,
        resource: Resource,
        encoder: Optional[SentenceEncoder] = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_dir: Optional[str] = config.get("model_dir")
        self._tuning = FineTuning(
            epochs=int(config.get("fine_tune_epochs") or 0), learning_rate=float(config["learning_rate"])
        )
        self._storage, self._resource = model_storage, resource
        self._encoder = encoder

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceEncoderFeaturizer":
        return cls(config, execution_context, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SentenceEncoderFeaturizer":
        """The fine-tuned encoder kept in the model, else (not fine-tuned) the pretrained one."""
        encoder = None
        try:
            with model_storage.read_from(resource) as directory:
                if (directory / FINE_TUNED).is_dir():
                    encoder = SentenceEncoder(directory / FINE_TUNED)
        except ValueError:  # nothing was stored: the pretrained encoder, loaded on first use
            pass
        return cls(config, execution_context, model_storage, resource, encoder)

    @property
    def encoder(self) -> SentenceEncoder:
        """Loaded on first use, so building the graph costs nothing until a message comes."""
        if self._encoder is None:
            self._encoder = shared_encoder(self._model_dir)
        return self._encoder

    def train(self, training_data: TrainingData) -> Resource:
        """Fine-tunes a copy of the pretrained encoder on the intent examples and keeps it in
        the model; with no epochs configured, stores nothing."""
        examples = [
            (m.get(TEXT), m.get(INTENT)) for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)
        ]
        if self._tuning.epochs <= 0 or len({intent for _, intent in examples}) < 2:
            return self._resource
        encoder = SentenceEncoder(Path(self._model_dir) if self._model_dir else default_model_dir())
        encoder.fine_tune([text for text, _ in examples], [intent for _, intent in examples], self._tuning)
        with self._storage.write_to(self._resource) as directory:
            encoder.save(directory / FINE_TUNED)
        self._encoder = encoder
        return self._resource

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
