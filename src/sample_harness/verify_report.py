"""The verify report: a row per case run, stamped with everything its verdict depends on.

Each row (page, sample, language, case, result, seconds, file) gains the digests of what its
verdict depends on (fingerprints.py) with their fingerprint, the runtime and SDK versions of its
language and the date; hooks/verified_with.py turns them into the notes under the samples. A run
of some samples (-k) keeps the other rows; rows of cases that no longer exist are dropped.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from . import catalogue, expectations
from .expectations import Case
from .fingerprints import Sources, fingerprint
from .paths import ROOT
from .redact import redact

KEY = ("file", "language", "case")


def current_cases(root: Path = ROOT) -> dict[tuple[str, str, str], Case]:
    """Every case the guide has now, by (file, language, case name)."""
    return {(sample.file, sample.language, case.name): case
            for sample in catalogue.samples(root / "docs", root)
            for case in expectations.cases_for(sample.name, sample.language)}


def write(path: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stamp this run's rows, merge them into the report at path, and write it (redacted, like all output);
    returns this run's rows as stamped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cases = current_cases()
    these = stamped(rows, cases)
    path.write_text(redact(json.dumps(merged(path, these, set(cases)), indent=2)) + "\n")
    return these


def stamped(rows: list[dict[str, Any]], cases: dict[tuple[str, str, str], Case] | None = None,
            sources: Sources | None = None) -> list[dict[str, Any]]:
    cases = current_cases() if cases is None else cases
    sources = sources or Sources()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    stamped_rows = []
    for row in rows:
        parts = sources.now(ROOT / row["file"], cases[tuple(row[k] for k in KEY)])
        when = {"versions": sources.versions(row["language"]), "date": today}
        if row.get("cached"):  # not run now: it passed on the recorded date, with the recorded versions
            when = {"versions": row["versions"], "date": row["date"]}
        stamped_rows.append(row | {"depends": parts, "fingerprint": fingerprint(parts)} | when)
    return stamped_rows


def merged(path: Path, rows: list[dict[str, Any]], existing: set[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The rows of the report at path that this run did not redo and whose case still exists, then this run's."""
    fresh = {tuple(row.get(k) for k in KEY) for row in rows}
    try:
        previous = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        previous = []  # no report yet, or one we cannot read: this run's rows stand alone
    kept = [row for row in previous if isinstance(row, dict) and (key := tuple(row.get(k) for k in KEY)) not in fresh
            and key in existing]
    return kept + rows
