"""What one sample costs through the harness, next to the floor of merely starting its SDK.

The floor is the interpreter importing the SDK and doing nothing else. A sample's cost is one harness
step as a test takes it for the sample's success case (reset the mock, run the file through
`runner.run_sample`, read back the recorded requests, judge the run: `runs.run_case` and
`verdict.problems`); its bare run is the same file started directly, without the harness around it,
which splits the cost into the sample's own and the harness's. Everything is interleaved, repetition
by repetition, so load from other processes on the machine falls on all alike; each figure is a median.
An untimed round comes first: a mock's first answers cost more (once per test session or worker).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sample_harness import catalogue, expectations, languages, runs, verdict
from sample_harness.mock_client import MockClient
from sample_harness.paths import ROOT
from sample_harness.process import sample_env
from sample_harness.target import MockTarget

from .stats import median, time_command

FLOORS = {
    "python": [sys.executable, "-c", "import ringcentral, dotenv"],
    "javascript": ["node", "-e", "require('@ringcentral/sdk')"],
}
# Not the floor, but where any sample's time goes next, run bare: constructing the SDK (the
# JavaScript SDK's constructor reads Node's global Headers, Request and Response, which loads undici
# and starts compiling its llhttp WebAssembly, though it sends with node-fetch), then logging in,
# the first request. No sample can cost less than the last of these.
BEYOND_FLOOR = {
    "sdk_constructed": {
        "python": [sys.executable, "-c", "import dotenv; from ringcentral import SDK; SDK('id', 'secret', 'http://x')"],
        "javascript": ["node", "-e", "const { SDK } = require('@ringcentral/sdk'); require('dotenv');"
                       " new SDK({ server: 'http://x' })"],
    },
    "logged_in": {
        "python": [sys.executable, "-c", "import os, dotenv; from ringcentral import SDK; e = os.environ;"
                   " SDK(e['RC_APP_CLIENT_ID'], e['RC_APP_CLIENT_SECRET'], e['RC_SERVER_URL'])"
                   ".platform().login(jwt=e['RC_USER_JWT'])"],
        "javascript": ["node", "-e", "const { SDK } = require('@ringcentral/sdk'); require('dotenv');"
                       " const e = process.env; new SDK({ server: e.RC_SERVER_URL, clientId: e.RC_APP_CLIENT_ID,"
                       " clientSecret: e.RC_APP_CLIENT_SECRET }).platform().login({ jwt: e.RC_USER_JWT })"
                       ".catch(() => { process.exitCode = 1; })"],
    },
}


@dataclass
class SampleCost:
    sample: str
    language: str
    steps: list[float] = field(default_factory=list)  # seconds per harness step
    bare: list[float] = field(default_factory=list)  # seconds per direct run
    mock_ms: list[float] = field(default_factory=list)  # the mock's own time for each request it answered


def measure(mock_url: str, repetitions: int) -> tuple[dict[str, dict[str, float]], list[SampleCost]]:
    """Median floor (and each step beyond it) per language, and each sample's success case, `repetitions` times."""
    client = MockClient(mock_url)
    target = MockTarget(client)
    baselines: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    commands = {"floor": FLOORS, **BEYOND_FLOOR}
    # A curl sample has no SDK to start: its cost is its curl and jq processes', against no floor.
    samples = [s for s in timed(catalogue.samples()) if s.language in FLOORS]
    costs = {sample.id: SampleCost(sample.name, sample.language) for sample in samples}
    try:
        for sample in samples:  # a first, untimed round: the mock's first answers build what later ones reuse
            _step(target, sample, SampleCost(sample.name, sample.language))
        for _ in range(repetitions):
            for name, by_language in commands.items():
                for language, command in by_language.items():
                    env = sample_env(client.reset())  # a fresh scenario: the Auth limit allows 5 logins a minute
                    baselines[name][language].append(time_command(command, cwd=ROOT, env=env))
            for sample in samples:
                _step(target, sample, costs[sample.id])
    finally:
        client.close()
    return ({name: {language: median(times) for language, times in by_language.items()}
             for name, by_language in baselines.items()}, list(costs.values()))


def ending(found: list[catalogue.Sample]) -> list[catalogue.Sample]:
    """The samples that end on their own and alone (no `ready` line, no companion in their main case),
    timed as programs. The others run until stopped, or beside a webhook server: their time is their
    events' and their companion's (and the Python SDK's own one-second wait before it sends a
    WebSocket subscription), not the harness's."""
    mains = {s.id: expectations.cases_for(s.name, s.language)[0] for s in found}
    return [s for s in found if mains[s.id].ready is None and mains[s.id].companion is None]


def timed(found: list[catalogue.Sample]) -> list[catalogue.Sample]:
    """Of the samples that end on their own, those whose main case is the sample's run alone. A case
    that runs other samples first to set its stage (`before`) would time them too, and one whose waits
    the harness turns into moves of the mock's clock (`sleeps_move_clock`) would be timed against a
    bare run that really waits."""
    mains = {s.id: expectations.cases_for(s.name, s.language)[0] for s in found}
    return [s for s in ending(found) if not mains[s.id].before and not mains[s.id].sleeps_move_clock]


def _step(target: MockTarget, sample: catalogue.Sample, cost: SampleCost) -> None:
    case = expectations.cases_for(sample.name, sample.language)[0]
    started = time.perf_counter()
    outcome = runs.run_case(target, sample.language, sample.path, case, timeout=60)
    problems = verdict.problems(case, outcome)
    cost.steps.append(time.perf_counter() - started)
    if problems:
        raise RuntimeError(f"{sample.id} fails its success case: {'; '.join(problems)}")
    cost.mock_ms += [r["ms"] for r in outcome.recorded]

    settings = target.settings(case)
    # In a folder of its own, as the harness runs it: what a sample saves (a sync token) stays out of code-samples/.
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
        cost.bare.append(time_command([*languages.BY_NAME[sample.language].command, str(sample.path)], check=False,
                                      cwd=folder, env=sample_env(settings)))
