"""The mock's own tests drive it in-process through a test client, one behaviour per test."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from sample_harness.api import JWT_GRANT, TOKEN, basic

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in its test client
    from fastapi.testclient import TestClient

from ringcentral_mock import MockState, create_app
from ringcentral_mock.server import MockServer


@pytest.fixture
def state() -> MockState:
    return MockState()


@pytest.fixture
def client(state: MockState) -> TestClient:
    return TestClient(create_app(state))


@pytest.fixture
def login(client: TestClient):
    """Log in with a scenario JWT; returns the bearer headers."""
    def _login(jwt: str = "mock-jwt-alice") -> dict[str, str]:
        token = client.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": jwt})
        return {"Authorization": f"bearer {token.json()['access_token']}"}
    return _login


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A served mock (uvicorn, lifespan on) for the tests that need real connections, one per module."""
    with MockServer() as running:
        yield running

