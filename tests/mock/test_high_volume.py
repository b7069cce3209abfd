"""High Volume SMS (A2P): batches, their messages' statuses on the mock's clock, token paging, statuses."""

from __future__ import annotations

import re

import pytest

from ringcentral_mock import MockState
from ringcentral_mock.platform.high_volume import MAX_BATCH_MESSAGES, segment_count
from sample_harness.paths import SHARED_REFERENCE

A2P = "/restapi/v1.0/account/~/a2p-sms"
BATCHES, MESSAGES, STATUSES = f"{A2P}/batches", f"{A2P}/messages", f"{A2P}/statuses"
TOLL_FREE, LOCAL = "+18885550100", "+16505550100"
DELIVERED, CARRIER_FAILED, OPTED_OUT, INVALID = "+16505550201", "+16505550666", "+16505550667", "+1650555020"


@pytest.fixture
def state() -> MockState:
    return MockState("high-volume")


@pytest.fixture
def headers(login):
    return login()


def send(client, headers, recipients, text="Sale ends tonight", sender=TOLL_FREE, **extra):
    body = {"from": sender, "text": text, "messages": [{"to": [n]} for n in recipients], **extra}
    return client.post(BATCHES, headers=headers, json=body)


def error(response) -> tuple[int, str, str | None]:
    body = response.json()
    return response.status_code, body["errorCode"], body.get("parameterName")


# -- Sending a batch -------------------------------------------------------------------------------

def test_a_batch_is_created_processing_with_its_invalid_recipients_rejected(client, headers):
    answer = send(client, headers, [DELIVERED, INVALID, OPTED_OUT])
    assert answer.status_code == 201
    batch = answer.json()
    assert batch["status"] == "Processing" and batch["batchSize"] == 2 and batch["processedCount"] == 0
    assert batch["rejected"] == [{"index": 1, "to": [INVALID], "errorCode": "CMN-100",
                                  "description": "The recipient is invalid"}]
    assert "cost" not in batch  # known once the batch is Completed


def test_rejected_recipients_are_in_the_post_answer_only(client, headers):
    batch = send(client, headers, [DELIVERED, INVALID]).json()
    assert client.get(f"{BATCHES}/{batch['id']}", headers=headers).json()["rejected"] == []


def test_only_us_and_canadian_numbers_are_accepted(client, headers):
    rejected = send(client, headers, ["+447700900123", "16505550201", "+10505550201", DELIVERED]).json()["rejected"]
    assert [r["index"] for r in rejected] == [0, 2]


def test_every_recipient_rejected_leaves_an_empty_completed_batch(client, headers):
    batch = send(client, headers, [INVALID, "+447700900123"]).json()
    assert (batch["batchSize"], batch["status"], len(batch["rejected"])) == (0, "Completed", 2)


def test_a_sender_without_a2p_sms_sender_is_refused(client, headers):
    assert error(send(client, headers, [DELIVERED], sender=LOCAL)) == (403, "CMN-109", "from")


def test_a_sender_not_of_the_account_is_refused(client, headers):
    assert error(send(client, headers, [DELIVERED], sender="+18885550999")) == (404, "CMN-102", "from")


def test_text_over_1000_characters_is_refused(client, headers):
    assert error(send(client, headers, [DELIVERED], text="x" * 1001)) == (400, "CMN-101", "text")
    assert send(client, headers, [DELIVERED], text="x" * 1000).status_code == 201
    own = {"from": TOLL_FREE, "messages": [{"to": [DELIVERED], "text": "y" * 1001}]}
    assert error(client.post(BATCHES, headers=headers, json=own)) == (400, "CMN-101", "messages[0].text")


def test_a_message_without_any_text_is_refused(client, headers):
    body = {"from": TOLL_FREE, "messages": [{"to": [DELIVERED], "text": "Hi"}, {"to": [DELIVERED]}]}
    assert error(client.post(BATCHES, headers=headers, json=body)) == (400, "CMN-101", "messages[1].text")


def test_a_message_to_two_numbers_is_refused(client, headers):
    body = {"from": TOLL_FREE, "text": "Hi", "messages": [{"to": [DELIVERED, OPTED_OUT]}]}
    assert error(client.post(BATCHES, headers=headers, json=body)) == (400, "CMN-101", "messages[0].to")


def test_a_batch_over_the_limit_is_refused(client, headers):
    too_many = [DELIVERED] * (MAX_BATCH_MESSAGES + 1)
    assert error(send(client, headers, too_many, text="Hi")) == (400, "CMN-106", "messages")


