"""A sent message's status over time: moved on by reads and the mock's clock, per-recipient failures."""

from __future__ import annotations

import pytest

from ringcentral_mock import MockState
from ringcentral_mock.platform import lifecycle
from ringcentral_mock.scenarios import ScenarioText
from sample_harness.api import MESSAGE_STORE, SMS, sms_body


def send(client, headers, to="+16505550199"):
    sent = client.post(SMS, headers=headers, json=sms_body(to=to))
    assert sent.status_code == 200 and sent.json()["messageStatus"] == "Queued"
    return sent.json()["id"]


def read(client, headers, message_id):
    return client.get(f"{MESSAGE_STORE}/{message_id}", headers=headers).json()


def test_clock_steps_move_a_message_through_sent_to_delivered(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    headers = login()
    message_id = send(client, headers)
    seen = [read(client, headers, message_id)]
    for _ in range(3):
        state.clock.advance(60)
        seen.append(read(client, headers, message_id))
    assert [m["messageStatus"] for m in seen] == ["Queued", "Sent", "Delivered", "Delivered"]
    assert seen[0]["lastModifiedTime"] < seen[1]["lastModifiedTime"] < seen[2]["lastModifiedTime"]
    assert seen[2]["lastModifiedTime"] == seen[3]["lastModifiedTime"]
    assert not any("deliveryErrorCode" in m for m in seen)


def test_queued_reads_hold_a_message_queued_for_that_many_reads(client, login, state):
    state.scenario["messages"]["queued_reads"] = 2
    headers = login()
    message_id = send(client, headers)
    assert [read(client, headers, message_id)["messageStatus"] for _ in range(3)] == ["Queued", "Queued", "Delivered"]


def test_recipient_rule_fails_delivery_with_a_carrier_code(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    headers = login()
    message_id = send(client, headers, to="+16505550666")
    state.clock.advance(60)
    sent = read(client, headers, message_id)
    assert sent["messageStatus"] == "Sent" and "deliveryErrorCode" not in sent
    state.clock.advance(60)
    failed = read(client, headers, message_id)
    assert (failed["messageStatus"], failed["deliveryErrorCode"]) == ("DeliveryFailed", "SMS-CAR-412")
    assert failed["to"][0]["messageStatus"] == "DeliveryFailed"


def test_sending_failure_never_passes_through_sent(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    headers = login()
    message_id = send(client, headers, to="+16505550667")
    state.clock.advance(60)
    failed = read(client, headers, message_id)
    assert (failed["messageStatus"], failed["deliveryErrorCode"]) == ("SendingFailed", "SMS-RC-413")


def test_default_scenario_has_reached_the_end_by_the_first_read(client, login):
    headers = login()
    assert read(client, headers, send(client, headers, to="+16505550666"))["messageStatus"] == "DeliveryFailed"
    assert read(client, headers, send(client, headers))["messageStatus"] == "Delivered"


def test_delivery_failed_scenario_points_samples_at_a_failing_recipient():
    state = MockState("delivery-failed")
    recipient = state.env("http://mock")["SMS_RECIPIENT"]
    assert lifecycle.outcome_for(state.scenario["messages"], [recipient]) == lifecycle.Outcome(
        "DeliveryFailed", "SMS-CAR-412")


@pytest.mark.parametrize("rule", [
    {"status": "DeliveryFailed", "code": "SMS-CAR-999"},  # not a code the platform lists
    {"status": "DeliveryFailed"},  # a failure without a code
    {"status": "Delivered", "code": "SMS-RC-413"},  # a delivery with one
    {"status": "Lost", "code": "SMS-RC-413"},  # not a status
])
def test_scenario_rules_outside_the_platform_are_refused(rule):
    fields = "\n".join(f"{key} = {value!r}" for key, value in rule.items())
    # A number the default scenario has no rule for: its rule stands alone (a table merges key by key).
    own = ScenarioText("rules.toml", f'extends = "default"\n[messages.recipients."+16505550689"]\n{fields}\n')
    with pytest.raises(ValueError, match=r"^rules.toml: \[messages.recipients.\+16505550689\] (code|status): "):
        MockState(own)


def test_every_family_is_known():
    assert all(lifecycle.is_delivery_error_code(code) for code in ("SMS-RC-403", "SMS-UP-432", "SMS-CAR-461"))
    assert not any(lifecycle.is_delivery_error_code(code) for code in ("SMS-RC-412", "SMS-XX-410", "SMS-CAR-"))


def test_frozen_and_disabled_extensions_get_no_inbound_copy(client, login, state):
    headers = login()
    for number in ("+16505550150", "+16505550130", "+16505550140"):  # Bob (enabled), Dora, Frank
        send(client, headers, to=number)
    inbound = [(m.extension_id, m.status) for m in state.messages.values() if m.direction == "Inbound"]
    assert inbound == [(state.extension("bob").id, "Received")]
