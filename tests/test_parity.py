"""Language parity: in each case, a sample's versions in every language it has (Python, JavaScript,
and curl for the core tasks) make the same API calls (method, path, query; JSON bodies compared
whole) and print the same lines.

All its languages run in one test, against the same freshly reset scenario, so the pair compares
like with like (message ids included) and the test stays whole under xdist. Headers and the
OAuth form fields each SDK adds are the SDKs' business, not the sample's, and are not compared.
Each run's own settings (a webhook's port and verification token are new for every run) read as
their names, and times are masked: the two runs cannot share a moment.
"""

from __future__ import annotations

import pytest

from sample_harness import catalogue, exchange, expectations, languages, runs

BY_NAME = {(s.name, s.language): s for s in catalogue.samples()}
# Each sample with the languages it is written in; one with a single language (its counterpart is
# missing, which fails in test_catalogue.py) has nothing to compare.
WRITTEN_IN = {name: [lang.name for lang in languages.LANGUAGES if (name, lang.name) in BY_NAME]
              for name, _ in BY_NAME}
CASES = [(name, case) for name in sorted(WRITTEN_IN) if len(WRITTEN_IN[name]) > 1
         for case in expectations.cases_for(name)]


def as_named(outcome: runs.Outcome, value: object) -> object:
    return exchange.as_named(outcome.settings, value)


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
def test_every_language_does_the_same(name, expected, mock_target, request):
    timeout = request.config.getoption("sample_timeout")
    samples = [BY_NAME[name, language] for language in WRITTEN_IN[name]]
    outcomes = {s.language: runs.run_case(mock_target, s.language, s.path, expected, timeout) for s in samples}
    first, *others = samples
    where = f"{name}{' case ' + expected.name if expected.name else ''} (shown on {', '.join(first.pages)})"
    evidence = "\n".join(f"=== {language}\n{o.evidence}" for language, o in outcomes.items())
    problems = []
    for other in others:
        a, b = first.language, other.language
        a_calls, b_calls = calls(outcomes[a]), calls(outcomes[b])
        for i in range(max(len(a_calls), len(b_calls))):
            p, j = (c[i] if i < len(c) else None for c in (a_calls, b_calls))
            if p != j:
                problems.append(f"{other.file}, request {i + 1}: {a} {describe(p)}; {b} {describe(j)}")
        a_lines, b_lines = key_lines(outcomes[a]), key_lines(outcomes[b])
        if a_lines != b_lines:
            problems.append(f"{other.file} prints other lines: {a} {a_lines}; {b} {b_lines}")
    assert not problems, (f"{where}: {first.file} and its counterparts differ:\n  " + "\n  ".join(problems)
                          + f"\n{evidence}")


def describe(call: tuple | None) -> str:
    if call is None:
        return "makes no such request"
    method, path, query, body = call
    return f"{method} {path}" + (f" query {query}" if query else "") + (f" body {body}" if body is not None else "")
