"""Subscriptions: which events a client asked to be told about, over which transport, until when.

Only the instant-SMS filter, `/restapi/v1.0/account/{account}/extension/{extension}/message-store/
instant?type=SMS` (with `~` for the caller's own), is known to the mock: any other is refused as the
platform refuses an invalid one, SUB-508 (a choice: the platform has many more filters). A filter for
another extension's messages is SUB-405. WebSocket subscriptions renew themselves while their
connection (or its recovery window) lasts, so their expiry only says so.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import PlatformError
from .accounts import Account, Extension
from .clock import Clock

INSTANT_SMS = re.compile(r"^/restapi/v1\.0/account/(?P<account>~|\d+)/extension/(?P<extension>~|\d+)"
                         r"/message-store/instant\?type=SMS$")
WEBSOCKET_LIFETIME = 86400  # seconds a WebSocket subscription reports it has left; it renews itself


@dataclass
class Subscription:
    id: str
    extension_id: int
    transport: str  # "WebSocket"
    event_filters: list[str]  # as the client sent them
    created_at: float
    expires_at: float
    status: str = "Active"
    sent: int = 0  # notifications sent (or buffered for a recovering connection)
    extra: dict[str, Any] = field(default_factory=dict)

    def covers(self, extension_id: int) -> bool:
        """Whether an SMS landing in this extension's store is an event this subscription asked for."""
        return self.status == "Active" and self.extension_id == extension_id

    def concrete_filter(self, account_id: int) -> str:
        """The event as notifications name it: the filter with the account and extension ids filled in."""
        return f"/restapi/v1.0/account/{account_id}/extension/{self.extension_id}/message-store/instant?type=SMS"


class Subscriptions(dict[str, Subscription]):
    """Every subscription by id."""

    def __init__(self, account: Account, clock: Clock) -> None:
        super().__init__()
        self.account = account
        self.clock = clock

    def reset(self) -> None:
        self.clear()

    def create(self, owner: Extension, event_filters: Any, transport: str) -> Subscription:
        self._check(owner, event_filters)
        now = self.clock.now()
        subscription = Subscription(str(uuid.uuid4()), owner.id, transport, list(event_filters), now,
                                    now + WEBSOCKET_LIFETIME)
        self[subscription.id] = subscription
        return subscription

    def update(self, owner: Extension, subscription_id: str, event_filters: Any) -> Subscription:
        subscription = self.of(owner, subscription_id)
        self._check(owner, event_filters)
        subscription.event_filters = list(event_filters)
        return subscription

    def of(self, owner: Extension, subscription_id: str) -> Subscription:
        subscription = self.get(subscription_id)
        if subscription is None or subscription.extension_id != owner.id:
            raise PlatformError.of(errors.SUBSCRIPTION_NOT_FOUND, subscription_id)
        return subscription

    def covering(self, extension_id: int) -> list[Subscription]:
        return [s for s in self.values() if s.covers(extension_id)]

    def _check(self, owner: Extension, event_filters: Any) -> None:
        if not isinstance(event_filters, list) or not event_filters or not all(
                isinstance(f, str) for f in event_filters):
            raise PlatformError.of(errors.INVALID_EVENT_FILTERS)
        for event_filter in event_filters:
            match = INSTANT_SMS.match(event_filter)
            if match is None or match["account"] not in ("~", str(self.account.id)):
                raise PlatformError.of(errors.INVALID_EVENT_FILTERS)
            if match["extension"] not in ("~", str(owner.id)):
                raise PlatformError.of(errors.OTHER_EXTENSIONS)
