"""The "What this sends" panel under each tab set of samples: what the mock recorded of the sample's
main case in the last `make verify`, said once where every language sent the same."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from test_verified_with import hook

from sample_harness import catalogue, exchange, exchange_panel, expectations, runs, site, verify_report

LOGIN = {"method": "POST", "path": "/restapi/oauth/token", "query": {}, "status": 200, "via": None,
         "body": {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "${RC_USER_JWT}"}}
LIST = {"method": "GET", "path": "/restapi/v1.0/account/~/extension/~/message-store", "status": 200, "via": None,
        "query": {"messageType": "SMS", "dateFrom": "<time>"}, "body": None}


def test_the_same_requests_are_shown_once_and_said_so():
    lines = exchange_panel.panel({"python": [LOGIN, LIST], "javascript": [LOGIN, LIST]})
    assert lines[0] == '??? sample-exchange "What this sends"'
    text = "\n".join(lines)
    assert "Python and JavaScript send the same requests" in text
    assert text.count("POST /restapi/oauth/token") == 1
    assert "`GET /restapi/v1.0/account/~/extension/~/message-store?messageType=SMS&dateFrom=<time>`: `200`" in text
    assert '"assertion": "${RC_USER_JWT}"' in text


def test_different_requests_are_shown_for_each_language():
    text = "\n".join(exchange_panel.panel({"python": [LOGIN, LIST], "javascript": [LOGIN]}, indent="    "))
    assert "same requests" not in text
    assert "Python sends" in text and "JavaScript sends" in text
    assert all(line.startswith("    ") for line in text.splitlines() if line), "the panel keeps its indent"


def test_a_language_without_a_current_run_is_not_verified():
    assert "Not verified in this build" in "\n".join(exchange_panel.panel({"python": None, "javascript": None}))
    partial = "\n".join(exchange_panel.panel({"python": [LOGIN], "javascript": None, "curl": None}))
    assert "Python sends" in partial and "Not verified in this build: JavaScript and curl." in partial


def test_the_panel_goes_after_the_tab_set_at_its_indent():
    page = ('Text.\n\n=== "Python"\n\n    ```python title="a.py"\n    --8<-- "code-samples/x/a.py:a"\n    ```\n\n'
            '=== "JavaScript"\n\n    ```javascript title="a.js"\n    --8<-- "code-samples/x/a.js:a"\n    ```\n\n'
            'After.\n')
    out = hook.add_panels(page, lambda path: [LOGIN])
    before, after = out.split('??? sample-exchange "What this sends"')
    assert before.endswith('--8<-- "code-samples/x/a.js:a"\n    ```\n\n') and "After." in after
    assert "Python and JavaScript send the same requests" in after.split("After.")[0]


# -- the built site: the panel shows what the mock recorded ------------------------------------

SEND_SMS = [s for s in catalogue.samples() if s.name == "send-sms"]


def test_the_built_panel_shows_what_the_mock_recorded(mock_target, tmp_path, monkeypatch, request):
    """Run send-sms's main case in each language, keep what the mock recorded as `make verify` does,
    build the site from that report: the panel under the tab set lists those very requests."""
    timeout = request.config.getoption("sample_timeout")
    rows, recorded = [], {}
    for sample in SEND_SMS:
        case = expectations.cases_for(sample.name, sample.language)[0]
        outcome = runs.run_case(mock_target, sample.language, sample.path, case, timeout)
        recorded[sample.language] = (outcome.recorded, outcome.settings)
        rows.append({"file": sample.file, "language": sample.language, "case": "", "result": "passed",
                     "page": sample.pages[0], "sample": sample.name, "seconds": 0.1,
                     "exchange": exchange.of(outcome.recorded, outcome.settings)})
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "verify.json").write_text(json.dumps(verify_report.stamped(rows)))
    monkeypatch.setenv("REPORTS_DIR", str(reports))
    built = site.build(tmp_path / "site")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / site.page_path("messaging/sending-an-sms.md") / "index.html").read_text("utf-8")
    panels = BeautifulSoup(html, "html.parser").select(f"details.{exchange_panel.CSS_CLASS}")
    assert panels, "messaging/sending-an-sms.md shows no What this sends panel"
    panel = next(p for p in panels if "/sms" in p.get_text())
    assert "Python, JavaScript and curl send the same requests" in panel.get_text(" ")
    shown = [re.sub(r"\s+", " ", li.find("code").get_text()) + " " + li.find_all("code")[1].get_text()
             for li in panel.select("ol > li")]
    mock_said, settings = recorded["python"]
    assert shown == [f"{r['method']} {r['path']} {r['status']}" for r in mock_said]
    sent = json.loads(panel.select("ol > li")[2].select_one("pre code").get_text())
    body = next(r["body"] for r in mock_said if r["path"].endswith("/sms"))
    assert sent == body | {"to": [{"phoneNumber": "${SMS_RECIPIENT}"}]}
    assert settings["SMS_RECIPIENT"] not in panel.get_text() and "mock-jwt" not in panel.get_text()


def test_a_setting_is_named_only_as_a_whole_word():
    """A run's webhook port of 5055 once made +16505550100 read +16${WEBHOOK_PORT}0100 in one
    language's exchange only, and the parity test saw two different senders."""
    settings = {"WEBHOOK_PORT": "5055", "SMS_RECIPIENT": "+16505550199"}
    assert exchange.as_named(settings, {"from": "+16505550100", "to": "+16505550199", "url": "http://h:5055/x"}) == {
        "from": "+16505550100", "to": "${SMS_RECIPIENT}", "url": "http://h:${WEBHOOK_PORT}/x"}
