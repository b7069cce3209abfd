"""make verify's verdict cache: a case that passed, with nothing it depends on changed since, is not
run again; a change to the sample runs that sample's cases alone; CI=true runs everything; a record
that cannot be read is ignored with one line.

The runs are real pytest runs on a copy of the guide (GUIDE_ROOT), on one sample's Python cases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sample_harness import catalogue, expectations, fingerprints, guide_copy, verdict_cache

SELECTED = "list-sms-numbers and python"
CASES = len(expectations.cases_for("list-sms-numbers", "python"))


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return guide_copy.copy(tmp_path / "guide")


def verify(guide: Path, *, ci: bool = False, selected: str = SELECTED) -> tuple[int, int, str]:
    """(cases run, cases cached, output) of a make-verify-like run on the copy."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"GUIDE_ROOT": str(guide),
                                                                 "REPORTS_DIR": str(guide / "reports")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_samples.py", "-k", selected, "-p", "no:cacheprovider",
         "-p", "no:schemathesis", "-p", "no:hypothesispytest", "--verdict-cache", "-q"],
        cwd=guide, capture_output=True, text=True, env=env | ({"CI": "true"} if ci else {}))
    assert done.returncode == 0, done.stdout[-3000:]
    found = re.search(r"^(\d+) cases run, (\d+) cached", done.stdout, re.MULTILINE)
    if found is None:  # CI=true: no cache at all, so no such line
        return sum(1 for line in done.stdout.splitlines() if re.search(r"\s(passed|failed)\s+\d", line)), 0, done.stdout
    return int(found[1]), int(found[2]), done.stdout


def test_a_second_run_is_cached_and_a_one_sample_edit_runs_that_sample_alone(guide):
    both = "list-sms-numbers and (python or curl)"
    curl = len(expectations.cases_for("list-sms-numbers", "curl"))
    assert verify(guide, selected=both)[:2] == (CASES + curl, 0)
    run, cached, output = verify(guide, selected=both)
    assert (run, cached) == (0, CASES + curl), output[-2000:]
    report = json.loads((guide / "reports" / "verify.json").read_text())
    assert all(row["cached"] and row["date"] for row in report if row["case"] == "bad-jwt"), (
        "a cached row keeps the date and the versions it was verified with")
    sample = guide / "code-samples" / "messaging" / "list-sms-numbers.py"
    sample.write_text(sample.read_text() + "# an edit\n")
    assert verify(guide, selected=both)[:2] == (CASES, curl), "only the edited sample's cases run"


def test_ci_runs_everything(guide):
    verify(guide)
    assert verify(guide, ci=True)[:2] == (CASES, 0)


def test_a_corrupt_record_is_ignored_with_one_line(guide):
    record = guide / ".cache" / "verify" / "passed.json"
    record.parent.mkdir(parents=True)
    record.write_text("{not json")
    run, cached, output = verify(guide)
    assert (run, cached) == (CASES, 0)
    assert f"verdict cache: ignored {record}: cannot read it (JSONDecodeError); every case runs" in output


def test_an_edit_anywhere_in_the_mock_or_the_harness_changes_every_fingerprint(tmp_path):
    sample = next(s for s in catalogue.samples() if (s.name, s.language) == ("send-sms", "python"))
    case = expectations.cases_for(sample.name, sample.language)[0]
    for part in ("mock", "harness"):
        folder = tmp_path / part
        shutil.copytree(fingerprints.Sources().__getattribute__(part), folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
        before = fingerprints.dependencies(sample.path, case, {}, fingerprints.Sources(**{part: folder}))
        some_file = next(p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".py")
        some_file.write_bytes(some_file.read_bytes() + b"\n")  # not even a Python file
        after = fingerprints.dependencies(sample.path, case, {}, fingerprints.Sources(**{part: folder}))
        assert before[part] != after[part] and fingerprints.fingerprint(before) != fingerprints.fingerprint(after)


def test_the_cache_is_off_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert not verdict_cache.wanted(True)
    monkeypatch.delenv("CI")
    assert verdict_cache.wanted(True) and not verdict_cache.wanted(False)
