"""What a live run reads and refuses before it makes any request, and what it counts."""

from __future__ import annotations

import pytest

from sample_harness import expectations
from sample_harness.expectations import Case
from sample_harness.live_settings import EXAMPLE_FILE, PRODUCTION, LiveSetupError, check, load
from sample_harness.pacing import Pacer
from sample_harness.target import LiveTarget

GOOD = {"RC_SERVER_URL": "https://platform.example.test", "RC_APP_CLIENT_ID": "an-id",
        "RC_APP_CLIENT_SECRET": "s3cret-value", "RC_USER_JWT": "jwt-value", "SMS_RECIPIENT": "+16505550142"}


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("RC_APP_CLIENT_ID=from-file\nSMS_RECIPIENT=+16505550143\nRC_USER_JWT=file-jwt\n")
    settings = load({"SMS_RECIPIENT": "+16505550142", "UNRELATED": "x"}, env_file)
    assert settings == {"RC_SERVER_URL": PRODUCTION, "RC_APP_CLIENT_ID": "from-file", "RC_APP_CLIENT_SECRET": "",
                        "RC_USER_JWT": "file-jwt", "SMS_RECIPIENT": "+16505550142"}


def test_without_an_env_file_only_the_environment_counts(tmp_path):
    assert load(GOOD, tmp_path / "absent") == GOOD


@pytest.mark.parametrize("missing", ["RC_APP_CLIENT_ID", "RC_APP_CLIENT_SECRET", "RC_USER_JWT", "SMS_RECIPIENT"])
def test_each_missing_setting_is_named(missing):
    with pytest.raises(LiveSetupError) as raised:
        check(GOOD | {missing: ""})
    assert f"--live needs {missing} set in .env or the environment" in str(raised.value)


def test_the_recipient_has_no_default(tmp_path):
    with pytest.raises(LiveSetupError, match="SMS_RECIPIENT"):
        check(load({k: v for k, v in GOOD.items() if k != "SMS_RECIPIENT"}, tmp_path / "absent"))


def test_the_example_values_are_refused_by_name_never_shown():
    with pytest.raises(LiveSetupError) as raised:
        check(load({}, EXAMPLE_FILE))
    message = str(raised.value)
    assert "RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT, SMS_RECIPIENT still hold the example values" in message
    assert "your-" not in message and "\n" not in message


def test_one_example_value_left_is_enough_to_refuse():
    with pytest.raises(LiveSetupError, match="^--live: RC_USER_JWT still holds the example value"):
        check(GOOD | {"RC_USER_JWT": "your-user-jwt"})


def test_a_server_url_that_is_no_address_is_refused_without_echoing_it():
    with pytest.raises(LiveSetupError) as raised:
        check(GOOD | {"RC_SERVER_URL": "platform.ringcentral.com/s3cret"})
    assert "RC_SERVER_URL must be an http(s) address" in str(raised.value) and "s3cret" not in str(raised.value)


def test_real_looking_settings_pass():
    check(GOOD)


def test_a_sends_recipients_are_its_messages_whatever_the_expected_outcome():
    group = Case("group", exit=1, requests=(
        {"method": "POST", "path": "/restapi/oauth/token"},
        {"method": "POST", "path": "/restapi/v1.0/account/~/extension/~/sms",
         "body": {"to": [{"phoneNumber": "+1"}, {"phoneNumber": "+2"}, {"phoneNumber": "+3"}]}},
        {"method": "POST", "path": "/restapi/v1.0/account/~/extension/~/mms"},
        {"method": "GET", "path": "/restapi/v1.0/account/~/extension/~/sms"},
    ))
    assert (group.messages, group.logins) == (4, 1)
    assert (Case("unlisted").messages, Case("unlisted").logins) == (None, None)


def test_the_plan_counts_the_send_sms_cases_that_can_run_live():
    target = LiveTarget(GOOD, Pacer())
    cases = expectations.cases_for("send-sms") + [Case("unlisted")]
    plan = target.plan(cases)
    # main + invalid-recipient may send; bad-jwt only logs in; no-sms-number, flaky, delivery-failed
    # and still-queued need their mock scenarios.
    assert (plan.runs, plan.messages, plan.logins) == (3, 2, 3)
    assert sorted(plan.skipped.values()) == [1, 1, 1, 1, 1]
    for scenario in ("no-sms-number", "flaky", "delivery-failed", "still-queued"):
        assert any(f"'{scenario}' scenario" in reason for reason in plan.skipped), scenario
    assert any("cannot count what it sends" in reason for reason in plan.skipped)


def test_live_runs_accept_a_message_still_queued_and_any_id():
    main = expectations.cases_for("send-sms")[0]
    values = {"SMS_RECIPIENT": "+16505550142"}
    output = "Sending from +14155550123 to +16505550142\nSMS sent. Message id: 99\nMessage status: Queued\n"
    assert expectations.match_lines(LiveTarget(GOOD, Pacer()).stdout(main), output, values) == []
    assert expectations.match_lines(main.stdout, output, dict(values)) != []  # the mock's own checks are stricter
