"""The summary `make verify` prints (page, sample, language, result, time), and the report it writes."""

from __future__ import annotations

from typing import Any

import pytest

from . import verify_report
from .paths import REPORTS
from .redact import redact
from .verdict_cache import VerdictCache


class VerifySummary:
    """A pytest plugin object: collects the sample tests' results, prints them, writes the verify report
    (and, with the verdict cache, records the cases that passed)."""

    def __init__(self, live: bool, cache: VerdictCache | None = None) -> None:
        self.live = live
        self.cache = cache
        self.rows: list[dict[str, Any]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        if "sample" not in props or (report.when != "call" and not report.skipped and report.passed):
            return
        if report.when == "call" or report.failed or report.skipped:
            row = {**props["sample"], "result": report.outcome, "seconds": round(report.duration, 3)}
            if "cached" in props:  # passed before, as it is now: the record's date and versions stand
                row |= {"result": "passed", "cached": True, **props["cached"]}
            if report.failed and "error" in props:  # the verdict's first problem, for the note under the sample
                row["error"] = redact(props["error"])
            self.rows.append(row | ({"exchange": props["exchange"]} if "exchange" in props else {}))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.cache is not None and self.cache.problem:
            terminalreporter.write_line(f"verdict cache: ignored {self.cache.path}: {self.cache.problem}; "
                                        "every case runs")
        if not self.rows:
            return
        rows = sorted(self.rows, key=lambda r: (r["page"], r["sample"], r["language"], r["case"]))
        terminalreporter.section("samples verified")
        terminalreporter.write_line(f"{'page':34} {'sample':34} {'language':11} {'result':8} {'time':>7}")
        for r in rows:
            sample = f"{r['sample']}{'/' + str(r['case']) if r['case'] else ''}"
            result = "cached" if r.get("cached") else r["result"]
            terminalreporter.write_line(redact(
                f"{r['page']:34} {sample:34} {r['language']:11} {result:8} {r['seconds']:6.2f}s"))
        cached = sum(1 for r in rows if r.get("cached"))
        if self.cache is not None:
            terminalreporter.write_line(f"{len(rows) - cached} cases run, {cached} cached (passed before, and "
                                        "nothing they depend on has changed; make verify FRESH=1 runs them all)")
        # A live run's results are other facts than the mock's: they never overwrite them.
        stamped = verify_report.write(REPORTS / ("verify-live.json" if self.live else "verify.json"), rows)
        if self.cache is not None:
            self.cache.save(stamped)
