"""The verify report's rows: stamped with what they verified, merged with the previous report.

Each row (page, sample, language, case, result, seconds, file) gains the SHA-256 of the sample
file it ran, the runtime and SDK versions of its language and the date; hooks/verified_with.py
turns them into the notes under the samples. A run of some samples (-k) keeps the other rows.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

from .languages import versions
from .paths import ROOT
from .redact import redact

KEY = ("file", "language", "case")


def write(path: Path, rows: list[dict[str, Any]]) -> None:
    """Stamp this run's rows, merge them into the report at path, and write it (redacted, like all output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(redact(json.dumps(merged(path, stamped(rows)), indent=2)) + "\n")


def stamped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    used = versions()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    return [row | {"sha256": hashlib.sha256((ROOT / row["file"]).read_bytes()).hexdigest(),
                   "versions": used[row["language"]], "date": today} for row in rows]


def merged(path: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the report at path that this run did not redo, then this run's rows."""
    fresh = {tuple(row.get(k) for k in KEY) for row in rows}
    try:
        previous = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        previous = []  # no report yet, or one we cannot read: this run's rows stand alone
    kept = [row for row in previous if isinstance(row, dict) and tuple(row.get(k) for k in KEY) not in fresh]
    return kept + rows
