"""The mock's clock: wall time plus an offset that tests and scenarios move, so nothing sleeps; and timers
on it, for what the platform does on its own (a message moving from Queued to Sent).

`call_at(when, callback)` runs the callback once the mock's time reaches `when`: at once when
`advance()` moves the clock past it, or as wall time passes, through `run_timers()` (the app's
lifespan runs it). Due timers fire in time order, each seeing `now()` equal to its own due time, so
what it stamps is the moment it was due, however far the clock jumped. A timer may be cancelled
through the handle `call_at` returns; `reset()` cancels them all.

Timers fire on whichever thread moves the clock or runs `run_timers()` (the server's event loop);
a lock keeps them one at a time, and only the firing thread sees the clock stopped at a due time.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

log = logging.getLogger(__name__)


class Timer:
    """The handle `Clock.call_at` returns."""

    def __init__(self, when: float, callback: Callable[[], object]) -> None:
        self.when = when
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        """It will not fire (the queue drops it when its turn comes)."""
        self.cancelled = True


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0
        self._timers: list[tuple[float, int, Timer]] = []  # a heap, by due time then by order of adding
        self._order = itertools.count()
        self._firing = threading.local()  # while a timer runs: its due time (`at`), which now() returns
        self._lock = threading.RLock()
        self._on_change: list[Callable[[], None]] = []  # how run_timers() is woken

    def now(self) -> float:
        firing_at = getattr(self._firing, "at", None)
        return time.time() + self.offset if firing_at is None else firing_at

    def advance(self, seconds: float) -> None:
        """Move the clock on, firing every timer that falls due on the way."""
        with self._lock:
            self.offset += seconds
            self._changed()
            self.fire_due()

    def reset(self) -> None:
        """Offset zero, every timer cancelled."""
        with self._lock:
            for _, _, timer in self._timers:
                timer.cancel()
            self._timers.clear()
            self.offset = 0.0
            self._changed()

    def iso(self, at: float | None = None) -> str:
        """The platform's timestamp format: UTC, milliseconds, a Z suffix."""
        moment = datetime.fromtimestamp(self.now() if at is None else at, UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def call_at(self, when: float, callback: Callable[[], object]) -> Timer:
        """Run `callback()` once the mock's time reaches `when` (seconds since the epoch, like `now()`)."""
        timer = Timer(when, callback)
        with self._lock:
            heapq.heappush(self._timers, (when, next(self._order), timer))
            self._changed()
        return timer

    def fire_due(self) -> None:
        """Run every timer due by now, in time order (ties in the order they were added), including any
        a callback adds that is already due. A callback's exception propagates; the timers after it
        stay queued."""
        with self._lock:
            while self._timers and self._timers[0][0] <= time.time() + self.offset:
                when, _, timer = heapq.heappop(self._timers)
                if timer.cancelled:
                    continue
                outer, self._firing.at = getattr(self._firing, "at", None), when
                try:
                    timer.callback()
                finally:
                    self._firing.at = outer

    async def run_timers(self) -> None:
        """Fire timers as wall time brings them due, until cancelled: sleep until the next due time,
        woken early when a timer is added or the clock moves."""
        loop = asyncio.get_running_loop()
        changed = asyncio.Event()

        def wake() -> None:  # called from any thread
            loop.call_soon_threadsafe(changed.set)

        with self._lock:
            self._on_change.append(wake)
        try:
            while True:
                changed.clear()
                try:
                    self.fire_due()
                except Exception:  # a broken callback must not stop the timers after it
                    log.exception("a timer on the mock's clock failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), self._seconds_to_next())
        finally:
            with self._lock:
                self._on_change.remove(wake)

    def _seconds_to_next(self) -> float | None:
        """Wall seconds until the next live timer is due; None when there is none."""
        with self._lock:
            while self._timers and self._timers[0][2].cancelled:
                heapq.heappop(self._timers)
            return max(0.0, self._timers[0][0] - self.now()) if self._timers else None

    def _changed(self) -> None:
        for wake in self._on_change:
            wake()
