"""`pytest --live`: check the settings, count what the run will send, say so, then run it.

Registered by the plugin (plugin.py) only with --live. Its checks stop pytest before any request with
one line naming what to set: missing or example credentials, too many messages, or -n.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import live_settings
from .expectations import Case
from .live_account import Extension, whoami
from .live_settings import LiveSetupError
from .pacing import Pacer
from .redact import remember
from .target import LiveTarget, Plan

NAME = "live"
USAGE = pytest.ExitCode.USAGE_ERROR


class LivePlugin:
    def __init__(self, config: pytest.Config) -> None:
        if getattr(config.option, "numprocesses", None):
            raise pytest.UsageError("--live runs the samples one at a time to pace its logins: drop -n (or pass -n 0)")
        settings = live_settings.load(dict(os.environ), Path(config.getoption("live_env_file")))
        try:
            live_settings.check(settings)
        except LiveSetupError as exc:
            raise pytest.UsageError(str(exc)) from None
        remember(settings)  # the account's secrets are redacted from every report and summary
        self.max_messages: int = config.getoption("live_max_messages")
        self.target = LiveTarget(settings, Pacer(), say=lambda line: self.write(config, line))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # Only tests that take the `target` fixture reach the platform; their Case says what they send.
        cases = [param for item in session.items if "target" in getattr(item, "fixturenames", ())
                 for param in getattr(getattr(item, "callspec", None), "params", {}).values()
                 if isinstance(param, Case)]
        plan = self.target.plan(cases)
        if plan.messages > self.max_messages:
            pytest.exit(f"--live: the selected tests would send up to {plan.messages} messages, more than "
                        f"--live-max-messages {self.max_messages}; select fewer (-k) or raise the limit",
                        returncode=USAGE)
        if session.config.option.collectonly or not plan.runs:
            return
        try:
            extension = whoami(self.target.base, self.target.pacer)
        except LiveSetupError as exc:
            pytest.exit(str(exc), returncode=USAGE)
        for line in self.banner(extension, plan):
            self.write(session.config, line)

    def banner(self, extension: Extension, plan: Plan) -> list[str]:
        """What the run will do, said before it sends anything."""
        pacer = self.target.pacer
        return [
            f"live run against {self.target.server_url}",
            f"  logged in as {extension}",
            f"  recipient {self.target.base['SMS_RECIPIENT']}",
            f"  {counted(plan.runs, 'sample run')} will send at most {counted(plan.messages, 'message')} "
            f"(--live-max-messages {self.max_messages}) and log in {counted(plan.logins, 'time')} (this check: "
            f"once more), paced to the Auth group's {pacer.limit} logins per {pacer.window:g} s",
            *(f"  skipped live ({count}): {reason}" for reason, count in sorted(plan.skipped.items())),
            f"  not checked live: {LiveTarget.UNCHECKED}",
        ]

    @staticmethod
    def write(config: pytest.Config, line: str) -> None:
        # Past pytest's output capture: a pacing wait is announced while a test runs.
        with config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
            config.pluginmanager.get_plugin("terminalreporter").write_line(line)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
