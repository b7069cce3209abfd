"""Keep secrets out of everything the harness shows or writes."""

from __future__ import annotations

import base64
import re

SECRET_SETTINGS = ("RC_APP_CLIENT_SECRET", "RC_USER_JWT")
# Access and refresh tokens as the mock issues them, and any JWT-shaped string.
TOKEN_PATTERNS = [re.compile(r"mock-(?:access|refresh)-[\w-]+"),
                  re.compile(r"eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*")]


def named_secrets(settings: dict[str, str]) -> dict[str, str]:
    """The secret values a run's settings hold, and the Basic header the SDKs build from them."""
    named = {f"the value of {k}": settings[k] for k in SECRET_SETTINGS if settings.get(k)}
    if settings.get("RC_APP_CLIENT_ID") and settings.get("RC_APP_CLIENT_SECRET"):
        pair = f"{settings['RC_APP_CLIENT_ID']}:{settings['RC_APP_CLIENT_SECRET']}"
        named["the Basic authorization header"] = base64.b64encode(pair.encode()).decode()
    return named


def leaks(text: str, settings: dict[str, str]) -> list[str]:
    """Names of what leaked into text (never the values themselves)."""
    found = [name for name, value in named_secrets(settings).items() if value in text]
    return found + [f"a string like {p.pattern!r}" for p in TOKEN_PATTERNS if p.search(text)]


def redact(text: str, settings: dict[str, str]) -> str:
    for value in sorted(named_secrets(settings).values(), key=len, reverse=True):
        text = text.replace(value, "[redacted]")
    for pattern in TOKEN_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text
