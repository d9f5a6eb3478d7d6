"""The NLU benchmark: our pipeline, a stock Rasa pipeline and the sentence encoder alone, on
messages none of them was trained on.

    make bench-nlu                                   # every set in tests/nlu
    NLU_SECOND_SET=/path/to/second.yml make bench-nlu   # and a set kept outside the repository

The sets: `dev.yml` (what the rules and data were tuned on), `heldout.yml`, `dev_december.yml`
and `dev_tenth.yml` (in view while they were tuned, so development sets too) and `blind.yml` (written by someone who never saw our
data, rules or tests; frozen, never tuned on). For the blind sets only figures are printed,
never the messages missed, so that reading the benchmark cannot become tuning on them.

Each is scored on the landlord's questions: is the category right, is every same-day repair
caught, is every high-risk ASB report caught, is every person in danger recognised; and how
often a safety rule fires on an ordinary repair (a false alarm).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml
from bot.settings import REPO_ROOT, setting

NLU_SETS = REPO_ROOT / "tests" / "nlu"
HELDOUT = NLU_SETS / "heldout.yml"
DEV = NLU_SETS / "dev.yml"
# Blind once, read since: see its header.
DEV_DECEMBER = NLU_SETS / "dev_december.yml"
# Written to the landlord's definitions, read while the encoder was fine-tuned: see its header.
DEV_TENTH = NLU_SETS / "dev_tenth.yml"
# Repairs only, written to the charter and read while rules were written: see its header.
DEV_TWELFTH = NLU_SETS / "dev_twelfth.yml"
# Safety messages and their near misses, read while rules were written: see its header.
DEV_THIRTEENTH = NLU_SETS / "dev_thirteenth.yml"
# A day's mix of messages to the charter's definitions, read while rules were written: see its header.
DEV_FOURTEENTH = NLU_SETS / "dev_fourteenth.yml"
# Blind for its day's before and after, read since: see its header.
DEV_TWENTIETH = NLU_SETS / "dev_twentieth.yml"
# Hard messages (indirect dangers, near misses), read while rules were written: see its header.
DEV_TWENTYFIRST = NLU_SETS / "dev_twentyfirst.yml"
# Hard messages, many in other languages, read while rules were written: see its header.
DEV_TWENTYTHIRD = NLU_SETS / "dev_twentythird.yml"
# Hard messages (same-day told by effects, high-risk ASB told by deeds, dangers told indirectly, more
# languages), read while rules were written: see its header.
DEV_TWENTYFIFTH = NLU_SETS / "dev_twentyfifth.yml"
# Hard messages of every kind, read while rules were written: see its header.
DEV_TWENTYSEVENTH = NLU_SETS / "dev_twentyseventh.yml"
BLIND = NLU_SETS / "blind.yml"
# Blind too, written on 6 December 2026; scored twice that day, figures only.
BLIND_ELEVENTH = NLU_SETS / "blind_eleventh.yml"
SECOND_SET_VARIABLE = "NLU_SECOND_SET"
CATEGORIES = ("repair", "asb", "complaint", "enquiry", "other")
SAME_DAY = ("emergency", "urgent")


def load_heldout(path: Path = HELDOUT) -> List[Dict[str, Optional[str]]]:
    return yaml.safe_load(path.read_text())


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


# The figures a pipeline is judged by, in the order they are printed; the held-out test sets a
# floor for each (tests/nlu/test_heldout.py).
HEADLINE_FIGURES = (
    "category_accuracy",
    "category_macro_f1",
    "same_day_recall",
    "same_day_precision",
    "asb_high_recall",
    "safety_recall",
)


@dataclass(frozen=True)
class Scores:
    messages: int
    category_accuracy: float
    category_macro_f1: float
    same_day_recall: float
    same_day_precision: float
    asb_high_recall: float
    safety_recall: float
    confusion: Dict[str, Counter]
    # Never in the repr: a failing test prints its arguments, and a blind set's misses must not
    # be read (6 December 2026: a floor test's failure showed two of them in the CI log).
    missed_same_day: List[str] = field(repr=False)
    missed_asb_high: List[str] = field(repr=False)
    missed_safety: List[str] = field(repr=False)

    def headline(self) -> Dict[str, float]:
        return {figure: round(getattr(self, figure), 3) for figure in HEADLINE_FIGURES}


def _number_given(want: Dict, got: Dict) -> bool:
    """Whether the first reply gives the number a safety message needs: it gives one for every
    signal found ("he's locked me in" gets 999 and the domestic abuse helpline), so the labelled
    signal need only be among them, not first."""
    return want["safety"] in (got.get("all_safety") or [got.get("safety")])


def score(expected: Sequence[Dict], predicted: Sequence[Dict]) -> Scores:
    """Score predictions against labels, pair by pair."""
    assert len(expected) == len(predicted), "one prediction per held-out message"
    pairs = list(zip(expected, predicted))
    confusion: Dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    for want, got in pairs:
        confusion[want["category"]][got["category"]] += 1
    f1s = []
    for category in CATEGORIES:
        true_positive = confusion[category][category]
        predicted_as = sum(confusion[c][category] for c in CATEGORIES)
        actual = sum(confusion[category].values())
        precision, recall = _ratio(true_positive, predicted_as), _ratio(true_positive, actual)
        f1s.append(0.0 if not true_positive else 2 * precision * recall / (precision + recall))
    same_day_labelled = [(w, g) for w, g in pairs if w.get("priority") in SAME_DAY]
    same_day_predicted = [(w, g) for w, g in pairs if g.get("priority") in SAME_DAY]
    high_labelled = [(w, g) for w, g in pairs if w.get("asb_risk") == "high"]
    safety_labelled = [(w, g) for w, g in pairs if w.get("safety")]
    return Scores(
        messages=len(pairs),
        category_accuracy=_ratio(sum(w["category"] == g["category"] for w, g in pairs), len(pairs)),
        category_macro_f1=sum(f1s) / len(f1s),
        same_day_recall=_ratio(
            sum(g.get("priority") in SAME_DAY for _, g in same_day_labelled), len(same_day_labelled)
        ),
        same_day_precision=_ratio(
            sum(w.get("priority") in SAME_DAY for w, _ in same_day_predicted), len(same_day_predicted)
        ),
        asb_high_recall=_ratio(sum(g.get("asb_risk") == "high" for _, g in high_labelled), len(high_labelled)),
        safety_recall=_ratio(sum(_number_given(w, g) for w, g in safety_labelled), len(safety_labelled)),
        confusion=confusion,
        missed_same_day=[w["text"] for w, g in same_day_labelled if g.get("priority") not in SAME_DAY],
        missed_asb_high=[w["text"] for w, g in high_labelled if g.get("asb_risk") != "high"],
        missed_safety=[w["text"] for w, g in safety_labelled if not _number_given(w, g)],
    )


def render(named: Dict[str, Scores], show_misses: bool = True) -> str:
    """The side-by-side table and a confusion table per pipeline, as plain text; the messages
    missed only when `show_misses` (never for a blind set)."""
    names = list(named)
    width = max(len(figure) for figure in HEADLINE_FIGURES) + 2
    lines = ["metric".ljust(width) + "".join(n.rjust(12) for n in names)]
    for figure in HEADLINE_FIGURES:
        lines.append(figure.ljust(width) + "".join(f"{getattr(named[n], figure):12.3f}" for n in names))
    lines.append("messages".ljust(width) + "".join(f"{named[n].messages:12d}" for n in names))
    for name, scores in named.items():
        lines += [
            "",
            f"Confusion ({name}): rows are the labels, columns the predictions",
            "".ljust(11) + "".join(c.rjust(11) for c in CATEGORIES),
        ]
        for category in CATEGORIES:
            lines.append(category.ljust(11) + "".join(str(scores.confusion[category][c]).rjust(11) for c in CATEGORIES))
        for label, missed in (
            ("same-day repairs missed", scores.missed_same_day),
            ("high-risk ASB missed", scores.missed_asb_high),
            ("safety signals missed", scores.missed_safety),
        ):
            if missed:
                lines.append(
                    f"{label}: " + (" | ".join(missed) if show_misses else f"{len(missed)} (not shown: a blind set)")
                )
    return "\n".join(lines)


def classify_with(model: Path, texts: List[str]) -> List[Dict]:
    from tools.classify import Classifier

    classifier = Classifier(model)
    try:
        return list(classifier.classify(texts))
    finally:
        classifier.close()


BENCH_DIR = REPO_ROOT / "var" / "bench"
RASA = str(Path(sys.executable).parent / "rasa")


def stock_config() -> Path:
    """The config `rasa init` writes, read from the installed Rasa so it is the real default."""
    import rasa

    return Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml"


def train_stock_model() -> Path:
    """Train the stock NLU pipeline on our training data (Rasa skips it when nothing changed)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            RASA,
            "train",
            "nlu",
            "--config",
            str(stock_config()),
            "--nlu",
            "data/nlu",
            "--out",
            str(BENCH_DIR),
            "--fixed-model-name",
            "stock",
        ],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return BENCH_DIR / "stock.tar.gz"


