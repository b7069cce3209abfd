"""A sample running as a reader would run it, in its own process group, that a test can drive.

The steps: `start()` it; `expect_line()` waits for a line of its output, each wait with its own
deadline; `send_signal()` sends it a signal (SIGINT, as Ctrl-C does); `stop()` signals it and gives it a
grace period to end; `wait()` lets it run to its end. Whichever way it ends, its whole process group
goes with it, so nothing outlives the test. `run_sample()` is `start()` plus `wait()`, for the
samples that end on their own.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import languages
from .paths import NODE_MODULES

# Only what a process needs to start; the reader's own RC_* settings never leak into a test run.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


@dataclass
class Run:
    returncode: int | None  # None when the harness killed it at its deadline
    stdout: str
    stderr: str
    seconds: float
    leftovers: int = 0  # processes of its group still running after it ended (the harness killed them)
    language: str | None = None  # None: judged by every language's rules
    stopped_by: str | None = None  # the signal the harness stopped it with (SIGINT), if it did

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
        found = [match for language in languages.judged_by(self.language)
                 for match in language.cannot_start.findall(self.stderr)]
        return found[-1] if found else None


_extra: dict[str, str] = {}  # what extra_env() adds for the block it wraps


def sample_env(settings: dict[str, str]) -> dict[str, str]:
    """A fresh environment: the basics of this machine plus the sample's settings."""
    env = {k: os.environ[k] for k in INHERITED if k in os.environ}
    env["NODE_PATH"] = str(NODE_MODULES)  # lets a copy of a sample outside the repo find the SDK
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env | _extra | settings


@contextlib.contextmanager
def extra_env(values: dict[str, str]) -> Iterator[None]:
    """Every sample started in the block also gets these (the harness measuring which lines run)."""
    before = dict(_extra)
    _extra.update(values)
    try:
        yield
    finally:
        _extra.clear()
        _extra.update(before)


class SampleProcess:
    """`with SampleProcess(language, path, env) as sample:` runs the file until the block ends."""

    def __init__(self, language: str, path: Path, env: dict[str, str], cwd: Path | None = None) -> None:
        self.language = language
        self.path = path
        self.env = env
        self.cwd = cwd or path.parent  # where the files it writes land
        self._lines: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self._changed = threading.Condition()
        self._read_to = 0  # stdout lines already matched by expect_line
        self._proc: subprocess.Popen[str] | None = None
        self._readers: list[threading.Thread] = []
        self._started = 0.0
        self._run: Run | None = None
        self._killed = False  # by the deadline of wait()

    def start(self) -> SampleProcess:
        self._started = time.perf_counter()
        self._proc = subprocess.Popen([*languages.BY_NAME[self.language].command, str(self.path)],
                                      cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      start_new_session=True)
        self._readers = [threading.Thread(target=self._read, args=(pipe, name), daemon=True)
                         for pipe, name in ((self._proc.stdout, "stdout"), (self._proc.stderr, "stderr"))]
        for reader in self._readers:
            reader.start()
        return self

    def _read(self, pipe: IO[str], name: str) -> None:
        for line in iter(pipe.readline, ""):
            with self._changed:
                self._lines[name].append(line)
                self._changed.notify_all()
        pipe.close()
        with self._changed:
            self._changed.notify_all()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def expect_line(self, pattern: str | re.Pattern[str], timeout: float) -> str | None:
        """The next stdout line that matches, waiting at most `timeout` seconds for it; None if it
        never came (the deadline passed, or the program ended first). Lines before it are passed over."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                lines = self._lines["stdout"]
                for i in range(self._read_to, len(lines)):
                    if regex.search(lines[i]):
                        self._read_to = i + 1
                        return lines[i].rstrip("\n")
                self._read_to = len(lines)
                left = deadline - time.monotonic()
                if left <= 0 or not any(reader.is_alive() for reader in self._readers):
                    return None
                self._changed.wait(left)

    def next_line(self, timeout: float) -> str | None:
        """The next stdout line not yet passed, waiting at most `timeout` seconds; None if none came."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._read_to >= len(self._lines["stdout"]):
                left = deadline - time.monotonic()
                if left <= 0 or not any(reader.is_alive() for reader in self._readers):
                    return None
                self._changed.wait(left)
            self._read_to += 1
            return self._lines["stdout"][self._read_to - 1].rstrip("\n")

    def send_signal(self, sig: signal.Signals) -> None:
        if self.running:
            self._proc.send_signal(sig)

    def wait(self, timeout: float) -> Run:
        """Let it run to its end; at the deadline kill its whole process group (a run that timed out).

        The wait blocks and a timer kills at the deadline: `Popen.wait(timeout)` would poll with
        sleeps of up to 50 ms, which every run would pay for at its end."""
        deadline = threading.Timer(timeout, self._kill_group)
        deadline.start()
        try:
            code: int | None = self._proc.wait()
        finally:
            deadline.cancel()
        return self._finish(None if self._killed and code == -signal.SIGKILL else code)

    def _kill_group(self) -> None:
        self._killed = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, signal.SIGKILL)

    def stop(self, sig: signal.Signals = signal.SIGINT, grace: float = 5.0) -> Run:
        """Send `sig`, then wait `grace` seconds for it to end before killing its group."""
        self.send_signal(sig)
        return self.wait(grace)

    def _finish(self, code: int | None) -> Run:
        if self._run is None:
            elapsed = time.perf_counter() - self._started
            leftovers = end_group(self._proc.pid)  # before reading on: a leftover may hold the pipes open
            for reader in self._readers:
                reader.join()
            self._run = Run(code, "".join(self._lines["stdout"]), "".join(self._lines["stderr"]), elapsed,
                            leftovers=leftovers, language=self.language)
        return self._run

    def __enter__(self) -> SampleProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        if self._proc is not None and self._run is None:
            if self.running:
                os.killpg(self._proc.pid, signal.SIGKILL)
            self._finish(self._proc.wait())


def run_sample(language: str, path: Path, env: dict[str, str], timeout: float, cwd: Path | None = None) -> Run:
    """Run the file to its end; at the deadline kill its whole process group."""
    with SampleProcess(language, path, env, cwd) as sample:
        return sample.wait(timeout)


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
