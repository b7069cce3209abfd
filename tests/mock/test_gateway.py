"""The WebSocket gateway, served for real and driven with the `websockets` client: wstoken, the first
frame, subscriptions as ClientRequest frames, notifications, frames it cannot read, recovery after a
drop, reset and faults. One server for the module, reset before each test; a test waits for frames,
never for time, and moves the mock's clock where time matters."""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from served import WAIT, eventually
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from ringcentral_mock import scenarios
from ringcentral_mock.server import MockServer
from sample_harness.api import JWT_GRANT, TOKEN, basic, error_code

ALICE, BOB = "mock-jwt-alice", "mock-jwt-bob"
ALICE_NUMBER, BOB_NUMBER = "+16505550100", "+16505550150"
ACCOUNT_ID, ALICE_ID, BOB_ID = 400100000, 400100001, 400100005
OUTSIDER = "+14155550123"
OWN_SMS = "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS"
ALICE_SMS = f"/restapi/v1.0/account/{ACCOUNT_ID}/extension/{ALICE_ID}/message-store/instant?type=SMS"
SUBSCRIPTION = "/restapi/v1.0/subscription"
WSTOKEN = "/restapi/oauth/wstoken"


class Socket:
    """One WebSocket connection to the gateway; `first` is the first frame it was sent."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.first = self.recv()

    @property
    def wsc(self) -> str:
        return self.first[0]["wsc"]["token"]

    def recv(self) -> list[Any]:
        return json.loads(self.ws.recv(timeout=WAIT))

    def send(self, *frame: Any) -> None:
        self.ws.send(json.dumps(list(frame)))

    def request(self, method: str, path: str, body: Any = None) -> list[Any]:
        """Send a ClientRequest frame; the next frame, checked to be its reply."""
        message_id = str(uuid.uuid4())
        self.send({"type": "ClientRequest", "messageId": message_id, "method": method, "path": path},
                  *([] if body is None else [body]))
        reply = self.recv()
        assert (reply[0]["type"], reply[0]["messageId"]) == ("ClientRequest", message_id), reply
        return reply

    def subscribe(self, filters: list[str] | None = None, path: str = SUBSCRIPTION) -> list[Any]:
        return self.request("POST", path, {"eventFilters": [OWN_SMS] if filters is None else filters,
                                           "deliveryMode": {"transportType": "WebSocket"}})

    def subscribed(self) -> str:
        """Subscribe to the caller's own SMS; the subscription's id."""
        meta, body = self.subscribe()
        assert meta["status"] == 200, body
        return body["id"]

    def until_echo(self) -> list[list[Any]]:
        """Send a Heartbeat; every frame that came before its echo. The gateway answers a connection's
        frames in order, so whatever it was to send before the Heartbeat arrived is in the list."""
        message_id = str(uuid.uuid4())
        self.send({"type": "Heartbeat", "messageId": message_id})
        before = []
        while (frame := self.recv())[0]["type"] != "Heartbeat" or frame[0]["messageId"] != message_id:
            before.append(frame)
        return before

    def close_code(self) -> int | None:
        """Wait for the gateway to close the connection; its close code (None for a close without one)."""
        with pytest.raises(ConnectionClosed) as closed:
            frame = self.ws.recv(timeout=WAIT)
            pytest.fail(f"a frame instead of a close: {frame}")
        return closed.value.rcvd.code if closed.value.rcvd else None


class Mock:
    """The served mock from a test's side: its HTTP API and connections to its gateway."""

    def __init__(self, server: MockServer, http: httpx.Client, sockets: contextlib.ExitStack) -> None:
        self.server = server
        self.http = http
        self.ws_url = server.url.replace("http", "ws", 1) + "/ws"
        self._sockets = sockets
        self._lock = threading.Lock()
        self._bearers: dict[str, dict[str, str]] = {}

    def reset(self, scenario: str | None = None) -> None:
        assert self.http.post("/__mock/reset", json={"scenario": scenario}).status_code == 200
        self._bearers.clear()  # a reset forgets every token

    def bearer(self, jwt: str = ALICE) -> dict[str, str]:
        if jwt not in self._bearers:
            token = self.http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": jwt})
            self._bearers[jwt] = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return self._bearers[jwt]

    def wstoken(self, jwt: str = ALICE) -> dict[str, Any]:
        answer = self.http.post(WSTOKEN, headers=self.bearer(jwt))
        assert answer.status_code == 200, answer.text
        return answer.json()

    def open(self, query: str = "") -> Socket:
        ws = connect(f"{self.ws_url}?{query}" if query else self.ws_url, open_timeout=WAIT, proxy=None)
        with self._lock:
            self._sockets.enter_context(ws)  # closed when the test ends
        return Socket(ws)

    def connect(self, jwt: str = ALICE, wsc: str | None = None) -> Socket:
        token = self.wstoken(jwt)
        assert token["uri"] == self.ws_url
        return self.open(f"access_token={token['ws_access_token']}" + (f"&wsc={wsc}" if wsc else ""))

    def inbound(self, **body: Any) -> httpx.Response:
        return self.http.post("/__mock/inbound", json={"from": OUTSIDER, "text": "Hi", **body})

    def subscriptions(self) -> list[dict[str, Any]]:
        return self.http.get("/__mock/subscriptions").json()

    def advance(self, seconds: float) -> None:
        assert self.http.post("/__mock/clock", json={"advance": seconds}).status_code == 200

    def faults(self, *faults: dict[str, Any]) -> None:
        assert self.http.post("/__mock/faults", json={"faults": list(faults)}).status_code == 200

    def frame_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.http.get("/__mock/requests").json() if r.get("via") == "websocket"]






