"""Run one case of a sample on a target: its settings, the run, and what the target recorded of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .expectations import Case
from .process import Run, run_sample, sample_env
from .redact import redact
from .target import Target


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
