"""MkDocs hook: under each included sample, say what it was last verified with; under each tab set of
samples, what the sample sends (the "What this sends" panel, sample_harness/exchange_panel.py).

The facts come from the report `make verify` writes (reports/verify.json, or $REPORTS_DIR): for
each sample file, language and case, the result, the digests of everything the verdict depends on
(the sample, its expectations, its scenario, the mock, the harness, the SDK versions), the
versions and the date. A sample counts as verified only if every case it has now passed against
exactly what the harness computes for it now; anything else (a fresh clone with no report, a
sample, scenario or mock changed since) says so instead of claiming a check that did not happen.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

# The harness is no part of the installed distribution (only the mock is): it lives in src/ beside
# this hook, and `mkdocs build`, `mkdocs serve` and the site tests' subprocesses all load the hook.
SRC = str(Path(__file__).resolve().parents[1] / "src")
if SRC not in sys.path:
    sys.path.insert(0, SRC)

from sample_harness import catalogue, exchange_panel, expectations, languages  # noqa: E402
from sample_harness.fingerprints import Sources, changed, fingerprint  # noqa: E402

FENCE = re.compile(r"^\s*(```|~~~)\s*$")

_notes: dict[str, str] = {}  # path -> note, for the build under way
_current: dict[str, dict[str, dict[str, str]]] = {}  # path -> case name -> digests, for the build under way
_context: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    _context.update(root=root, report=load_report(Path(os.environ.get("REPORTS_DIR") or root / "reports")
                                                  / "verify.json"), sources=Sources())
    _notes.clear()
    _current.clear()
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return add_notes(add_panels(markdown, exchange_now), note_now)


def load_report(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else []


def current(path: str) -> dict[str, dict[str, str]]:
    """What each case of the sample at path depends on now (case name -> digests)."""
    if path not in _current:
        _current[path] = {case.name: _context["sources"].now(_context["root"] / path, case)
                          for case in expectations.cases_for(Path(path).stem, languages.of(path).name)}
    return _current[path]


def note_now(path: str) -> str:
    """The note for a sample as the repository stands now."""
    if path not in _notes:
        _notes[path] = note(_context["report"], path, current(path))
    return _notes[path]


def exchange_now(path: str) -> list[dict[str, Any]] | None:
    """What the sample at path sent in its main case, if the report holds a passing run of it as it is now."""
    return exchange(_context["report"], path, current(path))


def add_panels(markdown: str, exchange_for: Any) -> str:
    """After each tab set of samples, at its indent, the panel of what each of its samples sends."""
    lines = markdown.split("\n")
    for tab_set in reversed(catalogue.page_tab_sets("", lines)):
        by_stem: dict[str, dict[str, str]] = {}
        for tab in tab_set.tabs:
            for include in (i for i in tab.includes if catalogue.is_sample(i.path)):
                by_stem.setdefault(str(Path(include.path).with_suffix("")), {})[languages.of(include.path).name] = (
                    include.path)
        header = lines[tab_set.line - 1]
        indent = header[:len(header) - len(header.lstrip())]
        panels = [line for files in by_stem.values() for line in exchange_panel.panel(
            {language: exchange_for(path) for language, path in files.items()}, indent)]
        if panels:
            lines[tab_set.end - 1:tab_set.end - 1] = ["", *panels]
    return "\n".join(lines)


def exchange(report: list[dict[str, Any]], path: str, now: dict[str, dict[str, str]]) -> list[dict[str, Any]] | None:
    """The main case's exchange from a passing run of the sample as it is now (its digests `now[""]`)."""
    language = languages.of(path).name
    row = next((r for r in report if (r.get("file"), r.get("language"), r.get("case")) == (path, language, "")), None)
    if row is None or "" not in now or row.get("fingerprint") != fingerprint(now[""]) or row.get("result") != "passed":
        return None
    return row.get("exchange")


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
        failed = max((row for row in fresh if row["result"] == "failed"), key=lambda r: r["date"])
        case = f" (case {failed['case']})" if failed.get("case") else ""
        why = (html.escape(failed["error"], quote=False) if failed.get("error")
               else "run <code>make verify</code> to see why")
        return f"Failed verification on {failed['date']}{case}: {why}"
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
