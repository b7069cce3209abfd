"""Subscriptions: which events a client asked to be told about, over which transport, until when.

Only the instant-SMS filter, `/restapi/v1.0/account/{account}/extension/{extension}/message-store/
instant?type=SMS` (with `~` for the caller's own), is known to the mock: any other is refused as the
platform refuses an invalid one, SUB-508 (a choice: the platform has many more filters). A filter for
another extension's messages is SUB-405. WebSocket subscriptions renew themselves while their
connection (or its recovery window) lasts, so their expiry only says so.

WebHook subscriptions (created over HTTP, `routes/subscriptions.py`; validated and delivered to by
`delivery/webhook.py`) live `expiresIn` seconds of the mock's clock (1 to 315360000; 604800 when left
out, the mock's choice after a third-party report of the platform's default). Past that they are gone:
SUB-507 to every request, no deliveries, not listed. A renewal (POST .../renew, or a PUT) starts the
lifetime again from now. An extension holds at most 30 live subscriptions of any transport (SUB-505).
Their `address` must be an http(s) URL on loopback (127.0.0.0/8, ::1 or `localhost`): the mock only
ever calls the machine it runs on.
"""

from __future__ import annotations

import ipaddress
import itertools
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import errors
from ..errors import PlatformError
from .accounts import Account, Extension
from .clock import Clock

INSTANT_SMS = re.compile(r"^/restapi/v1\.0/account/(?P<account>~|\d+)/extension/(?P<extension>~|\d+)"
                         r"/message-store/instant\?type=SMS$")
WEBSOCKET_LIFETIME = 86400  # seconds a WebSocket subscription reports it has left; it renews itself
WEBHOOK_DEFAULT_LIFETIME = 604800  # expiresIn left out: 7 days (the mock's choice, from a third-party report)
WEBHOOK_MAX_LIFETIME = 315360000  # 10 years, the platform's maximum for WebHook
MAX_PER_EXTENSION = 30  # live subscriptions of one extension (the platform's limit, per user per app)


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
    # WebHook only: where notifications go, the shared secret sent with them, the mock's base URL as the
    # client reached it (attachment URIs use it), the lifetime a renewal restarts, why it was blacklisted.
    address: str | None = None
    verification_token: str | None = None
    base_url: str = ""
    lifetime: int = 0
    blacklisted: dict[str, str] | None = None
    ended: bool = False  # deleted: whoever still holds it (a gateway session) must not deliver for it

    def covers(self, extension_id: int) -> bool:
        """Whether an SMS landing in this extension's store is an event this subscription asked for."""
        return self.status == "Active" and not self.ended and self.extension_id == extension_id

    def expired(self, now: float) -> bool:
        """A WebHook subscription past its lifetime (a WebSocket one renews itself: never)."""
        return self.transport == "WebHook" and self.expires_at <= now

    def concrete_filter(self, account_id: int) -> str:
        """The event as notifications name it: the filter with the account and extension ids filled in."""
        return f"/restapi/v1.0/account/{account_id}/extension/{self.extension_id}/message-store/instant?type=SMS"


class Subscriptions(dict[str, Subscription]):
    """Every subscription by id."""

    def __init__(self, account: Account, clock: Clock) -> None:
        super().__init__()
        self.account = account
        self.clock = clock
        self._numbers = itertools.count(1)

    def reset(self) -> None:
        self.clear()
        self._numbers = itertools.count(1)

    def new_id(self) -> str:
        """A UUID, as the platform's ids are, but the same sequence after every reset (like message ids),
        so a page's output and the two languages' runs of one case compare like with like."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ringcentral-mock/subscription/{next(self._numbers)}"))

    def create(self, owner: Extension, event_filters: Any, transport: str) -> Subscription:
        self._check(owner, event_filters)
        now = self.clock.now()
        subscription = Subscription(self.new_id(), owner.id, transport, list(event_filters), now,
                                    now + WEBSOCKET_LIFETIME)
        self[subscription.id] = subscription
        return subscription

    def update(self, owner: Extension, subscription_id: str, event_filters: Any) -> Subscription:
        subscription = self.of(owner, subscription_id)
        self._check(owner, event_filters)
        subscription.event_filters = list(event_filters)
        return subscription

    def create_webhook(self, owner: Extension, event_filters: Any, address: Any, verification_token: str | None,
                       expires_in: int | None, base_url: str, subscription_id: str | None = None) -> Subscription:
        """A WebHook subscription, checked but not stored: `add` stores it once its address is validated."""
        self._check(owner, event_filters)
        if not loopback_url(address):
            raise PlatformError.of(errors.INVALID_PARAMETER, "deliveryMode.address")
        if len(self.of_extension(owner.id)) >= MAX_PER_EXTENSION:
            raise PlatformError.of(errors.SUBSCRIPTION_LIMIT)
        lifetime = WEBHOOK_DEFAULT_LIFETIME if expires_in is None else expires_in
        now = self.clock.now()
        return Subscription(subscription_id or self.new_id(), owner.id, "WebHook", list(event_filters), now,
                            now + lifetime, address=address, verification_token=verification_token,
                            base_url=base_url, lifetime=lifetime)

    def add(self, subscription: Subscription) -> Subscription:
        """Store a validated WebHook subscription; SUB-505 if the extension filled up meanwhile."""
        if len(self.of_extension(subscription.extension_id)) >= MAX_PER_EXTENSION:
            raise PlatformError.of(errors.SUBSCRIPTION_LIMIT)
        self[subscription.id] = subscription
        return subscription

    def renew(self, subscription: Subscription, expires_in: int | None = None) -> Subscription:
        """Start the lifetime again from now (a new one if `expires_in` is given)."""
        if expires_in is not None:
            subscription.lifetime = expires_in
        subscription.expires_at = self.clock.now() + subscription.lifetime
        return subscription

    def delete(self, subscription: Subscription) -> None:
        subscription.ended = True
        self.pop(subscription.id, None)

    def blacklist(self, subscription: Subscription, reason: str) -> None:
        subscription.status = "Blacklisted"
        subscription.blacklisted = {"reason": reason, "blacklistedAt": self.clock.iso()}

    def of(self, owner: Extension, subscription_id: str) -> Subscription:
        self.purge_expired()
        subscription = self.get(subscription_id)
        if subscription is None or subscription.extension_id != owner.id:
            raise PlatformError.of(errors.SUBSCRIPTION_NOT_FOUND, subscription_id)
        return subscription

    def of_extension(self, extension_id: int) -> list[Subscription]:
        """The extension's live subscriptions, of every transport, oldest first."""
        self.purge_expired()
        return [s for s in self.values() if s.extension_id == extension_id]

    def purge_expired(self) -> None:
        """Forget the WebHook subscriptions past their lifetime."""
        now = self.clock.now()
        for subscription in [s for s in self.values() if s.expired(now)]:
            self.delete(subscription)

    def covering(self, extension_id: int) -> list[Subscription]:
        now = self.clock.now()
        return [s for s in list(self.values()) if s.covers(extension_id) and not s.expired(now)]

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


def loopback_url(address: Any) -> bool:
    """Whether `address` is an http:// or https:// URL whose host is loopback: an IP in 127.0.0.0/8, ::1, or
    `localhost`, with no user info. The only addresses the mock will call."""
    if not isinstance(address, str) or any(c.isspace() for c in address):
        return False
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        return False
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:  # no user info to confuse a parser
        return False
    return loopback_host(host)


def loopback_host(host: str) -> bool:
    """`localhost`, or an IP address in 127.0.0.0/8 or ::1 (brackets allowed)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
