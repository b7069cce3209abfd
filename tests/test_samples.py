"""Every sample every page includes, in each language, against a target: success, failure twins, faults.

Each test runs the sample file as a reader would and checks its exit code, its output lines and
the requests it made. The target is the embedded mock, or with --live the platform itself (see
harness/target.py for what a live run skips). A failure names the sample, the language and the
pages showing it.
"""

from __future__ import annotations

import contextlib

import pytest

from sample_harness import catalogue, exchange, expectations, runs, shown_output, verdict
from sample_harness.paths import ROOT

CASES = [(sample, case) for sample in catalogue.samples()
         for case in expectations.cases_for(sample.name, sample.language)]


@pytest.mark.parametrize(("sample", "case"), CASES,
                         ids=[f"{s.name}[{c.test_id(s.language)}]" for s, c in CASES])
def test_sample(sample, case, target, sample_coverage, verdict_record, request):
    more = f" (+{len(sample.pages) - 1})" if len(sample.pages) > 1 else ""
    request.node.user_properties.append(("sample", {
        "page": sample.pages[0] + more, "sample": sample.name, "language": sample.language, "case": case.name,
        "file": sample.file}))
    where = f"{sample.id}{' case ' + case.name if case.name else ''} (shown on {', '.join(sample.pages)})"
    try:
        sample.shown_code()
    except catalogue.SectionMissingError as missing:
        pytest.fail(f"{where}: {sample.path.relative_to(ROOT)}: {missing}; the page includes "
                    f"'{sample.section}': restore the markers or update the include", pytrace=False)
    if reason := target.skip_reason(case):
        pytest.skip(reason)
    if verdict_record is not None and (passed := verdict_record.hit(sample, case)):
        request.node.user_properties.append(("cached", {"date": passed["date"], "versions": passed["versions"]}))
        if "exchange" in passed:
            request.node.user_properties.append(("exchange", passed["exchange"]))
        pytest.skip(f"cached: passed on {passed['date']}, and nothing it depends on has changed since")
    with sample_coverage.measuring(sample, case.name) if sample_coverage else contextlib.nullcontext():
        outcome = runs.run_case(target, sample.language, sample.path, case, request.config.getoption("sample_timeout"))
    problems = verdict.problems(case, outcome)
    if not case.name and not target.live:  # the page's "it prints" block shows the main case on the mock
        problems += [str(p) for p in shown_output.problems(sample, outcome.run.stdout)]
        # what the page's "What this sends" panel shows, kept in the verify report
        request.node.user_properties.append(("exchange", exchange.of(outcome.recorded, outcome.settings)))
    if problems:
        # The verdict, not this function's source: where the code is, on disk and on the pages, then why.
        named = f"{sample.id}{' case ' + case.name if case.name else ''}"
        request.node.user_properties.append(("error", problems[0]))  # for the note under the sample
        pytest.fail(f"{named} fails: {sample.location()}:\n  " + "\n  ".join(problems) + f"\n{outcome.evidence}",
                    pytrace=False)
