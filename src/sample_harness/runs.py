"""Run one case of a sample on a target: its settings, the run, and what the target recorded of it.

A sample that ends on its own is run to its end. One that runs until stopped (its case names the
line that says it is `ready`) is driven: wait for that line, then for each step make its event
happen on the target and wait for the output it must cause, then stop it as Ctrl-C would and give
it a grace period to end.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import catalogue, expectations, webhooks
from .expectations import Case, match_requests, pattern
from .paths import ROOT
from .problems import Problem
from .process import Run, SampleProcess, extra_env, run_sample, sample_env
from .redact import redact
from .target import Target, case_env

READY_SECONDS = 15.0  # for a sample to say it is ready: a login and a subscription
STOP_GRACE = 5.0  # for a sample to end after Ctrl-C


@dataclass
class Outcome:
    run: Run
    recorded: list[dict[str, Any]] | None  # the requests the mock received; None live (nothing records them)
    settings: dict[str, str]  # the run's environment settings (secrets included: never show them)
    stdout: tuple[str, ...]  # the output patterns this target expects
    faults: list[dict[str, Any]] | None = None  # the faults in force and their hits ([]: none of its own); None live
    driven: list[Problem] = field(default_factory=list)  # what went wrong while driving it, step by step
    deliveries: list[dict[str, Any]] | None = None  # the webhook requests the mock made; None live

    @property
    def evidence(self) -> str:
        """What the run printed and sent, redacted, for a failure message."""
        requests = "" if self.recorded is None else "--- requests\n" + "\n".join(
            f"{r['method']} {r['path']} -> {r['status']}" + (f" ({r['fault']} fault)" if r.get("fault") else "")
            for r in self.recorded)
        return redact(f"--- stdout\n{self.run.stdout}--- stderr\n{self.run.stderr}{requests}", self.settings)


def run_case(target: Target, language: str, path: Path, case: Case, timeout: float) -> Outcome:
    """Run the case in a working folder of its own (what the sample saves lands there, and is checked).

    What happens `before` it sets the stage as a reader would have it: it runs with the stage's settings,
    before the case's faults are in force, and what it sends is not the sample's. The case's own `env`
    and faults meet the sample (and its companion, which runs beside it) alone."""
    stage = target.stage(case)
    settings = stage | case_env(case)
    driven: list[Problem] = []
    with (tempfile.TemporaryDirectory(prefix="sample-run-") as folder,
          extra_env(target.sample_env(case, language)),
          companion(language, path, case, settings, driven) as ready):
        workdir = Path(folder)
        for number, step in enumerate(case.before if ready else (), 1):
            driven += target.act(step, dict(stage))
            if step.get("run"):
                driven += _run_other(step["run"], language, path, stage, workdir, f"before it, step {number}")
        target.arm(case)
        # A reset leaves nothing recorded: only a set-up or a companion can have sent something yet.
        since = _requests_so_far(target) if case.before or case.companion else 0
        if not ready:
            run = Run(None, "", "", 0.0, language=language)  # never started: the companion's problem says why
        elif case.ready:
            run = drive(target, language, path, case, settings, driven, workdir, timeout)
        else:
            run = run_sample(language, path, sample_env(settings), timeout, workdir)
        driven += saved_files(case, workdir)
    target.finished(run)
    record = target.record()
    if record is None:
        return Outcome(run, None, settings, target.stdout(case), None, driven, None)
    # Only the case's own faults are judged (whether each fired): without any, there is nothing to ask.
    return Outcome(run, record.requests[since:], settings, target.stdout(case),
                   record.faults if case.faults else [], driven, record.deliveries)


def _requests_so_far(target: Target) -> int:
    record = target.record()
    return 0 if record is None else len(record.requests)


@contextlib.contextmanager
def companion(language: str, path: Path, case: Case, settings: dict[str, str],
              problems: list[Problem]) -> Iterator[bool]:
    """The case's companion, up and ready while the block runs (True), then stopped as Ctrl-C would;
    without one, just True. A companion that does not get ready is a problem, and the block gets False."""
    if case.companion is None:
        yield True
        return
    if case.companion.startswith("stand-in:"):
        with webhooks.stand_in(case.companion.removeprefix("stand-in:"), int(settings["WEBHOOK_PORT"])):
            yield True
        return
    other = sample_path(case.companion, language, path)
    ready = pattern(expectations.cases_for(case.companion, language)[0].ready, settings)
    where = f"its companion {other.name}"
    with SampleProcess(language, other, sample_env(settings)) as server:
        if server.expect_line(ready, READY_SECONDS) is None:
            ended = server.stop(signal.SIGINT, STOP_GRACE)
            problems.append(Problem("companion", None, f"never said it was ready: {_last_words(ended)}", where))
            yield False
            return
        yield True
        ended = server.stop(signal.SIGINT, STOP_GRACE)
        if ended.returncode != 0:
            problems.append(Problem("companion", None, f"ended with {ended.returncode}: {_last_words(ended)}", where))


def _last_words(run: Run) -> str:
    return redact(((run.stderr or run.stdout).strip().splitlines() or ["(nothing)"])[-1])


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
        if sample.expect_line(pattern(case.ready, values), READY_SECONDS) is None:
            if failing and not sample.running:
                return sample.wait(timeout)
            problems.append(Problem("not-ready", case.ready, READY_SECONDS))
            return sample.stop(getattr(signal, case.stop), STOP_GRACE)
        for number, step in enumerate(case.steps, 1):
            checked = step.get("requests") is not None  # only then are the step's requests read back
            before = _requests_so_far(target) if checked else 0
            problems += target.act(step, values)
            if step.get("run"):
                problems += _run_other(step["run"], language, path, settings, workdir, f"step {number}")
            if (problem := _expect(sample, step, values, f"step {number}")) is not None:
                if not (failing and not sample.running):
                    problems.append(problem)
                break
            if checked and (record := target.record()) is not None:
                problems += [Problem("step", p.expected, str(p), f"step {number}")
                             for p in match_requests(tuple(step["requests"]), record.requests[before:], values)]
        if failing:
            return sample.wait(timeout)
        run = sample.stop(getattr(signal, case.stop), STOP_GRACE)
    run.stopped_by = case.stop
    return run


def sample_path(name: str, language: str, beside: Path) -> Path:
    """The file of another sample: beside this one, or (for a copy of a sample run from elsewhere) the one
    the pages show, found only then, since that means reading every page."""
    here = beside.with_name(name + beside.suffix)
    if here.is_file():
        return here
    return next((s.path for s in catalogue.samples() if (s.name, s.language) == (name, language)), here)


def _run_other(name: str, language: str, path: Path, settings: dict[str, str], workdir: Path,
               where: str) -> list[Problem]:
    """Run another sample of the language to its end, as a reader would in a second terminal."""
    other = sample_path(name, language, path)
    run = run_sample(language, other, sample_env(settings), READY_SECONDS, workdir)
    if run.returncode == 0:
        return []
    return [Problem("step", None, f"{other.name} ended with {run.returncode}: {_last_words(run)}", where)]


def _expect(sample: SampleProcess, step: dict[str, Any], values: dict[str, str], where: str) -> Problem | None:
    """The first of the step's expected lines that did not come (or, for an `only` step, came otherwise)."""
    wait = step.get("timeout", 10)
    for wanted in step.get("expect", ()):
        regex = pattern(wanted, values)
        if step.get("only"):
            line = sample.next_line(wait)
            if line is None or not regex.search(line):
                return Problem("step-other-output", wanted, line, where)
        elif sample.expect_line(regex, wait) is None:
            return Problem("step-output", wanted, wait, where)
    return None
