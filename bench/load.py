"""The load benchmark: `make bench` (issue 7).

Drives whole conversations through Rasa's REST channel at 1, 10 and 50 concurrent
conversations against three deployments, one after another, on this machine:

- single: our assistant as `make run` starts it (one Rasa server, one action server, SQLite);
- scaled: as `make run-scaled` starts it (two of each behind nginx, PostgreSQL and Redis), in a
  fresh PostgreSQL schema that is dropped afterwards;
- stock: the moodbot `rasa init` creates (it trains its own small model in a temporary
  directory), served by `rasa run` with its REST channel, as the baseline.

Each simulated tenant reads every reply and answers the question in it, as a person would,
until the bot gives a case reference. Prints a table of per-message latency, throughput, errors
and peak memory per process, then, as the last line, one JSON object with the headline figures.

    python -m bench.load            # the full run, about 12 minutes on 2 cores
    python -m bench.load --quick    # a few seconds per level, to check it works (or BENCH_QUICK=1)

This module is the command line and the order of the run; the parts are, by concern:
bench/conversations.py (what the simulated people say), bench/driving.py (sending, latency,
the levels, the long conversations), bench/sampling.py (memory and CPU from /proc),
bench/deployments.py (starting and stopping each deployment) and bench/report.py (the tables
and the JSON line). See bench/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Dict, List, Optional

from bench.conversations import MoodChat, PersonMaker, RepairReport
from bench.deployments import (
    DEPLOYMENTS,
    STORE_VARIABLES,
    TITLES,
    StockBot,
    drop_scaled,
    start_scaled,
    start_single,
    start_stock,
)
from bench.driving import (
    FULL_DURATIONS,
    LONG_TURNS,
    QUICK_DURATIONS,
    QUICK_LONG_TURNS,
    LevelResult,
    long_conversation_line,
    run_deployment,
)
from bench.progress import log
from bench.report import headline, print_long_line, print_tables
from bot.settings import setting
from tools.launcher import REPO_ROOT


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark: ours (single, scaled) against a stock Rasa bot.")
    parser.add_argument(
        "--quick",
        action="store_true",
        default=setting("BENCH_QUICK") == "1",
        help="a few seconds per level, to check the benchmark works (also BENCH_QUICK=1)",
    )
    parser.add_argument(
        "--only",
        default=",".join(DEPLOYMENTS),
        help=f"deployments to measure, comma-separated, of {', '.join(DEPLOYMENTS)}",
    )
    parser.add_argument(
        "--stock-dir",
        type=Path,
        help="reuse this `rasa init` project (trained there on first use) instead of a fresh one",
    )
    parser.add_argument("--keep", action="store_true", help="keep the working directory (logs, SQLite files)")
    args = parser.parse_args(argv)
    chosen = [d.strip() for d in args.only.split(",") if d.strip()]
    unknown = set(chosen) - set(DEPLOYMENTS)
    if unknown:
        parser.error(f"unknown deployment(s): {', '.join(sorted(unknown))}")
    if "single" in chosen or "scaled" in chosen:
        if not any((REPO_ROOT / "models").glob("*.tar.gz")):
            print("No trained model in models/. Run `make` first.", file=sys.stderr)
            return 1
    durations = QUICK_DURATIONS if args.quick else FULL_DURATIONS
    for name in STORE_VARIABLES:  # each deployment gets exactly the stores it is meant to use
        os.environ.pop(name, None)
    signal.signal(signal.SIGTERM, _interrupt)

    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    stock_project = args.stock_dir.resolve() if args.stock_dir else work / "stock" / "project"
    log(f"working directory {work}" + (" (kept)" if args.keep else " (removed at the end unless something fails)"))
    results: Dict[str, List[LevelResult]] = {}
    long_line: Dict[str, Dict[str, float]] = {}
    failed: Dict[str, str] = {}
    training: Optional[subprocess.Popen] = None
    trained: Optional[int] = None  # `rasa init`'s exit code once it has ended

    def finish_training() -> None:
        nonlocal training, trained
        if training is not None:
            log("waiting for the stock model's training to finish")
            trained = training.wait(timeout=900)
            training = None

    try:
        if "stock" in chosen:
            # Trains while our single instance loads its model; it ends before anything is measured.
            training = StockBot.init(stock_project, work / "stock" / "logs")
            if training:
                log(f"training the stock moodbot (`rasa init`) in {stock_project}")
        for key in chosen:
            try:
                if key == "stock":
                    finish_training()
                    if trained:
                        raise RuntimeError(f"`rasa init` failed with code {trained}; see {work}/stock/logs")
                    log("starting the stock moodbot")
                    running = start_stock(stock_project, work)
                    make_person: PersonMaker = MoodChat
                elif key == "single":
                    log("starting our single instance (SQLite)")
                    running = start_single(work)
                    make_person = RepairReport
                else:
                    running = start_scaled(work)
                    make_person = RepairReport
                try:
                    finish_training()
                    results[key] = run_deployment(key, running, durations, make_person)
                    if key == "single":
                        log(f"{TITLES[key]}: long conversations, one at a time")
                        long_line.update(
                            long_conversation_line(running.url, QUICK_LONG_TURNS if args.quick else LONG_TURNS)
                        )
                finally:
                    running.stop()
            except (RuntimeError, TimeoutError, OSError, subprocess.SubprocessError) as error:
                failed[key] = str(error)
                log(f"{TITLES[key]}: {error}")
                if setting("BENCH_DEBUG"):
                    traceback.print_exc()
            finally:
                if key == "scaled":
                    drop_scaled()
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if training is not None and training.poll() is None:
            os.killpg(training.pid, signal.SIGTERM)
            training.wait()
        if args.keep or failed or any(r.errors for levels in results.values() for r in levels):
            log(f"logs and state kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    seconds = time.monotonic() - began
    print()
    print_tables(results, failed)
    print_long_line(long_line)
    print(f"\nWhole run: {seconds / 60:.1f} min{' (--quick)' if args.quick else ''}.")
    summary = headline(results, failed, seconds, args.quick)
    summary["long_conversations"] = long_line
    print(json.dumps(summary, separators=(",", ":")), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
