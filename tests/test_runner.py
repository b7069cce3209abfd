"""The harness under faults: a sample that cannot start, hangs, or leaves processes behind.

Each test feeds the runner a deliberately broken program from a temporary folder, and checks
what the harness reports and that nothing of it is left running.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_harness import verdict
from sample_harness.expectations import Case
from sample_harness.runner import run_sample, sample_env

SECRET = "mock-access-" + "s3cr3tT0ken" * 3  # shaped like the mock's tokens, which redaction knows


def running(pid: int) -> bool:
    """Whether the process still runs (a zombie waiting for its parent to read its exit does not)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False


def run(tmp_path, language: str, code: str, timeout: float = 10) -> verdict.Outcome:
    path = tmp_path / ("sample.py" if language == "python" else "sample.js")
    path.write_text(code, "utf-8")
    result = run_sample(language, path, sample_env({}), timeout)
    return verdict.Outcome(result, [], {}, ())


@pytest.mark.parametrize(("language", "code", "named"), [
    ("python", "import no_such_module_here\n", "No module named 'no_such_module_here'"),
    ("python", "print('hello'\n", "SyntaxError"),
    ("javascript", "require('no-such-module-here');\n", "Cannot find module 'no-such-module-here'"),
    ("javascript", "const = 1;\n", "SyntaxError"),
])
def test_a_sample_that_cannot_start_is_reported_as_that(tmp_path, language, code, named):
    outcome = run(tmp_path, language, code)
    problems = verdict.problems(Case(""), outcome)
    assert len(problems) == 1 and problems[0].startswith("could not start:") and named in problems[0], problems


def test_a_sample_that_fails_after_starting_is_judged_on_its_answer(tmp_path):
    outcome = run(tmp_path, "python", "import sys\nprint('working')\nsys.exit('Error: HTTP 400 CMN-101: no')\n")
    assert outcome.run.startup_error is None
    assert verdict.problems(Case("", exit=1), outcome) == []


HANGS = {
    "python": f"import subprocess, sys, time\n"
              f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
              f"print('child', child.pid, {SECRET!r}, flush=True)\ntime.sleep(600)\n",
    "javascript": f"const child = require('child_process').spawn('sleep', ['600'], {{ stdio: 'ignore' }});\n"
                  f"console.log('child', child.pid, {SECRET!r});\nsetInterval(() => {{}}, 1000);\n",
}


@pytest.mark.parametrize("language", HANGS)
def test_a_hung_sample_is_killed_with_its_group_and_reported_with_its_last_output(tmp_path, language):
    outcome = run(tmp_path, language, HANGS[language], timeout=2)
    assert outcome.run.timed_out
    child = int(outcome.run.stdout.split()[1])
    assert not running(child), "the sample's child outlived it"
    [problem] = verdict.problems(Case(""), outcome)
    assert problem.startswith("timed out: killed with its whole process group")
    assert f"child {child} [redacted]" in problem and SECRET not in problem


LINGERS = {
    "python": "import subprocess, sys\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],\n"
              "                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "print('child', child.pid)\n",
    "javascript": "const child = require('child_process').spawn('sleep', ['600'], { stdio: 'ignore' });\n"
                  "console.log('child', child.pid);\nchild.unref();\n",
}


@pytest.mark.parametrize("language", LINGERS)
def test_a_process_left_running_is_killed_and_reported(tmp_path, language):
    outcome = run(tmp_path, language, LINGERS[language])
    assert outcome.run.returncode == 0 and outcome.run.leftovers == 1
    assert not running(int(outcome.run.stdout.split()[1])), "the sample's child outlived it"
    assert any("still ran after it ended" in p for p in verdict.problems(Case(""), outcome))
