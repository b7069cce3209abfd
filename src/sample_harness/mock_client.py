"""The mock's own client (ringcentral_mock.client), with what the harness adds: every reset's
credentials are remembered, so no report of the guide's tests shows them."""

from __future__ import annotations

import os

from ringcentral_mock import client

from .redact import remember


class MockClient(client.MockClient):
    def reset(self, scenario: str | os.PathLike[str] = "default", origin: str | None = None) -> dict[str, str]:
        env = super().reset(scenario, origin)
        remember(env)  # the scenario's credentials never show in a report
        return env
