"""The pytest files the pages show (tests/sample-helpers.toml, [pytest-files]) pass, as a reader runs them.

Each runs with pytest in a subprocess, in a copy of its folder (the scenario files beside it
included), away from this repository's pytest settings: only the installed mock's plugin is loaded,
as in a reader's project. The harness runs none of them as a sample.
"""

from __future__ import annotations

import re
import shutil

import pytest

from sample_harness import catalogue
from sample_harness.paths import ROOT

pytest_plugins = ["pytester"]

EXAMPLES = sorted(catalogue.pytest_files())


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_shown_pytest_file_passes_every_test(pytester, example):
    source = ROOT / example
    shutil.copytree(source.parent, pytester.path, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    tests = re.findall(r"^def (test_\w+)", source.read_text("utf-8"), re.MULTILINE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v", source.name, timeout=120)
    assert tests, f"{example} defines no test"
    assert result.ret == 0, f"{example} failed:\n{result.stdout.str()}"
    result.assert_outcomes(passed=len(tests))


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_shown_pytest_file_is_no_sample(example):
    assert example in {include.path for include in catalogue.includes()}, f"no page shows {example}"
    assert not catalogue.is_sample(example)
    assert example not in {sample.file for sample in catalogue.samples()}
