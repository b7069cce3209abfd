"""WebHook subscriptions, served for real: the subscription API over HTTP, the Validation-Token handshake,
notifications to a real local receiver, retries and blacklisting on the mock's clock, expiry, the loopback
rule and GET /__mock/deliveries.

One mock and one receiver (a Starlette app on uvicorn, in a thread, on port 0) for the module, both reset
before each test; each test sets how the receiver answers. A test waits for deliveries by polling with a
deadline, never by sleeping, and moves the mock's clock where time matters."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from served import WAIT, eventually
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from websockets.sync.client import connect

from ringcentral_mock.delivery import webhook
from ringcentral_mock.server import MockServer, listening_socket, url_of
from sample_harness.api import JWT_GRANT, TOKEN, basic, error_code

ALICE, BOB = "mock-jwt-alice", "mock-jwt-bob"
ALICE_NUMBER, BOB_NUMBER = "+16505550100", "+16505550150"
ACCOUNT_ID, ALICE_ID, BOB_ID = 400100000, 400100001, 400100005
OUTSIDER = "+14155550123"
OWN_SMS = "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS"
ALICE_SMS = f"/restapi/v1.0/account/{ACCOUNT_ID}/extension/{ALICE_ID}/message-store/instant?type=SMS"
SUBSCRIPTION = "/restapi/v1.0/subscription"


# -- the receiver --------------------------------------------------------------------------------


class Receiver:
    """A WebHook receiver on loopback whose answers a test sets: `validation` for requests that carry a
    Validation-Token header, `notification` for the rest. It records every request it gets."""

    def __init__(self) -> None:
        self._socket = listening_socket("127.0.0.1", 0)
        self.url = url_of(self._socket)
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # a notification is answered once this is set
        self.reset()
        app = Starlette(routes=[Route("/{path:path}", self.answer, methods=["POST"])])
        self._server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False,
                                                     timeout_graceful_shutdown=1))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="webhook-receiver", daemon=True)

    def reset(self) -> None:
        self.validation: dict[str, Any] = {"echo": True, "status": 200, "delay": 0.0, "body": b""}
        self.notification: dict[str, Any] = {"status": 200, "delay": 0.0, "expect_token": None}
        self.requests.clear()
        self.release.set()

    def hook(self, path: str = "/hook") -> str:
        return self.url + path

    def notifications(self, path: str | None = None) -> list[dict[str, Any]]:
        return [r for r in list(self.requests)
                if r["kind"] == "notification" and (path is None or r["path"] == path)]

    async def answer(self, request: Request) -> Response:
        body = await request.body()
        token = request.headers.get("validation-token")
        kind = "validation" if token is not None else "notification"
        self.requests.append({"kind": kind, "path": request.url.path, "headers": dict(request.headers),
                              "body": body})
        if kind == "validation":
            rule = self.validation
            await asyncio.sleep(rule["delay"])
            return Response(rule["body"], status_code=rule["status"],
                            headers={"Validation-Token": token} if rule["echo"] else {})
        rule = self.notification
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        await asyncio.sleep(rule["delay"])
        expected = rule["expect_token"]
        if expected is not None and request.headers.get("verification-token") != expected:
            return Response(status_code=401)  # a forged or missing token: the receiver's call
        return Response(status_code=rule["status"])

    def __enter__(self) -> Receiver:
        self._thread.start()
        while not self._server.started:
            assert self._thread.is_alive(), "the receiver stopped before it was ready"
            self._thread.join(0.005)
        return self

    def __exit__(self, *_: object) -> None:
        self.release.set()
        self._server.should_exit = True
        self._thread.join(5)
        self._socket.close()


# -- the mock from a test's side -----------------------------------------------------------------


class Mock:
    def __init__(self, server: MockServer, http: httpx.Client) -> None:
        self.server = server
        self.http = http
        self._bearers: dict[str, dict[str, str]] = {}

    @property
    def settings(self) -> dict[str, Any]:
        """The scenario's [webhooks] table, live: a test may change it until the next reset."""
        return self.server.state.scenario["webhooks"]

    def reset(self) -> None:
        assert self.http.post("/__mock/reset", json={}).status_code == 200
        self._bearers.clear()

    def bearer(self, jwt: str = ALICE) -> dict[str, str]:
        if jwt not in self._bearers:
            token = self.http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": jwt})
            self._bearers[jwt] = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return self._bearers[jwt]

    def create(self, address: str, jwt: str = ALICE, filters: Any = None, **fields: Any) -> httpx.Response:
        mode = {"transportType": "WebHook", "address": address}
        if "verificationToken" in fields:
            mode["verificationToken"] = fields.pop("verificationToken")
        body = {"eventFilters": [OWN_SMS] if filters is None else filters, "deliveryMode": mode, **fields}
        return self.http.post(SUBSCRIPTION, json=body, headers=self.bearer(jwt))

    def created(self, address: str, **fields: Any) -> dict[str, Any]:
        answer = self.create(address, **fields)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def call(self, method: str, path: str, jwt: str = ALICE, **kwargs: Any) -> httpx.Response:
        return self.http.request(method, path, headers=self.bearer(jwt), **kwargs)

    def inbound(self, to: str = ALICE_NUMBER, text: str = "Hi") -> dict[str, Any]:
        answer = self.http.post("/__mock/inbound", json={"from": OUTSIDER, "to": to, "text": text})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def deliveries(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [d for d in self.http.get("/__mock/deliveries").json() if kind is None or d["kind"] == kind]

    def notifications(self, count: int) -> list[dict[str, Any]]:
        """Wait until `count` notification attempts are logged; all of them."""
        return eventually(lambda: (found := self.deliveries("notification")) and len(found) >= count and found)

    def advance(self, seconds: float) -> None:
        assert self.http.post("/__mock/clock", json={"advance": seconds}).status_code == 200




def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]




