"""Does any sample sleep against the mock? Runs every case once with a probe that adds up sleeps.

The probe (bench/sleep_probe/) counts Python's `time.sleep` and the JavaScript timers that fire,
the sample's own apart from its libraries'. In a mock scenario a sample should never wait of its own
accord: the mock's clock moves a message's status on, so a sample that polls finds it final on the
first read. The one wait a sample may make is the Retry-After a fault or scenario asks for (the
retrying sample's lesson), so each case also says how much waiting it asks for. A case that says
`sleeps_move_clock` waits by design (bounded polling while a message or batch moves on), and is not
probed. The timed runs never carry the probe.
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from ringcentral_mock import scenarios
from sample_harness import catalogue, expectations
from sample_harness.mock_client import MockClient
from sample_harness.process import run_sample, sample_env
from sample_harness.target import MockTarget

from .harness_cost import ending

PROBE = Path(__file__).parent / "sleep_probe"
PROBE_ENV = {"python": {"PYTHONPATH": str(PROBE)}, "javascript": {"NODE_OPTIONS": f"--require={PROBE / 'sleep.js'}"}}


def slept_ms(mock_url: str) -> dict[str, dict[str, float]]:
    """Per case (keyed like the tests: `send-sms[python-bad-jwt]`): the sample's and the libraries'
    milliseconds asleep, and the milliseconds of Retry-After the case's faults ask for."""
    client = MockClient(mock_url)
    target = MockTarget(client)
    slept = {}
    server_log = logging.getLogger("uvicorn.error")
    level = server_log.level
    server_log.setLevel(logging.CRITICAL)  # the drop faults make the server log each connection they cut
    try:
        with tempfile.TemporaryDirectory() as scratch:
            # A curl sample sleeps with the `sleep` command, which no probe can count from inside.
            for sample in (s for s in ending(catalogue.samples()) if s.language in PROBE_ENV):
                for case in expectations.cases_for(sample.name, sample.language):
                    if case.sleeps_move_clock:  # it polls by design, and the harness moves the clock for it
                        continue
                    log = Path(scratch) / "sleep.json"
                    log.unlink(missing_ok=True)
                    env = sample_env(target.settings(case) | PROBE_ENV[sample.language] | {"BENCH_SLEEP_LOG": str(log)})
                    run_sample(sample.language, sample.path, env, timeout=60, cwd=Path(scratch))  # not code-samples/
                    if not log.exists():
                        raise RuntimeError(f"the sleep probe did not load into {sample.id}")
                    asked = [*case.faults, *scenarios.load(case.scenario).get("faults", [])]
                    slept[f"{sample.name}[{case.test_id(sample.language)}]"] = {
                        **json.loads(log.read_text("utf-8")), "asked": 1000.0 * retry_after(asked)}
    finally:
        server_log.setLevel(level)
        client.close()
    return slept


def retry_after(faults: list[dict[str, Any]]) -> float:
    """Seconds of Retry-After the faults send, in all."""
    return sum(fault.get("retry_after", 0) for fault in faults)
