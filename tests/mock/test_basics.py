"""The behaviours the guide's first page relies on, one per test."""

from __future__ import annotations

from ringcentral_mock import errors
from sample_harness.api import JWT_GRANT, MESSAGE_STORE, PHONE_NUMBERS, SMS, basic, error_code, sms_body


def test_jwt_login_returns_both_lifetimes(client):
    body = client.post("/restapi/oauth/token", headers=basic(),
                       data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"}).json()
    assert body["expires_in"] == 3600 and body["refresh_token_expires_in"] == 604800
    assert body["token_type"] == "bearer" and body["owner_id"] == "400100001"


def test_unknown_client_is_oau_146(client):
    response = client.post("/restapi/oauth/token", headers=basic(secret="wrong"),
                           data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    assert error_code(response) == (401, errors.INVALID_CLIENT[1])


def test_bad_jwt_is_an_oauth_error(client):
    body = client.post("/restapi/oauth/token", headers=basic(),
                       data={"grant_type": JWT_GRANT, "assertion": "nope"}).json()
    assert body["error"] == "invalid_grant" and body["error_description"] == "Token not found"


def test_missing_bearer_token_is_refused(client):
    assert client.get(PHONE_NUMBERS).status_code == 401


def test_revoked_token_is_refused(client, login):
    headers = login()
    token = headers["Authorization"].split()[1]
    client.post("/restapi/oauth/revoke", headers=basic(), data={"token": token})
    assert error_code(client.get(PHONE_NUMBERS, headers=headers)) == (401, "OAU-129")


def test_phone_numbers_carry_features(client, login):
    records = client.get(PHONE_NUMBERS, headers=login()).json()["records"]
    assert [r["features"] for r in records] == [["CallerId", "SmsSender", "MmsSender"], ["CallerId"],
                                                ["CallerId", "A2PSmsSender"]]


def test_sms_is_queued_then_delivered_on_first_read(client, login):
    headers = login()
    sent = client.post(SMS, headers=headers, json=sms_body()).json()
    assert sent["messageStatus"] == "Queued" and sent["from"]["phoneNumber"] == "+16505550100"
    read = client.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers)
    assert read.json()["messageStatus"] == "Delivered"


def test_number_the_user_does_not_own_is_msg_304(client, login):
    assert error_code(client.post(SMS, headers=login(), json=sms_body(sender="+16505550120"))) == (403, "MSG-304")


def test_number_without_sms_sender_is_msg_242(client, login):
    assert error_code(client.post(SMS, headers=login(), json=sms_body(sender="+16505550101"))) == (403, "MSG-242")


def test_high_volume_number_without_sms_sender_is_msg_242(client, login):
    assert error_code(client.post(SMS, headers=login(), json=sms_body(sender="+18885550100"))) == (403, "MSG-242")


def test_missing_text_names_the_parameter(client, login):
    body = sms_body()
    del body["text"]
    response = client.post(SMS, headers=login(), json=body)
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "text"


def test_text_over_1000_utf16_units_is_msg_338(client, login):
    # 500 astral characters are 1000 UTF-16 units: allowed; one more BMP character is not.
    assert client.post(SMS, headers=login(), json=sms_body(text="😀" * 500)).status_code == 200
    assert error_code(client.post(SMS, headers=login(), json=sms_body(text="😀" * 500 + "a"))) == (400, "MSG-338")


def test_unknown_message_is_cmn_102(client, login):
    response = client.get(f"{MESSAGE_STORE}/1", headers=login())
    assert error_code(response) == (404, "CMN-102")


def test_unknown_route_is_cmn_120(client, login):
    assert error_code(client.get("/restapi/v1.0/nowhere", headers=login())) == (404, "CMN-120")


def test_numeric_extension_id_is_accepted(client, login):
    response = client.get("/restapi/v1.0/account/400100000/extension/400100001/phone-number", headers=login())
    assert response.status_code == 200


def test_message_to_an_extension_lands_in_its_inbox_unless_disabled(client, login, state):
    client.post(SMS, headers=login(), json=sms_body(to="+16505550150"))  # Bob, enabled
    client.post(SMS, headers=login(), json=sms_body(to="+16505550130"))  # Dora, disabled
    inbound = [m.extension_id for m in state.messages.values() if m.direction == "Inbound"]
    assert inbound == [state.extension("bob").id]


def test_recorder_keeps_method_path_and_parsed_body(client, login):
    client.post(SMS, headers=login(), json=sms_body())
    last = client.get("/__mock/requests").json()[-1]
    assert (last["method"], last["path"], last["body"]["text"], last["status"]) == ("POST", SMS, "Hello", 200)


def test_the_record_answers_requests_and_faults_at_once(client, login):
    client.post("/__mock/faults", json={"faults": [{"kind": "error", "method": "POST", "path": "*/sms",
                                                    "error": "SERVICE_UNAVAILABLE"}]})
    client.post(SMS, headers=login(), json=sms_body())
    record = client.get("/__mock/record").json()
    assert record == {"requests": client.get("/__mock/requests").json(),
                      "deliveries": client.get("/__mock/deliveries").json(),
                      "faults": client.get("/__mock/faults").json()["faults"]}
    assert [r["status"] for r in record["requests"]] == [200, 503] and record["faults"][0]["hits"] == 1


def test_recorder_times_each_request(client, login):
    client.post(SMS, headers=login(), json=sms_body())
    times = [r["ms"] for r in client.get("/__mock/requests").json()]
    assert len(times) == 2 and all(isinstance(t, float) and 0 < t < 10_000 for t in times)


def test_reset_clears_requests_and_messages(client, login, state):
    client.post(SMS, headers=login(), json=sms_body())
    client.post("/__mock/reset", json={"scenario": "call-queue"})
    assert client.get("/__mock/requests").json() == [] and state.messages == {}
    assert state.env("http://x")["RC_USER_JWT"] == "mock-jwt-support-queue"
