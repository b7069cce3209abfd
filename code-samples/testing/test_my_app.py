"""An app's tests against the RingCentral mock: `pip install ringcentral-mock`
gives pytest the `ringcentral_mock` fixture, a freshly reset mock per test."""
import os
from pathlib import Path

import pytest
from ringcentral import SDK
from ringcentral.http import ApiException

API = "/restapi/v1.0/account/~/extension/~"


# -- the app under test (yours lives in a module of its own) ----------------
def platform():
    """The SDK's platform, logged in with the RC_* settings."""
    env = os.environ
    sdk = SDK(env["RC_APP_CLIENT_ID"], env["RC_APP_CLIENT_SECRET"],
              env["RC_SERVER_URL"])
    sdk.platform().login(jwt=env["RC_USER_JWT"])
    return sdk.platform()


def notify_shipped(rc, order_id, phone):
    """Text the customer; returns the message's id. A refusal is the
    caller's to handle."""
    numbers = rc.get(f"{API}/phone-number").json().records
    sender = next(
        (n.phoneNumber for n in numbers if "SmsSender" in n.features), None)
    if sender is None:
        raise LookupError("none of our numbers can send SMS")
    return rc.post(f"{API}/sms", {
        "from": {"phoneNumber": sender},
        "to": [{"phoneNumber": phone}],
        "text": f"Order {order_id} has shipped",
    }).json().id


def status(rc, message_id):
    return rc.get(f"{API}/message-store/{message_id}").json().messageStatus


def texts_from(rc, phone):
    """What a customer has texted us, newest first."""
    inbound = rc.get(f"{API}/message-store", {"direction": "Inbound"})
    return [m.subject for m in inbound.json().records
            if m.from_.phoneNumber == phone]


# -- the tests ---------------------------------------------------------------
@pytest.fixture
def ringcentral_scenario():
    # every test here runs in our own account, described beside this file
    return Path("our-account.toml")


@pytest.fixture
def rc(ringcentral_mock, monkeypatch):
    # RC_SERVER_URL, RC_USER_JWT, ...: the mock's
    for name, value in ringcentral_mock.env.items():
        monkeypatch.setenv(name, value)
    return platform()


def test_the_customer_is_texted_from_our_number(rc, ringcentral_mock):
    notify_shipped(rc, 1042, "+14155550123")
    sent = [r["body"] for r in ringcentral_mock.requests()
            if r["path"].endswith("/sms")]
    assert sent == [{"from": {"phoneNumber": "+14155550100"},
                     "to": [{"phoneNumber": "+14155550123"}],
                     "text": "Order 1042 has shipped"}]


def test_delivery_follows_the_mocks_clock(rc, ringcentral_mock):
    message_id = notify_shipped(rc, 1042, "+14155550123")
    assert status(rc, message_id) == "Queued"
    ringcentral_mock.advance(120)  # two minutes pass at once: no test sleeps
    assert status(rc, message_id) == "Delivered"


def test_a_refusal_reaches_the_caller(rc, ringcentral_mock):
    ringcentral_mock.fault("error", method="POST", path="*/sms",
                           error="SERVICE_UNAVAILABLE", retry_after=5)
    with pytest.raises(ApiException):
        notify_shipped(rc, 1042, "+14155550123")
    answered = [r["status"] for r in ringcentral_mock.requests()
                if r["path"].endswith("/sms")]
    assert answered == [503]


def test_a_reply_lands_beside_the_history(rc, ringcentral_mock):
    ringcentral_mock.inbound(from_="+14155550123", text="Thanks, got it!")
    assert texts_from(rc, "+14155550123") == [
        "Thanks, got it!", "Is order 1042 on its way?"]


# a built-in scenario, for this test only
@pytest.mark.ringcentral_scenario("no-sms-number")
def test_without_an_sms_number_nothing_is_sent(rc, ringcentral_mock):
    with pytest.raises(LookupError, match="none of our numbers can send SMS"):
        notify_shipped(rc, 1042, "+14155550123")
    sent = [r for r in ringcentral_mock.requests()
            if r["path"].endswith("/sms")]
    assert not sent
