# --8<-- [start:handling-errors]
"""Send an SMS the careful way: retry what the platform says is worth retrying, stop on anything else.

A 429 (too many requests) or 503 (service unavailable) is tried again after the wait its
Retry-After header asks for; an expired access token is refreshed; a read that got no answer is
tried again. Each request gets at most MAX_ATTEMPTS tries. Any other error stops the program with
one line naming the platform's errorCode. Run it with `python handling_errors.py`. Settings come
from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT
and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is optional).
"""
import os
import sys
import time

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

MAX_ATTEMPTS = 3  # tries per request, the first one included
RETRY_AFTER_STATUSES = (429, 503)  # the platform is busy: the same request may succeed later
DEFAULT_WAIT_SECONDS = 30  # when a 429 or 503 comes without Retry-After
MAX_WAIT_SECONDS = 120  # never wait longer than this for one retry


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


def error_body(response):
    """The platform's JSON error body: errorCode, message, and errors[] (with parameterName)."""
    try:
        return response.json()
    except ValueError:
        return {}  # something between you and the platform answered (a proxy, a gateway)


def error_code(body):
    """errorCode sits at the top of API errors; OAuth errors carry it in errors[] only."""
    return body.get("errorCode") or next((e.get("errorCode") for e in body.get("errors", [])), "")


def seconds_to_wait(response):
    value = response.headers.get("Retry-After", "")
    return min(int(value) if value.isdigit() else DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS)


def with_retries(platform, send, repeatable=False):
    """Call send(); try again where that can help, at most MAX_ATTEMPTS times in all.

    Pass repeatable=True for reads only: a send that got no answer may still have gone out.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return send()
        except ApiException as error:
            response = error.api_response().response() if error.api_response() else None
            if attempt == MAX_ATTEMPTS:
                raise
            if response is None and repeatable:
                print("No answer from the platform; trying again")
            elif response is not None and response.status_code in RETRY_AFTER_STATUSES:
                wait = seconds_to_wait(response)
                print(f"HTTP {response.status_code} {error_code(error_body(response))}: "
                      f"the platform asks to wait {wait} s; trying again")
                time.sleep(wait)
            elif response is not None and error_code(error_body(response)) == "OAU-128":
                platform.refresh()  # the access token has expired (the JavaScript SDK does this by itself)
            else:
                raise  # 400, 401, 403, 404...: the same request would fail the same way


def find_sms_number(platform):
    """The first of the user's numbers whose features include SmsSender."""
    numbers = with_retries(platform, lambda: platform.get("/restapi/v1.0/account/~/extension/~/phone-number"),
                           repeatable=True).json().records
    for number in numbers:
        if "SmsSender" in number.features:
            return number.phoneNumber
    sys.exit("Error: none of this user's phone numbers can send SMS (no SmsSender feature)")


def main():
    load_dotenv()
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(client, setting("RC_APP_CLIENT_ID"), setting("RC_APP_CLIENT_SECRET"),
                        setting("RC_SERVER_URL", "https://platform.ringcentral.com"))
    jwt = setting("RC_USER_JWT")
    with_retries(platform, lambda: platform.login(jwt=jwt))

    sender = find_sms_number(platform)
    recipient = setting("SMS_RECIPIENT")
    print(f"Sending from {sender} to {recipient}")
    message = with_retries(platform, lambda: platform.post("/restapi/v1.0/account/~/extension/~/sms", {
        "from": {"phoneNumber": sender},
        "to": [{"phoneNumber": recipient}],
        "text": "Hello World!",
    })).json()
    print(f"SMS sent. Message id: {message.id}")

    url = f"/restapi/v1.0/account/~/extension/~/message-store/{message.id}"
    message = with_retries(platform, lambda: platform.get(url), repeatable=True).json()
    print(f"Message status: {message.messageStatus}")


def describe(error):
    """One line from the platform's error body: status, errorCode, message, and the parameter at fault.

    Never print the ApiException itself: its text includes the request headers, access token too.
    """
    response = error.api_response().response() if error.api_response() else None
    if response is None:
        return f"no answer from the RingCentral platform: {error.__context__ or error}"
    body = error_body(response)
    if not body:
        return f"HTTP {response.status_code}: the platform answered with something that is not JSON"
    first = (body.get("errors") or [{}])[0]
    message = body.get("message") or body.get("error_description") or first.get("message", "")
    parameter = first.get("parameterName")
    return f"HTTP {response.status_code} {error_code(body)}: {message}" + (f" ({parameter})" if parameter else "")


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
# --8<-- [end:handling-errors]
