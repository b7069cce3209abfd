"""`make test SHARD=i/N` (pytest-split on .test_durations): the shards together run the suite exactly once.

A test whose id differed from one process to the next (a set's order, a temporary path in an id)
would make the shards, each collected by its own machine, overlap or miss tests; so each shard is
collected here in its own process, as CI's machines collect them.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from sample_harness.paths import ROOT


def collected(*options: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *options],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"pytest --collect-only {' '.join(options)} failed:\n{done.stdout}{done.stderr}"
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_two_shards_run_every_test_once():
    whole = Counter(collected())
    shards = [collected("--splits", "2", "--group", str(group)) for group in (1, 2)]
    assert all(shards), "a shard is empty: .test_durations or the split is off"
    runs = Counter(test for shard in shards for test in shard)
    assert runs == whole, (f"missed: {sorted((whole - runs).elements())[:5]}, "
                           f"run too often or unknown: {sorted((runs - whole).elements())[:5]}")
