"""/restapi/v1.0/subscription over HTTP: create a WebHook subscription (validating its address first), list,
read, update, renew and delete. The rules are in platform/subscriptions.py, the handshake and the
deliveries in delivery/webhook.py.

Only WebHook subscriptions are created here (a WebSocket one is created over its connection; any other
`transportType` is 400 CMN-101 on `deliveryMode.transportType`, the mock's choice). The list and a read
show WebSocket ones too; PUT and renew refuse them with 400 CMN-101 on `subscriptionId` (the mock's
choice: the platform says PUT is not for WebSocket subscriptions, not how it refuses), since they renew
themselves; DELETE ends them, and their connection gets nothing more. PUT replaces `eventFilters` and/or
`expiresIn` and renews (an empty body only renews); other fields are ignored. A Blacklisted subscription
may be read, renewed and deleted; it stays Blacklisted (the platform's fix is to delete and re-create).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request, Response

from .. import errors
from ..errors import PlatformError
from ..platform.accounts import Extension
from ..platform.subscriptions import Subscription
from . import views
from .deps import base_url, mock_state
from .models import CreateSubscriptionRequest, UpdateSubscriptionRequest


async def caller(request: Request) -> Extension:
    """The bearer token's extension: these paths name no account or extension."""
    return mock_state(request).tokens.authenticate(request.headers.get("authorization"))


Caller = Annotated[Extension, Depends(caller)]


async def create_subscription(request: Request, body: CreateSubscriptionRequest, extension: Caller) -> dict[str, Any]:
    state = mock_state(request)
    mode = body.deliveryMode
    if mode is None or mode.transportType != "WebHook":
        raise PlatformError.of(errors.INVALID_PARAMETER, "deliveryMode.transportType")
    subscription = state.subscriptions.create_webhook(extension, body.eventFilters, mode.address,
                                                      mode.verificationToken, body.expiresIn, base_url(request))
    await request.app.state.webhooks.validate(subscription)  # raises if the receiver does not pass
    state.subscriptions.add(subscription)
    return views.subscription_info(state, subscription, base_url(request))


async def list_subscriptions(request: Request, extension: Caller) -> dict[str, Any]:
    state = mock_state(request)
    return views.subscription_list(base_url(request), state, state.subscriptions.of_extension(extension.id))


async def read_subscription(request: Request, subscriptionId: str, extension: Caller) -> dict[str, Any]:
    state = mock_state(request)
    return views.subscription_info(state, state.subscriptions.of(extension, subscriptionId), base_url(request))


async def update_subscription(request: Request, subscriptionId: str, extension: Caller,
                              body: UpdateSubscriptionRequest | None = None) -> dict[str, Any]:
    state = mock_state(request)
    subscription = _webhook(state.subscriptions.of(extension, subscriptionId))
    if body is not None and body.eventFilters is not None:
        state.subscriptions.update(extension, subscriptionId, body.eventFilters)
    state.subscriptions.renew(subscription, body.expiresIn if body is not None else None)
    return views.subscription_info(state, subscription, base_url(request))


async def renew_subscription(request: Request, subscriptionId: str, extension: Caller) -> dict[str, Any]:
    state = mock_state(request)
    subscription = _webhook(state.subscriptions.of(extension, subscriptionId))
    return views.subscription_info(state, state.subscriptions.renew(subscription), base_url(request))


async def delete_subscription(request: Request, subscriptionId: str, extension: Caller) -> Response:
    state = mock_state(request)
    state.subscriptions.delete(state.subscriptions.of(extension, subscriptionId))
    return Response(status_code=204)


def _webhook(subscription: Subscription) -> Subscription:
    if subscription.transport != "WebHook":
        raise PlatformError.of(errors.INVALID_PARAMETER, "subscriptionId")
    return subscription
