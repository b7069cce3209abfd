"""WebHook delivery: the mock as the platform's HTTP client, calling the receiver a subscription names.

Only loopback is ever called. `platform/subscriptions.py` refuses any other `deliveryMode.address` at
creation, before anything connects; this module checks again, with httpx's own reading of the URL,
before every request, and sends nothing to an address that fails (the attempt is logged as refused).
No proxy from the environment is used (`trust_env=False`) and redirects are not followed.

Validation, at creation, before the subscription is stored: a POST to the address with a
`Validation-Token: <random>` header and no body. It passes iff the answer comes within the
scenario's `[webhooks] validation_timeout` seconds (3.0 by default: the platform's documented 3000 ms),
is a 200, echoes the same `Validation-Token` header, and the whole response (status line, headers and
body, as received) is at most 1024 bytes. No answer (refused, unreachable, timed out) is 400 CMN-101 on
`deliveryMode.address`; a TLS failure on an https:// address is 400 SUB-524 (the mock's choice: it
tries https with certificate checks on, as the platform does, so a loopback receiver without a trusted
certificate fails); an answer that is wrong is 400 SUB-525.

Delivery: every inbound SMS that an Active, unexpired WebHook subscription covers is POSTed to its
address as the envelope the WebSocket gets (`views.instant_sms_event`, with the base URL the subscription
was created through), with `Content-Type: application/json; charset=UTF-8`, `User-Agent:
RingCentral-Webhook/8.3` and, when the subscription set one, `Verification-Token`. Deliveries are
asyncio tasks on the server's loop (the bus may publish from a request handler or a clock timer, on any
thread: they are scheduled onto the loop thread-safely), so they never hold up the request that caused
them. An attempt fails on no answer within `[webhooks] delivery_timeout` seconds (3.0), a non-2xx
status, or a refused connection.

The retry rule (the mock's choice; the platform publishes none): attempt 1 at once; after a failed
attempt n, attempt n+1 is due `retry_delays[n-1]` seconds later on the MOCK's clock (`[webhooks]
retry_delays = [60, 300]`: attempt 2 60 s after attempt 1 failed, attempt 3 300 s after attempt 2), so
tests move the clock instead of sleeping. When the last attempt fails the subscription becomes
`Blacklisted`, with `blacklistedData` {reason, blacklistedAt}, and nothing more is delivered to it.
A retry is the same envelope (same `uuid`) again.

Every attempt, validations included, is logged for `GET /__mock/deliveries` (bounded by `[webhooks]
max_recorded_deliveries`); a reset empties the log, cancels attempts under way and forgets the timers.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
import time
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import httpx

from .. import errors
from ..control.log import Log
from ..errors import PlatformError
from ..events import Event, InboundMessageArrived
from ..platform.subscriptions import Subscription, loopback_host, loopback_url
from ..routes import views
from ..state import MockState

log = logging.getLogger(__name__)

USER_AGENT = "RingCentral-Webhook/8.3"
MAX_VALIDATION_RESPONSE = 1024  # bytes: status line, headers and body together
DEFAULTS: dict[str, Any] = {"validation_timeout": 3.0, "delivery_timeout": 3.0, "retry_delays": [60, 300],
                            "max_recorded_deliveries": 10000}


@dataclass
class Attempt:
    """How one request to a receiver went: the status it answered (None when none), why it failed, if it did."""

    status: int | None = None
    error: str | None = None
    ms: float = 0.0
    refusal: tuple[int, str, str] | None = None  # validation: the platform error it becomes


def safe(address: str | None) -> bool:
    """The check before every request: the mock's rule and httpx's own reading of the host both say loopback."""
    if not loopback_url(address):
        return False
    try:
        return loopback_host(httpx.URL(address).host)
    except (httpx.InvalidURL, TypeError):
        return False


def _tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _io_reason(exc: BaseException) -> str:
    """A failed request told the platform's way (its blacklist reason reads `I/O operation is failed. ...`)."""
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        detail = "Read timed out"
    elif _tls_failure(exc):
        detail = "TLS handshake failed"
    elif isinstance(exc, httpx.ConnectError):
        detail = "Connection refused"
    else:
        detail = type(exc).__name__
    return f"I/O operation is failed. Details: [{detail}]"


