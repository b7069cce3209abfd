"""Scenarios are checked on load: every built-in one, and a user's own file, which may extend one.

A bad key, type or value is one line naming the file, the key (its dotted path) and what is allowed,
wherever it comes in: loading, a reset over HTTP, the command line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from ringcentral_mock import MockState, scenarios
from ringcentral_mock.scenarios import ScenarioError, ScenarioText

OWN = '''extends = "default"
description = "Our support desk"
login = "desk"
recipient = "+14155550123"

[rate_limits]
medium = 1

[[extensions]]
key = "desk"
id = 71
extension_number = "700"
name = "Support Desk"
type = "Department"
jwt = "our-desk-jwt"
numbers = [{ id = 72, phone_number = "+14155550100", features = ["SmsSender"] }]

[[stored_messages]]
owner = "desk"
direction = "Inbound"
minutes_ago = 5
from = "+14155550123"
to = ["+14155550100"]
text = "Is my order shipped?"

[[faults]]
kind = "error"
method = "POST"
path = "*/sms"
error = "SERVICE_UNAVAILABLE"
'''


def refusal(text: str, origin: str = "my.toml") -> str:
    with pytest.raises(ScenarioError) as refused:
        scenarios.load(ScenarioText(origin, text))
    return str(refused.value)


@pytest.mark.parametrize("name", scenarios.names())
def test_every_built_in_scenario_follows_the_format(name):
    assert scenarios.load(name)["login"]


def test_a_users_scenario_extends_a_built_in_one_and_the_mock_runs_it():
    state = MockState(ScenarioText("desk.toml", OWN))
    assert state.scenario_name == "desk.toml"
    assert state.env("http://mock")["RC_USER_JWT"] == "our-desk-jwt"
    assert state.env("http://mock")["SMS_RECIPIENT"] == "+14155550123"
    assert state.limiter.limits == {"light": 50, "medium": 1, "heavy": 10, "auth": 5}  # one key of the table
    assert [m.text for m in state.messages.values()] == ["Is my order shipped?"]
    assert [f.spec.error for f in state.faults.faults] == ["SERVICE_UNAVAILABLE"]
    state.reset()  # back to the same scenario of its own
    assert state.scenario_name == "desk.toml" and len(state.messages) == 1


@pytest.mark.parametrize(("change", "line"), [
    (('features = ["SmsSender"]', 'featurs = ["SmsSender"]'), "my.toml: [extensions.0.numbers.0] has an unknown "
     "key 'featurs'; allowed: features, id, location, payment_type, phone_number, type, usage_type"),
    (("features = [\"SmsSender\"]", 'features = ["Texting"]'), "my.toml: [extensions.0.numbers.0] features.0: "
     "Input should be 'CallerId', 'SmsSender',"),
    (("phone_number = \"+14155550100\"", 'phone_number = "4155550100"'), "my.toml: [extensions.0.numbers.0] "
     "phone_number: '4155550100' is not a phone number in E.164 format, such as +16505550100"),
    (("medium = 1", 'medium = "1"'), "my.toml: [rate_limits] medium: Input should be a valid integer (got '1')"),
    (("medium = 1", "medium = -1"), "my.toml: [rate_limits] medium: Input should be greater than or equal to 0"),
    (('type = "Department"', 'type = "Robot"'), "my.toml: [extensions.0] type: Input should be 'User', "),
    (('login = "desk"', 'login = "dsk"'), "my.toml: login: 'dsk' is the key of no extension; the scenario's "
     "extensions are desk"),
    (('owner = "desk"', 'owner = "alice"'), "my.toml: [stored_messages.0] owner: 'alice' is the key of no "
     "extension; the scenario's extensions are desk"),
    (('error = "SERVICE_UNAVAILABLE"', 'error = "SERVICE_UNAVAILABLE"\nretry_afte = 1'),
     "my.toml: [faults.0] has an unknown key 'retry_afte'; allowed: after, error, kind, method, path, "
     "retry_after, times"),
    (('kind = "error"', 'kind = "eror"'), "my.toml: [faults.0] kind: Input tag 'eror' found using 'kind'"),
    (('description = "Our support desk"', 'descripton = "Our support desk"'),
     "my.toml: the top level has an unknown key 'descripton'; allowed: account, app, description,"),
    (('[rate_limits]\nmedium = 1', '[rate_limits]\nmedium = 1\n[messages.recipients."+14155550123"]\n'
      'status = "DeliveryFailed"\ncode = "SMS-CAR-999"'),
     "my.toml: [messages.recipients.+14155550123] code: a failure needs a known deliveryErrorCode"),
    (('id = 72', 'id = 73'), None),  # a change that breaks nothing: the test's own control
], ids=["unknown-key", "enum-value", "phone-number", "type", "range", "extension-type", "login", "owner",
        "fault-key", "fault-kind", "top-level-key", "outcome-rule", "control"])
def test_a_bad_key_type_or_value_is_one_line_naming_file_key_and_what_is_allowed(change, line):
    old, new = change
    assert old in OWN
    if line is None:
        assert scenarios.load(ScenarioText("my.toml", OWN.replace(old, new)))
        return
    refused = refusal(OWN.replace(old, new))
    assert refused.startswith(line), refused
    assert "\n" not in refused


def test_a_scenario_that_extends_nothing_must_say_everything():
    assert refusal('login = "me"\n') == "my.toml: the top level needs the key 'recipient' (a string)"


def test_extends_names_a_built_in_scenario():
    refused = refusal('extends = "defualt"\n')
    assert refused.startswith("my.toml: extends: 'defualt' is no built-in scenario; built in: call-queue, ")
    assert ", default, " in refused


def test_a_file_that_is_not_toml_or_not_there_is_one_line(tmp_path):
    assert refusal('extends = "default"\n[app\n').startswith("my.toml: not valid TOML: ")
    with pytest.raises(ScenarioError, match=r"^/nowhere/my.toml: cannot read the scenario file: No such file"):
        scenarios.read_file("/nowhere/my.toml")


def test_a_reset_over_http_takes_a_scenario_as_toml_and_answers_a_bad_one_with_its_line(client):
    reset = client.post("/__mock/reset", json={"toml": OWN, "origin": "desk.toml"})
    assert reset.status_code == 200, reset.text
    assert reset.json()["scenario"] == "desk.toml" and reset.json()["env"]["RC_USER_JWT"] == "our-desk-jwt"
    assert client.post("/__mock/reset", json={}).json()["scenario"] == "desk.toml"  # a reset keeps it
    bad = client.post("/__mock/reset", json={"toml": OWN.replace("medium = 1", "medium = -1"), "origin": "desk.toml"})
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("desk.toml: [rate_limits] medium: Input should be greater than")
    assert client.get("/__mock/health").json()["scenario"] == "desk.toml"  # a refused reset changes nothing
    both = client.post("/__mock/reset", json={"scenario": "default", "toml": OWN})
    assert both.status_code == 400


def test_the_command_line_exits_2_with_the_line_before_it_listens(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text(OWN.replace("features", "featurs"), "utf-8")
    done = subprocess.run([sys.executable, "-m", "ringcentral_mock", "--port", "0", "--scenario-file", str(path)],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (f"{path}: [extensions.0.numbers.0] has an unknown key 'featurs'; allowed: features, id, "
                           "location, payment_type, phone_number, type, usage_type\n")


def test_the_command_line_prints_the_settings_of_a_users_scenario_and_serves_it(tmp_path):
    path = tmp_path / "desk.toml"
    path.write_text(OWN, "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "ringcentral_mock", "--port", "0", "--scenario-file", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # It listens before it prints, so once the five .env lines are out it accepts connections.
        settings = dict(proc.stdout.readline().strip().split("=", 1) for _ in range(5))
        assert settings["RC_USER_JWT"] == "our-desk-jwt" and settings["RC_SERVER_URL"].startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{settings['RC_SERVER_URL']}/__mock/health", timeout=10) as answer:
            assert json.load(answer)["scenario"] == str(path)
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
