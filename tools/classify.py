"""Classify messages with exactly the NLU and rules the live bot runs.

    .venv/bin/python -m tools.classify < messages.txt

reads one message per line and writes one JSON object per line:
{"text", "category", "priority", "asb_risk", "safety", "all_safety", "intent", "confidence"}
(`safety` the first signal, `all_safety` every signal whose number the first reply gives).

There is no second classifier: this loads the trained model from models/ (whose pipeline
ends with the triage rules) and reports the triage it attaches to each parsed message. Tests,
the NLU benchmark and a landlord's auditors all use it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional
from bot.settings import REPO_ROOT

FIELDS = ("text", "category", "priority", "asb_risk", "safety", "all_safety", "intent", "confidence")


class NoModel(RuntimeError):
    pass


def latest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise NoModel(
            f"No trained model in {model_dir}. Train one with `make train` (or `make`), "
            "which runs `rasa train` on data/, config.yml and domain/."
        )
    return models[-1]


def _quiet_libraries() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    logging.disable(logging.WARNING)
    # Rasa logs each parse through structlog, message text included, to stdout by default:
    # keep stdout for the JSON lines and the tenants' words out of the log.
    import structlog

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )


def result_of(text: str, parsed: Dict[str, Any]) -> Dict[str, Any]:
    """The published record for one message, from Rasa's parse output."""
    triage = parsed.get("triage")
    intent = parsed.get("intent") or {}
    if triage is None:
        # A model trained with a pipeline that has no triage step (the stock baseline in the
        # benchmark): its intent is read through the same taxonomy, with no rules.
        from bot.triage import triage as triage_of

        triage = triage_of(intent.get("name"), float(intent.get("confidence") or 0.0), frozenset()).as_dict()
    return {
        "text": text,
        "category": triage["category"],
        "priority": triage["priority"],
        "asb_risk": triage["asb_risk"],
        "safety": triage["safety"],
        "all_safety": triage.get("all_safety") or ([triage["safety"]] if triage["safety"] else []),
        "intent": intent.get("name"),
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
    }


class Classifier:
    """A loaded model; `classify` parses messages one after another on one event loop."""

    def __init__(self, model_path: Path) -> None:
        _quiet_libraries()
        from rasa.core.agent import Agent

        self._agent = Agent.load(str(model_path))
        self._loop = asyncio.new_event_loop()

    def classify(self, texts: Iterable[str]) -> Iterator[Dict[str, Any]]:
        for text in texts:
            if not text.strip():
                yield {
                    "text": text,
                    "category": "other",
                    "priority": None,
                    "asb_risk": None,
                    "safety": None,
                    "intent": None,
                    "confidence": 0.0,
                }
                continue
            parsed = self._loop.run_until_complete(self._agent.parse_message(text))
            yield result_of(text, parsed)

    def close(self) -> None:
        self._loop.close()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Classify tenant messages, one per line on stdin.")
    parser.add_argument("--model", type=Path, help="a trained model (.tar.gz); default: newest in models/")
    args = parser.parse_args(argv)
    try:
        model = args.model or latest_model(REPO_ROOT / "models")
    except NoModel as error:
        print(error, file=sys.stderr)
        return 2
    classifier = Classifier(model)
    # Bytes that are not UTF-8 become U+FFFD rather than stopping the run half way.
    sys.stdin.reconfigure(errors="replace")
    lines = (line.rstrip("\r\n") for line in sys.stdin)
    try:
        for record in classifier.classify(lines):
            print(json.dumps(record, ensure_ascii=False), flush=True)
    finally:
        classifier.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