@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


@pytest.fixture
def mock(server: MockServer, receiver: Receiver) -> Iterator[Mock]:
    with httpx.Client(base_url=server.url, timeout=WAIT, trust_env=False) as http:
        driver = Mock(server, http)
        driver.reset()
        receiver.reset()
        yield driver
        receiver.release.set()


@pytest.fixture
def sends(monkeypatch) -> list[httpx.Request]:
    """Every request the mock's HTTP client sends, recorded and refused before it reaches a socket."""
    sent: list[httpx.Request] = []

    async def refuse(self, request, **_):
        sent.append(request)
        raise httpx.ConnectError("the test forbids connections", request=request)

    monkeypatch.setattr(webhook.httpx.AsyncClient, "send", refuse)
    return sent


def sentinel(mock: Mock, receiver: Receiver) -> None:
    """Another subscription of Alice's, to a path of its own: once it has a notification, every subscription
    that was going to get that inbound has been handed it (each is chosen as the inbound arrives)."""
    mock.created(receiver.hook("/sentinel"))


# -- creating ------------------------------------------------------------------------------------


def test_create_validates_the_address_then_answers_the_subscription_info(mock, receiver, server):
    created = mock.created(receiver.hook(), verificationToken="s3cret")
    [validation] = [r for r in receiver.requests if r["kind"] == "validation"]
    assert validation["body"] == b"" and validation["path"] == "/hook" and validation["headers"]["validation-token"]
    assert validation["headers"]["user-agent"] == "RingCentral-Webhook/8.3"
    assert created["uri"] == f"{server.url}{SUBSCRIPTION}/{created['id']}"
    assert (created["status"], created["eventFilters"]) == ("Active", [ALICE_SMS])
    assert created["deliveryMode"] == {"transportType": "WebHook", "address": receiver.hook(), "encryption": False}
    assert "blacklistedData" not in created and "s3cret" not in json.dumps(created)
    assert created["creationTime"].endswith("Z") and created["expirationTime"].endswith("Z")
    read = mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()
    assert {**read, "expiresIn": None} == {**created, "expiresIn": None}


