"""`make verify`'s record of the cases that passed, so that a second run runs only what changed.

Each record is keyed by sample file, language and case, and holds the fingerprint of everything the
case's verdict depends on (fingerprints.py: the sample, its expectations and fault-matrix entry, its
scenarios, every file of the mock and of the harness, package-lock.json, the runtime and SDK
versions), with the date and versions it passed with and, for a main case, what it sent. A case whose
fingerprint now is the recorded one is not run: its test says `cached`, and its row in
reports/verify.json keeps the recorded date and versions, so the verified-with note stays true.

Only `make verify` asks for it (--verdict-cache); `make verify FRESH=1`, `make test` and anything
under CI=true run everything. The record lives in .cache/verify/ (git-ignored). A record that cannot
be read, or is not what this module writes, is ignored with one line, never trusted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .catalogue import Sample
from .expectations import Case
from .fingerprints import Sources, fingerprint
from .paths import ROOT

RECORD = ROOT / ".cache" / "verify" / "passed.json"
VERSION = 1  # of the record's shape: a record of another shape is ignored


def wanted(asked: bool) -> bool:
    """Whether a run uses the cache: asked for, and not under CI=true."""
    return asked and os.environ.get("CI") != "true"


class VerdictCache:
    def __init__(self, path: Path = RECORD) -> None:
        self.path = path
        self.problem: str | None = None  # why the record on disk was ignored, if it was
        self.passed = self._load()
        self._sources = Sources()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as unreadable:
            self.problem = f"cannot read it ({unreadable.__class__.__name__})"
            return {}
        entries = data.get("passed") if isinstance(data, dict) and data.get("version") == VERSION else None
        if not isinstance(entries, dict) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                                                    for e in entries.values()):
            self.problem = "it is not a record this harness wrote"
            return {}
        return entries

    @staticmethod
    def key(file: str, language: str, case: str) -> str:
        return f"{file} [{language}] {case or '(main)'}"

    def fingerprint(self, sample: Sample, case: Case) -> str:
        """What the case's verdict depends on now, as one digest."""
        return fingerprint(self._sources.now(sample.path, case))

    def hit(self, sample: Sample, case: Case) -> dict[str, Any] | None:
        """The record of a passing run of the case exactly as it is now, or None."""
        entry = self.passed.get(self.key(sample.file, sample.language, case.name))
        return entry if entry and entry["fingerprint"] == self.fingerprint(sample, case) else None

    def save(self, rows: list[dict[str, Any]]) -> None:
        """Record this run's passing rows (stamped: with their fingerprint); forget its failing ones."""
        for row in rows:
            key = self.key(row["file"], row["language"], row["case"])
            if row["result"] == "passed":
                self.passed[key] = {k: row[k] for k in ("fingerprint", "date", "versions", "exchange") if k in row}
            else:
                self.passed.pop(key, None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps({"version": VERSION, "passed": self.passed}, indent=1) + "\n", "utf-8")
        partial.replace(self.path)  # whole or not at all: a run cut short leaves the last record
