"""Code the samples repeat on purpose (tests/repeated-code.toml) is repeated exactly, or says why not.

JavaScript has no timeout client to compare: its samples give each request an AbortSignal inside
their own `main`, where the SDK is built.
"""

from __future__ import annotations

import tomllib

from sample_harness import catalogue, definitions
from sample_harness.definitions import Definition


def test_the_samples_repeated_code_is_listed_and_identical_or_explained():
    table = tomllib.loads(definitions.REPEATED.read_text("utf-8"))
    problems = definitions.check(definitions.repeated(catalogue.samples()), table)
    assert not problems, "\n".join(problems)


def copies(**texts: str) -> dict[str, Definition]:
    return {f"code-samples/m/{stem}.py": Definition("describe", text, 10) for stem, text in texts.items()}


def test_a_copy_that_drifts_is_named_with_its_file_and_line():
    found = {("python", "describe"): copies(a="def describe(): 1", b="def describe(): 1", c="def describe(): 2")}
    assert definitions.check(found, {"python": {"describe": {"why": "x"}}}) == [
        "describe (python) differs in code-samples/m/c.py:10 from its other copies; make it identical, or list the "
        "sample under `differs` in tests/repeated-code.toml with the reason"]
    assert definitions.check(found, {"python": {"describe": {"why": "x", "differs": {"c": "it must"}}}}) == []


def test_an_unlisted_repeat_and_a_stale_entry_are_named():
    found = {("python", "describe"): copies(a="def describe(): 1", b="def describe(): 1")}
    assert definitions.check(found, {}) == [
        "describe (python) is defined in code-samples/m/a.py, code-samples/m/b.py: list it in "
        "tests/repeated-code.toml with why the samples repeat it, or give the copies different names"]
    stale = {"python": {"describe": {"why": "x", "differs": {"b": "no longer"}}, "gone": {"why": "x"}}}
    assert definitions.check(found, stale) == [
        "describe (python) in code-samples/m/b.py is listed under `differs` in tests/repeated-code.toml but is "
        "identical to the other copies: remove the entry",
        "tests/repeated-code.toml: [python.gone] is no longer defined by two samples: remove it"]


def test_copies_that_differ_for_the_same_reason_must_differ_alike():
    found = {("python", "describe"): copies(a="def describe(): 1", b="def describe(): 2", c="def describe(): 3")}
    same = {"python": {"describe": {"why": "x", "differs": {"b": "receiving", "c": "receiving"}}}}
    assert definitions.check(found, same) == [
        "describe (python) differs between code-samples/m/b.py:10, code-samples/m/c.py:10, which "
        "tests/repeated-code.toml says differ for the same reason; make them identical"]
