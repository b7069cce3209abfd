"""POST /restapi/oauth/token and /restapi/oauth/revoke: form bodies, Basic client authentication."""

from __future__ import annotations

import base64
import binascii
import contextlib

from fastapi import Request, Response

from .. import errors, models
from ..errors import PlatformError
from ..state import MockState
from .deps import mock_state

JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"


async def token(request: Request) -> models.TokenResponse:
    state = mock_state(request)
    _check_basic_auth(state, request.headers.get("authorization"))
    form = await request.form()
    grant = form.get("grant_type")
    if grant == JWT_GRANT:
        issued = state.login_with_jwt(str(form.get("assertion") or ""))
    elif grant == "refresh_token":
        issued = state.refresh(str(form.get("refresh_token") or ""))
    else:
        raise PlatformError.oauth(errors.UNSUPPORTED_GRANT, "unsupported_grant_type", grant_type=grant or "")
    now = state.clock.now()
    return models.TokenResponse(
        access_token=issued.access_token,
        expires_in=round(issued.access_expires_at - now),
        refresh_token=issued.refresh_token,
        refresh_token_expires_in=round(issued.refresh_expires_at - now),
        scope="ReadAccounts ReadMessages SMS",
        owner_id=str(issued.extension_id),
        endpoint_id=f"mock-endpoint-{issued.extension_id}",
    )


async def revoke(request: Request) -> Response:
    state = mock_state(request)
    _check_basic_auth(state, request.headers.get("authorization"))
    form = await request.form()
    state.revoke(str(form.get("token") or ""))
    return Response(status_code=200)


def _check_basic_auth(state: MockState, header: str | None) -> None:
    scheme, _, encoded = (header or "").partition(" ")
    client_id = client_secret = None
    if scheme.lower() == "basic":
        with contextlib.suppress(binascii.Error, UnicodeDecodeError):  # a garbled header is no client
            client_id, _, client_secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    state.check_client(client_id, client_secret)
