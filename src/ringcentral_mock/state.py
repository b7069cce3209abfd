"""MockState: one mock, built once from a scenario (a built-in one's name, or a user's own) and reset in
place by `reset()`.

It holds the platform (`platform/`: the account, tokens, the message store, rate limits, the clock),
the event bus the platform publishes to (`events`), and what test control keeps (`control/`: the
fault plan, the recorded requests, the published events). Every object is created here once; a reset
resets each in place, so a middleware, a background task or a subscriber that holds one keeps a
valid one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import scenarios
from .control.faults import FaultPlan
from .control.log import Log
from .events import EventBus
from .platform.accounts import Account, Extension
from .platform.clock import Clock
from .platform.high_volume import HighVolume
from .platform.messages import Messages
from .platform.ratelimit import RateLimiter
from .platform.subscriptions import Subscriptions
from .platform.templates import Templates
from .platform.tokens import Tokens


class MockState:
    """One platform account and the mock's controls, from a scenario."""

    def __init__(self, scenario: scenarios.Scenario = scenarios.DEFAULT) -> None:
        self.scenario_source = scenario  # what a reset without a scenario goes back to
        self.scenario_name = scenarios.name_of(scenario)
        self.scenario: dict[str, Any] = {}  # the scenario's data; replaced in place on reset
        self.clock = Clock()
        self.bus = EventBus()
        self.account = Account()
        self.tokens = Tokens(self.scenario, self.account, self.clock)
        self.messages = Messages(self.scenario, self.account, self.clock, self.bus)
        self.high_volume = HighVolume(self.scenario, self.account, self.clock)
        self.limiter = RateLimiter(self.clock)
        self.templates = Templates()
        self.subscriptions = Subscriptions(self.account, self.clock)
        self._on_reset: list[Callable[[], None]] = []
        self.faults = FaultPlan()
        self.requests = Log()
        self.events = Log()  # everything published since the last reset, for GET /__mock/events
        self.bus.subscribe(self.events.append)
        self.reset(scenario)

    def reset(self, scenario: scenarios.Scenario | None = None) -> None:
        """Back to the scenario's start (the current one by default); ScenarioError (a ValueError), with
        nothing changed, for an unknown name or data that breaks the scenario format."""
        source = scenario or self.scenario_source
        data = scenarios.load(source)
        self.faults.reset(data.get("faults"))
        self.scenario_source, self.scenario_name = source, scenarios.name_of(source)
        self.scenario.clear()
        self.scenario.update(data)
        limits = data["limits"]
        self.clock.reset()
        self.account.reset(data)
        self.tokens.reset(limits["max_live_tokens"])
        self.limiter.reset(data["rate_limits"])
        self.requests.reset(limits["max_recorded_requests"])
        self.events.reset(limits["max_recorded_events"])
        self.subscriptions.reset()
        self.high_volume.reset()
        self.templates.reset(data.get("templates", []), {e.key: e.id for e in self.account.extensions})
        for callback in self._on_reset:
            callback()
        self.messages.reset(limits["max_stored_messages"])  # last: it stores the scenario's messages
        self._schedule_inbound(data.get("inbound", []))

    def on_reset(self, callback: Callable[[], None]) -> None:
        """Call `callback()` at every reset: what lives beside the platform (event delivery) starts over too."""
        self._on_reset.append(callback)

    def receive(self, to_number: str | None, from_number: str, text: str,
                attachments: list[Any] | None = None) -> Any:
        """A text from outside the account to one of its numbers (the login user's first SMS number by
        default); ValueError, saying why, for a number no extension owns or one that cannot receive SMS."""
        login = self.extension(self.scenario["login"])
        number = to_number or next((n.phone_number for n in login.numbers if "SmsSender" in n.features), None)
        if number is None:
            raise ValueError("the scenario's user has no SMS number: name one in `to`")
        return self.messages.receive(number, from_number, text, attachments)

    def _schedule_inbound(self, scheduled: list[dict[str, Any]]) -> None:
        """The scenario's `[[inbound]]` texts, each arriving `after_seconds` of the mock's clock after the reset."""
        for entry in scheduled:
            self.clock.call_at(self.clock.now() + entry["after_seconds"],
                               lambda e=entry: self.receive(e.get("to"), e["from"], e["text"]))

    def env(self, server_url: str) -> dict[str, str]:
        """The .env lines that point the samples at this mock, logged in as the scenario's user."""
        return {
            "RC_SERVER_URL": server_url,
            "RC_APP_CLIENT_ID": self.account.client_id,
            "RC_APP_CLIENT_SECRET": self.account.client_secret,
            "RC_USER_JWT": self.extension(self.scenario["login"]).jwt,
            "SMS_RECIPIENT": self.scenario["recipient"],
            # The scenario's High Volume SMS recipients, for the batch samples.
            **({"A2P_RECIPIENTS": ",".join(r)} if (r := self.scenario.get("high_volume", {}).get("recipients"))
               else {}),
        }

    def extension(self, key: str) -> Extension:
        return self.account.extension(key)
