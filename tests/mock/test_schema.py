"""The mock's published OpenAPI agrees with the platform's official one, name by name, enum by enum.

Compared for every operation both documents have: the path and query parameters, the JSON request
body, the 200 (or default) response body and the throttling group. A field is its dotted path (`to[].phoneNumber`)
with its JSON type and enum. The mock must accept every request field the platform documents, and
everything it publishes must exist on the platform with the same type and enum; it may leave out
optional response fields, as the platform leaves out fields that have no value.

Every difference that remains is listed in ALLOWED with the reason it is there.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from sample_harness.paths import SHARED_REFERENCE

OFFICIAL = SHARED_REFERENCE / "ringcentral-openapi-sms-subset.json"
ACCOUNT = "/restapi/v1.0/account/{accountId}/extension/{extensionId}"

ALLOWED = {
    "POST /restapi/oauth/token: not in the official document":
        "the OAuth endpoints are not part of the official document's paths (only its securitySchemes)",
    "POST /restapi/oauth/revoke: not in the official document":
        "the OAuth endpoints are not part of the official document's paths (only its securitySchemes)",
    "POST /restapi/oauth/wstoken: not in the official document":
        "the document predates the WebSocket API (the current one, ../shared/reference/schemas/, has it)",
    "GET /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}:"
    " not in the official document": "the subset leaves out the content endpoint, which the current API has",
    "PUT /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: path messageId is "
    "{'type': 'string', 'enum': None, 'required': True}, officially {'type': 'array', 'enum': None, "
    "'required': True}": "a path segment is one string: the mock reads up to 50 ids joined by commas from it",
    "DELETE /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: path messageId "
    "is {'type': 'integer', 'enum': None, 'required': True}, officially {'type': 'array', 'enum': None, "
    "'required': True}": "the mock deletes one message at a time (conversations by DELETE .../message-store)",
    "DELETE /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: query type is "
    "not in the official document": "the current API has it (../shared/reference/schemas/, DeleteMessageParameters)",
    "DELETE /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: query "
    "conversationId ({'type': 'integer', 'enum': None, 'required': False}) is missing from the mock":
        "the current API has no such filter on one message; conversations are deleted by DELETE .../message-store",
    **{f"{op}: not in the official document": "the subset leaves out the message store's write side and "
       "templates, which the current API has (../shared/reference/schemas/)" for op in (
        f"DELETE {ACCOUNT}/message-store", f"PATCH {ACCOUNT}/message-store/{{messageId}}",
        f"GET {ACCOUNT}/message-sync",
        *(f"{method} {owner}/message-store-templates{item}"
          for owner in (ACCOUNT, "/restapi/v1.0/account/{accountId}")
          for method, item in (("GET", ""), ("POST", ""), ("GET", "/{templateId}"), ("PUT", "/{templateId}"),
                               ("DELETE", "/{templateId}"))))},
    **{f"{op}: not in the official document": "the subset predates High Volume SMS; tests/mock/test_high_volume.py "
       "checks its models' fields against the current definitions (../shared/reference/schemas/a2p-schemas.ts.txt)"
       for op in (f"{method} /restapi/v1.0/account/{{accountId}}/a2p-sms/{path}" for method, path in (
           ("POST", "batches"), ("GET", "batches"), ("GET", "batches/{batchId}"), ("GET", "messages"),
           ("GET", "messages/{messageId}"), ("GET", "statuses")))},
    "PUT /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: query dateFrom "
    "({'type': 'string', 'enum': None, 'required': False}) is missing from the mock":
        "a bulk update's filter; the mock updates one message",
    "PUT /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}: query type "
    "({'type': 'string', 'enum': ['All', 'Fax', 'Pager', 'SMS', 'Text', 'VoiceMail'], 'required': False}) is "
    "missing from the mock": "a bulk update's filter; the mock updates one message",
}


def flatten(doc: dict[str, Any], schema: dict[str, Any] | None, prefix: str,
            out: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every field under `schema` as {dotted path: {type, enum, required}}, with $refs resolved."""
    schema = resolve(doc, schema or {})
    if schema.get("type") == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            sub = resolve(doc, sub)
            out[path] = describe(doc, sub, name in schema.get("required", ()))
            flatten(doc, sub, path, out)
    elif schema.get("type") == "array":
        flatten(doc, schema.get("items"), prefix + "[]", out)
    return out


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow $ref and drop pydantic's `anyOf [X, null]` wrapper of optional fields."""
    while "$ref" in schema or "anyOf" in schema:
        if "$ref" in schema:
            node: Any = doc
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        else:
            kept = [s for s in schema["anyOf"] if s.get("type") != "null"]
            if len(kept) != 1:
                break
            schema = kept[0]
    return schema


