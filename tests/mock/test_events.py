"""The platform's event bus and GET /__mock/events: a status moves with the clock, read or not."""

from __future__ import annotations

from datetime import datetime

from ringcentral_mock import MockState
from ringcentral_mock.events import EventBus, InboundMessageArrived, MessageStatusChanged
from sample_harness.api import MESSAGE_STORE, SMS, sms_body


def moves(client) -> list[tuple[str, str]]:
    return [(e["old_status"], e["new_status"]) for e in client.get("/__mock/events").json()
            if e["kind"] == "MessageStatusChanged"]


def seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def test_a_status_moves_with_the_clock_without_a_read(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    sent = client.post(SMS, headers=login(), json=sms_body()).json()
    assert sent["messageStatus"] == "Queued" and moves(client) == []
    client.post("/__mock/clock", json={"advance": 60})
    assert moves(client) == [("Queued", "Sent")]
    client.post("/__mock/clock", json={"advance": 60})
    assert moves(client) == [("Queued", "Sent"), ("Sent", "Delivered")]
    event = client.get("/__mock/events").json()[-1]
    assert event == {"kind": "MessageStatusChanged", "at": event["at"], "message_id": sent["id"],
                     "extension_id": state.extension("alice").id, "old_status": "Sent", "new_status": "Delivered"}
    assert [r["method"] for r in client.get("/__mock/requests").json()] == ["POST", "POST"]  # login, send: no read


def test_one_jump_of_the_clock_stamps_each_step_at_its_own_time(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    headers = login()
    sent = client.post(SMS, headers=headers, json=sms_body()).json()
    client.post("/__mock/clock", json={"advance": 180})
    created = seconds(sent["creationTime"])
    assert [round(seconds(e["at"]) - created) for e in client.get("/__mock/events").json()] == [60, 120]
    read = client.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers).json()
    assert read["messageStatus"] == "Delivered" and round(seconds(read["lastModifiedTime"]) - created) == 120


def test_with_no_step_the_send_still_answers_queued_and_the_steps_are_due_at_once(client, login):
    headers = login()
    sent = client.post(SMS, headers=headers, json=sms_body(to="+16505550666")).json()
    assert sent["messageStatus"] == "Queued"
    assert client.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers).json()["messageStatus"] == "DeliveryFailed"
    assert moves(client) == [("Queued", "Sent"), ("Sent", "DeliveryFailed")]


def test_a_held_message_moves_only_once_a_read_releases_it(client, login, state):
    state.scenario["messages"].update(queued_reads=1, step_seconds=60)
    headers = login()
    message_id = client.post(SMS, headers=headers, json=sms_body()).json()["id"]
    client.post("/__mock/clock", json={"advance": 600})
    assert moves(client) == []
    client.get(f"{MESSAGE_STORE}/{message_id}", headers=headers)  # the read it was held for
    client.get(f"{MESSAGE_STORE}/{message_id}", headers=headers)  # releases it
    client.post("/__mock/clock", json={"advance": 60})
    assert moves(client) == [("Queued", "Sent")]


def test_an_inbound_copy_is_published_with_its_owner(client, login, state):
    client.post(SMS, headers=login(), json=sms_body(to="+16505550150"))  # Bob's number
    arrived = [e for e in client.get("/__mock/events").json() if e["kind"] == "InboundMessageArrived"]
    inbound = next(m for m in state.messages.values() if m.direction == "Inbound")
    assert arrived == [{"kind": "InboundMessageArrived", "at": state.clock.iso(inbound.created_at),
                        "message_id": inbound.id, "extension_id": state.extension("bob").id}]


def test_subscriptions_outlive_a_reset_and_the_listing_starts_again(client, login, state):
    seen = []
    state.bus.subscribe(seen.append)
    client.post(SMS, headers=login(), json=sms_body(to="+16505550150"))
    client.post("/__mock/reset", json={})
    assert client.get("/__mock/events").json() == []
    client.post(SMS, headers=login(), json=sms_body(to="+16505550150"))
    arrivals = [e for e in seen if isinstance(e, InboundMessageArrived)]
    assert len(arrivals) == 2 and arrivals[1].extension_id == state.extension("bob").id
    assert [e["kind"] for e in client.get("/__mock/events").json()] == [
        "InboundMessageArrived", "MessageStatusChanged", "MessageStatusChanged"]  # the second send's only


def test_a_reset_cancels_the_steps_still_to_come(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    client.post(SMS, headers=login(), json=sms_body())
    state.reset()
    state.clock.advance(600)
    assert moves(client) == []


def test_unsubscribing_stops_delivery_and_handlers_run_in_order():
    bus, seen = EventBus(), []
    stop_first = bus.subscribe(lambda e: seen.append(("first", e.new_status)))
    bus.subscribe(lambda e: seen.append(("second", e.new_status)))
    bus.publish(MessageStatusChanged(1, 2, "Queued", "Sent", 0.0))
    stop_first()
    bus.publish(MessageStatusChanged(1, 2, "Sent", "Delivered", 0.0))
    assert seen == [("first", "Sent"), ("second", "Sent"), ("second", "Delivered")]


def test_the_event_listing_is_bounded_like_the_request_log():
    state = MockState()
    assert state.events.maxlen == state.scenario["limits"]["max_recorded_events"]
