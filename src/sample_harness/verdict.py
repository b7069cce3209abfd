"""Judge a run of a sample against its case's expectations: every problem, as data and as one line.

Shared by every test that runs sample code (the files, the code copied from the built pages, the
language-parity pairs), so each holds it to the same rules; runs.py makes the runs.
"""

from __future__ import annotations

import re
from typing import Any

from . import languages, runs
from .expectations import Case, match_lines, match_requests
from .problems import Problem
from .process import Run
from .redact import leaks, redact
from .runs import Outcome

# Faults that let the request through (late, or with the clock moved): the request itself did not fail.
PASSING_FAULTS = (None, "slow", "advance-clock")
# Request headers on the way out, whatever the language: the SDKs' error texts carry them.
HEADERS = re.compile(r"\bAuthorization\b|\bBearer\b")


def problems(case: Case, outcome: Outcome) -> list[str]:
    """Everything wrong with the run, one line each (empty when it did what the case expects)."""
    return [str(problem) for problem in judge(case, outcome)]


def judge(case: Case, outcome: Outcome) -> list[Problem]:
    """Everything wrong with the run, as data."""
    run, recorded = outcome.run, outcome.recorded
    if run.startup_error:
        return [Problem("could-not-start", None, run.startup_error)]
    found = list(outcome.driven)
    if any(p.kind == "companion" for p in found) and not run.seconds:
        return found  # the sample never started: its companion did not get ready
    if run.timed_out:
        last = redact(((run.stdout + run.stderr).strip().splitlines()[-1:] or ["(nothing)"])[0], outcome.settings)
        if run.stopped_by:
            return [*found, Problem("no-stop", runs.STOP_GRACE, last, run.stopped_by)]
        return [Problem("timed-out", run.seconds, last)]
    if run.leftovers:
        found.append(Problem("leftovers", 0, run.leftovers))
    if run.returncode != case.exit:
        found.append(Problem("exit-code", case.exit, run.returncode))
    leaked = leaks(run.stdout + run.stderr, outcome.settings)
    if leaked:
        found.append(Problem("leak", None, ", ".join(leaked)))
    if raw := raw_exception(run):
        found.append(Problem("raw-exception", None, redact(raw, outcome.settings)))
    errors = len(run.stderr.strip().splitlines())
    if case.exit != 0 and errors != 1:
        found.append(Problem("error-lines", 1, errors))
    values = dict(outcome.settings)
    found += match_lines(outcome.stdout, run.stdout, values)
    if case.stderr:
        found += match_lines((case.stderr,), run.stderr, values)
    injected = (outcome.faults or [])[len(outcome.faults or []) - len(case.faults):]  # after the scenario's own
    found += [Problem("fault-never-fired", 1, 0, f"{f['kind']} fault on {f['method']} {f['path']}")
              for f in injected if f["hits"] == 0]
    if not case.deliveries_fail:
        found += [Problem("delivery", "2xx", d.get("status") or d.get("error"),
                          f"webhook notification {d.get('attempt')} to {d.get('address')}")
                  for d in outcome.deliveries or () if d.get("kind") == "notification"
                  and not 200 <= (d.get("status") or 0) < 300]
    if recorded is None:
        pass  # live: nothing recorded what the sample sent (LiveTarget.UNCHECKED)
    elif case.requests is not None:
        found += match_requests(case.requests, recorded, values)
    elif case.exit != 0:
        found += stopped_at_failure(recorded, run.language)
    elif not case.faults:  # a run that recovers from a fault has met a refusal on the way
        found += [Problem("refused", "accepted", r["status"], f"{r['method']} {r['path']}")
                  for r in recorded if r["status"] is None or r["status"] >= 400]
    return found


def raw_exception(run: Run) -> str | None:
    """The first sign of a raw exception (the run's language's traceback) or of request headers."""
    output = run.stdout + run.stderr
    match = next((m for pattern in (*(lang.traceback for lang in languages.judged_by(run.language)), HEADERS)
                  if (m := pattern.search(output))), None)
    return match[0] if match else None


def stopped_at_failure(recorded: list[dict[str, Any]], language: str | None = None) -> list[Problem]:
    """A failing sample stops at the request that failed (refused, unanswered, or met by a fault).

    Where the language's SDK repeats a request after a 401 (languages.Language.repeats_after_401),
    repeats of requests already made may follow; a new request means the sample carried on as if
    nothing had happened.
    """
    failed = next((i for i, r in enumerate(recorded) if r["status"] is None or r["status"] >= 400
                   or r.get("fault") not in PASSING_FAULTS), None)
    if failed is None:
        return []
    repeats = language is None or languages.BY_NAME[language].repeats_after_401
    made = {(r["method"], r["path"]) for r in recorded[:failed + 1]} if repeats else set()
    new = [f"{r['method']} {r['path']}" for r in recorded[failed + 1:] if (r["method"], r["path"]) not in made]
    return [Problem("carried-on", "no request after it", ", ".join(new),
                    f"{recorded[failed]['method']} {recorded[failed]['path']}")] if new else []
