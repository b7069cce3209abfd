"""MkDocs hook: under each included sample, say what it was last verified with.

The facts come from the report `make verify` writes (reports/verify.json, or $REPORTS_DIR): for
each sample file and language, the result of every case, the file's SHA-256 at the time, the
runtime and SDK versions and the date. A sample counts as verified only if the report holds
passing runs of exactly this version of the file and no failing one; anything else (a fresh clone
with no report, a sample changed since) says so instead of claiming a check that did not happen.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

INCLUDE = re.compile(r'^(?P<indent>\s*)-{1,2}8<-{1,2}\s+"(?P<path>[^":]+\.(?:py|js))(?::[\w-]+)?"\s*$')
FENCE = re.compile(r"^\s*(```|~~~)\s*$")
LANGUAGES = {".py": "python", ".js": "javascript"}

_report: list[dict[str, Any]] = []
_root = Path.cwd()


def on_config(config: Any) -> Any:
    global _root
    _root = Path(config.config_file_path).parent
    _report[:] = load_report(Path(os.environ.get("REPORTS_DIR") or _root / "reports") / "verify.json")
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return add_notes(markdown, lambda path: note(_report, path, _sha256(_root / path)))


def load_report(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else []


def add_notes(markdown: str, note_for: Any) -> str:
    """After the code fence around each sample include, a line (at the fence's indent) with its note."""
    out: list[str] = []
    pending: tuple[str, str] | None = None  # (indent, path) of an include whose fence is still open
    for line in markdown.split("\n"):
        out.append(line)
        if match := INCLUDE.match(line):
            pending = (match["indent"], match["path"])
        elif pending and FENCE.match(line):
            indent, path = pending
            out += ["", f'{indent}<small class="verified-with">{note_for(path)}</small>']
            pending = None
    return "\n".join(out)


def note(report: list[dict[str, Any]], path: str, sha256: str | None) -> str:
    language = LANGUAGES[Path(path).suffix]
    rows = [r for r in report if r.get("file") == path and r.get("language") == language
            and r.get("sha256") == sha256 and r.get("result") in ("passed", "failed")]
    name = Path(path).name
    if not rows:
        return f"Not verified in this build: no <code>make verify</code> report covers this version of {name}."
    latest = max(rows, key=lambda r: r["date"])
    if any(r["result"] == "failed" for r in rows):
        return f"Failed verification on {latest['date']}: run <code>make verify</code> to see why."
    used = ", ".join(f"{k} {v}" for k, v in latest["versions"].items())
    return f"Verified against the mock platform on {latest['date']} with {used}."


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
