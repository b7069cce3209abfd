"""The admin API under /__mock/, for tests and tools; never part of the platform's surface.

Health, the scenario's .env lines, reset, the recorded requests (alone, or in one answer with the
WebHook deliveries and the faults: what a test checks after a run), the events the platform published,
the mock's clock, and the faults in force (with their counts): add some for a single test, or clear
them. `POST /__mock/reset` also brings back the scenario's own faults, counts at zero; it takes a
built-in scenario by name, or a scenario of the caller's own as TOML text (the server reads no file).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import scenarios
from ..errors import PlatformError
from ..routes.deps import base_url, mock_state
from .faults import FaultSpec


class ResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario: str | None = Field(None, description="a built-in scenario's name; default: the current scenario")
    toml: str | None = Field(None, description="a scenario of your own, as TOML text (it may extend a built-in one)")
    origin: str = Field("scenario.toml", description="what errors call the TOML text: its file's name")

    @model_validator(mode="after")
    def _one_scenario(self) -> ResetRequest:
        if self.scenario is not None and self.toml is not None:
            raise ValueError("give `scenario` or `toml`, not both")
        return self

    def chosen(self) -> scenarios.Scenario | None:
        return scenarios.ScenarioText(self.origin, self.toml) if self.toml is not None else self.scenario


class ClockRequest(BaseModel):
    advance: float = Field(ge=0, description="seconds to move the mock's clock forward")


class FaultsRequest(BaseModel):
    faults: list[FaultSpec]


async def health(request: Request) -> dict[str, Any]:
    state = mock_state(request)
    return {"status": "ok", "scenario": state.scenario_name, "scenarios": scenarios.names()}


async def recorded_requests(request: Request) -> Response:
    return _ascii_json(list(mock_state(request).requests))


async def record(request: Request) -> Response:
    """What a test checks after a run, in one answer rather than three: the requests (as GET
    /__mock/requests), the WebHook deliveries (as GET /__mock/deliveries) and the faults with their
    counts (as GET /__mock/faults)."""
    state = mock_state(request)
    return _ascii_json({"requests": list(state.requests), "deliveries": request.app.state.webhooks.entries(),
                        "faults": state.faults.describe()})


def _ascii_json(value: Any) -> Response:
    # ASCII-escaped JSON: a recorded body may hold text no UTF-8 encoder takes (a lone surrogate).
    return Response(json.dumps(value), media_type="application/json")


async def published_events(request: Request) -> list[dict[str, Any]]:
    """Every event published since the last reset, oldest first: its kind, its fields and its mock time.

    What is due by now happens first, as before a read of the message store."""
    state = mock_state(request)
    state.clock.fire_due()
    return [{"kind": type(event).__name__, "at": state.clock.iso(event.at), **event.fields()}
            for event in state.events]


async def reset(request: Request, body: ResetRequest | None = None) -> dict[str, Any]:
    state = mock_state(request)
    try:
        state.reset(body.chosen() if body else None)
    except ValueError as exc:
        raise PlatformError(400, "CMN-101", str(exc), "scenario") from None
    return {"status": "ok", "scenario": state.scenario_name, "env": state.env(base_url(request))}


async def env(request: Request) -> dict[str, str]:
    return mock_state(request).env(base_url(request))


async def advance_clock(request: Request, body: ClockRequest) -> dict[str, Any]:
    """Move the mock's time forward: tokens expire, rate-limit windows and penalties pass, and whatever
    falls due on the way happens (a message moves on), each at its own time."""
    clock = mock_state(request).clock
    clock.advance(body.advance)
    return {"now": clock.iso(), "offset": clock.offset}


async def list_faults(request: Request) -> dict[str, Any]:
    return {"faults": mock_state(request).faults.describe()}


async def add_faults(request: Request, body: FaultsRequest) -> dict[str, Any]:
    plan = mock_state(request).faults
    plan.add(body.faults)
    return {"faults": plan.describe()}


async def clear_faults(request: Request) -> dict[str, Any]:
    plan = mock_state(request).faults
    plan.reset()
    return {"faults": plan.describe()}
