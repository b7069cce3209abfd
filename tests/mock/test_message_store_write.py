"""The message store's write side: read status, delete and restore, bulk updates, sync, and templates."""

from __future__ import annotations

import email
import json

import pytest

from ringcentral_mock import MockState
from ringcentral_mock.platform.messages import SYNC_TOKEN_TTL
from sample_harness.api import MESSAGE_STORE

SYNC = MESSAGE_STORE.replace("message-store", "message-sync")
USER_TEMPLATES = MESSAGE_STORE + "-templates"
COMPANY_TEMPLATES = "/restapi/v1.0/account/~/message-store-templates"


@pytest.fixture
def state() -> MockState:
    return MockState("message-history")


def newest(client, headers, **query) -> dict:
    records = client.get(MESSAGE_STORE, headers=headers, params=query).json()["records"]
    return records[0]


def error_code(response) -> str:
    return response.json()["errorCode"]


# -- Read status, delete, restore ------------------------------------------------------------------

def test_put_and_patch_set_the_read_status(client, login):
    headers = login()
    message = newest(client, headers, direction="Inbound", readStatus="Unread")
    put = client.put(f"{MESSAGE_STORE}/{message['id']}", headers=headers, json={"readStatus": "Read"})
    assert put.status_code == 200 and put.json()["readStatus"] == "Read"
    patch = client.patch(f"{MESSAGE_STORE}/{message['id']}", headers=headers, json={"readStatus": "Unread"})
    assert patch.status_code == 200 and patch.json()["readStatus"] == "Unread"
    assert client.patch(f"{MESSAGE_STORE}/{message['id']}", headers=headers, json={}).status_code == 400


def test_put_on_a_message_that_does_not_exist_is_cmn_102(client, login):
    response = client.put(f"{MESSAGE_STORE}/1", headers=login(), json={"readStatus": "Read"})
    assert response.status_code == 404 and error_code(response) == "CMN-102"


def test_delete_answers_204_with_no_body_and_the_message_is_deleted(client, login):
    headers = login()
    message = newest(client, headers)
    deleted = client.delete(f"{MESSAGE_STORE}/{message['id']}", headers=headers)
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(f"{MESSAGE_STORE}/{message['id']}", headers=headers).json()["availability"] == "Deleted"
    assert newest(client, headers)["id"] != message["id"]  # the list shows Alive messages unless asked
    assert newest(client, headers, availability="Deleted")["id"] == message["id"]


def test_a_second_delete_purges_and_a_purged_message_is_gone(client, login):
    headers = login()
    message = newest(client, headers)
    uri = f"{MESSAGE_STORE}/{message['id']}"
    assert client.delete(uri, headers=headers).status_code == 204
    assert client.delete(uri, headers=headers).status_code == 204
    for response in (client.get(uri, headers=headers), client.delete(uri, headers=headers),
                     client.patch(uri, headers=headers, json={"availability": "Alive"})):
        assert response.status_code == 404 and error_code(response) == "CMN-102"


def test_purge_true_purges_at_once(client, login):
    headers = login()
    uri = f"{MESSAGE_STORE}/{newest(client, headers)['id']}"
    assert client.delete(uri, headers=headers, params={"purge": "true"}).status_code == 204
    assert client.get(uri, headers=headers).status_code == 404


def test_patch_availability_alive_restores_a_deleted_message(client, login):
    headers = login()
    message = newest(client, headers)
    uri = f"{MESSAGE_STORE}/{message['id']}"
    client.delete(uri, headers=headers)
    restored = client.patch(uri, headers=headers, json={"availability": "Alive"})
    assert restored.status_code == 200 and restored.json()["availability"] == "Alive"
    assert newest(client, headers)["id"] == message["id"]


def test_delete_of_a_message_that_does_not_exist_is_cmn_102(client, login):
    response = client.delete(f"{MESSAGE_STORE}/1", headers=login())
    assert response.status_code == 404 and error_code(response) == "CMN-102"


def test_delete_by_conversation_deletes_its_messages_only(client, login, state):
    headers = login()
    message = newest(client, headers)
    before = client.get(MESSAGE_STORE, headers=headers).json()["paging"]["totalElements"]
    mine = [m for m in state.messages.values() if m.conversation_id == message["conversationId"]]
    response = client.delete(MESSAGE_STORE, headers=headers, params={"conversationId": message["conversationId"]})
    assert response.status_code == 204 and response.content == b""
    assert {m.availability for m in mine} == {"Deleted"}
    after = client.get(MESSAGE_STORE, headers=headers).json()["paging"]["totalElements"]
    assert after == before - sum(1 for m in mine if m.created_at > state.clock.now() - 86400)
    assert client.delete(MESSAGE_STORE, headers=headers).status_code == 400  # the mock's choice: it is required


