# --8<-- [start:handling-errors]
"""Send an SMS, retrying what the platform says is worth retrying.

A 429 (too many requests) or 503 (service unavailable) is tried again after
the wait its Retry-After header asks for; an expired access token is
refreshed; a read that got no answer is tried again. Each request gets at
most MAX_ATTEMPTS tries. Any other error stops the program with one line
naming the platform's errorCode. Run it with `python handling_errors.py`.
Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
RC_APP_CLIENT_SECRET, RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is
optional).
"""
import os
import sys
import time

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

MAX_ATTEMPTS = 3  # tries per request, the first one included
# The platform is busy: the same request may succeed later.
RETRY_AFTER_STATUSES = (429, 503)
DEFAULT_WAIT_SECONDS = 30  # when a 429 or 503 comes without Retry-After
MAX_WAIT_SECONDS = 120  # never wait longer than this for one retry


def main():
    load_dotenv()
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(
        client,
        setting("RC_APP_CLIENT_ID"),
        setting("RC_APP_CLIENT_SECRET"),
        setting("RC_SERVER_URL", "https://platform.ringcentral.com"),
    )
    jwt = setting("RC_USER_JWT")
    with_retries(platform, lambda: platform.login(jwt=jwt))

    sender = find_sms_number(platform)
    recipient = setting("SMS_RECIPIENT")
    print(f"Sending from {sender} to {recipient}")
    body = {
        "from": {"phoneNumber": sender},
        "to": [{"phoneNumber": recipient}],
        "text": "Hello World!",
    }
    path = "/restapi/v1.0/account/~/extension/~/sms"
    message = with_retries(platform, lambda: platform.post(path, body)).json()
    print(f"SMS sent. Message id: {message.id}")

    url = f"/restapi/v1.0/account/~/extension/~/message-store/{message.id}"
    message = with_retries(platform, lambda: platform.get(url),
                           repeatable=True).json()
    print(f"Message status: {message.messageStatus}")


def find_sms_number(platform):
    """The first of the user's numbers whose features include SmsSender."""
    path = "/restapi/v1.0/account/~/extension/~/phone-number"
    numbers = with_retries(platform, lambda: platform.get(path),
                           repeatable=True).json().records
    for number in numbers:
        if "SmsSender" in number.features:
            return number.phoneNumber
    sys.exit("Error: none of this user's phone numbers can send SMS "
             "(no SmsSender feature)")


def with_retries(platform, send, repeatable=False):
    """Call send(); try again where that can help, MAX_ATTEMPTS tries in all.

    Pass repeatable=True for reads only: a send that got no answer may still
    have gone out.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return send()
        except ApiException as error:
            api_response = error.api_response()
            response = api_response.response() if api_response else None
            if attempt == MAX_ATTEMPTS:
                raise
            if response is None and repeatable:
                print("No answer from the platform; trying again")
            elif (response is not None
                  and response.status_code in RETRY_AFTER_STATUSES):
                wait = seconds_to_wait(response)
                code = error_code(error_body(response))
                print(f"HTTP {response.status_code} {code}: "
                      f"the platform asks to wait {wait} s; trying again")
                time.sleep(wait)
            elif (response is not None
                  and error_code(error_body(response)) == "OAU-128"):
                # The access token has expired (the JavaScript SDK refreshes
                # it by itself).
                platform.refresh()
            else:
                raise  # 400, 401, 403, 404...: a retry would fail the same way


def seconds_to_wait(response):
    value = response.headers.get("Retry-After", "")
    wait = int(value) if value.isdigit() else DEFAULT_WAIT_SECONDS
    return min(wait, MAX_WAIT_SECONDS)


def error_body(response):
    """The platform's JSON error body.

    It has errorCode, message, and errors[] (with parameterName).
    """
    try:
        return response.json()
    except ValueError:
        return {}  # a proxy or a gateway answered, not the platform


def error_code(body):
    """API errors carry errorCode at the top; OAuth errors in errors[] only."""
    return body.get("errorCode") or next(
        (e.get("errorCode") for e in body.get("errors", [])), "")


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
    """The platform's error body in one line, with the parameter at fault.

    Never print the ApiException itself: its text includes the request's
    headers, the access token among them.
    """
    api_response = error.api_response()
    response = api_response.response() if api_response else None
    if response is None:
        cause = error.__context__ or error
        return f"no answer from the RingCentral platform: {cause}"
    status = response.status_code
    body = error_body(response)
    if not body:
        return (f"HTTP {status}: "
                "the platform answered with something that is not JSON")
    first = (body.get("errors") or [{}])[0]
    message = (body.get("message") or body.get("error_description")
               or first.get("message", ""))
    parameter = first.get("parameterName")
    at_fault = f" ({parameter})" if parameter else ""
    return f"HTTP {status} {error_code(body)}: {message}{at_fault}"


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
# --8<-- [end:handling-errors]
