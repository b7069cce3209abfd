# --8<-- [start:auto-reply]
"""Answer each SMS you receive with an away message, once per sender.

It runs until Ctrl-C. The reply goes out from the number the text was sent
to. Run it with `python auto_reply.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
"""
import asyncio
import json
import os
import sys

import requests
import websockets
from dotenv import load_dotenv
from ringcentral.http import ApiException, ApiResponse, Client
from ringcentral.platform import Platform
from ringcentral.websocket.events import WebSocketEvents
from ringcentral.websocket.web_socket_client import WebSocketClient

SMS_EVENTS = (
    "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS"
)
READY = "Listening for SMS."
AWAY = ("Thanks for your message. We are closed until Monday "
        "and will answer you then.")


async def main():
    load_dotenv()
    platform = log_in()
    # One away message per sender: two auto-repliers must not text each
    # other forever.
    answered = set()

    def reply(message):
        sender = message["from"]["phoneNumber"]
        # The number texted is the one marked as the target (the text may
        # have gone to several).
        target = next((to for to in message["to"] if to.get("target")),
                      message["to"][0])
        ours = target["phoneNumber"]
        if sender in answered:
            print(f"SMS from {sender}: already answered", flush=True)
            return
        answered.add(sender)
        sent = platform.post("/restapi/v1.0/account/~/extension/~/sms", {
            "from": {"phoneNumber": ours},
            "to": [{"phoneNumber": sender}],
            "text": AWAY,
        }).json()
        print(f"Replied to {sender} from {ours} (message {sent.id})",
              flush=True)

    await listen(platform, reply)


def log_in():
    """The SDK's platform, logged in with the JWT from the settings."""
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(
        client,
        setting("RC_APP_CLIENT_ID"),
        setting("RC_APP_CLIENT_SECRET"),
        setting("RC_SERVER_URL", "https://platform.ringcentral.com"),
    )
    platform.login(jwt=setting("RC_USER_JWT"))
    return platform


async def listen(platform, on_sms):
    """Subscribe to inbound SMS; hand each one to on_sms until stopped.

    A connection can drop. This SDK does not recover the session, so this
    starts over: a new connection and a new subscription. It gives up if one
    closes before it ever subscribed.
    """
    while True:
        listener = Listener(platform, on_sms)
        try:
            await listener.run()
        except websockets.InvalidHandshake as refused:
            why = f"the platform refused the connection: {refused}"
            raise RefusedError(why) from None
        except websockets.ConnectionClosed:
            if listener.subscription_id is None:
                raise RefusedError(listener.refusal()) from None
            print("The connection dropped; connecting again", flush=True)


class Listener:
    """One WebSocket connection, until it closes.

    It subscribes, then hands each SMS to on_sms.
    """

    def __init__(self, platform, on_sms):
        self.client = WebSocketClient(platform)
        self.client.on(WebSocketEvents.receiveMessage, self.on_frame)
        self.on_sms = on_sms
        self.subscription_id = None

    async def run(self):
        connecting = asyncio.ensure_future(self.client.create_new_connection())
        # The SDK sends the request once the connection is up; its answer
        # comes in on_frame.
        subscribing = self.client.create_subscription([SMS_EVENTS])
        await asyncio.gather(connecting, subscribing)

    def on_frame(self, frame):
        """Each frame but the first is a JSON array: [meta] or [meta, body].

        The SDK never reports the subscription as made (it waits for a header
        the platform does not send), so the answer to the request is read
        here.
        """
        meta, body = (json.loads(frame) + [None])[:2]
        if meta["type"] == "ClientRequest":  # the subscription's answer
            if meta["status"] >= 300:
                raise RefusedError(f"HTTP {meta['status']} "
                                   f"{body['errorCode']}: {body['message']}")
            self.subscription_id = body["id"]
            print(f"{READY} Press Ctrl-C to stop.", flush=True)
        elif (meta["type"] == "ServerNotification"
              and body["subscriptionId"] == self.subscription_id):
            # A notification for another subscription is not this program's.
            self.on_sms(body["body"])

    def refusal(self):
        """Why the connection closed before the subscription was made.

        The first frame may say.
        """
        info = self.client.get_connection_info() or {}
        details = info.get("connection_details")
        meta, body = {}, None
        if details:
            meta, body = (json.loads(details) + [None])[:2]
        if meta.get("type") == "Error":
            return ("the platform refused the connection: "
                    f"{body['errorCode']}: {body['message']}")
        return "the connection closed before the subscription was made"


# Plumbing: settings, a network timeout, Ctrl-C, and errors as one line.

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


class RefusedError(Exception):
    """The platform would not subscribe this program, or not connect it."""


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
        asyncio.run(main())
    except KeyboardInterrupt:
        print("Stopped.")  # Ctrl-C is how this program ends
    except RefusedError as error:
        sys.exit(f"Error: {error}")
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
# --8<-- [end:auto-reply]
