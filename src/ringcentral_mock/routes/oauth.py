"""POST /restapi/oauth/token and /restapi/oauth/revoke (form bodies, Basic client authentication), and
POST /restapi/oauth/wstoken (Bearer: the token for one WebSocket connection to the gateway)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request, Response

from .. import errors
from ..errors import PlatformError
from . import models
from .deps import base_url, basic_client, mock_state

JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"


async def token(request: Request, form: Annotated[models.TokenRequest, Form()]) -> models.TokenResponse:
    state = mock_state(request)
    state.account.check_client(*basic_client(request))
    lifetimes = {"access_ttl": form.access_token_ttl, "refresh_ttl": form.refresh_token_ttl}
    if form.grant_type == JWT_GRANT:
        issued = state.tokens.login_with_jwt(form.assertion or "", **lifetimes)
    elif form.grant_type == "refresh_token":
        issued = state.tokens.refresh(form.refresh_token or "", **lifetimes)
    else:
        raise PlatformError.oauth(errors.UNSUPPORTED_GRANT, "unsupported_grant_type", grant_type=form.grant_type)
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


async def wstoken(request: Request) -> models.WsTokenResponse:
    """The Python SDK sends `{}`, the JavaScript SDK no body; neither is read."""
    state = mock_state(request)
    issued = state.tokens.issue_ws(state.tokens.authenticate(request.headers.get("authorization")))
    gateway = base_url(request).replace("http", "ws", 1) + "/ws"
    return models.WsTokenResponse(ws_access_token=issued.value, uri=gateway,
                                  expires_in=round(issued.expires_at - state.clock.now()))


async def revoke(request: Request, form: Annotated[models.RevokeRequest, Form()]) -> Response:
    state = mock_state(request)
    state.account.check_client(*basic_client(request))
    state.tokens.revoke(form.token)
    return Response(status_code=200)
