"""A test's handle on a running mock, over its admin API (`/__mock/*`): reset it to a scenario, read
what it recorded, move its clock, inject faults, send it texts.

The pytest plugin's `ringcentral_mock` fixture is one; the guide's harness drives the mock with it too.
"""

from __future__ import annotations

import os
from typing import Any

import httpx

from .scenarios import DEFAULT, ScenarioError, read_file


class RefusedError(httpx.HTTPStatusError):
    """The mock refused an admin request (an inbound text to a number nobody owns, a fault it cannot
    inject); the message says why, in the mock's words."""


def _checked(response: httpx.Response) -> httpx.Response:
    if response.is_error:
        try:
            reason = response.json().get("message") or response.text
        except ValueError:
            reason = response.text
        raise RefusedError(f"{response.request.method} {response.request.url.path}: {response.status_code} {reason}",
                           request=response.request, response=response)
    return response


class MockClient:
    def __init__(self, url: str, timeout: float = 10) -> None:
        self.url = url
        self.env: dict[str, str] = {}  # the settings of the last reset: RC_SERVER_URL, RC_USER_JWT, ...
        self.http = httpx.Client(base_url=url, timeout=timeout)

    def reset(self, scenario: str | os.PathLike[str] = DEFAULT, origin: str | None = None) -> dict[str, str]:
        """Start the mock over in a scenario: a built-in one's name (a string), or a TOML file of your own (a
        pathlib.Path; sent as text, so the mock need not see your files), named in errors as `origin`
        (default: the path).
        Returns the settings that point a client at it; ScenarioError, one line, for a scenario it refuses."""
        if isinstance(scenario, os.PathLike):
            own = read_file(scenario, origin)
            body = {"toml": own.text, "origin": own.origin}
        else:
            body = {"scenario": scenario}
        response = self.http.post("/__mock/reset", json=body)
        if response.status_code == 400:
            raise ScenarioError(response.json()["message"])
        self.env = _checked(response).json()["env"]
        return self.env

    def requests(self) -> list[dict[str, Any]]:
        """Every platform request since the reset, oldest first: method, path, query, body, status, ..."""
        return _checked(self.http.get("/__mock/requests")).json()

    def record(self) -> dict[str, Any]:
        """What a test checks after a run, in one request: {"requests": ..., "deliveries": ...,
        "faults": ...}, each as requests(), deliveries() and faults() return it."""
        return _checked(self.http.get("/__mock/record")).json()

    def events(self) -> list[dict[str, Any]]:
        """What the platform did on its own since the reset (a message's status moved, a text arrived)."""
        return _checked(self.http.get("/__mock/events")).json()

    def advance(self, seconds: float) -> None:
        """Move the mock's clock on; whatever falls due meanwhile happens (tokens expire, statuses move)."""
        _checked(self.http.post("/__mock/clock", json={"advance": seconds}))

    def fault(self, kind: str, **fields: Any) -> None:
        """Inject one fault until the next reset: `fault("error", method="POST", path="*/sms",
        error="SERVICE_UNAVAILABLE", retry_after=1)` (kinds and fields: ringcentral_mock.control.faults)."""
        self.add_faults([{"kind": kind, **fields}])

    def add_faults(self, faults: list[dict[str, Any]]) -> None:
        """Inject faults until the next reset (see ringcentral_mock.control.faults)."""
        _checked(self.http.post("/__mock/faults", json={"faults": faults}))

    def faults(self) -> list[dict[str, Any]]:
        """The faults in force, each with how many requests it has `seen` and `hits` so far."""
        return _checked(self.http.get("/__mock/faults")).json()["faults"]

    def inbound(self, message: dict[str, Any] | None = None, /, **fields: Any) -> dict[str, Any]:
        """The mock receives a text, as from a phone: `inbound(from_="+14155550123", text="Hi")` (`to`
        defaults to the scenario user's first SMS number; `attachments` make it an MMS), or the body of
        POST /__mock/inbound as a dict. It notifies the subscriptions that cover it; returns the stored message."""
        body = {**(message or {}), **{("from" if key == "from_" else key): value for key, value in fields.items()}}
        return _checked(self.http.post("/__mock/inbound", json=body)).json()

    def deliveries(self) -> list[dict[str, Any]]:
        """Every webhook request the mock made (validations and notifications), with what each was answered."""
        return _checked(self.http.get("/__mock/deliveries")).json()

    def disconnect(self) -> None:
        """Cut every WebSocket connection the mock holds, as a network would."""
        _checked(self.http.post("/__mock/disconnect"))

    def close(self) -> None:
        self.http.close()
