# --8<-- [start:sms-templates]
"""Create an SMS template, list your templates, text from one, delete it.

Run it with `python sms_templates.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET,
RC_USER_JWT and SMS_RECIPIENT (TEMPLATE_NAME, the new template's name, and
RC_TIMEOUT_SECONDS are optional).
"""
import os
import sys

import requests
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform

TEXT = "Your order is ready for pickup."


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

    # A name your templates already have is refused: that ends the run
    # with one Error line.
    templates = "/restapi/v1.0/account/~/extension/~/message-store-templates"
    created = platform.post(templates, {
        "displayName": setting("TEMPLATE_NAME", "Order ready"),
        "body": {"text": TEXT},
    }).json()
    print(f"Created template {created.id}: {created.displayName}")

    # Your own templates (scope Personal) and the company's.
    listed = platform.get(templates).json().records
    print(f"Your templates: {len(listed)}")
    for template in listed:
        print(f"  {template.displayName} ({template.scope}): "
              f"{template.body.text}")

    sender = find_sms_number(platform)
    recipient = setting("SMS_RECIPIENT")
    message = platform.post("/restapi/v1.0/account/~/extension/~/sms", {
        "from": {"phoneNumber": sender},
        "to": [{"phoneNumber": recipient}],
        "text": created.body.text,
    }).json()
    print(f"Sent {created.displayName} to {recipient}: message {message.id}")

    # 204 No Content: the answer has no body to read.
    platform.delete(f"{templates}/{created.id}")
    print(f"Deleted template {created.id}")


def find_sms_number(platform):
    """The first of the user's numbers whose features include SmsSender."""
    path = "/restapi/v1.0/account/~/extension/~/phone-number"
    numbers = platform.get(path).json().records
    for number in numbers:
        if "SmsSender" in number.features:
            return number.phoneNumber
    sys.exit("Error: none of this user's phone numbers can send SMS "
             "(no SmsSender feature)")



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
# --8<-- [end:sms-templates]
