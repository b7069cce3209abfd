"""The tests' handle on a running mock: reset it to a scenario, read what it recorded."""

from __future__ import annotations

from typing import Any

import httpx

from .redact import remember


class MockClient:
    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=10)

    def reset(self, scenario: str = "default") -> dict[str, str]:
        """Reset the state to the scenario; returns the settings that point a sample at it."""
        response = self.http.post("/__mock/reset", json={"scenario": scenario})
        response.raise_for_status()
        env = response.json()["env"]
        remember(env)  # the scenario's credentials never show in a report
        return env

    def add_faults(self, faults: list[dict[str, Any]]) -> None:
        """Inject faults until the next reset (see ringcentral_mock.control.faults)."""
        self.http.post("/__mock/faults", json={"faults": faults}).raise_for_status()

    def faults(self) -> list[dict[str, Any]]:
        """The faults in force, each with how many requests it has `seen` and `hits` so far."""
        return self.http.get("/__mock/faults").json()["faults"]

    def requests(self) -> list[dict[str, Any]]:
        return self.http.get("/__mock/requests").json()

    def inbound(self, message: dict[str, Any]) -> dict[str, Any]:
        """The mock receives a text (an MMS with attachments); it notifies the subscriptions that cover it."""
        response = self.http.post("/__mock/inbound", json=message)
        response.raise_for_status()
        return response.json()

    def advance(self, seconds: float) -> None:
        """Move the mock's clock on; whatever falls due meanwhile happens."""
        self.http.post("/__mock/clock", json={"advance": seconds}).raise_for_status()

    def deliveries(self) -> list[dict[str, Any]]:
        """Every webhook request the mock made (validations and notifications), with what each was answered."""
        response = self.http.get("/__mock/deliveries")
        response.raise_for_status()
        return response.json()

    def disconnect(self) -> None:
        """Cut every WebSocket connection the mock holds, as a network would."""
        self.http.post("/__mock/disconnect").raise_for_status()

    def close(self) -> None:
        self.http.close()
