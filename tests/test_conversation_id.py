"""The send response's `conversationId` is larger than JavaScript's exact integers: the page says to
read `conversation.id` (a string) instead, and no JavaScript sample reads the number."""

from __future__ import annotations

import json
import re
import subprocess

from sample_harness import catalogue
from sample_harness.paths import DOCS, SAMPLES

RESPONSE = SAMPLES / "messaging" / "send-sms.response.http"
PAGE = DOCS / "messaging" / "sending-an-sms.md"
# `record.conversationId` or `{ conversationId } = record` reads it; `{ conversationId: ... }`, the query
# parameter a sample sends (conversation.id, the string), does not.
READS_THE_NUMBER = re.compile(r"\bconversationId\b(?!\s*:)")


def test_the_response_example_holds_a_conversation_id_that_javascript_rounds():
    body = json.loads(RESPONSE.read_text("utf-8").split("\n\n", 1)[1])
    exact = body["conversationId"]
    assert exact > 2**53 - 1 and body["conversation"]["id"] == str(exact)
    parsed = subprocess.run(["node", "-e", "let s = ''; process.stdin.on('data', d => s += d).on('end', () =>"
                             " console.log(JSON.parse(s).conversationId.toFixed(0)))"],
                            input=json.dumps(body), capture_output=True, text=True, check=True).stdout.strip()
    assert parsed != str(exact), "JSON.parse kept the id exact: the page's warning would be wrong"


def test_the_page_says_to_read_conversation_id_as_a_string():
    text = PAGE.read_text("utf-8")
    assert "`conversation.id`" in text and "Number.MAX_SAFE_INTEGER" in text, (
        f"{PAGE.relative_to(DOCS.parent)} must warn that conversationId loses precision in JavaScript")


def test_no_javascript_sample_reads_the_number():
    found = [f"{sample.file}: line {number} of the shown code reads conversationId; read conversation.id "
             "(a string) instead: the number is beyond JavaScript's exact integers"
             for sample in catalogue.samples() if sample.language == "javascript"
             for number, line in enumerate(sample.shown_code().splitlines(), 1) if READS_THE_NUMBER.search(line)]
    assert not found, "\n".join(found)
