# --8<-- [start:delete-message]
"""Delete a message from your message store, then restore it.

The message is MESSAGE_ID, or else the newest one of the last 24 hours. Run
it with `python delete_message.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
RC_USER_JWT (MESSAGE_ID and RC_TIMEOUT_SECONDS are optional).
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform


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

    store = "/restapi/v1.0/account/~/extension/~/message-store"
    message_id = os.environ.get("MESSAGE_ID")
    if not message_id:
        newest = platform.get(store, {"perPage": 1}).json().records
        if not newest:
            print("No message in the last 24 hours to delete")
            return
        message_id = newest[0].id
    path = f"{store}/{message_id}"
    message = platform.get(path).json()
    print(f"Message {message.id}: {message.subject}")

    # 204 No Content: the answer has no body to read.
    platform.delete(path)
    deleted = platform.get(path).json()
    print(f"Deleted; its availability is now {deleted.availability}")

    restored = platform.patch(path, {"availability": "Alive"}).json()
    print(f"Restored; its availability is now {restored.availability}")


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
# --8<-- [end:delete-message]
