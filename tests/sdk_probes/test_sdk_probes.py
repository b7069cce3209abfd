"""Where the two SDKs behave differently, drive both against the mock and check what each sees.

The probes beside this file are tiny programs (not samples) that use the official SDKs and the
mock's admin API, and print one JSON line about how the SDK ended.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringcentral_mock import MockState
from sample_harness.process import run_sample, sample_env

PROBES = Path(__file__).parent
PHONE_NUMBERS = "/restapi/v1.0/account/~/extension/~/phone-number"


def probe(mock, name: str, language: str, timeout: float,
          scenario: str = "default") -> tuple[dict, list[tuple[str, str, int]]]:
    """Run the probe against a freshly reset mock: (its JSON line, the requests the mock recorded)."""
    settings = mock.reset(scenario)
    path = PROBES / f"{name}.{'py' if language == 'python' else 'js'}"
    run = run_sample(language, path, sample_env(settings), timeout)
    assert run.returncode == 0, f"{path.name} failed:\n{run.stderr}"
    recorded = [(r["method"], r["path"], r["status"]) for r in mock.requests()]
    return json.loads(run.stdout.strip().splitlines()[-1]), recorded


@pytest.fixture
def timeout(request) -> float:
    return request.config.getoption("sample_timeout")


def test_expired_access_token_js_sdk_refreshes_and_retries_once(mock, timeout):
    outcome, recorded = probe(mock, "expired_token", "javascript", timeout)
    assert outcome == {"status": 200, "records": len(MockState().extension("alice").numbers)}
    assert recorded == [("POST", "/restapi/oauth/token", 200), ("GET", PHONE_NUMBERS, 401),
                        ("POST", "/restapi/oauth/token", 200), ("GET", PHONE_NUMBERS, 200)]
    assert mock.requests()[2]["body"]["grant_type"] == "refresh_token"


def test_expired_access_token_python_sdk_sees_oau_128(mock, timeout):
    outcome, recorded = probe(mock, "expired_token", "python", timeout)
    assert outcome == {"status": 401, "errorCode": "OAU-128"}
    assert recorded == [("POST", "/restapi/oauth/token", 200), ("GET", PHONE_NUMBERS, 401)]


@pytest.mark.parametrize("language", ["python", "javascript"])
def test_rate_limit_both_sdks_see_429_cmn_301_and_retry_after(mock, timeout, language):
    outcome, recorded = probe(mock, "rate_limited", language, timeout, scenario="rate-limited")
    assert outcome == {"status": 429, "errorCode": "CMN-301", "retryAfter": "60"}
    assert [status for method, _, status in recorded if method == "GET"] == [200, 200, 200, 429]
