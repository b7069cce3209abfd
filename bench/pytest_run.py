"""Run the harness's sample tests (tests/test_samples.py) under pytest and time them."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# As `make verify` runs them (the Makefile's VERIFY_PLUGINS): without the property-based plugins it never uses.
VERIFY_PLUGINS = ("-p", "no:schemathesis", "-p", "no:hypothesispytest")


@dataclass
class SuiteRun:
    wall: float  # seconds, pytest start to exit
    tests: list[float]  # each test's seconds (setup, call and teardown), as pytest's JUnit report gives them


def run_samples(root: Path, workers: str | None = None, coverage: bool = False) -> SuiteRun:
    """pytest on root's tests/test_samples.py, serially or with `-n workers`, measuring the samples' line
    coverage or not (as make test does, and make verify does not); a failing test is an error."""
    with tempfile.TemporaryDirectory() as scratch:
        junit = Path(scratch) / "junit.xml"
        command = [sys.executable, "-m", "pytest", "tests/test_samples.py", "-q", "-p", "no:cacheprovider",
                   *VERIFY_PLUGINS, f"--junitxml={junit}", *(["-n", workers] if workers else []),
                   *([f"--sample-coverage={Path(scratch) / 'coverage'}"] if coverage else [])]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False,
                              env=os.environ | {"GUIDE_ROOT": str(root)})
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[2:])} failed in {root}:\n{done.stdout[-3000:]}")
        tests = [float(case.get("time", 0)) for case in ET.parse(junit).iter("testcase")]
    return SuiteRun(wall, tests)
