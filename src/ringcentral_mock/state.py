"""The mock platform's state: account, extensions, numbers, message stores, tokens and clock.

Plain data and the platform's rules, with no HTTP here: the routes translate requests into calls
on `MockState` and its answers into responses. Every refusal is a `PlatformError` from `errors`.
"""

from __future__ import annotations

import itertools
import mimetypes
import secrets
import zlib
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from . import errors, lifecycle, scenarios
from .clock import Clock
from .errors import PlatformError
from .faults import FaultPlan
from .lifecycle import Lifecycle
from .ratelimit import RateLimiter

MAX_TEXT_UTF16_UNITS = 1000
MAX_RECIPIENTS = 10
# MMS limits as the platform's "Sending MMS" page states them: at most 10 attachments, 1.5 MB together
# (read as 1,500,000 bytes), of these media types.
MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 1_500_000
MMS_CONTENT_TYPES = frozenset({
    "image/jpeg", "image/png", "image/bmp", "image/gif", "image/tiff", "image/svg+xml",
    "video/3gpp", "video/mp4", "video/mpeg", "video/msvideo", "audio/mpeg", "text/vcard",
    "application/zip", "application/gzip", "application/rtf",
})
DAY = 86400.0


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
class Attachment:
    """An MMS attachment as stored: its name, media type and size (the content itself is not kept)."""

    filename: str | None
    content_type: str
    size: int
    id: int = 0


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
    modified_at: float
    conversation_id: int
    delivery_error_code: str | None = None
    lifecycle: Lifecycle | None = None  # None for a message whose status no longer changes
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def read_status(self) -> str:
        return "Read" if self.direction == "Outbound" else "Unread"


