"""Token lifetimes on the mock's clock: expiry, the refresh grant, revocation, configurable lifetimes."""

from __future__ import annotations

from sample_harness.api import JWT_GRANT, PHONE_NUMBERS, TOKEN, basic, error_code

REVOKE = "/restapi/oauth/revoke"


def jwt_login(client, **extra) -> dict:
    return client.post(TOKEN, headers=basic(),
                       data={"grant_type": JWT_GRANT, "assertion": "mock-jwt-alice", **extra}).json()


def refresh(client, refresh_token: str, **extra):
    return client.post(TOKEN, headers=basic(),
                       data={"grant_type": "refresh_token", "refresh_token": refresh_token, **extra})


def bearer(token: dict) -> dict[str, str]:
    return {"Authorization": f"bearer {token['access_token']}"}


def test_refresh_grant_issues_a_new_pair_and_retires_the_old(client):
    first = jwt_login(client)
    client.post("/__mock/clock", json={"advance": 4000})
    second = refresh(client, first["refresh_token"]).json()
    assert client.get(PHONE_NUMBERS, headers=bearer(second)).status_code == 200
    assert error_code(client.get(PHONE_NUMBERS, headers=bearer(first))) == (401, "OAU-129")
    assert error_code(refresh(client, first["refresh_token"])) == (400, "OAU-213")


def test_expired_refresh_token_is_refused(client):
    token = jwt_login(client)
    client.post("/__mock/clock", json={"advance": 604800})
    response = refresh(client, token["refresh_token"])
    assert error_code(response) == (400, "OAU-213") and response.json()["error"] == "invalid_grant"


def test_client_may_ask_for_a_shorter_lifetime_not_a_longer_one(client):
    assert jwt_login(client, access_token_ttl="600")["expires_in"] == 600
    assert jwt_login(client, access_token_ttl="7200")["expires_in"] == 3600


def test_negative_ttl_from_the_js_sdk_means_the_default(client):
    token = jwt_login(client)
    assert refresh(client, token["refresh_token"], access_token_ttl="-1").json()["expires_in"] == 3600


def test_revoking_the_access_token_ends_the_refresh_token_too(client):
    token = jwt_login(client)
    assert client.post(REVOKE, headers=basic(), data={"token": token["access_token"]}).status_code == 200
    assert error_code(client.get(PHONE_NUMBERS, headers=bearer(token))) == (401, "OAU-129")
    assert error_code(refresh(client, token["refresh_token"])) == (400, "OAU-213")


def test_revoke_needs_the_client_credentials(client):
    token = jwt_login(client)
    response = client.post(REVOKE, headers=basic(secret="wrong"), data={"token": token["access_token"]})
    assert error_code(response) == (401, "OAU-146")


def test_lifetimes_come_from_the_scenario(client, state):
    state.scenario["tokens"] = {"access_ttl": 120, "refresh_ttl": 900}
    token = jwt_login(client)
    assert (token["expires_in"], token["refresh_token_expires_in"]) == (120, 900)


def test_clock_endpoint_refuses_going_back(client):
    assert error_code(client.post("/__mock/clock", json={"advance": -5})) == (400, "CMN-101")
