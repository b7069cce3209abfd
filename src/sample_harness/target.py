"""Where the samples run: the embedded mock (the default) or, with --live, the platform itself.

The sample test asks its target what to skip, which settings a run gets, which output lines to
expect, and what requests were recorded; only the mock can say the last, so live runs skip it.
"""

from __future__ import annotations

import base64
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ringcentral_mock.scenarios import DEFAULT

from . import startup, webhooks
from .expectations import Case, fill
from .mock_client import MockClient
from .pacing import Pacer
from .paths import ROOT
from .problems import Problem
from .process import Run
from .refusing import busy_port, refusing_server_url


def inbound_body(inbound: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A step's inbound message as /__mock/inbound takes it: attachments read from their files, base64."""
    body = fill({k: v for k, v in inbound.items() if k != "attachments"}, values)
    if "attachments" in inbound:
        body["attachments"] = [{"contentType": a["contentType"],
                                "content": base64.b64encode((ROOT / a["file"]).read_bytes()).decode()}
                               for a in inbound["attachments"]]
    return body


def case_env(case: Case) -> dict[str, str]:
    """The case's settings, with ${REFUSING_SERVER_URL} (a port where nothing listens) and ${BUSY_PORT}
    (a port another program listens on) filled in."""
    return fill(case.env, {"REFUSING_SERVER_URL": refusing_server_url(), "BUSY_PORT": str(busy_port())})


@dataclass(frozen=True)
class Record:
    """What the mock recorded since its reset, read in one request after a run."""

    requests: list[dict[str, Any]]  # the requests it received, oldest first
    deliveries: list[dict[str, Any]]  # the webhook requests it made
    faults: list[dict[str, Any]]  # the faults in force, with their counts


class Target(Protocol):
    """What a sample test asks of the place its sample runs."""

    live: bool
    server_url: str

    def skip_reason(self, case: Case) -> str | None:
        """Why this target cannot run the case, or None."""

    def stage(self, case: Case) -> dict[str, str]:
        """Prepare the target for the case; the environment settings its set-up (`before`) runs with."""

    def settings(self, case: Case) -> dict[str, str]:
        """Prepare the target for the case; the environment settings the run gets: the stage's, with the
        case's own."""

    def arm(self, case: Case) -> None:
        """Put the case's faults in force, once its set-up has run: they meet the sample alone."""

    def stdout(self, case: Case) -> tuple[str, ...]:
        """The output patterns the case must print here."""

    def act(self, step: dict[str, Any], values: dict[str, str]) -> list[Problem]:
        """Make a driven step's event happen (a message received, connections cut, the clock moved, a
        forged notification); what went wrong with what the harness itself checks there."""

    def finished(self, run: Run) -> None:
        """Told of each finished run (a live target learns of rate limits from it)."""

    def sample_env(self, case: Case, language: str) -> dict[str, str]:
        """What a run of the case needs in its environment beyond its settings (the harness's own)."""

    def record(self) -> Record | None:
        """What the target recorded since it was prepared for the case; None where nothing records it."""


class MockTarget:
    """The embedded mock on loopback: reset to the case's scenario before each run, requests recorded."""

    live = False

    def __init__(self, mock: MockClient) -> None:
        self.mock = mock
        self.server_url = mock.url

    def skip_reason(self, case: Case) -> str | None:
        return None

    def stage(self, case: Case) -> dict[str, str]:
        return self.mock.reset(case.scenario) | webhooks.settings()

    def settings(self, case: Case) -> dict[str, str]:
        return self.stage(case) | case_env(case)

    def arm(self, case: Case) -> None:
        if case.faults:
            self.mock.add_faults(list(case.faults))

    def stdout(self, case: Case) -> tuple[str, ...]:
        return case.stdout

    def act(self, step: dict[str, Any], values: dict[str, str]) -> list[Problem]:
        if step.get("advance"):  # first: the clock moves, then what happens meets the new time
            self.mock.advance(step["advance"])
        if step.get("drop"):
            self.mock.disconnect()
        if "inbound" in step:
            self.mock.inbound(inbound_body(step["inbound"], values))
        if step.get("deliveries") and not self._delivered(step["deliveries"]):
            return [Problem("step", None, f"the mock made fewer than {step['deliveries']} notification attempts")]
        if forged := step.get("forge"):
            address, token, refusal, what = webhooks.forged(forged, values)
            status = webhooks.forge(address, token)
            if status != refusal:
                return [Problem("forged-accepted", refusal, status, what)]
        return []

    def finished(self, run: Run) -> None:
        pass

    def sample_env(self, case: Case, language: str) -> dict[str, str]:
        return startup.sleeps_move_clock(language, self.mock.url) if case.sleeps_move_clock else {}

    def _delivered(self, attempts: int, timeout: float = 10.0) -> bool:
        """Wait until the mock has made this many webhook notification attempts (they run on its own loop)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(d["kind"] == "notification" for d in self.mock.deliveries()) >= attempts:
                return True
            time.sleep(0.02)  # the mock's delivery is under way on its own thread: nothing to move
        return False

    def record(self) -> Record:
        return Record(**self.mock.record())


@dataclass
class Plan:
    """What the selected cases will do live, counted before any of them runs."""

    runs: int = 0
    messages: int = 0
    logins: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> how many runs


class LiveTarget:
    """RC_SERVER_URL with the .env credentials: no scenarios, no recorder, logins paced."""

    live = True
    UNCHECKED = "the requests each run makes (that needs the mock's /__mock/requests)"

    def __init__(self, settings: dict[str, str], pacer: Pacer, say: Callable[[str], None] = print) -> None:
        self.base = settings
        self.pacer = pacer
        self.say = say  # a line for the person watching: a paced wait is otherwise silent
        self.server_url = settings["RC_SERVER_URL"]

    def skip_reason(self, case: Case) -> str | None:
        if case.faults:
            return "injects faults into the mock (tests/fault-matrix.toml); the platform takes no such orders"
        if case.scenario != DEFAULT:
            return (f"needs the mock's {case.scenario!r} scenario; "
                    "a live run is the account RC_USER_JWT logs in as")
        if case.messages is None:
            return "tests/expectations.toml lists no requests for it, so a live run cannot count what it sends"
        if case.steps:
            return "it waits for events the mock makes happen (an inbound text); the platform takes no such orders"
        if case.companion:
            return "it needs a webhook server on loopback, which the platform cannot reach"
        return None

    def plan(self, cases: list[Case]) -> Plan:
        plan = Plan()
        for case in cases:
            if reason := self.skip_reason(case):
                plan.skipped[reason] += 1
                continue
            plan.runs += 1
            plan.messages += case.messages or 0
            plan.logins += case.logins or 0
        return plan

    def stage(self, case: Case) -> dict[str, str]:
        if delay := self.pacer.delay(case.logins or 0):
            self.say(f"pacing: waiting {delay:.0f} s for room in the Auth rate-limit window")
        self.pacer.wait(case.logins or 0)
        return dict(self.base)

    def settings(self, case: Case) -> dict[str, str]:
        return self.stage(case) | case_env(case)

    def arm(self, case: Case) -> None:
        pass  # a live run skips the cases with faults (skip_reason)

    def stdout(self, case: Case) -> tuple[str, ...]:
        return case.stdout if case.live_stdout is None else case.live_stdout

    def act(self, step: dict[str, Any], values: dict[str, str]) -> list[Problem]:
        raise AssertionError("a live run skips driven cases (skip_reason)")

    def sample_env(self, case: Case, language: str) -> dict[str, str]:
        return {}  # the platform's clock is the world's: a live run's sleeps wait

    def finished(self, run: Run) -> None:
        if "HTTP 429" in run.stderr:
            self.pacer.penalise()  # the sample's Retry-After is not visible here: wait the documented penalty

    def record(self) -> None:
        return None