def describe(doc: dict[str, Any], schema: dict[str, Any], required: bool) -> dict[str, Any]:
    items = resolve(doc, schema.get("items", {})) if schema.get("type") == "array" else schema
    enum = items.get("enum") or ([items["const"]] if "const" in items else None)
    return {"type": schema.get("type", "object" if "properties" in schema else None),
            "enum": sorted(enum) if enum else None, "required": required}


def operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"METHOD path": {field key: description}} for each operation of the document."""
    ops = {}
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            fields: dict[str, Any] = {"x-throttling-group": {"value": op.get("x-throttling-group")}}
            for param in op.get("parameters", []):
                schema = resolve(doc, param["schema"])
                fields[f"{param['in']} {param['name']}"] = describe(doc, schema, param.get("required", False))
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            for key, value in flatten(doc, body, "", {}).items():
                fields[f"request {key}"] = value
            responses = op.get("responses", {})
            success = responses.get("200") or responses.get("default", {})  # readExtension documents only "default"
            ok = success.get("content", {}).get("application/json", {})
            for key, value in flatten(doc, ok.get("schema"), "", {}).items():
                fields[f"response {key}"] = value
            ops[f"{method.upper()} {path}"] = fields
    return ops


def differences(mock: dict[str, Any], official: dict[str, Any]) -> list[str]:
    found = []
    ours, theirs = operations(mock), operations(official)
    for op, fields in ours.items():
        if op not in theirs:
            found.append(f"{op}: not in the official document")
            continue
        for key, value in fields.items():
            other = theirs[op].get(key)
            if other is None:
                found.append(f"{op}: {key} is not in the official document")
            elif {**value, "required": None} != {**other, "required": None}:
                found.append(f"{op}: {key} is {value}, officially {other}")
        for key, other in theirs[op].items():
            # A required field counts only where the mock publishes its parent object.
            parent = key.rpartition(".")[0].removesuffix("[]")
            required = other.get("required") and (not parent or parent in fields)
            if key not in fields and (key.startswith(("path ", "query ", "request ")) or required):
                found.append(f"{op}: {key} ({other}) is missing from the mock")
    return found


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    if not OFFICIAL.exists():
        pytest.skip(f"the official OpenAPI subset is not on this machine ({OFFICIAL})")
    return json.loads(OFFICIAL.read_text("utf-8"))


def test_mock_publishes_its_openapi(client):
    doc = client.get("/__mock/openapi.json").json()
    assert f"{ACCOUNT}/sms" in doc["paths"] and "/__mock/reset" not in doc["paths"]


def test_schema_agrees_with_the_official_subset(client, official):
    found = differences(client.get("/__mock/openapi.json").json(), official)
    unexplained = [d for d in found if d not in ALLOWED]
    stale = [d for d in ALLOWED if d not in found]
    assert not unexplained, "differences from the official OpenAPI not in ALLOWED:\n  " + "\n  ".join(unexplained)
    assert not stale, "ALLOWED lists differences that are gone; remove them:\n  " + "\n  ".join(stale)


def test_comparison_catches_a_changed_enum_and_an_unknown_field(client, official):
    mock = client.get("/__mock/openapi.json").json()
    mock["components"]["schemas"]["MessageInfo"]["properties"]["readStatus"]["enum"].append("Skimmed")
    mock["components"]["schemas"]["SmsRequest"]["properties"]["priority"] = {"type": "string"}
    found = differences(mock, official)
    assert any("response readStatus" in d for d in found) and any("request priority" in d for d in found)
