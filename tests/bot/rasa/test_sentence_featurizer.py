"""The pipeline's sentence encoder, fine-tuned on the intents: what it learns is kept in the
model, so the server reads messages as training left the encoder, and tenants' wordings of one
intent end up closer together than to another intent's."""

import random
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa.encoder import shared_encoder
from bot.rasa.sentence_featurizer import FINE_TUNED, SentenceEncoderFeaturizer

# Two intents whose wordings share words across them ("water", "heating"): what separates them
# is what the tenant needs, which the pretrained space does not weigh.
EXAMPLES = {
    "report_repair_urgent": [
        "no hot water since yesterday",
        "heating is dead and its freezing",
        "boiler shows f28 and wont fire",
        "hot water stopped working this morning",
    ],
    "ask_timescales": [
        "how long do you take to fix hot water",
        "how quickly do you come out for heating",
        "whats the timescale for a boiler repair",
        "how many days for a water repair",
    ],
}


def _featurizer(storage: LocalModelStorage, epochs: int) -> SentenceEncoderFeaturizer:
    config = {**SentenceEncoderFeaturizer.get_default_config(), "fine_tune_epochs": epochs}
    context = ExecutionContext(GraphSchema({}), node_name="encoder")
    return SentenceEncoderFeaturizer.create(config, storage, Resource("encoder"), context)


def _loaded(storage: LocalModelStorage, epochs: int) -> SentenceEncoderFeaturizer:
    config = {**SentenceEncoderFeaturizer.get_default_config(), "fine_tune_epochs": epochs}
    context = ExecutionContext(GraphSchema({}), node_name="encoder")
    return SentenceEncoderFeaturizer.load(config, storage, Resource("encoder"), context)


def _training_data() -> TrainingData:
    return TrainingData(
        [Message.build(text=text, intent=intent) for intent, texts in EXAMPLES.items() for text in texts]
    )


def _margin(vectors: np.ndarray) -> float:
    """Mean cosine within an intent minus mean cosine across the two."""
    half = len(vectors) // 2
    similarity = vectors @ vectors.T
    within = (similarity[:half, :half].sum() - half + similarity[half:, half:].sum() - half) / (2 * half * (half - 1))
    across = similarity[:half, half:].mean()
    return float(within - across)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("storage")))
    featurizer = _featurizer(storage, epochs=4)
    featurizer.train(_training_data())
    return storage, featurizer


def test_fine_tuning_brings_an_intents_wordings_together(trained):
    _, featurizer = trained
    texts = [text for texts in EXAMPLES.values() for text in texts]
    before = _margin(shared_encoder().sentences(texts))
    after = _margin(featurizer.encoder.sentences(texts))
    assert after > before + 0.05


def test_the_server_reads_with_the_encoder_training_left(trained):
    storage, featurizer = trained
    texts = ["the radiators are cold", "when will my repair be done"]
    loaded = _loaded(storage, epochs=4)
    assert np.allclose(loaded.encoder.sentences(texts), featurizer.encoder.sentences(texts), atol=1e-5)
    assert not np.allclose(loaded.encoder.sentences(texts), shared_encoder().sentences(texts), atol=1e-3)


def test_two_trainings_of_the_same_examples_give_the_same_encoder(trained, tmp_path):
    """Whatever state Python's generator is in: Keras seeds an unseeded initializer from it, and
    a model that reads a safety message one way today and another way after retraining the same
    data makes every figure a draw."""
    _, featurizer = trained
    random.seed(7)
    again = _featurizer(LocalModelStorage(tmp_path), epochs=4)
    again.train(_training_data())
    texts = ["the radiators are cold", "when will my repair be done", "ive taken all my tablets"]
    assert np.array_equal(again.encoder.sentences(texts), featurizer.encoder.sentences(texts))


def test_with_no_epochs_nothing_is_stored_and_the_pretrained_encoder_reads(tmp_path):
    storage = LocalModelStorage(tmp_path)
    _featurizer(storage, epochs=0).train(_training_data())
    assert not (tmp_path / "encoder" / FINE_TUNED).exists()
    loaded = _loaded(storage, epochs=0)
    assert loaded.encoder is shared_encoder()
