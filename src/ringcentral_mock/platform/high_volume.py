"""High Volume SMS (A2P): batches sent from a number with `A2PSmsSender`, each recipient's message with
its own status, and the account's aggregate statuses.

A batch is checked whole first (the sender, the texts, its size), then recipient by recipient: one
that is not a US or Canadian number is rejected, listed in the POST answer's `rejected` only, and the
rest are accepted. The batch then goes `Processing` (its messages handed on one by one, `step_seconds`
of the mock's clock apart, each going Queued to Sent) to `Sent` (all handed on) to `Completed` (every
message at its end: Delivered, or failed with a delivery error code, `step_seconds` after it was
sent). With `step_seconds = 0` a batch is Completed by the first read. Where a message ends follows
the scenario's `[messages]` rules, as for a single SMS: an opted-out recipient's message ends
SendingFailed with SMS-RC-413.

Lists page by token: `page_tokens` makes the opaque tokens, bound to the list's filters.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import PlatformError
from . import lifecycle
from .accounts import Account, PhoneNumber
from .clock import Clock
from .messages import DAY, utf16_units

MAX_TEXT_CHARACTERS = 1000
# The overview page's "10,000 per API request" (the sending page says there is no limit): the mock's choice.
MAX_BATCH_MESSAGES = 10_000
MAX_PHONE_NUMBER_FILTERS = 15
# High Volume SMS reaches the US and Canada only: +1, then a 10-digit number whose area code and
# exchange do not start with 0 or 1.
NANP_NUMBER = re.compile(r"^\+?1[2-9]\d{2}[2-9]\d{6}$")
REJECTED_CODE, REJECTED_DESCRIPTION = "CMN-100", "The recipient is invalid"
PRICE_PER_SEGMENT = 0.007  # the docs' examples: 0.007 a segment
FIRST_MESSAGE_ID = 90000001
FINAL = {path[-1] for path in lifecycle.PATHS.values()}  # where a message ends: Delivered or a failure
# GSM-7's basic set: a text of these alone fits 160 characters a segment, anything else 70.
GSM7 = frozenset("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


@dataclass
class Rejected:
    index: int
    to: list[str]
    error_code: str = REJECTED_CODE
    description: str = REJECTED_DESCRIPTION


@dataclass
class A2PMessage:
    id: int
    batch_id: str
    from_number: str
    to_number: str
    text: str
    created_at: float
    modified_at: float
    segments: int
    status: str = "Queued"
    error_code: str | None = None
    direction: str = "Outbound"

    @property
    def cost(self) -> float:
        """What it cost: nothing until it left RingCentral (Sent), and nothing if RingCentral never sent it."""
        return 0.0 if self.status in ("Queued", "SendingFailed") else round(self.segments * PRICE_PER_SEGMENT, 6)


@dataclass
class Batch:
    id: str
    from_number: str
    created_at: float
    modified_at: float
    messages: list[A2PMessage]
    rejected: list[Rejected] = field(default_factory=list)  # the POST answer shows them; reads never do
    processed: int = 0

    @property
    def status(self) -> str:
        if self.processed < len(self.messages):
            return "Processing"
        return "Completed" if all(m.status in FINAL for m in self.messages) else "Sent"

    @property
    def cost(self) -> float | None:
        """Known once the batch is Completed (the platform: "calculated after batch processing is completed")."""
        return round(sum(m.cost for m in self.messages), 6) if self.status == "Completed" else None


@dataclass
class MessageQuery:
    """The filters of GET .../a2p-sms/messages and .../statuses; None (or empty) selects everything."""

    batch_id: str | None = None
    directions: list[str] | None = None
    date_from: float | None = None
    date_to: float | None = None
    phone_numbers: list[str] | None = None


class HighVolume:
    """The account's batches and their messages, as of the mock's clock."""

    def __init__(self, scenario: dict[str, Any], account: Account, clock: Clock) -> None:
        self.scenario = scenario
        self.account = account
        self.clock = clock
        self.batches: dict[str, Batch] = {}
        self.messages: dict[int, A2PMessage] = {}
        self._batch_numbers = itertools.count(1)
        self._message_ids = itertools.count(FIRST_MESSAGE_ID)

    def reset(self) -> None:
        self.batches.clear()
        self.messages.clear()
        self._batch_numbers = itertools.count(1)
        self._message_ids = itertools.count(FIRST_MESSAGE_ID)

    def send(self, from_number: str, text: str | None, requested: list[tuple[list[str], str | None]]) -> Batch:
        """POST .../a2p-sms/batches: `requested` is each message's recipients and its own text (None: the
        batch's). Refuses the whole batch for its sender, size or texts; rejects bad recipients one by one."""
        number = self._number(from_number)
        if number is None:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "from")
        if "A2PSmsSender" not in number.features:
            raise PlatformError.of(errors.A2P_NOT_AVAILABLE, "from")
        if len(requested) > MAX_BATCH_MESSAGES:
            raise PlatformError.of(errors.BATCH_TOO_LARGE, "messages", limit=MAX_BATCH_MESSAGES)
        if text is not None and utf16_units(text) > MAX_TEXT_CHARACTERS:
            raise PlatformError.of(errors.A2P_TEXT_TOO_LONG, "text", limit=MAX_TEXT_CHARACTERS)
        for index, (to, own_text) in enumerate(requested):
            if len(to) != 1:  # the platform: "currently only one number is supported"
                raise PlatformError.of(errors.INVALID_PARAMETER, f"messages[{index}].to")
            if own_text is None and text is None:
                raise PlatformError.of(errors.INVALID_PARAMETER, f"messages[{index}].text")
            if own_text is not None and utf16_units(own_text) > MAX_TEXT_CHARACTERS:
                raise PlatformError.of(errors.A2P_TEXT_TOO_LONG, f"messages[{index}].text",
                                       limit=MAX_TEXT_CHARACTERS)
        now = self.clock.now()
        # Ids follow from the batches since the reset, so two runs that send the same get the same ones.
        batch = Batch(str(uuid.UUID(int=(0xA2B5 << 112) | next(self._batch_numbers))), number.phone_number,
                      now, now, [])
        for index, (to, own_text) in enumerate(requested):
            if not NANP_NUMBER.match(to[0]):
                batch.rejected.append(Rejected(index, list(to)))
                continue
            body = own_text if own_text is not None else text
            message = A2PMessage(next(self._message_ids), batch.id, number.phone_number, _e164(to[0]), body,
                                 now, now, segment_count(body))
            batch.messages.append(message)
            self.messages[message.id] = message
        self.batches[batch.id] = batch
        self._schedule(batch)
        return batch

    def batch(self, batch_id: str) -> Batch:
        self.clock.fire_due()
        found = self.batches.get(batch_id)
        if found is None:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "batchId")
        return found

    def message(self, message_id: str) -> A2PMessage:
        self.clock.fire_due()
        found = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if found is None:
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "messageId")
        return found

    def list_batches(self, date_from: float | None, date_to: float | None, from_number: str | None,
                     statuses: list[str] | None) -> list[Batch]:
        """Newest first, in the time range (by default the last 24 hours)."""
        self.clock.fire_due()
        start, end = self._range(date_from, date_to)
        wanted = from_number and _e164(from_number)
        found = [b for b in self.batches.values() if start <= b.created_at <= end
                 and wanted in (None, "", b.from_number) and (not statuses or b.status in statuses)]
        return sorted(found, key=lambda b: b.created_at, reverse=True)

    def list_messages(self, query: MessageQuery) -> list[A2PMessage]:
        """Newest first; the time range defaults to the last 24 hours."""
        if query.phone_numbers and len(query.phone_numbers) > MAX_PHONE_NUMBER_FILTERS:
            raise PlatformError.of(errors.TOO_MANY_PHONE_NUMBERS, "phoneNumber", limit=MAX_PHONE_NUMBER_FILTERS)
        self.clock.fire_due()
        start, end = self._range(query.date_from, query.date_to)
        numbers = {_e164(n) for n in query.phone_numbers or ()}
        found = [m for m in self.messages.values()
                 if start <= m.created_at <= end and query.batch_id in (None, m.batch_id)
                 and (not query.directions or m.direction in query.directions)
                 and (not numbers or {m.from_number, m.to_number} & numbers)]
        return sorted(found, key=lambda m: (m.created_at, m.id), reverse=True)

    def statuses(self, query: MessageQuery) -> dict[str, dict[str, Any]]:
        """GET .../a2p-sms/statuses: per status, how many messages, their cost and (for failures) their codes."""
        counts: dict[str, dict[str, Any]] = {key: {"count": 0, "cost": 0.0} for key in STATUS_KEYS.values()}
        for message in self.list_messages(query):
            entry = counts[STATUS_KEYS[message.status]]
            entry["count"] += 1
            entry["cost"] = round(entry["cost"] + message.cost, 6)
            if message.error_code:
                codes = entry.setdefault("errorCodeCounts", {})
                codes[message.error_code] = codes.get(message.error_code, 0) + 1
        return counts

    def _number(self, phone_number: str) -> PhoneNumber | None:
        wanted = _e164(phone_number)
        return next((n for e in self.account.extensions for n in e.numbers if n.phone_number == wanted), None)

    def _range(self, date_from: float | None, date_to: float | None) -> tuple[float, float]:
        end = self.clock.now() if date_to is None else date_to
        return (end - DAY if date_from is None else date_from), end

    def _schedule(self, batch: Batch) -> None:
        """The batch's way on the mock's clock: message n is sent n steps after the POST, and reaches its
        end one step after it was sent."""
        settings = self.scenario["messages"]
        step = self.scenario.get("high_volume", {}).get("step_seconds", 0)
        for index, message in enumerate(batch.messages, 1):
            outcome = lifecycle.outcome_for(settings, [message.to_number])
            path = lifecycle.PATHS[outcome.status]
            sent_at = batch.created_at + index * step
            self.clock.call_at(sent_at, functools.partial(self._hand_on, batch, message, path[1], outcome))
            if len(path) > 2:
                self.clock.call_at(sent_at + step, functools.partial(self._move, batch, message, path[2],
                                                                     outcome.error_code))

    def _hand_on(self, batch: Batch, message: A2PMessage, status: str, outcome: lifecycle.Outcome) -> None:
        batch.processed += 1
        self._move(batch, message, status, outcome.error_code if status in FINAL else None)

    def _move(self, batch: Batch, message: A2PMessage, status: str, error_code: str | None) -> None:
        message.status, message.error_code = status, error_code
        message.modified_at = batch.modified_at = self.clock.now()


# The statuses answer's key for each message status.
STATUS_KEYS = {"Queued": "queued", "Sent": "sent", "Delivered": "delivered", "DeliveryFailed": "deliveryFailed",
               "SendingFailed": "sendingFailed"}


def segment_count(text: str) -> int:
    """Segments as carriers count them: 160 GSM-7 characters in one, 153 each when split; otherwise 70 and 67."""
    gsm = all(c in GSM7 for c in text)
    single, part = (160, 153) if gsm else (70, 67)
    length = len(text) if gsm else utf16_units(text)
    return 1 if length <= single else math.ceil(length / part)


def _e164(phone_number: str) -> str:
    """The platform takes numbers with or without the leading '+' (its filter examples leave it out)."""
    return phone_number if phone_number.startswith("+") else f"+{phone_number}"
