"""The message store: sending SMS and MMS (the platform's limits on both), receiving them, reading one
message (and an MMS attachment's content), marking it read, deleting and restoring it, listing a store
and syncing it, each extension's messages kept by id.

A message is `Alive`, then `Deleted` (still readable, and restorable), then `Purged` (gone: reads
answer 404, and only a sync still reports it, as its id and availability). Every change to a message
takes the next number of the store's change counter, which is what a sync token remembers.

Sending publishes `InboundMessageArrived` for each recipient extension's copy; the outbound message's
status then moves by the clock (`lifecycle`). Reads and listings first fire the clock's due timers, so
they answer as of now even where nothing else fires them (a test client without the app's lifespan).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import mimetypes
import zlib
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import PlatformError
from ..events import EventBus, InboundMessageArrived, MessageStatusChanged
from . import lifecycle
from .accounts import Account, Extension, PhoneNumber
from .capped import CappedDict
from .clock import Clock
from .lifecycle import Held

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
# A sync token is good for this long on the mock's clock (the mock's choice: the platform says a stale
# token needs a full sync, not when a token goes stale).
SYNC_TOKEN_TTL = 7 * DAY
MAX_BULK_IDS = 50
FIRST_MESSAGE_ID = 50000001
FIRST_ATTACHMENT_ID = 60000001


@dataclass
class Attachment:
    """An MMS attachment as stored: its name, media type, size and content (served back by id)."""

    filename: str | None
    content_type: str
    size: int
    id: int = 0
    content: bytes = field(default=b"", repr=False)


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
    held: Held | None = None  # while reads hold it Queued; None once released (its timers move it), or if never sent
    attachments: list[Attachment] = field(default_factory=list)
    read_status: str = ""  # "Read" or "Unread"; a sent message starts Read, a received one Unread
    availability: str = "Alive"  # "Alive", "Deleted" (restorable) or "Purged" (gone but for a sync)
    change: int = 0  # the store's change counter when this message last changed

    def __post_init__(self) -> None:
        self.read_status = self.read_status or ("Read" if self.direction == "Outbound" else "Unread")


@dataclass
class SyncPoint:
    """What a sync token stands for: whose store, the change counter it had seen, when it was issued."""

    extension_id: int
    change: int
    issued_at: float


@dataclass
class SyncAnswer:
    records: list[Message]
    sync_type: str
    token: str
    time: float
    older_records_exist: bool


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
                and message.availability in (self.availability or ("Alive",))  # Alive unless asked otherwise
                and (not self.directions or message.direction in self.directions)
                and (not self.read_statuses or message.read_status in self.read_statuses)
                and self.conversation_id in (None, message.conversation_id)
                and self.phone_number in (None, message.from_number, *message.to_numbers))


class Messages(CappedDict):
    """Every extension's messages by id, the newest `cap` of them; the rules from the scenario's `[messages]`."""

    def __init__(self, scenario: dict[str, Any], account: Account, clock: Clock, bus: EventBus) -> None:
        super().__init__()
        self.scenario = scenario  # read per message: a test may change the lifecycle after a reset
        self.account = account
        self.clock = clock
        self.bus = bus
        self._ids = itertools.count(FIRST_MESSAGE_ID)
        self._attachment_ids = itertools.count(FIRST_ATTACHMENT_ID)
        self._changes = itertools.count(1)
        self._sync_tokens: dict[str, SyncPoint] = {}
        bus.subscribe(self._on_event)  # a status that moves is a change a sync reports

    def reset(self, cap: int) -> None:
        """Empty, ids counting from the start again, and the scenario's `stored_messages` put back."""
        super().reset(cap)
        self._ids = itertools.count(FIRST_MESSAGE_ID)
        self._attachment_ids = itertools.count(FIRST_ATTACHMENT_ID)
        self._changes = itertools.count(1)
        self._sync_tokens.clear()
        for stored in self.scenario.get("stored_messages", []):
            self._store_from_scenario(stored)

    def send(self, sender: Extension, from_number: str, to_numbers: list[str], text: str,
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
        path = lifecycle.PATHS[outcome.status]
        outbound = self._store(sender.id, "Outbound", from_number, to_numbers, text, "Queued",
                               attachments=attachments or [], error_code=outcome.error_code)
        # Its steps are clock timers: even those due at once fire after this answer (at the next read, listing
        # or tick of the timer task), so the send itself still answers Queued.
        if settings.get("queued_reads", 0):
            outbound.held = Held(path, settings["queued_reads"])
        else:
            self._release(outbound, path)
        for recipient in self.account.extensions:
            if recipient.receives_sms and any(recipient.owns(n) for n in to_numbers):
                inbound = self._store(recipient.id, "Inbound", from_number, to_numbers, text, "Received",
                                      attachments=attachments or [])
                self.bus.publish(InboundMessageArrived(inbound, inbound.created_at))
        return outbound

    def receive(self, to_number: str, from_number: str, text: str,
                attachments: list[Attachment] | None = None) -> Message:
        """A text (an MMS, with attachments) from outside the account to one of its numbers: stored Received
        and Unread in the store of the extension that owns it, and published as `InboundMessageArrived`.
        ValueError, saying why, for a number no extension owns or one that cannot receive SMS."""
        owner = next((e for e in self.account.extensions if e.owns(to_number)), None)
        if owner is None:
            raise ValueError(f"no extension of the scenario owns {to_number}")
        if not owner.receives_sms:
            raise ValueError(f"{to_number} belongs to {owner.name}, whose extension is {owner.status}: "
                             "it receives no SMS")
        if "SmsSender" not in owner.owns(to_number).features:
            raise ValueError(f"{to_number} cannot receive SMS: it has no SmsSender feature")
        message = self._store(owner.id, "Inbound", from_number, [to_number], text, "Received",
                              attachments=attachments or [])
        self.bus.publish(InboundMessageArrived(message, message.created_at))
        return message

    def mark(self, owner: Extension, message_id: int, read_status: str | None,
             availability: str | None = None) -> Message:
        """Set a message's read status, its availability, or both (PUT and PATCH .../message-store/{id}).

        `Alive` restores a deleted message; `Deleted` and `Purged` go the way DELETE goes."""
        message = self.read(owner, message_id)
        if read_status is not None and read_status != message.read_status:
            message.read_status = read_status
            self._changed(message)
        if availability is not None and availability != message.availability:
            message.availability = availability
            self._changed(message)
        return message

    def delete(self, owner: Extension, message_id: int, purge: bool = False) -> None:
        """DELETE .../message-store/{id}: an Alive message becomes Deleted, a Deleted one (or any, with
        `purge`) Purged."""
        message = self.read(owner, message_id)
        message.availability = "Purged" if purge or message.availability == "Deleted" else "Deleted"
        self._changed(message)

    def delete_conversations(self, owner: Extension, conversation_ids: list[int], date_to: float | None,
                             purge: bool = False) -> None:
        """DELETE .../message-store?conversationId=...: each message of those conversations created before
        `date_to` (default: now) takes one step of the way DELETE takes."""
        date_to = self.clock.now() if date_to is None else date_to
        for message in list(self.values()):
            if (message.extension_id == owner.id and message.conversation_id in conversation_ids
                    and message.created_at <= date_to and message.availability != "Purged"):
                message.availability = "Purged" if purge or message.availability == "Deleted" else "Deleted"
                self._changed(message)

    def sync(self, owner: Extension, token: str | None, selected: MessageFilter, date_from: float | None = None,
             date_to: float | None = None, record_count: int | None = None) -> SyncAnswer:
        """GET .../message-sync: without a token a full sync (FSync), the Alive messages the filter and dates
        select, newest first; with one (ISync) every message of the owner's store that changed since the
        sync the token came from, Deleted and Purged ones included. 400 MSG-333 for a token that is unknown
        (another extension's, or from before a reset) or older than SYNC_TOKEN_TTL."""
        self.clock.fire_due()
        now = self.clock.now()
        if token is None:
            found = self.select(owner, selected, date_from, date_to)
            older = record_count is not None and len(found) > record_count
            found = found[:record_count] if record_count is not None else found
        else:
            point = self._sync_tokens.get(token)
            if point is None or point.extension_id != owner.id or now - point.issued_at > SYNC_TOKEN_TTL:
                raise PlatformError.of(errors.FULL_SYNC_REQUIRED, "syncToken")
            found = sorted((m for m in self.values() if m.extension_id == owner.id and m.change > point.change
                            and (not selected.directions or m.direction in selected.directions)
                            and selected.conversation_id in (None, m.conversation_id)),
                           key=lambda m: (m.created_at, m.id), reverse=True)
            older = False
        # Tokens follow from the calls since the reset, so two runs that make the same calls get the same ones.
        change = self._last_change()
        seed = f"{owner.id}:{change}:{len(self._sync_tokens)}".encode()
        new_token = base64.urlsafe_b64encode(hashlib.sha256(seed).digest()[:18]).decode()
        self._sync_tokens[new_token] = SyncPoint(owner.id, change, now)
        return SyncAnswer(found, "ISync" if token else "FSync", new_token, now, older)

    def content(self, owner: Extension, message_id: int, attachment_id: int) -> Attachment:
        """An attachment of a message in the owner's store, content included."""
        message = self.read(owner, message_id)
        found = next((a for a in message.attachments if a.id == attachment_id), None)
        if found is None:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "attachmentId")
        return found

    def read(self, owner: Extension, message_id: int) -> Message:
        """A message in the owner's store, Deleted ones included (a Purged one is gone); a read counts
        against a held message and may release it."""
        message = self.get(message_id)
        if message is None or message.extension_id != owner.id or message.availability == "Purged":
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "messageId")
        if message.held is not None:
            if message.held.reads_left > 0:
                message.held.reads_left -= 1
            else:
                self._release(message, message.held.path)
        self.clock.fire_due()
        return message

    def select(self, owner: Extension, selected: MessageFilter, date_from: float | None = None,
               date_to: float | None = None) -> list[Message]:
        """The owner's messages matching the filter, newest first, as the message-store list has them.

        Without `date_from` the list starts 24 hours before `date_to` (which defaults to now).
        """
        self.clock.fire_due()
        date_to = self.clock.now() if date_to is None else date_to
        date_from = date_to - DAY if date_from is None else date_from
        found = sorted((m for m in self.values()
                        if m.extension_id == owner.id and date_from <= m.created_at <= date_to
                        and selected.matches(m)),
                       key=lambda m: (m.created_at, m.id), reverse=True)
        if selected.distinct_conversations:  # the newest message of each conversation only
            newest: dict[int, Message] = {}
            for message in found:
                newest.setdefault(message.conversation_id, message)
            found = list(newest.values())
        return found

    def _on_event(self, event: object) -> None:
        if isinstance(event, MessageStatusChanged) and (message := self.get(event.message_id)) is not None:
            message.change = next(self._changes)

    def _changed(self, message: Message) -> None:
        message.modified_at, message.change = self.clock.now(), next(self._changes)

    def _last_change(self) -> int:
        return max((m.change for m in self.values()), default=0)

    def _release(self, message: Message, path: tuple[str, ...]) -> None:
        message.held = None
        lifecycle.release(message, path, self.clock, self.scenario["messages"].get("step_seconds", 0),
                          self.bus.publish)

    def _store(self, owner_id: int, direction: str, from_number: str, to_numbers: list[str], text: str,
               status: str, *, attachments: list[Attachment] = (), error_code: str | None = None,
               created_at: float | None = None) -> Message:
        now = self.clock.now() if created_at is None else created_at
        message_id = next(self._ids)
        message = Message(
            id=message_id, extension_id=owner_id, direction=direction, from_number=from_number,
            to_numbers=list(to_numbers), text=text, created_at=now, modified_at=now, status=status,
            conversation_id=conversation_id(from_number, to_numbers),
            delivery_error_code=error_code,
            attachments=[Attachment(a.filename, a.content_type, a.size, next(self._attachment_ids), a.content)
                         for a in attachments],
        )
        message.change = next(self._changes)
        self[message_id] = message
        return message

    def _store_from_scenario(self, data: dict[str, Any]) -> None:
        """A message the scenario puts in a store, `minutes_ago` minutes before the reset."""
        outcome = lifecycle.Outcome.of(data, f"stored_messages ({data.get('text')!r})")
        inbound = data["direction"] == "Inbound"
        self._store(self.account.extension(data["owner"]).id, data["direction"], data["from"], data["to"],
                    data["text"], "Received" if inbound else outcome.status, error_code=outcome.error_code,
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


def attachment(filename: str | None, content_type: str | None, content: bytes) -> Attachment:
    """An attachment as received; a part sent without a media type gets the one its file name implies."""
    if content_type in (None, "application/octet-stream") and filename:
        content_type = mimetypes.guess_type(filename)[0] or content_type
    return Attachment(filename, content_type or "application/octet-stream", len(content), content=content)


def conversation_id(from_number: str, to_numbers: list[str]) -> int:
    """The same numbers texting each other are one conversation, whichever store holds the copy."""
    return 7000000000000000000 + zlib.crc32(",".join(sorted({from_number, *to_numbers})).encode())


def utf16_units(text: str) -> int:
    """Length as the platform counts it: characters outside the BMP take two UTF-16 units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
