# --8<-- [start:manage-webhooks]
"""List the app's subscriptions; renew active ones, delete blacklisted ones.

A subscription expires: run this before it does (daily, say). A blacklisted
one gets no more notifications and cannot be renewed: once your server
answers again, subscribe it anew. Run it with `python manage_webhooks.py`.
Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

SUBSCRIPTIONS = "/restapi/v1.0/subscription"


def main():
    load_dotenv()
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(
        client,
        setting("RC_APP_CLIENT_ID"),
        setting("RC_APP_CLIENT_SECRET"),
        setting("RC_SERVER_URL", "https://platform.ringcentral.com"),
    )
    platform.login(jwt=setting("RC_USER_JWT"))

    subscriptions = platform.get(SUBSCRIPTIONS).json().records
    print(f"{len(subscriptions)} subscription(s)")
    for subscription in subscriptions:
        mode = subscription.deliveryMode
        # A WebSocket subscription has no address.
        where = getattr(mode, "address", None) or mode.transportType
        print(f"{subscription.id}: {subscription.status}, {where}, "
              f"expires {subscription.expirationTime}")
        if subscription.status == "Blacklisted":
            platform.delete(f"{SUBSCRIPTIONS}/{subscription.id}")
            reason = subscription.blacklistedData.reason
            print(f"  deleted: blacklisted ({reason}); "
                  "subscribe the server anew")
        elif mode.transportType == "WebHook":
            path = f"{SUBSCRIPTIONS}/{subscription.id}/renew"
            renewed = platform.post(path).json()
            print(f"  renewed until {renewed.expirationTime}")


# Plumbing: settings, a network timeout, and errors as one line.

def setting(name, default=None):
    value = os.environ.get(name, default)
    if value:
        return value
    sys.exit(f"Error: {name} is not set; add it to .env or the environment")


class TimeoutClient(Client):
    """The SDK's HTTP client with a network timeout.

    Left alone, it waits forever for an answer.
    """

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def load_response(self, request):
        with requests.Session() as session:
            answer = session.send(request, timeout=self.seconds)
            return ApiResponse(request, answer)


def describe(error):
    """The platform's answer in one line: HTTP status, errorCode and message.

    Never print the ApiException itself: its text includes the request's
    headers, the access token among them.
    """
    api_response = error.api_response()
    response = api_response.response() if api_response else None
    if response is None:
        cause = error.__context__ or error
        return f"no answer from the RingCentral platform: {cause}"
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        return (f"HTTP {status}: "
                "the platform answered with something that is not JSON")
    code = body.get("errorCode") or next(
        (e.get("errorCode") for e in body.get("errors", [])), "")
    message = body.get("message") or body.get("error_description", "")
    return f"HTTP {status} {code}: {message}"


if __name__ == "__main__":
    try:
        main()
    except ApiException as error:
        sys.exit(f"Error: {describe(error)}")
    except Exception as error:
        # A web page (from a proxy, say) where JSON was due: requests'
        # JSONDecodeError from an API call, or the SDK's bare Exception from
        # the login. Anything else is a bug: show its traceback.
        if not (isinstance(error, requests.JSONDecodeError)
                or str(error) == "Response is not JSON"):
            raise
        sys.exit("Error: the platform answered with something "
                 "that is not JSON")
# --8<-- [end:manage-webhooks]
