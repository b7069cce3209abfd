"""/__mock/faults: the faults in force (with their counts), add some for a single test, clear them.

`POST /__mock/reset` also brings back the scenario's own faults, counts at zero.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from ..faults import FaultSpec
from .deps import mock_state


class FaultsRequest(BaseModel):
    faults: list[FaultSpec]


async def list_faults(request: Request) -> dict[str, Any]:
    return {"faults": mock_state(request).faults.describe()}


async def add_faults(request: Request, body: FaultsRequest) -> dict[str, Any]:
    plan = mock_state(request).faults
    plan.add(body.faults)
    return {"faults": plan.describe()}


async def clear_faults(request: Request) -> dict[str, Any]:
    plan = mock_state(request).faults
    plan.clear()
    return {"faults": plan.describe()}