@dataclass
class MessageFilter:
    """The message-store list's filters; None (or empty) selects everything."""

    message_types: list[str] | None = None
    directions: list[str] | None = None
    read_statuses: list[str] | None = None
    availability: list[str] | None = None
    conversation_id: int | None = None
    phone_number: str | None = None
    distinct_conversations: bool = False

    def matches(self, message: Message) -> bool:
        return ((not self.message_types or "SMS" in self.message_types)  # the mock stores text messages only
                and (not self.availability or "Alive" in self.availability)  # and never deletes one
                and (not self.directions or message.direction in self.directions)
                and (not self.read_statuses or message.read_status in self.read_statuses)
                and self.conversation_id in (None, message.conversation_id)
                and self.phone_number in (None, message.from_number, *message.to_numbers))


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
        lifecycle.check(data["messages"])
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
        self._attachment_ids = itertools.count(60000001)
        for stored in data.get("stored_messages", []):
            self._store_from_scenario(stored)

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

    def send_sms(self, sender: Extension, from_number: str, to_numbers: list[str], text: str,
                 attachments: list[Attachment] | None = None) -> Message:
        """Store the message Queued in the sender's outbox (a copy in each enabled recipient's inbox).

        With attachments it is an MMS: the number needs MmsSender and the attachments the MMS limits.
        """
        if utf16_units(text) > MAX_TEXT_UTF16_UNITS:
            raise PlatformError.of(errors.MESSAGE_TOO_LONG, "text")
        if len(to_numbers) > MAX_RECIPIENTS:
            raise PlatformError.of(errors.TOO_MANY_RECIPIENTS, "to", limit=MAX_RECIPIENTS)
        number = sender.owns(from_number)
        if number is None:
            raise PlatformError.of(errors.NUMBER_NOT_OWNED, "from.phoneNumber")
        if "SmsSender" not in number.features:
            raise PlatformError.of(errors.SMS_NOT_AVAILABLE, "from.phoneNumber")
        if attachments:
            _check_mms(number, attachments)
        settings = self.scenario["messages"]
        outcome = lifecycle.outcome_for(settings, to_numbers)
        now = self.clock.now()
        queued_reads = settings.get("queued_reads", 0)
        outbound = self._store(sender.id, "Outbound", from_number, to_numbers, text, "Queued",
                               attachments=attachments or [], error_code=outcome.error_code,
                               lifecycle=Lifecycle(lifecycle.PATHS[outcome.status], queued_reads,
                                                   None if queued_reads else now))
        for recipient in self.extensions:
            if recipient.receives_sms and any(recipient.owns(n) for n in to_numbers):
                self._store(recipient.id, "Inbound", from_number, to_numbers, text, "Received",
                            attachments=attachments or [])
        return outbound

    def read_message(self, owner: Extension, message_id: int) -> Message:
        """A message in the owner's store; a read may move a Queued message on (see `lifecycle`)."""
        message = self.messages.get(message_id)
        if message is None or message.extension_id != owner.id:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "messageId")
        return self._moved_on(message, read=True)

    def list_messages(self, owner: Extension, selected: MessageFilter, date_from: float | None = None,
                      date_to: float | None = None) -> list[Message]:
        """The owner's messages matching the filter, newest first, as the message-store list has them.

        Without `date_from` the list starts 24 hours before `date_to` (which defaults to now).
        """
        date_to = self.clock.now() if date_to is None else date_to
        date_from = date_to - DAY if date_from is None else date_from
        found = sorted((self._moved_on(m, read=False) for m in self.messages.values()
                        if m.extension_id == owner.id and date_from <= m.created_at <= date_to
                        and selected.matches(m)),
                       key=lambda m: (m.created_at, m.id), reverse=True)
        if selected.distinct_conversations:  # the newest message of each conversation only
            newest: dict[int, Message] = {}
            for message in found:
                newest.setdefault(message.conversation_id, message)
            found = list(newest.values())
        return found

    def _moved_on(self, message: Message, *, read: bool) -> Message:
        if message.lifecycle is not None:
            step = self.scenario["messages"].get("step_seconds", 0)
            status, reached_at = message.lifecycle.status(self.clock.now(), step, read)
            if status != message.status:
                message.status, message.modified_at = status, reached_at or message.modified_at
        return message

    def _store(self, owner_id: int, direction: str, from_number: str, to_numbers: list[str], text: str,
               status: str, *, attachments: list[Attachment] = (), error_code: str | None = None,
               lifecycle: Lifecycle | None = None,
               created_at: float | None = None) -> Message:
        now = self.clock.now() if created_at is None else created_at
        message_id = next(self._ids)
        message = Message(
            id=message_id, extension_id=owner_id, direction=direction, from_number=from_number,
            to_numbers=list(to_numbers), text=text, created_at=now, modified_at=now, status=status,
            conversation_id=conversation_id(from_number, to_numbers),
            delivery_error_code=error_code, lifecycle=lifecycle,
            attachments=[Attachment(a.filename, a.content_type, a.size, next(self._attachment_ids))
                         for a in attachments],
        )
        self.messages[message_id] = message
        return message

    def _store_from_scenario(self, data: dict[str, Any]) -> None:
        """A message the scenario puts in a store, `minutes_ago` minutes before the reset."""
        outcome = lifecycle.Outcome.of(data, f"stored_messages ({data.get('text')!r})")
        inbound = data["direction"] == "Inbound"
        self._store(self.extension(data["owner"]).id, data["direction"], data["from"], data["to"], data["text"],
                    "Received" if inbound else outcome.status, error_code=outcome.error_code,
                    created_at=self.clock.now() - 60 * data["minutes_ago"])


def _check_mms(number: PhoneNumber, attachments: list[Attachment]) -> None:
    if "MmsSender" not in number.features:
        raise PlatformError.of(errors.MMS_NOT_AVAILABLE, "from.phoneNumber")
    if len(attachments) > MAX_ATTACHMENTS:
        raise PlatformError.of(errors.TOO_MANY_ATTACHMENTS, "attachment")
    for index, attachment in enumerate(attachments, 1):
        if attachment.content_type not in MMS_CONTENT_TYPES:
            raise PlatformError.of(errors.UNSUPPORTED_ATTACHMENT, "attachment", index=index,
                                   name=attachment.filename or "")
    if sum(a.size for a in attachments) > MAX_ATTACHMENT_BYTES:
        raise PlatformError.of(errors.ATTACHMENTS_TOO_LARGE, "attachment")


def attachment(filename: str | None, content_type: str | None, size: int) -> Attachment:
    """An attachment as received; a part sent without a media type gets the one its file name implies."""
    if content_type in (None, "application/octet-stream") and filename:
        content_type = mimetypes.guess_type(filename)[0] or content_type
    return Attachment(filename, content_type or "application/octet-stream", size)


def conversation_id(from_number: str, to_numbers: list[str]) -> int:
    """The same numbers texting each other are one conversation, whichever store holds the copy."""
    return 7000000000000000000 + zlib.crc32(",".join(sorted({from_number, *to_numbers})).encode())


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
