"""The declarative schema: request and response models of each mocked operation.

Field names, types and enums follow the platform's OpenAPI document. FastAPI validates requests
against these models and publishes them at /__mock/openapi.json.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..platform.subscriptions import WEBHOOK_MAX_LIFETIME

# E.164, with the leading "+" optional as the platform accepts it.
PHONE_NUMBER_PATTERN = r"^\+?[1-9]\d{6,14}$"

MessageType = Literal["Fax", "SMS", "VoiceMail", "Pager", "Text"]
MessageDirection = Literal["Inbound", "Outbound"]
ReadStatus = Literal["Read", "Unread"]
Availability = Literal["Alive", "Deleted", "Purged"]
MessageStatus = Literal["Queued", "Sent", "Delivered", "DeliveryFailed", "SendingFailed", "Received"]
NumberFeature = Literal["CallerId", "SmsSender", "A2PSmsSender", "MmsSender", "InternationalSmsSender",
                        "Delegated"]
# The phone-number list's `usageType` filter takes fewer values than a record's `usageType` shows.
UsageTypeFilter = Literal["MainCompanyNumber", "AdditionalCompanyNumber", "CompanyNumber", "DirectNumber",
                          "CompanyFaxNumber", "ForwardedNumber", "ForwardedCompanyNumber", "BusinessMobileNumber",
                          "ExternalMobileNumber"]
NumberStatusFilter = Literal["Normal", "Pending", "PortedIn", "Temporary"]
ExtensionType = Literal["User", "FaxUser", "VirtualUser", "DigitalUser", "Department", "Announcement",
                        "Voicemail", "SharedLinesGroup", "PagingOnly", "IvrMenu", "ApplicationExtension",
                        "ParkLocation", "Site"]


def _encodable(value: str) -> str:
    value.encode("utf-8")  # a lone surrogate (JSON "\ud800") raises, and pydantic turns that into CMN-101
    return value


# Text a request carries: any Unicode string, but no lone UTF-16 surrogates.
RequestText = Annotated[str, AfterValidator(_encodable)]


class Model(BaseModel):
    # Responses leave out fields that have no value, as the platform does.
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


# -- OAuth ----------------------------------------------------------------------------------------

class WsTokenResponse(Model):
    ws_access_token: str
    uri: str
    expires_in: int


class MessageUpdateRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    readStatus: ReadStatus


class MessagePatchRequest(BaseModel):
    """Either field or both: `availability: Alive` restores a deleted message."""

    model_config = ConfigDict(extra="ignore")
    readStatus: ReadStatus | None = None
    availability: Availability | None = None


class MessageTemplateText(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: RequestText


class MessageTemplateRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    displayName: RequestText = Field(min_length=1)
    body: MessageTemplateText
    scope: Literal["Company", "Personal"] | None = None


class TokenResponse(Model):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str
    refresh_token_expires_in: int
    scope: str
    owner_id: str
    endpoint_id: str


class TokenRequest(Model):
    """The token endpoint's form: a JWT grant or a refresh grant (lifetimes are optional wishes)."""

    grant_type: RequestText
    assertion: RequestText | None = None
    refresh_token: RequestText | None = None
    access_token_ttl: int | None = None
    refresh_token_ttl: int | None = None


class RevokeRequest(Model):
    token: RequestText = ""


# -- Extension ------------------------------------------------------------------------------------

class AccountRef(Model):
    uri: str
    id: str


class ExtensionInfo(Model):
    """The fields of GET .../extension/{extensionId} a caller uses to say who is logged in."""

    uri: str
    id: int
    extensionNumber: str
    name: str
    type: Literal["User", "FaxUser", "VirtualUser", "DigitalUser", "Department", "Announcement",
                  "Voicemail", "SharedLinesGroup", "PagingOnly", "IvrMenu", "ApplicationExtension", "ParkLocation",
                  "Limited", "Bot", "Site", "Room", "ProxyAdmin", "DelegatedLinesGroup", "GroupCallPickup"]
    status: Literal["Enabled", "Disabled", "Frozen", "NotActivated", "Unassigned"]
    account: AccountRef


