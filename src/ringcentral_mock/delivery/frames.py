"""The WebSocket gateway's frames: each one text message holding a JSON array, `[meta]` or `[meta, body]`.

Shapes as the platform sends them (its docs' examples, a live reply captured in ringcentral-python
issue #92): ConnectionDetails first, then ClientRequest replies matched by `messageId`,
ServerNotification frames and Heartbeat echoes. The platform sends no `WSG-SubscriptionId` header on a
subscription's reply, so the mock sends none either (the Python SDK 0.9.2 waits for one in vain).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ..errors import PlatformError

RECOVERY_TIMEOUT_FIELD = "recoveryTimeout"


def frame(meta: dict[str, Any], body: Any = None) -> str:
    return json.dumps([meta] if body is None else [meta, body])


def _meta(kind: str, status: int, message_id: str | None = None, **extra: Any) -> dict[str, Any]:
    request_id = str(uuid.uuid4())
    return {"type": kind, "messageId": message_id or request_id, "status": status,
            "headers": {"RCRequestId": request_id}, **extra}


def connection_details(wsc: dict[str, Any], created: str, settings: dict[str, Any],
                       recovery: dict[str, str] | None) -> str:
    body = {"creationTime": created, "maxConnectionsPerSession": 50,
            "recoveryBufferSize": settings["recovery_buffer"], RECOVERY_TIMEOUT_FIELD: settings["recovery_timeout"],
            "idleTimeout": 1800, "absoluteTimeout": 86400, "maxActiveRequests": 10, **(recovery or {})}
    return frame(_meta("ConnectionDetails", 200, wsc=wsc), body)


def reply(message_id: str, status: int, body: Any, wsc: dict[str, Any]) -> str:
    meta = _meta("ClientRequest", status, message_id, wsc=wsc)
    meta["headers"] |= {"Content-Type": "application/json"}
    return frame(meta, body)


def refusal(message_id: str, error: PlatformError, wsc: dict[str, Any]) -> str:
    return reply(message_id, error.status, error.body(), wsc)


def error(error: PlatformError, message_id: str | None = None, wsc: dict[str, Any] | None = None) -> str:
    """What the gateway says about a frame it cannot take, or a connection it will not serve."""
    extra = {"wsc": wsc} if wsc else {}
    return frame(_meta("Error", error.status, message_id, **extra), error.body())


def notification(envelope: dict[str, Any], wsc: dict[str, Any]) -> str:
    return frame(_meta("ServerNotification", 200, envelope["uuid"], wsc=wsc), envelope)


def heartbeat(message_id: str, wsc: dict[str, Any]) -> str:
    return frame({"type": "Heartbeat", "messageId": message_id, "status": 200, "wsc": wsc})