class Webhooks:
    """Validates WebHook addresses and delivers notifications to them; keeps the deliveries log."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.deliveries = Log()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._generation = 0  # bumped by each reset: attempts of an earlier generation do nothing more
        self.deliveries.reset(self.settings()["max_recorded_deliveries"])
        state.bus.subscribe(self.on_event)
        state.on_reset(self.reset)

    def settings(self) -> dict[str, Any]:
        return {**DEFAULTS, **self.state.scenario.get("webhooks", {})}

    # -- the server's life, and resets -----------------------------------------------------------

    def start(self) -> None:
        """On the server's loop (the app's lifespan): deliveries run as tasks on it."""
        self.loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.loop = None

    def reset(self) -> None:
        self._generation += 1
        self.deliveries.reset(self.settings()["max_recorded_deliveries"])
        loop = self.loop
        if loop is not None:
            for task in list(self._tasks):
                loop.call_soon_threadsafe(task.cancel)

    # -- validation ------------------------------------------------------------------------------

    async def validate(self, subscription: Subscription) -> None:
        """The Validation-Token handshake with the subscription's address; a PlatformError if it fails."""
        address = subscription.address
        timeout = float(self.settings()["validation_timeout"])
        if not safe(address):
            self._log(subscription, "validation", 1, Attempt(error="address is not loopback: not called"))
            raise PlatformError.of(errors.INVALID_PARAMETER, "deliveryMode.address")
        token = str(uuid.uuid4())
        started, at = time.perf_counter(), self.state.clock.iso()
        attempt = Attempt()
        try:
            async with asyncio.timeout(timeout), _client(timeout) as client, \
                    client.stream("POST", address, headers={"Validation-Token": token}) as response:
                attempt.status = response.status_code
                body = bytearray()
                async for chunk in response.aiter_raw():
                    body += chunk
                    if len(body) > MAX_VALIDATION_RESPONSE:
                        break  # over the limit already: no need to read the rest
        except (TimeoutError, httpx.HTTPError, OSError) as exc:
            attempt.error = _io_reason(exc)
            attempt.refusal = errors.HTTPS_CERTIFICATE_INVALID if _tls_failure(exc) else errors.INVALID_PARAMETER
        else:
            size = _response_size(response, bytes(body))
            if attempt.status != 200:
                attempt.error = f"Response status {attempt.status}"
            elif response.headers.get("Validation-Token") != token:
                attempt.error = "the Validation-Token header was not echoed"
            elif size > MAX_VALIDATION_RESPONSE:
                attempt.error = f"the response is over {MAX_VALIDATION_RESPONSE} bytes ({size} or more)"
            if attempt.error:
                attempt.refusal = errors.WEBHOOK_RESPONSE_INVALID
        attempt.ms = (time.perf_counter() - started) * 1000
        self._log(subscription, "validation", 1, attempt, at)
        if attempt.refusal == errors.INVALID_PARAMETER:
            raise PlatformError.of(errors.INVALID_PARAMETER, "deliveryMode.address")
        if attempt.refusal is not None:
            raise PlatformError.of(attempt.refusal)

    # -- delivery --------------------------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if not isinstance(event, InboundMessageArrived):
            return
        for subscription in self.state.subscriptions.covering(event.extension_id):
            if subscription.transport == "WebHook":
                envelope = views.instant_sms_event(subscription.base_url, self.state, event.message, subscription)
                self._schedule(subscription, envelope, 1, self._generation)

    def _schedule(self, subscription: Subscription, envelope: dict[str, Any], number: int, generation: int) -> None:
        """Attempt `number` as a task on the server's loop; callable from any thread."""
        loop = self.loop
        if loop is None or loop.is_closed():
            self._log(subscription, "notification", number, Attempt(error="the mock is not serving: not sent"))
            return
        loop.call_soon_threadsafe(self._spawn, self._notify(subscription, envelope, number, generation))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _deliverable(self, subscription: Subscription, generation: int) -> bool:
        return (generation == self._generation and subscription.status == "Active" and not subscription.ended
                and not subscription.expired(self.state.clock.now()))

    async def _notify(self, subscription: Subscription, envelope: dict[str, Any], number: int,
                      generation: int) -> None:
        try:
            if not self._deliverable(subscription, generation):
                return
            at = self.state.clock.iso()
            attempt = await self._post(subscription, envelope)
            if generation != self._generation:
                return  # a reset came meanwhile
            if attempt.error is None:
                subscription.sent += 1
            elif attempt.refusal is None:  # refusal: an address that is not loopback, never retried
                self._retry_or_blacklist(subscription, envelope, number, generation, attempt.error)
            self._log(subscription, "notification", number, attempt, at)  # last: a test polling it sees the outcome
        except Exception:
            log.exception("a WebHook delivery failed unexpectedly")

    async def _post(self, subscription: Subscription, envelope: dict[str, Any]) -> Attempt:
        if not safe(subscription.address):
            return Attempt(error="address is not loopback: not called", refusal=errors.INVALID_PARAMETER)
        timeout = float(self.settings()["delivery_timeout"])
        headers = {"Content-Type": "application/json; charset=UTF-8"}
        if subscription.verification_token is not None:
            headers["Verification-Token"] = subscription.verification_token
        started = time.perf_counter()
        attempt = Attempt()
        try:
            async with asyncio.timeout(timeout), _client(timeout) as client:
                response = await client.post(subscription.address, headers=headers,
                                             content=json.dumps(envelope).encode())
                attempt.status = response.status_code
        except (TimeoutError, httpx.HTTPError, OSError) as exc:
            attempt.error = _io_reason(exc)
        else:
            if not 200 <= response.status_code < 300:
                attempt.error = f"Response status {response.status_code}"
        attempt.ms = (time.perf_counter() - started) * 1000
        return attempt

    def _retry_or_blacklist(self, subscription: Subscription, envelope: dict[str, Any], number: int,
                            generation: int, reason: str) -> None:
        delays = self.settings()["retry_delays"]
        if number <= len(delays):
            clock = self.state.clock
            clock.call_at(clock.now() + float(delays[number - 1]),
                          lambda: self._schedule(subscription, envelope, number + 1, generation))
        elif subscription.status == "Active":
            self.state.subscriptions.blacklist(subscription, reason)

    # -- the log ---------------------------------------------------------------------------------

    def _log(self, subscription: Subscription, kind: str, number: int, attempt: Attempt,
             at: str | None = None) -> None:
        self.deliveries.append({"subscriptionId": subscription.id, "kind": kind, "attempt": number,
                                "address": subscription.address, "status": attempt.status, "error": attempt.error,
                                "ms": round(attempt.ms, 1), "at": at or self.state.clock.iso()})

    def entries(self) -> list[dict[str, Any]]:
        return [dict(entry) for entry in self.deliveries]


def _client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeout, trust_env=False, follow_redirects=False,
                             headers={"User-Agent": USER_AGENT})


def _response_size(response: httpx.Response, body: bytes) -> int:
    """The response as it came over the wire, near enough: status line, header lines, blank line, body."""
    status_line = f"{response.http_version} {response.status_code} {response.reason_phrase}\r\n"
    headers = sum(len(name) + 2 + len(value) + 2 for name, value in response.headers.raw)
    return len(status_line.encode()) + headers + 2 + len(body)
