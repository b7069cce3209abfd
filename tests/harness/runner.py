"""Run one sample as a reader would, in its own process group, and capture what it did."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import NODE_MODULES

INTERPRETERS = {"python": [sys.executable], "javascript": ["node"]}
# Only what a process needs to start; the reader's own RC_* settings never leak into a test run.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


@dataclass
class Run:
    returncode: int | None  # None when the harness killed it at its deadline
    stdout: str
    stderr: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def sample_env(settings: dict[str, str]) -> dict[str, str]:
    """A fresh environment: the basics of this machine plus the sample's settings."""
    env = {k: os.environ[k] for k in INHERITED if k in os.environ}
    env["NODE_PATH"] = str(NODE_MODULES)  # lets a copy of a sample outside the repo find the SDK
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env | settings


def run_sample(language: str, path: Path, env: dict[str, str], timeout: float) -> Run:
    """Run the file; at the deadline kill its whole process group, so nothing outlives the test."""
    started = time.perf_counter()
    proc = subprocess.Popen([*INTERPRETERS[language], str(path)], cwd=path.parent, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        code = None
    return Run(code, stdout, stderr, time.perf_counter() - started)
