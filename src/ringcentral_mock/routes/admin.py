"""The admin API under /__mock/, for tests and tools; never part of the platform's surface."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from .. import scenarios
from ..errors import PlatformError
from .deps import base_url, mock_state


class ResetRequest(BaseModel):
    scenario: str | None = None


async def health(request: Request) -> dict[str, Any]:
    state = mock_state(request)
    return {"status": "ok", "scenario": state.scenario_name, "scenarios": scenarios.names()}


async def recorded_requests(request: Request) -> list[dict[str, Any]]:
    return mock_state(request).requests


async def reset(request: Request, body: ResetRequest | None = None) -> dict[str, Any]:
    state = mock_state(request)
    scenario = body.scenario if body else None
    try:
        state.reset(scenario)
    except ValueError as exc:
        raise PlatformError(400, "CMN-101", str(exc), "scenario") from None
    return {"status": "ok", "scenario": state.scenario_name, "env": state.env(base_url(request))}


async def env(request: Request) -> dict[str, str]:
    return mock_state(request).env(base_url(request))