def test_the_record_carries_the_deliveries(mock, receiver):
    mock.created(receiver.hook())
    mock.inbound()
    mock.notifications(1)
    deliveries = mock.http.get("/__mock/record").json()["deliveries"]
    assert [d["kind"] for d in deliveries] == ["validation", "notification"]
    assert deliveries == mock.deliveries()


def test_expires_in_defaults_to_seven_days(mock, receiver):
    assert mock.created(receiver.hook())["expiresIn"] == 604800


def test_expires_in_is_kept(mock, receiver):
    assert mock.created(receiver.hook(), expiresIn=3600)["expiresIn"] == 3600


@pytest.mark.parametrize("expires_in", [0, -1, 315360001, "soon"])
def test_an_expires_in_out_of_range_is_cmn_101(mock, receiver, expires_in):
    answer = mock.create(receiver.hook(), expiresIn=expires_in)
    assert error_code(answer) == (400, "CMN-101") and answer.json()["parameterName"] == "expiresIn"
    assert mock.deliveries() == []  # refused before any connection


def test_expires_in_may_be_ten_years(mock, receiver):
    assert mock.created(receiver.hook(), expiresIn=315360000)["expiresIn"] == 315360000


@pytest.mark.parametrize(("filters", "expected"), [
    (["/restapi/v1.0/account/~/extension/~/presence"], (400, "SUB-508")),
    ([], (400, "SUB-508")),
    ("not a list", (400, "SUB-508")),
    ([f"/restapi/v1.0/account/~/extension/{BOB_ID}/message-store/instant?type=SMS"], (403, "SUB-405")),
], ids=["presence", "none", "not a list", "another extension"])
def test_filters_follow_the_websocket_rules(mock, receiver, filters, expected):
    assert error_code(mock.create(receiver.hook(), filters=filters)) == expected
    assert mock.deliveries() == [] and receiver.requests == []


@pytest.mark.parametrize("mode", [{"transportType": "WebSocket"}, {"transportType": "PubNub"}, None],
                         ids=["WebSocket", "PubNub", "none"])
def test_a_transport_other_than_webhook_is_cmn_101(mock, mode):
    answer = mock.call("POST", SUBSCRIPTION, json={"eventFilters": [OWN_SMS], "deliveryMode": mode})
    assert error_code(answer) == (400, "CMN-101")
    assert answer.json()["parameterName"] == "deliveryMode.transportType"


@pytest.mark.parametrize(("method", "path"), [
    ("POST", SUBSCRIPTION), ("GET", SUBSCRIPTION), ("GET", f"{SUBSCRIPTION}/x"), ("PUT", f"{SUBSCRIPTION}/x"),
    ("DELETE", f"{SUBSCRIPTION}/x"), ("POST", f"{SUBSCRIPTION}/x/renew")])
def test_every_subscription_route_needs_a_bearer_token(mock, method, path):
    assert error_code(mock.http.request(method, path, json={})) == (401, "OAU-123")


@pytest.mark.parametrize(("method", "suffix", "group"), [
    ("POST", "", "medium"), ("GET", "", "light"), ("GET", "/{id}", "light"), ("PUT", "/{id}", "medium"),
    ("POST", "/{id}/renew", "light"), ("DELETE", "/{id}", "medium")])
def test_each_route_counts_in_the_platforms_rate_group(mock, receiver, method, suffix, group):
    subscription_id = mock.created(receiver.hook())["id"]
    path = SUBSCRIPTION + suffix.format(id=subscription_id)
    body = {"eventFilters": [OWN_SMS], "deliveryMode": {"transportType": "WebHook", "address": receiver.hook()}}
    answer = mock.call(method, path, json=body if (method, suffix) == ("POST", "") else None)
    assert answer.status_code in (200, 204), answer.text
    assert answer.headers["X-Rate-Limit-Group"] == group


