"""GET .../extension/{extensionId}/phone-number: the extension's numbers and their features."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import Depends, Query, Request

from ..platform.accounts import Extension
from . import models, views
from .deps import base_url, mock_state, owner


async def list_phone_numbers(
    request: Request,
    extension: Annotated[Extension, Depends(owner)],
    status: models.NumberStatusFilter | None = None,
    usageType: Annotated[list[models.UsageTypeFilter] | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    perPage: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> models.PhoneNumberList:
    # Every mocked number is in the Normal status; the filters narrow the list as the platform does.
    numbers = [n for n in extension.numbers
               if status in (None, "Normal") and (not usageType or n.usage_type in usageType)]
    shown = dataclasses.replace(extension, numbers=numbers)
    return views.phone_number_list(base_url(request), mock_state(request), shown, page, perPage)
