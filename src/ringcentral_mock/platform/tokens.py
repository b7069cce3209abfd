"""OAuth tokens: JWT login, the refresh grant, revocation, and the bearer check every API call makes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from .. import errors
from ..errors import PlatformError
from .accounts import Account, Extension
from .capped import CappedDict
from .clock import Clock


@dataclass
class Token:
    access_token: str
    refresh_token: str
    extension_id: int
    client_id: str
    access_expires_at: float
    refresh_expires_at: float


@dataclass
class WsToken:
    """A token for one WebSocket connection (POST /restapi/oauth/wstoken): single use, short-lived."""

    value: str
    extension_id: int
    client_id: str
    expires_at: float


class Tokens(CappedDict):
    """The live tokens by access token, the newest `cap` of them; lifetimes from the scenario's `[tokens]`.

    WebSocket tokens are kept beside them, as many and as long.
    """

    def __init__(self, scenario: dict[str, Any], account: Account, clock: Clock) -> None:
        super().__init__()
        self.scenario = scenario  # read per token: a test may change the lifetimes after a reset
        self.account = account
        self.clock = clock
        self.ws = CappedDict()

    def reset(self, cap: int) -> None:
        super().reset(cap)
        self.ws.reset(cap)

    def issue_ws(self, caller: Extension) -> WsToken:
        ttl = self.scenario["websocket"]["token_ttl"]
        token = WsToken(f"mock-ws-{secrets.token_urlsafe(24)}", caller.id, self.account.client_id,
                        self.clock.now() + ttl)
        self.ws[token.value] = token
        return token

    def redeem_ws(self, value: str | None) -> Extension:
        """The extension a WebSocket token was issued to; the token is spent. WS_TOKEN_INVALID for an
        unknown, spent or expired one."""
        token = self.ws.pop(value, None) if value else None
        if token is None or token.expires_at <= self.clock.now():
            raise PlatformError.of(errors.WS_TOKEN_INVALID)
        return next(e for e in self.account.extensions if e.id == token.extension_id)

    def login_with_jwt(self, assertion: str, access_ttl: int | None = None, refresh_ttl: int | None = None) -> Token:
        extension = next((e for e in self.account.extensions if e.jwt == assertion), None)
        if extension is None:
            raise PlatformError.oauth(errors.TOKEN_NOT_FOUND, "invalid_grant")
        return self._issue(extension.id, access_ttl, refresh_ttl)

    def refresh(self, refresh_token: str, access_ttl: int | None = None, refresh_ttl: int | None = None) -> Token:
        token = next((t for t in self.values() if t.refresh_token == refresh_token), None)
        if token is None or token.refresh_expires_at <= self.clock.now():
            raise PlatformError.oauth(errors.TOKEN_NOT_FOUND, "invalid_grant")
        del self[token.access_token]
        return self._issue(token.extension_id, access_ttl, refresh_ttl)

    def revoke(self, token_value: str) -> None:
        """Revoking an unknown token succeeds, as on the platform: revocation is idempotent."""
        for access, token in list(self.items()):
            if token_value in (access, token.refresh_token):
                del self[access]

    def authenticate(self, authorization: str | None) -> Extension:
        """The extension a request's `Authorization: Bearer <token>` header logs in as."""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise PlatformError.of(errors.AUTH_HEADER_INVALID, value=authorization or "")
        token = self.get(value.strip())
        if token is None:
            raise PlatformError.of(errors.ACCESS_TOKEN_CORRUPTED)
        if token.access_expires_at <= self.clock.now():
            raise PlatformError.of(errors.ACCESS_TOKEN_EXPIRED)
        return next(e for e in self.account.extensions if e.id == token.extension_id)

    def _issue(self, extension_id: int, access_ttl: int | None, refresh_ttl: int | None) -> Token:
        """A new token pair. A client may ask for shorter lifetimes than the scenario's, never longer;
        zero or less (the JavaScript SDK sends -1 after a 401) means the default."""
        now = self.clock.now()
        ttl = self.scenario["tokens"]
        token = Token(
            access_token=f"mock-access-{secrets.token_urlsafe(24)}",
            refresh_token=f"mock-refresh-{secrets.token_urlsafe(24)}",
            extension_id=extension_id,
            client_id=self.account.client_id,
            access_expires_at=now + _lifetime(access_ttl, ttl["access_ttl"]),
            refresh_expires_at=now + _lifetime(refresh_ttl, ttl["refresh_ttl"]),
        )
        self[token.access_token] = token
        return token


def _lifetime(requested: int | None, configured: int) -> int:
    return min(requested, configured) if requested and requested > 0 else configured