def test_bulk_ids_with_mixed_results_are_207_multipart(client, login):
    headers = login()
    message = newest(client, headers, readStatus="Unread")
    response = client.put(f"{MESSAGE_STORE}/{message['id']},1", headers=headers, json={"readStatus": "Read"})
    assert response.status_code == 207 and response.headers["content-type"].startswith("multipart/mixed")
    parsed = email.message_from_bytes(
        b"Content-Type: " + response.headers["content-type"].encode() + b"\r\n\r\n" + response.content)
    statuses, record, refusal = (json.loads(part.get_payload()) for part in parsed.get_payload())
    assert statuses == {"response": [{"status": 200}, {"status": 404}]}
    assert record["id"] == message["id"] and record["readStatus"] == "Read"
    assert refusal["errorCode"] == "CMN-102"


def test_more_than_50_ids_is_cmn_101(client, login):
    ids = ",".join(str(n) for n in range(1, 52))
    response = client.put(f"{MESSAGE_STORE}/{ids}", headers=login(), json={"readStatus": "Read"})
    assert response.status_code == 400 and error_code(response) == "CMN-101"


def test_python_sdk_reads_the_207(client, login):
    import requests
    from ringcentral.http.api_response import ApiResponse

    headers = login()
    message = newest(client, headers, readStatus="Unread")
    answer = client.put(f"{MESSAGE_STORE}/{message['id']},1", headers=headers, json={"readStatus": "Read"})
    raw = requests.Response()
    raw.status_code, raw._content = answer.status_code, answer.content
    raw.headers.update(answer.headers)
    parts = ApiResponse(response=raw).multipart()
    assert [p.response().status_code for p in parts] == [200, 404]
    assert parts[0].json_dict()["readStatus"] == "Read"


# -- Sync --------------------------------------------------------------------------------------------

def sync(client, headers, **query):
    response = client.get(SYNC, headers=headers, params=query)
    assert response.status_code == 200, response.text
    return response.json()


def test_fsync_then_isync_returns_only_the_changes(client, login, state):
    headers = login()
    full = sync(client, headers, syncType="FSync")
    assert full["syncInfo"]["syncType"] == "FSync" and len(full["records"]) == 7  # the last 24 hours
    token = full["syncInfo"]["syncToken"]
    assert sync(client, headers, syncType="ISync", syncToken=token)["records"] == []
    marked = full["records"][0]["id"]
    client.put(f"{MESSAGE_STORE}/{marked}", headers=headers, json={"readStatus": "Read"})
    arrived = state.receive(None, "+16505550177", "Are you open today?")
    changes = sync(client, headers, syncType="ISync", syncToken=token)
    assert changes["syncInfo"]["syncType"] == "ISync"
    assert [r["id"] for r in changes["records"]] == [arrived.id, marked]
    after = sync(client, headers, syncType="ISync", syncToken=changes["syncInfo"]["syncToken"])
    assert after["records"] == []


def test_a_deleted_message_comes_back_as_id_and_availability(client, login):
    headers = login()
    full = sync(client, headers, syncType="FSync")
    gone = full["records"][0]["id"]
    client.delete(f"{MESSAGE_STORE}/{gone}", headers=headers)
    changes = sync(client, headers, syncType="ISync", syncToken=full["syncInfo"]["syncToken"])
    assert changes["records"] == [{"id": gone, "availability": "Deleted"}]


def test_record_count_keeps_the_newest_and_says_older_records_exist(client, login):
    full = sync(client, login(), syncType="FSync", recordCount=3)
    assert len(full["records"]) == 3 and full["syncInfo"]["olderRecordsExist"] is True


def test_an_unknown_or_stale_sync_token_is_msg_333(client, login, state):
    headers = login()
    unknown = client.get(SYNC, headers=headers, params={"syncType": "ISync", "syncToken": "nonsense"})
    assert unknown.status_code == 400 and error_code(unknown) == "MSG-333"
    token = sync(client, headers, syncType="FSync")["syncInfo"]["syncToken"]
    state.clock.advance(SYNC_TOKEN_TTL + 1)
    stale = client.get(SYNC, headers=login(), params={"syncType": "ISync", "syncToken": token})
    assert stale.status_code == 400 and error_code(stale) == "MSG-333"


def test_isync_without_a_token_is_cmn_101(client, login):
    response = client.get(SYNC, headers=login(), params={"syncType": "ISync"})
    assert response.status_code == 400 and response.json()["errors"][0]["parameterName"] == "syncToken"


# -- Templates ---------------------------------------------------------------------------------------

def template(name: str, text: str = "Your order is ready") -> dict:
    return {"displayName": name, "body": {"text": text}}


