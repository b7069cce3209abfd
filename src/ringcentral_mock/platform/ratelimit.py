"""The platform's per-user rate limits: a sliding window per (user, group) and a penalty when exceeded.

Groups and numbers come from the scenario's `[rate_limits]` table (the platform's defaults: Light
50, Medium 40, Heavy 10, Auth 5 requests a 60 s window, 60 s penalty). Time is the mock's clock,
so a test moves it instead of sleeping. The X-Rate-Limit-* headers reach responses through
`routes.deps`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from .. import errors
from ..errors import PlatformError
from .clock import Clock

GROUPS = ("light", "medium", "heavy", "auth")


class RateLimiter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.window = 0.0
        self.penalty = 0.0
        self.limits: dict[str, int] = {}
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._penalty_ends: dict[tuple[str, str], float] = {}

    def reset(self, settings: dict[str, Any]) -> None:
        """The scenario's `[rate_limits]`, every counter and penalty started again."""
        self.window = settings["window"]
        self.penalty = settings["penalty"]
        self.limits = {group: settings[group] for group in GROUPS}
        self._hits.clear()
        self._penalty_ends.clear()

    def hit(self, user: str, group: str) -> dict[str, str]:
        """Count one request; the X-Rate-Limit-* headers for it, or a 429 CMN-301 carrying them."""
        group = group.lower()
        limit, key, now = self.limits[group], (user, group), self.clock.now()
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        # Over the limit, or still in a penalty: each request made during a penalty restarts it.
        if len(hits) >= limit or self._penalty_ends.get(key, 0) > now:
            self._penalty_ends[key] = now + self.penalty
            err = PlatformError.of(errors.RATE_EXCEEDED)
            err.headers = {**self._headers(group, limit, 0), "Retry-After": str(round(self.penalty))}
            raise err
        hits.append(now)
        return self._headers(group, limit, limit - len(hits))

    def _headers(self, group: str, limit: int, remaining: int) -> dict[str, str]:
        return {"X-Rate-Limit-Group": group, "X-Rate-Limit-Limit": str(limit),
                "X-Rate-Limit-Remaining": str(remaining), "X-Rate-Limit-Window": str(round(self.window))}
