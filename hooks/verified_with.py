"""MkDocs hook: under each included sample, say what it was last verified with.

The facts come from the report `make verify` writes (reports/verify.json, or $REPORTS_DIR): for
each sample file, language and case, the result, the digests of everything the verdict depends on
(the sample, its expectations, its scenario, the mock, the harness, the SDK versions), the
versions and the date. A sample counts as verified only if every case it has now passed against
exactly what the harness computes for it now; anything else (a fresh clone with no report, a
sample, scenario or mock changed since) says so instead of claiming a check that did not happen.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from sample_harness import catalogue, expectations, languages
from sample_harness.fingerprints import Sources, changed, dependencies, fingerprint

FENCE = re.compile(r"^\s*(```|~~~)\s*$")

_notes: dict[str, str] = {}  # path -> note, for the build under way
_context: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    _context.update(root=root, report=load_report(Path(os.environ.get("REPORTS_DIR") or root / "reports")
                                                  / "verify.json"), sources=Sources(), versions={})
    _notes.clear()
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return add_notes(markdown, note_now)


def load_report(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else []


def note_now(path: str) -> str:
    """The note for a sample as the repository stands now."""
    if path not in _notes:
        language = languages.of(path)
        if language.name not in _context["versions"]:
            _context["versions"][language.name] = language.versions()
        current = {case.name: dependencies(_context["root"] / path, case, _context["versions"][language.name],
                                           _context["sources"])
                   for case in expectations.cases_for(Path(path).stem, language.name)}
        _notes[path] = note(_context["report"], path, current)
    return _notes[path]


def add_notes(markdown: str, note_for: Any) -> str:
    """After the code fence around each sample include, a line (at the fence's indent) with its note."""
    out: list[str] = []
    pending: tuple[str, str] | None = None  # (indent, path) of an include whose fence is still open
    for line in markdown.split("\n"):
        out.append(line)
        if (match := catalogue.INCLUDE.match(line)) and catalogue.is_sample(match["path"]):
            pending = (line[:len(line) - len(line.lstrip())], match["path"])
        elif pending and FENCE.match(line):
            indent, path = pending
            out += ["", f'{indent}<small class="verified-with">{note_for(path)}</small>']
            pending = None
    return "\n".join(out)


def note(report: list[dict[str, Any]], path: str, current: dict[str, dict[str, str]]) -> str:
    """The note for a sample file whose cases now depend on `current` (case name -> digests)."""
    language = languages.of(path).name
    rows = {r.get("case"): r for r in report if r.get("file") == path and r.get("language") == language}
    name = Path(path).name
    fresh = [row for case, parts in current.items() if (row := rows.get(case))
             and row.get("fingerprint") == fingerprint(parts) and row.get("result") in ("passed", "failed")]
    if not rows:
        return f"Not verified in this build: no <code>make verify</code> report covers this version of {name}."
    if any(row["result"] == "failed" for row in fresh):
        latest = max(row["date"] for row in fresh if row["result"] == "failed")
        return f"Failed verification on {latest}: run <code>make verify</code> to see why."
    if len(fresh) < len(current):
        # A case with no row at all is one the report has never run: new in the expectations.
        what = sorted({part for case, parts in current.items() if rows.get(case) not in fresh
                       for part in (changed(rows[case].get("depends"), parts) if case in rows
                                    else ["its expectations"])})
        return (f"Not verified in this build: {', '.join(what)} changed since <code>make verify</code> last "
                f"ran {len(current) - len(fresh)} of the {len(current)} cases of {name}.")
    latest = max(fresh, key=lambda r: r["date"])
    used = ", ".join(f"{k} {v}" for k, v in latest["versions"].items())
    return f"Verified against the mock platform on {latest['date']} with {used}."
