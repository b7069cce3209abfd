"""Time each request of the samples' flow through the Python SDK, FLOWS times; print JSON.

Run by bench/latency.py as a separate process, as a sample would be, against a mock it names in
RC_SERVER_URL (the other RC_* settings log in). Prints [[request, milliseconds], ...]. A first,
untimed flow warms the process up: its cost belongs to starting the SDK, which the floor measures.
Before each flow the mock is reset, untimed, as the harness resets it before each test (which also
starts the rate-limit counters again: the Auth group allows 5 logins a minute).
"""

import json
import os
import sys
import time

import requests
from ringcentral import SDK

EXTENSION = "/restapi/v1.0/account/~/extension/~"


def timed(label, timings, call):
    started = time.perf_counter()
    result = call()
    timings.append([label, (time.perf_counter() - started) * 1000])
    return result


def flow(timings):
    requests.post(f"{os.environ['RC_SERVER_URL']}/__mock/reset", json={}, timeout=10).raise_for_status()
    sdk = SDK(os.environ["RC_APP_CLIENT_ID"], os.environ["RC_APP_CLIENT_SECRET"], os.environ["RC_SERVER_URL"])
    platform = sdk.platform()
    timed("login", timings, lambda: platform.login(jwt=os.environ["RC_USER_JWT"]))
    numbers = timed("phone-number", timings, lambda: platform.get(f"{EXTENSION}/phone-number")).json().records
    sender = next(n.phoneNumber for n in numbers if "SmsSender" in n.features)
    body = {"from": {"phoneNumber": sender}, "to": [{"phoneNumber": os.environ["SMS_RECIPIENT"]}], "text": "Hi"}
    message = timed("sms", timings, lambda: platform.post(f"{EXTENSION}/sms", body)).json()
    timed("message-store", timings, lambda: platform.get(f"{EXTENSION}/message-store/{message.id}"))


if __name__ == "__main__":
    flow([])
    timings = []
    for _ in range(int(sys.argv[1])):
        flow(timings)
    print(json.dumps(timings))
