"""Find JWT- and secret-looking strings in committed files.

A JWT is recognised by its shape; a client secret or JWT setting by its name (RC_APP_CLIENT_SECRET,
clientSecret, ...) followed by a value that looks random: 16 or more characters mixing upper case,
lower case and digits. Placeholders such as `your-app-client-secret` or the mock's
`mock-client-secret` do not look random, so they pass.
"""

from __future__ import annotations

import re

JWT = re.compile(r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+")
PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
NAMED = re.compile(r"""(?ix)(?P<name>rc_app_client_secret|rc_user_jwt|client_?secret|(?:user_?)?jwt|assertion
                     |authorization|bearer|basic)\b["']?\s*[=:]?\s*["']?(?:bearer\s+|basic\s+)?(?P<value>[\w+/=.~-]+)""")


def looks_random(value: str) -> bool:
    return (len(value) >= 16 and any(c.isdigit() for c in value) and any(c.isupper() for c in value)
            and any(c.islower() for c in value))


def findings(text: str) -> list[str]:
    """What looks secret in text, as `line N: <kind>` (never the value itself)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if JWT.search(line):
            found.append(f"line {number}: a JWT")
        if PRIVATE_KEY.search(line):
            found.append(f"line {number}: a private key")
        found += [f"line {number}: a secret-looking value after {m['name']!r}"
                  for m in NAMED.finditer(line) if looks_random(m["value"]) and not JWT.search(m["value"])]
    return found
