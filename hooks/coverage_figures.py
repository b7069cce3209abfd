"""MkDocs hook: on the maintainers' page, the samples' line coverage from the last `make coverage`
(reports/coverage.json, or $REPORTS_DIR): per language, the shown lines that some case ran.

A page asks for the figures with the line `<!-- sample-coverage-figures -->`; without a report
(a fresh clone) it says they were not measured in this build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sample_harness.coverage_report import figures_table

MARKER = "<!-- sample-coverage-figures -->"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    reports = Path(os.environ.get("REPORTS_DIR") or Path(config.config_file_path).parent / "reports")
    try:
        report = json.loads((reports / "coverage.json").read_text("utf-8"))
    except (OSError, ValueError):
        report = None  # not measured yet, or a report we cannot read: say so, never guess
    return markdown.replace(MARKER, figures_table(report))
