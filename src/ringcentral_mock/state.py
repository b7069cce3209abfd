"""The mock platform's state: account, extensions, numbers, message stores, tokens and clock.

Plain data and the platform's rules, with no HTTP here: the routes translate requests into calls
on `MockState` and its answers into responses. Every refusal is a `PlatformError` from `errors`.
"""

from __future__ import annotations

import itertools
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from . import errors, scenarios
from .clock import Clock
from .errors import PlatformError
from .faults import FaultPlan
from .ratelimit import RateLimiter

MAX_TEXT_UTF16_UNITS = 1000
MAX_RECIPIENTS = 10


@dataclass
class PhoneNumber:
    id: int
    phone_number: str
    features: list[str]
    usage_type: str = "DirectNumber"
    type: str = "VoiceFax"
    payment_type: str = "Local"
    location: str = ""


@dataclass
class Extension:
    key: str
    id: int
    extension_number: str
    name: str
    jwt: str
    type: str = "User"
    status: str = "Enabled"
    numbers: list[PhoneNumber] = field(default_factory=list)

    def owns(self, phone_number: str) -> PhoneNumber | None:
        return next((n for n in self.numbers if n.phone_number == phone_number), None)

    @property
    def receives_sms(self) -> bool:
        # Disabled and frozen extensions never get a copy: the message stays in the sender's outbox.
        return self.status == "Enabled"


@dataclass
class Token:
    access_token: str
    refresh_token: str
    extension_id: int
    client_id: str
    access_expires_at: float
    refresh_expires_at: float


@dataclass
class Message:
    id: int
    extension_id: int
    direction: str
    from_number: str
    to_numbers: list[str]
    text: str
    created_at: float
    status: str
    final_status: str
    queued_reads_left: int
    modified_at: float
    conversation_id: int
    delivery_error_code: str | None = None