@pytest.fixture
def mock(server: MockServer) -> Iterator[Mock]:
    with httpx.Client(base_url=server.url, timeout=WAIT, trust_env=False) as http, \
            contextlib.ExitStack() as sockets:
        driver = Mock(server, http, sockets)
        driver.reset()
        yield driver


def refusal(socket: Socket) -> tuple[str, str, int | None]:
    """(frame type, errorCode, close code) of a connection the gateway will not serve."""
    meta, body = socket.first
    return meta["type"], body["errorCode"], socket.close_code()


def dropped(mock: Mock) -> str:
    """Alice subscribed, then her connection cut and her session waiting to be recovered; its wsc token."""
    socket = mock.connect()
    socket.subscribed()
    assert mock.http.post("/__mock/disconnect").json() == {"disconnected": 1}
    assert socket.close_code() == 1001
    eventually(lambda: mock.subscriptions()[0]["connected"] is False)
    return socket.wsc


# -- wstoken -------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, basic()], ids=["no Authorization", "Basic"])
def test_wstoken_needs_a_bearer_token(mock, headers):
    assert error_code(mock.http.post(WSTOKEN, headers=headers)) == (401, "OAU-123")


def test_wstoken_answers_a_token_and_the_mocks_own_gateway_uri(mock, server):
    answer = mock.http.post(WSTOKEN, headers=mock.bearer()).json()
    assert answer["ws_access_token"]
    assert answer["uri"] == f"ws://127.0.0.1:{server.url.rsplit(':', 1)[1]}/ws"


@pytest.mark.parametrize("scenario", ["default", "short-ws-tokens"])
def test_wstoken_expires_in_the_scenarios_token_ttl(mock, scenario):
    mock.reset(scenario)
    expected = scenarios.load(scenario)["websocket"]["token_ttl"]
    assert mock.http.post(WSTOKEN, headers=mock.bearer()).json()["expires_in"] == expected


def test_wstoken_counts_in_the_apps_auth_group(mock):
    login = mock.bearer()  # one Auth request
    answer = mock.http.post(WSTOKEN, headers=login)
    assert answer.headers["X-Rate-Limit-Group"] == "auth"
    assert int(answer.headers["X-Rate-Limit-Remaining"]) == int(answer.headers["X-Rate-Limit-Limit"]) - 2


# -- connecting ----------------------------------------------------------------------------------


def test_the_first_frame_is_connection_details_with_the_session_token_and_recovery_settings(mock):
    meta, body = mock.connect().first
    assert meta["type"] == "ConnectionDetails" and meta["status"] == 200
    assert isinstance(meta["wsc"]["token"], str) and meta["wsc"]["token"] and meta["wsc"]["sequence"] == 1
    assert (body["recoveryTimeout"], body["recoveryBufferSize"]) == (180, 100)
    assert "recoveryState" not in body


def test_every_later_frame_carries_the_session_token_with_a_higher_sequence(mock):
    socket = mock.connect()
    frames = [socket.first, socket.subscribe()]
    socket.send({"type": "Heartbeat", "messageId": "beat"})
    frames.append(socket.recv())
    wscs = [frame[0]["wsc"] for frame in frames]
    assert {wsc["token"] for wsc in wscs} == {socket.wsc}
    assert [wsc["sequence"] for wsc in wscs] == [1, 2, 3]


def test_a_wstoken_is_good_for_one_connection_only(mock):
    token = mock.wstoken()["ws_access_token"]
    assert mock.open(f"access_token={token}").first[0]["type"] == "ConnectionDetails"
    assert refusal(mock.open(f"access_token={token}")) == ("Error", "WSG-401", 1008)


def test_an_expired_wstoken_is_refused(mock):
    token = mock.wstoken()["ws_access_token"]
    mock.advance(31)  # past the default scenario's token_ttl, 30
    assert refusal(mock.open(f"access_token={token}")) == ("Error", "WSG-401", 1008)


@pytest.mark.parametrize("query", ["", "access_token=", "access_token=mock-ws-unknown"])
def test_a_missing_or_unknown_wstoken_is_refused(mock, query):
    assert refusal(mock.open(query)) == ("Error", "WSG-401", 1008)


def test_a_heartbeat_is_echoed_with_its_message_id(mock):
    socket = mock.connect()
    socket.send({"type": "Heartbeat", "messageId": "beat-1"})
    meta, *rest = socket.recv()
    assert (meta["type"], meta["messageId"], rest) == ("Heartbeat", "beat-1", [])


# -- subscribing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SUBSCRIPTION, SUBSCRIPTION + "/"], ids=["JavaScript's path", "Python's path"])
def test_a_client_request_creates_the_subscription(mock, path):
    meta, body = mock.connect().subscribe(path=path)
    assert meta["status"] == 200
    assert (body["status"], body["eventFilters"], body["deliveryMode"]["transportType"]) == (
        "Active", [ALICE_SMS], "WebSocket")
    assert body["uri"] == f"{SUBSCRIPTION}/{body['id']}"
    assert [s["id"] for s in mock.subscriptions()] == [body["id"]]


def test_the_subscription_reply_has_no_wsg_subscription_id_header(mock):
    meta, _ = mock.connect().subscribe()
    assert meta["headers"]["Content-Type"] == "application/json"
    assert "WSG-SubscriptionId" not in meta["headers"]


@pytest.mark.parametrize("filters", [["/restapi/v1.0/account/~/extension/~/presence"], []],
                         ids=["presence", "none"])
def test_a_filter_other_than_instant_sms_or_none_is_sub_508(mock, filters):
    meta, body = mock.connect().subscribe(filters)
    assert (meta["status"], body["errorCode"]) == (400, "SUB-508")
    assert mock.subscriptions() == []


def test_another_extensions_messages_are_sub_405(mock):
    meta, body = mock.connect().subscribe([f"/restapi/v1.0/account/~/extension/{BOB_ID}/message-store/instant"
                                           "?type=SMS"])
    assert (meta["status"], body["errorCode"]) == (403, "SUB-405")


def test_put_updates_the_subscriptions_filters(mock):
    socket = mock.connect()
    subscription_id = socket.subscribed()
    meta, body = socket.request("PUT", f"{SUBSCRIPTION}/{subscription_id}", {"eventFilters": [ALICE_SMS]})
    assert (meta["status"], body["id"]) == (200, subscription_id)
    assert [s["eventFilters"] for s in mock.subscriptions()] == [[ALICE_SMS]]


def test_delete_answers_204_and_notifications_stop(mock):
    socket = mock.connect()
    subscription_id = socket.subscribed()
    meta, *rest = socket.request("DELETE", f"{SUBSCRIPTION}/{subscription_id}")
    assert (meta["status"], rest) == (204, [])
    assert mock.inbound().status_code == 200
    assert socket.until_echo() == [] and mock.subscriptions() == []


def test_an_unknown_subscription_id_is_sub_507(mock):
    meta, body = mock.connect().request("GET", f"{SUBSCRIPTION}/{uuid.uuid4()}")
    assert (meta["status"], body["errorCode"]) == (404, "SUB-507")


def test_a_second_post_on_the_connection_replaces_the_first(mock):
    socket = mock.connect()
    socket.subscribed()
    second = socket.subscribed()
    assert [s["id"] for s in mock.subscriptions()] == [second]
    assert mock.inbound().status_code == 200
    assert socket.recv()[1]["subscriptionId"] == second


def test_an_unknown_path_is_answered_404_cmn_120(mock):
    meta, body = mock.connect().request("GET", "/restapi/v1.0/account/~/extension/~")
    assert (meta["status"], body["errorCode"]) == (404, "CMN-120")


# -- notifications -------------------------------------------------------------------------------


def test_an_inbound_sms_is_notified_in_the_platforms_shape(mock):
    socket = mock.connect()
    subscription_id = socket.subscribed()
    stored = mock.inbound().json()
    meta, event = socket.recv()
    assert meta["type"] == "ServerNotification" and meta["messageId"] == event["uuid"] and event["uuid"].isdigit()
    assert (event["event"], event["subscriptionId"], event["ownerId"]) == (ALICE_SMS, subscription_id, str(ALICE_ID))
    body = event["body"]
    assert body["id"] == str(stored["id"])
    assert body["from"] == {"phoneNumber": OUTSIDER}
    assert body["to"] == [{"phoneNumber": ALICE_NUMBER, "name": "Alice Adams", "target": True}]
    assert (body["type"], body["subject"], body["readStatus"], body["direction"], body["messageStatus"],
            body["eventType"]) == ("SMS", "Hi", "Unread", "Inbound", "Received", "Create")
    assert body["attachments"] == [{"id": str(stored["id"]), "type": "Text", "contentType": "text/plain"}]
    assert body["owner"] == {"extensionId": str(ALICE_ID), "extensionType": "User", "name": "Alice Adams"}


def test_notifications_sent_counts_each_notification(mock):
    socket = mock.connect()
    socket.subscribed()
    for text in ("one", "two"):
        assert mock.inbound(text=text).status_code == 200
    assert [frame[1]["body"]["subject"] for frame in socket.until_echo()] == ["one", "two"]
    assert [s["notificationsSent"] for s in mock.subscriptions()] == [2]


def test_an_mms_attachment_is_notified_with_a_uri_on_the_mock_that_serves_its_bytes(mock, server):
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    socket = mock.connect()
    socket.subscribed()
    mock.inbound(attachments=[{"contentType": "image/png", "content": base64.b64encode(picture).decode(),
                               "fileName": "pic.png"}])
    _, mms = socket.recv()[1]["body"]["attachments"]
    assert (mms["type"], mms["contentType"], mms["size"]) == ("MmsAttachment", "image/png", len(picture))
    assert mms["uri"].startswith(f"{server.url}/restapi/v1.0/account/{ACCOUNT_ID}/extension/{ALICE_ID}/")
    content = httpx.get(mms["uri"], headers=mock.bearer(), trust_env=False)
    assert (content.status_code, content.content) == (200, picture)
    assert content.headers["Content-Type"] == "image/png"
    assert content.headers["Content-Length"] == str(len(picture))


def test_another_extensions_subscription_gets_nothing(mock):
    alice, bob = mock.connect(ALICE), mock.connect(BOB)
    alice.subscribed()
    bob.subscribed()
    assert mock.inbound(to=ALICE_NUMBER).status_code == 200
    assert alice.recv()[1]["ownerId"] == str(ALICE_ID)
    assert bob.until_echo() == []


def test_fifty_clients_each_get_exactly_their_extensions_notifications(mock, server):
    server.state.limiter.limits["auth"] = 100  # 50 wstokens in a minute; the next reset restores the limit
    owners = [ALICE, BOB] * 25
    for jwt in (ALICE, BOB):
        mock.bearer(jwt)
    with ThreadPoolExecutor(len(owners)) as pool:
        sockets = list(pool.map(mock.connect, owners))
        subscription_ids = list(pool.map(Socket.subscribed, sockets))
    texts = {ALICE: [f"to Alice {n}" for n in range(3)], BOB: [f"to Bob {n}" for n in range(3)]}
    for alice_text, bob_text in zip(texts[ALICE], texts[BOB], strict=True):
        assert mock.inbound(to=ALICE_NUMBER, text=alice_text).status_code == 200
        assert mock.inbound(to=BOB_NUMBER, text=bob_text).status_code == 200
    with ThreadPoolExecutor(len(owners)) as pool:
        received = list(pool.map(Socket.until_echo, sockets))
    assert [[(f[1]["subscriptionId"], f[1]["body"]["subject"]) for f in frames] for frames in received] == [
        [(subscription_id, text) for text in texts[jwt]] for jwt, subscription_id in zip(owners, subscription_ids,
                                                                                         strict=True)]


# -- frames the gateway cannot read --------------------------------------------------------------

MALFORMED = {
    "not JSON": "hello",
    "JSON but not an array": '{"type": "Heartbeat", "messageId": "x"}',
    "an array whose first item is not an object": '["Heartbeat"]',
    "an empty array": "[]",
    "a binary frame": b'[{"type": "Heartbeat", "messageId": "x"}]',
    "nested deeper than a JSON parser goes": "[" * 100_000,
    "a ClientRequest without a path": '[{"type": "ClientRequest", "messageId": "x", "method": "POST"}]',
    "an unknown type": '[{"type": "Nonsense", "messageId": "x"}]',
}


