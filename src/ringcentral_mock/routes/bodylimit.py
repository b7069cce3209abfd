"""ASGI middleware that refuses oversized request bodies without reading them into memory.

A declared Content-Length over the limit is refused before a byte is read; a body streamed without
one is counted as it arrives and refused as soon as it passes the limit. (Starlette's own
max_body_size answers in plain text and is fixed when the app is built; this answers in the
platform's error shape and reads the limit from the current scenario, `[limits] max_body_bytes`.)
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import errors
from ..errors import PlatformError


class BodySizeLimit:
    def __init__(self, app: ASGIApp, scenario: dict[str, Any]) -> None:
        self.app = app
        self.scenario = scenario  # read per request: a reset (or a test) may change the limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.scenario["limits"]["max_body_bytes"]
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await PlatformError.of(errors.BODY_TOO_LARGE).response()(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                # Raised inside the handler's body read; the app's HTTPException handler answers 413.
                raise HTTPException(413)
            return message

        await self.app(scope, counting_receive, send)