def test_the_31st_subscription_of_an_extension_is_sub_505(mock, receiver):
    for _ in range(30):
        mock.created(receiver.hook())
    assert error_code(mock.create(receiver.hook())) == (403, "SUB-505")
    assert len(mock.deliveries("validation")) == 30  # the 31st was refused without a handshake
    assert mock.created(receiver.hook(), jwt=BOB)["status"] == "Active"  # the limit is per extension


# -- the loopback rule ---------------------------------------------------------------------------

NOT_LOOPBACK = ["http://192.0.2.10/hook", "http://example.com/hook", "http://localhost.example.com/hook",
                "http://[::ffff:127.0.0.1]/hook", "http://10.0.0.1:8080/hook", "http://user@127.0.0.1@example.com/",
                "ftp://127.0.0.1/hook", "127.0.0.1/hook", "http:///hook", "http://127.0.0.1:99999/hook", ""]


@pytest.mark.parametrize("address", NOT_LOOPBACK)
def test_an_address_off_loopback_is_refused_before_any_connection(mock, sends, address):
    answer = mock.create(address)
    assert error_code(answer) == (400, "CMN-101")
    assert answer.json()["message"] == "Parameter [deliveryMode.address] value is invalid"
    assert answer.json()["parameterName"] == "deliveryMode.address"
    assert sends == [] and mock.deliveries() == []
    assert mock.call("GET", SUBSCRIPTION).json()["records"] == []


def test_a_missing_address_is_cmn_101(mock, sends):
    answer = mock.call("POST", SUBSCRIPTION, json={"eventFilters": [OWN_SMS],
                                                  "deliveryMode": {"transportType": "WebHook"}})
    assert error_code(answer) == (400, "CMN-101") and answer.json()["parameterName"] == "deliveryMode.address"
    assert sends == []


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "[::1]"])
def test_loopback_addresses_are_accepted(host):
    assert webhook.safe(f"http://{host}:8080/hook") and webhook.safe(f"https://{host}/hook")


@pytest.mark.parametrize("address", NOT_LOOPBACK)
def test_the_deliverers_own_check_refuses_the_same_addresses(address):
    assert not webhook.safe(address)


def test_the_deliverer_checks_the_address_again_before_every_request(mock, receiver, server, sends):
    """A stored address changed behind the API's back (only a test can) is not called."""
    # `sends` refuses every request, validation included: store the subscription through the platform layer.
    state = server.state
    alice = state.extension("alice")
    subscription = state.subscriptions.create_webhook(alice, [OWN_SMS], receiver.hook(), None, None, server.url)
    state.subscriptions.add(subscription)
    subscription.address = "http://192.0.2.10/hook"
    mock.inbound()
    [attempt] = mock.notifications(1)
    assert (attempt["status"], attempt["error"]) == (None, "address is not loopback: not called")
    assert sends == []


# -- the Validation-Token handshake --------------------------------------------------------------

WRONG_ANSWERS = {
    "no echo": {"echo": False},
    "status 202": {"status": 202},
    "status 500": {"status": 500},
    "a body over 1 KiB": {"body": b"x" * 1100},
    "headers and body over 1 KiB together": {"body": b"x" * 900},
}


@pytest.mark.parametrize("answer", WRONG_ANSWERS.values(), ids=WRONG_ANSWERS.keys())
def test_a_wrong_validation_answer_is_sub_525_and_nothing_is_stored(mock, receiver, answer):
    receiver.validation.update(answer)
    response = mock.create(receiver.hook())
    assert error_code(response) == (400, "SUB-525")
    assert response.json()["message"] == "WebHook server response is invalid"
    assert mock.call("GET", SUBSCRIPTION).json()["records"] == []
    [attempt] = mock.deliveries("validation")
    assert attempt["error"]


def test_a_validation_answer_under_1_kib_with_a_body_passes(mock, receiver):
    receiver.validation["body"] = b"x" * 600  # with uvicorn's few headers, well under 1024 bytes
    assert mock.create(receiver.hook()).status_code == 200


def test_an_unreachable_address_is_cmn_101(mock):
    address = f"http://127.0.0.1:{closed_port()}/hook"
    response = mock.create(address)
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "deliveryMode.address"
    [attempt] = mock.deliveries("validation")
    assert (attempt["status"], attempt["error"]) == (None, "I/O operation is failed. Details: [Connection refused]")


def test_a_validation_answer_past_the_deadline_is_cmn_101(mock, receiver):
    mock.settings["validation_timeout"] = 0.2
    receiver.validation["delay"] = 1.0
    response = mock.create(receiver.hook())
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "deliveryMode.address"
    assert mock.deliveries("validation")[0]["error"] == "I/O operation is failed. Details: [Read timed out]"


def test_https_to_a_loopback_receiver_without_a_trusted_certificate_is_sub_524(mock, receiver):
    response = mock.create(receiver.hook().replace("http://", "https://"))  # it speaks plain HTTP
    assert error_code(response) == (400, "SUB-524")
    assert mock.call("GET", SUBSCRIPTION).json()["records"] == []


# -- reading, listing, updating, renewing, deleting ----------------------------------------------


def websocket_subscription(mock: Mock, server: MockServer) -> tuple[Any, str]:
    """Alice's WebSocket connection with its subscription; (the connection, the subscription id)."""
    token = mock.call("POST", "/restapi/oauth/wstoken").json()
    ws = connect(f"{token['uri']}?access_token={token['ws_access_token']}", open_timeout=WAIT, proxy=None)
    ws.recv(timeout=WAIT)  # ConnectionDetails
    ws.send(json.dumps([{"type": "ClientRequest", "messageId": "m", "method": "POST", "path": SUBSCRIPTION},
                        {"eventFilters": [OWN_SMS], "deliveryMode": {"transportType": "WebSocket"}}]))
    return ws, json.loads(ws.recv(timeout=WAIT))[1]["id"]


def test_the_list_holds_the_callers_subscriptions_websocket_ones_included(mock, receiver, server):
    hook = mock.created(receiver.hook())
    mock.created(receiver.hook(), jwt=BOB)
    ws, ws_id = websocket_subscription(mock, server)
    with ws:
        listing = mock.call("GET", SUBSCRIPTION).json()
    assert listing["uri"] == f"{server.url}{SUBSCRIPTION}"
    assert sorted((r["id"], r["deliveryMode"]["transportType"]) for r in listing["records"]) == sorted(
        [(hook["id"], "WebHook"), (ws_id, "WebSocket")])


@pytest.mark.parametrize(("method", "suffix"), [("PUT", ""), ("POST", "/renew")])
def test_put_and_renew_refuse_a_websocket_subscription(mock, server, method, suffix):
    ws, ws_id = websocket_subscription(mock, server)
    with ws:
        answer = mock.call(method, f"{SUBSCRIPTION}/{ws_id}{suffix}", json={"expiresIn": 60})
    assert error_code(answer) == (400, "CMN-101") and answer.json()["parameterName"] == "subscriptionId"


def test_another_extensions_subscription_is_sub_507(mock, receiver):
    bobs = mock.created(receiver.hook(), jwt=BOB)
    assert error_code(mock.call("GET", f"{SUBSCRIPTION}/{bobs['id']}")) == (404, "SUB-507")


def test_renew_restarts_the_lifetime_on_the_mocks_clock(mock, receiver):
    created = mock.created(receiver.hook(), expiresIn=3600)
    mock.advance(1000)
    assert mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()["expiresIn"] == 2600
    renewed = mock.call("POST", f"{SUBSCRIPTION}/{created['id']}/renew")
    assert renewed.status_code == 200
    assert renewed.json()["expiresIn"] == 3600 and renewed.json()["expirationTime"] > created["expirationTime"]


def test_put_changes_expires_in_and_an_empty_body_renews(mock, receiver):
    created = mock.created(receiver.hook(), expiresIn=3600)
    path = f"{SUBSCRIPTION}/{created['id']}"
    changed = mock.call("PUT", path, json={"expiresIn": 7200}).json()
    assert changed["expiresIn"] == 7200 and changed["expirationTime"] > created["expirationTime"]
    mock.advance(100)
    assert mock.call("PUT", path).json()["expiresIn"] == 7200  # no body: renewed for the same lifetime
    updated = mock.call("PUT", path, json={"eventFilters": [ALICE_SMS], "deliveryMode": {"address": "ignored"}})
    assert (updated.status_code, updated.json()["eventFilters"]) == (200, [ALICE_SMS])
    assert updated.json()["deliveryMode"]["address"] == receiver.hook()


@pytest.mark.parametrize(("body", "expected"), [({"eventFilters": ["/restapi/v1.0/glip/posts"]}, (400, "SUB-508")),
                                                ({"expiresIn": 0}, (400, "CMN-101"))], ids=["filters", "expiresIn"])
def test_a_bad_put_is_refused(mock, receiver, body, expected):
    created = mock.created(receiver.hook())
    assert error_code(mock.call("PUT", f"{SUBSCRIPTION}/{created['id']}", json=body)) == expected


def test_delete_answers_204_without_a_body_and_deliveries_stop(mock, receiver):
    created = mock.created(receiver.hook())
    sentinel(mock, receiver)
    answer = mock.call("DELETE", f"{SUBSCRIPTION}/{created['id']}")
    assert (answer.status_code, answer.content) == (204, b"")
    assert error_code(mock.call("GET", f"{SUBSCRIPTION}/{created['id']}")) == (404, "SUB-507")
    mock.inbound()
    eventually(lambda: receiver.notifications("/sentinel"))
    assert receiver.notifications("/hook") == []


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("PUT", ""), ("POST", "/renew"), ("DELETE", "")])
def test_an_expired_subscription_is_sub_507(mock, receiver, method, suffix):
    created = mock.created(receiver.hook(), expiresIn=60)
    mock.advance(61)
    assert error_code(mock.call(method, f"{SUBSCRIPTION}/{created['id']}{suffix}")) == (404, "SUB-507")
    assert mock.call("GET", SUBSCRIPTION).json()["records"] == []


def test_an_expired_subscription_gets_no_deliveries(mock, receiver):
    mock.created(receiver.hook(), expiresIn=60)
    sentinel(mock, receiver)
    mock.advance(61)
    mock.inbound()
    eventually(lambda: receiver.notifications("/sentinel"))
    assert receiver.notifications("/hook") == []


# -- notifications -------------------------------------------------------------------------------


def test_an_inbound_sms_is_posted_with_the_platforms_headers_and_envelope(mock, receiver):
    created = mock.created(receiver.hook(), verificationToken="s3cret")
    stored = mock.inbound(text="Hello hook")
    [request] = eventually(receiver.notifications)
    headers = request["headers"]
    assert headers["content-type"] == "application/json; charset=UTF-8"
    assert headers["user-agent"] == "RingCentral-Webhook/8.3"
    assert headers["verification-token"] == "s3cret"
    event = json.loads(request["body"])
    assert (event["event"], event["subscriptionId"], event["ownerId"]) == (ALICE_SMS, created["id"], str(ALICE_ID))
    assert event["uuid"].isdigit()
    body = event["body"]
    assert (body["id"], body["subject"], body["direction"], body["messageStatus"], body["eventType"]) == (
        str(stored["id"]), "Hello hook", "Inbound", "Received", "Create")
    assert body["to"] == [{"phoneNumber": ALICE_NUMBER, "name": "Alice Adams", "target": True}]
    [attempt] = mock.notifications(1)
    assert (attempt["subscriptionId"], attempt["attempt"], attempt["status"], attempt["error"]) == (
        created["id"], 1, 200, None)


