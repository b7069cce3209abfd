"""WebSocket connections meet the recorder and the fault layer like requests do.

The mock serves no WebSocket route yet, so these tests add an echo route of their own.
"""

from __future__ import annotations

import asyncio
import warnings

import pytest
from fastapi import WebSocket

from ringcentral_mock import MockState, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in its test client
    from fastapi.testclient import TestClient
    from starlette.testclient import WebSocketDenialResponse
    from starlette.websockets import WebSocketDisconnect


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for text in websocket.iter_text():
        if text == "bye":
            await websocket.close(code=4001)
            return
        await websocket.send_text(text)


async def refuse(websocket: WebSocket) -> None:
    await websocket.close(code=1008)


@pytest.fixture
def client(state: MockState) -> TestClient:
    app = create_app(state)
    for path, handler in (("/ws/echo", echo), ("/ws/refuse", refuse), ("/__mock/ws", echo)):
        app.add_api_websocket_route(path, handler)
    return TestClient(app)


def add(client, *faults: dict) -> None:
    assert client.post("/__mock/faults", json={"faults": list(faults)}).status_code == 200


def recorded(client) -> list[dict]:
    return client.get("/__mock/requests").json()


def test_an_accepted_connection_is_recorded_with_how_it_ended(client):
    with client.websocket_connect("/ws/echo?token=abc") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "hi"
    [record] = recorded(client)
    assert record == {"method": "WS", "path": "/ws/echo", "query": {"token": "abc"}, "content_type": None,
                      "body": None, "status": 101, "fault": None, "ms": record["ms"], "close_code": 1000}
    assert isinstance(record["ms"], float)


def test_the_mocks_own_close_code_is_recorded(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("bye")
        with pytest.raises(WebSocketDisconnect):
            ws.receive_text()
    assert recorded(client)[0]["close_code"] == 4001


def test_a_refused_handshake_is_recorded_as_403(client):
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws/refuse"):
        pass
    assert [(r["status"], r["close_code"]) for r in recorded(client)] == [(403, None)]


def test_an_error_fault_refuses_the_handshake_with_the_platform_error(client):
    add(client, {"kind": "error", "error": "SERVICE_UNAVAILABLE", "retry_after": 3, "method": "WS", "path": "/ws/*"})
    with pytest.raises(WebSocketDenialResponse) as refused, client.websocket_connect("/ws/echo"):
        pass
    assert (refused.value.status_code, refused.value.headers["retry-after"]) == (503, "3")
    assert refused.value.json()["errorCode"] == "CMN-201"
    assert [(r["status"], r["fault"]) for r in recorded(client)] == [(503, "error")]
    with client.websocket_connect("/ws/echo") as ws:  # once, by default
        ws.send_text("again")
        assert ws.receive_text() == "again"


def test_a_drop_fault_accepts_then_closes(client):
    add(client, {"kind": "drop", "method": "WS"})
    with client.websocket_connect("/ws/echo") as ws, pytest.raises(WebSocketDisconnect) as closed:
        ws.receive_text()
    assert closed.value.code == 1011
    assert [(r["status"], r["fault"], r["close_code"]) for r in recorded(client)] == [(101, "drop", 1011)]


def test_a_not_json_fault_answers_the_handshake_with_a_page(client):
    add(client, {"kind": "not-json", "path": "/ws/*"})
    with pytest.raises(WebSocketDenialResponse) as refused, client.websocket_connect("/ws/echo"):
        pass
    assert refused.value.headers["content-type"].startswith("text/html")


def test_ws_selects_handshakes_and_an_http_method_does_not(client):
    add(client, {"kind": "error", "error": "SERVICE_UNAVAILABLE", "method": "GET", "times": 0},
        {"kind": "error", "error": "SERVICE_UNAVAILABLE", "method": "WS", "path": "/restapi/*", "times": 0})
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "hi"
    assert client.post("/restapi/oauth/token").status_code != 503


def test_the_admin_prefix_is_neither_recorded_nor_faulted(client):
    add(client, {"kind": "drop", "times": 0})
    with client.websocket_connect("/__mock/ws") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "hi"
    assert recorded(client) == []


def test_without_the_denial_extension_an_error_fault_refuses_with_a_close(state):
    """A server that cannot answer a handshake in HTTP gets a close before the accept (it answers 403)."""
    state.faults.add([{"kind": "error", "error": "SERVICE_UNAVAILABLE"}])
    sent = []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "websocket", "path": "/ws/echo", "raw_path": b"/ws/echo", "query_string": b"", "headers": [],
             "scheme": "ws", "server": ("mock", 80), "client": ("test", 1), "root_path": "", "subprotocols": []}
    asyncio.run(create_app(state)(scope, receive, send))
    assert sent == [{"type": "websocket.close", "code": 1008}]
    assert [(r["status"], r["fault"]) for r in state.requests] == [(403, "error")]
