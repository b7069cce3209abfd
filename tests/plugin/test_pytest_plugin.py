"""The mock's pytest plugin, as a user meets it: their own test files, run by pytest in a subprocess
(pytester), with the plugin loaded through its entry point like any installed plugin.

These tests import nothing of the guide's harness: the plugin must stand on the mock alone.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]

# The "15-line pytest file": an SMS sent with the ringcentral SDK, seen in .requests(); the
# second test starts clean.
USERS_FILE = '''\
from ringcentral import SDK


def test_sends_an_sms(ringcentral_mock):
    env = ringcentral_mock.env
    platform = SDK(env["RC_APP_CLIENT_ID"], env["RC_APP_CLIENT_SECRET"], env["RC_SERVER_URL"]).platform()
    platform.login(jwt=env["RC_USER_JWT"])
    platform.post("/restapi/v1.0/account/~/extension/~/sms", {
        "from": {"phoneNumber": "+16505550100"}, "to": [{"phoneNumber": env["SMS_RECIPIENT"]}], "text": "Hello"})
    sent = [r for r in ringcentral_mock.requests() if r["path"].endswith("/sms")]
    assert [r["body"]["text"] for r in sent] == ["Hello"]


def test_starts_clean(ringcentral_mock):
    assert ringcentral_mock.requests() == []
'''

DESK = '''\
extends = "default"
login = "desk"

[[extensions]]
key = "desk"
id = 71
extension_number = "700"
name = "Support Desk"
jwt = "our-desk-jwt"
numbers = [{ id = 72, phone_number = "+14155550100", features = ["SmsSender"] }]
'''


class AnyStartingWith(str):
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.startswith(self)

    __hash__ = str.__hash__


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args, timeout=120)


def test_a_users_fifteen_line_file_sends_an_sms_and_each_test_starts_clean(pytester):
    assert len(USERS_FILE.splitlines()) == 15
    pytester.makepyfile(test_users_app=USERS_FILE)
    run(pytester).assert_outcomes(passed=2)


def test_the_scenario_comes_from_the_closest_marker_else_the_fixture(pytester):
    (pytester.path / "scenarios").mkdir()
    (pytester.path / "scenarios" / "desk.toml").write_text(DESK, "utf-8")
    pytester.makepyfile(test_default='''
        def test_the_default_scenario(ringcentral_mock):
            assert ringcentral_mock.env["RC_USER_JWT"] == "mock-jwt-alice"
    ''', test_chosen='''
        from pathlib import Path

        import pytest


        @pytest.fixture
        def ringcentral_scenario():
            return Path("scenarios/desk.toml")


        def test_the_modules_fixture_names_a_file(ringcentral_mock):
            assert ringcentral_mock.env["RC_USER_JWT"] == "our-desk-jwt"


        @pytest.mark.ringcentral_scenario("call-queue")
        def test_a_marker_names_a_built_in_scenario(ringcentral_mock):
            assert ringcentral_mock.env["RC_USER_JWT"] == "mock-jwt-support-queue"


        @pytest.mark.ringcentral_scenario("scenarios/desk.toml")
        class TestAClassMarker:
            def test_names_a_file_relative_to_the_test_file(self, ringcentral_mock):
                assert ringcentral_mock.env["RC_USER_JWT"] == "our-desk-jwt"
    ''')
    run(pytester, "-v").assert_outcomes(passed=4)


def test_the_fixture_moves_the_clock_injects_faults_and_sends_texts(pytester):
    pytester.makepyfile(test_controls='''
        import httpx

        API = "/restapi/v1.0/account/~/extension/~"


        def login(mock):
            env = mock.env
            token = httpx.post(f"{mock.url}/restapi/oauth/token", auth=(env["RC_APP_CLIENT_ID"],
                               env["RC_APP_CLIENT_SECRET"]), data={
                "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": env["RC_USER_JWT"]})
            return httpx.Client(base_url=mock.url, headers={"Authorization": f"Bearer {token.json()['access_token']}"})


        def test_advance_expires_the_token(ringcentral_mock):
            api = login(ringcentral_mock)
            assert api.get(API).status_code == 200
            ringcentral_mock.advance(3601)
            assert api.get(API).json()["errorCode"] == "OAU-128"


        def test_a_fault_answers_instead_of_the_platform_once(ringcentral_mock):
            ringcentral_mock.fault("error", method="GET", path="*/phone-number", error="SERVICE_UNAVAILABLE",
                                   retry_after=1)
            api = login(ringcentral_mock)
            busy = api.get(f"{API}/phone-number")
            assert (busy.status_code, busy.headers["Retry-After"]) == (503, "1")
            assert api.get(f"{API}/phone-number").status_code == 200
            assert [r["fault"] for r in ringcentral_mock.requests()] == [None, "error", None]


        def test_an_inbound_text_lands_in_the_store(ringcentral_mock):
            ringcentral_mock.inbound(from_="+14155550123", text="Are you open on Saturday?")
            listed = login(ringcentral_mock).get(f"{API}/message-store").json()["records"]
            assert [(m["from"]["phoneNumber"], m["subject"]) for m in listed] == [
                ("+14155550123", "Are you open on Saturday?")]
    ''')
    run(pytester).assert_outcomes(passed=3)


@pytest.mark.parametrize(("marker", "line"), [
    ("bad.toml", "bad.toml: [extensions.0.numbers.0] has an unknown key 'featurs'; allowed: features, id,"),
    ("missing.toml", "missing.toml: cannot read the scenario file: No such file or directory"),
    ("call-queu", "unknown scenario 'call-queu'; known: call-queue, "),
], ids=["a-typo", "no-such-file", "no-such-built-in"])
def test_a_scenario_the_mock_refuses_fails_the_test_with_its_one_line(pytester, marker, line):
    (pytester.path / "bad.toml").write_text(DESK.replace("features", "featurs"), "utf-8")
    pytester.makepyfile(test_refused=f'''
        import pytest


        @pytest.mark.ringcentral_scenario({marker!r})
        def test_refused(ringcentral_mock):
            pass
    ''')
    result = run(pytester)
    result.assert_outcomes(errors=1)
    shown = result.stdout.str()
    report = shown.split(" ERROR at setup of test_refused ")[1].split("short test summary info")[0]
    assert [text for text in report.splitlines()[1:] if text.strip("= ")] == [AnyStartingWith(line)], shown
    assert f"Failed: {line[:20]}" in shown, shown  # the summary line too


def test_a_run_that_never_asks_for_the_mock_starts_none(pytester):
    pytester.makepyfile(test_plain='''
        import sys
        import threading


        def test_plain(pytestconfig):
            assert pytestconfig.pluginmanager.has_plugin("ringcentral_mock")  # loaded, through its entry point
            assert not {"ringcentral_mock.server", "ringcentral_mock.app", "uvicorn"} & set(sys.modules)
            assert "ringcentral-mock" not in [thread.name for thread in threading.enumerate()]
    ''')
    run(pytester).assert_outcomes(passed=1)


def test_importing_the_plugin_loads_no_web_framework():
    code = ("import sys, pytest, ringcentral_mock.pytest_plugin; "
            "print(sorted({'fastapi', 'starlette', 'uvicorn', 'httpx', 'pydantic'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr
