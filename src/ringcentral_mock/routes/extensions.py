"""GET .../extension/{extensionId}: who the caller is logged in as (number, name, type, status)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..platform.accounts import Extension
from . import models, views
from .deps import base_url, mock_state, owner


async def read_extension(request: Request, extension: Annotated[Extension, Depends(owner)]) -> models.ExtensionInfo:
    return views.extension_info(base_url(request), mock_state(request), extension)
