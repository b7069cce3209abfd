"""The harness as a pytest plugin, loaded by the repository's pytest settings (`-p sample_harness.plugin`).

It adds the options (`--sample-timeout`, `--live` and its settings), the fixtures the guide's
tests use (one mock per session or xdist worker, reset before each test; the target samples run
on; the built site), the redaction of every report, and the summary `make verify` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ringcentral_mock.server import MockServer

from . import (
    coverage_report,
    expectations,
    line_coverage,
    live_plugin,
    live_settings,
    report_redaction,
    site,
    verdict_cache,
)
from .case_schema import CaseFileError
from .mock_client import MockClient
from .paths import REPORTS
from .summary import VerifySummary
from .target import MockTarget, Target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sample-timeout", type=float, default=30.0,
                     help="seconds a sample may run before its process group is killed")
    parser.addoption("--verdict-cache", action="store_true",
                     help="skip the sample cases that passed before and on which nothing has changed since "
                          "(.cache/verify/; never under CI=true): make verify's writer's loop")
    parser.addoption("--sample-coverage", metavar="DIR", default=None,
                     help="measure which lines of each sample the cases of tests/test_samples.py run, in DIR; "
                          "fail on a shown line no case runs (reports/coverage.json)")
    live = parser.getgroup("live", "live runs against the RingCentral platform (docs/maintainers/live-runs.md)")
    live.addoption("--live", action="store_true",
                   help="run the samples against RC_SERVER_URL with the credentials in .env, sending real messages")
    live.addoption("--live-max-messages", type=int, default=4,
                   help="refuse to start a live run whose selected tests would send more messages (default 4)")
    live.addoption("--live-env-file", default=str(live_settings.ENV_FILE),
                   help="the .env file a live run reads (the environment wins); default: the repository's .env")


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.is_registered(report_redaction):  # `-p sample_harness.report_redaction` did
        config.pluginmanager.register(report_redaction, "sample_harness.redaction")
    cache = (verdict_cache.VerdictCache() if verdict_cache.wanted(config.getoption("verdict_cache"))
             and not config.getoption("live") else None)
    config.pluginmanager.register(VerifySummary(live=config.getoption("live"), cache=cache), "sample_harness.summary")
    if config.getoption("live"):
        config.pluginmanager.register(live_plugin.LivePlugin(config), live_plugin.NAME)
    elif config.getoption("sample_coverage"):  # never live: bash's trace holds the commands as run
        config.pluginmanager.register(CoveragePlugin(Path(config.getoption("sample_coverage")),
                                                     controller=not hasattr(config, "workerinput")),
                                      CoveragePlugin.NAME)


def pytest_sessionstart(session: pytest.Session) -> None:
    """A case file that breaks its schema stops the run before collection, naming the file, entry and key."""
    for path in (expectations.EXPECTATIONS, expectations.FAULT_MATRIX):
        try:
            if path.is_file():
                expectations.load(path)
        except CaseFileError as invalid:
            raise pytest.UsageError(str(invalid)) from None


class CoveragePlugin:
    """Measures the sample runs of the session; the controller (or the only process) judges at the end."""

    NAME = "sample_harness.coverage"

    def __init__(self, folder: Path, controller: bool) -> None:
        self.measurement = line_coverage.Measurement(folder.resolve())
        self.controller = controller
        self.judged: list[coverage_report.SampleCoverage] = []
        if controller:
            self.measurement.clear()

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.controller:
            return
        self.judged = coverage_report.judge(self.measurement)
        if self.judged:
            coverage_report.write(REPORTS / "coverage.json", self.judged)
        if any(item.problems for item in self.judged) and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.judged:
            terminalreporter.section("sample coverage: the shown lines no case runs")
            for line in coverage_report.summary_lines(self.judged):
                terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def verdict_record(request: pytest.FixtureRequest) -> verdict_cache.VerdictCache | None:
    """The record of the cases that passed, with --verdict-cache (and not CI=true); None otherwise."""
    return request.config.pluginmanager.get_plugin("sample_harness.summary").cache


@pytest.fixture(scope="session")
def sample_coverage(request: pytest.FixtureRequest) -> line_coverage.Measurement | None:
    """Where the sample runs leave what they measured, with --sample-coverage; None otherwise."""
    plugin = request.config.pluginmanager.get_plugin(CoveragePlugin.NAME)
    return plugin.measurement if plugin else None


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
def target(request: pytest.FixtureRequest) -> Target:
    """Where the samples run: the embedded mock on loopback, unless --live."""
    live = request.config.pluginmanager.get_plugin(live_plugin.NAME)
    return live.target if live else MockTarget(request.getfixturevalue("mock"))
