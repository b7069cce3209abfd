"""The sample coverage report and its rule: every line of a shown section that can run, ran in some
case, unless tests/expectations.toml lists it for that sample and language with the reason.

A sample is judged only when every one of its cases ran measured in the session (a run of some of
them, `-k send-sms`, judges those samples alone). Each unrun line is named with its file and line,
the code, and the pages that show it; the report lands in reports/coverage.json, with each
language's figures (lines run over lines that can run) for the maintainers' page.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import catalogue, expectations
from .line_coverage import Lines, Measurement


@dataclass
class SampleCoverage:
    sample: catalogue.Sample
    can_run: int  # lines of the shown section that can run
    ran: int
    unrun: list[tuple[int, str]]  # (line, code) no case ran and no entry explains
    explained: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, why)
    stale: list[str] = field(default_factory=list)  # entries that explain a line that ran or is gone

    @property
    def problems(self) -> list[str]:
        where = f"{self.sample.id} (shown on {', '.join(self.sample.pages)})"
        return ([f"{self.sample.file}:{line}: {where}: no case runs `{code}`; add a case that does, or list it "
                 f"under [{self.sample.name}.uncovered] {self.sample.language} in tests/expectations.toml with "
                 "the reason" for line, code in self.unrun]
                + [f"tests/expectations.toml: [{self.sample.name}.uncovered] {self.sample.language}: {entry}"
                   for entry in self.stale])


def judge(measurement: Measurement, samples: list[catalogue.Sample] | None = None) -> list[SampleCoverage]:
    """Each sample whose cases all ran measured, with its unrun lines."""
    samples = catalogue.samples() if samples is None else samples
    complete = [s for s in samples if measurement.cases_run(s) >= {c.name or "main"
                                                                   for c in expectations.cases_for(s.name, s.language)}]
    lines = measurement.lines(complete) if complete else {}
    return [of(sample, lines[sample.file]) for sample in complete]


def of(sample: catalogue.Sample, lines: Lines) -> SampleCoverage:
    source = sample.path.read_text("utf-8").splitlines()
    first, last = catalogue.section_lines("\n".join(source), sample.section)
    shown = {n for n in lines.can_run if first <= n <= last and catalogue.MARKER.search(source[n - 1]) is None}
    allowed = {entry["code"]: entry["why"] for entry in
               expectations.load().get(sample.name, {}).get("uncovered", {}).get(sample.language, [])}
    unrun = [(n, source[n - 1].strip()) for n in sorted(shown - lines.ran)]
    result = SampleCoverage(sample, len(shown), len(shown & lines.ran),
                            [(n, code) for n, code in unrun if code not in allowed],
                            [(n, code, allowed[code]) for n, code in unrun if code in allowed])
    ran_codes = {source[n - 1].strip() for n in shown & lines.ran}
    result.stale = [f"`{code}` " + ("runs in a case now: remove the entry" if code in ran_codes
                                    else "is no line of the shown code that can run: remove or fix the entry")
                    for code in allowed if code not in {c for _, c in unrun}]
    return result


def figures(judged: list[SampleCoverage]) -> dict[str, dict[str, int]]:
    """Per language: lines that ran over lines that can run, across its samples."""
    totals: dict[str, dict[str, int]] = {}
    for item in judged:
        total = totals.setdefault(item.sample.language, {"ran": 0, "can_run": 0, "samples": 0})
        total["ran"] += item.ran
        total["can_run"] += item.can_run
        total["samples"] += 1
    return totals


def write(path: Path, judged: list[SampleCoverage]) -> None:
    rows: list[dict[str, Any]] = [
        {"sample": item.sample.name, "language": item.sample.language, "file": item.sample.file,
         "pages": list(item.sample.pages), "can_run": item.can_run, "ran": item.ran,
         "unrun": [{"line": n, "code": code} for n, code in item.unrun],
         "explained": [{"line": n, "code": code, "why": why} for n, code, why in item.explained]}
        for item in judged]
    path.parent.mkdir(parents=True, exist_ok=True)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    path.write_text(json.dumps({"date": today, "figures": figures(judged), "samples": rows}, indent=2) + "\n",
                    "utf-8")


def figures_table(report: dict[str, Any] | None) -> str:
    """The maintainers' page's figures, as Markdown: per language, the shown lines that ran."""
    if not isinstance(report, dict) or not {"date", "figures", "samples"} <= report.keys():
        return ("Not measured in this build: `make coverage` (or `make test`) measures it, and the next build "
                "shows the figures here.")
    rows = [f"| {language} | {t['ran']} of {t['can_run']} | {100 * t['ran'] / max(t['can_run'], 1):.1f} % | "
            f"{t['samples']} |" for language, t in report["figures"].items()]
    unrun = sum(len(s["unrun"]) for s in report["samples"])
    explained = sum(len(s["explained"]) for s in report["samples"])
    return "\n".join([f"Measured on {report['date']}, over every case of every sample:", "",
                      "| Language | Shown lines that ran | | Samples |", "| --- | --- | --- | --- |", *rows, "",
                      f"Lines no case runs: {unrun} unexplained, {explained} explained in "
                      "`tests/expectations.toml` (each with its reason, in `reports/coverage.json`)."])


def summary_lines(judged: list[SampleCoverage]) -> list[str]:
    """What the terminal shows: each language's figures, then every line no case ran."""
    lines = [f"{language}: {t['ran']} of {t['can_run']} lines of {t['samples']} samples ran"
             for language, t in figures(judged).items()]
    for item in judged:
        lines += item.problems
        lines += [f"{item.sample.file}:{n}: unrun, explained: `{code}`: {why}" for n, code, why in item.explained]
    return lines
