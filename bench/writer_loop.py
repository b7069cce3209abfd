"""The writer's loop: a cold `make verify` on a copy of the guide, then again with nothing changed,
then after an edit to one sample, each timed from pytest's start to the end of the strict build.

The copy is the whole guide (GUIDE_ROOT names it), so editing it touches nothing of the repository's.
The second and third runs must run only what changed: nothing, then the edited sample's cases.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sample_harness import expectations, guide_copy

from .pytest_run import VERIFY_PLUGINS

EDITED = "code-samples/messaging/list-sms-numbers.py"


def _verify(guide: Path) -> tuple[float, int, int]:
    """Seconds, cases run and cases cached of `make verify`'s two steps on the copy."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"GUIDE_ROOT": str(guide),
                                                                 "REPORTS_DIR": str(guide / "reports")}
    started = time.perf_counter()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-n", "auto", *VERIFY_PLUGINS, "--verdict-cache",
                            "-p", "no:cacheprovider", "tests/test_samples.py", "-q"],
                           cwd=guide, capture_output=True, text=True, env=env)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=guide,
                           capture_output=True, text=True, env=env | {"NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    if tests.returncode or build.returncode:
        raise RuntimeError(f"make verify fails on the copy:\n{tests.stdout[-2000:]}{build.stderr[-2000:]}")
    found = re.search(r"^(\d+) cases run, (\d+) cached", tests.stdout, re.MULTILINE)
    return seconds, int(found[1]), int(found[2])


def measure() -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="guide-") as scratch:
        guide = guide_copy.copy(Path(scratch) / "guide")
        runs = {"cold": _verify(guide), "unchanged": _verify(guide)}
        sample = guide / EDITED
        sample.write_text(sample.read_text("utf-8") + "# an edit\n", "utf-8")
        runs["one_sample_edited"] = _verify(guide)
    cold = runs["cold"][0]
    figures = {name: {"s": round(s, 2), "ratio": round(s / cold, 3), "run": run, "cached": cached}
               for name, (s, run, cached) in runs.items()}
    figures["one_sample_edited"]["its_cases"] = len(expectations.cases_for(Path(EDITED).stem, "python"))
    return figures
