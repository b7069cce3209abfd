"""The WebSocket gateway: `GET /ws?access_token=...[&wsc=...]`, as the platform's WSG speaks it.

A connection redeems a single-use token from POST /restapi/oauth/wstoken (a bad, spent or expired one
gets an `Error` frame and the close code 1008: the mock's choice, the platform's answer is not
published). It is told its ConnectionDetails first, then takes ClientRequest frames for its one
subscription (POST, PUT, GET and DELETE of /restapi/v1.0/subscription, with or without the trailing
slash the Python SDK adds; a second POST replaces the first, as on the platform) and Heartbeats, and is
sent a ServerNotification for every inbound SMS its subscription covers. A frame it cannot read gets
an `Error` frame; the connection stays up.

Faults (control/faults.py) reach ClientRequest frames too, matched by the request's method and path:
`error` answers with the refusal, `drop` cuts the connection instead of answering, `slow` answers late
and `advance-clock` moves the clock first. `hang` and `not-json` are for HTTP answers only.

A connection that drops keeps its session, subscription included, for the recovery window on the
mock's clock, buffering notifications; a client that reconnects with the session's `wsc` token in
time gets them, and `recoveryState: Successful`. After the window the subscription is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket
from starlette.websockets import WebSocketDisconnect, WebSocketState

from .. import errors
from ..control.recorder import client_request
from ..errors import PlatformError
from ..events import Event, InboundMessageArrived
from ..platform.accounts import Extension
from ..platform.clock import Timer
from ..platform.subscriptions import Subscription
from ..routes import views
from ..state import MockState
from . import frames

SUBSCRIPTION = "/restapi/v1.0/subscription"
FRAME_FAULTS = frozenset({"error", "drop", "slow", "advance-clock"})
DROPPED = 1001  # "going away": how the mock ends a connection it cuts, as a network would


@dataclass
class Session:
    """A client's WebSocket session: its recovery token, its subscription, and its connection while up."""

    extension: Extension
    base_url: str  # the mock's own, as the client reached it: notifications' attachment URIs use it
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    sequence: int = 0
    subscription: Subscription | None = None
    websocket: WebSocket | None = None
    loop: asyncio.AbstractEventLoop | None = None
    outbox: asyncio.Queue[str] | None = None
    sending: str | None = None  # the frame being written: buffered again if the connection goes meanwhile
    buffer: deque[str] = field(default_factory=deque)
    expiry: Timer | None = None  # the end of the recovery window, while disconnected

    def wsc(self) -> dict[str, Any]:
        self.sequence += 1
        return {"token": self.token, "sequence": self.sequence}

    def push(self, text: str) -> None:
        """Send a frame from any thread: queued for the connection, or buffered while it is down."""
        loop = self.loop
        if loop is not None:
            loop.call_soon_threadsafe(self._queue, text)
        else:
            self.buffer.append(text)

    def _queue(self, text: str) -> None:
        """On the connection's loop, which may have lost the connection since the push."""
        (self.outbox.put_nowait if self.outbox is not None else self.buffer.append)(text)


