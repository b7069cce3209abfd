"""The fault matrix and the Handling errors page agree, and the page's error example is the mock's own."""

from __future__ import annotations

import json
import re
import warnings

import pytest

from ringcentral_mock import MockState, create_app
from ringcentral_mock.control.faults import FaultPlan
from sample_harness import api, expectations
from sample_harness.paths import DOCS, SAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in its test client
    from fastapi.testclient import TestClient

PAGE = DOCS / "messaging" / "handling-errors.md"
TABLE_HEADING = "## What the samples do when things go wrong"
MATRIX = expectations.load(expectations.FAULT_MATRIX)
ERROR_CODE = re.compile(r"[A-Z]{3}-\d{3}")


def page_rows() -> dict[str, str]:
    """The page's fault table: fault name (the first cell, in backticks) -> the whole row."""
    section = PAGE.read_text("utf-8").split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if match := re.match(r"\|\s*`([\w-]+)`\s*\|", line):
            rows[match[1]] = line
    return rows


def test_the_page_lists_the_matrix_faults_in_its_order():
    assert list(page_rows()) == list(MATRIX), (
        f"{PAGE.relative_to(DOCS.parent)}, table under {TABLE_HEADING!r}, lists {list(page_rows())}; "
        f"tests/fault-matrix.toml has {list(MATRIX)}: keep the two in step")


@pytest.mark.parametrize("fault", [name for name, data in MATRIX.items() if ERROR_CODE.search(data.get("stderr", ""))])
def test_the_page_names_the_error_code_the_matrix_expects(fault):
    code = ERROR_CODE.search(MATRIX[fault]["stderr"])[0]
    assert code in page_rows().get(fault, ""), f"the page's row for `{fault}` does not name {code}"


@pytest.mark.parametrize("fault", [name for name, data in MATRIX.items() if "faults" in data])
def test_each_fault_is_one_the_mock_accepts(fault):
    FaultPlan(MATRIX[fault]["faults"])  # a pydantic ValidationError names the field at fault


def test_the_error_body_shown_is_what_the_mock_answers():
    client = TestClient(create_app(MockState()))
    token = client.post(api.TOKEN, headers=api.basic(),
                        data={"grant_type": api.JWT_GRANT, "assertion": "mock-jwt-alice"}).json()["access_token"]
    answer = client.post(api.SMS, headers={"Authorization": f"bearer {token}"}, json=api.sms_body(to="not-a-number"))
    shown = json.loads((SAMPLES / "messaging" / "handling-errors.error-body.json").read_text("utf-8"))
    assert (answer.status_code, answer.json()) == (400, shown)


def test_a_websocket_need_is_met_by_a_connection_alone():
    """`WS /ws` reaches the samples that open a WebSocket, not those that only ask for its token."""
    opens = [{"method": "POST", "path": "/restapi/oauth/wstoken"}, {"method": "WS", "path": "/ws"}]
    assert expectations._applies(["WS /ws"], opens)
    assert not expectations._applies(["WS /ws"], opens[:1])
    assert not expectations._applies(["WS /ws"], [{"method": "POST", "path": "/ws", "via": "websocket"}])
