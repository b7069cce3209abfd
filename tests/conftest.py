"""Fixtures: one mock per session (or xdist worker), reset before each test; the verify summary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import live_plugin, live_settings, site, verify_report
from harness.mock_client import MockClient
from harness.paths import REPORTS
from harness.redact import redact
from harness.report_redaction import pytest_runtest_makereport  # noqa: F401  (a hook: redacts every report)
from harness.target import LiveTarget, MockTarget
from ringcentral_mock.server import MockServer


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sample-timeout", type=float, default=30.0,
                     help="seconds a sample may run before its process group is killed")
    live = parser.getgroup("live", "live runs against the RingCentral platform (docs/maintainers/live-runs.md)")
    live.addoption("--live", action="store_true",
                   help="run the samples against RC_SERVER_URL with the credentials in .env, sending real messages")
    live.addoption("--live-max-messages", type=int, default=4,
                   help="refuse to start a live run whose selected tests would send more messages (default 4)")
    live.addoption("--live-env-file", default=str(live_settings.ENV_FILE),
                   help="the .env file a live run reads (the environment wins); default: the repository's .env")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("live"):
        config.pluginmanager.register(live_plugin.LivePlugin(config), live_plugin.NAME)


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session (per xdist worker) into a directory of its own."""
    site_dir = tmp_path_factory.mktemp("site")
    build = site.build(site_dir)
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr}", pytrace=False)
    return site_dir


@pytest.fixture(scope="session")
def mock_client(mock_server: MockServer) -> Iterator[MockClient]:
    # One HTTP client per session: building one loads a CA bundle, ~16 ms that each test would repeat.
    client = MockClient(mock_server.url)
    yield client
    client.close()


@pytest.fixture
def mock(mock_client: MockClient) -> MockClient:
    mock_client.reset()
    return mock_client


@pytest.fixture
def mock_target(request: pytest.FixtureRequest) -> MockTarget:
    """The embedded mock as a target, for the checks bound to it: they skip with --live, and since
    they do not take `target`, a live run's message count (live_plugin) leaves them out."""
    if request.config.getoption("live"):
        pytest.skip("mock-bound: needs the embedded mock (its scenarios, its recorded requests); --live checks "
                    "tests/test_samples.py against the platform")
    return MockTarget(request.getfixturevalue("mock"))


@pytest.fixture
def target(request: pytest.FixtureRequest) -> MockTarget | LiveTarget:
    """Where the samples run: the embedded mock on loopback, unless --live."""
    live = request.config.pluginmanager.get_plugin(live_plugin.NAME)
    return live.target if live else MockTarget(request.getfixturevalue("mock"))


# -- The summary `make verify` prints: page, sample, language, result, time ------------------------

_rows: list[dict[str, object]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    props = dict(report.user_properties)
    if "sample" not in props or (report.when != "call" and not report.skipped and report.passed):
        return
    if report.when == "call" or report.failed or report.skipped:
        _rows.append({**props["sample"], "result": report.outcome, "seconds": round(report.duration, 3)})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _rows:
        return
    rows = sorted(_rows, key=lambda r: (r["page"], r["sample"], r["language"], r["case"]))
    terminalreporter.section("samples verified")
    header = f"{'page':34} {'sample':34} {'language':11} {'result':8} {'time':>7}"
    terminalreporter.write_line(header)
    for r in rows:
        sample = f"{r['sample']}{'/' + str(r['case']) if r['case'] else ''}"
        terminalreporter.write_line(redact(
            f"{r['page']:34} {sample:34} {r['language']:11} {r['result']:8} {r['seconds']:6.2f}s"))
    # A live run's results are other facts than the mock's: they never overwrite them.
    report = "verify-live.json" if terminalreporter.config.getoption("live") else "verify.json"
    verify_report.write(REPORTS / report, rows)