class Gateway:
    def __init__(self, state: MockState) -> None:
        self.state = state
        self.sessions: dict[str, Session] = {}  # by recovery token
        self._stray = False
        state.bus.subscribe(self.on_event)
        state.on_reset(self.reset)

    # -- what test control does ------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every session; the connections still up are cut (their clients see a drop)."""
        self.disconnect()
        self.sessions.clear()

    def disconnect(self) -> int:
        """Cut every connection, as a network would; the sessions stay, to be recovered. How many."""
        live = [s for s in self.sessions.values() if s.websocket is not None and s.loop is not None]
        for session in live:
            session.loop.call_soon_threadsafe(asyncio.ensure_future, _close(session.websocket, DROPPED))
        return len(live)

    @contextlib.contextmanager
    def astray(self, stray: bool = True) -> Iterator[None]:
        """While the block runs, notifications go out under a subscription id that is not the receiver's."""
        self._stray = stray
        try:
            yield
        finally:
            self._stray = False

    def connected(self) -> set[str]:
        """The ids of the subscriptions whose connection is up now."""
        return {s.subscription.id for s in self.sessions.values() if s.subscription and s.websocket is not None}

    # -- the platform's events -------------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if not isinstance(event, InboundMessageArrived):
            return
        for session in list(self.sessions.values()):
            subscription = session.subscription
            if subscription is not None and subscription.covers(event.extension_id):
                envelope = views.instant_sms_event(session.base_url, self.state, event.message, subscription)
                if self._stray:
                    envelope["subscriptionId"] = str(uuid.uuid4())
                subscription.sent += 1
                session.push(frames.notification(envelope, session.wsc()))

    # -- a connection ----------------------------------------------------------------------------

    async def serve(self, websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            caller = self.state.tokens.redeem_ws(websocket.query_params.get("access_token"))
        except PlatformError as refused:
            await websocket.send_text(frames.error(refused))
            await websocket.close(1008)
            return
        session, recovery = self._session(caller, websocket)
        session.websocket, session.loop, session.outbox = websocket, asyncio.get_running_loop(), asyncio.Queue()
        await websocket.send_text(frames.connection_details(session.wsc(), self.state.clock.iso(),
                                                            self.state.scenario["websocket"], recovery))
        while session.buffer:
            session.outbox.put_nowait(session.buffer.popleft())
        writer = asyncio.create_task(self._write(session))
        try:
            while (message := await websocket.receive())["type"] != "websocket.disconnect":
                await self._handle(session, message.get("text"))
        except WebSocketDisconnect:
            pass
        finally:
            writer.cancel()
            self._detach(session, websocket)

    async def _write(self, session: Session) -> None:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):  # the connection went while writing
            while True:
                session.sending = await session.outbox.get()
                await session.websocket.send_text(session.sending)
                session.sending = None

    def _session(self, caller: Extension, websocket: WebSocket) -> tuple[Session, dict[str, str] | None]:
        """The session a connection resumes (with `wsc`, inside the window), or a new one."""
        base_url = str(websocket.base_url).replace("ws", "http", 1).rstrip("/")
        wsc = websocket.query_params.get("wsc")
        if wsc is None:
            session = Session(caller, base_url)
            self.sessions[session.token] = session
            return session, None
        found = self.sessions.get(wsc)
        if found is not None and found.extension.id == caller.id and found.websocket is None:
            if found.expiry is not None:
                found.expiry.cancel()
                found.expiry = None
            return found, {"recoveryState": "Successful"}
        session = Session(caller, base_url)
        self.sessions[session.token] = session
        code = "WSG-1003" if found is not None else "WSG-1005"  # another OAuth session's, or none left
        return session, {"recoveryState": "Failed", "recoveryErrorCode": code}

    def _detach(self, session: Session, websocket: WebSocket) -> None:
        if session.websocket is not websocket:
            return  # a newer connection took the session over
        unsent = [session.sending] if session.sending is not None else []  # what never reached the client
        while session.outbox is not None and not session.outbox.empty():
            unsent.append(session.outbox.get_nowait())
        session.websocket = session.loop = session.outbox = session.sending = None
        if session.subscription is None:
            self.sessions.pop(session.token, None)
            return
        window = self.state.scenario["websocket"]["recovery_timeout"]
        session.buffer = deque(unsent, maxlen=self.state.scenario["websocket"]["recovery_buffer"])
        session.expiry = self.state.clock.call_at(self.state.clock.now() + window, lambda: self._expire(session))

    def _expire(self, session: Session) -> None:
        """The recovery window closed: the session and its subscription are gone."""
        if session.subscription is not None:
            self.state.subscriptions.pop(session.subscription.id, None)
        self.sessions.pop(session.token, None)

    # -- frames ----------------------------------------------------------------------------------

    async def _handle(self, session: Session, text: str | None) -> None:
        started = time.perf_counter()
        try:
            data = json.loads(text) if text is not None else None
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            data = None
        meta = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else None
        message_id = str(meta.get("messageId") or uuid.uuid4()) if meta else None
        kind = meta.get("type") if meta else None
        if kind == "Heartbeat":
            session.push(frames.heartbeat(message_id, session.wsc()))
        elif kind == "ClientRequest" and isinstance(meta.get("method"), str) and isinstance(meta.get("path"), str):
            body = data[1] if len(data) > 1 else None
            method, path = meta["method"].upper(), meta["path"].split("?")[0].rstrip("/")
            fault = self.state.faults.next_for(method, path, FRAME_FAULTS)
            status: int | None = None
            try:
                if fault is not None:
                    await self._fault(fault, session)
                if fault is None or fault.kind in ("slow", "advance-clock"):
                    status, answer = self._request(session, method, path, body)
                    session.push(frames.reply(message_id, status, answer, session.wsc()))
            except PlatformError as refused:
                status = refused.status
                session.push(frames.refusal(message_id, refused, session.wsc()))
            self.state.requests.append(client_request(method, path, body, status,
                                                      (time.perf_counter() - started) * 1000,
                                                      fault.kind if fault else None))
        else:
            session.push(frames.error(PlatformError.of(errors.WS_FRAME_INVALID), message_id, session.wsc()))

    async def _fault(self, fault: Any, session: Session) -> None:
        """What a fault does to a ClientRequest frame; an `error` raises the refusal it answers with."""
        match fault.kind:
            case "error":
                refused = PlatformError.of(getattr(errors, fault.error))
                raise refused
            case "drop":
                await _close(session.websocket, 1011)
            case "slow":
                await asyncio.sleep(fault.seconds)
            case "advance-clock":
                self.state.clock.advance(fault.seconds)

    def _request(self, session: Session, method: str, path: str, body: Any) -> tuple[int, Any]:
        subscriptions = self.state.subscriptions
        caller = session.extension
        if (method, path) == ("POST", SUBSCRIPTION):
            mode = body.get("deliveryMode") if isinstance(body, dict) else None
            if not isinstance(mode, dict) or mode.get("transportType") != "WebSocket":
                raise PlatformError.of(errors.INVALID_PARAMETER, "deliveryMode.transportType")
            created = subscriptions.create(caller, body.get("eventFilters"), "WebSocket")
            if session.subscription is not None:  # one subscription per connection: the new one replaces it
                subscriptions.pop(session.subscription.id, None)
            session.subscription = created
            return 200, views.subscription_info(self.state, created)
        prefix, _, subscription_id = path.rpartition("/")
        if prefix != SUBSCRIPTION or method not in ("GET", "PUT", "DELETE"):
            raise PlatformError.of(errors.WS_PATH_UNKNOWN)
        subscription = subscriptions.of(caller, subscription_id)
        if method == "PUT":
            subscriptions.update(caller, subscription_id, body.get("eventFilters") if isinstance(body, dict) else None)
        if method == "DELETE":
            subscriptions.pop(subscription.id)
            if session.subscription is subscription:
                session.subscription = None
            return 204, None
        return 200, views.subscription_info(self.state, subscription)


async def _close(websocket: WebSocket, code: int) -> None:
    if websocket.client_state == WebSocketState.CONNECTED:
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await websocket.close(code)
