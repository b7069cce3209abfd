"""What every handler needs: the state, the caller's extension, and this server's base URL."""

from __future__ import annotations

from fastapi import Request

from ..state import Extension, MockState


def mock_state(request: Request) -> MockState:
    return request.app.state.mock


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def owner(request: Request, accountId: str, extensionId: str) -> Extension:
    """The extension the path names, after checking the bearer token logs in as it."""
    state = mock_state(request)
    caller = state.authenticate(request.headers.get("authorization"))
    return state.resolve(caller, accountId, extensionId)
