"""MMS on POST .../sms: multipart bodies (form-data and mixed), MmsSender, and the attachment limits."""

from __future__ import annotations

import json

import pytest
import requests
from ringcentral import SDK

from ringcentral_mock import errors
from ringcentral_mock.platform import messages
from sample_harness.api import MESSAGE_STORE, SMS, sms_body

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # binary content: every byte value, CR and LF too


def multipart(files, mixed=False, body=None):
    """A multipart body as the Python SDK's builder makes it: the JSON request first, then the files."""
    json_part = ("request.json", json.dumps(body or sms_body()), "application/json")
    prepared = requests.Request("POST", "http://mock/", files=[("json", json_part), *files]).prepare()
    content_type = prepared.headers["Content-Type"]
    if mixed:
        content_type = content_type.replace("multipart/form-data", "multipart/mixed")
    return {"content": prepared.body, "headers": {"Content-Type": content_type}}


def png(name="checkers.png", data=PNG, content_type="image/png"):
    return ("attachment", (name, data, content_type) if content_type else (name, data))


def post(client, headers, files, **options):
    request = multipart(files, **options)
    return client.post(SMS, headers={**headers, **request["headers"]}, content=request["content"])


def error(response):
    return response.status_code, response.json()["errorCode"]


@pytest.mark.parametrize("mixed", [False, True], ids=["form-data", "mixed"])
def test_mms_attachment_is_stored_in_the_message_record(client, login, mixed):
    headers = login()
    response = post(client, headers, [png()], mixed=mixed)
    assert response.status_code == 200, response.text
    sent = response.json()
    assert [(a["type"], a["contentType"]) for a in sent["attachments"]] == [
        ("Text", "text/plain"), ("MmsAttachment", "image/png")]
    assert (sent["attachments"][1]["size"], sent["attachments"][1]["fileName"]) == (len(PNG), "checkers.png")
    assert sent["subject"] == "Hello"
    assert client.get(f"{MESSAGE_STORE}/{sent['id']}", headers=headers).json()["attachments"] == sent["attachments"]


@pytest.mark.parametrize("disposition", [
    'form-data; name="attachment"; filename="café ☀.png"'.encode(),  # raw UTF-8, as FormData and the SDKs send it
    b"form-data; name=\"attachment\"; filename*=utf-8''caf%C3%A9%20%E2%98%80.png",  # RFC 2231
], ids=["utf-8", "rfc-2231"])
def test_a_filename_beyond_ascii_is_kept(client, login, disposition):
    boundary = "b0undary"
    parts = [(b'form-data; name="json"; filename="request.json"', b"application/json", json.dumps(sms_body()).encode()),
             (disposition, b"image/png", PNG)]
    body = b"".join(b"--%s\r\nContent-Disposition: %s\r\nContent-Type: %s\r\n\r\n%s\r\n"
                    % (boundary.encode(), d, t, c) for d, t, c in parts) + b"--%s--\r\n" % boundary.encode()
    response = client.post(SMS, headers={**login(), "Content-Type": f"multipart/form-data; boundary={boundary}"},
                           content=body)
    assert response.status_code == 200, response.text
    assert response.json()["attachments"][1]["fileName"] == "café ☀.png"
    assert client.get("/__mock/requests").json()[-1]["body"]["parts"][1]["filename"] == "café ☀.png"


def test_recipient_extension_receives_the_attachment(client, login, state):
    post(client, login(), [png()], body=sms_body(to="+16505550150"))
    inbound = next(m for m in state.messages.values() if m.direction == "Inbound")
    assert [(a.content_type, a.size) for a in inbound.attachments] == [("image/png", len(PNG))]


def test_number_without_mms_sender_is_refused(client, login):
    response = post(client, login("mock-jwt-support-queue"), [png()], body=sms_body(sender="+16505550120"))
    assert error(response) == (403, errors.MMS_NOT_AVAILABLE[1])


