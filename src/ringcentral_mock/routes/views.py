"""State objects rendered as the platform's response models (URIs point back at this server)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from ..platform.accounts import Extension
from ..platform.high_volume import A2PMessage, Batch
from ..platform.messages import Message, SyncAnswer
from ..platform.page_tokens import TokenPage
from ..platform.subscriptions import Subscription
from ..platform.templates import Template
from ..state import MockState
from . import models

T = TypeVar("T")
US = {"id": "1", "name": "United States", "isoCode": "US", "callingCode": "1"}


def extension_uri(base: str, state: MockState, extension_id: int) -> str:
    return f"{base}/restapi/v1.0/account/{state.account.id}/extension/{extension_id}"


def extension_info(base: str, state: MockState, extension: Extension) -> models.ExtensionInfo:
    return models.ExtensionInfo(
        uri=extension_uri(base, state, extension.id),
        id=extension.id,
        extensionNumber=extension.extension_number,
        name=extension.name,
        type=extension.type,
        status=extension.status,
        account=models.AccountRef(uri=f"{base}/restapi/v1.0/account/{state.account.id}", id=str(state.account.id)),
    )


def message_info(base: str, state: MockState, message: Message) -> models.MessageInfo:
    uri = f"{extension_uri(base, state, message.extension_id)}/message-store/{message.id}"
    failed = message.status in ("DeliveryFailed", "SendingFailed")
    return models.MessageInfo(
        uri=uri,
        id=message.id,
        to=[models.MessageRecipient(phoneNumber=n, messageStatus=message.status) for n in message.to_numbers],
        from_=models.MessageSender(phoneNumber=message.from_number),
        creationTime=state.clock.iso(message.created_at),
        readStatus=message.read_status,
        attachments=[models.MessageAttachment(id=message.id, uri=f"{uri}/content/{message.id}", type="Text",
                                              contentType="text/plain")]
        + [models.MessageAttachment(id=a.id, uri=f"{uri}/content/{a.id}", type="MmsAttachment",
                                    contentType=a.content_type, fileName=a.filename, size=a.size)
           for a in message.attachments],
        direction=message.direction,
        availability=message.availability,
        subject=message.text,
        messageStatus=message.status,
        deliveryErrorCode=message.delivery_error_code if failed else None,
        smsSendingAttemptsCount=1 if message.direction == "Outbound" else None,
        conversationId=message.conversation_id,
        conversation=models.ConversationRef(id=str(message.conversation_id),
                                            uri=f"{base}/restapi/v1.0/conversation/{message.conversation_id}"),
        lastModifiedTime=state.clock.iso(message.modified_at),
    )


def instant_sms_event(base: str, state: MockState, message: Message, subscription: Subscription) -> dict[str, Any]:
    """The notification an instant-SMS subscription gets for a message landing in its store, shaped as the
    platform's (its docs' example event): ids as strings, the owner's number marked `target`, each MMS
    attachment with an absolute `uri` to fetch its content from."""
    owner = next(e for e in state.account.extensions if e.id == message.extension_id)
    info = message_info(base, state, message)
    attachments = [{"id": str(message.id), "type": "Text", "contentType": "text/plain"}] + [
        {"id": str(a.id), "type": "MmsAttachment", "uri": f"{info.uri}/content/{a.id}", "contentType": a.content_type,
         "size": a.size} for a in message.attachments]
    return {
        "uuid": str(uuid.uuid4().int)[:19],
        "event": subscription.concrete_filter(state.account.id),
        "timestamp": state.clock.iso(),
        "subscriptionId": subscription.id,
        "ownerId": str(owner.id),
        "body": {
            "id": str(message.id),
            "to": [{"phoneNumber": n, **({"name": owner.name, "target": True} if owner.owns(n) else {})}
                   for n in message.to_numbers],
            "from": {"phoneNumber": message.from_number},
            "type": "SMS",
            "creationTime": info.creationTime,
            "lastModifiedTime": info.lastModifiedTime,
            "readStatus": message.read_status,
            "priority": "Normal",
            "attachments": attachments,
            "direction": message.direction,
            "availability": "Alive",
            "subject": message.text,
            "messageStatus": message.status,
            "conversation": {"id": str(message.conversation_id)},
            "eventType": "Create",
            "owner": {"extensionId": str(owner.id), "extensionType": owner.type, "name": owner.name},
        },
    }


def subscription_info(state: MockState, subscription: Subscription, base: str = "") -> dict[str, Any]:
    """A subscription as the platform answers for it (SubscriptionInfo). Over HTTP its `uri` is absolute, on the
    mock that answered (`base`); the WebSocket gateway's replies keep it relative. A WebHook's
    `verificationToken` is not echoed: the platform's NotificationDeliveryMode has no such field."""
    mode: dict[str, Any] = {"transportType": subscription.transport, "encryption": False}
    if subscription.address is not None:
        mode["address"] = subscription.address
    info = {
        "uri": f"{base}/restapi/v1.0/subscription/{subscription.id}",
        "id": subscription.id,
        "creationTime": state.clock.iso(subscription.created_at),
        "status": subscription.status,
        "eventFilters": [subscription.concrete_filter(state.account.id) for _ in subscription.event_filters],
        "expirationTime": state.clock.iso(subscription.expires_at),
        "expiresIn": max(0, round(subscription.expires_at - state.clock.now())),
        "deliveryMode": mode,
    }
    if subscription.blacklisted is not None:
        info["blacklistedData"] = dict(subscription.blacklisted)
    return info


