"""Run one sample as a reader would, in its own process group, and capture what it did."""

from __future__ import annotations

import os
import re
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
# The last words of a program that never got going: Python's and Node's for a missing module or bad syntax.
CANNOT_START = re.compile(r"^(?:(?:ModuleNotFoundError|ImportError|SyntaxError|IndentationError|TabError): .*"
                          r"|Error: Cannot find module .*)$", re.MULTILINE)


@dataclass
class Run:
    returncode: int | None  # None when the harness killed it at its deadline
    stdout: str
    stderr: str
    seconds: float
    leftovers: int = 0  # processes of its group still running after it ended (the harness killed them)

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def startup_error(self) -> str | None:
        """Why the program could not start (a missing module, a syntax error); None if it did start.

        Judged from a failed run that printed nothing on stdout and ended on the interpreter's own message.
        """
        if self.returncode in (0, None) or self.stdout.strip():
            return None
        found = CANNOT_START.findall(self.stderr)
        return found[-1] if found else None


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
    return Run(code, stdout, stderr, time.perf_counter() - started, leftovers=end_group(proc.pid))


def end_group(pgid: int, grace: float = 5.0) -> int:
    """Kill what is left of a process group; how many were still running. Returns once they are gone."""
    try:
        os.killpg(pgid, 0)  # one system call answers the usual case, an empty group, without reading /proc
    except ProcessLookupError:
        return 0
    left = len(group_members(pgid))
    if left:
        os.killpg(pgid, signal.SIGKILL)
    deadline = time.monotonic() + grace
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.01)  # SIGKILL is delivered asynchronously; this waits for it, not for the program
    return left


def group_members(pgid: int) -> list[int]:
    """Running processes (zombies excluded) of the group, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in "ZX":
            members.append(int(stat.parent.name))
    return members