def test_without_a_verification_token_no_header_is_sent(mock, receiver):
    mock.created(receiver.hook())
    mock.inbound()
    [request] = eventually(receiver.notifications)
    assert "verification-token" not in request["headers"]


def test_a_forged_or_missing_token_is_the_receivers_business(mock, receiver):
    """The mock sends the token it was given; a receiver that refuses it (401) fails the delivery."""
    receiver.notification["expect_token"] = "the-real-one"
    mock.created(receiver.hook(), verificationToken="forged")
    mock.inbound()
    [attempt] = mock.notifications(1)
    assert (attempt["status"], attempt["error"]) == (401, "Response status 401")
    assert eventually(receiver.notifications)[0]["headers"]["verification-token"] == "forged"


def test_another_extensions_message_is_not_delivered(mock, receiver):
    mock.created(receiver.hook("/alice"))
    mock.created(receiver.hook("/bob"), jwt=BOB)
    mock.inbound(to=BOB_NUMBER)
    eventually(lambda: receiver.notifications("/bob"))
    assert receiver.notifications("/alice") == []


def test_a_slow_receiver_does_not_hold_up_the_request_that_caused_the_delivery(mock, receiver):
    mock.created(receiver.hook())
    receiver.release.clear()  # the receiver holds every notification until released
    mock.inbound()  # answered while the receiver still holds the delivery
    eventually(receiver.notifications)
    assert mock.deliveries("notification") == []
    receiver.release.set()
    assert mock.notifications(1)[0]["status"] == 200


# -- failures, retries, blacklisting -------------------------------------------------------------


def test_a_failed_delivery_is_retried_60_then_300_seconds_later_then_blacklisted(mock, receiver, server):
    receiver.notification["status"] = 500
    created = mock.created(receiver.hook())
    mock.inbound()
    assert len(mock.notifications(1)) == 1
    mock.advance(59)
    assert len(mock.deliveries("notification")) == 1
    mock.advance(1)
    assert len(mock.notifications(2)) == 2
    mock.advance(299)
    assert len(mock.deliveries("notification")) == 2
    mock.advance(1)
    attempts = mock.notifications(3)
    assert [(a["attempt"], a["status"], a["error"]) for a in attempts] == [
        (n, 500, "Response status 500") for n in (1, 2, 3)]
    info = mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()
    assert info["status"] == "Blacklisted"
    assert info["blacklistedData"]["reason"] == "Response status 500"
    assert info["blacklistedData"]["blacklistedAt"].endswith("Z")
    events = [json.loads(r["body"])["uuid"] for r in receiver.notifications()]
    assert len(events) == 3 and len(set(events)) == 1  # a retry is the same notification again


def test_a_delivery_that_times_out_fails_with_read_timed_out(mock, receiver):
    mock.settings.update(delivery_timeout=0.2, retry_delays=[])  # one attempt, then blacklisted
    receiver.notification["delay"] = 1.0
    created = mock.created(receiver.hook())
    mock.inbound()
    [attempt] = mock.notifications(1)
    assert (attempt["status"], attempt["error"]) == (None, "I/O operation is failed. Details: [Read timed out]")
    info = mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()
    assert (info["status"], info["blacklistedData"]["reason"]) == ("Blacklisted", attempt["error"])


def test_a_refused_connection_fails_the_delivery(mock, receiver, server):
    mock.settings["retry_delays"] = []
    created = mock.created(receiver.hook())
    server.state.subscriptions[created["id"]].address = f"http://127.0.0.1:{closed_port()}/hook"  # it went away
    mock.inbound()
    [attempt] = mock.notifications(1)
    assert (attempt["status"], attempt["error"]) == (None, "I/O operation is failed. Details: [Connection refused]")
    assert mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()["status"] == "Blacklisted"


