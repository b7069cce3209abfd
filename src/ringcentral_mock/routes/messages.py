"""POST .../extension/{extensionId}/sms (JSON, or multipart for an MMS) and the message store: list,
read, mark read or unread, delete and restore (one message, several, or whole conversations), sync,
and an attachment's content (with byte ranges)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response
from fastapi.routing import APIRoute

from .. import errors
from ..errors import PlatformError
from ..platform import messages
from ..platform.accounts import Extension
from ..platform.messages import MessageFilter
from . import models, multipart, views
from .deps import base_url, mock_state, owner

ATTACHMENTS = "ringcentral_mock.attachments"  # where a multipart request's attachments wait for the handler


async def send_sms(
    request: Request, body: models.SmsRequest, extension: Annotated[Extension, Depends(owner)]
) -> models.MessageInfo:
    mock = mock_state(request)
    message = mock.messages.send(extension, body.from_.phoneNumber, [to.phoneNumber for to in body.to], body.text,
                            request.scope.get(ATTACHMENTS))
    return views.message_info(base_url(request), mock, message)


async def read_message(
    request: Request, messageId: int, extension: Annotated[Extension, Depends(owner)]
) -> models.MessageInfo:
    mock = mock_state(request)
    return views.message_info(base_url(request), mock, mock.messages.read(extension, messageId))


async def list_messages(
    request: Request,
    extension: Annotated[Extension, Depends(owner)],
    messageType: Annotated[list[models.MessageType] | None, Query()] = None,
    direction: Annotated[list[models.MessageDirection] | None, Query()] = None,
    readStatus: Annotated[list[models.ReadStatus] | None, Query()] = None,
    availability: Annotated[list[models.Availability] | None, Query()] = None,
    conversationId: int | None = None,
    phoneNumber: str | None = None,
    distinctConversations: bool = False,
    dateFrom: datetime | None = None,
    dateTo: datetime | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    perPage: Annotated[int, Query(ge=1)] = 100,
) -> models.MessageList:
    mock = mock_state(request)
    selected = MessageFilter(messageType, direction, readStatus, availability, conversationId, phoneNumber,
                             distinctConversations)
    found = mock.messages.select(extension, selected, timestamp(dateFrom, "dateFrom"), timestamp(dateTo, "dateTo"))
    filters = {k: request.query_params.getlist(k) for k in request.query_params if k not in ("page", "perPage")}
    per_page = min(perPage, 1000)  # the platform applies its maximum rather than refusing more
    return views.message_list(base_url(request), mock, extension, found, page, per_page, filters)


async def update_message(
    request: Request, messageId: str, body: models.MessageUpdateRequest,
    extension: Annotated[Extension, Depends(owner)],
) -> models.MessageInfo:
    """PUT: the read status of one message (200, its record) or of up to 50 (`1,2,3`): 207."""
    return _update(request, extension, messageId, body.readStatus, None)


async def patch_message(
    request: Request, messageId: str, body: models.MessagePatchRequest,
    extension: Annotated[Extension, Depends(owner)],
) -> models.MessageInfo:
    """PATCH: read status, availability (`Alive` restores a deleted message), or both; bulk as PUT."""
    if body.readStatus is None and body.availability is None:
        raise PlatformError.of(errors.INVALID_PARAMETER, "readStatus")
    return _update(request, extension, messageId, body.readStatus, body.availability)


async def delete_message(
    request: Request, messageId: int, extension: Annotated[Extension, Depends(owner)], purge: bool = False,
    type: models.MessageType | Literal["All"] = "All",  # noqa: A002  (the platform's name)
) -> Response:
    """204, no body: Alive becomes Deleted, Deleted (or anything, with `purge=true`) Purged."""
    mock_state(request).messages.delete(extension, messageId, purge)
    return Response(status_code=204)


async def delete_conversations(
    request: Request, extension: Annotated[Extension, Depends(owner)],
    conversationId: Annotated[list[int] | None, Query()] = None, dateTo: datetime | None = None,
    purge: bool = False, type: models.MessageType | Literal["All"] = "All",  # noqa: A002
) -> Response:
    """DELETE .../message-store?conversationId=...: 204. The mock's choice: conversationId is required, so
    a missing one cannot empty the whole store."""
    if not conversationId:
        raise PlatformError.of(errors.INVALID_PARAMETER, "conversationId")
    mock_state(request).messages.delete_conversations(extension, conversationId, timestamp(dateTo, "dateTo"),
                                                      purge)
    return Response(status_code=204)


async def sync_messages(
    request: Request,
    extension: Annotated[Extension, Depends(owner)],
    syncType: Literal["FSync", "ISync"] = "FSync",
    syncToken: str | None = None,
    messageType: Annotated[list[models.MessageType] | None, Query()] = None,
    direction: Annotated[list[models.MessageDirection] | None, Query()] = None,
    conversationId: int | None = None,
    distinctConversations: bool = False,
    dateFrom: datetime | None = None,
    dateTo: datetime | None = None,
    recordCount: Annotated[int | None, Query(ge=1)] = None,
) -> models.MessageSyncResponse:
    """FSync: the messages the filters select; ISync (with `syncToken`): only what changed since."""
    if syncType == "ISync" and not syncToken:
        raise PlatformError.of(errors.INVALID_PARAMETER, "syncToken")
    mock = mock_state(request)
    selected = MessageFilter(messageType, direction, None, None, conversationId, None, distinctConversations)
    answer = mock.messages.sync(extension, syncToken if syncType == "ISync" else None, selected,
                                timestamp(dateFrom, "dateFrom"), timestamp(dateTo, "dateTo"), recordCount)
    return views.message_sync(base_url(request), mock, extension, answer)


def _update(request: Request, extension: Extension, ids: str, read_status: str | None,
            availability: str | None) -> Any:
    """One id: its record (FastAPI renders it as the route's model); several: a bare 207 Response."""
    mock = mock_state(request)
    base = base_url(request)
    wanted = message_ids(ids)
    if len(wanted) == 1:
        return views.message_info(base, mock, mock.messages.mark(extension, wanted[0], read_status, availability))
    answers: list[tuple[int, str]] = []
    for message_id in wanted:
        try:
            message = mock.messages.mark(extension, message_id, read_status, availability)
            answers.append((200, views.message_info(base, mock, message).model_dump_json(exclude_none=True,
                                                                                         by_alias=True)))
        except PlatformError as refused:
            answers.append((refused.status, json.dumps(refused.body())))
    return multi_status(answers)


def message_ids(path_value: str) -> list[int]:
    """The ids of a path's `{messageId}`: one, or up to 50 joined by commas; 400 CMN-101 otherwise."""
    parts = path_value.split(",")
    if not all(re.fullmatch(r"\d{1,18}", p) for p in parts):
        raise PlatformError.of(errors.INVALID_PARAMETER, "messageId")
    if len(parts) > messages.MAX_BULK_IDS:
        raise PlatformError.of(errors.TOO_MANY_IDS, "messageId", limit=messages.MAX_BULK_IDS)
    return [int(p) for p in parts]


def multi_status(answers: list[tuple[int, str]]) -> Response:
    """207 Multi-Status as the platform's batch answers are: multipart/mixed, a first part listing each
    status, then each id's JSON body (a record or an error), in the order of the ids."""
    boundary = uuid.uuid4().hex
    statuses = json.dumps({"response": [{"status": status} for status, _ in answers]})
    parts = [statuses, *(body for _, body in answers)]
    text = "".join(f"--{boundary}\r\nContent-Type: application/json\r\n\r\n{part}\r\n" for part in parts)
    return Response(f"{text}--{boundary}--\r\n", status_code=207,
                    media_type=f"multipart/mixed; boundary={boundary}")


async def attachment_content(
    request: Request, messageId: int, attachmentId: int, extension: Annotated[Extension, Depends(owner)]
) -> Response:
    """The attachment's bytes, whole or (`Range: bytes=a-b`) in part: 206, or 416 CMN-107 past its end."""
    found = mock_state(request).messages.content(extension, messageId, attachmentId)
    headers = {"Accept-Ranges": "bytes", "Content-Disposition": f'inline; filename="{found.filename or found.id}"'}
    wanted = request.headers.get("range")
    if wanted is None:
        return Response(found.content, media_type=found.content_type, headers=headers)
    span = byte_range(wanted, len(found.content))
    if span is None:
        error = PlatformError.of(errors.RANGE_NOT_SATISFIABLE)
        error.headers["Content-Range"] = f"bytes */{len(found.content)}"
        raise error
    start, end = span
    return Response(found.content[start:end + 1], status_code=206, media_type=found.content_type,
                    headers=headers | {"Content-Range": f"bytes {start}-{end}/{len(found.content)}"})


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first range of a `Range: bytes=...` header as (first, last) byte, or None if it cannot be met."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.split(",")[0].strip())
    if match is None or not (match[1] or match[2]):
        return None
    first, last = match[1], match[2]
    if not first:  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end and start < size else None


class SmsRoute(APIRoute):
    """The route for POST .../sms: a multipart body becomes its first part, the JSON request, read by
    the same `SmsRequest` model as a JSON body; the parts after it are the MMS attachments."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def route(request: Request) -> Response:
            content_type = request.headers.get("content-type", "")
            if multipart.is_multipart(content_type):
                request = _as_json_request(request, multipart.parse(await request.body(), content_type))
            return await handle(request)

        return route


# POST .../sms in the OpenAPI document: the official schema lists the same body for the multipart types.
SMS_ROUTE_OPTIONS: dict[str, Any] = {
    "route_class": SmsRoute,
    "openapi": {"requestBody": {"content": {
        content_type: {"schema": {"$ref": "#/components/schemas/SmsRequest"}} for content_type in multipart.TYPES
    }}},
}


def _as_json_request(request: Request, parts: list[multipart.Part]) -> Request:
    if not parts:
        raise PlatformError.of(errors.INVALID_PARAMETER, "body")
    body, *files = parts
    headers = [(k, v) for k, v in request.scope["headers"] if k not in (b"content-type", b"content-length")]
    headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body.content)).encode())]
    scope = {**request.scope, "headers": headers,
             ATTACHMENTS: [messages.attachment(f.filename, f.content_type, f.content) for f in files]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body.content, "more_body": False}

    return Request(scope, receive)


def timestamp(moment: datetime | None, parameter: str) -> float | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # the platform wants ISO 8601 with a time zone
        raise PlatformError.of(errors.INVALID_PARAMETER, parameter)
    return moment.timestamp()
