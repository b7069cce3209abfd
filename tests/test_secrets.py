"""Secrets stay secret: committed files hold none, and the harness redacts what it shows.

Samples' own output is checked for leaks in test_samples.py (every case, both languages).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys

import pytest

from sample_harness import expectations, redact, runs, secret_scan, verdict, verify_report
from sample_harness.paths import ROOT
from sample_harness.process import Run


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Fake secrets, put together at run time so that this file itself passes the scan.
SECRET = "Xk29fLq0" "ZmPw8vBtYc3N"
TOKEN = "U0pDMDFQ" "MDlQQVMwMHxBQUJfMTIzNDU2Nzg5"
SETTINGS = {"RC_APP_CLIENT_ID": "clientId123", "RC_APP_CLIENT_SECRET": SECRET,
            "RC_USER_JWT": ".".join([b64('{"alg":"RS256"}'), b64('{"sub":"1234567890"}'), b64("signature")])}
BASIC = base64.b64encode(f"clientId123:{SECRET}".encode()).decode()


def committed_files() -> list[str]:
    proc = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"not a git checkout, so nothing is committed: {proc.stderr.strip()}")
    return [name for name in proc.stdout.split("\0") if name]


def test_no_committed_file_holds_a_secret():
    files = committed_files()
    assert ".env" not in files, ".env is committed: remove it (git rm --cached .env) and rotate its secrets"
    problems = []
    for name in files:
        path = ROOT / name
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            problems += [f"{name} {finding}" for finding in secret_scan.findings(text)]
    assert not problems, ("committed files hold secret-looking strings; replace them with placeholders "
                          "like the ones in .env.example:\n" + "\n".join(problems))


# The ids name each kind rather than show the planted text: test ids land in a committed file
# (.test_durations, for make test SHARD=i/N), which this very scan reads.
@pytest.mark.parametrize("line", [
    SETTINGS["RC_USER_JWT"],
    f"RC_APP_CLIENT_SECRET={SECRET}",
    f'clientSecret: "{SECRET}",',
    f"sdk = SDK('id', client_secret='{SECRET}')",
    f"Authorization: Bearer {TOKEN}",
    "-----BEGIN RSA " "PRIVATE KEY-----",
], ids=["jwt", "env-line", "js-option", "python-argument", "bearer-header", "private-key"])
def test_the_scan_finds_a_planted_secret(line):
    assert secret_scan.findings(f"# config\n{line}\n"), f"the scan misses {line!r}"


@pytest.mark.parametrize("line", [
    "RC_APP_CLIENT_SECRET=your-app-client-secret",
    "RC_USER_JWT=your-user-jwt",
    'client_secret = "mock-client-secret"',
    "clientSecret: setting('RC_APP_CLIENT_SECRET'),",
    "Authorization: Bearer <access token>",
    f'"integrity": "sha512-{SECRET}{SECRET}=="',
])
def test_the_scan_lets_placeholders_and_code_pass(line):
    assert secret_scan.findings(line) == []


def test_redact_removes_the_settings_secrets_and_tokens():
    text = (f"secret {SETTINGS['RC_APP_CLIENT_SECRET']} jwt {SETTINGS['RC_USER_JWT']} basic Basic {BASIC} "
            f"token mock-access-AbC_123-x header {{'Authorization': 'Bearer {TOKEN}'}}")
    shown = redact.redact(text, SETTINGS)
    for secret in (SETTINGS["RC_APP_CLIENT_SECRET"], SETTINGS["RC_USER_JWT"],
                   BASIC, "mock-access-AbC_123-x", TOKEN):
        assert secret not in shown, f"{secret!r} survives redaction: {shown}"
    assert "clientId123" not in redact.leaks(text, SETTINGS)
    assert redact.leaks(text, SETTINGS)[:3] == ["the value of RC_APP_CLIENT_SECRET", "the value of RC_USER_JWT",
                                               "the Basic authorization header"]


def test_remembered_secrets_are_redacted_without_the_settings():
    redact.remember({"RC_APP_CLIENT_SECRET": "remembered-" "Secret-4242"})
    assert redact.redact("failed with remembered-" "Secret-4242") == "failed with [redacted]"


def test_a_failing_tests_report_is_redacted(tmp_path):
    """A test that fails with a secret in its assertion and output: the report shows neither."""
    (tmp_path / "test_leaky.py").write_text(
        "def test_leaky():\n"
        f"    body = {{'assertion': {SETTINGS['RC_USER_JWT']!r}, 'token': 'mock-access-Leaky_1'}}\n"
        "    print(body)\n"
        "    assert body == {}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "sample_harness.report_redaction", "-p", "no:cacheprovider",
         "--junitxml", str(tmp_path / "junit.xml"), str(tmp_path / "test_leaky.py")],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "src")]), "PATH": ""})
    shown = proc.stdout + proc.stderr + (tmp_path / "junit.xml").read_text()
    assert "1 failed" in proc.stdout, shown
    assert "[redacted]" in proc.stdout, shown
    assert SETTINGS["RC_USER_JWT"] not in shown and "mock-access-Leaky_1" not in shown, shown


# -- the rule every sample run is held to (harness/verdict.py) ------------------------------------

FAILURE = expectations.Case(name="bad-jwt", exit=1)


def judged(stderr: str, settings: dict[str, str] | None = None) -> list[str]:
    run = Run(returncode=1, stdout="", stderr=stderr, seconds=0.1)
    return verdict.problems(FAILURE, runs.Outcome(run, [], settings or {}, ()))


def test_one_error_line_passes():
    assert judged("Error: HTTP 400 OAU-213: Token not found\n") == []


@pytest.mark.parametrize("stderr", [
    "Traceback (most recent call last):\n  File \"sms.py\", line 1\nValueError: x\n",
    "Error: ApiException: HTTP 400\n",
    "Error: {'Authorization': 'Bearer <token>'}\n",
    "Error: boom\n    at main (/tmp/sms.js:10:5)\n",
], ids=["python-traceback", "api-exception", "headers", "node-stack"])
def test_raw_exceptions_and_headers_fail(stderr):
    assert any("raw exception or request headers" in p for p in judged(stderr)), judged(stderr)


def test_a_settings_secret_in_the_output_fails():
    problems = judged(f"Error: login failed for {SECRET}\n", SETTINGS)
    assert "output leaks the value of RC_APP_CLIENT_SECRET" in problems, problems


def test_a_sample_that_prints_the_raw_sdk_exception_fails(mock_target, tmp_path, request):
    """send-sms.py with its one-line handler replaced by printing the ApiException itself."""
    source = (ROOT / "code-samples" / "messaging" / "send-sms.py").read_text("utf-8")
    assert 'sys.exit(f"Error: {describe(error)}")' in source, "send-sms.py's handler changed; update this test"
    bad = tmp_path / "sms.py"
    bad.write_text(source.replace('sys.exit(f"Error: {describe(error)}")', 'sys.exit(f"Error: {error}")'))
    case = next(c for c in expectations.cases_for("send-sms") if c.name == "bad-jwt")
    outcome = runs.run_case(mock_target, "python", bad, case, request.config.getoption("sample_timeout"))
    assert outcome.run.returncode == 1, outcome.evidence
    problems = verdict.problems(case, outcome)
    assert any("leaks" in p or "raw exception" in p for p in problems), (problems, outcome.evidence)


def test_the_verify_report_is_written_redacted(tmp_path):
    redact.remember(SETTINGS)
    rows = [{"file": "code-samples/messaging/send-sms.py", "language": "python", "case": "", "result": "failed",
             "page": "messaging/sending-an-sms.md", "sample": "send-sms", "seconds": 0.1,
             "note": f"login with {SETTINGS['RC_USER_JWT']} failed"}]
    verify_report.write(tmp_path / "verify.json", rows)
    written = (tmp_path / "verify.json").read_text()
    assert SETTINGS["RC_USER_JWT"] not in written and "[redacted]" in written, written
