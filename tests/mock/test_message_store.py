"""GET .../message-store: newest first, the filters a sample needs, and paging with navigation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ringcentral_mock import MockState
from sample_harness.api import MESSAGE_STORE, SMS, sms_body


@pytest.fixture
def state() -> MockState:
    return MockState("message-history")


def iso(state, days_ago: float) -> str:
    moment = datetime.fromtimestamp(state.clock.now(), UTC) - timedelta(days=days_ago)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def listing(client, headers, **query):
    response = client.get(MESSAGE_STORE, headers=headers, params=query)
    assert response.status_code == 200, response.text
    return response.json()


def test_without_date_from_the_list_covers_the_last_24_hours_newest_first(client, login):
    body = listing(client, login())
    times = [r["creationTime"] for r in body["records"]]
    assert len(times) == 7 and times == sorted(times, reverse=True)
    assert body["paging"] == {"page": 1, "perPage": 100, "pageStart": 0, "pageEnd": 6, "totalPages": 1,
                              "totalElements": 7}


def test_direction_and_date_from_filter(client, login, state):
    body = listing(client, login(), direction="Inbound", dateFrom=iso(state, 7))
    assert body["paging"]["totalElements"] == 12
    assert {r["direction"] for r in body["records"]} == {"Inbound"}
    assert listing(client, login(), direction=["Inbound", "Outbound"], dateFrom=iso(state, 7))[
        "paging"]["totalElements"] == 16


def test_date_to_ends_the_window(client, login, state):
    body = listing(client, login(), dateFrom=iso(state, 30), dateTo=iso(state, 7))
    assert [r["subject"] for r in body["records"]] == ["Thanks for dining with us", "Happy new month!"]


def test_message_type_filter(client, login, state):
    assert listing(client, login(), messageType="SMS")["paging"]["totalElements"] == 7
    assert listing(client, login(), messageType="Fax")["records"] == []


def test_pages_follow_navigation_with_the_filters_kept(client, login, state):
    headers = login()
    first = listing(client, headers, direction="Inbound", dateFrom=iso(state, 7), perPage=5)
    assert first["paging"]["totalPages"] == 3 and "previousPage" not in first["navigation"]
    subjects = [r["subject"] for r in first["records"]]
    next_uri = first["navigation"]["nextPage"]["uri"]
    while next_uri:
        page = client.get(next_uri, headers=headers).json()
        subjects += [r["subject"] for r in page["records"]]
        next_uri = page["navigation"].get("nextPage", {}).get("uri")
    assert len(subjects) == len(set(subjects)) == 12
    assert page["paging"] == {"page": 3, "perPage": 5, "pageStart": 10, "pageEnd": 11, "totalPages": 3,
                              "totalElements": 12}


def test_per_page_above_the_maximum_is_capped(client, login):
    assert listing(client, login(), perPage=5000)["paging"]["perPage"] == 1000


@pytest.mark.parametrize(("query", "parameter"), [
    ({"direction": "Sideways"}, "direction"),
    ({"messageType": "Carrier-Pigeon"}, "messageType"),
    ({"dateFrom": "last tuesday"}, "dateFrom"),
    ({"dateFrom": "2026-11-01T00:00:00"}, "dateFrom"),  # no time zone
    ({"page": "0"}, "page"),
])
def test_bad_filters_are_cmn_101_naming_the_parameter(client, login, query, parameter):
    response = client.get(MESSAGE_STORE, headers=login(), params=query)
    assert response.status_code == 400
    assert (response.json()["errorCode"], response.json()["parameterName"]) == ("CMN-101", parameter)


def test_a_sent_message_is_listed_with_its_current_status(client, login, state):
    state.scenario["messages"]["step_seconds"] = 60
    headers = login()
    client.post(SMS, headers=headers, json=sms_body(text="fresh"))
    assert listing(client, headers)["records"][0]["messageStatus"] == "Queued"
    state.clock.advance(120)
    newest = listing(client, headers)["records"][0]
    assert (newest["subject"], newest["messageStatus"]) == ("fresh", "Delivered")


def test_only_the_callers_store_is_listed(client, login):
    assert listing(client, login("mock-jwt-bob"))["records"] == []


def test_read_status_and_availability_filters(client, login, state):
    headers, week = login(), iso(state, 7)
    assert listing(client, headers, readStatus="Read", dateFrom=week)["paging"]["totalElements"] == 4  # outbound
    assert listing(client, headers, readStatus="Unread", dateFrom=week)["paging"]["totalElements"] == 12
    assert listing(client, headers, availability="Alive", dateFrom=week)["paging"]["totalElements"] == 16
    assert listing(client, headers, availability="Deleted", dateFrom=week)["records"] == []


def test_phone_number_and_conversation_select_one_correspondent(client, login, state):
    headers, week = login(), iso(state, 7)
    with_171 = listing(client, headers, phoneNumber="+16505550171", dateFrom=week)["records"]
    assert [r["subject"] for r in with_171] == ["Running 10 minutes late", "Are you on your way?",
                                                "Parcel received, thanks", "Lunch on Thursday?"]
    assert len({r["conversationId"] for r in with_171}) == 1
    same = listing(client, headers, conversationId=with_171[0]["conversationId"], dateFrom=week)["records"]
    assert same == with_171


def test_distinct_conversations_keeps_the_newest_of_each(client, login, state):
    records = listing(client, login(), distinctConversations="true", dateFrom=iso(state, 7))["records"]
    assert [r["from"]["phoneNumber"] for r in records[:3]] == ["+16505550171", "+16505550172", "+16505550173"]
    assert len(records) == len({r["conversationId"] for r in records}) == 7  # 171 to 176, and 666


def test_inbound_copy_shares_the_senders_conversation(client, login, state):
    sent = client.post(SMS, headers=login(), json=sms_body(to="+16505550150")).json()
    inbound = next(m for m in state.messages.values() if m.direction == "Inbound" and m.text == "Hello")
    assert inbound.conversation_id == sent["conversationId"]
