"""The case files are checked when read: a typo'd key or a bad value fails the run, naming the file,
the entry and the key, instead of a check that silently never runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sample_harness import expectations
from sample_harness.case_schema import CaseFileError
from sample_harness.paths import ROOT


def refused(tmp_path: Path, text: str, name: str = "expectations.toml") -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(CaseFileError) as invalid:
        expectations.load(path)
    return str(invalid.value)


def test_the_repositorys_case_files_follow_the_schema():
    assert expectations.load(expectations.EXPECTATIONS) and expectations.load(expectations.FAULT_MATRIX)


def test_a_typod_key_in_a_twin_is_named_with_its_entry_and_what_is_allowed(tmp_path):
    message = refused(tmp_path, '[send-sms]\nstdout = ["^ok$"]\n\n[send-sms.cases.flaky]\nexit = 1\nstdrr = "x"\n')
    assert message.startswith(f"{tmp_path / 'expectations.toml'}: [send-sms.cases.flaky] has an unknown key 'stdrr'")
    assert ("allowed: before, companion, curl, deliveries_fail, env, exit, faults, files, javascript, live, python, "
            "ready, requests, scenario, sleeps_move_clock, stderr, stdout, steps, stop") in message


@pytest.mark.parametrize(("text", "named"), [
    ('[send-sms]\nrequests = [{ method = "POST", path = "/x", bdy = {} }]\n',
     "[send-sms.requests] has an unknown key 'bdy'; allowed: body, method, path, query"),
    ('[send-sms]\njavascript = { exitt = 0 }\n', "[send-sms.javascript] has an unknown key 'exitt'"),
    ('[send-sms]\nscenario = "defualt"\n', "[send-sms] scenario: no scenario 'defualt'; the mock has "),
    ('[send-sms]\nexit = "one"\n', "[send-sms] exit: Input should be a valid integer"),
    ('[send-sms]\nstdout = ["^(unclosed$"]\n', "[send-sms] stdout: not a regular expression: missing )"),
    ('[send-sms]\nrequests = [{ method = "FETCH", path = "/x" }]\n', "[send-sms.requests] method: Input should be"),
    ('[send-sms]\nfaults = [{ kind = "eror" }]\n', "[send-sms] faults: Input tag 'eror' found using 'kind'"),
    ('[send-sms\n', "not valid TOML"),
])
def test_bad_values_are_named(tmp_path, text, named):
    assert named in refused(tmp_path, text)


def test_the_matrix_has_its_own_keys(tmp_path):
    assert "[no-answer] needs: 'GET' is not 'METHOD path-pattern'" in refused(
        tmp_path, '[no-answer]\nneeds = ["GET"]\n', "fault-matrix.toml")
    assert "[send-sms] has an unknown key 'needs'" in refused(tmp_path, '[send-sms]\nneeds = ["GET */x"]\n')


def test_a_typo_stops_the_run_before_collection(tmp_path):
    """The plugin checks the guide's case files at the start of every run (GUIDE_ROOT names a copy)."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "expectations.toml").write_text('[send-sms]\nstdrr = "x"\n', "utf-8")
    (tmp_path / "tests" / "test_nothing.py").write_text("def test_nothing():\n    pass\n", "utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "sample_harness.plugin",
                          "tests"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={"GUIDE_ROOT": str(tmp_path), "PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.stdout + run.stderr
    assert "tests/expectations.toml: [send-sms] has an unknown key 'stdrr'" in run.stderr, run.stderr
