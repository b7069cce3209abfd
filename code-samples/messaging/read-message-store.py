# --8<-- [start:read-message-store]
"""List the SMS you received since the start of the day 7 days ago.

Newest first, page by page. Run it with `python sms_history.py`. Settings
come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
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

    # ISO 8601 in UTC with a Z, as the platform expects; without dateFrom it
    # lists only the last 24 hours.
    now = datetime.now(timezone.utc)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    since = (today - timedelta(days=DAYS)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    print(f"Inbound SMS since {since}, {PER_PAGE} per page")
    store = "/restapi/v1.0/account/~/extension/~/message-store"
    count = 0
    for page in range(1, MAX_PAGES + 1):
        body = platform.get(store, {
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
        # The last page has no link to a next one.
        if not hasattr(body.navigation, "nextPage"):
            break
    print(f"Read {count} messages on {page} pages")


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
# --8<-- [end:read-message-store]
