"""GET .../extension/~: the caller's own extension, as a live run's banner names it."""

from __future__ import annotations

from sample_harness.api import EXTENSION


def test_tilde_names_the_logged_in_extension(client, login):
    body = client.get(EXTENSION, headers=login("mock-jwt-support-queue")).json()
    assert (body["id"], body["extensionNumber"], body["name"]) == (400100002, "201", "Support Queue")
    assert (body["type"], body["status"], body["account"]["id"]) == ("Department", "Enabled", "400100000")
    assert body["uri"].endswith("/restapi/v1.0/account/400100000/extension/400100002")


def test_another_extension_is_not_found(client, login):
    response = client.get("/restapi/v1.0/account/~/extension/400100005", headers=login())
    assert response.status_code == 404 and response.json()["errorCode"] == "CMN-102"


def test_it_needs_a_bearer_token(client):
    assert client.get(EXTENSION).status_code == 401
