"""How much `pytest -n auto` (one mock per xdist worker) speeds up the sample tests over one process."""

from __future__ import annotations

from pathlib import Path

from .pytest_run import run_samples
from .stats import median


def coverage_cost(root: Path, repetitions: int) -> dict[str, float]:
    """Median wall seconds of the sample tests (-n auto) without and with the samples' line coverage,
    interleaved, and their ratio: what --sample-coverage adds to make test."""
    plain, measured = [], []
    for _ in range(repetitions):
        plain.append(run_samples(root, "auto"))
        measured.append(run_samples(root, "auto", coverage=True))
    without, with_it = median([r.wall for r in plain]), median([r.wall for r in measured])
    return {"tests": len(plain[0].tests), "without_s": round(without, 2), "with_s": round(with_it, 2),
            "ratio": round(with_it / without, 2)}


def speedup(root: Path, repetitions: int) -> dict[str, float]:
    """Median wall seconds in one process and with -n auto, interleaved, and their ratio."""
    serial, parallel = [], []
    for _ in range(repetitions):
        serial.append(run_samples(root))
        parallel.append(run_samples(root, "auto"))
    one, auto = median([r.wall for r in serial]), median([r.wall for r in parallel])
    return {"tests": len(serial[0].tests), "serial_s": round(one, 2), "parallel_s": round(auto, 2),
            "speedup": round(one / auto, 2)}