class MockState:
    """One platform account, rebuilt from a named scenario by `reset()`."""

    def __init__(self, scenario: str = scenarios.DEFAULT) -> None:
        self.clock = Clock()
        self.reset(scenario)

    def reset(self, scenario: str | None = None) -> None:
        data = scenarios.load(scenario or self.scenario_name)
        self.scenario_name = scenario or self.scenario_name
        self.scenario = data
        self.clock.offset = 0.0
        self.account_id: int = data["account"]["id"]
        self.client_id: str = data["app"]["client_id"]
        self.client_secret: str = data["app"]["client_secret"]
        self.extensions = [_extension(e) for e in data["extensions"]]
        # These stores keep only the newest entries, so a long `make mock` session stays bounded
        # (a forgotten token is refused like a revoked one, as past the platform's session quota).
        self.tokens: dict[str, Token] = CappedDict(data["limits"]["max_live_tokens"])
        self.messages: dict[int, Message] = CappedDict(data["limits"]["max_stored_messages"])
        self.requests: deque[dict[str, Any]] = deque(maxlen=data["limits"]["max_recorded_requests"])
        self.limiter = RateLimiter(data["rate_limits"], self.clock)
        self.faults = FaultPlan(data.get("faults"))
        self._ids = itertools.count(50000001)

    # -- the scenario's reader-facing settings ---------------------------------------------------

    def env(self, server_url: str) -> dict[str, str]:
        """The .env lines that point the samples at this mock, logged in as the scenario's user."""
        return {
            "RC_SERVER_URL": server_url,
            "RC_APP_CLIENT_ID": self.client_id,
            "RC_APP_CLIENT_SECRET": self.client_secret,
            "RC_USER_JWT": self.extension(self.scenario["login"]).jwt,
            "SMS_RECIPIENT": self.scenario["recipient"],
        }

    def extension(self, key: str) -> Extension:
        return next(e for e in self.extensions if e.key == key)

    # -- OAuth -----------------------------------------------------------------------------------

    def check_client(self, client_id: str | None, client_secret: str | None) -> None:
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise PlatformError.oauth(errors.INVALID_CLIENT, "invalid_client")

    def login_with_jwt(self, assertion: str, access_ttl: int | None = None, refresh_ttl: int | None = None) -> Token:
        extension = next((e for e in self.extensions if e.jwt == assertion), None)
        if extension is None:
            raise PlatformError.oauth(errors.TOKEN_NOT_FOUND, "invalid_grant")
        return self._issue_token(extension.id, access_ttl, refresh_ttl)

    def refresh(self, refresh_token: str, access_ttl: int | None = None, refresh_ttl: int | None = None) -> Token:
        token = next((t for t in self.tokens.values() if t.refresh_token == refresh_token), None)
        if token is None or token.refresh_expires_at <= self.clock.now():
            raise PlatformError.oauth(errors.TOKEN_NOT_FOUND, "invalid_grant")
        del self.tokens[token.access_token]
        return self._issue_token(token.extension_id, access_ttl, refresh_ttl)

    def revoke(self, token_value: str) -> None:
        """Revoking an unknown token succeeds, as on the platform: revocation is idempotent."""
        for access, token in list(self.tokens.items()):
            if token_value in (access, token.refresh_token):
                del self.tokens[access]

    def _issue_token(self, extension_id: int, access_ttl: int | None, refresh_ttl: int | None) -> Token:
        """A new token pair. A client may ask for shorter lifetimes than the scenario's, never longer;
        zero or less (the JavaScript SDK sends -1 after a 401) means the default."""
        now = self.clock.now()
        ttl = self.scenario["tokens"]
        token = Token(
            access_token=f"mock-access-{secrets.token_urlsafe(24)}",
            refresh_token=f"mock-refresh-{secrets.token_urlsafe(24)}",
            extension_id=extension_id,
            client_id=self.client_id,
            access_expires_at=now + _lifetime(access_ttl, ttl["access_ttl"]),
            refresh_expires_at=now + _lifetime(refresh_ttl, ttl["refresh_ttl"]),
        )
        self.tokens[token.access_token] = token
        return token

    def authenticate(self, authorization: str | None) -> Extension:
        """The extension a request's `Authorization: Bearer <token>` header logs in as."""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise PlatformError.of(errors.AUTH_HEADER_INVALID, value=authorization or "")
        token = self.tokens.get(value.strip())
        if token is None:
            raise PlatformError.of(errors.ACCESS_TOKEN_CORRUPTED)
        if token.access_expires_at <= self.clock.now():
            raise PlatformError.of(errors.ACCESS_TOKEN_EXPIRED)
        return next(e for e in self.extensions if e.id == token.extension_id)

    def resolve(self, caller: Extension, account_id: str, extension_id: str) -> Extension:
        """The extension a path's `account/{id}/extension/{id}` names; `~` means the caller's own."""
        if account_id not in ("~", str(self.account_id)):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "accountId")
        if extension_id not in ("~", str(caller.id)):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "extensionId")
        return caller

    # -- Messaging -------------------------------------------------------------------------------

    def send_sms(self, sender: Extension, from_number: str, to_numbers: list[str], text: str) -> Message:
        if utf16_units(text) > MAX_TEXT_UTF16_UNITS:
            raise PlatformError.of(errors.MESSAGE_TOO_LONG, "text")
        if len(to_numbers) > MAX_RECIPIENTS:
            raise PlatformError.of(errors.TOO_MANY_RECIPIENTS, "to", limit=MAX_RECIPIENTS)
        number = sender.owns(from_number)
        if number is None:
            raise PlatformError.of(errors.NUMBER_NOT_OWNED, "from.phoneNumber")
        if "SmsSender" not in number.features:
            raise PlatformError.of(errors.SMS_NOT_AVAILABLE, "from.phoneNumber")
        settings = self.scenario["messages"]
        outbound = self._store(sender.id, "Outbound", from_number, to_numbers, text, "Queued",
                               final_status=settings["final_status"],
                               queued_reads=settings["queued_reads"])
        for recipient in self.extensions:
            if recipient.receives_sms and any(recipient.owns(n) for n in to_numbers):
                self._store(recipient.id, "Inbound", from_number, to_numbers, text, "Received",
                            conversation_id=outbound.conversation_id)
        return outbound

    def read_message(self, owner: Extension, message_id: int) -> Message:
        """A message in the owner's store; each read of a Queued message moves its lifecycle on."""
        message = self.messages.get(message_id)
        if message is None or message.extension_id != owner.id:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "messageId")
        if message.status == "Queued":
            if message.queued_reads_left > 0:
                message.queued_reads_left -= 1
            else:
                message.status = message.final_status
                message.modified_at = self.clock.now()
        return message

    def _store(self, owner_id: int, direction: str, from_number: str, to_numbers: list[str], text: str,
               status: str, *, final_status: str | None = None, queued_reads: int = 0,
               conversation_id: int | None = None) -> Message:
        now = self.clock.now()
        message_id = next(self._ids)
        message = Message(
            id=message_id, extension_id=owner_id, direction=direction, from_number=from_number,
            to_numbers=list(to_numbers), text=text, created_at=now, modified_at=now, status=status,
            final_status=final_status or status, queued_reads_left=queued_reads,
            conversation_id=conversation_id or 7000000000000000000 + message_id,
        )
        self.messages[message_id] = message
        return message


def utf16_units(text: str) -> int:
    """Length as the platform counts it: characters outside the BMP take two UTF-16 units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _lifetime(requested: int | None, configured: int) -> int:
    return min(requested, configured) if requested and requested > 0 else configured


class CappedDict(OrderedDict):
    """A dict that forgets its oldest entries beyond `cap` items."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        while len(self) > self.cap:
            self.popitem(last=False)


def _extension(data: dict[str, Any]) -> Extension:
    numbers = [PhoneNumber(**n) for n in data.get("numbers", [])]
    return Extension(**{**data, "numbers": numbers})
