"""The NLU benchmark: our pipeline against a stock Rasa pipeline, on messages neither saw.

    make bench-nlu

The held-out set (tests/nlu/heldout.yml) is written apart from the training data and never
trained on. Both models are scored on the landlord's questions: is the category right, is
every same-day repair caught, is every high-risk ASB report caught, is every person in
danger given the right number.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
HELDOUT = REPO_ROOT / "tests" / "nlu" / "heldout.yml"
CATEGORIES = ("repair", "asb", "complaint", "enquiry", "other")
SAME_DAY = ("emergency", "urgent")


def load_heldout(path: Path = HELDOUT) -> List[Dict[str, Optional[str]]]:
    return yaml.safe_load(path.read_text())


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


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
    missed_same_day: List[str]
    missed_asb_high: List[str]
    missed_safety: List[str]

    def headline(self) -> Dict[str, float]:
        return {
            "category_accuracy": round(self.category_accuracy, 3),
            "category_macro_f1": round(self.category_macro_f1, 3),
            "same_day_recall": round(self.same_day_recall, 3),
            "same_day_precision": round(self.same_day_precision, 3),
            "asb_high_recall": round(self.asb_high_recall, 3),
            "safety_recall": round(self.safety_recall, 3),
        }


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
        same_day_recall=_ratio(sum(g.get("priority") in SAME_DAY for _, g in same_day_labelled), len(same_day_labelled)),
        same_day_precision=_ratio(sum(w.get("priority") in SAME_DAY for w, _ in same_day_predicted), len(same_day_predicted)),
        asb_high_recall=_ratio(sum(g.get("asb_risk") == "high" for _, g in high_labelled), len(high_labelled)),
        safety_recall=_ratio(sum(g.get("safety") == w["safety"] for w, g in safety_labelled), len(safety_labelled)),
        confusion=confusion,
        missed_same_day=[w["text"] for w, g in same_day_labelled if g.get("priority") not in SAME_DAY],
        missed_asb_high=[w["text"] for w, g in high_labelled if g.get("asb_risk") != "high"],
        missed_safety=[w["text"] for w, g in safety_labelled if g.get("safety") != w["safety"]],
    )


def render(named: Dict[str, Scores]) -> str:
    """The side-by-side table and a confusion table per pipeline, as plain text."""
    names = list(named)
    rows = ["category_accuracy", "category_macro_f1", "same_day_recall", "same_day_precision",
            "asb_high_recall", "safety_recall"]
    width = max(len(r) for r in rows) + 2
    lines = ["metric".ljust(width) + "".join(n.rjust(12) for n in names)]
    for row in rows:
        lines.append(row.ljust(width) + "".join(f"{getattr(named[n], row):12.3f}" for n in names))
    lines.append("messages".ljust(width) + "".join(f"{named[n].messages:12d}" for n in names))
    for name, scores in named.items():
        lines += ["", f"Confusion ({name}): rows are the labels, columns the predictions",
                  "".ljust(11) + "".join(c.rjust(11) for c in CATEGORIES)]
        for category in CATEGORIES:
            lines.append(category.ljust(11) + "".join(str(scores.confusion[category][c]).rjust(11) for c in CATEGORIES))
        for label, missed in (("same-day repairs missed", scores.missed_same_day),
                              ("high-risk ASB missed", scores.missed_asb_high),
                              ("safety signals missed", scores.missed_safety)):
            if missed:
                lines.append(f"{label}: " + " | ".join(missed))
    return "\n".join(lines)


def classify_with(model: Path, texts: List[str]) -> List[Dict]:
    from bot.classify import Classifier

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
        [RASA, "train", "nlu", "--config", str(stock_config()), "--nlu", "data/nlu",
         "--out", str(BENCH_DIR), "--fixed-model-name", "stock"],
        cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    return BENCH_DIR / "stock.tar.gz"


def cross_validate(folds: int) -> Dict[str, float]:
    """`rasa test nlu --cross-validation` on our pipeline; returns the intent report's averages."""
    out = BENCH_DIR / "cross-validation"
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml", "--cross-validation",
         "--runs", "1", "--folds", str(folds), "--out", str(out)],
        cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text())
    return {
        "intent_accuracy": round(report["accuracy"], 3),
        "intent_macro_f1": round(report["macro avg"]["f1-score"], 3),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 3),
    }


def main(argv: Optional[List[str]] = None) -> int:
    from bot.classify import latest_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0 skips it")
    parser.add_argument("--set", type=Path, default=HELDOUT, help="a labelled set (default: the held-out set)")
    args = parser.parse_args(argv)
    labelled = load_heldout(args.set)
    texts = [item["text"] for item in labelled]
    print(f"Training the stock pipeline ({stock_config()}) on data/nlu, unless unchanged...", flush=True)
    stock = train_stock_model()
    named = {
        "ours": score(labelled, classify_with(latest_model(REPO_ROOT / "models"), texts)),
        "stock": score(labelled, classify_with(stock, texts)),
    }
    print(f"\nOn {args.set.relative_to(REPO_ROOT)} ({len(labelled)} messages never trained on):\n")
    print(render(named))
    summary = {name: scores.headline() for name, scores in named.items()}
    if args.folds:
        print(f"\nCross-validation of our pipeline, {args.folds} folds, on the training data...", flush=True)
        summary["ours_cross_validation"] = cross_validate(args.folds)
        print(json.dumps(summary["ours_cross_validation"]))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
