"""The same words are read once per model, and what a reading gave is what memory gives."""

import asyncio

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor

from bot.rasa import parse_memory
from bot.rasa.server import apply_patches


class Reader:
    """Stands in for the NLU graph: counts readings, answers from the words."""

    def __init__(self, extra=None):
        self.readings = []
        self.extra = extra or {}

    async def __call__(self, processor, message, tracker=None, only_output_properties=True):
        self.readings.append(message.text)
        return {"text": message.text, "intent": {"name": f"intent-of-{message.text}", "confidence": 0.9}, **self.extra}


def _processor():
    processor = object.__new__(MessageProcessor)  # a model: memory is per processor
    processor.http_interpreter = None
    return processor


def _read(parse, processor, text, message_id="m1"):
    return asyncio.run(parse(processor, UserMessage(text, sender_id="tenant-1", message_id=message_id)))


def test_the_server_entry_point_applies_it():
    apply_patches()
    assert MessageProcessor.parse_message is parse_memory.REMEMBERING


@pytest.mark.parametrize(
    "texts, readings",
    [
        (["yes", "yes", "no", "yes"], ["yes", "no"]),
        (["kitchen", "Kitchen", "kitchen."], ["kitchen", "Kitchen", "kitchen."]),  # exact words only
        (["x" * 121, "x" * 121], ["x" * 121, "x" * 121]),  # a long report is read every time
    ],
)
def test_the_same_words_are_read_once(texts, readings):
    reader = Reader()
    parse, processor = parse_memory.remembering(reader), _processor()
    results = [_read(parse, processor, text) for text in texts]
    assert reader.readings == readings
    assert [r["intent"]["name"] for r in results] == [f"intent-of-{t}" for t in texts]


def test_a_remembered_reading_cannot_be_changed_by_whoever_got_it():
    parse, processor = parse_memory.remembering(Reader()), _processor()
    _read(parse, processor, "yes")["intent"]["name"] = "changed"
    _read(parse, processor, "yes")["intent"]["name"] = "changed again"
    assert _read(parse, processor, "yes")["intent"]["name"] == "intent-of-yes"


def test_each_model_reads_for_itself():
    reader = Reader()
    parse = parse_memory.remembering(reader)
    _read(parse, _processor(), "yes")
    _read(parse, _processor(), "yes")
    assert reader.readings == ["yes", "yes"]


def test_a_reading_that_carries_the_message_s_own_id_is_not_kept():
    reader = Reader(extra={"message_id": "m1"})
    parse, processor = parse_memory.remembering(reader), _processor()
    _read(parse, processor, "yes", message_id="m1")
    assert _read(parse, processor, "yes", message_id="m2")["message_id"] == "m1"  # the reader's, not memory's
    assert reader.readings == ["yes", "yes"]


def test_the_least_recently_read_words_are_forgotten_first(monkeypatch):
    monkeypatch.setattr(parse_memory, "PARSES_REMEMBERED", 2)
    reader = Reader()
    parse, processor = parse_memory.remembering(reader), _processor()
    for text in ["yes", "no", "yes", "kitchen", "yes", "no"]:
        _read(parse, processor, text)
    assert reader.readings == ["yes", "no", "kitchen", "no"]


def test_nlu_on_another_server_is_always_asked():
    reader = Reader()
    parse, processor = parse_memory.remembering(reader), _processor()
    processor.http_interpreter = object()
    _read(parse, processor, "yes")
    _read(parse, processor, "yes")
    assert reader.readings == ["yes", "yes"]
