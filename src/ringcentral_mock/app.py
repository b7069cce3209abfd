"""create_app(state): the routing table, the error handlers and the request recorder."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from . import errors
from .errors import PlatformError
from .models import ErrorResponse
from .recorder import RequestRecorder
from .routes import admin, extensions, messages, oauth, phone_numbers
from .state import MockState

EXTENSION = "/restapi/v1.0/account/{accountId}/extension/{extensionId}"

# (method, path, handler): everything the mock serves, in one place.
ROUTES = [
    ("POST", "/restapi/oauth/token", oauth.token),
    ("POST", "/restapi/oauth/revoke", oauth.revoke),
    ("GET", EXTENSION, extensions.read_extension),
    ("GET", f"{EXTENSION}/phone-number", phone_numbers.list_phone_numbers),
    ("POST", f"{EXTENSION}/sms", messages.send_sms),
    ("GET", f"{EXTENSION}/message-store/{{messageId}}", messages.read_message),
]
ADMIN_ROUTES = [
    ("GET", "/__mock/health", admin.health),
    ("GET", "/__mock/requests", admin.recorded_requests),
    ("POST", "/__mock/reset", admin.reset),
    ("GET", "/__mock/env", admin.env),
]
ERROR_RESPONSES = {status: {"model": ErrorResponse} for status in (400, 401, 403, 404)}


def create_app(state: MockState | None = None) -> FastAPI:
    state = state or MockState()
    app = FastAPI(title="RingCentral platform mock (SMS subset)", version="1.0",
                  openapi_url="/__mock/openapi.json", docs_url=None, redoc_url=None)
    app.state.mock = state
    for method, path, handler in ROUTES:
        app.add_api_route(path, handler, methods=[method], responses=ERROR_RESPONSES,
                          response_model_exclude_none=True)
    for method, path, handler in ADMIN_ROUTES:
        app.add_api_route(path, handler, methods=[method], include_in_schema=False)
    app.add_exception_handler(PlatformError, platform_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, unknown_route)
    app.add_middleware(RequestRecorder, requests=lambda: state.requests)
    return app


async def platform_error(_: Request, exc: PlatformError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Pydantic's first complaint, told the platform's way: CMN-103 for bad JSON, else CMN-101."""
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        return await platform_error(request, PlatformError.of(errors.JSON_UNPARSABLE))
    parameter = ".".join(str(part) for part in first["loc"][1:] if not isinstance(part, int))
    return await platform_error(request, PlatformError.of(errors.INVALID_PARAMETER, parameter or "body"))


async def unknown_route(request: Request, exc: HTTPException) -> JSONResponse:
    if exc.status_code in (404, 405):
        return await platform_error(request, PlatformError.of(errors.INVALID_URI))
    return JSONResponse({"message": exc.detail}, status_code=exc.status_code)
