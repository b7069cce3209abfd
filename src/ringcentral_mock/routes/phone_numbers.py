"""GET .../extension/{extensionId}/phone-number: the extension's numbers and their features."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from .. import models, views
from ..state import Extension
from .deps import base_url, mock_state, owner


async def list_phone_numbers(
    request: Request,
    extension: Annotated[Extension, Depends(owner)],
    page: Annotated[int, Query(ge=1)] = 1,
    perPage: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> models.PhoneNumberList:
    return views.phone_number_list(base_url(request), mock_state(request), extension, page, perPage)
