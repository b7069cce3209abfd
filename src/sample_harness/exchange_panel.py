"""The "What this sends" panel under a tab set of samples: the requests the sample made in its main
case in the last `make verify`, from the verify report, as Markdown for the page.

Where every language sent the same requests (parity), the panel says so once and shows them once;
otherwise it shows each language's. A language the report holds no current run for says it is not
verified in this build, as the note under its sample does.
"""

from __future__ import annotations

import json
from typing import Any

from . import languages

TITLE = "What this sends"
CSS_CLASS = "sample-exchange"  # pymdownx.details turns the type into the <details> element's class


def panel(exchanges: dict[str, list[dict[str, Any]] | None], indent: str = "") -> list[str]:
    """The panel's lines (collapsed, at `indent`) for exchanges by language name, None for a language
    without a current run."""
    known = {language: found for language, found in exchanges.items() if found is not None}
    body: list[str] = []
    if not known:
        body += ["Not verified in this build: `make verify` records what the sample sends, and this",
                 "panel shows it."]
    elif len(known) > 1 and all(found == next(iter(known.values())) for found in known.values()):
        body += [f"{_names(known)} send the same requests, as the mock recorded them in the last",
                 "`make verify`:", "", *requests(next(iter(known.values())))]
    else:
        for language, found in known.items():
            body += [f"{_names([language])} sends, as the mock recorded it in the last `make verify`:", "",
                     *requests(found), ""]
    unknown = [language for language, found in exchanges.items() if found is None]
    if known and unknown:
        body += ["", f"Not verified in this build: {_names(unknown)}."]
    return [f'{indent}??? {CSS_CLASS} "{TITLE}"', "",
            *[f"{indent}    {line}" if line else "" for line in _trimmed(body)], ""]


def requests(exchange: list[dict[str, Any]]) -> list[str]:
    """A numbered list: each request's method, path (with its query) and status, then its body."""
    lines: list[str] = []
    for number, request in enumerate(exchange, 1):
        query = "&".join(f"{k}={v}" for k, v in (request.get("query") or {}).items())
        target = request["path"] + (f"?{query}" if query else "")
        over = " (over the WebSocket)" if request.get("via") == "websocket" else ""
        status = request["status"] if request["status"] is not None else "no answer"
        lines.append(f"{number}. `{request['method']} {target}`{over}: `{status}`")
        if request.get("body") is not None:
            lines += ["", "    ```json", *[f"    {line}" for line in json.dumps(request["body"], indent=2,
                                                                               ensure_ascii=False).splitlines()],
                      "    ```", ""]
    return lines


def _names(names: Any) -> str:
    tabs = [languages.BY_NAME[name].tab for name in names]
    return tabs[0] if len(tabs) == 1 else ", ".join(tabs[:-1]) + " and " + tabs[-1]


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines
