"""POST .../extension/{extensionId}/sms and GET .../message-store/{messageId}."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .. import models, views
from ..state import Extension
from .deps import base_url, mock_state, owner


async def send_sms(
    request: Request, body: models.SmsRequest, extension: Annotated[Extension, Depends(owner)]
) -> models.MessageInfo:
    state = mock_state(request)
    message = state.send_sms(extension, body.from_.phoneNumber, [to.phoneNumber for to in body.to], body.text)
    return views.message_info(base_url(request), state, message)


async def read_message(
    request: Request, messageId: int, extension: Annotated[Extension, Depends(owner)]
) -> models.MessageInfo:
    state = mock_state(request)
    return views.message_info(base_url(request), state, state.read_message(extension, messageId))
