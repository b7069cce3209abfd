"""How long the mock takes to be ready: in the test process, and as `python -m ringcentral_mock`.

The tests start a `MockServer` once per session (or xdist worker), with FastAPI already imported by
the conftest; `make mock` starts cold, paying the imports too.
"""

from __future__ import annotations

import subprocess
import sys
import time

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
    return median([_cold_once() for _ in range(repetitions)])


def _cold_once() -> float:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ringcentral_mock", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip().removeprefix("RC_SERVER_URL=")  # printed once the port is bound
        while True:
            try:
                httpx.get(f"{url}/__mock/health", timeout=1).raise_for_status()
                return time.perf_counter() - started
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise RuntimeError(f"python -m ringcentral_mock exited with {proc.returncode}") from None
                time.sleep(0.002)  # polling a server that is still starting; not a test
    finally:
        proc.terminate()
        proc.wait(5)
