"""A sent message's way from Queued to its end, moved on by reads and the mock's clock, never by sleeps.

Delivered goes Queued, Sent, Delivered; DeliveryFailed goes Queued, Sent, DeliveryFailed (it left
RingCentral, then was refused further on); SendingFailed goes Queued, SendingFailed. A failure carries a
`deliveryErrorCode` from the platform's list, whose prefix names who reported it.

A message is `Held` Queued for the scenario's `queued_reads` reads, then released onto its path: one
clock timer per later status, `step_seconds` apart (due at once with 0), each moving the status and
`lastModifiedTime` and publishing `MessageStatusChanged`. So a status moves when the clock does, read
or not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..events import Event, MessageStatusChanged
from .clock import Clock

if TYPE_CHECKING:
    from .messages import Message

# The platform's delivery error codes (its "Handling SMS messaging errors" page), by reporting party.
DELIVERY_ERROR_CODES = {
    "SMS-RC-": (403, 410, 413, 430, 500, 501, 503, 504),  # RingCentral, handing the message upstream
    "SMS-UP-": (410, 413, 414, 430, 431, 432, 433, 500),  # the upstream provider, handing it to a carrier
    "SMS-CAR-": (104, 199, 400, 410, 411, 412, 413, 414, 430, 431, 432, 433, 434, 435, 450, 451, 452, 460, 461,
                 500),  # the recipient's carrier
}
PATHS = {
    "Delivered": ("Queued", "Sent", "Delivered"),
    "DeliveryFailed": ("Queued", "Sent", "DeliveryFailed"),
    "SendingFailed": ("Queued", "SendingFailed"),
}


def is_delivery_error_code(code: str) -> bool:
    prefix, _, number = code.rpartition("-")
    return number.isdigit() and int(number) in DELIVERY_ERROR_CODES.get(prefix + "-", ())


@dataclass(frozen=True)
class Outcome:
    status: str  # a key of PATHS
    error_code: str | None = None

    @classmethod
    def of(cls, data: dict[str, Any], where: str) -> Outcome:
        """An outcome from a scenario's settings; ValueError naming `where` if it is not one the platform has."""
        outcome = cls(data.get("status", "Delivered"), data.get("code"))
        if outcome.status not in PATHS:
            raise ValueError(f"{where}: status {outcome.status!r} is not one of {', '.join(PATHS)}")
        failed = outcome.status != "Delivered"
        if failed != (outcome.error_code is not None) or (failed and not is_delivery_error_code(outcome.error_code)):
            raise ValueError(f"{where}: a failure needs a known deliveryErrorCode, a delivery none "
                             f"(got {outcome.error_code!r})")
        return outcome


def outcome_for(settings: dict[str, Any], to_numbers: list[str]) -> Outcome:
    """The scenario's rule for the first recipient that has one, else its outcome for everyone else."""
    rules = settings.get("recipients", {})
    number = next((n for n in to_numbers if n in rules), None)
    if number is not None:
        return Outcome.of(rules[number], f"messages.recipients.{number}")
    return Outcome.of(settings, "messages")


@dataclass
class Held:
    """An outbound message still Queued until `reads_left` more reads of it have seen Queued."""

    path: tuple[str, ...]
    reads_left: int


def release(message: Message, path: tuple[str, ...], clock: Clock, step_seconds: float,
            publish: Callable[[Event], None]) -> None:
    """Put the message on its path now: a timer for each later status, `step_seconds` apart."""
    start = clock.now()
    for index, status in enumerate(path[1:], 1):
        clock.call_at(start + index * max(step_seconds, 0), functools.partial(_move, message, status, clock, publish))


def _move(message: Message, status: str, clock: Clock, publish: Callable[[Event], None]) -> None:
    old, message.status, message.modified_at = message.status, status, clock.now()
    publish(MessageStatusChanged(message.id, message.extension_id, old, status, message.modified_at))
