"""The platform's error codes and messages, one error type, one renderer.

Every refusal the mock makes is a `PlatformError` raised from here, so the tests can import the
same constants the mock answers with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.responses import JSONResponse

# (HTTP status, errorCode, message template) as the platform's error reference lists them.
INVALID_PARAMETER = (400, "CMN-101", "Parameter [{parameter}] value is invalid")
RESOURCE_NOT_FOUND = (404, "CMN-102", "Resource for parameter [{parameter}] is not found")
JSON_UNPARSABLE = (400, "CMN-103", "JSON can't be parsed.")
REQUEST_UNPARSABLE = (400, "CMN-104", "Cannot parse request")
INVALID_URI = (404, "CMN-120", "Invalid URI")
RATE_EXCEEDED = (429, "CMN-301", "Request rate exceeded")
AUTH_HEADER_INVALID = (401, "OAU-123", "Invalid Authorization header value: {value}")
ACCESS_TOKEN_EXPIRED = (401, "OAU-128", "Access token expired.")
ACCESS_TOKEN_CORRUPTED = (401, "OAU-129", "Access token corrupted.")
INVALID_CLIENT = (401, "OAU-146", "Invalid client credentials")
SMS_NOT_AVAILABLE = (403, "MSG-242", "Sending SMS is not available from the number specified.")
NUMBER_NOT_OWNED = (403, "MSG-304", "Phone number doesn't belong to extension")
MESSAGE_TOO_LONG = (400, "MSG-338", "Message size limit exceeded")
# The platform's API reference lists this code (for group MMS) among the SMS endpoint's errors.
TOO_MANY_RECIPIENTS = (400, "MSG-381", "Exceeded maximum number of recipients for a Group MMS: [{limit}]")
# The platform documents no code of its own for these two; the status is HTTP's, the code the
# nearest documented one (see docs/mock-rules.md).
UNSUPPORTED_MEDIA_TYPE = (415, "CMN-101", "Parameter [{parameter}] value is invalid")
BODY_TOO_LARGE = (413, "CMN-104", "Cannot parse request: the body is too large")
SERVICE_UNAVAILABLE = (503, "CMN-201", "Service Temporary Unavailable")
# MMS: codes and messages from the platform's error reference and its API reference's list for POST .../sms.
# Which code answers a number without MmsSender is not documented; MSG-242 is the reference's "feature not
# available".
MMS_NOT_AVAILABLE = (403, "MSG-242", "The requested feature is not available")
ATTACHMENTS_TOO_LARGE = (400, "MSG-337", "Attachment size limit exceeded")
TOO_MANY_ATTACHMENTS = (400, "MSG-379", "Too many attachments")
UNSUPPORTED_ATTACHMENT = (415, "MSG-348", "Unsupported attachment media type, attachment [{index}]: [{name}]")
# The message store's write side. MSG-333 is the platform's answer to a stale sync token. Bulk updates
# answer 207 with one such body per id that failed. The docs name no code for a template's limits or a
# name already taken (creation "will fail"): the mock's choice is CMN-101 naming the parameter, with a
# message that says why (see docs/mock-rules.md).
FULL_SYNC_REQUIRED = (400, "MSG-333", "Full synchronization is required")
TOO_MANY_IDS = (400, "CMN-101", "Parameter [{parameter}] value is invalid: at most {limit} ids")
TEMPLATE_NAME_TAKEN = (400, "CMN-101", "Parameter [{parameter}] value is invalid: a template named [{name}] exists")
TEMPLATE_LIMIT = (400, "CMN-101", "Parameter [{parameter}] value is invalid: at most {limit} {scope} templates")
TEMPLATE_TOO_LONG = (400, "CMN-101", "Parameter [{parameter}] value is invalid: over 1000 UTF-16 units")

# High Volume SMS (A2P). The docs name no code for a sender without A2PSmsSender: the mock's choice is the
# error reference's "Feature not available" (CMN-109), naming `from`. CMN-106 is the reference's batch limit,
# CMN-100 (in `rejected[]`, not raised) its example for an invalid recipient (see docs/mock-rules.md).
A2P_NOT_AVAILABLE = (403, "CMN-109", "Feature not available.")
BATCH_TOO_LARGE = (400, "CMN-106", "Batch request is limited to {limit} entries")
A2P_TEXT_TOO_LONG = (400, "CMN-101", "Parameter [{parameter}] value is invalid: over {limit} characters")
TOO_MANY_PHONE_NUMBERS = (400, "CMN-101", "Parameter [{parameter}] value is invalid: at most {limit} numbers")

# Receiving: subscriptions, the WebSocket gateway, attachment content.
INVALID_EVENT_FILTERS = (400, "SUB-508", "Invalid event filters")
OTHER_EXTENSIONS = (403, "SUB-405", "Not allowed subscribe for messages to other extensions")
SUBSCRIPTION_NOT_FOUND = (404, "SUB-507", "Subscription [{parameter}] was expired or does not exist")
# WebHook subscriptions (the platform's error reference; SUB-524 and SUB-525 from its webhook docs).
SUBSCRIPTION_LIMIT = (403, "SUB-505", "Subscriptions limit exceeded")
HTTPS_CERTIFICATE_INVALID = (400, "SUB-524", "HTTPS certificate is not valid")
WEBHOOK_RESPONSE_INVALID = (400, "SUB-525", "WebHook server response is invalid")
WEBSOCKET_PERMISSION_REQUIRED = (403, "CMN-408", "[WebSocketsSubscription] permission required.")
RANGE_NOT_SATISFIABLE = (416, "CMN-107", "Requested range not satisfiable")
# The gateway's own refusals. The WSG-1005 and WSG-1003 recovery codes are observed on the platform;
# the token and frame errors' codes are the mock's choice (the platform's are not published).
WS_TOKEN_INVALID = (401, "WSG-401", "Access token is invalid, spent or expired")
WS_FRAME_INVALID = (400, "WSG-400", "Message is not a JSON array of a meta object and a body")
WS_PATH_UNKNOWN = (404, "CMN-120", "Invalid URI")

# OAuth grant failures carry RFC 6749's fields beside the platform's errors[] list.
TOKEN_NOT_FOUND = (400, "OAU-213", "Token not found")
UNSUPPORTED_GRANT = (403, "OAU-112", "The client is unauthorized for the required grant type: [{grant_type}]")


@dataclass
class PlatformError(Exception):
    """A refusal: HTTP status, errorCode and message, optionally naming the offending parameter."""

    status: int
    code: str
    message: str
    parameter: str | None = None
    oauth_error: str | None = None  # set for token-endpoint errors: "invalid_grant", "invalid_client"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rule: tuple[int, str, str], parameter: str | None = None, **values: Any) -> PlatformError:
        status, code, template = rule
        return cls(status, code, template.format(parameter=parameter, **values), parameter)

    @classmethod
    def oauth(cls, rule: tuple[int, str, str], error: str, **values: Any) -> PlatformError:
        err = cls.of(rule, **values)
        err.oauth_error = error
        return err

    def body(self) -> dict[str, Any]:
        """The JSON body the platform sends for this error."""
        entry: dict[str, Any] = {"errorCode": self.code, "message": self.message}
        if self.parameter:
            entry["parameterName"] = self.parameter
        if self.oauth_error:
            return {"error": self.oauth_error, "error_description": self.message, "errors": [entry]}
        body: dict[str, Any] = {"errorCode": self.code, "message": self.message, "errors": [entry]}
        if self.parameter:
            body["parameterName"] = self.parameter
        return body

    def response(self) -> JSONResponse:
        """The one place an error becomes HTTP: handlers and middleware both answer with this."""
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)