def subscription_list(base: str, state: MockState, subscriptions: list[Subscription]) -> dict[str, Any]:
    """GET /restapi/v1.0/subscription: SubscriptionListResource."""
    return {"uri": f"{base}/restapi/v1.0/subscription",
            "records": [subscription_info(state, s, base) for s in subscriptions]}


def message_list(base: str, state: MockState, owner: Extension, messages: list[Message], page: int,
                 per_page: int, filters: dict[str, Any]) -> models.MessageList:
    list_uri = f"{extension_uri(base, state, owner.id)}/message-store"
    shown, listing = _page(list_uri, messages, page, per_page, filters)
    return models.MessageList(records=[message_info(base, state, m) for m in shown], **listing)


def message_sync(base: str, state: MockState, owner: Extension, answer: SyncAnswer) -> models.MessageSyncResponse:
    """A sync's answer: Alive messages in full, Deleted and Purged ones as their id and availability."""
    records: list[models.MessageInfo | models.GoneMessage] = [
        message_info(base, state, m) if m.availability == "Alive"
        else models.GoneMessage(id=m.id, availability=m.availability)
        for m in answer.records]
    return models.MessageSyncResponse(
        uri=f"{extension_uri(base, state, owner.id)}/message-sync", records=records,
        syncInfo=models.SyncInfo(syncType=answer.sync_type, syncToken=answer.token,
                                 syncTime=state.clock.iso(answer.time),
                                 olderRecordsExist=answer.older_records_exist))


def template_info(base: str, state: MockState, template: Template) -> models.MessageTemplateResponse:
    owner = (extension_uri(base, state, template.owner_id) if template.owner_id
             else f"{base}/restapi/v1.0/account/{state.account.id}")
    return models.MessageTemplateResponse(
        uri=f"{owner}/message-store-templates/{template.id}", id=template.id, displayName=template.display_name,
        body=models.MessageTemplateInfo(text=template.text), scope=template.scope)


def phone_number_list(base: str, state: MockState, owner: Extension, page: int,
                      per_page: int) -> models.PhoneNumberList:
    owner_uri = extension_uri(base, state, owner.id)
    shown, listing = _page(f"{owner_uri}/phone-number", owner.numbers, page, per_page, {})
    records = [
        models.PhoneNumberRecord(
            uri=f"{base}/restapi/v1.0/account/{state.account.id}/phone-number/{n.id}",
            id=n.id,
            phoneNumber=n.phone_number,
            country=models.CountryInfo(uri=f"{base}/restapi/v1.0/dictionary/country/1", **US),
            extension=models.ExtensionRef(id=owner.id, uri=owner_uri, extensionNumber=owner.extension_number,
                                          type=owner.type, name=owner.name),
            location=n.location,
            paymentType=n.payment_type,
            status="Normal",
            type=n.type,
            usageType=n.usage_type,
            features=n.features,
        )
        for n in shown
    ]
    return models.PhoneNumberList(records=records, **listing)


