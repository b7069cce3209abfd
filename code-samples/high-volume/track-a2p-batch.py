# --8<-- [start:track-a2p-batch]
"""Send a High Volume SMS batch, then track it until it is Completed.

It checks a bounded number of times. Run it with `python a2p_track.py`.
Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
RC_APP_CLIENT_SECRET, RC_USER_JWT and A2P_RECIPIENTS, the numbers to text,
separated by commas (RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys
import time

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

TEXT = ("Our spring sale starts today: 20% off everything. "
        "Reply STOP to opt out.")
POLL_SECONDS = 5  # how long to wait between checks
MAX_CHECKS = 20  # then stop: the batch goes on, and can be read later


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

    sender = find_a2p_number(platform)
    recipients = setting("A2P_RECIPIENTS").split(",")
    batch = platform.post("/restapi/v1.0/account/~/a2p-sms/batches", {
        "from": sender,
        "text": TEXT,
        "messages": [{"to": [number]} for number in recipients],
    }).json()
    # The recipients it rejected are listed in this answer only; this
    # sample just counts them.
    print(f"Batch {batch.id}: {batch.batchSize} accepted, "
          f"{len(batch.rejected)} rejected")
    if batch.batchSize == 0:
        sys.exit("Error: every recipient was rejected; nothing was sent")

    batch = track(platform, batch.id)
    if batch.status == "Completed":
        # The cost is known only once the batch is Completed.
        print(f"Batch {batch.id} Completed: {batch.batchSize} messages, "
              f"cost {batch.cost}")
    else:
        print(f"Still {batch.status} after {MAX_CHECKS} checks; "
              f"check batch {batch.id} again later")


def track(platform, batch_id):
    """Read the batch until its status is Completed.

    Give up after MAX_CHECKS reads.
    """
    path = f"/restapi/v1.0/account/~/a2p-sms/batches/{batch_id}"
    for check in range(1, MAX_CHECKS + 1):
        batch = platform.get(path).json()
        print(f"Check {check}: {batch.status}, "
              f"{batch.processedCount} of {batch.batchSize} processed")
        if batch.status == "Completed":
            break
        if check < MAX_CHECKS:
            time.sleep(POLL_SECONDS)
    return batch


def find_a2p_number(platform):
    """The first of the user's numbers with the A2PSmsSender feature."""
    path = "/restapi/v1.0/account/~/extension/~/phone-number"
    numbers = platform.get(path).json().records
    for number in numbers:
        if "A2PSmsSender" in number.features:
            return number.phoneNumber
    sys.exit("Error: none of this user's phone numbers can send SMS in "
             "batches (no A2PSmsSender feature)")


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
# --8<-- [end:track-a2p-batch]
