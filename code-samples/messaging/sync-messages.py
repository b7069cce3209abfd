# --8<-- [start:sync-messages]
"""Keep a copy of your message store in sync: a full sync, then changes only.

The first run asks for a full sync (the last 24 hours) and keeps its sync
token in sync-token.txt. Each later run asks only for what changed since, and
keeps the new token. Run it with `python sync_messages.py`. Settings come from
.env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys
from pathlib import Path

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

TOKEN_FILE = Path("sync-token.txt")


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

    sync = "/restapi/v1.0/account/~/extension/~/message-sync"
    token = TOKEN_FILE.read_text().strip() if TOKEN_FILE.exists() else ""
    answer = None
    if token:
        try:
            answer = platform.get(sync, {
                "syncType": "ISync", "syncToken": token}).json()
            print(f"Changes since the last sync: {len(answer.records)}")
        except ApiException as error:
            # MSG-333: the token is too old; only a full sync helps.
            if not describe(error).startswith("HTTP 400 MSG-333"):
                raise
            print("The sync token is stale: a full sync again")
    if answer is None:
        answer = platform.get(sync, {"syncType": "FSync"}).json()
        print(f"Full sync: {len(answer.records)} messages")
    for record in answer.records:
        # A deleted message comes back as its id and availability only.
        if record.availability != "Alive":
            print(f"  {record.id}: {record.availability}")
        else:
            print(f"  {record.id}: {record.readStatus}, {record.subject}")
    TOKEN_FILE.write_text(answer.syncInfo.syncToken)


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
# --8<-- [end:sync-messages]
