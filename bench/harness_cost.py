"""What one sample costs through the harness, next to the floor of merely starting its SDK.

The floor is the interpreter importing the SDK and doing nothing else. A sample's cost is one harness
step as a test takes it for the sample's success case (reset the mock, run the file through
`runner.run_sample`, read back the recorded requests, judge the run: `verdict.run_case` and
`verdict.problems`); its bare run is the same file started directly, without the harness around it,
which splits the cost into the sample's own and the harness's. Everything is interleaved, repetition
by repetition, so load from other processes on the machine falls on all alike; each figure is a median.
An untimed round comes first: a mock's first answers cost more (once per test session or worker).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from harness import catalogue, expectations, verdict
from harness.mock_client import MockClient
from harness.paths import ROOT
from harness.runner import INTERPRETERS, sample_env
from harness.target import MockTarget

from .stats import median, time_command

FLOORS = {
    "python": [sys.executable, "-c", "import ringcentral, dotenv"],
    "javascript": ["node", "-e", "require('@ringcentral/sdk')"],
}
# Not the floor, but where a sample's time goes next: constructing the SDK (the JavaScript SDK's
# constructor reaches for Node's built-in fetch, loading undici, though it sends with node-fetch).
CONSTRUCTED = {
    "python": [sys.executable, "-c", "import dotenv; from ringcentral import SDK; SDK('id', 'secret', 'http://x')"],
    "javascript": ["node", "-e", "const { SDK } = require('@ringcentral/sdk'); new SDK({ server: 'http://x' })"],
}


@dataclass
class SampleCost:
    sample: str
    language: str
    steps: list[float] = field(default_factory=list)  # seconds per harness step
    bare: list[float] = field(default_factory=list)  # seconds per direct run
    mock_ms: list[float] = field(default_factory=list)  # the mock's own time for each request it answered


def measure(mock_url: str, repetitions: int) -> tuple[dict[str, float], dict[str, float], list[SampleCost]]:
    """Median floor and constructed SDK per language, and each sample's success case, `repetitions` times."""
    client = MockClient(mock_url)
    target = MockTarget(client)
    floors: dict[str, list[float]] = defaultdict(list)
    constructed: dict[str, list[float]] = defaultdict(list)
    samples = catalogue.samples()
    costs = {sample.id: SampleCost(sample.name, sample.language) for sample in samples}
    try:
        for sample in samples:  # a first, untimed round: the mock's first answers build what later ones reuse
            _step(target, sample, SampleCost(sample.name, sample.language))
        for _ in range(repetitions):
            for language in FLOORS:
                floors[language].append(time_command(FLOORS[language], cwd=ROOT, env=sample_env({})))
                constructed[language].append(time_command(CONSTRUCTED[language], cwd=ROOT, env=sample_env({})))
            for sample in samples:
                _step(target, sample, costs[sample.id])
    finally:
        client.close()
    return ({language: median(times) for language, times in floors.items()},
            {language: median(times) for language, times in constructed.items()}, list(costs.values()))


def _step(target: MockTarget, sample: catalogue.Sample, cost: SampleCost) -> None:
    case = expectations.cases_for(sample.name, sample.language)[0]
    started = time.perf_counter()
    outcome = verdict.run_case(target, sample.language, sample.path, case, timeout=60)
    problems = verdict.problems(case, outcome)
    cost.steps.append(time.perf_counter() - started)
    if problems:
        raise RuntimeError(f"{sample.id} fails its success case: {'; '.join(problems)}")
    cost.mock_ms += [r["ms"] for r in outcome.recorded]

    settings = target.settings(case)
    cost.bare.append(time_command([*INTERPRETERS[sample.language], str(sample.path)], check=False,
                                  cwd=sample.path.parent, env=sample_env(settings)))
