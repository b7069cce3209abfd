"""For the mock's tests that talk to a served mock (the `server` fixture, in conftest.py): a wait for
what it does on its own time (a close, a delivery)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

WAIT = 5  # seconds what the served mock does on its own time may take to show before a test fails


def eventually(check: Callable[[], Any]) -> Any:
    """Poll until `check()` is truthy: what the served mock does on its own time, it does so."""
    deadline = time.monotonic() + WAIT
    while not (result := check()):
        assert time.monotonic() < deadline, "the mock never got there"
        time.sleep(0.01)
    return result
