"""Small statistics and a wall-clock timer: the only arithmetic the benchmarks share."""

from __future__ import annotations

import math
import statistics
import subprocess
import time
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(round(fraction * len(ordered), 6)))  # round: 0.99 * 100 is 99.00000000000001
    return ordered[rank - 1]


def time_command(command: Sequence[str], check: bool = True, **kwargs: object) -> float:
    """Seconds one run of `command` takes, start to exit; with `check`, a non-zero exit is an error."""
    started = time.perf_counter()
    subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)