def test_each_message_may_have_its_own_text(client, headers):
    body = {"from": TOLL_FREE, "text": "Hello",
            "messages": [{"to": [DELIVERED], "text": "Hi Ana"}, {"to": ["+16505550202"]}]}
    batch = client.post(BATCHES, headers=headers, json=body).json()
    listed = client.get(MESSAGES, headers=headers, params={"batchId": batch["id"], "view": "Detailed"}).json()
    assert {m["to"][0]: m["text"] for m in listed["records"]} == {DELIVERED: "Hi Ana", "+16505550202": "Hello"}


# -- A batch's way, on the mock's clock ------------------------------------------------------------

def test_a_batch_goes_processing_sent_completed_as_the_clock_moves(client, headers, state):
    batch_id = send(client, headers, [DELIVERED, "+16505550202"]).json()["id"]
    seen = []
    for _ in range(4):
        batch = client.get(f"{BATCHES}/{batch_id}", headers=headers).json()
        seen.append((batch["status"], batch["processedCount"]))
        state.clock.advance(5)
    assert seen == [("Processing", 0), ("Processing", 1), ("Sent", 2), ("Completed", 2)]
    assert client.get(f"{BATCHES}/{batch_id}", headers=headers).json()["cost"] == 0.014


def test_each_message_ends_as_the_scenario_says_an_opted_out_one_with_sms_rc_413(client, headers, state):
    batch_id = send(client, headers, [DELIVERED, CARRIER_FAILED, OPTED_OUT]).json()["id"]
    state.clock.advance(60)
    records = client.get(MESSAGES, headers=headers, params={"batchId": batch_id}).json()["records"]
    ends = {m["to"][0]: (m["messageStatus"], m.get("errorCode"), m["cost"]) for m in records}
    assert ends == {DELIVERED: ("Delivered", None, 0.007), CARRIER_FAILED: ("DeliveryFailed", "SMS-CAR-412", 0.007),
                    OPTED_OUT: ("SendingFailed", "SMS-RC-413", 0.0)}


def test_with_no_step_a_batch_is_completed_at_the_first_read(client, headers, state):
    state.scenario["high_volume"]["step_seconds"] = 0
    batch_id = send(client, headers, [DELIVERED]).json()["id"]
    assert client.get(f"{BATCHES}/{batch_id}", headers=headers).json()["status"] == "Completed"


def test_an_unknown_batch_or_message_is_cmn_102(client, headers):
    assert error(client.get(f"{BATCHES}/nope", headers=headers)) == (404, "CMN-102", "batchId")
    assert error(client.get(f"{MESSAGES}/123", headers=headers)) == (404, "CMN-102", "messageId")


def test_a_message_read_alone_has_its_text_and_a_string_id(client, headers):
    send(client, headers, [DELIVERED])
    listed = client.get(MESSAGES, headers=headers).json()["records"][0]
    assert "text" not in listed and isinstance(listed["id"], int)  # the Simple view
    alone = client.get(f"{MESSAGES}/{listed['id']}", headers=headers).json()
    assert alone["id"] == str(listed["id"]) and alone["text"] == "Sale ends tonight"


# -- Lists page by token ---------------------------------------------------------------------------

def test_the_message_list_pages_by_token_to_the_end(client, headers, state):
    recipients = [DELIVERED, "+16505550202", CARRIER_FAILED, OPTED_OUT, "+16505550203"]
    batch_id = send(client, headers, recipients).json()["id"]
    query = {"batchId": batch_id, "perPage": 2}
    pages, token = [], None
    while True:
        body = client.get(MESSAGES, headers=headers, params={**query, **({"pageToken": token} if token else {})}).json()
        pages.append(len(body["records"]))
        assert body["paging"]["perPage"] == 2 and body["paging"]["firstPageToken"]
        token = body["paging"].get("nextPageToken")
        if token is None:
            break
        assert len(pages) < 5, "the list never ends"
    assert pages == [2, 2, 1]
    assert "previousPageToken" in body["paging"]


def test_a_page_token_of_another_query_is_refused(client, headers):
    send(client, headers, [DELIVERED, "+16505550202"])
    token = client.get(MESSAGES, headers=headers, params={"perPage": 1}).json()["paging"]["nextPageToken"]
    refused = client.get(MESSAGES, headers=headers, params={"perPage": 1, "pageToken": token, "view": "Detailed"})
    assert error(refused) == (400, "CMN-101", "pageToken")
    assert error(client.get(MESSAGES, headers=headers, params={"pageToken": "made-up"})) == (400, "CMN-101",
                                                                                              "pageToken")


