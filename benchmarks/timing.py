"""What the warm-timing benchmarks share: run a function warm many times, and report its figure in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``, after one warm-up call (modules imported, caches filled)."""
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def figure(samples: list[float], target: float | None) -> dict[str, float | str | None]:
    """Median and worst of ``samples`` (ms) against ``target`` (``None``: shown for comparison only)."""
    return {"median": round(statistics.median(samples), 2), "worst": round(max(samples), 2), "target": target,
            "unit": "ms"}
