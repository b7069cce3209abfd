"""The live run's own login, which names the extension: paced, and retried after a 429's Retry-After."""

from __future__ import annotations

import pytest

from sample_harness.api import EXTENSION, JWT_GRANT, TOKEN, basic
from sample_harness.live_account import whoami
from sample_harness.live_settings import LiveSetupError
from sample_harness.pacing import Pacer


@pytest.fixture
def pacer_on_mock_time(mock, clock) -> Pacer:
    """A pacer whose sleep moves the mock's clock too, so a wait ends the mock's penalty without sleeping."""
    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        mock.http.post("/__mock/clock", json={"advance": seconds}).raise_for_status()
    return Pacer(clock=clock, sleep=sleep)


def test_it_names_the_extension_the_jwt_logs_in_as(mock, pacer_on_mock_time):
    extension = whoami(mock.reset("call-queue"), pacer_on_mock_time)
    assert str(extension) == "extension 201, Support Queue (id 400100002)"
    assert [(r["method"], r["path"]) for r in mock.requests()] == [("POST", TOKEN), ("GET", EXTENSION)]


def test_a_login_refused_with_429_is_tried_again_after_retry_after(mock, pacer_on_mock_time, clock):
    settings = mock.reset("rate-limited")  # 3 logins a minute, a 60 s penalty
    for _ in range(3):  # someone else spends the minute's logins
        mock.http.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": settings["RC_USER_JWT"]})

    assert str(whoami(settings, pacer_on_mock_time)) == "extension 101, Alice Adams (id 400100001)"
    assert clock.slept == [pytest.approx(60)]
    assert [r["status"] for r in mock.requests() if r["path"] == TOKEN] == [200, 200, 200, 429, 200]


def test_a_refusal_is_one_line_with_the_platforms_reason_and_no_secret(mock, pacer_on_mock_time):
    settings = mock.reset() | {"RC_APP_CLIENT_SECRET": "not-the-secret"}
    with pytest.raises(LiveSetupError) as raised:
        whoami(settings, pacer_on_mock_time)
    assert str(raised.value) == ("--live: the platform refused the login (check RC_APP_CLIENT_ID, "
                                 "RC_APP_CLIENT_SECRET, RC_USER_JWT): HTTP 401 OAU-146: Invalid client credentials")


def test_an_unreachable_server_is_one_line(pacer_on_mock_time):
    settings = {"RC_SERVER_URL": "http://127.0.0.1:1", "RC_APP_CLIENT_ID": "id", "RC_APP_CLIENT_SECRET": "secret",
                "RC_USER_JWT": "jwt"}
    with pytest.raises(LiveSetupError, match=r"^--live: cannot reach RC_SERVER_URL: ConnectError: "):
        whoami(settings, pacer_on_mock_time)
