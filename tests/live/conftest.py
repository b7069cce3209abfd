"""A mock run as a separate process, standing in for the platform, and `pytest --live` runs against it."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sample_harness.mock_client import MockClient
from sample_harness.paths import ROOT
from sample_harness.process import sample_env

RECIPIENT = "+16505550142"  # not the example's: a live run refuses .env.example's values


class FakeClock:
    """A clock for the pacer: sleeping moves it on at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@dataclass
class Platform:
    """The mock process: the settings it printed, and its admin API to reset it and read what it got."""

    settings: dict[str, str]
    admin: MockClient


@pytest.fixture(scope="session")
def platform_process() -> Iterator[Platform]:
    proc = subprocess.Popen([sys.executable, "-m", "ringcentral_mock", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # It listens before it prints, so once the five .env lines are out it accepts connections.
        settings = dict(proc.stdout.readline().strip().split("=", 1) for _ in range(5))
        # Its access log goes on to stdout: drain it, or a full pipe would stall the server.
        threading.Thread(target=proc.stdout.read, daemon=True).start()
        admin = MockClient(settings["RC_SERVER_URL"])
        yield Platform(settings | {"SMS_RECIPIENT": RECIPIENT}, admin)
        admin.close()
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def platform(platform_process: Platform) -> Platform:
    platform_process.admin.reset()
    return platform_process


@pytest.fixture
def run_live(tmp_path: Path):
    """`pytest --live` in a subprocess with exactly these settings; no .env unless one is given."""
    def run(settings: dict[str, str], *args: str, env_file: Path | None = None) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pytest", "--live", f"--live-env-file={env_file or tmp_path / 'none'}",
                   "-p", "no:cacheprovider", "-n", "0", "-q", "-rs", *args]
        env = sample_env(settings) | {"REPORTS_DIR": str(tmp_path / "reports")}
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return run