# -- Phone numbers --------------------------------------------------------------------------------

class CountryInfo(Model):
    id: str
    uri: str
    name: str
    isoCode: str
    callingCode: str


class ExtensionRef(Model):
    id: int
    uri: str
    extensionNumber: str
    type: ExtensionType
    name: str


class PhoneNumberRecord(Model):
    uri: str
    id: int
    phoneNumber: str
    country: CountryInfo
    extension: ExtensionRef
    location: str
    paymentType: Literal["External", "TollFree", "Local", "BusinessMobileNumberProvider",
                         "ExternalNumberProvider"]
    status: str
    type: Literal["VoiceFax", "FaxOnly", "VoiceOnly"]
    usageType: Literal["MainCompanyNumber", "AdditionalCompanyNumber", "CompanyNumber", "DirectNumber",
                       "CompanyFaxNumber", "ForwardedNumber", "ForwardedCompanyNumber",
                       "ContactCenterNumber", "ConferencingNumber", "NumberPool",
                       "BusinessMobileNumber", "ExternalMobileNumber"]
    features: list[NumberFeature]


class PageUri(Model):
    uri: str


class Navigation(Model):
    firstPage: PageUri | None = None
    nextPage: PageUri | None = None
    previousPage: PageUri | None = None
    lastPage: PageUri | None = None


class Paging(Model):
    page: int
    perPage: int
    pageStart: int | None = None
    pageEnd: int | None = None
    totalPages: int
    totalElements: int


class PhoneNumberList(Model):
    uri: str
    records: list[PhoneNumberRecord]
    navigation: Navigation
    paging: Paging


# -- SMS ------------------------------------------------------------------------------------------

class PhoneNumberField(Model):
    phoneNumber: str = Field(pattern=PHONE_NUMBER_PATTERN)


class CountryRef(Model):
    id: RequestText | None = None
    uri: RequestText | None = None
    name: RequestText | None = None
    isoCode: RequestText | None = None
    callingCode: RequestText | None = None


class SmsRequest(Model):
    from_: PhoneNumberField = Field(alias="from")
    to: list[PhoneNumberField] = Field(min_length=1)
    text: RequestText
    country: CountryRef | None = None


class MessageAttachment(Model):
    id: int
    uri: str
    type: Literal["AudioRecording", "AudioTranscription", "Text", "SourceDocument", "RenderedDocument",
                  "MmsAttachment"]
    contentType: str
    fileName: str | None = None
    size: int | None = None


class MessageSender(Model):
    phoneNumber: str
    extensionNumber: str | None = None
    name: str | None = None


class MessageRecipient(Model):
    phoneNumber: str
    extensionNumber: str | None = None
    name: str | None = None
    messageStatus: MessageStatus | None = None


class ConversationRef(Model):
    id: str
    uri: str


class MessageInfo(Model):
    uri: str
    id: int
    to: list[MessageRecipient]
    from_: MessageSender = Field(alias="from")
    type: MessageType = "SMS"
    creationTime: str
    readStatus: ReadStatus
    priority: Literal["Normal", "High"] = "Normal"
    attachments: list[MessageAttachment]
    direction: MessageDirection
    availability: Availability = "Alive"
    subject: str
    messageStatus: MessageStatus
    deliveryErrorCode: str | None = None
    smsSendingAttemptsCount: int | None = None
    conversationId: int
    conversation: ConversationRef
    lastModifiedTime: str


class MessageList(Model):
    uri: str
    records: list[MessageInfo]
    navigation: Navigation
    paging: Paging


class GoneMessage(Model):
    """A sync's record of a message deleted or purged since: its id and availability only."""

    id: int
    availability: Availability


class SyncInfo(Model):
    syncType: Literal["FSync", "ISync"]
    syncToken: str
    syncTime: str
    olderRecordsExist: bool


class MessageSyncResponse(Model):
    uri: str
    records: list[MessageInfo | GoneMessage]
    syncInfo: SyncInfo


class MessageTemplateInfo(Model):
    text: str


class MessageTemplateResponse(Model):
    uri: str
    id: str
    displayName: str
    body: MessageTemplateInfo
    scope: Literal["Company", "Personal"]


