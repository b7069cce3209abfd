"""What every handler needs: the state, the caller's extension, and this server's base URL.

Also the two checks every platform route runs before its handler: the body's media type, and the
caller's rate limit for the route's group.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Awaitable, Callable

from fastapi import Request, params
from fastapi.routing import APIRoute

from .. import errors
from ..errors import PlatformError
from ..state import Extension, MockState

JSON = "application/json"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def mock_state(request: Request) -> MockState:
    return request.app.state.mock


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def owner(request: Request, accountId: str, extensionId: str) -> Extension:
    """The extension the path names, after checking the bearer token logs in as it."""
    state = mock_state(request)
    caller = state.authenticate(request.headers.get("authorization"))
    return state.resolve(caller, accountId, extensionId)


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

    The caller is the token's extension on API routes, the client application on OAuth routes.
    """
    async def count(request: Request) -> None:
        state = mock_state(request)
        if group == "Auth":
            caller = f"client:{basic_client(request)[0]}"
        else:
            caller = f"extension:{state.authenticate(request.headers.get('authorization')).id}"
        request.state.rate_limit_headers = state.limiter.hit(caller, group)
    return count


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
