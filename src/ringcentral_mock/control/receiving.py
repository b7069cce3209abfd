"""The admin routes for receiving: a text from outside the account, the subscriptions, cut connections.

`POST /__mock/inbound` is what a test (or a reader with curl) does where the platform has a phone on
the other end: the message lands in the store of the extension that owns `to` and every subscription
that covers it is notified.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field

from ..errors import PlatformError
from ..platform import messages
from ..routes import views
from ..routes.deps import base_url, mock_state

E164 = r"^\+[1-9]\d{6,14}$"


class InboundAttachment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contentType: str  # noqa: N815  (the platform's spelling)
    content: str = Field(description="the bytes, base64")
    fileName: str | None = None  # noqa: N815


class InboundRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: str = Field(alias="from", pattern=E164)
    to: str | None = Field(None, pattern=E164, description="default: the scenario user's first SMS number")
    text: str = ""
    attachments: list[InboundAttachment] = []
    # Deliver its notifications under another subscription's id, as one still in flight for a
    # subscription that was replaced: a client must tell them from its own.
    stray: bool = False


async def inbound(request: Request, body: InboundRequest) -> dict[str, Any]:
    state = mock_state(request)
    try:
        attachments = [messages.attachment(a.fileName, a.contentType, base64.b64decode(a.content, validate=True))
                       for a in body.attachments]
    except binascii.Error:
        raise PlatformError(400, "CMN-101", "an attachment's content is not base64", "attachments") from None
    try:
        with request.app.state.gateway.astray(body.stray):
            stored = state.receive(body.to, body.from_, body.text, attachments)
    except ValueError as refused:
        raise PlatformError(400, "CMN-101", str(refused), "to") from None
    return views.message_info(base_url(request), state, stored).model_dump(mode="json", exclude_none=True)


async def subscriptions(request: Request) -> list[dict[str, Any]]:
    """Every subscription, WebSocket and WebHook: whether its connection is up, when it expires, how many
    notifications it was sent; a WebHook one with its `address` and, once blacklisted, `blacklistedData`."""
    state = mock_state(request)
    state.subscriptions.purge_expired()
    now, connected = state.clock.now(), request.app.state.gateway.connected()
    listed = []
    for sub in list(state.subscriptions.values()):
        entry = {"id": sub.id, "transport": sub.transport, "eventFilters": sub.event_filters,
                 "status": sub.status, "connected": sub.id in connected,
                 "expirationTime": state.clock.iso(sub.expires_at),
                 "expiresIn": max(0, round(sub.expires_at - now)), "notificationsSent": sub.sent}
        if sub.transport == "WebHook":
            entry.update({"address": sub.address, "extensionId": sub.extension_id})
            if sub.blacklisted is not None:
                entry["blacklistedData"] = dict(sub.blacklisted)
        listed.append(entry)
    return listed


async def deliveries(request: Request) -> list[dict[str, Any]]:
    """Every request the mock made to a WebHook receiver since the last reset, oldest first: validations and
    notification attempts, with what each answered (see delivery/webhook.py)."""
    return request.app.state.webhooks.entries()


async def disconnect(request: Request) -> dict[str, int]:
    """Cut every WebSocket connection, as a network would: their sessions wait to be recovered."""
    return {"disconnected": request.app.state.gateway.disconnect()}