class MessageTemplateList(Model):
    records: list[MessageTemplateResponse]


# -- High Volume SMS (A2P) -------------------------------------------------------------------------
# Field names and types as the current API definitions have them; note that a message's `id` is a
# number in a list and a string when read alone, as the definitions say.

A2PMessageStatus = Literal["Queued", "Delivered", "Sent", "SendingFailed", "DeliveryFailed"]
BatchStatus = Literal["Processing", "Completed", "Sent"]
BatchStatusFilter = Literal["Queued", "Processing", "Sent", "Completed"]
A2PView = Literal["Simple", "Detailed"]


class A2PMessageRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    to: list[RequestText] = Field(min_length=1)
    text: RequestText | None = None


class MessageBatchCreateRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    from_: RequestText = Field(alias="from", pattern=PHONE_NUMBER_PATTERN)
    text: RequestText | None = None
    messages: list[A2PMessageRequest] = Field(min_length=1)


class RejectedRecipient(Model):
    index: int
    to: list[str]
    errorCode: str
    description: str


class MessageBatchResponse(Model):
    id: str
    from_: str = Field(alias="from")
    batchSize: int
    processedCount: int
    lastModifiedTime: str
    status: BatchStatus
    creationTime: str
    rejected: list[RejectedRecipient]
    cost: float | None = None


class NonEnumeratedPaging(Model):
    perPage: int
    pageToken: str | None = None
    nextPageToken: str | None = None
    previousPageToken: str | None = None
    firstPageToken: str | None = None


class BatchListResponse(Model):
    records: list[MessageBatchResponse]
    paging: NonEnumeratedPaging


class A2PListedMessage(Model):
    """MessageListMessageResponse: `text` only in the Detailed view."""

    id: int
    batchId: str
    from_: str = Field(alias="from")
    to: list[str]
    creationTime: str
    lastModifiedTime: str
    messageStatus: A2PMessageStatus
    segmentCount: int
    text: str | None = None
    cost: float
    direction: MessageDirection
    errorCode: str | None = None


class A2PMessageList(Model):
    records: list[A2PListedMessage]
    paging: NonEnumeratedPaging


class A2PMessageDetails(Model):
    """MessageDetailsResponse."""

    id: str
    from_: str = Field(alias="from")
    to: list[str]
    text: str
    creationTime: str
    lastModifiedTime: str
    messageStatus: A2PMessageStatus
    segmentCount: int
    cost: float
    batchId: str
    direction: MessageDirection
    errorCode: str | None = None


class MessageStatusCounts(Model):
    count: int
    cost: float
    errorCodeCounts: dict[str, int] | None = None


class MessageStatusesResponse(Model):
    queued: MessageStatusCounts
    delivered: MessageStatusCounts
    deliveryFailed: MessageStatusCounts
    sent: MessageStatusCounts
    sendingFailed: MessageStatusCounts


# -- Errors ---------------------------------------------------------------------------------------

class ErrorEntry(Model):
    errorCode: str
    message: str
    parameterName: str | None = None


class ErrorResponse(Model):
    errorCode: str
    message: str
    errors: list[ErrorEntry]
    parameterName: str | None = None


class OAuthErrorResponse(Model):
    """The token endpoint's refusals: RFC 6749's fields beside the platform's errors[] list."""

    error: str
    error_description: str
    errors: list[ErrorEntry]


# -- subscriptions (WebHook, over HTTP) ---------------------------------------------------------


class DeliveryModeRequest(BaseModel):
    transportType: str | None = None
    address: str | None = None
    verificationToken: str | None = None


class CreateSubscriptionRequest(BaseModel):
    eventFilters: Any = None  # any shape: platform/subscriptions.py answers SUB-508 for a bad one
    deliveryMode: DeliveryModeRequest | None = None
    expiresIn: int | None = Field(None, ge=1, le=WEBHOOK_MAX_LIFETIME)


class UpdateSubscriptionRequest(BaseModel):
    eventFilters: Any = None
    expiresIn: int | None = Field(None, ge=1, le=WEBHOOK_MAX_LIFETIME)
