"""ASGI middleware that records each platform request (method, path, query, parsed body, status), and
each WebSocket connection.

Each record also says how long the mock took to answer (`ms`, from the request reaching the app to
the response handed to the server, before this recording), which `make bench` reports as its latency.
A request is in the record from the moment it arrives; until it is answered, its `body`, `status`,
`fault` and `ms` are None.

A WebSocket connection is recorded in the same shape, with `method` "WS", `content_type` and `body`
None, and one more field, `close_code`. It is recorded once its handshake is answered: `status` 101
when accepted; when refused, the status of the HTTP answer sent instead (a close before the accept is
answered 403 by the server); None if the app never answered. `ms` is the time to that answer.
`close_code` stays None until an accepted connection ends, then holds the code it ended with: the
mock's close code, or the client's when the client closed first.

It also folds a leading `//` into `/`: a server URL with a trailing slash makes the Python SDK send
`//restapi/...`, which the platform accepts.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..routes import multipart
from . import ADMIN_PREFIX, WEBSOCKET
from .faults import SCOPE_KEY as FAULT
from .log import Log


class RequestRecorder:
    def __init__(self, app: ASGIApp, requests: Log) -> None:
        self.app = app
        self.requests = requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = "/" + scope["path"].lstrip("/")
        scope = {**scope, "path": path, "raw_path": path.encode()}
        if path.startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
        elif scope["type"] == "http":
            await self._request(scope, receive, send)
        else:
            await self._websocket(scope, receive, send)

    async def _request(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        status: list[int] = []
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # Recorded as it arrives, completed once answered: a request that is never answered (a hang
        # fault) is in the record as soon as it is made, status None, and one still open at a reset
        # stays in the log the reset replaced.
        record = _arrived(scope, scope["method"], headers.get("content-type"))
        self.requests.append(record)
        started = time.perf_counter()

        async def recording_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
            return message

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        try:
            await self.app(scope, recording_receive, recording_send)
        finally:
            elapsed = time.perf_counter() - started  # the mock's answer alone, not the recording of it
            record.update(body=parse_body(b"".join(chunks), headers.get("content-type", "")),
                          status=status[0] if status else None,
                          fault=scope.get(FAULT),  # the kind of injected fault this request met, if any
                          ms=round(elapsed * 1000, 3))

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        record = _arrived(scope, WEBSOCKET, None) | {"close_code": None}
        answered = False

        def answer(status: int | None) -> None:
            nonlocal answered
            answered = True
            record.update(status=status, fault=scope.get(FAULT), ms=round((time.perf_counter() - started) * 1000, 3))
            self.requests.append(record)

        async def recording_receive() -> Message:
            message = await receive()
            if message["type"] == "websocket.disconnect" and record["status"] == 101 and record["close_code"] is None:
                record["close_code"] = message.get("code", 1005)
            return message

        async def recording_send(message: Message) -> None:
            kind = message["type"]
            if not answered:
                if kind == "websocket.accept":
                    answer(101)
                elif kind == "websocket.http.response.start":
                    answer(message["status"])
                elif kind == "websocket.close":
                    answer(403)
            elif kind == "websocket.close" and record["close_code"] is None:
                record["close_code"] = message.get("code", 1000)
            await send(message)

        try:
            await self.app(scope, recording_receive, recording_send)
        finally:
            if not answered:
                answer(None)


def _arrived(scope: Scope, method: str, content_type: str | None) -> dict[str, Any]:
    """A request's record as it arrives: what it asks, with its answer still to come."""
    return {"method": method, "path": scope["path"], "query": _query(scope), "content_type": content_type,
            "body": None, "status": None, "fault": None, "ms": None}


def _query(scope: Scope) -> dict[str, Any]:
    return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(scope["query_string"].decode("latin-1")).items()}


def parse_body(raw: bytes, content_type: str) -> Any:
    """JSON, form and multipart bodies as data, anything else as text (None when empty)."""
    if not raw:
        return None
    if multipart.is_multipart(content_type):
        return {"parts": [_part(p) for p in multipart.parse(raw, content_type)]}
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            return json.loads(text)
        except ValueError:
            return text
    if "x-www-form-urlencoded" in content_type:
        return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
    return text


def _part(part: multipart.Part) -> dict[str, Any]:
    """A multipart part's headers, with its content parsed if JSON and only its size otherwise."""
    summary: dict[str, Any] = {"name": part.name, "filename": part.filename, "contentType": part.content_type}
    if part.content_type and "json" in part.content_type:
        return summary | {"body": parse_body(part.content, part.content_type)}
    return summary | {"size": len(part.content)}


def client_request(method: str, path: str, body: Any, status: int | None, ms: float,
                   fault: str | None) -> dict[str, Any]:
    """A request a client made over its WebSocket connection (a ClientRequest frame), recorded in the
    shape of an HTTP one, with `via` saying how it came; `status` None when it was never answered."""
    return {"method": method, "path": path, "query": {}, "content_type": "application/json", "body": body,
            "status": status, "fault": fault, "ms": round(ms, 3), "via": "websocket"}
