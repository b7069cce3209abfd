"""Language parity: in each case, a sample's Python and JavaScript versions make the same API calls
(method, path, query; JSON bodies compared whole) and print the same lines.

Both languages run in one test, against the same freshly reset scenario, so the pair compares
like with like (message ids included) and the test stays whole under xdist. Headers and the
OAuth form fields each SDK adds are the SDKs' business, not the sample's, and are not compared.
Each run's own settings (a webhook's port and verification token are new for every run) read as
their names, and times are masked: the two runs cannot share a moment.
"""

from __future__ import annotations

import json

import pytest

from sample_harness import catalogue, expectations, runs, shown_output

BY_NAME = {(s.name, s.language): s for s in catalogue.samples()}
# A sample without its counterpart fails in test_catalogue.py instead.
PAIRS = sorted({name for name, _ in BY_NAME if (name, "python") in BY_NAME and (name, "javascript") in BY_NAME})
CASES = [(name, case) for name in PAIRS for case in expectations.cases_for(name)]


def as_named(outcome: runs.Outcome, value: object) -> object:
    """The value with the run's own settings written as ${NAME} and times masked."""
    text = json.dumps(value)
    for name, setting in sorted(outcome.settings.items(), key=lambda item: -len(item[1])):
        if len(setting) > 3:
            text = text.replace(setting, f"${{{name}}}")
    return json.loads(shown_output.TIME.sub("<time>", text))


def calls(outcome: runs.Outcome) -> list[tuple]:
    """The API calls as a reader of the sample would describe them. What the SDK alone decides is left
    out: the body of an OAuth call (the Python SDK posts `{}` for a WebSocket token, the JavaScript SDK
    nothing) and a WebSocket connection's query (its single-use token)."""
    return [tuple(as_named(outcome, [r["method"], r["path"], {} if r["method"] == "WS" else r["query"],
                                     r["body"] if "json" in (r["content_type"] or "")
                                     and not r["path"].startswith("/restapi/oauth/") else None]))
            for r in outcome.recorded]


def key_lines(outcome: runs.Outcome) -> list[str]:
    """Every line on stdout, and the `Error: ...` line on stderr."""
    return as_named(outcome, outcome.run.stdout.splitlines() + [line for line in outcome.run.stderr.splitlines()
                                                                if line.startswith("Error:")])


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[f"{n}[{c.name or 'main'}]" for n, c in CASES])
def test_python_and_javascript_do_the_same(name, expected, mock_target, request):
    timeout = request.config.getoption("sample_timeout")
    py, js = (BY_NAME[name, language] for language in ("python", "javascript"))
    outcomes = {s.language: runs.run_case(mock_target, s.language, s.path, expected, timeout) for s in (py, js)}
    where = f"{name}{' case ' + expected.name if expected.name else ''} (shown on {', '.join(py.pages)})"
    evidence = "\n".join(f"=== {language}\n{o.evidence}" for language, o in outcomes.items())
    problems = []
    py_calls, js_calls = (calls(outcomes[language]) for language in ("python", "javascript"))
    for i in range(max(len(py_calls), len(js_calls))):
        p, j = (c[i] if i < len(c) else None for c in (py_calls, js_calls))
        if p != j:
            problems.append(f"request {i + 1}: python {describe(p)}; javascript {describe(j)}")
    py_lines, js_lines = (key_lines(outcomes[language]) for language in ("python", "javascript"))
    if py_lines != js_lines:
        problems.append(f"they print different lines: python {py_lines}; javascript {js_lines}")
    assert not problems, (f"{where}: {py.file} and {js.file} differ:\n  " + "\n  ".join(problems)
                          + f"\n{evidence}")


def describe(call: tuple | None) -> str:
    if call is None:
        return "makes no such request"
    method, path, query, body = call
    return f"{method} {path}" + (f" query {query}" if query else "") + (f" body {body}" if body is not None else "")
