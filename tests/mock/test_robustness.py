"""Bad input never breaks the mock: oversized bodies, many clients at once, bounded memory."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import httpx

from ringcentral_mock import MockState, create_app
from sample_harness.api import JWT_GRANT, SMS, TOKEN, basic, error_code, sms_body


def test_declared_oversized_body_is_413_before_it_is_read(client, login, state):
    state.scenario["limits"]["max_body_bytes"] = 1000
    headers = {**login(), "Content-Type": "application/json"}
    response = client.post(SMS, headers=headers, content=b"x" * 1001)
    assert error_code(response) == (413, "CMN-104")
    assert state.requests[-1]["body"] is None  # refused on its Content-Length: not a byte was read


def test_streamed_oversized_body_is_413_once_it_passes_the_limit(state):
    """Driven at the ASGI level, so the test sees how many chunks of the stream the mock pulled."""
    state.scenario["limits"]["max_body_bytes"] = 1000
    pulled, sent = [], []

    async def receive():
        pulled.append(100)
        return {"type": "http.request", "body": b"x" * 100, "more_body": len(pulled) < 100}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": SMS, "raw_path": SMS.encode(), "query_string": b"",
             "headers": [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")],
             "scheme": "http", "server": ("mock", 80), "client": ("test", 1), "root_path": "",
             "http_version": "1.1"}
    asyncio.run(create_app(state)(scope, receive, send))
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["errorCode"] == "CMN-104"
    assert sum(pulled) == 1100  # it stopped at the first chunk past the limit


def test_body_at_the_limit_is_read(client, login, state):
    body = sms_body()
    state.scenario["limits"]["max_body_bytes"] = len(str(body).encode()) + 100
    assert client.post(SMS, headers=login(), json=body).status_code == 200


def test_stored_messages_are_capped_oldest_first(client, login, state):
    state.messages.cap = 3
    headers = login()
    ids = [client.post(SMS, headers=headers, json=sms_body()).json()["id"] for _ in range(5)]
    assert list(state.messages) == ids[2:]


def test_recorded_requests_are_capped():
    state = MockState()
    assert state.requests.maxlen == state.scenario["limits"]["max_recorded_requests"]


def test_many_clients_at_once_lose_nothing(mock, mock_server):
    """Six threads, two per user, each sending 20 SMS over real HTTP: every one stored and recorded."""
    senders = {"mock-jwt-alice": "+16505550100", "mock-jwt-bob": "+16505550150",
               "mock-jwt-support-queue": "+16505550120"}
    with httpx.Client(base_url=mock.url) as http:
        tokens = {jwt: http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": jwt})
                  .json()["access_token"] for jwt in senders}

    def send(worker: int) -> list[int]:
        jwt = list(senders)[worker % 3]
        headers = {"Authorization": f"bearer {tokens[jwt]}"}
        with httpx.Client(base_url=mock.url, headers=headers) as http:
            return [http.post(SMS, json=sms_body(sender=senders[jwt], text=f"w{worker}-{n}")).raise_for_status()
                    .json()["id"] for n in range(20)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = [i for batch in pool.map(send, range(6)) for i in batch]
    stored = {m.id: m.text for m in mock_server.state.messages.values() if m.direction == "Outbound"}
    assert len(set(ids)) == 120 and set(ids) == set(stored)
    assert sorted(stored.values()) == sorted(f"w{w}-{n}" for w in range(6) for n in range(20))
    posts = [r for r in mock.requests() if r["path"] == SMS]
    assert len(posts) == 120 and {r["status"] for r in posts} == {200}


def test_live_tokens_are_capped_oldest_forgotten(client, login, state):
    state.tokens.cap = 2
    first, *_ = [login() for _ in range(3)]
    assert error_code(client.get("/restapi/v1.0/account/~/extension/~/phone-number", headers=first)) == (401, "OAU-129")