def test_batches_list_newest_first_and_filter_by_status_and_sender(client, headers, state):
    first = send(client, headers, [DELIVERED]).json()["id"]
    state.clock.advance(60)
    second = send(client, headers, [DELIVERED]).json()["id"]
    listed = client.get(BATCHES, headers=headers).json()["records"]
    assert [b["id"] for b in listed] == [second, first]
    completed = client.get(BATCHES, headers=headers, params={"status": "Completed"}).json()["records"]
    assert [b["id"] for b in completed] == [first]
    by_sender = client.get(BATCHES, headers=headers, params={"from": TOLL_FREE.lstrip("+")}).json()["records"]
    assert len(by_sender) == 2
    assert client.get(BATCHES, headers=headers, params={"from": LOCAL}).json()["records"] == []


def test_message_filters_phone_numbers_at_most_15(client, headers):
    send(client, headers, [DELIVERED, OPTED_OUT])
    one = client.get(MESSAGES, headers=headers, params={"phoneNumber": OPTED_OUT.lstrip("+")}).json()["records"]
    assert [m["to"] for m in one] == [[OPTED_OUT]]
    too_many = client.get(MESSAGES, headers=headers, params={"phoneNumber": [DELIVERED] * 16})
    assert error(too_many) == (400, "CMN-101", "phoneNumber")


# -- Aggregate statuses ----------------------------------------------------------------------------

def test_statuses_count_each_status_with_its_cost_and_error_codes(client, headers, state):
    batch_id = send(client, headers, [DELIVERED, "+16505550202", CARRIER_FAILED, OPTED_OUT]).json()["id"]
    early = client.get(STATUSES, headers=headers, params={"batchId": batch_id}).json()
    assert early["queued"]["count"] == 4
    state.clock.advance(60)
    statuses = client.get(STATUSES, headers=headers, params={"batchId": batch_id}).json()
    assert statuses["delivered"] == {"count": 2, "cost": 0.014}
    assert statuses["deliveryFailed"] == {"count": 1, "cost": 0.007, "errorCodeCounts": {"SMS-CAR-412": 1}}
    assert statuses["sendingFailed"] == {"count": 1, "cost": 0.0, "errorCodeCounts": {"SMS-RC-413": 1}}
    assert statuses["queued"]["count"] == statuses["sent"]["count"] == 0


def test_the_a2p_routes_are_in_the_light_group(client):
    document = client.get("/__mock/openapi.json").json()
    groups = {(method, path): op["x-throttling-group"] for path, item in document["paths"].items()
              if "/a2p-sms/" in path for method, op in item.items()}
    assert len(groups) == 6 and set(groups.values()) == {"Light"}


def test_segments_count_gsm_and_unicode_texts_as_carriers_do():
    assert [segment_count("a" * n) for n in (160, 161, 306, 307)] == [1, 2, 2, 3]
    assert [segment_count("é" * 160), segment_count("Ж" * 70), segment_count("Ж" * 71)] == [1, 1, 2]


def test_the_a2p_batches_scenario_env_names_its_recipients(state):
    recipients = state.env("http://127.0.0.1")["A2P_RECIPIENTS"].split(",")
    assert INVALID in recipients and OPTED_OUT in recipients


# -- The fields are the current API definitions' -----------------------------------------------------

DEFINITIONS = SHARED_REFERENCE / "schemas" / "a2p-schemas.ts.txt"


def definition_fields(name: str) -> set[str]:
    text = DEFINITIONS.read_text("utf-8")
    body = re.search(rf"interface {name} {{(.*?)\n}}", text, re.S)[1]
    return set(re.findall(r"^  (\w+)\?:", body, re.M))


@pytest.mark.parametrize(("definition", "model"), [
    ("MessageBatchResponse", "MessageBatchResponse"),
    ("MessageListMessageResponse", "A2PListedMessage"),
    ("MessageDetailsResponse", "A2PMessageDetails"),
    ("MessageStatusesResponse", "MessageStatusesResponse"),
    ("MessageStatusCounts", "MessageStatusCounts"),
    ("NonEnumeratedPagingModel", "NonEnumeratedPaging"),
    ("RejectedRecipientResponseResource", "RejectedRecipient"),
    ("MessageBatchCreateRequest", "MessageBatchCreateRequest"),
    ("MessageCreateRequest", "A2PMessageRequest"),
])
def test_the_models_have_the_current_definitions_fields(definition, model):
    if not DEFINITIONS.exists():
        pytest.skip(f"{DEFINITIONS} is not here (../shared/reference is beside the project in CI only)")
    from ringcentral_mock.routes import models
    fields = {f.alias or name for name, f in getattr(models, model).model_fields.items()}
    assert fields == definition_fields(definition)
