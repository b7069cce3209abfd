"""The platform calls the tests make by hand: paths, client authentication, request bodies."""

from __future__ import annotations

import base64

JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN = "/restapi/oauth/token"
EXTENSION = "/restapi/v1.0/account/~/extension/~"
SMS = "/restapi/v1.0/account/~/extension/~/sms"
PHONE_NUMBERS = "/restapi/v1.0/account/~/extension/~/phone-number"
MESSAGE_STORE = "/restapi/v1.0/account/~/extension/~/message-store"


def basic(client_id: str = "mock-client-id", secret: str = "mock-client-secret") -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def sms_body(sender: str = "+16505550100", to: str = "+16505550199", text: str = "Hello") -> dict:
    return {"from": {"phoneNumber": sender}, "to": [{"phoneNumber": to}], "text": text}


def error_code(response) -> tuple[int, str]:
    """(status, errorCode) of a platform error response, after checking it is JSON in the platform's shape."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert body["errors"] and all(e["errorCode"] and e["message"] for e in body["errors"]), body
    return response.status_code, body.get("errorCode") or body["errors"][0]["errorCode"]
