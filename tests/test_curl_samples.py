"""The curl samples as a reader copies them: ShellCheck finds nothing, and a trace of their commands
(`set -x`), which would print the token with every request, fails their runs.

They run like the other languages' samples in tests/test_samples.py (cases, faults, parity,
copy-paste); this file holds what only a shell script can get wrong.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sample_harness import catalogue, verdict
from sample_harness.process import Run

SHELLCHECK = shutil.which("shellcheck") or str(Path(sys.executable).with_name("shellcheck"))
CURL = [sample for sample in catalogue.samples() if sample.language == "curl"]


def shellcheck(script: str, tmp_path: Path) -> list[str]:
    """ShellCheck's findings on the script, one line each (`file:line: SCnnnn message`)."""
    path = tmp_path / "sample.sh"
    path.write_text(script, "utf-8")
    proc = subprocess.run([SHELLCHECK, "--format=gcc", str(path)], capture_output=True, text=True)
    assert proc.returncode in (0, 1), f"shellcheck could not run: {proc.stderr.strip()}"
    return proc.stdout.splitlines()


@pytest.mark.parametrize("sample", CURL, ids=[sample.id for sample in CURL])
def test_shellcheck_finds_nothing_in_the_code_the_page_shows(sample, tmp_path):
    found = shellcheck(sample.shown_code(), tmp_path)
    assert not found, f"{sample.file} (shown on {', '.join(sample.pages)}), as the page shows it:\n" + "\n".join(
        line.replace(str(tmp_path / "sample.sh"), sample.file) for line in found)


def test_shellcheck_reports_what_it_is_for(tmp_path):
    found = shellcheck("#!/usr/bin/env bash\nrm -rf $1/*\n", tmp_path)
    assert any("SC2086" in line for line in found), found  # an unquoted variable


def test_a_command_trace_counts_as_a_raw_exception():
    traced = Run(1, "", "+ curl --oauth2-bearer ey.token https://x\nError: HTTP 401\n", 0.1, language="curl")
    assert verdict.raw_exception(traced) == "+ c"
    bash_error = Run(1, "", "sms.sh: line 12: SMS_RECIPIENT: unbound variable\n", 0.1, language="curl")
    assert verdict.raw_exception(bash_error) == "sms.sh: line 12: "
    assert verdict.raw_exception(Run(1, "", "Error: HTTP 401 OAU-146: Invalid\n", 0.1, language="curl")) is None
