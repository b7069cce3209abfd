"""ASGI middleware that records each platform request (method, path, query, parsed body, status).

Each record also says how long the mock took to answer (`ms`, from the request reaching the app to
the response handed to the server, before this recording), which `make bench` reports as its latency.

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
from . import ADMIN_PREFIX
from .faults import SCOPE_KEY as FAULT
from .log import Log


class RequestRecorder:
    def __init__(self, app: ASGIApp, requests: Log) -> None:
        self.app = app
        self.requests = requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = "/" + scope["path"].lstrip("/")
        scope = {**scope, "path": path, "raw_path": path.encode()}
        if path.startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        chunks: list[bytes] = []
        status: list[int] = []

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
            elapsed = time.perf_counter() - started
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            self.requests.append({
                "method": scope["method"],
                "path": path,
                "query": {k: v if len(v) > 1 else v[0]
                          for k, v in parse_qs(scope["query_string"].decode("latin-1")).items()},
                "content_type": headers.get("content-type"),
                "body": parse_body(b"".join(chunks), headers.get("content-type", "")),
                "status": status[0] if status else None,
                "fault": scope.get(FAULT),  # the kind of injected fault this request met, if any
                "ms": round(elapsed * 1000, 3),
            })


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
