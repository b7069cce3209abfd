# --8<-- [start:list-a2p-messages]
"""List every message of a High Volume SMS batch, page by page, with their
statuses.

Run it with `python a2p_messages.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). A2P_BATCH_ID, the batch to
list, is optional too: without it, your newest. Either way the platform
lists only the last 24 hours' messages unless you give dateFrom.
"""
import os
import sys
from collections import Counter

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

PER_PAGE = 2  # small to show paging; the platform allows up to 1000
MAX_PAGES = 10  # a bound, in case the batch is larger than you expect
STATUSES = ("Queued", "Sent", "Delivered", "DeliveryFailed", "SendingFailed")


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

    batch = find_batch(platform)
    print(f"Messages of batch {batch.id}, {batch.status}")
    # Newest first. Without dateFrom the list holds the last 24 hours only.
    query = {"batchId": batch.id, "perPage": PER_PAGE}
    counts = Counter()
    for page in range(1, MAX_PAGES + 1):
        body = platform.get("/restapi/v1.0/account/~/a2p-sms/messages",
                            query).json()
        print(f"Page {page}:")
        for message in body.records:
            status = message.messageStatus
            # A failed message has an errorCode; its prefix names who
            # reported it (SMS-RC-, SMS-UP- or SMS-CAR-).
            code = getattr(message, "errorCode", None)
            failure = f" {code}" if code else ""
            print(f"  {message.to[0]}: {status}{failure}")
            counts[status] += 1
        # The last page has no nextPageToken. The token only works with the
        # same query: the same batchId, the next page's place.
        token = getattr(body.paging, "nextPageToken", None)
        if token is None:
            break
        query["pageToken"] = token
    if token is not None:
        print(f"Stopped after {MAX_PAGES} pages; the batch has more messages")
    total = sum(counts.values())
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    print(f"{total} messages" + (f": {summary}" if summary else ""))


def find_batch(platform):
    """The batch A2P_BATCH_ID names, else the newest of the last 24 hours."""
    batches = "/restapi/v1.0/account/~/a2p-sms/batches"
    batch_id = os.environ.get("A2P_BATCH_ID")
    if batch_id:
        return platform.get(f"{batches}/{batch_id}").json()
    # Newest first; without dateFrom, the last 24 hours only.
    records = platform.get(batches, {"perPage": 1}).json().records
    if not records:
        sys.exit("Error: you have sent no batch in the last 24 hours; "
                 "set A2P_BATCH_ID to name one")
    return records[0]


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
# --8<-- [end:list-a2p-messages]
