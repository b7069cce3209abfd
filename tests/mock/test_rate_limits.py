"""Per-user, per-group rate limits on the mock's clock: headers on every response, 429 CMN-301 when over."""

from __future__ import annotations

import pytest

from ringcentral_mock import MockState
from sample_harness.api import JWT_GRANT, MESSAGE_STORE, PHONE_NUMBERS, SMS, TOKEN, basic, error_code, sms_body


@pytest.fixture
def state() -> MockState:
    return MockState("rate-limited")  # light 3, medium 2, auth 3 a 60 s window; 60 s penalty


def rate_headers(response) -> tuple[str, str, str, str]:
    h = response.headers
    return h["X-Rate-Limit-Group"], h["X-Rate-Limit-Limit"], h["X-Rate-Limit-Remaining"], h["X-Rate-Limit-Window"]


def test_every_api_response_carries_its_group_headers(client, login):
    headers = login()
    assert rate_headers(client.get(PHONE_NUMBERS, headers=headers)) == ("light", "3", "2", "60")
    assert rate_headers(client.post(SMS, headers=headers, json=sms_body())) == ("medium", "2", "1", "60")


def test_error_responses_carry_the_headers_too(client, login):
    response = client.get(f"{MESSAGE_STORE}/1", headers=login())
    assert response.status_code == 404 and rate_headers(response) == ("light", "3", "2", "60")


def test_token_endpoint_is_the_auth_group(client):
    response = client.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    assert rate_headers(response) == ("auth", "3", "2", "60")


def test_over_the_limit_is_429_cmn_301_with_retry_after(client, login):
    headers = login()
    for _ in range(2):
        assert client.post(SMS, headers=headers, json=sms_body()).status_code == 200
    refused = client.post(SMS, headers=headers, json=sms_body())
    assert error_code(refused) == (429, "CMN-301")
    assert refused.headers["Retry-After"] == "60" and refused.headers["X-Rate-Limit-Remaining"] == "0"


def test_groups_are_counted_separately(client, login):
    headers = login()
    for _ in range(2):
        client.post(SMS, headers=headers, json=sms_body())
    assert client.get(PHONE_NUMBERS, headers=headers).status_code == 200


def test_users_are_counted_separately(client, login):
    alice = login()
    for _ in range(2):
        client.post(SMS, headers=alice, json=sms_body())
    bob = login("mock-jwt-bob")
    assert client.post(SMS, headers=bob, json=sms_body(sender="+16505550150")).status_code == 200


def test_penalty_ends_after_its_time_on_the_mock_clock(client, login):
    headers = login()
    for _ in range(3):
        client.post(SMS, headers=headers, json=sms_body())
    client.post("/__mock/clock", json={"advance": 59})
    assert client.post(SMS, headers=headers, json=sms_body()).status_code == 429  # restarts the penalty
    client.post("/__mock/clock", json={"advance": 60})
    assert client.post(SMS, headers=headers, json=sms_body()).status_code == 200


def test_window_slides(client, login):
    headers = login()
    client.post(SMS, headers=headers, json=sms_body())
    client.post("/__mock/clock", json={"advance": 30})
    client.post(SMS, headers=headers, json=sms_body())
    client.post("/__mock/clock", json={"advance": 31})  # the first request left the window, the second has not
    assert client.post(SMS, headers=headers, json=sms_body()).headers["X-Rate-Limit-Remaining"] == "0"


def test_reset_starts_the_counters_again(client, login):
    headers = login()
    for _ in range(3):
        client.post(SMS, headers=headers, json=sms_body())
    client.post("/__mock/reset", json={"scenario": "rate-limited"})
    assert client.post(SMS, headers=login(), json=sms_body()).status_code == 200


def test_default_scenario_has_the_platform_limits():
    limiter = MockState().limiter
    assert (limiter.limits, limiter.window, limiter.penalty) == (
        {"light": 50, "medium": 40, "heavy": 10, "auth": 5}, 60, 60)
