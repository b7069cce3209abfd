"""How much `pytest -n auto` (one mock per xdist worker) speeds up the sample tests over one process."""

from __future__ import annotations

from pathlib import Path

from .pytest_run import run_samples
from .stats import median


def speedup(root: Path, repetitions: int) -> dict[str, float]:
    """Median wall seconds in one process and with -n auto, interleaved, and their ratio."""
    serial, parallel = [], []
    for _ in range(repetitions):
        serial.append(run_samples(root))
        parallel.append(run_samples(root, "auto"))
    one, auto = median([r.wall for r in serial]), median([r.wall for r in parallel])
    return {"tests": len(serial[0].tests), "serial_s": round(one, 2), "parallel_s": round(auto, 2),
            "speedup": round(one / auto, 2)}
