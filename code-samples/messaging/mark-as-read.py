# --8<-- [start:mark-as-read]
"""Mark read the unread SMS of your newest conversation.

It finds the newest unread SMS you received since the start of the day 30
days ago, then marks each unread message of its conversation read. Run it
with `python mark_read.py`. Settings come from .env or the environment:
RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT
(RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys
from datetime import datetime, timedelta, timezone

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

DAYS = 30
MAX_MESSAGES = 100  # marked in one run; run it again for more


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

    # Without dateFrom the store lists only the last 24 hours.
    now = datetime.now(timezone.utc)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    since = today - timedelta(days=DAYS)
    unread = {
        "messageType": "SMS",
        "direction": "Inbound",
        "readStatus": "Unread",
        "dateFrom": since.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
    store = "/restapi/v1.0/account/~/extension/~/message-store"
    newest = platform.get(store, {**unread, "perPage": 1}).json().records
    if not newest:
        print(f"No unread SMS since {since:%Y-%m-%d}")
        return
    print(f"Conversation with {newest[0].from_.phoneNumber}:")
    # conversation.id is the conversation's id as a string: the number is
    # too large for a JavaScript number, so both samples send the string.
    conversation = {**unread, "conversationId": newest[0].conversation.id}
    messages = platform.get(store, {
        **conversation, "perPage": MAX_MESSAGES}).json().records
    for message in messages:
        platform.put(f"{store}/{message.id}", {"readStatus": "Read"})
        print(f"  Marked read: {message.subject}")
    print(f"Marked {len(messages)} messages read")


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
# --8<-- [end:mark-as-read]
