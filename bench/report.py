"""What the benchmark prints on stdout: the tables people read, then, as the last line, one
JSON object with the headline figures, which scripts read (its keys are described in
bench/README.md and quoted there; they change only with the README)."""

from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence

from bench.deployments import DEPLOYMENTS, TITLES
from bench.driving import FULL_DURATIONS, LEVELS, LONG_COMPARED, QUICK_DURATIONS, LevelResult

Results = Dict[str, List[LevelResult]]


def fmt(value: Optional[float], digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_long_line(long_line: Dict[str, Dict[str, float]]) -> None:
    if not long_line:
        return
    print(f"\nLong conversations (ours, single, one at a time; p50 of the first and last {LONG_COMPARED} messages):")
    for turns, figures in long_line.items():
        first, last = figures["first_p50_ms"], figures["last_p50_ms"]
        print(f"  {turns:>4} messages: first {first:.0f} ms, last {last:.0f} ms ({last / first:.2f} times)")


def print_tables(results: Results, failed: Dict[str, str]) -> None:
    header = (
        "deployment",
        "conc",
        "convs",
        "cut",
        "msgs",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "msg/s",
        "errors",
        "peak RSS MB",
        "server CPU",
        "client CPU",
        "other CPU",
    )
    rows = []
    for key in DEPLOYMENTS:
        for r in results.get(key, []):
            rows.append(
                (
                    TITLES[key],
                    str(r.concurrency),
                    str(r.completed),
                    str(r.cut),
                    str(r.messages),
                    fmt(r.percentile_ms(50)),
                    fmt(r.percentile_ms(95)),
                    fmt(r.percentile_ms(99)),
                    fmt(r.msgs_per_s, 1),
                    str(r.errors),
                    fmt(sum(r.peak_rss_mb.values())),
                    fmt(sum(v for k, v in r.cpu_cores.items() if k != "client"), 2),
                    fmt(r.cpu_cores.get("client"), 2),
                    fmt(r.other_cores, 2),
                )
            )
    print_table(header, rows)
    print(
        "(latency per message, successful ones only; CPU in cores used, of 2: 'other' is everything "
        "else on the machine meanwhile)"
    )

    print("\nPeak RSS (MB) and CPU (cores) of each process, with its children, per concurrency level:")
    header = ("deployment", "process") + tuple(f"c={c} RSS / CPU" for c in LEVELS)
    rows = []
    for key in DEPLOYMENTS:
        levels = results.get(key, [])
        names = list(levels[0].peak_rss_mb) + ["client"] if levels else []
        for name in names:
            cells = []
            for r in levels:
                rss = r.peak_rss_mb.get(name)
                cells.append(
                    f"{fmt(rss)} / {fmt(r.cpu_cores.get(name), 2)}"
                    if name != "client"
                    else f"- / {fmt(r.cpu_cores.get(name), 2)}"
                )
            rows.append((TITLES[key], name if name != "client" else "client (this script)", *cells))
    print_table(header, rows)

    errors = [
        (TITLES[k], r.concurrency, reason, n)
        for k in DEPLOYMENTS
        for r in results.get(k, [])
        for reason, n in r.failures.items()
    ]
    if errors:
        print("\nFailed conversations:")
        for title, concurrency, reason, n in errors:
            print(f"  {title}, {concurrency} concurrent: {n} x {reason}")
    notes = [(TITLES[k], r.concurrency, note) for k in DEPLOYMENTS for r in results.get(k, []) for note in r.notes]
    rephrased = sum(r.rephrased for levels in results.values() for r in levels)
    if notes or rephrased:
        print("\nNotes:")
        for title, concurrency, note in notes:
            print(f"  {title}, {concurrency} concurrent: {note}")
        if rephrased:
            print(f"  {rephrased} conversation(s) needed the tenant to rephrase a message the bot did not understand")
    for key, why in failed.items():
        print(f"\n{TITLES[key]}: not measured: {why}")


def print_table(header: Sequence[str], rows: List[Sequence[str]]) -> None:
    widths = (
        [max(len(str(cell)) for cell in column) for column in zip(header, *rows)] if rows else [len(h) for h in header]
    )
    line = "  ".join(f"{{:{'<' if i < 2 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def headline(results: Results, failed: Dict[str, str], seconds: float, quick: bool) -> Dict[str, object]:
    def at(key: str, concurrency: int) -> Optional[LevelResult]:
        return next((r for r in results.get(key, []) if r.concurrency == concurrency), None)

    def figure(key: str, concurrency: int, name: str) -> Optional[float]:
        r = at(key, concurrency)
        if r is None:
            return None
        return r.summary()[name]  # type: ignore[return-value]

    out: Dict[str, object] = {}
    for prefix, key in (("", "single"), ("baseline_", "stock"), ("scaled_", "scaled")):
        for c in (10, 50, 1):
            suffix = "" if c == 10 else f"_at_{c}"
            for name in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s", "errors"):
                out[f"{prefix}{name}{suffix}"] = figure(key, c, name)
        out[f"{prefix}peak_rss_mb"] = max((r.summary()["peak_rss_mb"] for r in results.get(key, [])), default=None)
    out["levels"] = {key: {str(r.concurrency): r.summary() for r in results.get(key, [])} for key in DEPLOYMENTS}
    out["not_measured"] = failed
    out["durations_s"] = {str(c): d for c, d in (QUICK_DURATIONS if quick else FULL_DURATIONS).items()}
    out["quick"] = quick
    out["run_seconds"] = round(seconds)
    out["cpus"] = os.cpu_count()
    return out
