"""What can be wrong with a sample's run, as data: a kind, what was expected, what happened.

A test's failure message renders each problem as one line, `str(problem)`; a tool can read the
fields instead (the verify report, a page's failure note).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Each kind's sentence; `where` names the request or fault a problem is about.
SENTENCES = {
    "could-not-start": "could not start: {actual} (the program never ran, so its answers were not checked)",
    "timed-out": "timed out: killed with its whole process group after {expected:.0f}s; its last output: {actual}",
    "leftovers": "{actual} process(es) of its group still ran after it ended; the harness killed them",
    "exit-code": "exit code {actual}, expected {expected}",
    "leak": "output leaks {actual}",
    "raw-exception": "output shows a raw exception or request headers; print one `Error: ...` line instead",
    "error-lines": "a failure must say what went wrong in exactly one line on stderr",
    "output-line": "no output line matches {expected!r} (after line {actual})",
    "fault-never-fired": "the {where} never fired: no request matched it",
    "request-missing": "{where} was never made",
    "request-other": "{where}: got {actual}",
    "request-body": "{where}: body {actual!r} does not match {expected!r}",
    "request-query": "{where}: query {actual!r} does not have {expected!r}",
    "extra-requests": "unexpected further requests: {actual}",
    "refused": "{where} was refused with {actual}",
    "carried-on": "carried on after {where} failed: {actual}",
    "not-ready": "never said it was ready: no output line matched {expected!r} within {actual:.0f}s",
    "step-output": "{where}: no output line matched {expected!r} within {actual:.0f}s of its event",
    "step": "{where}: {actual}",
    "step-other-output": "{where}: the next output line was {actual!r}, where a line matching {expected!r} was due",
    "no-stop": "did not end within {expected:.0f}s of {where}; killed with its whole process group; its last output: "
               "{actual}",
    "file-missing": "saved no file {expected!r} in its working folder (it holds: {actual})",
    "file-differs": "{where} is {actual} bytes, not byte for byte the {expected} it was sent",
    "forged-accepted": "{where} was answered {actual}, not {expected}: the server must refuse what the platform "
                       "did not send",
    "companion": "{where}: {actual}",
    "delivery": "{where} was answered {actual}: the platform counts that as a failed delivery",
    "shown-output": "{where} shows {expected!r}, but the sample printed {actual!r}",
}


@dataclass(frozen=True)
class Problem:
    kind: str  # a key of SENTENCES
    expected: Any = None
    actual: Any = None
    where: str = ""

    def __str__(self) -> str:
        return SENTENCES[self.kind].format(expected=self.expected, actual=self.actual, where=self.where)
