"""What a sample sent, as a reader would describe it: each request's method, path, query, body and the
status it got, the same from one run to the next.

The run's own settings read as their names (`${RC_USER_JWT}`: secrets never appear, and a webhook's
port, new for every run, does not churn the page), times are masked, and what the SDK alone decides
is left out: a WebSocket connection's query (its single-use token). The mock's ids are stable from
a reset. The parity test compares these; `make verify` keeps each main case's in its report, from
which the page's "What this sends" panel is made (hooks/verified_with.py).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .redact import redact
from .shown_output import TIME


def as_named(settings: dict[str, str], value: Any) -> Any:
    """The value with the run's settings written as ${NAME} and times masked. A setting counts only
    as a whole word: a webhook port of 5055 is no part of the number +16505550100."""
    text = json.dumps(value)
    for name, setting in sorted(settings.items(), key=lambda item: -len(item[1])):
        if len(setting) > 3:
            text = re.sub(rf"(?<!\w){re.escape(setting)}(?!\w)", lambda _, name=name: f"${{{name}}}", text)
    return json.loads(redact(TIME.sub("<time>", text)))


def of(recorded: list[dict[str, Any]], settings: dict[str, str]) -> list[dict[str, Any]]:
    """Each request the mock recorded, as {method, path, query, body, status, via}; body is None unless
    the request carried JSON or a form (a multipart body is its parts), and an empty one is None too
    (the Python SDK posts `{}` for a WebSocket token where the JavaScript SDK posts nothing)."""
    return [as_named(settings, {
        "method": r["method"], "path": r["path"], "query": {} if r["method"] == "WS" else r["query"],
        "body": (r["body"] or None) if _is_data(r) else None, "status": r["status"], "via": r.get("via")})
        for r in recorded]


def _is_data(record: dict[str, Any]) -> bool:
    kind = record.get("content_type") or ""
    return any(k in kind for k in ("json", "x-www-form-urlencoded", "multipart"))
