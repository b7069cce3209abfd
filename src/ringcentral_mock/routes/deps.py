"""What every handler needs: the state, the caller's extension, and this server's base URL.

Also the two checks every platform route runs before its handler: the body's media type, and the
caller's rate limit for the route's group, whose X-Rate-Limit-* headers `RateLimitHeaders` puts on
the response.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request, params
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import errors
from ..errors import PlatformError
from ..platform.accounts import Extension
from ..state import MockState

JSON = "application/json"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def mock_state(request: Request) -> MockState:
    return request.app.state.mock


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


# The dependencies are `async def` though they never wait: FastAPI runs a plain `def` dependency in
# its thread pool, a hop to a worker thread and back that cost more than the check itself.

async def owner(request: Request, accountId: str, extensionId: str) -> Extension:
    """The extension the path names, after checking the bearer token logs in as it."""
    return _resolved(request, accountId, extensionId)


async def account_member(request: Request, accountId: str) -> Extension:
    """The caller, after checking the path's `account/{id}` is its account (`~`: its own)."""
    return _resolved(request, accountId, "~")


# A route's parameter for the caller of an account-level path.
AccountMember = Annotated[Extension, Depends(account_member)]


def _resolved(request: Request, accountId: str, extensionId: str) -> Extension:
    state = mock_state(request)
    caller = state.tokens.authenticate(request.headers.get("authorization"))
    return state.account.resolve(caller, accountId, extensionId)


def basic_client(request: Request) -> tuple[str | None, str | None]:
    """(client id, client secret) from an `Authorization: Basic` header; (None, None) if there is none."""
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        with contextlib.suppress(binascii.Error, UnicodeDecodeError):  # a garbled header is no client
            client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
            return client_id, secret
    return None, None


def rate_limited(group: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency counting the request against the caller's `group` limit (429 CMN-301 when over).

    The caller is the token's extension on API routes, the client application on OAuth routes (the
    Basic header's, or for a Bearer call such as wstoken the application the token was issued to).
    """
    async def count(request: Request) -> None:
        state = mock_state(request)
        if group == "Auth":
            client_id = basic_client(request)[0]
            if client_id is None and request.headers.get("authorization", "").lower().startswith("bearer "):
                client_id = state.account.client_id
            caller = f"client:{client_id}"
        else:
            caller = f"extension:{state.tokens.authenticate(request.headers.get('authorization')).id}"
        request.state.rate_limit_headers = state.limiter.hit(caller, group)
    return count


class RateLimitHeaders:
    """ASGI middleware: every response to a counted request carries its X-Rate-Limit-* headers.

    The route's limiter dependency leaves them in the request state, so error responses raised
    later in the handler carry them too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            headers = state.get("rate_limit_headers")
            if message["type"] == "http.response.start" and headers:
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k.lower().encode(), v.encode()) for k, v in headers.items()
                                        if k.lower().encode() not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def accepted_media_type(request: Request) -> None:
    """415 for a body whose Content-Type the route does not read (a JSON body sent as text/plain too)."""
    route = request.scope.get("route")
    has_body = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
    if not isinstance(route, APIRoute) or route.body_field is None or not has_body:
        return
    accepted = FORM_TYPES if isinstance(route.body_field.field_info, params.Form) else (JSON,)
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type not in accepted:
        raise PlatformError.of(errors.UNSUPPORTED_MEDIA_TYPE, "Content-Type")
