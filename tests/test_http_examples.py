"""The raw request and response examples on the pages: the mock accepts the request, and the
response is one the mock's schema allows and that answers that request.

Mock-bound: the request is sent to the embedded mock with a token from a real login there.
"""

from __future__ import annotations

import pytest

from ringcentral_mock import create_app
from sample_harness import api, http_examples

EXAMPLES = http_examples.examples()


def where(path: str) -> str:
    return f"{path} (shown on {', '.join(http_examples.pages_showing(path))})"


def test_the_pages_show_http_examples():
    assert EXAMPLES, "no page includes a *.request.http / *.response.http example any more"


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_each_request_example_has_its_response(stem):
    assert set(EXAMPLES[stem]) == {"request", "response"}, (
        f"{stem}: pages show only its {', '.join(EXAMPLES[stem])} example; write and include "
        f"{stem}.request.http and {stem}.response.http together")


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_the_request_example_is_accepted_by_the_mock(stem, mock_target):
    mock = mock_target.mock
    if "request" not in EXAMPLES[stem]:
        pytest.skip(f"{stem} has no request example (test_each_request_example_has_its_response fails for it)")
    path = EXAMPLES[stem]["request"]
    request = http_examples.read(path)
    method, target, version = request.start
    assert version == "HTTP/1.1", f"{where(path)}: start line must end in HTTP/1.1, not {version!r}"
    if "content-length" in request.headers:
        assert int(request.headers["content-length"]) == len(request.wire_body), (
            f"{where(path)}: Content-Length is {request.headers['content-length']}, "
            f"the body shown is {len(request.wire_body)} bytes")
    settings = mock.reset()
    login = mock.http.post(api.TOKEN, headers=api.basic(settings["RC_APP_CLIENT_ID"], settings["RC_APP_CLIENT_SECRET"]),
                           data={"grant_type": api.JWT_GRANT, "assertion": settings["RC_USER_JWT"]})
    headers = {k: v for k, v in request.headers.items() if k not in ("host", "content-length", "authorization")}
    headers["authorization"] = f"Bearer {login.json()['access_token']}"
    answer = mock.http.request(method, target, headers=headers, content=request.wire_body)
    assert answer.is_success, f"{where(path)}: the mock refused it with {answer.status_code}: {answer.text}"


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_the_response_example_fits_the_schema_and_its_request(stem):
    if set(EXAMPLES[stem]) != {"request", "response"}:
        pytest.skip(f"{stem} is not a request/response pair (test_each_request_example_has_its_response fails for it)")
    path = EXAMPLES[stem]["response"]
    request, response = (http_examples.read(EXAMPLES[stem][kind]) for kind in ("request", "response"))
    version, status, *_ = response.start
    served = http_examples.response_model(create_app(), *request.start[:2])
    assert served is not None, f"{where(path)}: the mock serves no {' '.join(request.start[:2])}"
    model, answers_with = served
    assert (version, status) == ("HTTP/1.1", str(answers_with)), (
        f"{where(path)}: start line {' '.join(response.start)!r}, the mock answers {answers_with}")
    assert response.headers.get("content-type") == "application/json", f"{where(path)}: Content-Type"
    shown = model.model_validate(response.json)  # a ValidationError names the field and the problem
    unknown = http_examples.unknown_fields(shown, response.json)
    assert not unknown, f"{where(path)}: fields {unknown} are not in {model.__name__}"
    sent = request.json
    assert sent is not None, f"{where(path)}: its request has no JSON body (or JSON part) to compare it with"
    problems = http_examples.mismatches(sent, response.json)
    assert not problems, f"{where(path)} does not answer {EXAMPLES[stem]['request']}: " + "; ".join(problems)


def test_a_multipart_requests_json_part_is_what_the_response_is_compared_with():
    request = http_examples.parse(
        "POST /restapi/v1.0/account/~/extension/~/mms HTTP/1.1\nContent-Type: multipart/form-data; boundary=B\n\n"
        '--B\nContent-Type: application/json\n\n{"text": "Hi"}\n--B\nContent-Type: image/png\n\nPNG\n--B--\n')
    assert request.json == {"text": "Hi"}
    assert b"\n" not in request.wire_body.replace(b"\r\n", b""), "every line of a multipart body ends in CRLF"


def test_a_batch_example_must_answer_its_own_messages():
    sent = {"from": "+18885550100", "text": "Hi", "messages": [{"to": ["+16505550201"]}, {"to": ["+1650555020"]}]}
    answer = {"from": "+18885550100", "batchSize": 1, "rejected": [{"index": 1, "to": ["+1650555020"]}]}
    assert http_examples.mismatches(sent, answer) == []
    wrong = {**answer, "batchSize": 2, "rejected": [{"index": 0, "to": ["+1650555020"]}]}
    assert http_examples.mismatches(sent, wrong) == [
        "batchSize 2 and 1 rejected, the request has 2 messages", "rejected[0] is not the request's messages[0]"]
