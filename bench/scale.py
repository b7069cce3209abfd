"""Does the harness stay linear as the guide grows? Time per sample at 20 to 200 copies of one sample."""

from __future__ import annotations

import tempfile
from pathlib import Path

from . import guide_copy
from .pytest_run import run_samples
from .stats import median

SIZES = (20, 50, 100, 200)


def per_sample(sizes: tuple[int, ...] = SIZES, workers: str = "auto") -> dict[int, dict[str, float]]:
    """For each size: the tests run, the median test's milliseconds, and wall milliseconds per test."""
    figures = {}
    for copies in sizes:
        with tempfile.TemporaryDirectory(prefix="guide-") as scratch:
            guide_copy.build(Path(scratch), copies)
            run = run_samples(Path(scratch), workers)
        if len(run.tests) != 2 * copies:
            raise RuntimeError(f"{copies} copies in two languages should make {2 * copies} tests, not {len(run.tests)}")
        figures[copies] = {"tests": len(run.tests), "median_test_ms": round(median(run.tests) * 1000, 1),
                           "wall_per_test_ms": round(run.wall / len(run.tests) * 1000, 1)}
    return figures