def cross_validate(folds: int) -> Dict[str, float]:
    """`rasa test nlu --cross-validation` on our pipeline; returns the intent report's averages."""
    out = BENCH_DIR / "cross-validation"
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--config",
            "config.yml",
            "--cross-validation",
            "--runs",
            "1",
            "--folds",
            str(folds),
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text())
    return {
        "intent_accuracy": round(report["accuracy"], 3),
        "intent_macro_f1": round(report["macro avg"]["f1-score"], 3),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 3),
    }


def training_examples() -> List[Tuple[str, str]]:
    """(text, intent) for every example in data/nlu."""
    pairs = []
    for path in sorted((REPO_ROOT / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" in block:
                pairs += [
                    (line.strip()[2:], block["intent"])
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                ]
    return pairs


class EncoderAlone:
    """The sentence encoder and a logistic regression on data/nlu: no DIET, no rules, no fallback.
    What the pretrained encoder buys on its own."""

    def __init__(self) -> None:
        from sklearn.linear_model import LogisticRegression

        from bot.rasa.encoder import shared_encoder

        self.encoder = shared_encoder()
        texts, intents = zip(*training_examples())
        self.model = LogisticRegression(C=30, max_iter=3000).fit(self.encoder.sentences(list(texts)), intents)

    def classify(self, texts: List[str]) -> List[Dict]:
        from bot.taxonomy import meaning_of

        predicted = []
        for intent in self.model.predict(self.encoder.sentences(texts)):
            meaning = meaning_of(intent)
            predicted.append(
                {
                    "category": meaning.category.value,
                    "priority": meaning.priority.value if meaning.priority else None,
                    "asb_risk": "high"
                    if meaning.asb_risk and meaning.asb_risk.value == "high"
                    else ("low" if meaning.asb_risk else None),
                    "safety": None,
                }
            )
        return predicted

    def milliseconds_per_message(self, texts: List[str], count: int = 100) -> float:
        """One message at a time, as the live bot encodes them."""
        import time

        sample = (texts * (count // max(1, len(texts)) + 1))[:count]
        self.encoder.sentences(sample[:5])  # compiled and warm
        started = time.perf_counter()
        for text in sample:
            self.encoder.sentences([text])
        return (time.perf_counter() - started) * 1000 / len(sample)


def false_alarm_rate(labelled: Sequence[Dict]) -> Tuple[int, int]:
    """(ordinary repairs on which a safety rule fired, ordinary repairs): a repair with no
    safety label should raise no safety alarm."""
    from bot.rules import Finding, shared_rules

    safety = {Finding.GAS, Finding.FIRE, Finding.DANGER_TO_LIFE, Finding.DOMESTIC_ABUSE, Finding.SELF_HARM}
    ordinary = [item["text"] for item in labelled if item["category"] == "repair" and not item.get("safety")]
    return sum(bool(shared_rules().find(text) & safety) for text in ordinary), len(ordinary)


def sets_to_score() -> Dict[str, Tuple[Path, bool]]:
    """name: (path, blind?) for every set there is."""
    sets = {
        "dev": (DEV, False),
        "dev_december": (DEV_DECEMBER, False),
        "dev_tenth": (DEV_TENTH, False),
        "dev_twelfth": (DEV_TWELFTH, False),
        "dev_thirteenth": (DEV_THIRTEENTH, False),
        "dev_fourteenth": (DEV_FOURTEENTH, False),
        "dev_twentieth": (DEV_TWENTIETH, False),
        "dev_twentyfirst": (DEV_TWENTYFIRST, False),
        "dev_twentythird": (DEV_TWENTYTHIRD, False),
        "dev_twentyfifth": (DEV_TWENTYFIFTH, False),
        "dev_twentyseventh": (DEV_TWENTYSEVENTH, False),
        "heldout": (HELDOUT, False),
        "blind": (BLIND, True),
        "blind_eleventh": (BLIND_ELEVENTH, True),
    }
    second = setting(SECOND_SET_VARIABLE)
    if second:
        sets["second (outside the repo)"] = (Path(second), True)
    return sets


def main(argv: Optional[List[str]] = None) -> int:
    from tools.classify import latest_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0 skips it")
    args = parser.parse_args(argv)
    print(f"Training the stock pipeline ({stock_config()}) on data/nlu, unless unchanged...", flush=True)
    stock = train_stock_model()
    ours = latest_model(REPO_ROOT / "models")
    print("Training the encoder-alone baseline (logistic regression on the sentence vectors)...", flush=True)
    alone = EncoderAlone()
    summary: Dict[str, object] = {}
    for name, (path, blind) in sets_to_score().items():
        labelled = load_heldout(path)
        texts = [item["text"] for item in labelled]
        named = {
            "ours": score(labelled, classify_with(ours, texts)),
            "stock": score(labelled, classify_with(stock, texts)),
            "encoder": score(labelled, alone.classify(texts)),
        }
        alarms, ordinary = false_alarm_rate(labelled)
        print(
            f"\n== {name}: {path.name}, {len(labelled)} messages never trained on"
            f"{' (blind: figures only)' if blind else ''}\n"
        )
        print(render(named, show_misses=not blind))
        print(f"safety rules firing on an ordinary repair: {alarms} of {ordinary}")
        summary[name] = {
            **{pipeline: scores.headline() for pipeline, scores in named.items()},
            "rules_false_alarms": f"{alarms}/{ordinary}",
        }
    summary["encoder_ms_per_message"] = round(
        alone.milliseconds_per_message([text for text, _ in training_examples()[:200]]), 1
    )
    print(f"\nThe encoder: {summary['encoder_ms_per_message']} ms a message, one at a time, on this machine.")
    if args.folds:
        print(f"\nCross-validation of our pipeline, {args.folds} folds, on the training data...", flush=True)
        summary["ours_cross_validation"] = cross_validate(args.folds)
        print(json.dumps(summary["ours_cross_validation"]))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
