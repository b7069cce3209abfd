"""Every endpoint a page names is one the mock serves, or tests/unserved-endpoints.toml says why not.

A typo in `POST /restapi/.../sms` in a page's prose misleads the reader while every sample still passes;
this reads the pages' inline code (src/sample_harness/page_endpoints.py) and checks each method and path
against the mock's app. The checker itself is proved on small pages first.
"""

from __future__ import annotations

import pytest

from sample_harness import page_endpoints
from sample_harness.page_endpoints import Route

SMS = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/sms"
MESSAGE = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}"
ROUTES = [Route(frozenset({"POST"}), SMS), Route(frozenset({"GET", "PUT"}), MESSAGE),
          Route(frozenset({"POST"}), "/__mock/inbound"), Route(frozenset(), "/ws")]
PAGE = "docs/page.md"


def problems(markdown: str, listed: dict[str, str] | None = None) -> list[str]:
    return page_endpoints.check({PAGE: markdown}, ROUTES, listed or {})


def test_every_endpoint_a_page_names_is_one_the_mock_serves():
    pages = page_endpoints.pages()
    routes = page_endpoints.mock_routes()
    named = [m for page, text in pages.items() for m in page_endpoints.mentions(page, text, frozenset({"restapi"}))]
    assert named, "no page names a /restapi/ endpoint in inline code: the extractor no longer reads the pages"
    found = page_endpoints.check(pages, routes, page_endpoints.unserved())
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_the_routes_are_read_from_the_app_unpublished_ones_included():
    routes = page_endpoints.mock_routes()
    assert Route(frozenset({"POST"}), "/restapi/v1.0/subscription/{subscriptionId}/renew") in routes
    assert Route(frozenset({"POST"}), "/__mock/inbound") in routes
    assert Route(frozenset(), "/ws") in routes


def test_a_wrong_path_is_named_with_its_line_and_the_closest_route():
    page = "# Sending\n\nOne call sends it,\n`POST /restapi/v1.0/account/~/extension/~/smss`.\n"
    assert problems(page) == [
        f"{PAGE}:4: POST /restapi/v1.0/account/~/extension/~/smss: the mock serves no such route "
        "(did you mean POST /restapi/v1.0/account/~/extension/~/sms?)"]


def test_a_method_the_path_is_not_served_with_fails():
    assert problems("Delete it: `DELETE /restapi/v1.0/account/~/extension/~/message-store/{id}`.") == [
        f"{PAGE}:1: DELETE /restapi/v1.0/account/~/extension/~/message-store/{{id}}: the mock serves this path "
        "only with GET, PUT"]
    assert problems("`GET /ws`") == [f"{PAGE}:1: GET /ws: the mock serves this path only as a WebSocket"]


def test_placeholders_tilde_ids_query_strings_urls_and_elisions_pass():
    page = """
`GET /restapi/v1.0/account/~/extension/~/message-store/{id}?view=Simple`,
`PUT /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}`,
`/restapi/v1.0/account/~/extension/~/message-store/123`, `GET /restapi/v1.0/account/1/extension/2/message-store/3`,
`ws://127.0.0.1:PORT/ws`, `POST .../sms`, `platform.post('/restapi/v1.0/account/~/extension/~/sms')`,
`POST
/__mock/inbound` over two lines
"""
    assert problems(page) == []


def test_a_word_or_placeholder_does_not_fill_a_segment_it_does_not_match():
    assert len(problems("`/restapi/v1.0/account/~/extension/~/message-store/instant`")) == 1
    assert len(problems("`POST /restapi/v1.0/account/~/extension/{id}/mms`")) == 1
    assert len(problems("`POST /restapi/v1.0/account/~/{extension}/~/sms`")) == 1
    assert len(problems("`POST .../smss`")) == 1


def test_only_endpoints_are_read():
    page = "`GET`, `/sms`, `tests/mock/test_x.py`, `https://platform.ringcentral.com`, `.../anything`, `/usr/bin/x`"
    assert problems(page) == []


def test_a_span_in_a_fenced_block_is_ignored():
    page = ("Prose.\n\n```text\n`POST /restapi/nothing`\n```\n\n!!! note\n\n    ~~~~python\n"
            "    x = '`GET /__mock/nothing`'\n    ~~~~\n\nAfter: `POST /__mock/nothing`\n")
    assert problems(page) == [f"{PAGE}:13: POST /__mock/nothing: the mock serves no such route "
                              "(did you mean POST /__mock/inbound?)"]


def test_a_span_in_an_admonition_or_a_table_cell_is_read():
    page = ("!!! tip \"Sending\"\n\n    Call `POST /__mock/inbounds`.\n\n"
            "| Rule | Status |\n| --- | --- |\n| `GET /__mock/inbound` answers | 200 |\n")
    assert problems(page) == [
        f"{PAGE}:3: POST /__mock/inbounds: the mock serves no such route (did you mean POST /__mock/inbound?)",
        f"{PAGE}:7: GET /__mock/inbound: the mock serves this path only with POST"]


def test_a_listed_endpoint_passes_and_a_stale_entry_fails():
    instant = "/restapi/v1.0/account/~/extension/~/message-store/instant"
    assert problems(f"Filter: `{instant}?type=SMS`", {instant: "an event filter"}) == []
    assert problems("No endpoint here.", {instant: "an event filter"}) == [
        f'tests/unserved-endpoints.toml: "{instant}" is named by no page any more: remove it']
    assert problems("`POST /__mock/inbound`", {"POST /__mock/inbound": "once unserved"}) == [
        'tests/unserved-endpoints.toml: "POST /__mock/inbound" is served by the mock now: remove it']
    assert problems(f"`{instant}`", {instant: " "}) == [
        f'tests/unserved-endpoints.toml: "{instant}" has no reason: say why the mock does not serve it']
