"""Fault injection: each kind of fault, the call-count selection, the admin API and the flaky scenario."""

from __future__ import annotations

import httpx
import pytest

from ringcentral_mock import MockState, errors
from ringcentral_mock.server import MockServer
from sample_harness.api import JWT_GRANT, MESSAGE_STORE, PHONE_NUMBERS, SMS, TOKEN, basic, sms_body


def add(client, *faults: dict) -> None:
    assert client.post("/__mock/faults", json={"faults": list(faults)}).status_code == 200


def test_error_fault_answers_with_the_platform_error_and_retry_after(client, login):
    headers = login()
    add(client, {"kind": "error", "error": "RATE_EXCEEDED", "retry_after": 7, "method": "POST", "path": "*/sms"})
    response = client.post(SMS, headers=headers, json=sms_body())
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json()["errorCode"] == errors.RATE_EXCEEDED[1]
    assert client.post(SMS, headers=headers, json=sms_body()).status_code == 200  # once, by default


def test_after_and_times_pick_the_calls_by_count(client, login):
    headers = login()
    add(client, {"kind": "error", "error": "SERVICE_UNAVAILABLE", "path": "*/phone-number", "after": 1, "times": 2})
    statuses = [client.get(PHONE_NUMBERS, headers=headers).status_code for _ in range(4)]
    assert statuses == [200, 503, 503, 200]
    fault = client.get("/__mock/faults").json()["faults"][0]
    assert (fault["seen"], fault["hits"]) == (4, 2)


def test_method_must_match_too(client, login):
    headers = login()
    add(client, {"kind": "error", "error": "SERVICE_UNAVAILABLE", "method": "POST", "path": "*/phone-number"})
    assert client.get(PHONE_NUMBERS, headers=headers).status_code == 200


def test_not_json_fault_answers_html(client, login):
    headers = login()
    add(client, {"kind": "not-json", "path": "/restapi/v1.0/*"})
    response = client.get(PHONE_NUMBERS, headers=headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_advance_clock_expires_the_access_token(client, login):
    headers = login()
    add(client, {"kind": "advance-clock", "seconds": 3600, "path": "/restapi/v1.0/*"})
    response = client.get(PHONE_NUMBERS, headers=headers)
    assert (response.status_code, response.json()["errorCode"]) == (401, errors.ACCESS_TOKEN_EXPIRED[1])


def test_faulted_requests_are_recorded_with_the_fault(client, login):
    login()
    add(client, {"kind": "error", "error": "SERVICE_UNAVAILABLE"})
    client.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    assert [(r["status"], r["fault"]) for r in client.get("/__mock/requests").json()] == [(200, None), (503, "error")]


@pytest.mark.parametrize("fault", [{"kind": "nope"}, {"kind": "error", "error": "NO_SUCH_ERROR"},
                                   {"kind": "slow", "seconds": -1}, {"kind": "drop", "colour": "red"}])
def test_a_bad_fault_is_refused_in_the_platform_shape_and_adds_nothing(client, fault):
    response = client.post("/__mock/faults", json={"faults": [{"kind": "drop"}, fault]})
    assert response.status_code == 400 and response.json()["errorCode"] == "CMN-101"
    assert client.get("/__mock/faults").json()["faults"] == []


def test_reset_restores_the_scenario_faults_and_drops_added_ones(client):
    add(client, {"kind": "drop"})
    client.post("/__mock/reset", json={"scenario": "flaky"})
    kinds = [f["kind"] for f in client.get("/__mock/faults").json()["faults"]]
    assert kinds == ["slow", "error", "drop"]
    assert client.delete("/__mock/faults").json() == {"faults": []}


# -- Faults that act on the connection need a real server ------------------------------------------

@pytest.fixture(scope="module")
def server():
    with MockServer(MockState()) as running:
        yield running


@pytest.fixture
def http(server):
    with httpx.Client(base_url=server.url, timeout=5) as client:
        client.post("/__mock/reset", json={"scenario": "default"})
        yield client


def test_drop_breaks_the_answer_off(http):
    add(http, {"kind": "drop"})
    with pytest.raises(httpx.RemoteProtocolError):
        http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})


def test_hang_never_answers_until_the_caller_gives_up(http):
    add(http, {"kind": "hang"})
    with pytest.raises(httpx.ReadTimeout):
        http.get(PHONE_NUMBERS, timeout=0.2)
    # In the record from the moment it arrived, whenever the mock sees the caller hang up.
    assert [(r["path"], r["status"]) for r in http.get("/__mock/requests").json()] == [(PHONE_NUMBERS, None)]


def test_slow_answers_late_but_answers(http):
    add(http, {"kind": "slow", "seconds": 0.5, "path": "*/phone-number"})
    with pytest.raises(httpx.ReadTimeout):  # a caller that waits less than the delay gives up
        http.get(PHONE_NUMBERS, timeout=0.05)
    add(http, {"kind": "slow", "seconds": 0.5, "path": "*/phone-number"})
    assert http.get(PHONE_NUMBERS).status_code == 401  # then the platform's own answer (no token here)


def test_flaky_scenario_slows_refuses_then_drops(http):
    http.post("/__mock/reset", json={"scenario": "flaky"})
    token = http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    headers = {"Authorization": f"bearer {token.json()['access_token']}"}
    assert http.get(PHONE_NUMBERS, headers=headers).status_code == 200
    refused = http.post(SMS, headers=headers, json=sms_body())
    assert (refused.status_code, refused.headers["retry-after"]) == (503, "1")
    sent = http.post(SMS, headers=headers, json=sms_body()).json()
    with pytest.raises(httpx.RemoteProtocolError):
        http.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers)
    assert http.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers).status_code == 200
