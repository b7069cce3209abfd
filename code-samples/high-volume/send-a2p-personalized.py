# --8<-- [start:send-a2p-personalized]
"""Send each customer a text of their own, in one High Volume SMS batch.

Run it with `python a2p_personalized.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). The customers are in the
CUSTOMERS table below: replace it with yours.
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

# Who to text, and what to tell them: one message each.
CUSTOMERS = [
    {"name": "Ana", "number": "+16505550201", "time": "Monday at 9:00"},
    {"name": "Ben", "number": "+16505550202", "time": "Monday at 11:30"},
    {"name": "Cleo", "number": "+16505550667", "time": "Tuesday at 14:00"},
    {"name": "Dev", "number": "+1650555020", "time": "Wednesday at 10:15"},
]


def reminder(customer):
    return (f"Hi {customer['name']}, your appointment is on "
            f"{customer['time']}. Reply STOP to opt out.")


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
    print(f"Sending {len(CUSTOMERS)} reminders from {sender}")
    # Each message has a text of its own, so the batch needs none.
    batch = platform.post("/restapi/v1.0/account/~/a2p-sms/batches", {
        "from": sender,
        "messages": [{"to": [customer["number"]], "text": reminder(customer)}
                     for customer in CUSTOMERS],
    }).json()
    print(f"Batch {batch.id}: {batch.batchSize} accepted, {batch.status}")

    # A rejected message's index is its place in the messages sent, which
    # is the customer's place in CUSTOMERS.
    for rejected in batch.rejected:
        customer = CUSTOMERS[rejected.index]
        print(f"Rejected {customer['name']} ({rejected.to[0]}): "
              f"{rejected.errorCode} {rejected.description}")
    if batch.batchSize == 0:
        sys.exit("Error: every recipient was rejected; nothing was sent")


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
# --8<-- [end:send-a2p-personalized]
