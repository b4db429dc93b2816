"""Timing helpers: each figure is a median of several runs, with its spread."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    median: float  # in the unit below
    spread: str  # e.g. "±3 ms (min 10, max 16)"
    unit: str
    target: str = ""
    met: bool | None = None


def timed(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> list[float]:
    """Seconds per call of `fn`, after `warmup` calls that are not counted."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def figure(name: str, seconds: list[float], unit: str = "ms", target: float | None = None,
           target_text: str = "") -> Figure:
    scale = {"ms": 1000.0, "s": 1.0}[unit]
    values = [s * scale for s in seconds]
    med = statistics.median(values)
    spread = f"min {min(values):.1f}, max {max(values):.1f}, n={len(values)}"
    met = None if target is None else med <= target
    text = target_text or (f"≤ {target:g} {unit}" if target is not None else "")
    return Figure(name, med, spread, unit, text, met)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
