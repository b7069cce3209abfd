"""Timers on the mock's clock: fired in time order when it moves, on wall time while a server runs."""

from __future__ import annotations

import threading

from ringcentral_mock import MockState
from ringcentral_mock.platform.clock import Clock
from ringcentral_mock.server import MockServer


def test_advance_fires_the_due_timers_in_time_order_each_at_its_own_time():
    clock = Clock()
    start, fired = clock.now(), []
    for delay in (120, 60, 300):
        clock.call_at(start + delay, lambda delay=delay: fired.append((delay, round(clock.now() - start, 6))))
    clock.advance(180)
    assert fired == [(60, 60), (120, 120)]  # each saw the clock at its own due time, not at +180
    assert clock.now() - start >= 180
    clock.advance(120)
    assert [delay for delay, _ in fired] == [60, 120, 300]


def test_timers_due_together_fire_in_the_order_they_were_added():
    clock = Clock()
    fired = []
    for name in "abc":
        clock.call_at(clock.now(), lambda name=name: fired.append(name))
    clock.advance(0)
    assert fired == ["a", "b", "c"]


def test_a_timer_added_by_a_timer_fires_in_the_same_advance_when_due():
    clock = Clock()
    start, fired = clock.now(), []

    def first():
        clock.call_at(clock.now() + 10, lambda: fired.append(round(clock.now() - start, 6)))

    clock.call_at(start + 10, first)
    clock.advance(30)
    assert fired == [20]


def test_a_cancelled_timer_never_fires():
    clock = Clock()
    fired = []
    timer = clock.call_at(clock.now() + 5, lambda: fired.append("late"))
    timer.cancel()
    clock.advance(10)
    assert fired == [] and timer.cancelled


def test_reset_cancels_every_timer_and_the_offset(state: MockState):
    fired = []
    timer = state.clock.call_at(state.clock.now() + 5, lambda: fired.append("x"))
    state.reset()
    assert timer.cancelled and state.clock.offset == 0
    state.clock.advance(10)
    assert fired == []


def test_the_clock_admin_route_fires_what_falls_due(client, state: MockState):
    fired = []
    state.clock.call_at(state.clock.now() + 60, lambda: fired.append(state.clock.iso()))
    assert client.post("/__mock/clock", json={"advance": 59}).status_code == 200 and fired == []
    client.post("/__mock/clock", json={"advance": 1})
    assert len(fired) == 1


def test_a_served_mock_fires_timers_on_wall_time_without_any_request():
    with MockServer() as mock:
        clock, fired = mock.state.clock, threading.Event()
        clock.call_at(clock.now() + 0.2, fired.set)
        assert fired.wait(timeout=10), "the timer did not fire while the server ran"
    assert not mock._thread.is_alive()  # stop() ended the lifespan and its timer task
