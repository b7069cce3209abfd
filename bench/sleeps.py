"""Does any sample sleep against the mock? Runs each case once with a probe that adds up sleeps.

The probe (bench/sleep_probe/) counts Python's `time.sleep` and the JavaScript timers that fire. In
a mock scenario nothing should wait: the mock's clock moves a message's status on, so a sample that
polls finds it final on the first read. The cases that inject a fault are left out: some of them
(a hung or dropped connection) make the sample wait for its network timeout on purpose. The timed
runs never carry the probe.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from harness import catalogue, expectations
from harness.mock_client import MockClient
from harness.runner import run_sample, sample_env
from harness.target import MockTarget

PROBE = Path(__file__).parent / "sleep_probe"
PROBE_ENV = {"python": {"PYTHONPATH": str(PROBE)}, "javascript": {"NODE_OPTIONS": f"--require={PROBE / 'sleep.js'}"}}


def slept_ms(mock_url: str) -> dict[str, float]:
    """Milliseconds each sample case slept, keyed like the tests: `send-sms[python-bad-jwt]`."""
    client = MockClient(mock_url)
    target = MockTarget(client)
    slept = {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for sample in catalogue.samples():
                for case in expectations.cases_for(sample.name, sample.language):
                    if case.faults:
                        continue
                    log = Path(scratch) / f"{sample.language}-{sample.name}-{case.name}.log"
                    settings = target.settings(case)
                    env = sample_env(settings | PROBE_ENV[sample.language] | {"BENCH_SLEEP_LOG": str(log)})
                    run_sample(sample.language, sample.path, env, timeout=60)
                    if not log.exists():
                        raise RuntimeError(f"the sleep probe did not load into {sample.id}")
                    slept[f"{sample.name}[{case.test_id(sample.language)}]"] = float(log.read_text().strip())
    finally:
        client.close()
    return slept