def test_same_number_still_sends_plain_sms(client, login):
    response = client.post(SMS, headers=login("mock-jwt-support-queue"), json=sms_body(sender="+16505550120"))
    assert response.status_code == 200


def test_ten_attachments_pass_eleven_are_too_many(client, login):
    assert post(client, login(), [png(f"p{i}.png") for i in range(10)]).status_code == 200
    assert error(post(client, login(), [png(f"p{i}.png") for i in range(11)])) == (400, "MSG-379")


def test_attachments_share_a_limit_of_1_5_million_bytes(client, login):
    half = b"\0" * (messages.MAX_ATTACHMENT_BYTES // 2)
    assert post(client, login(), [png("a.png", half), png("b.png", half)]).status_code == 200
    assert error(post(client, login(), [png("a.png", half), png("b.png", half + b"\0")])) == (400, "MSG-337")


def test_unsupported_media_type_is_415_naming_the_attachment(client, login):
    response = post(client, login(), [png(), png("notes.txt", b"hi", "text/plain")])
    assert error(response) == (415, "MSG-348")
    assert response.json()["message"] == "Unsupported attachment media type, attachment [2]: [notes.txt]"


def test_a_part_without_a_media_type_gets_the_one_its_name_implies(client, login):
    sent = post(client, login(), [png(content_type=None)]).json()
    assert sent["attachments"][1]["contentType"] == "image/png"
    assert error(post(client, login(), [png("data.unknown", content_type=None)])) == (415, "MSG-348")


def test_json_part_is_validated_like_a_json_body(client, login):
    body = sms_body()
    del body["text"]
    response = post(client, login(), [png()], body=body)
    assert error(response) == (400, "CMN-101") and response.json()["parameterName"] == "text"
    not_json = {"content": b"--b\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{oops\r\n--b--\r\n",
                "headers": {"Content-Type": "multipart/form-data; boundary=b"}}
    assert error(client.post(SMS, headers={**login(), **not_json["headers"]}, content=not_json["content"])) == (
        400, "CMN-103")


def test_multipart_without_parts_is_cmn_101(client, login):
    response = client.post(SMS, headers={**login(), "Content-Type": "multipart/mixed"}, content=b"nothing")
    assert error(response) == (400, "CMN-101")


def test_recorder_summarises_the_parts(client, login):
    post(client, login(), [png()])
    assert client.get("/__mock/requests").json()[-1]["body"] == {"parts": [
        {"name": "json", "filename": "request.json", "contentType": "application/json", "body": sms_body()},
        {"name": "attachment", "filename": "checkers.png", "contentType": "image/png", "size": len(PNG)},
    ]}


@pytest.mark.parametrize("mixed", [False, True], ids=["form-data", "mixed"])
def test_python_sdk_multipart_builder_is_accepted(mock, mixed):
    settings = mock.reset()
    sdk = SDK(settings["RC_APP_CLIENT_ID"], settings["RC_APP_CLIENT_SECRET"], settings["RC_SERVER_URL"])
    sdk.platform().login(jwt=settings["RC_USER_JWT"])
    builder = sdk.create_multipart_builder().set_body(sms_body()).set_multipart_mixed(mixed)
    builder.add(("checkers.png", PNG, "image/png"))
    sent = sdk.platform().send_request(builder.request(SMS)).json()
    assert [a.type for a in sent.attachments] == ["Text", "MmsAttachment"]
    assert mock.requests()[-1]["content_type"].startswith("multipart/mixed" if mixed else "multipart/form-data")


def test_mms_is_listed_as_sms_in_the_store(client, login):
    headers = login()
    sent = post(client, headers, [png()]).json()
    listed = client.get(MESSAGE_STORE, headers=headers, params={"messageType": "SMS"}).json()["records"]
    assert [(m["id"], m["type"]) for m in listed] == [(sent["id"], "SMS")]
