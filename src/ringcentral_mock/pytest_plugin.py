"""A pytest plugin for testing an app that talks to RingCentral against the mock: the `pytest11` entry
point `ringcentral_mock`, active in every pytest run where the package is installed.

The fixture `ringcentral_mock` gives each test the mock freshly reset: a `MockClient` with `.url`,
`.env` (the settings a client needs: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET,
RC_USER_JWT, SMS_RECIPIENT), `.requests()`, `.advance(seconds)`, `.fault(...)` and `.inbound(...)`.
One server serves the whole session (each xdist worker has its own), on 127.0.0.1 and a free port,
started the first time a test asks for the fixture: a run that never does starts nothing, and this
module imports neither FastAPI nor uvicorn.

The scenario: the closest `@pytest.mark.ringcentral_scenario(...)`, else the `ringcentral_scenario`
fixture (override it in a conftest.py, a module or a class). Either names a built-in scenario, or a
TOML file of your own: a `pathlib.Path`, or a string ending in `.toml`, relative to the test file's
folder. A scenario the mock refuses fails the test with its one line, without a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .client import MockClient

MARKER = "ringcentral_scenario"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}(scenario): the scenario the ringcentral_mock fixture resets to: "
                                       "a built-in one's name, or a TOML file's path (relative to the test file)")


@pytest.fixture(scope="session")
def _ringcentral_mock_session() -> Iterator[MockClient]:
    # Imported here, not above: the mock (FastAPI, uvicorn) loads only in a run that uses it.
    from .client import MockClient
    from .server import MockServer

    with MockServer() as server:
        client = MockClient(server.url)
        yield client
        client.close()


@pytest.fixture
def ringcentral_scenario() -> str | os.PathLike[str]:
    """The scenario `ringcentral_mock` resets to where no marker names one; override it to choose another."""
    return "default"


@pytest.fixture
def ringcentral_mock(request: pytest.FixtureRequest, _ringcentral_mock_session: MockClient,
                     ringcentral_scenario: str | os.PathLike[str]) -> MockClient:
    """The mock, reset to the test's scenario: nothing recorded, no faults but the scenario's, its clock at now."""
    from .scenarios import ScenarioError

    marker = request.node.get_closest_marker(MARKER)
    if marker is not None and (len(marker.args) != 1 or marker.kwargs):
        pytest.fail(f"@pytest.mark.{MARKER} takes one scenario: a built-in one's name or a TOML file's path",
                    pytrace=False)
    scenario, origin = _located(marker.args[0] if marker else ringcentral_scenario, request)
    try:
        _ringcentral_mock_session.reset(scenario, origin)
    except ScenarioError as refused:
        problem = str(refused)
    else:
        return _ringcentral_mock_session
    pytest.fail(problem, pytrace=False)  # outside the except: the report shows the line once, unchained


def _located(scenario: str | os.PathLike[str], request: pytest.FixtureRequest) -> tuple[str | Path, str | None]:
    """A built-in scenario's name as it is; a file's path from the test file's folder, and how errors name it
    (from the rootdir where it lies inside it)."""
    if not isinstance(scenario, os.PathLike) and not str(scenario).endswith(".toml"):
        return str(scenario), None
    path = Path(request.path).parent / scenario
    root = request.config.rootpath
    return path, str(path.relative_to(root) if path.is_relative_to(root) else path)
