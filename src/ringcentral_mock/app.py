"""create_app(state): the routing table (platform routes with their rate-limit groups, the admin routes),
the error handlers, the middleware stack, and the lifespan that runs the mock's background work."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import get_type_hints

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from . import errors
from .control import admin, receiving
from .control.faults import FaultInjector
from .control.recorder import RequestRecorder
from .delivery.webhook import Webhooks
from .delivery.websocket import Gateway
from .errors import PlatformError
from .routes import extensions, high_volume, messages, oauth, phone_numbers, subscriptions, templates
from .routes.bodylimit import BodySizeLimit
from .routes.deps import RateLimitHeaders, accepted_media_type, rate_limited
from .routes.models import ErrorResponse, OAuthErrorResponse
from .state import MockState

ACCOUNT = "/restapi/v1.0/account/{accountId}"
EXTENSION = f"{ACCOUNT}/extension/{{extensionId}}"
A2P = f"{ACCOUNT}/a2p-sms"
SUBSCRIPTION = "/restapi/v1.0/subscription"

# (method, path, handler, rate-limit group): everything the mock serves, in one place. The groups
# are the platform's (its OpenAPI's x-throttling-group); the mock publishes them the same way.
ROUTES = [
    ("POST", "/restapi/oauth/token", oauth.token, "Auth"),
    ("POST", "/restapi/oauth/revoke", oauth.revoke, "Auth"),
    ("POST", "/restapi/oauth/wstoken", oauth.wstoken, "Auth"),
    ("GET", EXTENSION, extensions.read_extension, "Light"),
    ("GET", f"{EXTENSION}/phone-number", phone_numbers.list_phone_numbers, "Light"),
    ("POST", f"{EXTENSION}/sms", messages.send_sms, "Medium"),
    ("GET", f"{EXTENSION}/message-store", messages.list_messages, "Light"),
    ("GET", f"{EXTENSION}/message-store/{{messageId}}", messages.read_message, "Light"),
    ("DELETE", f"{EXTENSION}/message-store", messages.delete_conversations, "Medium"),
    ("PUT", f"{EXTENSION}/message-store/{{messageId}}", messages.update_message, "Medium"),
    ("PATCH", f"{EXTENSION}/message-store/{{messageId}}", messages.patch_message, "Medium"),
    ("DELETE", f"{EXTENSION}/message-store/{{messageId}}", messages.delete_message, "Medium"),
    ("GET", f"{EXTENSION}/message-sync", messages.sync_messages, "Light"),
    ("GET", f"{EXTENSION}/message-store-templates", templates.list_user_templates, "Light"),
    ("POST", f"{EXTENSION}/message-store-templates", templates.create_user_template, "Medium"),
    ("GET", f"{EXTENSION}/message-store-templates/{{templateId}}", templates.read_user_template, "Light"),
    ("PUT", f"{EXTENSION}/message-store-templates/{{templateId}}", templates.update_user_template, "Medium"),
    ("DELETE", f"{EXTENSION}/message-store-templates/{{templateId}}", templates.delete_user_template, "Medium"),
    ("GET", f"{ACCOUNT}/message-store-templates", templates.list_company_templates, "Light"),
    ("POST", f"{ACCOUNT}/message-store-templates", templates.create_company_template, "Medium"),
    ("GET", f"{ACCOUNT}/message-store-templates/{{templateId}}", templates.read_company_template, "Light"),
    ("PUT", f"{ACCOUNT}/message-store-templates/{{templateId}}", templates.update_company_template, "Medium"),
    ("DELETE", f"{ACCOUNT}/message-store-templates/{{templateId}}", templates.delete_company_template,
     "Medium"),
    ("GET", f"{EXTENSION}/message-store/{{messageId}}/content/{{attachmentId}}", messages.attachment_content,
     "Medium"),
    ("POST", f"{A2P}/batches", high_volume.send_batch, "Light"),
    ("GET", f"{A2P}/batches", high_volume.list_batches, "Light"),
    ("GET", f"{A2P}/batches/{{batchId}}", high_volume.read_batch, "Light"),
    ("GET", f"{A2P}/messages", high_volume.list_messages, "Light"),
    ("GET", f"{A2P}/messages/{{messageId}}", high_volume.read_message, "Light"),
    ("GET", f"{A2P}/statuses", high_volume.aggregate_statuses, "Light"),
    ("POST", SUBSCRIPTION, subscriptions.create_subscription, "Medium"),
    ("GET", SUBSCRIPTION, subscriptions.list_subscriptions, "Light"),
    ("GET", f"{SUBSCRIPTION}/{{subscriptionId}}", subscriptions.read_subscription, "Light"),
    ("PUT", f"{SUBSCRIPTION}/{{subscriptionId}}", subscriptions.update_subscription, "Medium"),
    ("DELETE", f"{SUBSCRIPTION}/{{subscriptionId}}", subscriptions.delete_subscription, "Medium"),
    ("POST", f"{SUBSCRIPTION}/{{subscriptionId}}/renew", subscriptions.renew_subscription, "Light"),
]
# The WebSocket gateway (delivery/websocket.py): the `uri` POST /restapi/oauth/wstoken answers with.
WEBSOCKET_PATH = "/ws"
# Routes that take more than a JSON body: POST .../sms also takes multipart bodies (MMS).
# The subscription routes are not published in /__mock/openapi.json (yet): the official OpenAPI subset
# tests/mock/test_schema.py compares against has no subscription paths, and fuzzing them would make the mock
# call loopback ports. They are served, rate-limited and authenticated like every other API route.
UNPUBLISHED = {"include_in_schema": False}
ROUTE_OPTIONS = {messages.send_sms: messages.SMS_ROUTE_OPTIONS,
                 high_volume.send_batch: high_volume.SEND_BATCH_OPTIONS,
                 **{handler: UNPUBLISHED for _, path, handler, _ in ROUTES if path.startswith(SUBSCRIPTION)}}
ADMIN_ROUTES = [
    ("GET", "/__mock/health", admin.health),
    ("GET", "/__mock/requests", admin.recorded_requests),
    ("GET", "/__mock/record", admin.record),
    ("GET", "/__mock/events", admin.published_events),
    ("POST", "/__mock/reset", admin.reset),
    ("GET", "/__mock/env", admin.env),
    ("POST", "/__mock/clock", admin.advance_clock),
    ("GET", "/__mock/faults", admin.list_faults),
    ("POST", "/__mock/faults", admin.add_faults),
    ("DELETE", "/__mock/faults", admin.clear_faults),
    ("POST", "/__mock/inbound", receiving.inbound),
    ("GET", "/__mock/subscriptions", receiving.subscriptions),
    ("GET", "/__mock/deliveries", receiving.deliveries),
    ("POST", "/__mock/disconnect", receiving.disconnect),
]
ERROR_STATUSES = (400, 401, 403, 404, 413, 415, 429)
API_ERRORS = {status: {"model": ErrorResponse} for status in ERROR_STATUSES}
# The OAuth endpoints answer grant and client failures in OAuth's shape, the rest like any API route.
OAUTH_ERRORS = {status: {"model": ErrorResponse | OAuthErrorResponse} for status in ERROR_STATUSES}


def create_app(state: MockState | None = None) -> FastAPI:
    state = state or MockState()
    app = FastAPI(title="RingCentral platform mock (SMS subset)", version="1.0", lifespan=lifespan,
                  openapi_url="/__mock/openapi.json", docs_url=None, redoc_url=None)
    app.state.mock = state
    for method, path, handler, group in ROUTES:
        errors_published = OAUTH_ERRORS if path.startswith("/restapi/oauth/") else API_ERRORS
        # A handler returning a bare Response (revoke) answers with an empty body: publish no JSON for it.
        bare = get_type_hints(handler).get("return") is Response
        extra = ROUTE_OPTIONS.get(handler, {})
        app.router.add_api_route(path, handler, methods=[method], responses=errors_published,
                                 response_class=Response if bare else JSONResponse,
                                 response_model_exclude_none=True, route_class_override=extra.get("route_class"),
                                 include_in_schema=extra.get("include_in_schema", True),
                                 status_code=extra.get("status_code"),
                                 openapi_extra={"x-throttling-group": group, **extra.get("openapi", {})},
                                 dependencies=[Depends(accepted_media_type), Depends(rate_limited(group))])
    app.state.gateway = Gateway(state)
    app.state.webhooks = Webhooks(state)
    app.add_api_websocket_route(WEBSOCKET_PATH, app.state.gateway.serve)
    for method, path, handler in ADMIN_ROUTES:
        app.add_api_route(path, handler, methods=[method], include_in_schema=False)
    app.add_exception_handler(PlatformError, platform_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    # Outermost last: the recorder sees every request, refused ones included.
    app.add_middleware(FaultInjector, plan=state.faults, clock=state.clock)
    app.add_middleware(RateLimitHeaders)
    app.add_middleware(BodySizeLimit, scenario=state.scenario)
    app.add_middleware(RequestRecorder, requests=state.requests)
    return app


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """While the app serves: the task that fires the clock's timers as wall time brings them due, and the
    loop WebHook deliveries run on."""
    timers = asyncio.create_task(app.state.mock.clock.run_timers(), name="ringcentral-mock timers")
    app.state.webhooks.start()
    try:
        yield
    finally:
        await app.state.webhooks.stop()
        timers.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await timers


async def platform_error(_: Request, exc: PlatformError) -> JSONResponse:
    return exc.response()


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Pydantic's first complaint, told the platform's way: CMN-103 for bad JSON, else CMN-101."""
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        return PlatformError.of(errors.JSON_UNPARSABLE).response()
    parameter = ".".join(str(part) for part in first["loc"][1:] if not isinstance(part, int))
    return PlatformError.of(errors.INVALID_PARAMETER, parameter or "body").response()


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own refusals: no route (404), wrong method (405), a body over the limit (413), a
    body it cannot parse (400)."""
    if exc.status_code in (404, 405):
        return PlatformError.of(errors.INVALID_URI).response()
    if exc.status_code == 413:
        return PlatformError.of(errors.BODY_TOO_LARGE).response()
    return PlatformError.of(errors.REQUEST_UNPARSABLE).response()
