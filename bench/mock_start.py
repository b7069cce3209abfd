"""How long the mock takes to be ready: in the test process, and as `python -m ringcentral_mock`.

The tests start a `MockServer` once per session (or xdist worker), with FastAPI already imported by
the conftest; `make mock` starts cold, paying the imports too.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from ringcentral_mock.server import MockServer

from .stats import median


def in_process(repetitions: int) -> float:
    """Median seconds from `MockServer()` to serving (the imports are already done)."""
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        server = MockServer().start()
        times.append(time.perf_counter() - started)
        server.stop()
    return median(times)


def cold(repetitions: int) -> float:
    """Median seconds from launching `python -m ringcentral_mock --port 0` to its first health answer."""
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        with standalone() as url:
            _wait_until_serving(url)
            times.append(time.perf_counter() - started)
    return median(times)


@contextmanager
def standalone() -> Iterator[str]:
    """`python -m ringcentral_mock --port 0` (what `make mock` runs) in a process of its own; yields its URL."""
    proc = subprocess.Popen([sys.executable, "-m", "ringcentral_mock", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip().removeprefix("RC_SERVER_URL=")  # printed once the port is bound
        if not url:
            raise RuntimeError(f"python -m ringcentral_mock exited with {proc.wait(5)}")
        # Its access log goes on to stdout: drain it, or a full pipe would stall the server.
        threading.Thread(target=proc.stdout.read, daemon=True).start()
        yield url
    finally:
        proc.terminate()
        proc.wait(5)


def _wait_until_serving(url: str) -> None:
    # It listens before it prints its URL, so this request waits in the queue until the app serves it.
    httpx.get(f"{url}/__mock/health", timeout=10).raise_for_status()
