"""Run one case of a sample on a target: its settings, the run, and what the target recorded of it.

A sample that ends on its own is run to its end. One that runs until stopped (its case names the
line that says it is `ready`) is driven: wait for that line, then for each step make its event
happen on the target and wait for the output it must cause, then stop it as Ctrl-C would and give
it a grace period to end.
"""

from __future__ import annotations

import re
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .expectations import Case, fill, match_requests
from .paths import ROOT
from .problems import Problem
from .process import Run, SampleProcess, run_sample, sample_env
from .redact import redact
from .target import Target

READY_SECONDS = 15.0  # for a sample to say it is ready: a login and a subscription
STOP_GRACE = 5.0  # for a sample to end after Ctrl-C


@dataclass
class Outcome:
    run: Run
    recorded: list[dict[str, Any]] | None  # the requests the mock received; None live (nothing records them)
    settings: dict[str, str]  # the run's environment settings (secrets included: never show them)
    stdout: tuple[str, ...]  # the output patterns this target expects
    faults: list[dict[str, Any]] | None = None  # the faults injected, with how often each fired; None live
    driven: list[Problem] = field(default_factory=list)  # what went wrong while driving it, step by step

    @property
    def evidence(self) -> str:
        """What the run printed and sent, redacted, for a failure message."""
        requests = "" if self.recorded is None else "--- requests\n" + "\n".join(
            f"{r['method']} {r['path']} -> {r['status']}" + (f" ({r['fault']} fault)" if r.get("fault") else "")
            for r in self.recorded)
        return redact(f"--- stdout\n{self.run.stdout}--- stderr\n{self.run.stderr}{requests}", self.settings)


def run_case(target: Target, language: str, path: Path, case: Case, timeout: float) -> Outcome:
    """Run the case in a working folder of its own (what the sample saves lands there, and is checked)."""
    settings = target.settings(case)
    driven: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="sample-run-") as folder:
        workdir = Path(folder)
        if case.ready:
            run = drive(target, language, path, case, settings, driven, workdir, timeout)
        else:
            run = run_sample(language, path, sample_env(settings), timeout, workdir)
        driven += saved_files(case, workdir)
    target.finished(run)
    return Outcome(run, target.recorded(), settings, target.stdout(case), target.faults(), driven)


def saved_files(case: Case, workdir: Path) -> list[Problem]:
    """Each file the case says the sample saves must be there, byte for byte the one it names."""
    found = []
    for file in case.files:
        saved, want = workdir / file["name"], (ROOT / file["same_as"]).read_bytes()
        if not saved.is_file():
            present = sorted(p.name for p in workdir.iterdir())
            found.append(Problem("file-missing", file["name"], ", ".join(present) or "nothing"))
        elif saved.read_bytes() != want:
            found.append(Problem("file-differs", len(want), saved.stat().st_size, file["name"]))
    return found


def drive(target: Target, language: str, path: Path, case: Case, settings: dict[str, str],
          problems: list[Problem], workdir: Path, timeout: float) -> Run:
    """Start the sample, drive its steps, stop it; what went wrong on the way goes into `problems`.

    A failing case (its exit is not 0) ends as the sample ends it, after its steps; a sample that ends
    before its ready line or a step's output has met the failure the case is about."""
    values = dict(settings)
    failing = case.exit != 0
    with SampleProcess(language, path, sample_env(settings), workdir) as sample:
        if sample.expect_line(case.ready, READY_SECONDS) is None:
            if failing and not sample.running:
                return sample.wait(timeout)
            problems.append(Problem("not-ready", case.ready, READY_SECONDS))
            return sample.stop(getattr(signal, case.stop), STOP_GRACE)
        for number, step in enumerate(case.steps, 1):
            before = len(target.recorded() or [])
            target.act(step, values)
            if (problem := _expect(sample, step, values, f"step {number}")) is not None:
                if not (failing and not sample.running):
                    problems.append(problem)
                break
            recorded = target.recorded()
            if recorded is not None and step.get("requests") is not None:
                problems += [Problem("step", p.expected, str(p), f"step {number}")
                             for p in match_requests(tuple(step["requests"]), recorded[before:], values)]
        if failing:
            return sample.wait(timeout)
        run = sample.stop(getattr(signal, case.stop), STOP_GRACE)
    run.stopped_by = case.stop
    return run


def _expect(sample: SampleProcess, step: dict[str, Any], values: dict[str, str], where: str) -> Problem | None:
    """The first of the step's expected lines that did not come (or, for an `only` step, came otherwise)."""
    wait = step.get("timeout", 10)
    escaped = {k: re.escape(v) for k, v in values.items()}
    for pattern in step.get("expect", ()):
        regex = re.compile(fill(pattern, escaped))
        if step.get("only"):
            line = sample.next_line(wait)
            if line is None or not regex.search(line):
                return Problem("step-other-output", pattern, line, where)
        elif sample.expect_line(regex, wait) is None:
            return Problem("step-output", pattern, wait, where)
    return None
