"""A pytest plugin: every test report goes through `redact` before anything shows or stores it.

A failure message, an assertion's introspection or captured output may hold a request body with
the JWT in it; this strips secrets from all of them, whichever test failed.
"""

from __future__ import annotations

import pytest

from .redact import redact


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.longrepr is not None:
        report.longrepr = redact(str(report.longrepr))
    report.sections = [(title, redact(text)) for title, text in report.sections]
