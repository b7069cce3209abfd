"""Receiving without a socket: POST /__mock/inbound (what lands where, what it refuses), an inbound MMS's
content with byte ranges, marking a message read, and a scenario's scheduled `[[inbound]]` texts."""

from __future__ import annotations

import base64

import pytest

from ringcentral_mock import MockState, scenarios
from ringcentral_mock.events import InboundMessageArrived
from sample_harness.api import MESSAGE_STORE, error_code

OUTSIDER = "+14155550123"
PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def inbound(client, **body):
    return client.post("/__mock/inbound", json={"from": OUTSIDER, "text": "Hi", **body})


@pytest.fixture
def picture(client, login):
    """The content URI of an MMS picture Alice received, and her bearer headers."""
    attachment = {"contentType": "image/png", "content": base64.b64encode(PICTURE).decode(), "fileName": "p.png"}
    _, mms = inbound(client, attachments=[attachment]).json()["attachments"]
    return mms["uri"], login()


def test_an_inbound_lands_unread_in_the_store_of_the_numbers_owner(client, login):
    stored = inbound(client, to="+16505550150").json()
    assert (stored["direction"], stored["readStatus"], stored["messageStatus"]) == ("Inbound", "Unread", "Received")
    bob, alice = login("mock-jwt-bob"), login()
    assert client.get(f"{MESSAGE_STORE}/{stored['id']}", headers=bob).json()["subject"] == "Hi"
    assert error_code(client.get(f"{MESSAGE_STORE}/{stored['id']}", headers=alice)) == (404, "CMN-102")


def test_an_inbound_without_to_goes_to_the_scenario_users_first_sms_number(client):
    assert [to["phoneNumber"] for to in inbound(client).json()["to"]] == ["+16505550100"]


@pytest.mark.parametrize(("to", "why"), [
    ("+16505550199", "no extension of the scenario owns +16505550199"),
    ("+16505550130", "+16505550130 belongs to Dora Disabled, whose extension is Disabled: it receives no SMS"),
    ("+16505550101", "+16505550101 cannot receive SMS: it has no SmsSender feature"),
], ids=["nobody's number", "a disabled extension's number", "a number without SmsSender"])
def test_an_inbound_that_cannot_land_is_400_saying_why(client, state, to, why):
    answer = inbound(client, to=to)
    assert error_code(answer) == (400, "CMN-101")
    assert answer.json()["message"] == why
    assert list(state.messages.values()) == [] and list(state.events) == []


def test_an_inbound_attachment_that_is_not_base64_is_400(client, state):
    answer = inbound(client, attachments=[{"contentType": "image/png", "content": "not base64!"}])
    assert error_code(answer) == (400, "CMN-101")
    assert "base64" in answer.json()["message"]
    assert list(state.messages.values()) == []


def test_an_inbound_mms_attachment_serves_its_bytes(client, picture):
    uri, alice = picture
    content = client.get(uri, headers=alice)
    assert (content.status_code, content.content, content.headers["content-type"]) == (200, PICTURE, "image/png")
    assert content.headers["content-length"] == str(len(PICTURE))


def test_a_byte_range_of_an_attachment_is_206_with_content_range(client, picture):
    uri, alice = picture
    part = client.get(uri, headers={**alice, "Range": "bytes=0-9"})
    assert (part.status_code, part.content) == (206, PICTURE[:10])
    assert part.headers["content-range"] == f"bytes 0-9/{len(PICTURE)}"


def test_a_range_past_the_end_of_an_attachment_is_416_cmn_107(client, picture):
    uri, alice = picture
    refused = client.get(uri, headers={**alice, "Range": f"bytes={len(PICTURE)}-"})
    assert error_code(refused) == (416, "CMN-107")
    assert refused.headers["content-range"] == f"bytes */{len(PICTURE)}"


def test_marking_an_inbound_message_read(client, login):
    message = f"{MESSAGE_STORE}/{inbound(client).json()['id']}"
    alice = login()
    assert client.put(message, headers=alice, json={"readStatus": "Read"}).json()["readStatus"] == "Read"
    assert client.get(message, headers=alice).json()["readStatus"] == "Read"


def test_a_scenarios_scheduled_inbound_arrives_when_the_mocks_clock_reaches_it(monkeypatch):
    load = scenarios.load
    monkeypatch.setattr(scenarios, "load", lambda name: {
        **load(name), "inbound": [{"after_seconds": 60, "from": OUTSIDER, "text": "Hi"}]})
    state = MockState()
    alice = state.extension("alice")
    state.clock.advance(59)
    assert list(state.messages.values()) == []
    state.clock.advance(1)
    [message] = state.messages.values()
    assert (message.extension_id, message.direction, message.from_number, message.text) == (
        alice.id, "Inbound", OUTSIDER, "Hi")
    assert [(type(e), e.message.id) for e in state.events] == [(InboundMessageArrived, message.id)]
