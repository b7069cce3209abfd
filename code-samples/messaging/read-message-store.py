# --8<-- [start:read-message-store]
"""List the SMS you received since the start of the day 7 days ago, newest first, page by page.

Run it with `python sms_history.py`. Settings come from .env or the environment: RC_SERVER_URL,
RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS
is optional).
"""
import os
import sys
from datetime import datetime, timedelta, timezone

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

DAYS = 7
PER_PAGE = 5  # small to show paging; the platform allows up to 1000
MAX_PAGES = 20  # a bound, in case the store is larger than you expect


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

    # ISO 8601 in UTC with a Z, as the platform expects; without dateFrom it lists only the last 24 hours.
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    since = (today - timedelta(days=DAYS)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    print(f"Inbound SMS since {since}, {PER_PAGE} per page")
    count = 0
    for page in range(1, MAX_PAGES + 1):
        body = platform.get("/restapi/v1.0/account/~/extension/~/message-store", {
            "messageType": "SMS",
            "direction": "Inbound",
            "dateFrom": since,
            "perPage": PER_PAGE,
            "page": page,
        }).json()
        print(f"Page {page} of {body.paging.totalPages}:")
        for message in body.records:
            print(f"  {message.from_.phoneNumber}: {message.subject}")
        count += len(body.records)
        if not hasattr(body.navigation, "nextPage"):  # the last page has no link to a next one
            break
    print(f"Read {count} messages on {page} pages")


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
# --8<-- [end:read-message-store]
