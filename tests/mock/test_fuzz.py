"""Property-based fuzzing through the mock's own OpenAPI (schemathesis): valid and invalid requests
for every operation, a fixed number of examples each (max_examples) and a fixed seed, so a run is bounded and
repeatable. No 5xx and no crash; every 4xx in the platform's error shape; every success matches
the schema the mock publishes.
"""

from __future__ import annotations

import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from ringcentral_mock import MockState, create_app
from sample_harness.api import JWT_GRANT, TOKEN, basic

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in its test client
    from fastapi.testclient import TestClient

STATE = MockState()
STATE.limiter.limits = dict.fromkeys(STATE.limiter.limits, 10**9)  # the fuzzer must not just meet 429s
APP = create_app(STATE)
schema = schemathesis.openapi.from_asgi("/__mock/openapi.json", APP)


@pytest.fixture(scope="module")
def bearer() -> dict[str, str]:
    token = TestClient(APP).post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    return {"Authorization": f"bearer {token.json()['access_token']}"}


def assert_platform_error(response) -> None:
    assert response.headers["content-type"][0].startswith("application/json"), response.text
    body = response.json()
    assert body.get("errorCode") or body.get("error"), body
    assert body["errors"] and all(e["errorCode"] and e["message"] for e in body["errors"]), body


def call_and_check(case, bearer: dict[str, str]) -> None:
    headers = basic() if case.path.startswith("/restapi/oauth/") else bearer
    response = case.call(headers=dict(headers))  # a copy: the call adds its own headers to the dict
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
    if 400 <= response.status_code < 500:
        assert_platform_error(response)


@schema.parametrize()
@settings(max_examples=10, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_any_path_never_breaks_the_mock(case, bearer):
    call_and_check(case, bearer)


@schema.parametrize()
@settings(max_examples=40, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_any_request_to_the_callers_extension_never_breaks_the_mock(case, bearer):
    """The same, with the path naming the caller's own account and extension, so bodies and queries
    reach validation and the platform's rules instead of stopping at CMN-102."""
    if case.path_parameters:
        case.path_parameters.update({k: "~" for k in ("accountId", "extensionId") if k in case.path_parameters})
    call_and_check(case, bearer)

