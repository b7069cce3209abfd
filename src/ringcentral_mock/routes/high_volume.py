"""High Volume SMS (A2P) under .../account/{accountId}/a2p-sms: send a batch, read and list batches,
list and read their messages, and the aggregate statuses. The rules are in platform/high_volume.py."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query, Request

from ..platform.high_volume import MessageQuery
from ..platform.page_tokens import token_page
from . import models, views
from .deps import AccountMember, mock_state
from .messages import timestamp

PerPage = Annotated[int, Query(ge=1, le=1000)]
Directions = Annotated[list[models.MessageDirection] | None, Query()]
PhoneNumbers = Annotated[list[str] | None, Query()]


async def send_batch(request: Request, body: models.MessageBatchCreateRequest,
                     _: AccountMember) -> models.MessageBatchResponse:
    """201 (the route's status, see SEND_BATCH_OPTIONS) with the batch, and the recipients it rejected."""
    mock = mock_state(request)
    batch = mock.high_volume.send(body.from_, body.text, [(m.to, m.text) for m in body.messages])
    return views.batch_response(mock, batch, with_rejected=True)


# The platform answers a new batch with 201 Created (its API reference of 2021; the current one does not say).
SEND_BATCH_OPTIONS = {"status_code": 201}


async def read_batch(request: Request, batchId: str, _: AccountMember) -> models.MessageBatchResponse:
    mock = mock_state(request)
    return views.batch_response(mock, mock.high_volume.batch(batchId))


async def list_batches(
    request: Request, _: AccountMember, dateFrom: datetime | None = None, dateTo: datetime | None = None,
    from_: Annotated[str | None, Query(alias="from")] = None,
    status: Annotated[list[models.BatchStatusFilter] | None, Query()] = None,
    pageToken: str | None = None, perPage: PerPage = 1000,
) -> models.BatchListResponse:
    mock = mock_state(request)
    found = mock.high_volume.list_batches(timestamp(dateFrom, "dateFrom"), timestamp(dateTo, "dateTo"), from_,
                                          status)
    return views.batch_list(mock, token_page(found, pageToken, perPage, _filters(request)))


async def list_messages(
    request: Request, _: AccountMember, batchId: str | None = None, direction: Directions = None,
    dateFrom: datetime | None = None, dateTo: datetime | None = None, view: models.A2PView = "Simple",
    phoneNumber: PhoneNumbers = None, pageToken: str | None = None, perPage: PerPage = 1000,
) -> models.A2PMessageList:
    mock = mock_state(request)
    query = MessageQuery(batchId, direction, timestamp(dateFrom, "dateFrom"), timestamp(dateTo, "dateTo"),
                         phoneNumber)
    page = token_page(mock.high_volume.list_messages(query), pageToken, perPage, _filters(request))
    return views.a2p_message_list(mock, page, detailed=view == "Detailed")


async def read_message(request: Request, messageId: str, _: AccountMember) -> models.A2PMessageDetails:
    mock = mock_state(request)
    return views.a2p_message_details(mock, mock.high_volume.message(messageId))


async def aggregate_statuses(
    request: Request, _: AccountMember, batchId: str | None = None, direction: Directions = None,
    dateFrom: datetime | None = None, dateTo: datetime | None = None, phoneNumber: PhoneNumbers = None,
) -> models.MessageStatusesResponse:
    query = MessageQuery(batchId, direction, timestamp(dateFrom, "dateFrom"), timestamp(dateTo, "dateTo"),
                         phoneNumber)
    return models.MessageStatusesResponse(**mock_state(request).high_volume.statuses(query))


def _filters(request: Request) -> str:
    """The query a page token is bound to: every parameter but the paging ones, in a stable order."""
    return "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()
                           if k not in ("pageToken", "perPage")))