def test_a_retry_that_succeeds_ends_the_retries(mock, receiver):
    receiver.notification["status"] = 503
    created = mock.created(receiver.hook())
    mock.inbound()
    mock.notifications(1)
    receiver.notification["status"] = 204
    mock.advance(60)
    assert [a["status"] for a in mock.notifications(2)] == [503, 204]
    mock.advance(300)
    assert len(mock.deliveries("notification")) == 2
    assert mock.call("GET", f"{SUBSCRIPTION}/{created['id']}").json()["status"] == "Active"


def test_a_blacklisted_subscription_gets_no_more_deliveries(mock, receiver):
    mock.settings["retry_delays"] = []
    receiver.notification["status"] = 500
    mock.created(receiver.hook())
    mock.inbound()
    mock.notifications(1)
    receiver.notification["status"] = 200
    sentinel(mock, receiver)
    mock.inbound(text="after the blacklist")
    eventually(lambda: receiver.notifications("/sentinel"))
    assert len(receiver.notifications("/hook")) == 1


# -- test control --------------------------------------------------------------------------------


def test_the_deliveries_log_lists_every_attempt_and_a_reset_empties_it(mock, receiver):
    created = mock.created(receiver.hook())
    mock.inbound()
    mock.notifications(1)
    validation, notification = mock.deliveries()
    for entry, kind in ((validation, "validation"), (notification, "notification")):
        assert set(entry) == {"subscriptionId", "kind", "attempt", "address", "status", "error", "ms", "at"}
        assert (entry["subscriptionId"], entry["kind"], entry["attempt"], entry["address"], entry["status"],
                entry["error"]) == (created["id"], kind, 1, receiver.hook(), 200, None)
        assert entry["ms"] >= 0 and entry["at"].endswith("Z")
    mock.reset()
    assert mock.deliveries() == []
    assert mock.call("GET", SUBSCRIPTION).json()["records"] == []


def test_mock_subscriptions_lists_webhooks_with_their_address_and_status(mock, receiver, server):
    receiver.notification["status"] = 500
    mock.settings["retry_delays"] = []
    created = mock.created(receiver.hook())
    [listed] = mock.http.get("/__mock/subscriptions").json()
    assert (listed["id"], listed["transport"], listed["address"], listed["status"]) == (
        created["id"], "WebHook", receiver.hook(), "Active")
    mock.inbound()
    mock.notifications(1)
    [listed] = mock.http.get("/__mock/subscriptions").json()
    assert (listed["status"], listed["blacklistedData"]["reason"]) == ("Blacklisted", "Response status 500")


def test_a_reset_forgets_pending_retries(mock, receiver):
    receiver.notification["status"] = 500
    mock.created(receiver.hook())
    mock.inbound()
    mock.notifications(1)
    mock.reset()
    mock.advance(3600)
    assert mock.deliveries() == [] and len(receiver.notifications()) == 1


def test_ids_are_uuids(mock, receiver):
    assert uuid.UUID(mock.created(receiver.hook())["id"])


def test_a_blacklisted_subscription_may_be_renewed_and_stays_blacklisted(mock, receiver):
    mock.settings["retry_delays"] = []
    receiver.notification["status"] = 500
    created = mock.created(receiver.hook(), expiresIn=3600)
    mock.inbound()
    mock.notifications(1)
    mock.advance(1000)
    renewed = mock.call("POST", f"{SUBSCRIPTION}/{created['id']}/renew").json()
    assert (renewed["status"], renewed["expiresIn"]) == ("Blacklisted", 3600)
    assert renewed["blacklistedData"]["reason"] == "Response status 500"


def test_a_websocket_subscription_deleted_over_http_gets_nothing_more(mock, server):
    ws, ws_id = websocket_subscription(mock, server)
    with ws:
        assert mock.call("DELETE", f"{SUBSCRIPTION}/{ws_id}").status_code == 204
        mock.inbound()
        ws.send(json.dumps([{"type": "Heartbeat", "messageId": "beat"}]))  # answered after any notification
        assert json.loads(ws.recv(timeout=WAIT))[0]["type"] == "Heartbeat"
    assert mock.http.get("/__mock/subscriptions").json() == []
