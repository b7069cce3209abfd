"""Fault injection: declared failures the mock answers with instead of (or before) the platform's rules.

A fault selects requests by method and path pattern and by call count ("the first POST .../sms",
"the second GET of any message"), then does one thing to them: answer with a platform error and
`Retry-After`, drop the connection, answer late, never answer, answer with something that is not
JSON, or move the mock's clock on so the caller's access token expires. Scenarios declare faults
in `[[faults]]` tables; tests add them for a single run with `POST /__mock/faults`.

Only "slow" and "hang" wait on the wall clock, on purpose: they are what a sample's own network
timeout must bound.

WebSocket handshakes meet faults too, selected by the method `WS` (or `*`) and their path:
- `error` and `not-json` refuse the handshake with that answer (the platform error with its
  Retry-After, or the HTML page) as an HTTP response, through the ASGI `websocket.http.response`
  extension (uvicorn and Starlette's test client have it). A server without it is sent a close before
  the accept instead, code 1008, which it answers with a bare 403.
- `drop` accepts the connection, then closes it at once with code 1011 (a server error).
- `slow` answers the handshake late; `hang` never answers it until the caller gives up (past
  `seconds`, the server answers 500); `advance-clock` moves the clock, then connects as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
from typing import Annotated, Any, Literal

from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import errors
from ..errors import PlatformError
from ..platform.clock import Clock
from . import ADMIN_PREFIX, WEBSOCKET

SCOPE_KEY = "ringcentral_mock.fault"  # the recorder reads the kind of fault a request met from here


class Selector(BaseModel):
    """Which requests a fault hits: method, path pattern, and the place in the count of matching calls."""

    model_config = ConfigDict(extra="forbid")

    method: str = Field("*", description="HTTP method, WS for a WebSocket handshake, or * for any")
    path: str = Field("*", description="fnmatch pattern over the request path, e.g. */sms")
    after: int = Field(0, ge=0, description="let this many matching requests through first")
    times: int = Field(1, ge=0, description="how many matching requests it hits; 0 means every one")

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method.upper()) and fnmatch.fnmatchcase(path, self.path)


class ErrorFault(Selector):
    """Answer with a platform error (a constant of `errors`), optionally with `Retry-After`."""

    kind: Literal["error"]
    error: str = Field(description="the name of an error in ringcentral_mock.errors, e.g. RATE_EXCEEDED")
    retry_after: int | None = Field(None, ge=0, description="seconds, sent as the Retry-After header")

    @field_validator("error")
    @classmethod
    def _known(cls, name: str) -> str:
        if not isinstance(getattr(errors, name, None), tuple):
            raise ValueError(f"no error named {name!r} in ringcentral_mock.errors")
        return name


class DropFault(Selector):
    """Start an answer, then close the connection before it is complete (a WebSocket: accept, then close)."""

    kind: Literal["drop"]


class SlowFault(Selector):
    """Wait, then answer as usual."""

    kind: Literal["slow"]
    seconds: float = Field(gt=0, le=300)


class HangFault(Selector):
    """Accept the request and never answer, until the caller gives up.

    Bounded by `seconds` so a caller that never gives up cannot keep the server from stopping;
    past that, the server answers 500.
    """

    kind: Literal["hang"]
    seconds: float = Field(60, gt=0, le=3600)


class NotJsonFault(Selector):
    """Answer with an HTML page, as a proxy or a wrong server URL would."""

    kind: Literal["not-json"]
    status: int = Field(200, ge=200, le=599)


class AdvanceClockFault(Selector):
    """Move the mock's clock on, then answer as usual: tokens (and anything timed) age meanwhile."""

    kind: Literal["advance-clock"]
    seconds: float = Field(gt=0)


FaultSpec = Annotated[ErrorFault | DropFault | SlowFault | HangFault | NotJsonFault | AdvanceClockFault,
                      Field(discriminator="kind")]
_SPECS = TypeAdapter(list[FaultSpec])
DENIAL = "websocket.http.response"  # the ASGI extension that lets a WebSocket handshake be answered in HTTP
HTML_PAGE = b"<html><head><title>Welcome</title></head><body><p>This is a web page, not an API.</p></body></html>"


