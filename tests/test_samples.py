"""Every sample every page includes, in each language, against a target: success and failure twins.

Each test runs the sample file as a reader would and checks its exit code, its output lines and
the requests it made. The target is the embedded mock, or with --live the platform itself (see
harness/target.py for what a live run skips). A failure names the sample, the language and the
pages showing it.
"""

from __future__ import annotations

import pytest

from harness import catalogue, expectations
from harness.paths import ROOT
from harness.redact import leaks, redact
from harness.runner import run_sample, sample_env

CASES = [(sample, case) for sample in catalogue.samples() for case in expectations.cases_for(sample.name)]


@pytest.mark.parametrize(("sample", "case"), CASES,
                         ids=[f"{s.name}[{c.test_id(s.language)}]" for s, c in CASES])
def test_sample(sample, case, target, request):
    more = f" (+{len(sample.pages) - 1})" if len(sample.pages) > 1 else ""
    request.node.user_properties.append(("sample", {
        "page": sample.pages[0] + more, "sample": sample.name, "language": sample.language, "case": case.name}))
    where = f"{sample.id}{' case ' + case.name if case.name else ''} (shown on {', '.join(sample.pages)})"
    try:
        sample.shown_code()
    except catalogue.SectionMissingError as missing:
        pytest.fail(f"{where}: {sample.path.relative_to(ROOT)}: {missing}; the page includes "
                    f"'{sample.section}': restore the markers or update the include", pytrace=False)
    if reason := target.skip_reason(case):
        pytest.skip(reason)
    settings = target.settings(case)
    run = run_sample(sample.language, sample.path, sample_env(settings), request.config.getoption("sample_timeout"))
    target.finished(run)
    recorded = target.recorded()

    evidence = redact(f"--- stdout\n{run.stdout}--- stderr\n{run.stderr}" + (
        "" if recorded is None else
        "--- requests\n" + "\n".join(f"{r['method']} {r['path']} -> {r['status']}" for r in recorded)), settings)
    assert not run.timed_out, f"{where}: killed after {run.seconds:.0f}s\n{evidence}"

    problems = []
    if run.returncode != case.exit:
        problems.append(f"exit code {run.returncode}, expected {case.exit}")
    leaked = leaks(run.stdout + run.stderr, settings)
    if leaked:
        problems.append(f"output leaks {', '.join(leaked)}")
    if case.exit != 0 and len(run.stderr.strip().splitlines()) != 1:
        problems.append("a failure must say what went wrong in exactly one line on stderr")
    values = dict(settings)
    problems += expectations.match_lines(target.stdout(case), run.stdout, values)
    if case.stderr:
        problems += expectations.match_lines((case.stderr,), run.stderr, values)
    if recorded is None:
        pass  # live: nothing recorded what the sample sent (LiveTarget.UNCHECKED)
    elif case.requests is None:
        problems += [f"{r['method']} {r['path']} was refused with {r['status']}"
                     for r in recorded if case.exit == 0 and r["status"] >= 400]
    else:
        problems += expectations.match_requests(case.requests, recorded, values)
    assert not problems, f"{where}:\n  " + "\n  ".join(problems) + f"\n{evidence}"
