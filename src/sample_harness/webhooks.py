"""What the harness does for webhook samples: the settings a run gets (a free loopback port, the
address on it, a fresh verification token), forged notifications, and stand-in servers that answer
the platform's validation wrongly, for the subscribe sample's failure twins."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

PATH = "/webhook"
# The kinds of stand-in a case can name as its companion (`companion = "stand-in:no-echo"`).
STAND_INS = ("no-echo", "slow", "refuses", "fails-notifications")
SLOW_SECONDS = 1.0  # past the validation deadline the harness's scenarios set (see tests/expectations.toml)


def settings() -> dict[str, str]:
    """WEBHOOK_PORT, WEBHOOK_ADDRESS and WEBHOOK_VERIFICATION_TOKEN for one run."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return {"WEBHOOK_PORT": str(port), "WEBHOOK_ADDRESS": f"http://127.0.0.1:{port}{PATH}",
            "WEBHOOK_VERIFICATION_TOKEN": f"mock-verification-{secrets.token_urlsafe(12)}"}


# The forged notifications a step can send (`forge = "missing"`): each with its Verification-Token,
# where it goes, and the status the server must refuse it with.
FORGERIES = ("missing", "wrong", "elsewhere")


def forged(kind: str, values: dict[str, str]) -> tuple[str, str | None, int, str]:
    """A forgery's address, its Verification-Token, the refusal due, and what to call it in a problem:
    no token (`missing`), a wrong one (`wrong`), or the right one on another path (`elsewhere`), which
    no subscription names: 404."""
    address, token = values["WEBHOOK_ADDRESS"], values["WEBHOOK_VERIFICATION_TOKEN"]
    if kind == "elsewhere":
        return (address.removesuffix(PATH) + "/elsewhere", token, 404,
                "a notification to another path than the subscription's")
    return (address, None if kind == "missing" else "not-the-verification-token", 403,
            f"a notification with {kind} Verification-Token")


def forge(address: str, token: str | None) -> int | None:
    """POST a notification-shaped body, as a forger would: without a Verification-Token, or with `token`.
    The status the server answered, or None if it did not."""
    headers = {"Content-Type": "application/json; charset=UTF-8"} | ({"Verification-Token": token} if token else {})
    body = {"uuid": "1", "event": "/restapi/v1.0/account/1/extension/1/message-store/instant?type=SMS",
            "subscriptionId": "forged", "ownerId": "1",
            "body": {"id": "1", "from": {"phoneNumber": "+15555550100"}, "to": [], "subject": "forged",
                     "attachments": []}}
    try:
        return httpx.post(address, json=body, headers=headers, timeout=5).status_code
    except httpx.HTTPError:
        return None


@contextmanager
def stand_in(kind: str, port: int) -> Iterator[None]:
    """A webhook server on the port that answers the validation wrongly: without echoing the token
    (`no-echo`), too late (`slow`), or with 500 (`refuses`); or answers it right and every
    notification with 500 (`fails-notifications`), so its subscription ends up blacklisted."""

    class Wrong(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if kind == "slow":
                time.sleep(SLOW_SECONDS)  # the stand-in's own lateness, which the mock must not wait out
            validation = self.headers.get("Validation-Token")
            self.send_response(500 if kind == "refuses" or (kind == "fails-notifications" and not validation)
                               else 200)
            if kind in ("slow", "fails-notifications") and validation:
                self.send_header("Validation-Token", validation)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the base class's name)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Wrong)
    thread = threading.Thread(target=server.serve_forever, name=f"stand-in {kind}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
