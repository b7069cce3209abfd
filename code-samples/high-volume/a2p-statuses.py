# --8<-- [start:a2p-statuses]
"""Count a High Volume SMS batch's messages by status, with their cost and
the error codes of those that failed.

Run it with `python a2p_statuses.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). A2P_BATCH_ID, the batch to
count, is optional too: without it, your newest. Either way the platform
counts only the last 24 hours' messages unless you give dateFrom.
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

# Each status, and its key in the answer.
STATUSES = {
    "Queued": "queued",
    "Sent": "sent",
    "Delivered": "delivered",
    "DeliveryFailed": "deliveryFailed",
    "SendingFailed": "sendingFailed",
}
REPORTED_BY = {
    "SMS-RC-": "RingCentral",
    "SMS-UP-": "the upstream provider",
    "SMS-CAR-": "the recipient's carrier",
}


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
    print(f"Statuses of batch {batch.id}, {batch.status}")
    # As a plain dict (json_dict), since the error codes are its keys.
    statuses = platform.get("/restapi/v1.0/account/~/a2p-sms/statuses",
                            {"batchId": batch.id}).json_dict()
    for status, key in STATUSES.items():
        entry = statuses.get(key, {"count": 0, "cost": 0})
        print(f"{status}: {entry['count']} (cost {entry['cost']:g})")
        # Failures only: how many messages failed with each code.
        for code, count in entry.get("errorCodeCounts", {}).items():
            party = next((who for prefix, who in REPORTED_BY.items()
                          if code.startswith(prefix)), "an unknown party")
            print(f"  {code}: {count}, reported by {party}")


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
# --8<-- [end:a2p-statuses]
