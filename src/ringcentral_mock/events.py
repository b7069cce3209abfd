"""The platform's in-process event bus: what happened, as typed events, to whoever subscribed.

The platform publishes (`platform/messages.py`, `platform/lifecycle.py`); subscribers are test control's
event log (`GET /__mock/events`) and, later, whatever delivers notifications. Dispatch is synchronous,
in the order of subscription: `publish` returns once every handler has run, and a handler's exception
reaches the publisher, so a broken subscriber fails the request that triggered it instead of passing
unseen. Subscriptions outlive `MockState.reset()`: a subscriber subscribes once.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .platform.messages import Message


class Event:
    """Every event says when it happened (`at`, the mock's time, seconds since the epoch)."""

    at: float

    def fields(self) -> dict[str, Any]:
        """What `GET /__mock/events` lists beside the kind and the time."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "at"}


@dataclass(frozen=True)
class MessageStatusChanged(Event):
    """An outbound message moved along its path (Queued to Sent, Sent to Delivered, ...)."""

    message_id: int
    extension_id: int  # whose message store holds it
    old_status: str
    new_status: str
    at: float


@dataclass(frozen=True)
class InboundMessageArrived(Event):
    """A copy of a sent message landed in a recipient extension's store."""

    message: Message  # the stored record (its `extension_id` is the owner)
    at: float

    @property
    def extension_id(self) -> int:
        return self.message.extension_id

    def fields(self) -> dict[str, Any]:
        return {"message_id": self.message.id, "extension_id": self.extension_id}


Handler = Callable[[Event], object]


class EventBus:
    def __init__(self) -> None:
        self._handlers: list[Handler] = []
        self._lock = threading.Lock()

    def subscribe(self, handler: Handler) -> Callable[[], None]:
        """Call `handler(event)` for every event published from now on; returns the way to stop."""
        with self._lock:
            self._handlers.append(handler)

        def unsubscribe() -> None:
            with self._lock:
                if handler in self._handlers:
                    self._handlers.remove(handler)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            handlers = tuple(self._handlers)  # a handler may subscribe or unsubscribe while this runs
        for handler in handlers:
            handler(event)
