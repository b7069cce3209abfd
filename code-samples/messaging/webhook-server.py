# --8<-- [start:webhook-server]
"""Receive SMS by webhook: a small server that prints each one, until Ctrl-C.

It answers the platform's validation and refuses any notification without
your verification token. Run it with `python webhook_server.py`. Settings
come from .env or the environment: WEBHOOK_VERIFICATION_TOKEN (the secret
the subscription was given) and WEBHOOK_PORT (5000 if not set). It listens
on 127.0.0.1 only: the platform reaches it through a tunnel or a reverse
proxy.
"""
import errno
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dotenv import load_dotenv

PATH = "/webhook"


def main():
    load_dotenv()
    token = setting("WEBHOOK_VERIFICATION_TOKEN")
    port = int(setting("WEBHOOK_PORT", "5000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(token))
    print(f"Listening on http://127.0.0.1:{port}{PATH}. "
          "Press Ctrl-C to stop.", flush=True)
    server.serve_forever()


def on_sms(message):
    """What to do with each SMS: here, print who sent it and what it says."""
    sender = message["from"]["phoneNumber"]
    print(f"SMS from {sender}: {message['subject']}", flush=True)


def handler_for(token):
    class Webhook(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if self.path != PATH:
                return self.answer(404)
            validation = self.headers.get("Validation-Token")
            # The platform checks the address as the subscription is made.
            if validation is not None:
                self.answer(200, {"Validation-Token": validation})
                print("Validated the subscription", flush=True)
                return
            given = self.headers.get("Verification-Token", "")
            if not hmac.compare_digest(given, token):
                # Not from the platform, or not for this subscription.
                self.answer(403)
                print("Refused a notification "
                      "without the verification token", flush=True)
                return
            # At once: the platform waits 3 s, then counts the delivery as
            # failed.
            self.answer(200)
            on_sms(json.loads(body)["body"])

        def answer(self, status, headers=None):
            """An empty JSON answer.

            The platform wants it small: at most 1 KiB in all.
            """
            self.send_response(status)
            fields = {
                "Content-Type": "application/json",
                "Content-Length": "0",
                **(headers or {}),
            }
            for name, value in fields.items():
                self.send_header(name, value)
            self.end_headers()

        # `format` is the base class's name for the parameter.
        def log_message(self, format, *args):  # noqa: A002
            pass  # each request is printed above, as it matters

    return Webhook


# Plumbing: settings, Ctrl-C, and errors as one line.

def setting(name, default=None):
    value = os.environ.get(name, default)
    if value:
        return value
    sys.exit(f"Error: {name} is not set; add it to .env or the environment")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Stopped.")  # Ctrl-C is how this program ends
    except OSError as error:  # the port is taken, say: EADDRINUSE
        name = errno.errorcode.get(error.errno, error.strerror)
        sys.exit(f"Error: cannot listen on 127.0.0.1: {name}")
# --8<-- [end:webhook-server]
