# --8<-- [start:manage-webhooks]
"""List the app's subscriptions; renew the active ones, delete the blacklisted ones.

A subscription expires: run this before it does (daily, say). A blacklisted one gets no more
notifications and cannot be renewed: once your server answers again, subscribe it anew. Run it
with `python manage_webhooks.py`. Settings come from .env or the environment: RC_SERVER_URL,
RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

SUBSCRIPTIONS = "/restapi/v1.0/subscription"


def setting(name, default=None):
    value = os.environ.get(name, default)
    if not value:
        sys.exit(f"Error: {name} is not set; add it to .env or the environment")
    return value


class TimeoutClient(Client):
    """The SDK's HTTP client with a network timeout: left alone, it waits forever for an answer."""

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def load_response(self, request):
        with requests.Session() as session:
            return ApiResponse(request, session.send(request, timeout=self.seconds))


def main():
    load_dotenv()
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(client, setting("RC_APP_CLIENT_ID"), setting("RC_APP_CLIENT_SECRET"),
                        setting("RC_SERVER_URL", "https://platform.ringcentral.com"))
    platform.login(jwt=setting("RC_USER_JWT"))

    subscriptions = platform.get(SUBSCRIPTIONS).json().records
    print(f"{len(subscriptions)} subscription(s)")
    for subscription in subscriptions:
        mode = subscription.deliveryMode
        where = getattr(mode, "address", None) or mode.transportType  # a WebSocket one has no address
        print(f"{subscription.id}: {subscription.status}, {where}, expires {subscription.expirationTime}")
        if subscription.status == "Blacklisted":
            platform.delete(f"{SUBSCRIPTIONS}/{subscription.id}")
            print(f"  deleted: blacklisted ({subscription.blacklistedData.reason}); subscribe the server anew")
        elif mode.transportType == "WebHook":
            renewed = platform.post(f"{SUBSCRIPTIONS}/{subscription.id}/renew").json()
            print(f"  renewed until {renewed.expirationTime}")


def describe(error):
    """HTTP status, errorCode and message from the platform's answer, in one line.

    Never print the ApiException itself: its text includes the request headers, access token too.
    """
    response = error.api_response().response() if error.api_response() else None
    if response is None:
        return f"no answer from the RingCentral platform: {error.__context__ or error}"
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}: the platform answered with something that is not JSON"
    code = body.get("errorCode") or next((e.get("errorCode") for e in body.get("errors", [])), "")
    message = body.get("message") or body.get("error_description", "")
    return f"HTTP {response.status_code} {code}: {message}"


if __name__ == "__main__":
    try:
        main()
    except ApiException as error:
        sys.exit(f"Error: {describe(error)}")
    except Exception as error:
        # A web page (from a proxy, say) where JSON was due: requests' JSONDecodeError from an API
        # call, or the SDK's bare Exception from the login. Anything else is a bug: show its traceback.
        if not isinstance(error, requests.JSONDecodeError) and str(error) != "Response is not JSON":
            raise
        sys.exit("Error: the platform answered with something that is not JSON")
# --8<-- [end:manage-webhooks]