def batch_response(state: MockState, batch: Batch, with_rejected: bool = False) -> models.MessageBatchResponse:
    """A batch as of now; `rejected` is filled in the POST answer only, as on the platform."""
    return models.MessageBatchResponse(
        id=batch.id, from_=batch.from_number, batchSize=len(batch.messages), processedCount=batch.processed,
        lastModifiedTime=state.clock.iso(batch.modified_at), status=batch.status,
        creationTime=state.clock.iso(batch.created_at), cost=batch.cost,
        rejected=[models.RejectedRecipient(index=r.index, to=r.to, errorCode=r.error_code,
                                           description=r.description)
                  for r in batch.rejected] if with_rejected else [])


def batch_list(state: MockState, page: TokenPage) -> models.BatchListResponse:
    return models.BatchListResponse(records=[batch_response(state, b) for b in page.items],
                                    paging=token_paging(page))


def a2p_message_list(state: MockState, page: TokenPage, detailed: bool) -> models.A2PMessageList:
    return models.A2PMessageList(
        records=[models.A2PListedMessage(
            id=m.id, batchId=m.batch_id, from_=m.from_number, to=[m.to_number],
            creationTime=state.clock.iso(m.created_at), lastModifiedTime=state.clock.iso(m.modified_at),
            messageStatus=m.status, segmentCount=m.segments, text=m.text if detailed else None, cost=m.cost,
            direction=m.direction, errorCode=m.error_code) for m in page.items],
        paging=token_paging(page))


def a2p_message_details(state: MockState, m: A2PMessage) -> models.A2PMessageDetails:
    return models.A2PMessageDetails(
        id=str(m.id), from_=m.from_number, to=[m.to_number], text=m.text,
        creationTime=state.clock.iso(m.created_at), lastModifiedTime=state.clock.iso(m.modified_at),
        messageStatus=m.status, segmentCount=m.segments, cost=m.cost, batchId=m.batch_id, direction=m.direction,
        errorCode=m.error_code)


def token_paging(page: TokenPage) -> models.NonEnumeratedPaging:
    return models.NonEnumeratedPaging(perPage=page.per_page, pageToken=page.page_token,
                                      nextPageToken=page.next_page_token,
                                      previousPageToken=page.previous_page_token,
                                      firstPageToken=page.first_page_token)


def _page(list_uri: str, items: Sequence[T], page: int, per_page: int,
          filters: dict[str, Any]) -> tuple[Sequence[T], dict[str, Any]]:
    """One page of a list, with the `uri`, `navigation` and `paging` a platform list carries.

    Navigation URIs repeat the request's filters, so following `nextPage` stays on the same list.
    """
    total_pages = max(1, math.ceil(len(items) / per_page))
    start = (page - 1) * per_page
    shown = items[start: start + per_page]

    def page_uri(number: int) -> models.PageUri:
        query = urlencode({**filters, "page": number, "perPage": per_page}, doseq=True)
        return models.PageUri(uri=f"{list_uri}?{query}")

    return shown, {
        "uri": page_uri(page).uri,
        "navigation": models.Navigation(
            firstPage=page_uri(1),
            nextPage=page_uri(page + 1) if page < total_pages else None,
            previousPage=page_uri(page - 1) if page > 1 else None,
            lastPage=page_uri(total_pages),
        ),
        "paging": models.Paging(page=page, perPage=per_page, totalPages=total_pages, totalElements=len(items),
                                pageStart=start if shown else None,
                                pageEnd=start + len(shown) - 1 if shown else None),
    }
