"""Progress lines on stderr, for every part of the benchmark: stdout carries only the tables
and the JSON line, which scripts read."""

from __future__ import annotations

import sys
import time


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
