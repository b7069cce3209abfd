"""The platform's per-user rate limits: a sliding window per (user, group) and a penalty when exceeded.

Groups and numbers come from the scenario's `[rate_limits]` table (the platform's defaults: Light
50, Medium 40, Heavy 10, Auth 5 requests a 60 s window, 60 s penalty). Time is the mock's clock,
so a test moves it instead of sleeping.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import errors
from .clock import Clock
from .errors import PlatformError


class RateLimiter:
    def __init__(self, settings: dict[str, Any], clock: Clock) -> None:
        self.window: float = settings["window"]
        self.penalty: float = settings["penalty"]
        self.limits: dict[str, int] = {group.lower(): settings[group.lower()]
                                       for group in ("Light", "Medium", "Heavy", "Auth")}
        self.clock = clock
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._penalty_ends: dict[tuple[str, str], float] = {}

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


class RateLimitHeaders:
    """ASGI middleware: every response to a counted request carries its X-Rate-Limit-* headers.

    The route's limiter dependency leaves them in the request state, so error responses raised
    later in the handler carry them too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            headers = state.get("rate_limit_headers")
            if message["type"] == "http.response.start" and headers:
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k.lower().encode(), v.encode()) for k, v in headers.items()
                                        if k.lower().encode() not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
