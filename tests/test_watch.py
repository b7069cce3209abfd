"""make watch: a saved sample is verified again, and the served page shows the new verdict.

It runs on a copy of the guide (GUIDE_ROOT), on one sample's Python cases, with its own port: the
test breaks the sample as a writer might, and reads the page the watch serves until the note
under the sample says it failed, with the first problem.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from sample_harness import guide_copy

DEADLINE = 180.0  # for a cold verify of the sample's cases, a save and the rebuild, on a loaded machine


def served_note(url: str) -> str | None:
    try:
        page = httpx.get(url, timeout=5).text
    except httpx.HTTPError:
        return None
    start = page.find('class="verified-with"')
    return page[start:page.find("</small>", start)] if start >= 0 else None


def wait_for(url: str, wanted: str, proc: subprocess.Popen) -> str:
    ends = time.monotonic() + DEADLINE
    while time.monotonic() < ends:
        note = served_note(url)
        if note and wanted in note:
            return note
        assert proc.poll() is None, "make watch ended on its own"
        time.sleep(1)  # a real process's progress: there is no mock clock to move here
    pytest.fail(f"the served page never said {wanted!r}; its note: {served_note(url)!r}", pytrace=False)


def test_a_broken_sample_shows_its_failure_on_the_served_page(tmp_path):
    guide = guide_copy.copy(tmp_path / "guide")
    with socket.socket() as probe:  # a port free now, for the watch's server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/messaging/list-sms-numbers/"
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"GUIDE_ROOT": str(guide)}
    proc = subprocess.Popen([sys.executable, "-m", "sample_harness.watch", "--dev-addr", f"127.0.0.1:{port}",
                             "-k", "list-sms-numbers and python"], cwd=guide, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(url, "Verified against the mock platform", proc)
        sample = guide / "code-samples" / "messaging" / "list-sms-numbers.py"
        sample.write_text(sample.read_text().replace('print(f"Can send SMS: ', 'print(f"Can send: '))
        note = wait_for(url, "Failed verification on", proc)
        # the first problem ("no output line matches '^Can send SMS: ...'"), or at least where it failed
        assert "Can send SMS" in note or "list-sms-numbers.py" in note, f"the note does not say what failed: {note}"
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
