"""Run one case of a sample on a target, and judge the run against the case's expectations.

Shared by every test that runs sample code (the files, the code copied from the built pages, the
language-parity pairs), so each holds it to the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .expectations import Case, match_lines, match_requests
from .redact import leaks, redact
from .runner import Run, run_sample, sample_env
from .target import Target

# What a raw exception looks like on the way out: the SDKs' texts carry request headers.
RAW_EXCEPTION = re.compile(r"Traceback \(most recent call last\)|ApiException|^\s+at .+:\d+:\d+\)?$"
                           r"|\bAuthorization\b|\bBearer\b", re.MULTILINE)


@dataclass
class Outcome:
    run: Run
    recorded: list[dict[str, Any]] | None  # the requests the mock received; None live (nothing records them)
    settings: dict[str, str]  # the run's environment settings (secrets included: never show them)
    stdout: tuple[str, ...]  # the output patterns this target expects
    faults: list[dict[str, Any]] | None = None  # the faults injected, with how often each fired; None live

    @property
    def evidence(self) -> str:
        """What the run printed and sent, redacted, for a failure message."""
        requests = "" if self.recorded is None else "--- requests\n" + "\n".join(
            f"{r['method']} {r['path']} -> {r['status']}" + (f" ({r['fault']} fault)" if r.get("fault") else "")
            for r in self.recorded)
        return redact(f"--- stdout\n{self.run.stdout}--- stderr\n{self.run.stderr}{requests}", self.settings)


def run_case(target: Target, language: str, path: Path, case: Case, timeout: float) -> Outcome:
    settings = target.settings(case)
    run = run_sample(language, path, sample_env(settings), timeout)
    target.finished(run)
    return Outcome(run, target.recorded(), settings, target.stdout(case), target.faults())


def problems(case: Case, outcome: Outcome) -> list[str]:
    """Everything wrong with the run, one line each (empty when it did what the case expects)."""
    run, recorded = outcome.run, outcome.recorded
    if run.startup_error:
        return [f"could not start: {run.startup_error} (the program never ran, so its answers were not checked)"]
    if run.timed_out:
        last = (run.stdout + run.stderr).strip().splitlines()[-1:] or ["(nothing)"]
        return [f"timed out: killed with its whole process group after {run.seconds:.0f}s; "
                f"its last output: {redact(last[0], outcome.settings)}"]
    found = []
    if run.leftovers:
        found.append(f"{run.leftovers} process(es) of its group still ran after it ended; the harness killed them")
    if run.returncode != case.exit:
        found.append(f"exit code {run.returncode}, expected {case.exit}")
    leaked = leaks(run.stdout + run.stderr, outcome.settings)
    if leaked:
        found.append(f"output leaks {', '.join(leaked)}")
    if RAW_EXCEPTION.search(run.stdout + run.stderr):
        found.append("output shows a raw exception or request headers; print one `Error: ...` line instead")
    if case.exit != 0 and len(run.stderr.strip().splitlines()) != 1:
        found.append("a failure must say what went wrong in exactly one line on stderr")
    values = dict(outcome.settings)
    found += match_lines(outcome.stdout, run.stdout, values)
    if case.stderr:
        found += match_lines((case.stderr,), run.stderr, values)
    injected = (outcome.faults or [])[len(outcome.faults or []) - len(case.faults):]  # after the scenario's own
    found += [f"the {f['kind']} fault on {f['method']} {f['path']} never fired: no request matched it"
              for f in injected if f["hits"] == 0]
    if recorded is None:
        pass  # live: nothing recorded what the sample sent (LiveTarget.UNCHECKED)
    elif case.requests is not None:
        found += match_requests(case.requests, recorded, values)
    elif case.exit != 0:
        found += stopped_at_failure(recorded)
    elif not case.faults:  # a run that recovers from a fault has met a refusal on the way
        found += [f"{r['method']} {r['path']} was refused with {r['status']}" for r in recorded if r["status"] >= 400]
    return found


def stopped_at_failure(recorded: list[dict[str, Any]]) -> list[str]:
    """A failing sample stops at the request that failed (refused, unanswered, or met by a fault).

    Repeats of requests already made may follow (the JavaScript SDK retries once after a 401); a new
    request means the sample carried on as if nothing had happened.
    """
    failed = next((i for i, r in enumerate(recorded) if r["status"] is None or r["status"] >= 400 or r.get("fault")),
                  None)
    if failed is None:
        return []
    made = {(r["method"], r["path"]) for r in recorded[:failed + 1]}
    new = [f"{r['method']} {r['path']}" for r in recorded[failed + 1:] if (r["method"], r["path"]) not in made]
    return [f"carried on after {recorded[failed]['method']} {recorded[failed]['path']} failed: {', '.join(new)}"
            ] if new else []