class Fault:
    """A declared fault and how many matching requests it has seen and hit."""

    def __init__(self, spec: FaultSpec) -> None:
        self.spec = spec
        self.seen = 0
        self.hits = 0

    def count(self, method: str, path: str) -> bool:
        """Count the request if it matches; True when the fault is due to hit it."""
        if not self.spec.matches(method, path):
            return False
        self.seen += 1
        return self.seen > self.spec.after and (self.spec.times == 0 or self.hits < self.spec.times)

    def describe(self) -> dict[str, Any]:
        return {**self.spec.model_dump(), "seen": self.seen, "hits": self.hits}


class FaultPlan:
    """The faults in force, in order: every one counts each request it matches, the first due one fires."""

    def __init__(self, specs: list[dict[str, Any]] | None = None) -> None:
        self.faults: list[Fault] = []
        self.add(specs or [])

    def add(self, specs: list[dict[str, Any]] | list[FaultSpec]) -> None:
        """Validate and append; a bad spec raises pydantic's ValidationError and adds nothing."""
        self.faults += [Fault(spec) for spec in _SPECS.validate_python(specs)]

    def reset(self, specs: list[dict[str, Any]] | None = None) -> None:
        """Only these faults (none by default), counts at zero; a bad spec raises ValidationError and
        changes nothing."""
        self.faults = [Fault(spec) for spec in _SPECS.validate_python(specs or [])]

    def next_for(self, method: str, path: str, kinds: frozenset[str] | None = None) -> FaultSpec | None:
        """The fault due for this request, if any; with `kinds`, only faults of those kinds count it."""
        due = [fault for fault in self.faults if (kinds is None or fault.spec.kind in kinds)
               and fault.count(method, path)]
        if not due:
            return None
        due[0].hits += 1
        return due[0].spec

    def describe(self) -> list[dict[str, Any]]:
        return [fault.describe() for fault in self.faults]


class FaultInjector:
    """ASGI layer in front of the routes: applies the plan's due fault to each platform request and
    WebSocket handshake."""

    def __init__(self, app: ASGIApp, plan: FaultPlan, clock: Clock) -> None:
        self.app = app
        self.plan = plan
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        method = WEBSOCKET if scope["type"] == "websocket" else scope["method"]
        fault = self.plan.next_for(method, scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        scope[SCOPE_KEY] = fault.kind
        await apply(fault, self.app, self.clock, scope, receive, send)


async def apply(fault: FaultSpec, app: ASGIApp, clock: Clock, scope: Scope, receive: Receive, send: Send) -> None:
    match fault:
        case ErrorFault():
            error = PlatformError.of(getattr(errors, fault.error))
            if fault.retry_after is not None:
                error.headers["Retry-After"] = str(fault.retry_after)
            await _answer(error.response(), scope, receive, send)
        case DropFault() if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": 1011})
        case DropFault():
            # The whole request is read first: closing on a body still arriving makes the close a reset,
            # which the caller may see before the head. The status line and headers then promise a body
            # that never comes; uvicorn closes the connection ("returned without completing response"),
            # which the caller sees as a drop.
            while (await receive()).get("more_body"):
                pass
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
        case SlowFault():
            await asyncio.sleep(fault.seconds)
            await app(scope, receive, send)
        case HangFault():
            await _until_disconnected(receive, fault.seconds)
        case NotJsonFault():
            await _answer(Response(HTML_PAGE, status_code=fault.status, media_type="text/html"), scope, receive, send)
        case AdvanceClockFault():
            clock.advance(fault.seconds)
            await app(scope, receive, send)


async def _answer(response: Response, scope: Scope, receive: Receive, send: Send) -> None:
    """An HTTP answer; to a WebSocket handshake, its refusal with that answer (Starlette's responses
    send themselves as one), or a bare refusal where the server has no way to send one."""
    if scope["type"] == "websocket" and DENIAL not in scope.get("extensions", {}):
        await send({"type": "websocket.close", "code": 1008})
    else:
        await response(scope, receive, send)


async def _until_disconnected(receive: Receive, seconds: float) -> None:
    async def disconnected() -> None:
        while (await receive())["type"] not in ("http.disconnect", "websocket.disconnect"):
            pass

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(disconnected(), seconds)
