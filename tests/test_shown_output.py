"""The output block a page shows under a sample is compared with what the sample printed
(tests/test_samples.py does it for every main case); here, that the comparison catches a difference."""

from __future__ import annotations

from sample_harness import catalogue, shown_output

SEND_SMS = next(s for s in catalogue.samples() if s.id == "send-sms[python]")
PRINTED = ("Sending from +16505550100 to +16505550199\nSMS sent. Message id: 50000001\n"
           "Message status: Delivered\n")


def test_the_pages_showing_send_sms_output_are_found():
    assert {i.page for i in shown_output.shown_by(SEND_SMS)} == {"messaging/quick-start.md",
                                                                "messaging/sending-an-sms.md"}


def test_what_the_sample_prints_matches_every_block():
    assert shown_output.problems(SEND_SMS, PRINTED) == []


def test_a_different_id_is_named_with_the_page_line_and_the_block_line():
    problems = [str(p) for p in shown_output.problems(SEND_SMS, PRINTED.replace("50000001", "50000002"))]
    assert len(problems) == len(shown_output.shown_by(SEND_SMS)) == 6  # 2 pages, 3 tabs each
    assert ("messaging/quick-start.md:55 (code-samples/messaging/send-sms.output.txt) line 2 shows "
            "'SMS sent. Message id: 50000001', but the sample printed 'SMS sent. Message id: 50000002'") in problems


def test_a_missing_or_extra_line_counts_and_times_are_masked():
    assert shown_output.problems(SEND_SMS, PRINTED.rsplit("\n", 2)[0] + "\n")[0].actual == "(no line)"
    assert shown_output.problems(SEND_SMS, PRINTED + "extra\n")[0].expected == "(no line)"
    assert shown_output.TIME.sub("t", "since 2026-11-21T00:00:00.000Z") == "since t"
