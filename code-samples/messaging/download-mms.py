# --8<-- [start:download-mms]
"""Save the pictures and files of each MMS your numbers receive, then mark it read, until Ctrl-C.

Each attachment is saved in the current folder as mms-<message id>-<attachment id> with the
extension of its media type. Run it with `python download_mms.py`. Settings come from .env or the
environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT
(RC_TIMEOUT_SECONDS is optional).
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

SMS_EVENTS = "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS"
READY = "Listening for SMS."
# The file extensions of the media types an MMS may carry; anything else is saved as .bin.
EXTENSIONS = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/bmp": ".bmp", "image/tiff": ".tiff",
    "image/svg+xml": ".svg", "video/3gpp": ".3gp", "video/mp4": ".mp4", "video/mpeg": ".mpeg", "audio/mpeg": ".mp3",
    "text/vcard": ".vcf", "application/zip": ".zip", "application/gzip": ".gz", "application/rtf": ".rtf",
}


async def main():
    load_dotenv()
    platform = log_in()

    def save(message):
        files = [a for a in message["attachments"] if a["type"] == "MmsAttachment"]
        for attachment in files:
            # The uri is absolute (the platform serves content from its own media host). The name is
            # built from ids alone, never from the message, so it cannot point outside this folder.
            response = platform.get(attachment["uri"]).response()
            answered = response.headers.get("Content-Type", "").split(";")[0]
            if answered != attachment["contentType"]:  # a proxy's web page, say: not the file
                sys.exit(f"Error: the platform answered with {answered} where {attachment['contentType']} was due")
            content = response.content
            extension = EXTENSIONS.get(attachment["contentType"], ".bin")
            name = f"mms-{int(message['id'])}-{int(attachment['id'])}{extension}"
            with open(name, "wb") as file:
                file.write(content)
            print(f"Saved {name} ({attachment['contentType']}, {len(content)} bytes)", flush=True)
        if files:
            marked = platform.put(f"/restapi/v1.0/account/~/extension/~/message-store/{message['id']}",
                                  {"readStatus": "Read"}).json()
            print(f"Message {message['id']} is now {marked.readStatus}", flush=True)

    await listen(platform, save)


# --- Plumbing: settings, a network timeout, the WebSocket connection, errors -----------------

def setting(name, default=None):
    value = os.environ.get(name, default)
    if not value:
        sys.exit(f"Error: {name} is not set; add it to .env or the environment")
    return value


def log_in():
    """The SDK's platform, logged in with the JWT from the settings."""
    client = TimeoutClient(float(setting("RC_TIMEOUT_SECONDS", "30")))
    platform = Platform(client, setting("RC_APP_CLIENT_ID"), setting("RC_APP_CLIENT_SECRET"),
                        setting("RC_SERVER_URL", "https://platform.ringcentral.com"))
    platform.login(jwt=setting("RC_USER_JWT"))
    return platform


class TimeoutClient(Client):
    """The SDK's HTTP client with a network timeout: left alone, it waits forever for an answer."""

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def load_response(self, request):
        with requests.Session() as session:
            return ApiResponse(request, session.send(request, timeout=self.seconds))


async def listen(platform, on_sms):
    """Subscribe to inbound SMS and hand each one to on_sms, until the program is stopped.

    A connection can drop. This SDK does not recover the session, so this starts over: a new
    connection and a new subscription. It gives up if one closes before it ever subscribed.
    """
    while True:
        listener = Listener(platform, on_sms)
        try:
            await listener.run()
        except websockets.InvalidHandshake as refused:
            raise RefusedError(f"the platform refused the connection: {refused}") from None
        except websockets.ConnectionClosed:
            if listener.subscription_id is None:
                raise RefusedError(listener.refusal()) from None
            print("The connection dropped; connecting again", flush=True)


class Listener:
    """One WebSocket connection: it subscribes, then hands each SMS to on_sms until it closes."""

    def __init__(self, platform, on_sms):
        self.client = WebSocketClient(platform)
        self.client.on(WebSocketEvents.receiveMessage, self.on_frame)
        self.on_sms = on_sms
        self.subscription_id = None

    async def run(self):
        connecting = asyncio.ensure_future(self.client.create_new_connection())
        # The SDK sends the request once the connection is up; its answer comes in on_frame.
        await asyncio.gather(connecting, self.client.create_subscription([SMS_EVENTS]))

    def on_frame(self, frame):
        """Each frame after the first is a JSON array: [meta] or [meta, body].

        The SDK never reports the subscription as made (it waits for a header the platform does not
        send), so the answer to the request is read here.
        """
        meta, body = (json.loads(frame) + [None])[:2]
        if meta["type"] == "ClientRequest":  # the answer to the subscription request
            if meta["status"] >= 300:
                raise RefusedError(f"HTTP {meta['status']} {body['errorCode']}: {body['message']}")
            self.subscription_id = body["id"]
            print(f"{READY} Press Ctrl-C to stop.", flush=True)
        elif meta["type"] == "ServerNotification" and body["subscriptionId"] == self.subscription_id:
            self.on_sms(body["body"])  # (a notification for another subscription is not this program's)

    def refusal(self):
        """Why the connection closed before the subscription was made: the first frame may say."""
        details = (self.client.get_connection_info() or {}).get("connection_details")
        meta, body = (json.loads(details) + [None])[:2] if details else ({}, None)
        if meta.get("type") == "Error":
            return f"the platform refused the connection: {body['errorCode']}: {body['message']}"
        return "the connection closed before the subscription was made"


class RefusedError(Exception):
    """The platform would not subscribe this program, or not connect it."""


def describe(error):
    """HTTP status, errorCode and message from the platform's answer, in one line.

    Never print the ApiException itself: its text includes the request headers, access token too.
    """
    response = error.api_response().response() if error.api_response() else None
    if response is None:
        return f"no answer from the RingCentral platform: {error.__context__ or error}"
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}: the platform answered with something that is not JSON"
    code = body.get("errorCode") or next((e.get("errorCode") for e in body.get("errors", [])), "")
    message = body.get("message") or body.get("error_description", "")
    return f"HTTP {response.status_code} {code}: {message}"


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
        # A web page (from a proxy, say) where JSON was due: requests' JSONDecodeError from an API
        # call, or the SDK's bare Exception from the login. Anything else is a bug: show its traceback.
        if not isinstance(error, requests.JSONDecodeError) and str(error) != "Response is not JSON":
            raise
        sys.exit("Error: the platform answered with something that is not JSON")
# --8<-- [end:download-mms]
