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
