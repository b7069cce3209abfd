"""Keep secrets out of everything the harness shows or writes.

`redact` replaces the secret values of a run's settings, the Basic header built from them, every
value passed to `remember` (the mock's and a live account's credentials) and anything shaped like a
token. The plugin passes every test report through it (report_redaction.py), so a failure message cannot leak either.
"""

from __future__ import annotations

import base64
import re

SECRET_SETTINGS = ("RC_APP_CLIENT_SECRET", "RC_USER_JWT", "WEBHOOK_VERIFICATION_TOKEN")
# Access and refresh tokens as the mock issues them, any JWT-shaped string, and authorization headers.
TOKEN_PATTERNS = [re.compile(r"mock-(?:access|refresh)-[\w-]+"),
                  re.compile(r"eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*"),
                  re.compile(r"(?<=\b[Bb]earer )[\w.~+/-]{16,}=*"),
                  re.compile(r"(?<=\b[Bb]asic )[A-Za-z0-9+/]{16,}=*")]
_remembered: dict[str, str] = {}


def named_secrets(settings: dict[str, str]) -> dict[str, str]:
    """The secret values a run's settings hold, and the Basic header the SDKs build from them."""
    named = {f"the value of {k}": settings[k] for k in SECRET_SETTINGS if settings.get(k)}
    if settings.get("RC_APP_CLIENT_ID") and settings.get("RC_APP_CLIENT_SECRET"):
        pair = f"{settings['RC_APP_CLIENT_ID']}:{settings['RC_APP_CLIENT_SECRET']}"
        named["the Basic authorization header"] = base64.b64encode(pair.encode()).decode()
    return named


def remember(settings: dict[str, str]) -> None:
    """Redact these settings' secrets from everything from now on (for this process)."""
    _remembered.update({value: name for name, value in named_secrets(settings).items()})


def leaks(text: str, settings: dict[str, str]) -> list[str]:
    """Names of what leaked into text (never the values themselves)."""
    found = [name for name, value in named_secrets(settings).items() if value in text]
    return found + [f"a string like {p.pattern!r}" for p in TOKEN_PATTERNS if p.search(text)]


def redact(text: str, settings: dict[str, str] | None = None) -> str:
    values = set(named_secrets(settings or {}).values()) | set(_remembered)
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "[redacted]")
    for pattern in TOKEN_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text
