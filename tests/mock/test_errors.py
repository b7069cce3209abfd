"""The platform's refusals, one rule per test: status, errorCode and, where one applies, parameterName."""

from __future__ import annotations

import json

from ringcentral_mock import errors
from sample_harness.api import JWT_GRANT, PHONE_NUMBERS, SMS, TOKEN, basic, error_code, sms_body


def test_bad_client_credentials_is_oau_146_in_oauth_shape(client):
    response = client.post(TOKEN, headers=basic(secret="wrong"), data={"grant_type": JWT_GRANT, "assertion": "x"})
    body = response.json()
    assert error_code(response) == (401, "OAU-146")
    assert body["error"] == "invalid_client" and body["error_description"] == "Invalid client credentials"


def test_unknown_jwt_is_an_oauth_error_with_errors_list(client):
    response = client.post(TOKEN, headers=basic(), data={"grant_type": JWT_GRANT, "assertion": "not-a-user"})
    body = response.json()
    assert error_code(response) == (400, "OAU-213")
    assert (body["error"], body["error_description"]) == ("invalid_grant", body["errors"][0]["message"])


def test_expired_access_token_is_oau_128(client, login):
    headers = login()
    client.post("/__mock/clock", json={"advance": 3600})
    assert error_code(client.get(PHONE_NUMBERS, headers=headers)) == (401, "OAU-128")


def test_access_token_is_valid_until_its_lifetime_ends(client, login):
    headers = login()
    client.post("/__mock/clock", json={"advance": 3599})
    assert client.get(PHONE_NUMBERS, headers=headers).status_code == 200


def test_invalid_enum_query_value_is_cmn_101(client, login):
    response = client.get(PHONE_NUMBERS, headers=login(), params={"usageType": "Nonsense"})
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "usageType"


def test_usage_type_filter_narrows_the_list(client, login):
    records = client.get(PHONE_NUMBERS, headers=login(), params={"usageType": "MainCompanyNumber"}).json()["records"]
    assert records == []


def test_invalid_phone_number_names_the_nested_parameter(client, login):
    response = client.post(SMS, headers=login(), json=sms_body(to="not a number"))
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "to.phoneNumber"


def test_lone_surrogate_in_text_is_cmn_101(client, login):
    raw = json.dumps(sms_body()).replace("Hello", "\\ud800")
    response = client.post(SMS, headers={**login(), "Content-Type": "application/json"}, content=raw)
    assert error_code(response) == (400, "CMN-101") and response.json()["parameterName"] == "text"


def test_garbage_body_labelled_json_is_cmn_103(client, login):
    response = client.post(SMS, headers={**login(), "Content-Type": "application/json"}, content=b"{not json")
    assert error_code(response) == (400, "CMN-103")


def test_json_body_labelled_text_plain_is_415(client, login):
    body = json.dumps(sms_body())
    response = client.post(SMS, headers={**login(), "Content-Type": "text/plain"}, content=body)
    assert error_code(response) == (415, errors.UNSUPPORTED_MEDIA_TYPE[1])
    assert response.json()["parameterName"] == "Content-Type"


def test_json_body_without_content_type_is_415(client, login):
    response = client.post(SMS, headers=login(), content=json.dumps(sms_body()))
    assert error_code(response) == (415, errors.UNSUPPORTED_MEDIA_TYPE[1])


def test_json_body_to_the_token_endpoint_is_415(client):
    response = client.post(TOKEN, headers=basic(), json={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice"})
    assert error_code(response) == (415, errors.UNSUPPORTED_MEDIA_TYPE[1])


def test_more_than_ten_recipients_is_refused(client, login):
    body = sms_body()
    body["to"] = [{"phoneNumber": f"+1650555{n:04d}"} for n in range(11)]
    response = client.post(SMS, headers=login(), json=body)
    assert error_code(response) == (400, errors.TOO_MANY_RECIPIENTS[1]) and response.json()["parameterName"] == "to"
    body["to"] = body["to"][:10]
    assert client.post(SMS, headers=login(), json=body).status_code == 200


def test_wrong_method_on_a_known_path_is_cmn_120(client, login):
    assert error_code(client.delete(SMS, headers=login())) == (404, "CMN-120")


def test_unsupported_grant_type_is_oau_112(client):
    response = client.post(TOKEN, headers=basic(), data={"grant_type": "password", "username": "a"})
    assert error_code(response) == (403, "OAU-112") and response.json()["error"] == "unsupported_grant_type"


def test_another_extension_in_the_path_is_cmn_102(client, login):
    response = client.get("/restapi/v1.0/account/~/extension/400100005/phone-number", headers=login())
    assert error_code(response) == (404, "CMN-102") and response.json()["parameterName"] == "extensionId"
