"""Who a live run logs in as: one JWT login and GET .../extension/~, paced like the samples' logins."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from .api import EXTENSION, JWT_GRANT, TOKEN
from .live_settings import LiveSetupError
from .pacing import Pacer
from .redact import redact

ATTEMPTS = 2  # a login refused with 429 is tried once more, after its Retry-After


@dataclass(frozen=True)
class Extension:
    id: str
    number: str
    name: str

    def __str__(self) -> str:
        return f"extension {self.number}, {self.name} (id {self.id})"


def whoami(settings: dict[str, str], pacer: Pacer, timeout: float = 30.0) -> Extension:
    """The extension RC_USER_JWT logs in as; LiveSetupError (one safe line) when the platform refuses."""
    try:
        with httpx.Client(base_url=settings["RC_SERVER_URL"], timeout=timeout) as http:
            token = _login(http, settings, pacer)
            response = http.get(EXTENSION, headers={"Authorization": f"Bearer {token}"})
            pacer.observe(response.status_code, response.headers)
            body = _accepted(response, settings, "reading the logged-in extension")
    except httpx.HTTPError as exc:
        raise LiveSetupError(f"--live: cannot reach RC_SERVER_URL: {type(exc).__name__}: {exc}") from None
    return Extension(str(body["id"]), str(body.get("extensionNumber", "?")), str(body.get("name", "?")))


def _login(http: httpx.Client, settings: dict[str, str], pacer: Pacer) -> str:
    for _ in range(ATTEMPTS):
        pacer.wait(1)
        response = http.post(TOKEN, auth=(settings["RC_APP_CLIENT_ID"], settings["RC_APP_CLIENT_SECRET"]),
                             data={"grant_type": JWT_GRANT, "assertion": settings["RC_USER_JWT"]})
        pacer.observe(response.status_code, response.headers)
        if response.status_code != 429:
            break
    body = _accepted(response, settings, "the login (check RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT)")
    return body["access_token"]


def _accepted(response: httpx.Response, settings: dict[str, str], what: str) -> dict:
    if response.is_success:
        return response.json()
    try:
        body = response.json()
    except ValueError:
        body = {}
    code = body.get("errorCode") or next((e.get("errorCode") for e in body.get("errors", [])), "")
    message = body.get("message") or body.get("error_description", "")
    # Some refusals quote the request (OAU-123 quotes the Authorization header): never show secrets.
    raise LiveSetupError(redact(f"--live: the platform refused {what}: HTTP {response.status_code} {code}: {message}",
                                settings))
