"""The settings a live run uses: `.env` read with python-dotenv, the environment winning, checked.

A problem is one line naming what to set; it never contains a setting's value.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from dotenv import dotenv_values

from .paths import ROOT

ENV_FILE = ROOT / ".env"
EXAMPLE_FILE = ROOT / ".env.example"
PRODUCTION = "https://platform.ringcentral.com"
REQUIRED = ("RC_APP_CLIENT_ID", "RC_APP_CLIENT_SECRET", "RC_USER_JWT", "SMS_RECIPIENT")
NAMES = ("RC_SERVER_URL", *REQUIRED)
HELP = "see docs/maintainers/live-runs.md"


class LiveSetupError(Exception):
    """A live run cannot start; the message is one line, safe to print."""


def load(environ: dict[str, str], env_file: Path = ENV_FILE) -> dict[str, str]:
    """The five settings from env_file, overridden by environ; RC_SERVER_URL defaults to production."""
    from_file = dotenv_values(env_file) if env_file.is_file() else {}
    merged = {name: environ.get(name) or from_file.get(name) or "" for name in NAMES}
    merged["RC_SERVER_URL"] = merged["RC_SERVER_URL"] or PRODUCTION
    return merged


def check(settings: dict[str, str], example_file: Path = EXAMPLE_FILE) -> None:
    """Raise LiveSetupError naming the settings to fix: missing, still the examples, or malformed."""
    missing = [name for name in REQUIRED if not settings.get(name)]
    if missing:
        raise LiveSetupError(f"--live needs {', '.join(missing)} set in .env or the environment ({HELP})")
    examples = dotenv_values(example_file) if example_file.is_file() else {}
    # The example's RC_SERVER_URL is the real production address, so only the others can be placeholders.
    unchanged = [name for name in REQUIRED if examples.get(name) == settings[name]]
    if unchanged:
        verb = "still holds the example value" if len(unchanged) == 1 else "still hold the example values"
        raise LiveSetupError(f"--live: {', '.join(unchanged)} {verb} from .env.example; "
                             f"set your own in .env or the environment ({HELP})")
    url = urlparse(settings["RC_SERVER_URL"])
    if url.scheme not in ("http", "https") or not url.hostname:
        raise LiveSetupError(f"--live: RC_SERVER_URL must be an http(s) address such as {PRODUCTION} ({HELP})")
