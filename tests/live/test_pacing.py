"""The login pacer on a fake clock: the Auth group's window, the headers, Retry-After. Nothing sleeps."""

from __future__ import annotations

import pytest

from sample_harness import expectations
from sample_harness.pacing import PENALTY, Pacer
from sample_harness.target import LiveTarget


@pytest.fixture
def pacer(clock) -> Pacer:
    return Pacer(clock=clock, sleep=clock.sleep)


def test_five_logins_go_at_once_and_the_sixth_waits_for_the_first_to_leave_the_window(pacer, clock):
    for _ in range(5):
        assert pacer.wait() == 0
        clock.now += 2
    assert pacer.wait() == pytest.approx(50)  # the first login, 10 s ago, leaves the 60 s window in 50 s
    assert clock.slept == [pytest.approx(50)]


def test_a_run_that_logs_in_twice_waits_for_two_places(pacer, clock):
    for _ in range(5):
        pacer.wait()
        clock.now += 1
    assert pacer.delay(2) == pytest.approx(56)  # the second-oldest login (at +1 s) leaves at +61 s


def test_logins_older_than_the_window_no_longer_count(pacer, clock):
    for _ in range(5):
        pacer.wait()
    clock.now += 60
    assert pacer.delay(5) == 0


def test_remaining_in_the_headers_counts_logins_the_pacer_did_not_see(pacer, clock):
    pacer.wait()
    pacer.observe(200, {"x-rate-limit-group": "auth", "x-rate-limit-limit": "5",
                        "x-rate-limit-remaining": "1", "x-rate-limit-window": "60"})
    assert pacer.delay(1) == 0
    pacer.wait()
    assert pacer.delay(1) == pytest.approx(60)


def test_the_headers_replace_the_documented_limit_and_window(pacer, clock):
    pacer.wait()
    pacer.observe(200, {"x-rate-limit-limit": "2", "x-rate-limit-remaining": "1", "x-rate-limit-window": "30"})
    pacer.wait()
    assert (pacer.limit, pacer.window) == (2, 30.0)
    assert pacer.delay(1) == pytest.approx(30)


def test_another_groups_headers_leave_the_login_budget_alone(pacer):
    pacer.observe(200, {"x-rate-limit-group": "light", "x-rate-limit-limit": "50",
                        "x-rate-limit-remaining": "0", "x-rate-limit-window": "60"})
    assert (pacer.limit, pacer.window, pacer.delay(5)) == (5, 60.0, 0)


def test_a_429_blocks_for_its_retry_after(pacer, clock):
    pacer.observe(429, {"retry-after": "17"})
    assert pacer.wait() == pytest.approx(17)
    assert clock.slept == [pytest.approx(17)]


def test_a_429_without_retry_after_blocks_for_the_documented_penalty(pacer):
    pacer.observe(429, {"retry-after": "soon"})
    assert pacer.delay() == pytest.approx(PENALTY)


def test_a_sample_refused_with_429_blocks_the_next_run_for_the_penalty(pacer, clock):
    pacer.penalise()
    clock.now += 10
    assert pacer.delay() == pytest.approx(PENALTY - 10)


def test_logins_made_after_a_wait_count_from_when_they_happen(pacer, clock):
    for _ in range(5):
        pacer.wait()
    pacer.wait()  # sleeps 60 s, then logs in at +60
    clock.now += 59
    assert pacer.delay(4) == 0 and pacer.delay(5) == pytest.approx(1)


def test_a_live_run_says_when_it_waits_before_it_waits(pacer, clock):
    said: list[str] = []
    target = LiveTarget({"RC_SERVER_URL": "https://platform.example.test"}, pacer, say=said.append)
    bad_jwt = next(case for case in expectations.cases_for("send-sms", "python") if case.name == "bad-jwt")
    for _ in range(5):
        target.settings(bad_jwt)
    assert said == [] and clock.slept == []
    settings = target.settings(bad_jwt)
    assert said == ["pacing: waiting 60 s for room in the Auth rate-limit window"] and clock.slept == [60]
    assert settings["RC_USER_JWT"] == "not-a-valid-jwt"  # the case's own settings win over the account's
