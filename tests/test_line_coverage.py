"""Sample coverage reads each language's measurement right: which lines can run, which ran.

The measuring itself runs in every `make coverage` and `make test` (tests/test_samples.py with
--sample-coverage); these check the readers of what it leaves, on small programs run for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sample_harness import guide_copy, line_coverage

SHELL = """#!/usr/bin/env bash
set -euo pipefail
main() {
  local x
  x=$(echo a \\
    b)
  if [[ $x == zz ]]; then
    echo never
  fi
  jq -n '{
    a: 1
  }' >/dev/null  # a comment with a quote: it's
  case $x in
    zz) echo "never either" ;;
    *) echo "$x" ;;
  esac
}
main "$@"
"""


def test_a_shell_command_spans_its_continuations_and_quoted_lines():
    commands = line_coverage.shell_commands(SHELL)
    assert commands[5] == {5, 6} and commands[10] == {10, 11, 12}
    assert 3 not in commands and 9 not in commands and 16 not in commands  # main() {, fi, esac
    assert {8, 14, 15, 18} <= set(commands)


def test_bash_trace_marks_the_commands_that_ran(tmp_path):
    script = tmp_path / "s.sh"
    script.write_text(SHELL)
    traces = tmp_path / "traces"
    traces.mkdir()
    env = {"PATH": "/usr/bin:/bin", "BASH_ENV": str(line_coverage.STARTUP / "xtrace.bash"),
           "SAMPLE_COVERAGE_TRACES": str(traces)}
    run = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, "a b\n", ""), "the trace must stay out of the output"
    traced = {int(m["line"]) for trace in traces.iterdir()
              for m in line_coverage.TRACE_LINE.finditer(trace.read_text()) if m["file"] == str(script)}
    ran = {first for first, span in line_coverage.shell_commands(SHELL).items() if span & traced}
    assert {5, 7, 10, 15, 18} <= ran and not {8, 14} & ran


JAVASCRIPT = """// a comment
function used(x) {
  if (x > 1) {
    return 'big';
  }
  return 'small';
}

function unused() {
  return 1;
}

console.log(used(0));
"""


def test_v8_block_coverage_marks_the_lines_that_ran(tmp_path):
    script = tmp_path / "s.js"
    script.write_text(JAVASCRIPT)
    v8 = tmp_path / "v8"
    subprocess.run(["node", str(script)], env={"PATH": "/usr/bin:/bin", "NODE_V8_COVERAGE": str(v8)}, check=True,
                   capture_output=True)
    functions = next(s["functions"] for report in v8.iterdir() for s in json.loads(report.read_text())["result"]
                     if s["url"].endswith("/s.js"))
    code = line_coverage.javascript_code_lines(JAVASCRIPT)
    ran = line_coverage.v8_lines_run(JAVASCRIPT, functions) & code
    assert code == {2, 3, 4, 6, 9, 10, 13}
    assert code - ran == {4, 9, 10}


def test_coverage_py_in_subprocess_mode_measures_a_python_sample(tmp_path):
    measurement = line_coverage.Measurement(tmp_path / "data")
    measurement.clear()
    script = line_coverage.SAMPLES / "messaging" / "list-sms-numbers.py"
    env = measurement.env("python") | {"PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(script)], env=env, capture_output=True)  # no settings: it stops at once
    lines = measurement.lines([s for s in line_coverage.catalogue.samples() if s.file.endswith(script.name)])
    measured = lines["code-samples/messaging/list-sms-numbers.py"]
    assert measured.ran and measured.ran < measured.can_run, "some lines ran (the imports), not all (the calls)"


def test_an_untested_branch_fails_the_run_naming_the_sample_language_and_line(tmp_path):
    """A copy of the guide whose list-sms-numbers.py gained a branch no case takes: its sample tests
    pass, and the run fails all the same, naming the file and line of the branch."""
    guide = guide_copy.copy(tmp_path / "guide")
    sample = guide / "code-samples" / "messaging" / "list-sms-numbers.py"
    lines = sample.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("def main():")) + 1
    lines[at:at] = ['    if os.environ.get("NO_CASE_SETS_THIS"):\n', '        print("a branch no case takes")\n']
    sample.write_text("".join(lines), "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_samples.py", "-k", "list-sms-numbers and python", "-q",
         "-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest",
         f"--sample-coverage={tmp_path / 'coverage'}"],
        cwd=guide, capture_output=True, text=True,
        env=os.environ | {"GUIDE_ROOT": str(guide), "REPORTS_DIR": str(tmp_path / "reports")})
    assert run.returncode == 1, run.stdout[-3000:]
    assert " failed" not in run.stdout.splitlines()[-1], "the sample's own tests pass: only the coverage fails"
    assert (f"code-samples/messaging/list-sms-numbers.py:{at + 2}: list-sms-numbers[python] "
            "(shown on messaging/list-sms-numbers.md): no case runs `print(\"a branch no case takes\")`") in run.stdout
    report = json.loads((tmp_path / "reports" / "coverage.json").read_text())
    assert {"line": at + 2, "code": 'print("a branch no case takes")'} in report["samples"][0]["unrun"]


def test_the_maintainers_page_shows_the_figures_or_says_they_were_not_measured():
    from sample_harness import coverage_report
    report = {"date": "2026-12-01", "figures": {"python": {"ran": 9, "can_run": 12, "samples": 2}},
              "samples": [{"unrun": [{"line": 3, "code": "x"}], "explained": []}]}
    table = coverage_report.figures_table(report)
    assert "Measured on 2026-12-01" in table and "| python | 9 of 12 | 75.0 % | 2 |" in table
    assert "1 unexplained, 0 explained" in table
    assert coverage_report.figures_table(None).startswith("Not measured in this build")
    assert coverage_report.figures_table({"figures": {}}).startswith("Not measured in this build")