def test_a_template_is_created_listed_read_updated_and_deleted(client, login, state):
    state.reset("default")  # no templates yet
    headers = login()
    created = client.post(USER_TEMPLATES, headers=headers, json=template("Order ready"))
    assert created.status_code == 200
    body = created.json()
    assert body["scope"] == "Personal" and body["body"] == {"text": "Your order is ready"}
    uri = f"{USER_TEMPLATES}/{body['id']}"
    assert [t["id"] for t in client.get(USER_TEMPLATES, headers=headers).json()["records"]] == [body["id"]]
    assert client.get(uri, headers=headers).json()["displayName"] == "Order ready"
    updated = client.put(uri, headers=headers, json=template("Order ready", "Come and get it"))
    assert updated.json()["body"]["text"] == "Come and get it"
    deleted = client.delete(uri, headers=headers)
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(uri, headers=headers).status_code == 404


def test_a_duplicate_template_name_is_refused(client, login, state):
    state.reset("default")  # no templates yet
    headers = login()
    assert client.post(USER_TEMPLATES, headers=headers, json=template("Order ready")).status_code == 200
    again = client.post(USER_TEMPLATES, headers=headers, json=template("Order ready"))
    assert again.status_code == 400 and error_code(again) == "CMN-101"
    assert again.json()["errors"][0]["parameterName"] == "displayName"


def test_at_most_25_user_and_50_company_templates(client, login, state):
    state.reset("default")  # no templates yet
    headers = login()
    for number in range(25):
        assert client.post(USER_TEMPLATES, headers=headers, json=template(f"T{number}")).status_code == 200
    assert client.post(USER_TEMPLATES, headers=headers, json=template("T25")).status_code == 400
    for number in range(50):
        if number % 20 == 0:
            state.clock.advance(61)  # out of the Medium group's window, and its penalty
            headers = login()
        assert client.post(COMPANY_TEMPLATES, headers=headers, json=template(f"C{number}")).status_code == 200
    over = client.post(COMPANY_TEMPLATES, headers=headers, json=template("C50"))
    assert over.status_code == 400 and error_code(over) == "CMN-101"


def test_template_text_over_1000_utf16_units_is_refused(client, login, state):
    state.reset("default")  # no templates yet
    headers = login()
    assert client.post(USER_TEMPLATES, headers=headers, json=template("Long", "x" * 1000)).status_code == 200
    over = client.post(USER_TEMPLATES, headers=headers, json=template("Longer", "x" * 999 + "😀"))
    assert over.status_code == 400 and over.json()["errors"][0]["parameterName"] == "body.text"


def test_a_users_list_holds_the_company_templates_and_scope_selects(client, login, state):
    state.reset("default")  # no templates yet
    headers = login()
    company = client.post(COMPANY_TEMPLATES, headers=headers, json=template("Holiday hours")).json()
    personal = client.post(USER_TEMPLATES, headers=headers, json=template("Order ready")).json()
    assert company["scope"] == "Company"
    listed = client.get(USER_TEMPLATES, headers=headers).json()["records"]
    assert [t["id"] for t in listed] == [company["id"], personal["id"]]
    only = client.get(USER_TEMPLATES, headers=headers, params={"scope": "Personal"}).json()["records"]
    assert [t["id"] for t in only] == [personal["id"]]
    assert client.get(COMPANY_TEMPLATES, headers=headers).json()["records"] == [company]
    # A user cannot change the company's template through its own path.
    assert client.delete(f"{USER_TEMPLATES}/{company['id']}", headers=headers).status_code == 404


def test_a_scenarios_templates_are_there_at_each_reset(client, login, state):
    listed = client.get(USER_TEMPLATES, headers=login()).json()["records"]
    assert [(t["displayName"], t["scope"]) for t in listed] == [("Running late", "Personal"),
                                                                ("Opening hours", "Company")]
    client.post(USER_TEMPLATES, headers=login(), json=template("Order ready"))
    state.reset()
    assert len(client.get(USER_TEMPLATES, headers=login()).json()["records"]) == 2


def test_write_routes_are_medium_and_reads_light(client, login):
    headers = login()
    message = newest(client, headers)
    cases = [(client.put(f"{MESSAGE_STORE}/{message['id']}", headers=headers, json={"readStatus": "Read"}),
              "medium"),
             (client.get(SYNC, headers=headers), "light"),
             (client.post(USER_TEMPLATES, headers=headers, json=template("A")), "medium"),
             (client.get(USER_TEMPLATES, headers=headers), "light"),
             (client.delete(f"{MESSAGE_STORE}/{message['id']}", headers=headers), "medium")]
    assert [(r.headers["x-rate-limit-group"], group) for r, group in cases] == [(g, g) for _, g in cases]
