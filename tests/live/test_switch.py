"""The switch of targets: by default the embedded mock on loopback; with --live, RC_SERVER_URL.

A mock run as a separate process stands in for the platform: each test runs `pytest --live` in a
subprocess pointed at it, then checks what it printed and what the "platform" received.
"""

from __future__ import annotations

import ipaddress
import json
import re
import subprocess
from urllib.parse import urlparse

import pytest

from sample_harness import expectations
from sample_harness.api import EXTENSION, MESSAGE_STORE, PHONE_NUMBERS, SMS, TOKEN
from sample_harness.live_settings import EXAMPLE_FILE
from sample_harness.paths import ROOT
from sample_harness.process import sample_env

SAMPLES = "tests/test_samples.py::test_sample"
# Two runs that send, and two that need a mock scenario (skipped live): three logins with the banner's.
SELECTION = [f"{SAMPLES}[send-sms[python]]", f"{SAMPLES}[send-sms[javascript]]",
             f"{SAMPLES}[send-sms[python-no-sms-number]]", f"{SAMPLES}[send-sms-call-queue[python]]"]


def routes(platform) -> list[tuple[str, str]]:
    return [(r["method"], r["path"].rsplit("/", 1)[0] if "/message-store/" in r["path"] else r["path"])
            for r in platform.admin.requests()]


def test_without_live_the_samples_go_to_the_embedded_mock_on_loopback(target, request, monkeypatch):
    if request.config.getoption("live"):
        pytest.skip("this session is --live: its target is RC_SERVER_URL by design")
    monkeypatch.setenv("RC_SERVER_URL", "https://platform.ringcentral.com")  # a reader's own setting
    settings = sample_env(target.settings(expectations.cases_for("send-sms")[0]))
    assert not target.live
    assert ipaddress.ip_address(urlparse(settings["RC_SERVER_URL"]).hostname).is_loopback


def test_a_live_run_names_server_extension_and_recipient_before_it_sends(platform, run_live, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in platform.settings.items() if k != "SMS_RECIPIENT")
                        + "SMS_RECIPIENT=+16505550143\n")  # the environment's recipient wins over this one
    result = run_live({"SMS_RECIPIENT": platform.settings["SMS_RECIPIENT"]}, *SELECTION, env_file=env_file)
    out = result.stdout

    assert result.returncode == 0, out + result.stderr
    lines = out.splitlines()
    progress = next(i for i, line in enumerate(lines) if line.endswith("[100%]"))
    banner = "\n".join(lines[:progress]) + "\n"  # all said before the first sample ran
    assert f"live run against {platform.settings['RC_SERVER_URL']}\n" in banner
    assert "logged in as extension 101, Alice Adams (id 400100001)" in banner
    assert f"recipient {platform.settings['SMS_RECIPIENT']}\n" in banner
    assert "2 sample runs will send at most 2 messages (--live-max-messages 4) and log in 2 times" in banner
    assert "skipped live (1): needs the mock's 'call-queue' scenario" in banner
    assert "2 passed, 2 skipped" in out
    assert "SKIPPED [1] tests/test_samples.py" in out and "needs the mock's 'no-sms-number' scenario" in out

    sample = [("POST", TOKEN), ("GET", PHONE_NUMBERS), ("POST", SMS), ("GET", MESSAGE_STORE)]
    assert routes(platform) == [("POST", TOKEN), ("GET", EXTENSION), *sample, *sample]
    sent = [r["body"]["to"] for r in platform.admin.requests() if r["path"] == SMS]
    assert sent == [[{"phoneNumber": platform.settings["SMS_RECIPIENT"]}]] * 2

    # Its summary is its own report: the mock's verify.json stays as the last mock run left it.
    report = json.loads((tmp_path / "reports" / "verify-live.json").read_text())
    assert sorted(row["result"] for row in report) == ["passed", "passed", "skipped", "skipped"]
    assert not (tmp_path / "reports" / "verify.json").exists()


def test_make_verify_live_is_the_same_run(platform, tmp_path):
    """What the README tells a maintainer to type; `-k` keeps it to the Python send-sms sample."""
    env = sample_env(platform.settings) | {"REPORTS_DIR": str(tmp_path)}
    result = subprocess.run(["make", "--no-print-directory", "verify-live", "LIVE_MAX_MESSAGES=1",
                             "PYTEST_ARGS=-k 'send-sms and python and not python-' -p no:cacheprovider"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 sample run will send at most 1 message (--live-max-messages 1) and log in 1 time" in result.stdout
    assert "1 passed, 1 skipped" in result.stdout  # send-sms-call-queue needs the mock's call-queue scenario
    assert [path for method, path in routes(platform) if method == "POST"] == [TOKEN, TOKEN, SMS]


def test_the_pacer_follows_the_limits_the_platform_announces(platform, run_live):
    # 3 logins and 3 reads a minute instead of the documented 5 and 50: one sample run fits (the
    # pacer paces logins only; the other groups are far from their limits on the platform).
    platform.admin.reset("rate-limited")
    result = run_live(platform.settings, SELECTION[0])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "paced to the Auth group's 3 logins per 60 s" in result.stdout
    assert [r["status"] for r in platform.admin.requests() if r["path"] == TOKEN] == [200, 200]


def test_missing_credentials_stop_the_run_before_any_request(platform, run_live):
    result = run_live({"RC_SERVER_URL": platform.settings["RC_SERVER_URL"], "SMS_RECIPIENT": "+16505550142"})
    assert result.returncode == 4
    assert result.stderr.strip() == ("ERROR: --live needs RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT set "
                                     "in .env or the environment (see docs/maintainers/live-runs.md)")
    assert platform.admin.requests() == []


def test_example_credentials_stop_the_run_without_showing_them(platform, run_live):
    result = run_live({"RC_SERVER_URL": platform.settings["RC_SERVER_URL"]}, env_file=EXAMPLE_FILE)
    assert result.returncode == 4
    assert "still hold the example values from .env.example" in result.stderr
    assert "your-app-client-secret" not in result.stdout + result.stderr
    assert platform.admin.requests() == []


def test_a_run_that_would_send_too_many_messages_refuses_to_start(platform, run_live):
    result = run_live(platform.settings, "tests/test_samples.py", "--live-max-messages", "3")
    assert result.returncode == 4
    # How many depends on the catalogue (every page's sending samples), so only the refusal is literal.
    assert re.search(r"--live: the selected tests would send up to \d+ messages, more than --live-max-messages 3",
                     result.stdout + result.stderr)
    assert platform.admin.requests() == []


def test_a_refused_login_stops_the_run_with_the_platforms_reason_and_no_secret(platform, run_live):
    result = run_live(platform.settings | {"RC_APP_CLIENT_SECRET": "wrong-secret"}, *SELECTION)
    out = result.stdout + result.stderr
    assert result.returncode == 4
    assert "--live: the platform refused the login" in out and "HTTP 401 OAU-146: Invalid client credentials" in out
    assert "wrong-secret" not in out
    assert routes(platform) == [("POST", TOKEN)]


def test_live_refuses_parallel_workers(platform, run_live):
    result = run_live(platform.settings, "-n", "2")
    assert result.returncode == 4
    assert "--live runs the samples one at a time to pace its logins: drop -n (or pass -n 0)" in result.stderr
    assert platform.admin.requests() == []
