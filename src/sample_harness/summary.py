"""The summary `make verify` prints (page, sample, language, result, time), and the report it writes."""

from __future__ import annotations

from typing import Any

import pytest

from . import verify_report
from .paths import REPORTS
from .redact import redact


class VerifySummary:
    """A pytest plugin object: collects the sample tests' results, prints them, writes the verify report."""

    def __init__(self, live: bool) -> None:
        self.live = live
        self.rows: list[dict[str, Any]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        if "sample" not in props or (report.when != "call" and not report.skipped and report.passed):
            return
        if report.when == "call" or report.failed or report.skipped:
            self.rows.append({**props["sample"], "result": report.outcome, "seconds": round(report.duration, 3)}
                             | ({"exchange": props["exchange"]} if "exchange" in props else {}))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.rows:
            return
        rows = sorted(self.rows, key=lambda r: (r["page"], r["sample"], r["language"], r["case"]))
        terminalreporter.section("samples verified")
        terminalreporter.write_line(f"{'page':34} {'sample':34} {'language':11} {'result':8} {'time':>7}")
        for r in rows:
            sample = f"{r['sample']}{'/' + str(r['case']) if r['case'] else ''}"
            terminalreporter.write_line(redact(
                f"{r['page']:34} {sample:34} {r['language']:11} {r['result']:8} {r['seconds']:6.2f}s"))
        # A live run's results are other facts than the mock's: they never overwrite them.
        verify_report.write(REPORTS / ("verify-live.json" if self.live else "verify.json"), rows)