@pytest.mark.parametrize("frame", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_frame_gets_an_error_frame_and_the_socket_stays_usable(mock, frame):
    socket = mock.connect()
    socket.ws.send(frame)
    meta, body = socket.recv()
    assert (meta["type"], meta["status"], body["errorCode"]) == ("Error", 400, "WSG-400")
    assert socket.until_echo() == []


BAD_BODIES = {
    "POST, a body that is not an object": ("POST", ["eventFilters"], 400, "CMN-101"),
    "POST, a deliveryMode that is not an object": (
        "POST", {"eventFilters": [OWN_SMS], "deliveryMode": "WebSocket"}, 400, "CMN-101"),
    "PUT, a body that is not an object": ("PUT", [OWN_SMS], 400, "SUB-508"),
    "PUT, no body": ("PUT", None, 400, "SUB-508"),
}


@pytest.mark.parametrize(("method", "body", "status", "code"), BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_subscription_request_with_a_bad_body_is_refused_and_the_socket_stays_usable(mock, method, body,
                                                                                       status, code):
    socket = mock.connect()
    subscription_id = socket.subscribed()
    meta, answer = socket.request(method, SUBSCRIPTION if method == "POST" else f"{SUBSCRIPTION}/{subscription_id}",
                                  body)
    assert (meta["status"], answer["errorCode"]) == (status, code)
    assert socket.until_echo() == []
    assert [s["id"] for s in mock.subscriptions()] == [subscription_id]


# -- a dropped connection, and recovery ----------------------------------------------------------


def test_a_cut_connection_is_closed_with_1001_and_keeps_its_subscription(mock):
    dropped(mock)
    assert [(s["connected"], s["status"]) for s in mock.subscriptions()] == [(False, "Active")]


def test_an_inbound_during_the_drop_is_buffered_and_counted(mock):
    dropped(mock)
    assert mock.inbound().status_code == 200
    assert [s["notificationsSent"] for s in mock.subscriptions()] == [1]


def test_a_reconnect_with_the_wsc_in_the_window_recovers_and_gets_the_buffered_notification(mock):
    wsc = dropped(mock)
    mock.inbound(text="while you were away")
    mock.advance(170)  # inside the 180 s recovery window, with room for a slow machine
    socket = mock.connect(wsc=wsc)  # a new wstoken: the first is spent
    assert socket.first[1]["recoveryState"] == "Successful"
    assert socket.recv()[1]["body"]["subject"] == "while you were away"
    assert mock.subscriptions()[0]["connected"] is True


def test_an_inbound_racing_the_cut_is_delivered_once_before_the_close_or_after_recovery(mock):
    """Sent while the close handshake is under way, a notification is neither lost nor sent twice."""
    socket = mock.connect()
    socket.subscribed()
    mock.http.post("/__mock/disconnect")
    mock.inbound(text="racing the cut")
    before = []
    with pytest.raises(ConnectionClosed):
        while True:
            before.append(socket.recv())
    eventually(lambda: mock.subscriptions()[0]["connected"] is False)
    after = mock.connect(wsc=socket.wsc).until_echo()
    assert [frame[1]["body"]["subject"] for frame in before + after] == ["racing the cut"]


def test_past_the_recovery_window_the_subscription_is_gone(mock):
    dropped(mock)
    mock.advance(181)
    assert mock.subscriptions() == []


def test_past_the_recovery_window_a_reconnect_with_the_wsc_fails_with_wsg_1005(mock):
    wsc = dropped(mock)
    mock.advance(181)
    socket = mock.connect(wsc=wsc)
    body = socket.first[1]
    assert (body["recoveryState"], body["recoveryErrorCode"]) == ("Failed", "WSG-1005")
    assert socket.wsc != wsc  # a new session, which needs a new subscription
    assert socket.subscribe()[0]["status"] == 200


def test_reset_cuts_connections_and_forgets_subscriptions(mock):
    socket = mock.connect()
    socket.subscribed()
    mock.reset()
    assert socket.close_code() == 1001
    assert mock.subscriptions() == []


def test_after_a_reset_a_session_cannot_be_recovered(mock):
    wsc = dropped(mock)
    mock.reset()
    assert mock.connect(wsc=wsc).first[1]["recoveryErrorCode"] == "WSG-1005"


# -- faults on frames ----------------------------------------------------------------------------


def test_an_error_fault_answers_the_subscription_request_with_its_refusal(mock):
    mock.faults({"kind": "error", "error": "RATE_EXCEEDED", "method": "POST", "path": SUBSCRIPTION})
    meta, body = mock.connect().subscribe(path=SUBSCRIPTION + "/")
    assert (meta["type"], meta["status"], body["errorCode"]) == ("ClientRequest", 429, "CMN-301")
    assert mock.subscriptions() == []


def test_a_drop_fault_closes_the_connection_with_1011(mock):
    mock.faults({"kind": "drop", "method": "POST", "path": SUBSCRIPTION})
    socket = mock.connect()
    socket.send({"type": "ClientRequest", "messageId": "m", "method": "POST", "path": SUBSCRIPTION},
                {"eventFilters": [OWN_SMS], "deliveryMode": {"transportType": "WebSocket"}})
    assert socket.close_code() == 1011


@pytest.mark.parametrize(("fault", "status"), [({"kind": "error", "error": "RATE_EXCEEDED"}, 429),
                                               ({"kind": "drop"}, None)], ids=["error", "drop"])
def test_a_faulted_frame_is_recorded_as_a_request_via_the_websocket(mock, fault, status):
    mock.faults({**fault, "method": "POST", "path": SUBSCRIPTION})
    socket = mock.connect()
    socket.send({"type": "ClientRequest", "messageId": "m", "method": "POST", "path": SUBSCRIPTION},
                {"eventFilters": [OWN_SMS], "deliveryMode": {"transportType": "WebSocket"}})
    [record] = eventually(mock.frame_requests)
    assert (record["method"], record["path"], record["status"], record["fault"]) == (
        "POST", SUBSCRIPTION, status, fault["kind"])
    assert record["body"]["eventFilters"] == [OWN_SMS]
