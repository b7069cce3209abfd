"""Keep a live run inside the platform's Auth rate-limit group: at most 5 logins in a 60 s window.

Each sample run is a subprocess that logs in once, so the pacing happens between runs: before a run
the pacer waits until the sliding window has room for the logins that run makes. It starts from
the documented limits and corrects them from the `X-Rate-Limit-*` headers of the responses the
harness itself sees, and after a 429 it waits `Retry-After` (or the documented 60 s penalty).
The clock and the sleep are injected, so its tests run on a fake clock and never sleep.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping

AUTH_LIMIT = 5  # logins per window, the platform's documented default for the Auth group
AUTH_WINDOW = 60.0  # seconds
PENALTY = 60.0  # seconds blocked after a 429 that names no Retry-After


class Pacer:
    def __init__(self, limit: int = AUTH_LIMIT, window: float = AUTH_WINDOW,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.sleep = sleep
        self.logins: deque[float] = deque()  # when each login still inside the window happened
        self.blocked_until = 0.0

    def delay(self, logins: int = 1) -> float:
        """Seconds to wait before `logins` more logins fit (0 when they fit now)."""
        now = self.clock()
        self._forget(now)
        wait = max(0.0, self.blocked_until - now)
        over = len(self.logins) + logins - self.limit
        if over > 0:
            # The window has room once the `over` oldest logins have left it.
            wait = max(wait, self.logins[min(over, len(self.logins)) - 1] + self.window - now)
        return wait

    def wait(self, logins: int = 1) -> float:
        """Sleep until `logins` more logins fit, then count them as made now; returns the seconds slept."""
        waited = self.delay(logins)
        if waited:
            self.sleep(waited)
        self.logins.extend([self.clock()] * logins)
        return waited

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from a response (header names in lower case, or a case-insensitive mapping): a 429's
        Retry-After, and from the Auth group's headers the window's real size and use."""
        now = self.clock()
        if status == 429:
            self.blocked_until = max(self.blocked_until, now + _seconds(headers.get("retry-after"), PENALTY))
        if headers.get("x-rate-limit-group", "auth").lower() != "auth":
            return  # another group's budget says nothing about logins
        limit = _seconds(headers.get("x-rate-limit-limit"), None)
        window = _seconds(headers.get("x-rate-limit-window"), None)
        remaining = _seconds(headers.get("x-rate-limit-remaining"), None)
        if limit is not None:
            self.limit = int(limit)
        if window is not None:
            self.window = window
        if remaining is not None:
            # Logins we did not see (another run, a person) count from now: the cautious guess.
            self._forget(now)
            while len(self.logins) < self.limit - remaining:
                self.logins.append(now)

    def penalise(self) -> None:
        """A run was refused with 429 but its Retry-After is not visible here: wait the documented penalty."""
        self.blocked_until = max(self.blocked_until, self.clock() + PENALTY)

    def _forget(self, now: float) -> None:
        while self.logins and self.logins[0] + self.window <= now:
            self.logins.popleft()


def _seconds(value: str | None, default: float | None) -> float | None:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
