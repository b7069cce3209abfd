"""The mock's request latency under the samples' load, timed by the mock and from the client side.

The mock times every request it answers (the recorder's `ms`); `harness_cost` collects those from
the samples' own runs. From the client side, each language runs the samples' four-request flow (log
in, list numbers, send, read back) through its SDK in its own process, as a sample does: the Python
SDK opens a connection per request, the JavaScript SDK keeps one alive (where a response written in
two pieces would meet Nagle's algorithm and delayed ACKs, ~40 ms each). Client-side figures include
the loopback and the SDK's own work, so they bound the mock's time from above.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from sample_harness.mock_client import MockClient
from sample_harness.process import sample_env

from .stats import percentile

HERE = Path(__file__).parent
FLOWS = {
    "python": [sys.executable, str(HERE / "sdk_flow.py")],
    "javascript": ["node", str(HERE / "sdk_flow.js")],
}


def summary(milliseconds: Sequence[float]) -> dict[str, float]:
    return {"requests": len(milliseconds), "p50_ms": round(percentile(milliseconds, 0.5), 2),
            "p99_ms": round(percentile(milliseconds, 0.99), 2)}


def client_side(mock_url: str, flows: int) -> dict[str, dict[str, float]]:
    """p50 and p99 per language over `flows` timed runs of the four requests, through the SDK."""
    client = MockClient(mock_url)
    try:
        settings = client.reset()
        figures = {}
        for language, command in FLOWS.items():
            done = subprocess.run([*command, str(flows)], env=sample_env(settings), capture_output=True,
                                  text=True, check=False, timeout=120)
            if done.returncode != 0:
                raise RuntimeError(f"{language} SDK flow failed: {done.stderr.strip()}")
            figures[language] = summary([milliseconds for _, milliseconds in json.loads(done.stdout)])
        return figures
    finally:
        client.close()
